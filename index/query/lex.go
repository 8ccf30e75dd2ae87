package query

import (
	"fmt"
	"strings"
	"unicode"
)

type tokKind int

const (
	tWord tokKind = iota
	tQuoted
	tOr
	tAnd
	tNot
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
//
// Brackets typed with a Chinese input method (（）) group like ( and ) when
// they stand where a group can: （ at the start of a token, ） closing a group
// that is open. Inside a word they are text, so 示范区（高新区） stays one term.
func lex(q string) []token {
	rs := []rune(q)
	var toks []token
	depth := 0 // groups open
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isBreak(r):
			i++
		case r == '"' || r == '“' || r == '”':
			end := closeQuote(rs, i+1)
			if end < 0 {
				return append(toks, token{kind: tBadQuote, text: string(rs[i:]), pos: i})
			}
			toks = append(toks, token{kind: tQuoted, text: string(rs[i+1 : end]), pos: i})
			i = end + 1
		case r == '(' || r == '（':
			toks = append(toks, token{kind: tLParen, text: string(r), pos: i})
			depth++
			i++
		case r == ')' || r == '）' && depth > 0:
			toks = append(toks, token{kind: tRParen, text: string(r), pos: i})
			depth = max(depth-1, 0)
			i++
		case (r == '-' || r == '－') && (i == 0 || isBreak(rs[i-1]) || rs[i-1] == '(' || rs[i-1] == '（'):
			toks = append(toks, token{kind: tMinus, text: "-", pos: i})
			i++
		default:
			j := wordEnd(rs, i, depth)
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
			toks = append(toks, word(string(rs[i:j]), i))
			i = j
		}
	}
	return toks
}

// wordEnd is where the word starting at i ends: at a space, a quote, a
// half-width bracket, or a full-width ） that closes an open group (one
// opened inside the word is the word's own).
func wordEnd(rs []rune, i, depth int) int {
	own := 0
	j := i
	for ; j < len(rs); j++ {
		r := rs[j]
		if isBreak(r) || r == '(' || r == ')' || isQuote(r) {
			break
		}
		if r == '（' {
			own++
		}
		if r == '）' {
			if own == 0 && depth > 0 {
				break
			}
			own = max(own-1, 0)
		}
	}
	return j
}

// word classifies a bare word: the operators in capitals, else text.
func word(w string, pos int) token {
	k := tWord
	switch w {
	case "OR", "或", "|":
		k = tOr
	case "AND":
		k = tAnd
	case "NOT":
		k = tNot
	}
	return token{kind: k, text: w, pos: pos}
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
func isBreak(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u3000'
}

// lowerOperators reads or, and, not typed in lower (or mixed) case as the
// operators when the words beside them are Chinese, as an input method
// types them: 口罩 or 防护. Between Latin words (rock or roll) they stay
// words. Either way a hint says what was done.
func (p *parser) lowerOperators() {
	for k := range p.toks {
		t := &p.toks[k]
		low := strings.ToLower(t.text)
		if t.kind != tWord || t.text == strings.ToUpper(t.text) || (low != "or" && low != "and" && low != "not") {
			continue
		}
		op := strings.ToUpper(low)
		before, after := p.neighbour(k, -1), p.neighbour(k, 1)
		chinese := hasHan(after) && (low == "not" || hasHan(before))
		if !chinese {
			p.hint(t.pos, fmt.Sprintf("%q is searched as a word; to mean %s, write it in capitals", t.text, op),
				fmt.Sprintf("“%s”按普通词搜索；要表示“%s”，请写大写的 %s", t.text, opZh[op], op))
			continue
		}
		*t = word(op, t.pos)
		p.hint(t.pos, fmt.Sprintf("lower-case %q was read as %s; put it in quotes to search for the word", low, op),
			fmt.Sprintf("小写的“%s”已当作 %s（%s）；要搜索这个词请加引号", low, op, opZh[op]))
	}
}

var opZh = map[string]string{"OR": "或者", "AND": "并且", "NOT": "排除"}

// neighbour is the text of the nearest word or phrase before (dir -1) or
// after (dir 1) token k, brackets and minus signs skipped.
func (p *parser) neighbour(k, dir int) string {
	for j := k + dir; j >= 0 && j < len(p.toks); j += dir {
		switch p.toks[j].kind {
		case tWord, tQuoted:
			return p.toks[j].text
		case tLParen, tRParen, tMinus:
			continue
		}
		return ""
	}
	return ""
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
