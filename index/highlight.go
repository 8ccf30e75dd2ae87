package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"baosou/index/fold"
	"baosou/index/query"
)

// snippetWidth is about how many characters of body a hit shows.
const snippetWidth = 80

// Our own highlighter, not Bleve's: Bleve's splits a match on CJK pairs and
// leaves its last character plain, and needs term vectors we do not keep.
// We find each term's search form in the search form of the displayed text and
// map the match back through fold.Map, so spans land on the printed characters
// even where the query was typed in another width or script.

// hlTerm is one positive term of a query and where it is highlighted.
type hlTerm struct {
	form            []rune
	needle          []byte // form as UTF-8
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
			// A reporter's or photographer's name is marked where the body
			// prints it, in the byline or the photo's credit.
			if !neg && p.needles[n] != nil {
				byline := n.Field == "reporter" || n.Field == "photographer"
				out = append(out, hlTerm{form: []rune(string(p.needles[n])), needle: p.needles[n], inTitle: n.Field == "" || n.Field == "title",
					inBody: n.Field == "" || byline})
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

// snippetFor cuts the snippet of a hit from its whole body, where the docs
// file keeps it as plain text (not as a diff of its search form): it finds
// the first match in the stored search form of the body (norm) and locates
// it in the displayed body.
func snippetFor(body string, norm []byte, terms []hlTerm, width int) (string, []Span) {
	first := firstMatch(norm, terms)
	start := 0
	if first > 0 {
		if r, b, ok := fold.Locate(body, utf8.RuneCount(norm[:first])); ok && r > width/4 {
			start = b
			for n := 0; n < width/4; n++ { // back up a quarter of the width
				_, size := utf8.DecodeLastRuneInString(body[:start])
				start -= size
			}
		}
	}
	end := start
	for n := 0; n < width+1 && end < len(body); n++ {
		_, size := utf8.DecodeRuneInString(body[end:])
		end += size
	}
	return snippetOf(body[start:end], start > 0, end < len(body), terms)
}

// snippetOf makes a hit's snippet of a window of its body (see Library.hit):
// marked "…" where text comes before it, and where it goes on (then the
// window's last rune, read only to know that, is dropped).
func snippetOf(window string, before, goesOn bool, terms []hlTerm) (string, []Span) {
	if goesOn {
		_, size := utf8.DecodeLastRuneInString(window)
		window = window[:len(window)-size]
	}
	var b strings.Builder
	pre := 0
	if before {
		b.WriteString("…")
		pre = 1
	}
	b.WriteString(strings.ReplaceAll(window, "\n", " "))
	if goesOn {
		b.WriteString("…")
	}
	var needles [][]rune
	for _, t := range terms {
		if t.inBody {
			needles = append(needles, t.form)
		}
	}
	spans := Spans(window, needles)
	for i := range spans {
		spans[i].Start += pre
		spans[i].End += pre
	}
	return b.String(), spans
}

// firstMatch returns the byte offset of the first match of a body term in a
// search form, or -1.
func firstMatch(norm []byte, terms []hlTerm) int {
	first := -1
	for _, t := range terms {
		if !t.inBody {
			continue
		}
		if k := bytes.Index(norm, []byte(string(t.form))); k >= 0 && (first < 0 || k < first) {
			first = k
		}
	}
	return first
}

func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }
