// Package query parses Baosou's search language into a tree.
//
// The language, as a user types it:
//
//	疫情 复工          both terms (white space is AND)
//	口罩 OR 防护       either term
//	疫情 -北京         the first without the second
//	"复工复产"         an exact phrase, spaces and punctuation included
//	(口罩 OR 防护) 企业  grouping
//	title:复工  标题:复工           in the headline only
//	reporter:郭树勋  记者:郭树勋    in the reporter's name
//	date:2020-02-26  date:2020-02  date:2020  date:2020-02-24..2020-02-28  日期:…
//
// A term matches as a substring of the text's search form (see package fold),
// so one Chinese character is a term like any other. OR binds looser than AND.
package query

import (
	"fmt"
	"strings"
	"unicode"
)

// Node is one part of a parsed query: *Term, *Not, *And, *Or or *DateRange.
type Node interface{ node() }

// Term is a word or quoted phrase to find, optionally in one field.
type Term struct {
	Field  string // "" (headline or body), "title" or "reporter"
	Text   string // as typed, quotes removed
	Phrase bool   // typed in quotes
	Pos    int    // rune offset of the term (its field prefix included) in the query
}

// Not excludes the articles its operand matches.
type Not struct {
	X   Node
	Pos int
}

// And matches articles that all its operands match.
type And struct{ Xs []Node }

// Or matches articles that any of its operands match.
type Or struct{ Xs []Node }

// DateRange matches articles dated From..To inclusive, as yyyymmdd numbers.
type DateRange struct {
	From, To int
	Pos      int
}

func (*Term) node()      {}
func (*Not) node()       {}
func (*And) node()       {}
func (*Or) node()        {}
func (*DateRange) node() {}

// SyntaxError is a query that cannot be parsed; Pos is a rune offset into it.
type SyntaxError struct {
	Query string
	Pos   int
	Msg   string // in English, for the CLI
	Zh    string // the same in Chinese, for the desktop app
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("query error at position %d: %s", e.Pos+1, e.Msg)
}

// fields maps every accepted field name to its canonical name.
var fields = map[string]string{
	"title": "title", "标题": "title", "題": "title", "标": "title",
	"reporter": "reporter", "记者": "reporter", "author": "reporter", "作者": "reporter",
	"date": "date", "日期": "date",
}

// Parse parses q. An empty or all-space query gives a nil Node and no error.
func Parse(q string) (Node, error) {
	p := &parser{query: q, toks: lex(q)}
	if p.err != nil {
		return nil, p.err
	}
	if err := p.lexErr(); err != nil {
		return nil, err
	}
	if len(p.toks) == 0 {
		return nil, nil
	}
	n := p.parseOr()
	if p.err == nil && p.i < len(p.toks) {
		t := p.toks[p.i]
		p.fail(t.pos, fmt.Sprintf("unexpected %q", t.text), fmt.Sprintf("这里不该出现“%s”", t.text))
	}
	if p.err != nil {
		return nil, p.err
	}
	return n, nil
}

type tokKind int

const (
	tWord tokKind = iota
	tQuoted
	tOr
	tMinus
	tLParen
	tRParen
	tBadQuote
)

type token struct {
	kind  tokKind
	text  string
	pos   int
	field string // for field:"phrase", the name before the colon
}

// lex splits q into tokens. Control characters count as spaces.
func lex(q string) []token {
	rs := []rune(q)
	var toks []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u3000':
			i++
		case r == '"' || r == '“' || r == '”':
			end := closeQuote(rs, i+1)
			if end < 0 {
				return append(toks, token{kind: tBadQuote, text: string(rs[i:]), pos: i})
			}
			toks = append(toks, token{kind: tQuoted, text: string(rs[i+1 : end]), pos: i})
			i = end + 1
		case r == '(':
			toks = append(toks, token{kind: tLParen, text: string(r), pos: i})
			i++
		case r == ')':
			toks = append(toks, token{kind: tRParen, text: string(r), pos: i})
			i++
		case (r == '-' || r == '－') && (i == 0 || isBreak(rs[i-1]) || rs[i-1] == '('):
			toks = append(toks, token{kind: tMinus, text: "-", pos: i})
			i++
		default:
			j := i
			for j < len(rs) && !isBreak(rs[j]) && !isParen(rs[j]) && !isQuote(rs[j]) {
				j++
			}
			if j < len(rs) && isQuote(rs[j]) && j > i && rs[j-1] == ':' {
				// field:"quoted phrase"
				end := closeQuote(rs, j+1)
				if end < 0 {
					return append(toks, token{kind: tBadQuote, text: string(rs[j:]), pos: j})
				}
				toks = append(toks, token{tQuoted, string(rs[j+1 : end]), i, string(rs[i : j-1])})
				i = end + 1
				continue
			}
			w := string(rs[i:j])
			k := tWord
			if w == "OR" || w == "或" || w == "|" {
				k = tOr
			}
			toks = append(toks, token{kind: k, text: w, pos: i})
			i = j
		}
	}
	return toks
}

