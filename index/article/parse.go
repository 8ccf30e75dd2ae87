package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse decodes a newspaper-page text file (any supported encoding, see
// Decode) and cuts it into articles, in the order printed. A page without
// 本报讯 leads is one KindDocument. Decode's errors are returned as they are;
// a page that yields no text at all gives ErrEmpty.
func Parse(data []byte, opt Options) (Page, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return Page{}, err
	}
	p := newPage(text, opt)
	arts := p.articles()
	pg := Page{Encoding: enc, Articles: arts, Warnings: p.warnings}
	if len(pg.Articles) == 0 {
		return pg, ErrEmpty
	}
	return pg, nil
}

// row is one line of the page, after each lead has been put at the start of
// a row of its own.
type row struct {
	raw   string // as printed, trimmed
	fixed string // repaired; "" for a blank line
	lead  *lead  // non-nil where an article starts
}

// span is the rows [from, to) of a page.
type span struct{ from, to int }

type page struct {
	rows     []row
	wrapped  bool // lines are wrapped column lines rather than paragraphs
	after    bool // headlines are printed after their articles
	year     int
	name     string
	warnings []Warning
}

func newPage(text string, opt Options) *page {
	p := &page{rows: cutRows(splitLines(text)), year: opt.Year, name: opt.Name}
	if p.year == 0 {
		p.year = YearFromName(opt.Name)
	}
	p.wrapped = isWrapped(p.rows)
	return p
}

// cutRows makes rows of lines, cutting a line where a lead starts inside it
// (a headline sharing a line with the next lead) and setting every lead off
// by a blank row, as if a blank line preceded it.
func cutRows(lines []string) []row {
	rows := make([]row, 0, len(lines)+16)
	for i, ln := range lines {
		start, cur := 0, (*lead)(nil)
		for j := 0; j < len(ln); {
			k := strings.Index(ln[j:], "本")
			if k < 0 {
				break
			}
			k += j
			if l, ok := matchLead(lines, i, k); ok {
				if piece := strings.TrimFunc(ln[start:k], isSpace); piece != "" || cur != nil {
					rows = append(rows, newRow(piece, cur))
				}
				if n := len(rows); n > 0 && rows[n-1].fixed != "" {
					rows = append(rows, row{})
				}
				start, cur = k, &l
			}
			j = k + len("本")
		}
		rows = append(rows, newRow(ln[start:], cur))
	}
	return rows
}

func newRow(raw string, l *lead) row {
	return row{raw: raw, fixed: repair(raw), lead: l}
}

// isWrapped tells column-wrapped text, where most lines stop mid-sentence,
// from text with one paragraph a line, where most lines end a sentence.
func isWrapped(rows []row) bool {
	n, ends := 0, 0
	for _, r := range rows {
		if r.fixed != "" {
			n++
			if endsParagraph(r.fixed) {
				ends++
			}
		}
	}
	return ends*2 < n
}

// articles cuts the page into documents. Each lead starts a segment that runs
// to the next lead; a caption may end the last one. A headline sits at the
// end of a segment, belonging either to that segment's article (printed
// after) or to the next one (printed before); the ends of the page decide.
func (p *page) articles() []Article {
	p.dropTrailer()
	segs := p.segments()
	if len(segs) == 0 {
		if a, ok := p.document(span{0, len(p.rows)}); ok {
			return []Article{a}
		}
		return nil
	}
	last := len(segs) - 1
	capt := p.caption(&segs[last])
	pre := span{0, segs[0].from}
	preHead := p.headline(pre, false)
	heads := make([]span, len(segs))
	for k := range segs {
		heads[k] = p.headline(segs[k], true)
	}
	p.after = !preHead.ok() && heads[last].ok()
	if preHead.ok() {
		pre.to = preHead.from
	}
	out := p.leftover(pre)
	for k, s := range segs {
		title := preHead
		switch {
		case p.after:
			title = heads[k]
		case k > 0:
			title = heads[k-1]
		}
		// Before the body, the last headline is the caption's, if any.
		if heads[k].ok() && (p.after || k < last || capt.text.ok()) {
			s.to = heads[k].from
		}
		out = append(out, p.article(s, title))
	}
	return p.addCaption(out, capt, heads[last])
}

// segments returns the rows from each lead to the next.
func (p *page) segments() []span {
	var segs []span
	for i, r := range p.rows {
		if r.lead != nil {
			if n := len(segs); n > 0 {
				segs[n-1].to = i
			}
			segs = append(segs, span{i, len(p.rows)})
		}
	}
	return segs
}

