package index

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"baosou/index/fold"
	"baosou/index/query"
)

// snippetWidth is about how many characters of body a hit shows.
const snippetWidth = 80

// snippetScan bounds the bytes of body searched for a snippet's match.
const snippetScan = 256 << 10

// Our own highlighter, not Bleve's: Bleve's splits a match on CJK pairs and
// leaves its last character plain, and needs term vectors we do not keep.
// We find each term's search form in the search form of the displayed text and
// map the match back through fold.Map, so spans land on the printed characters
// even where the query was typed in another width or script.

// hlTerm is one positive term of a query and where it is highlighted.
type hlTerm struct {
	form            []rune
	inTitle, inBody bool
}

// MarshalJSON writes a span as [start, end].
func (s Span) MarshalJSON() ([]byte, error) { return json.Marshal([2]int{s.Start, s.End}) }

// UnmarshalJSON reads a span written as [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var a [2]int
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	s.Start, s.End = a[0], a[1]
	return nil
}

// highlightTerms collects the terms a reader expects to see marked: every
// term not under a NOT.
func highlightTerms(p *plan) []hlTerm {
	var out []hlTerm
	var walk func(n query.Node, neg bool)
	walk = func(n query.Node, neg bool) {
		switch n := n.(type) {
		case *query.Term:
			if !neg && n.Field != "reporter" && p.needles[n] != nil {
				out = append(out, hlTerm{form: []rune(string(p.needles[n])), inTitle: true, inBody: n.Field == ""})
			}
		case *query.Not:
			walk(n.X, !neg)
		case *query.And:
			for _, c := range n.Xs {
				walk(c, neg)
			}
		case *query.Or:
			for _, c := range n.Xs {
				walk(c, neg)
			}
		}
	}
	walk(p.root, false)
	return out
}

// Highlight returns the spans of every match of q's terms in d.Body and d.Title.
func (l *Library) Highlight(d *Doc, q string) (body, title []Span, err error) {
	root, err := query.Parse(q)
	if err != nil {
		return nil, nil, err
	}
	p, err := newPlan(root)
	if err != nil {
		return nil, nil, err
	}
	body, title = spansFor(d, highlightTerms(p))
	return body, title, nil
}

func spansFor(d *Doc, terms []hlTerm) (body, title []Span) {
	var bt, tt [][]rune
	for _, t := range terms {
		if t.inBody {
			bt = append(bt, t.form)
		}
		if t.inTitle {
			tt = append(tt, t.form)
		}
	}
	return Spans(d.Body, bt), Spans(d.Title, tt)
}

// Spans finds every occurrence of each needle (in search form) in the search
// form of text, and returns them as sorted spans of text, overlaps merged.
func Spans(text string, needles [][]rune) []Span {
	if len(needles) == 0 || text == "" {
		return []Span{}
	}
	form, src := fold.Map(text)
	var out []Span
	for _, n := range needles {
		if len(n) == 0 {
			continue
		}
		for i := 0; i+len(n) <= len(form); i++ {
			if form[i] != n[0] || !runesEqual(form[i:i+len(n)], n) {
				continue
			}
			out = append(out, Span{int(src[i]), int(src[i+len(n)-1]) + 1})
		}
	}
	return mergeSpans(out)
}

func runesEqual(a, b []rune) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func mergeSpans(s []Span) []Span {
	if len(s) == 0 {
		return []Span{}
	}
	sort.Slice(s, func(i, j int) bool { return s[i].Start < s[j].Start || s[i].Start == s[j].Start && s[i].End > s[j].End })
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.Start < last.End {
			if x.End > last.End {
				last.End = x.End
			}
			continue
		}
		out = append(out, x)
	}
	return out
}

// snippet cuts about width characters of body around its densest cluster of
// matches, line breaks shown as spaces, with the spans that fall inside it.
func snippet(body string, spans []Span, width int) (string, []Span) {
	rs := []rune(body)
	start, end := 0, len(rs)
	if len(rs) > width {
		start = snippetStart(spans, width)
		if start+width > len(rs) {
			start = len(rs) - width
		}
		end = start + width
	}
	var b strings.Builder
	pre := 0
	if start > 0 {
		b.WriteString("…")
		pre = 1
	}
	b.WriteString(strings.ReplaceAll(string(rs[start:end]), "\n", " "))
	if end < len(rs) {
		b.WriteString("…")
	}
	out := []Span{}
	for _, s := range spans {
		if s.End <= start || s.Start >= end {
			continue
		}
		out = append(out, Span{max(s.Start, start) - start + pre, min(s.End, end) - start + pre})
	}
	return b.String(), out
}

// snippetStart picks where a snippet begins: a little before the match that
// has the most other matches within the snippet after it.
func snippetStart(spans []Span, width int) int {
	if len(spans) == 0 {
		return 0
	}
	best, bestN := 0, 0
	for i, s := range spans {
		n := 0
		for _, t := range spans[i:] {
			if t.End > s.Start+width*3/4 {
				break
			}
			n++
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return max(0, spans[best].Start-width/4)
}

func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }
