package article

import (
	"fmt"
	"strings"
)

// Parse decodes a newspaper-page text file (any supported encoding, see
// Decode) and cuts it into articles, in the order printed. A page without
// leads or bylines is one KindDocument. Decode's errors are returned as they
// are; a page that yields no text at all gives ErrEmpty.
func Parse(data []byte, opt Options) (Page, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return Page{}, err
	}
	p := parseText(text, opt)
	pg := Page{Encoding: enc, Articles: p.out, Warnings: p.warnings}
	if len(pg.Articles) == 0 {
		return pg, ErrEmpty
	}
	return pg, nil
}

// row is one line of the page, after each lead has been put at the start of
// a row of its own.
type row struct {
	line   int    // 0-based line of the file; -1 for the blank row set before a lead
	raw    string // as printed, trimmed
	fixed  string // repaired; "" for a blank line
	lead   *lead  // an opening (or, form formEnd, a closing byline) in this row
	credit string // the photographer, when the row ends with a photo credit
	own    bool   // a paragraph of its own: a byline or credit on its own line
	role   LineRole
	why    string
	doc    int // 1-based index of the document the row went into
}

// span is the rows [from, to) of a page.
type span struct{ from, to int }

func (s span) ok() bool { return s.to > s.from }

type page struct {
	text     string
	rows     []row
	blocks   []block
	groups   []group
	capts    []caption
	wrapped  bool // lines are wrapped column lines rather than paragraphs
	after    bool // headlines are printed after their articles
	sideWhy  string
	width    int // the commonest width of a text line (see width)
	opt      Options
	mast     masthead
	meta     pageMeta
	warnings []Warning
	out      []Article

	name         NameInfo // what the file name says
	yearFromName bool     // a lead's year came from the file name
}

// pageMeta is what every document of the page is given.
type pageMeta struct {
	published Date
	page      int
	section   string
	newspaper string
	yearFrom  string // where the year of undated leads comes from, for Explain
}

// parseText cuts text into documents. Whatever the rules do, no text is
// lost: should the cut not hold every character of the page exactly once
// (or fail), the page is kept as one document with a WarnNoLayout warning.
func parseText(text string, opt Options) (p *page) {
	lines := splitLines(text)
	p = &page{opt: opt, text: text, width: modalWidth(lines)}
	defer func() {
		if r := recover(); r != nil {
			p.fallback(fmt.Sprintf("internal error: %v", r))
		}
	}()
	p.rows = cutRows(lines, p.width)
	p.cut()
	p.noteYear()
	if !p.accounted(text) {
		p.fallback("the cut lost or doubled text")
	}
	return p
}

// cut finds the page's running head and furniture, then its documents.
func (p *page) cut() {
	p.dropTrailer()
	p.mast = p.findMasthead()
	p.setMeta()
	p.wrapped = isWrapped(p.rows)
	p.makeBlocks()
	if !p.hasAnchors() {
		p.emitDocument(span{0, len(p.rows)})
		return
	}
	p.findCaptions()
	p.findGroups()
	p.chooseSide()
	p.assemble()
}

// modalWidth returns the commonest width of the non-blank lines, the width
// of the page's columns when it is wrapped; 0 for fewer than 3 lines.
func modalWidth(lines []string) int {
	count := map[int]int{}
	best, n := 0, 0
	for _, ln := range lines {
		if ln == "" || len(ln) > 400 {
			continue
		}
		w := widthNoSpace(ln)
		count[w]++
		if count[w] > count[best] || (count[w] == count[best] && w > best) {
			best = w
		}
		n++
	}
	if n < 3 || count[best] < 2 {
		return 0
	}
	return best
}