func (s span) ok() bool { return s.to > s.from }

// maxTitle is the longest headline, in runes, and the length derived titles are cut to.
const maxTitle = 40

// headline finds a headline at the end of s: 1-3 rows, at most maxTitle runes
// joined, not ending like a sentence. In a wrapped page it must be a whole
// block (rows between blank lines); in an unwrapped page it is the last rows
// that are not sentences. With needBody, a finished sentence (the body of an
// article) must come before it, so that a column break is not taken for one.
func (p *page) headline(s span, needBody bool) span {
	end := s.to
	for end > s.from && p.rows[end-1].fixed == "" {
		end--
	}
	start := end
	for start > s.from && p.rows[start-1].fixed != "" && end-start < 4 {
		if !p.wrapped && endsClause(p.rows[start-1].fixed) {
			break
		}
		start--
	}
	h := span{start, end}
	switch {
	case !h.ok() || end-start > 3 || p.rows[start].lead != nil:
		return span{}
	case p.wrapped && start > s.from && p.rows[start-1].fixed != "":
		return span{} // a block of more than three rows
	case !p.isHeadline(h):
		return span{}
	}
	if needBody {
		prev := start - 1
		for prev > s.from && p.rows[prev].fixed == "" {
			prev--
		}
		if prev < s.from || !endsParagraph(p.rows[prev].fixed) {
			return span{}
		}
	}
	return h
}

// isHeadline reports whether the rows s could be a headline: short, with a
// letter, not a sentence or clause.
func (p *page) isHeadline(s span) bool {
	size := 0
	for _, r := range p.rows[s.from:s.to] {
		size += len(r.fixed)
	}
	if size > 4*maxTitle+8 { // too long whatever its characters; do not copy a huge line
		return false
	}
	t := p.join(s)
	n := runeCount(t, maxTitle)
	return n >= 2 && n <= maxTitle && !endsClause(t) && strings.IndexFunc(t, unicode.IsLetter) >= 0 && !isFurniture(t)
}

// furnitureWords mark the page's sign-offs, which are short and
// unpunctuated like headlines.
var furnitureWords = []string{"责任编辑", "编辑：", "编辑:", "责编", "校对：", "校对:", "美编", "（完）", "(完)"}

// dropTrailer drops sign-off lines (责任编辑：张三) from the end of the page,
// so that the last headline or caption is found before them.
func (p *page) dropTrailer() {
	end := len(p.rows)
	for end > 0 {
		r := p.rows[end-1]
		if r.fixed != "" && (r.lead != nil || runeCount(r.fixed, maxTitle) > maxTitle || !isFurniture(r.fixed)) {
			break
		}
		end--
	}
	for _, r := range p.rows[end:] {
		if r.fixed != "" {
			p.warnings = append(p.warnings, Warning{Code: WarnFurniture, Detail: r.fixed})
		}
	}
	p.rows = p.rows[:end]
}

