// Package query parses Baosou's search language into a tree.
//
// The language, as a user types it:
//
//	疫情 复工          both terms (white space is AND; AND may be written)
//	口罩 OR 防护       either term (或 and | too)
//	疫情 -北京         the first without the second (NOT 北京 too)
//	"复工复产"         an exact phrase, spaces and punctuation included
//	(口罩 OR 防护) 企业  grouping; full-width （ ） group too
//	title:复工  标题:复工               in the headline only
//	reporter:郭树勋  记者:郭树勋        the reporter's name (the index also looks at photographers)
//	photographer:郭树勋  摄影:郭树勋    the photographer's name (photo captions)
//	newspaper:焦作日报  报名:焦作日报   the newspaper's name
//	page:3  版:3  page:1..4  版:第3版   the page (版次), a number or a range
//	date:2020-02-26  date:2020-02  date:2020  date:2020-02-24..2020-02-28  日期:…
//	date:02-26  date:2月26日  date:02-24..03-01   month and day in any year, the unknown year included
//
// Typed with a Chinese input method: full-width brackets （ ） group where a
// group can start or end and are text inside a word (示范区（高新区）); the
// lower-case or, and, not between Chinese words are the operators, between
// Latin words they are words. An unknown field name is text, so a web address
// (http://www.debian.org) or a typo (titel:复工) is searched as typed. Where
// the parser read something in one of these ways, Hints says so.
//
// A term matches as a substring of the text's search form (see package fold),
// so one Chinese character is a term like any other. OR binds looser than AND.
//
// The tree, for the search engine that compiles it: *Term (Field "" means
// headline or body; "title", "reporter", "photographer" or "newspaper" one
// field), *Not, *And, *Or, *DateRange (yyyymmdd, matched against the
// article's date or its page's publication date), *MonthDay (mmdd in any
// year, the same dates, unknown years included) and *PageRange (page numbers).
package query

import (
	"fmt"
	"strconv"
	"strings"
)

// Node is one part of a parsed query: *Term, *Not, *And, *Or, *DateRange,
// *MonthDay or *PageRange.
type Node interface{ node() }