// cutRows makes rows of lines, cutting a line where a lead starts inside it
// (a headline sharing a line with the next lead) and setting every lead and
// byline off by blank rows, as if blank lines stood around it.
func cutRows(lines []string, width int) []row {
	rows := make([]row, 0, len(lines)+len(lines)/4+16) // room for the blank rows set around leads
	blank := func() {
		if n := len(rows); n > 0 && rows[n-1].fixed != "" {
			rows = append(rows, row{line: -1})
		}
	}
	for i, ln := range lines {
		if l, ok := lineLead(lines, i, width); ok {
			blank()
			rows = append(rows, newRow(i, ln, &l))
			rows[len(rows)-1].own = l.form == formByline
			if l.form == formByline {
				rows = append(rows, row{line: -1})
			}
			continue
		}
		start, cur := 0, (*lead)(nil)
		for _, k := range leadStarts(lines, i) {
			l, ok := leadIn(lines, i, k, start)
			if !ok {
				continue
			}
			if piece := strings.TrimFunc(ln[start:k], isSpace); piece != "" || cur != nil {
				rows = append(rows, newRow(i, piece, cur))
			}
			blank()
			start, cur = k, &l
		}
		rows = append(rows, newRow(i, ln[start:], cur))
		r := &rows[len(rows)-1]
		if cur == nil {
			r.markEnd(ln)
		}
		if r.credit != "" || (r.lead != nil && r.lead.form == formEnd) {
			rows = append(rows, row{line: -1})
		}
	}
	return rows
}

// markEnd marks a row that closes a text: a photo credit or a byline.
func (r *row) markEnd(ln string) {
	if who, before, ok := parseCredit(ln); ok {
		r.credit, r.own = who, before == ""
		return
	}
	if c, ok := endByline(ln); ok {
		r.lead = &lead{form: formEnd, people: c}
		r.own = strings.IndexAny(strings.TrimFunc(ln, isSpace), "（(") == 0
	}
}

func newRow(line int, raw string, l *lead) row {
	return row{line: line, raw: raw, fixed: repair(raw), lead: l}
}

// lineLead matches the openings that take a whole line or start one: a
// wire dateline, 本报记者 X 报道：, a byline alone. Those that are not
// 本报讯 must start a paragraph: after a blank line, a finished sentence or a
// line shorter than the column (a headline), not inside wrapped text.
func lineLead(lines []string, i, width int) (lead, bool) {
	ln := lines[i]
	if ln == "" || matchesPaper(lines, i, 0) {
		return lead{}, false
	}
	l, ok := lineLeadForm(lines, i)
	if !ok {
		return lead{}, false
	}
	if prev := ""; i > 0 {
		prev = lines[i-1]
		if prev != "" && !endsParagraph(repair(prev)) && width > 0 && widthNoSpace(prev) >= width-2 {
			return lead{}, false // inside wrapped text
		}
	}
	return l, true
}

func lineLeadForm(lines []string, i int) (lead, bool) {
	ln := lines[i]
	at := 0
	if r := firstRune(ln); r >= 0x25A0 && strings.ContainsRune(bylineMarks, r) {
		at = len(ln) - len(strings.TrimLeft(ln, bylineMarks))
	}
	if mayWire(ln[at:]) {
		if l, ok := matchWire(lines, i, at, false); ok {
			return l, true
		}
	}
	if strings.Contains(ln, "报道") {
		if l, ok := matchReport(ln[at:]); ok {
			return l, true
		}
	}
	if len(ln) > 120 || (at == 0 && !strings.Contains(ln, "/") && !strings.Contains(ln, "／") && !startsRole(ln)) {
		return lead{}, false // the cheap tests first: most lines are text
	}
	if _, _, ok := parseCredit(ln); ok {
		return lead{}, false
	}
	return matchBylineLine(ln)
}

func startsRole(s string) bool {
	_, _, ok := roleAt(s)
	return ok
}

// mayWire is a cheap test that s might open with a wire dateline: a listed
// agency's first character, or 社, 网 or 报 among its first six.
func mayWire(s string) bool {
	if agencyFirst[firstRune(s)] {
		return true
	}
	n := 0
	for _, r := range s {
		if n++; n > 6 {
			break
		}
		switch r {
		case '社', '网', '报', '網', '報':
			return true
		}
	}
	return false
}