// isFurniture reports a running head (2020年2月29日 星期六, 第2版 综合新闻)
// or sign-off (责任编辑：张三, （完）) rather than a headline.
func isFurniture(t string) bool {
	for _, w := range furnitureWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	if strings.Contains(t, "星期") && strings.IndexFunc(t, unicode.IsDigit) >= 0 {
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
	return ok && n != "" && utf8.RuneCountInString(n) <= 3 && strings.Trim(n, "一二三四五六七八九十零") == ""
}

// join joins the rows of s into one line, as wrapped lines are joined.
func (p *page) join(s span) string {
	var b strings.Builder
	prev := ""
	for _, r := range p.rows[s.from:s.to] {
		if r.fixed == "" {
			continue
		}
		if prev != "" && joinSpace(prev, r.fixed) {
			b.WriteByte(' ')
		}
		b.WriteString(r.fixed)
		prev = r.fixed
	}
	return b.String()
}

// reflow makes paragraphs of the rows of s. In a wrapped page lines are
// joined, and a blank line ends a paragraph only after punctuation that can
// end one (。！？…；：” and the like); any other blank line is a column break.
// In an unwrapped page each line is a paragraph.
func (p *page) reflow(s span) []string {
	var paras []string
	var b strings.Builder
	prev := ""
	flush := func() {
		if b.Len() > 0 {
			paras = append(paras, b.String())
			b.Reset()
		}
		prev = ""
	}
	for _, r := range p.rows[s.from:s.to] {
		switch {
		case r.fixed == "":
			if endsParagraph(prev) {
				flush()
			}
			continue
		case !p.wrapped || r.lead != nil:
			flush()
		case prev != "" && joinSpace(prev, r.fixed):
			b.WriteByte(' ')
		}
		b.WriteString(r.fixed)
		prev = r.fixed
	}
	flush()
	return paras
}

// article makes the article of segment s, titled by the rows title if any.
func (p *page) article(s span, title span) Article {
	l := p.rows[s.from].lead
	a := Article{Date: l.date, Reporter: l.reporter, Kind: KindArticle, Paragraphs: p.reflow(s)}
	if !a.Date.IsZero() && a.Date.Year == 0 {
		a.Date.Year = p.year
	}
	p.setTitle(&a, title)
	return a
}

// setTitle titles a by the rows title, or derives a title from its text.
func (p *page) setTitle(a *Article, title span) {
	if title.ok() {
		a.Title = p.join(title)
		return
	}
	a.Title, a.TitleDerived = p.derive(a.Paragraphs, a.Kind == KindCaption), true
}

// document makes the rows s, which have no lead, into one document, titled
// by its first block (wrapped page) or line if that is a headline, else by
// the file name or a title derived from the text.
func (p *page) document(s span) (Article, bool) {
	for s.from < s.to && p.rows[s.from].fixed == "" {
		s.from++
	}
	title := p.firstHeadline(s)
	s.from = max(s.from, title.to)
	a := Article{Kind: KindDocument, Paragraphs: p.reflow(s)}
	if !title.ok() && p.baseName() != "" {
		a.Title, a.TitleDerived = p.baseName(), true
	} else {
		p.setTitle(&a, title)
	}
	return a, a.Title != "" || len(a.Paragraphs) > 0
}

// firstHeadline returns the headline starting s, if any: the first block of
// a wrapped page, or else the first line, when headline-like and, in a
// wrapped page, without clause punctuation inside (body lines mostly have some).
func (p *page) firstHeadline(s span) span {
	end := s.from
	for end < s.to && p.rows[end].fixed != "" && (p.wrapped || end == s.from) {
		end++
	}
	for _, h := range []span{{s.from, end}, {s.from, s.from + 1}} {
		if h.ok() && h.to-h.from <= 3 && h.to <= s.to && p.isHeadline(h) && !(p.wrapped && strings.ContainsAny(p.join(h), "，。；！？、,.;!?")) {
			return h
		}
	}
	return span{}
}

// leftover handles text before the first article that is not its headline:
// more than a headline's worth becomes a document, less (a page header,
// say) is dropped with a warning.
func (p *page) leftover(s span) []Article {
	paras := p.reflow(s)
	if len(paras) == 0 {
		return nil
	}
	if t := strings.Join(paras, " "); runeCount(t, maxTitle) <= maxTitle {
		p.warnings = append(p.warnings, Warning{Code: WarnLeftover, Detail: t})
		return nil
	}
	a, _ := p.document(s)
	return []Article{a}
}

// captionText is a photo caption found at the end of the page.
type captionText struct {
	text span   // the caption's rows, none when the credit follows a lead block
	who  string // the photographer
}

// caption finds a caption at the end of the last segment *s and cuts it off:
// a credit line (本报记者 X 摄), possibly after the caption's last sentence,
// and the block before it (the row before it in an unwrapped page). When that
// block is the lead's, the credit belongs to the article and only it is cut.
func (p *page) caption(s *span) captionText {
	last := s.to - 1
	for last > s.from && p.rows[last].fixed == "" {
		last--
	}
	if last == s.from {
		return captionText{}
	}
	who, before, ok := parseCredit(p.rows[last].raw)
	if !ok {
		return captionText{}
	}
	end := last
	if before != "" {
		p.rows[last].fixed = repair(before)
		end++
	}
	for end > s.from && p.rows[end-1].fixed == "" {
		end--
	}
	start := end - 1
	for p.wrapped && start > s.from && p.rows[start-1].fixed != "" {
		start--
	}
	if start <= s.from {
		s.to = end
		return captionText{who: who}
	}
	s.to = start
	return captionText{text: span{start, end}, who: who}
}

// addCaption appends the caption c to out, titled by head when headlines
// come before their text; or, for a credit without a caption, credits the
// last article (a photo news item).
func (p *page) addCaption(out []Article, c captionText, head span) []Article {
	switch {
	case c.text.ok():
		a := Article{Kind: KindCaption, Photographer: c.who, Paragraphs: p.reflow(c.text)}
		if p.after {
			head = span{}
		}
		p.setTitle(&a, head)
		out = append(out, a)
	case c.who != "":
		out[len(out)-1].Photographer = c.who
	}
	return out
}