// Term is a word or quoted phrase to find, optionally in one field.
type Term struct {
	Field  string // "" (headline or body), "title", "reporter", "photographer" or "newspaper"
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

// MonthDay matches articles dated From..To inclusive, as mmdd numbers (0226),
// in any year, dates whose year is unknown (--02-26) included. From <= To:
// a range does not wrap around the new year.
type MonthDay struct {
	From, To int
	Pos      int
}

// PageRange matches articles printed on pages (版次) From..To inclusive.
type PageRange struct {
	From, To int
	Pos      int
}

func (*Term) node()      {}
func (*Not) node()       {}
func (*And) node()       {}
func (*Or) node()        {}
func (*DateRange) node() {}
func (*MonthDay) node()  {}
func (*PageRange) node() {}

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

// Hint is something the parser read in one of two possible ways, said so
// the user can tell: a lower-case or taken as OR, an unknown field searched
// as text. Pos is a rune offset into the query.
type Hint struct {
	Pos int
	Msg string // in English
	Zh  string // in Chinese
}

// fields maps every accepted field name to its canonical name.
var fields = map[string]string{
	"title": "title", "标题": "title", "題": "title", "标": "title",
	"reporter": "reporter", "记者": "reporter", "author": "reporter", "作者": "reporter",
	"photographer": "photographer", "摄影": "photographer",
	"newspaper": "newspaper", "报名": "newspaper", "报纸": "newspaper",
	"page": "page", "版": "page", "版次": "page",
	"date": "date", "日期": "date",
}

const (
	fieldList   = "title:, reporter:, photographer:, newspaper:, page:, date:"
	fieldListZh = "标题:、记者:、摄影:、报名:、版:、日期:"
)

// Parse parses q. An empty or all-space query gives a nil Node and no error.
func Parse(q string) (Node, error) {
	n, _, err := parse(q)
	return n, err
}

// Hints says where Parse read q in one of two possible ways (see Hint).
func Hints(q string) []Hint {
	_, hints, _ := parse(q)
	return hints
}

func parse(q string) (Node, []Hint, error) {
	p := &parser{query: q, toks: lex(q)}
	if err := p.lexErr(); err != nil {
		return nil, nil, err
	}
	if len(p.toks) == 0 {
		return nil, nil, nil
	}
	p.lowerOperators()
	n := p.parseOr()
	if p.err == nil && p.i < len(p.toks) {
		t := p.toks[p.i]
		p.fail(t.pos, fmt.Sprintf("unexpected %q", t.text), fmt.Sprintf("这里不该出现“%s”", t.text))
	}
	if p.err != nil {
		return nil, p.hints, p.err
	}
	return n, p.hints, nil
}

type parser struct {
	query string
	toks  []token
	i     int
	err   *SyntaxError
	hints []Hint
}

func (p *parser) fail(pos int, msg, zh string) {
	if p.err == nil {
		p.err = &SyntaxError{Query: p.query, Pos: pos, Msg: msg, Zh: zh}
	}
}

func (p *parser) hint(pos int, msg, zh string) {
	p.hints = append(p.hints, Hint{Pos: pos, Msg: msg, Zh: zh})
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

// ends reports whether t cannot start a term: the end, OR, AND or ')'.
func ends(t *token) bool {
	return t == nil || t.kind == tOr || t.kind == tAnd || t.kind == tRParen
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
		if n := p.peek(); ends(n) {
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
		if t != nil && t.kind == tAnd {
			p.i++
			if len(xs) == 0 || ends(p.peek()) {
				p.fail(t.pos, "AND needs a term on both sides", "AND 两边都要有词")
				return nil
			}
			continue
		}
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
	if t.kind != tMinus && t.kind != tNot {
		return p.parsePrimary()
	}
	p.i++
	n := p.peek()
	if ends(n) || n.kind == tMinus || n.kind == tNot {
		if t.kind == tNot {
			p.fail(t.pos, "NOT needs a term after it, e.g. NOT 北京", "NOT 后面要有要排除的词，如 NOT 北京")
		} else {
			p.fail(t.pos, "'-' needs a term right after it, e.g. -北京", "减号后面要紧跟要排除的词，如 -北京")
		}
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
		return p.unknownField(t, name, value, quoted)
	}
	if value == "" {
		p.fail(t.pos, fmt.Sprintf("%s: needs a value right after the colon", name), fmt.Sprintf("“%s:”后面要紧跟内容", name))
		return nil
	}
	switch field {
	case "date":
		return p.dateRange(value, t.pos)
	case "page":
		return p.pageRange(value, t.pos)
	}
	return &Term{Field: field, Text: value, Phrase: quoted, Pos: t.pos}
}

// unknownField is name:value with a name that is no field: text, as typed.
// A web address (http://…) is what it looks like; anything else gets a hint.
func (p *parser) unknownField(t *token, name, value string, quoted bool) Node {
	text := t.text
	if quoted {
		text = name + ":" + value
	}
	if !strings.HasPrefix(value, "//") {
		p.hint(t.pos, fmt.Sprintf("there is no field %q, so %q is searched as text (fields: %s)", name, text, fieldList),
			fmt.Sprintf("没有“%s:”这个字段，已按文字搜索“%s”（可用字段：%s）", name, text, fieldListZh))
	}
	return &Term{Text: text, Phrase: quoted, Pos: t.pos}
}

// pageRange parses the value of page:, a page number or two joined by "..";
// 第3版 is page 3.
func (p *parser) pageRange(v string, pos int) Node {
	from, to, isRange := strings.Cut(v, "..")
	if !isRange {
		to = from
	}
	lo, err1 := pageNumber(from)
	hi, err2 := pageNumber(to)
	switch {
	case err1 == nil && err2 == nil && hi < lo:
		p.fail(pos, fmt.Sprintf("bad page %q: the range ends before it starts", v), fmt.Sprintf("版次“%s”无效：范围的结尾在开头之前", v))
	case err1 != nil || err2 != nil:
		p.fail(pos, fmt.Sprintf("bad page %q: use a number, e.g. page:3 or page:1..4", v), fmt.Sprintf("版次“%s”无效，应写数字，如 版:3 或 版:1..4", v))
	default:
		return &PageRange{From: lo, To: hi, Pos: pos}
	}
	return nil
}

func pageNumber(s string) (int, error) {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "第"), "版")
	n, err := strconv.Atoi(s)
	if err == nil && (n < 1 || n > 9999) {
		err = fmt.Errorf("no page %d", n)
	}
	return n, err
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
