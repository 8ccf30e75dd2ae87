package article

import (
	"fmt"
	"strings"
)

// LineRole says what Parse took a line of a page for.
type LineRole string

// The roles a line may have.
const (
	RoleMasthead       LineRole = "masthead"        // the page's running head: metadata, not text
	RoleFurniture      LineRole = "furniture"       // a sign-off (责任编辑：…), dropped with a warning
	RoleHeadline       LineRole = "headline"        // (part of) a main headline
	RoleKicker         LineRole = "kicker"          // 引题, above the main headline
	RoleSubtitle       LineRole = "subtitle"        // 副题, below the main headline
	RoleLead           LineRole = "lead"            // opens an article: 本报讯…, a wire dateline, …报道：
	RoleByline         LineRole = "byline"          // a byline on its own line, above or closing the text
	RoleBody           LineRole = "body"            // an article's text
	RoleCaption        LineRole = "caption"         // a photo caption's text
	RoleCredit         LineRole = "credit"          // a photo credit: 本报记者 X 摄
	RoleColumnBreak    LineRole = "column break"    // a blank line inside a sentence: the text runs on
	RoleParagraphBreak LineRole = "paragraph break" // a blank line after a sentence: a new paragraph
	RoleBlank          LineRole = "blank"           // a blank line between documents
	RoleLeftover       LineRole = "leftover"        // short text that belongs to no document, dropped with a warning
	RoleDocument       LineRole = "document"        // a line of a page kept as one document
)

// LineNote is what Parse made of one line of a page. A line holding a
// headline and the next lead gives two notes with the same Line.
type LineNote struct {
	Line int      `json:"line"` // 1-based line of the file
	Text string   `json:"text"` // the line (or piece of it) as printed, trimmed
	Role LineRole `json:"role"`
	Doc  int      `json:"doc,omitempty"` // 1-based index into Page.Articles of the document it went into; 0 = none
	Why  string   `json:"why,omitempty"` // the reason, in English; "" for plain text
}

// Explanation is a parse with its reasons, for a user whose page was cut wrongly.
type Explanation struct {
	Page   Page
	Layout string     // the page's layout in English: wrapped or not, column width, headline side and why
	Lines  []LineNote // one a line (or piece of a line), in order
}

// Explain parses data as Parse does and says, line by line, what each line
// was taken for and why.
func Explain(data []byte, opt Options) (Explanation, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return Explanation{}, err
	}
	p := parseText(text, opt)
	ex := Explanation{Page: Page{Encoding: enc, Articles: p.out, Warnings: p.warnings}, Layout: p.layout()}
	for i, r := range p.rows {
		if r.line < 0 {
			continue
		}
		n := LineNote{Line: r.line + 1, Text: r.raw, Role: r.role, Doc: r.doc, Why: r.why}
		switch {
		case r.fixed == "":
			n.Role, n.Doc, n.Why = p.blankRole(i)
		case r.role == RoleByline:
			n.Why = r.lead.describe()
		case r.role == RoleLead:
			n.Why = fmt.Sprintf("%s: starts document %d", r.lead.describe(), r.doc)
		}
		ex.Lines = append(ex.Lines, n)
	}
	if len(ex.Page.Articles) == 0 {
		return ex, ErrEmpty
	}
	return ex, nil
}

// blankRole says what the blank row i does: a column or paragraph break
// inside a document, or a gap between documents.
func (p *page) blankRole(i int) (LineRole, int, string) {
	prev, next := i-1, i+1
	for prev >= 0 && (p.rows[prev].fixed == "" || p.rows[prev].role == RoleCaption || p.rows[prev].role == RoleCredit) {
		prev--
	}
	for next < len(p.rows) && p.rows[next].fixed == "" {
		next++
	}
	if prev < 0 || next >= len(p.rows) {
		return RoleBlank, 0, ""
	}
	a, b := p.rows[prev], p.rows[next]
	if a.doc == 0 || a.doc != b.doc || !textRole(a.role) || !textRole(b.role) {
		return RoleBlank, 0, ""
	}
	if p.wrapped && !endsParagraph(a.fixed) && !a.own && (b.lead == nil || b.lead.form == formEnd) && !b.own {
		return RoleColumnBreak, a.doc, fmt.Sprintf("blank line after %q, which ends mid-sentence: the sentence runs on", tail(a.fixed, 6))
	}
	return RoleParagraphBreak, a.doc, ""
}

func textRole(r LineRole) bool {
	switch r {
	case RoleBody, RoleLead, RoleByline, RoleDocument, RoleCredit, RoleCaption:
		return true
	}
	return false
}

// tail returns the last n runes of s.
func tail(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return "…" + string(rs[len(rs)-n:])
}

// layout words the page's layout for Explain.
func (p *page) layout() string {
	var parts []string
	if p.wrapped {
		s := "wrapped column lines"
		if p.width > 0 {
			s += fmt.Sprintf(" (commonest line: %d characters wide)", (p.width+1)/2)
		}
		parts = append(parts, s)
	} else {
		parts = append(parts, "one paragraph a line")
	}
	if len(p.groups) > 0 {
		parts = append(parts, p.sideWhy)
	}
	if s := p.mast.String(); s != "" {
		parts = append(parts, "masthead: "+s)
	}
	if p.meta.yearFrom != "" {
		parts = append(parts, "years of undated leads from "+p.meta.yearFrom)
	}
	return strings.Join(parts, "; ")
}