func closeQuote(rs []rune, from int) int {
	for k := from; k < len(rs); k++ {
		if isQuote(rs[k]) {
			return k
		}
	}
	return -1
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }
func isParen(r rune) bool { return r == '(' || r == ')' }
func isBreak(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u3000'
}

type parser struct {
	query string
	toks  []token
	i     int
	err   *SyntaxError
}

func (p *parser) fail(pos int, msg, zh string) {
	if p.err == nil {
		p.err = &SyntaxError{Query: p.query, Pos: pos, Msg: msg, Zh: zh}
	}
}

func (p *parser) lexErr() error {
	for _, t := range p.toks {
		if t.kind == tBadQuote {
			return &SyntaxError{Query: p.query, Pos: t.pos, Msg: "this quote is never closed", Zh: "引号没有配对：缺少后引号"}
		}
	}
	return nil
}

func (p *parser) peek() *token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *parser) parseOr() Node {
	var xs []Node
	for {
		if t := p.peek(); t != nil && t.kind == tOr {
			p.fail(t.pos, "OR needs a term before it", "OR 前面缺少词")
			return nil
		}
		x := p.parseAnd()
		if p.err != nil {
			return nil
		}
		xs = append(xs, x)
		t := p.peek()
		if t == nil || t.kind != tOr {
			break
		}
		p.i++
		if n := p.peek(); n == nil || n.kind == tRParen || n.kind == tOr {
			p.fail(t.pos, "OR needs a term after it", "OR 后面缺少词")
			return nil
		}
	}
	if len(xs) == 1 {
		return xs[0]
	}
	return &Or{Xs: xs}
}

func (p *parser) parseAnd() Node {
	var xs []Node
	for {
		t := p.peek()
		if t == nil || t.kind == tOr || t.kind == tRParen {
			break
		}
		x := p.parseUnary()
		if p.err != nil {
			return nil
		}
		xs = append(xs, x)
	}
	switch len(xs) {
	case 0:
		if t := p.peek(); t != nil {
			p.fail(t.pos, fmt.Sprintf("unexpected %q", t.text), fmt.Sprintf("这里不该出现“%s”", t.text))
		} else {
			p.fail(len([]rune(p.query)), "the query ends too soon: a term is missing", "查询不完整：缺少词")
		}
		return nil
	case 1:
		return xs[0]
	}
	return &And{Xs: xs}
}

func (p *parser) parseUnary() Node {
	t := p.peek()
	if t.kind != tMinus {
		return p.parsePrimary()
	}
	p.i++
	n := p.peek()
	if n == nil || n.kind == tOr || n.kind == tRParen || n.kind == tMinus {
		p.fail(t.pos, "'-' needs a term right after it, e.g. -北京", "减号后面要紧跟要排除的词，如 -北京")
		return nil
	}
	x := p.parsePrimary()
	if p.err != nil {
		return nil
	}
	return &Not{X: x, Pos: t.pos}
}

func (p *parser) parsePrimary() Node {
	t := p.peek()
	p.i++
	switch t.kind {
	case tLParen:
		x := p.parseOr()
		if p.err != nil {
			return nil
		}
		if c := p.peek(); c == nil || c.kind != tRParen {
			p.fail(t.pos, "this parenthesis is never closed", "括号没有配对：缺少右括号")
			return nil
		}
		p.i++
		return x
	case tRParen:
		p.fail(t.pos, "')' without '('", "多了一个右括号")
		return nil
	case tQuoted:
		return p.fieldTerm(t, true)
	}
	return p.fieldTerm(t, false)
}

// fieldTerm parses a word or quoted phrase, with an optional field prefix.
func (p *parser) fieldTerm(t *token, quoted bool) Node {
	name, value := t.field, t.text
	if name == "" {
		if quoted {
			return &Term{Text: t.text, Phrase: true, Pos: t.pos}
		}
		var ok bool
		if name, value, ok = cutColon(t.text); !ok || !isFieldName(name) {
			return &Term{Text: t.text, Pos: t.pos}
		}
	}
	field, known := fields[strings.ToLower(name)]
	if !known {
		p.fail(t.pos, fmt.Sprintf("unknown field %q: use title:, reporter: or date: (标题:, 记者:, 日期:)", name),
			fmt.Sprintf("没有“%s:”这个字段，可用 标题:、记者:、日期:（title:、reporter:、date:）", name))
		return nil
	}
	if value == "" {
		p.fail(t.pos, fmt.Sprintf("%s: needs a value right after the colon", name), fmt.Sprintf("“%s:”后面要紧跟内容", name))
		return nil
	}
	if field == "date" {
		return p.dateRange(value, t.pos)
	}
	return &Term{Field: field, Text: value, Phrase: quoted, Pos: t.pos}
}

// isFieldName reports whether s, typed before a colon, is meant as a field
// name: ASCII letters, or one of the Chinese names. Other text with a colon
// (会议指出：) is a term.
func isFieldName(s string) bool {
	if _, ok := fields[s]; ok {
		return true
	}
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return true
}

func cutColon(s string) (before, after string, ok bool) {
	if b, a, ok := strings.Cut(s, ":"); ok {
		return b, a, true
	}
	return strings.Cut(s, "：")
}