func matchesPaper(lines []string, i, k int) bool {
	_, ok := matchLead(lines, i, k)
	return ok && strings.HasPrefix(strings.TrimLeft(lines[i][k:], bylineMarks), "本")
}

// leadStarts returns where a lead may start in line i: at every 本 (本报讯
// is taken anywhere, as before), and after white space, where a wire
// dateline may follow a headline.
func leadStarts(lines []string, i int) []int {
	ln := lines[i]
	var at []int
	for k := 0; k < len(ln); k++ {
		switch c := ln[k]; {
		case c == ' ' || c == '\t':
			at = appendOnce(at, k+1) // after white space
		case c == 0xE3 && strings.HasPrefix(ln[k:], "\u3000"):
			at = appendOnce(at, k+len("\u3000"))
		case c == 0xE6 && strings.HasPrefix(ln[k:], "本"):
			at = appendOnce(at, k)
		}
	}
	return at
}

func appendOnce(at []int, k int) []int {
	if n := len(at); n > 0 && at[n-1] == k {
		return at
	}
	return append(at, k)
}

// leadIn matches a lead at byte k of line i, whose text so far starts at
// start: 本报讯 anywhere; a wire dateline only after a piece short enough to
// be a headline and not ending a clause, or at the line's start.
func leadIn(lines []string, i, k, start int) (lead, bool) {
	ln := lines[i]
	if k >= len(ln) || isSpace(firstRune(ln[k:])) {
		return lead{}, false
	}
	if strings.HasPrefix(ln[k:], "本") {
		return matchLead(lines, i, k)
	}
	if k-start > 4*maxTitle+8 || !agencyFirst[firstRune(ln[k:])] { // cheap tests first: a line may be huge
		return lead{}, false
	}
	piece := repair(ln[start:k])
	if piece == "" || endsClause(piece) || runeCount(piece, maxTitle) > maxTitle {
		return lead{}, false
	}
	return matchWire(lines, i, k, true)
}

// isWrapped tells column-wrapped text, where most lines stop mid-sentence,
// from text with one paragraph a line, where most lines end a sentence.
func isWrapped(rows []row) bool {
	n, ends := 0, 0
	for _, r := range rows {
		if r.fixed != "" && r.role == "" {
			n++
			if endsParagraph(r.fixed) {
				ends++
			}
		}
	}
	return ends*2 < n
}

// furnitureWords mark the page's sign-offs, which are short and
// unpunctuated like headlines.
var furnitureWords = []string{"责任编辑", "编辑：", "编辑:", "责编", "校对：", "校对:", "美编", "（完）", "(完)"}

// dropTrailer drops sign-off lines (责任编辑：张三, （完）) from the end of
// the page, so that the last headline or caption is found before them.
func (p *page) dropTrailer() {
	end := len(p.rows)
	for ; end > 0; end-- {
		r := p.rows[end-1]
		if r.fixed != "" && (r.lead != nil || runeCount(r.fixed, maxTitle) > maxTitle || !isSignOff(r.fixed)) {
			break
		}
	}
	for i := end; i < len(p.rows); i++ {
		if r := &p.rows[i]; r.fixed != "" {
			r.role, r.why = RoleFurniture, "sign-off at the end of the page, dropped"
			p.warnings = append(p.warnings, Warning{Line: r.line + 1, Code: WarnFurniture, Detail: r.fixed})
		}
	}
}

func isSignOff(t string) bool {
	for _, w := range furnitureWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// isFurniture reports a running head (2020年2月29日 星期六, 第2版 综合新闻)
// or sign-off (责任编辑：张三, （完）) rather than a headline.
func isFurniture(t string) bool {
	if isSignOff(t) {
		return true
	}
	if strings.Contains(t, "星期") && strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return true
	}
	i := strings.Index(t, "版") // 2版, A3版, 第2版, 第二版
	if i <= 0 {
		return false
	}
	if isDigit(t[i-1]) {
		return true
	}
	n, ok := strings.CutPrefix(t[:i], "第")
	return ok && n != "" && runeCount(n, 4) <= 3 && strings.Trim(n, "一二三四五六七八九十零") == ""
}
