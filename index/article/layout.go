package article

import (
	"fmt"
	"strings"
	"unicode"
)

// block is a run of rows between blank lines (in an unwrapped page, one
// row), the unit the layout rules read.
type block struct {
	span
	start  bool // opens with a lead or a byline: an article starts here
	end    bool // its last row is a closing byline （记者 刘洋）
	credit bool // its last row is a photo credit
	done   bool // its last row ends a paragraph (or is a byline or credit)
	head   bool // shaped like a headline (see isHeadline)
	capt   int  // 1 + the index of the caption it belongs to; 0 if none
	group  int  // 1 + the index of the headline group it is part of; 0 if none
	why    string
}

// makeBlocks cuts the rows into blocks, leaving out the masthead and
// furniture, and reads each block's shape.
func (p *page) makeBlocks() {
	p.blocks = p.blocks[:0]
	from := -1
	flush := func(to int) {
		if from >= 0 {
			p.blocks = append(p.blocks, block{span: span{from, to}})
			from = -1
		}
	}
	for i, r := range p.rows {
		switch {
		case r.fixed == "" || r.role != "":
			flush(i)
		case !p.wrapped:
			flush(i)
			from = i
			flush(i + 1)
		case from < 0:
			from = i
		}
	}
	flush(len(p.rows))
	p.splitTrailingHeads()
	p.readBlocks()
}

func (p *page) readBlocks() {
	for k := range p.blocks {
		b := &p.blocks[k]
		first, last := p.rows[b.from], p.rows[b.to-1]
		b.start = first.lead != nil && first.lead.form != formEnd
		b.end = last.lead != nil && last.lead.form == formEnd
		b.credit = last.credit != ""
		b.done = endsParagraph(last.fixed) || b.end || b.credit || (last.lead != nil && last.own)
		b.head = !b.start && !b.end && !b.credit && p.isHeadline(b.span)
	}
	p.placeBylines()
}

// placeBylines decides, for a byline alone on its line without a mark
// (本报记者 陈静, 文/张三), whether it opens the text below or closes the
// text above: it closes when it follows a finished sentence and no text of
// its own follows it.
func (p *page) placeBylines() {
	for k := range p.blocks {
		b := &p.blocks[k]
		l := p.rows[b.from].lead
		if !b.start || l.form != formByline || b.to-b.from != 1 || marked(p.rows[b.from].raw) || k == 0 {
			continue
		}
		prev := p.blocks[k-1]
		textNext := k+1 < len(p.blocks) && !p.blocks[k+1].start && !p.blocks[k+1].head && !p.blocks[k+1].credit
		if prev.done && !prev.head && !textNext {
			l.form = formEnd
			b.start, b.end = false, true
		}
	}
}

// splitTrailingHeads cuts a headline printed without a blank line after the
// last sentence of a block (…。\n标题) off that block, when an article or the
// page's end follows, where a headline may stand.
func (p *page) splitTrailingHeads() {
	if !p.wrapped {
		return
	}
	for k := 0; k < len(p.blocks); k++ {
		b := p.blocks[k]
		if k+1 < len(p.blocks) && !p.startRow(p.blocks[k+1].from) {
			continue
		}
		for n := 1; n <= 3 && b.to-n > b.from; n++ {
			cut := b.to - n
			if endsParagraph(p.rows[cut-1].fixed) && p.isHeadline(span{cut, b.to}) {
				p.blocks = append(p.blocks[:k+1], append([]block{{span: span{cut, b.to}}}, p.blocks[k+1:]...)...)
				p.blocks[k].to = cut
				k++
				break
			}
		}
	}
}

func (p *page) startRow(i int) bool {
	l := p.rows[i].lead
	return l != nil && l.form != formEnd
}

// hasAnchors reports whether the page has anything that opens or closes an
// article or caption; without, it is one document.
func (p *page) hasAnchors() bool {
	for _, b := range p.blocks {
		if b.start || b.end || b.credit {
			return true
		}
	}
	return false
}

// maxTitle is the longest headline, in runes, and the length derived titles are cut to.
const maxTitle = 40

// isHeadline reports whether the rows s could be a headline: 1-3 rows (4
// with a subtitle opened by a dash), at most maxTitle runes joined, with a
// letter, not ending like a sentence or clause, without a full stop or
// semicolon inside, and not page furniture.
func (p *page) isHeadline(s span) bool {
	n := s.to - s.from
	size := 0
	for i, r := range p.rows[s.from:s.to] {
		if r.lead != nil || r.credit != "" || r.role != "" {
			return false
		}
		if i > 0 && n == 4 && isDash(r.fixed) {
			n = 3
		}
		size += len(r.fixed)
	}
	if n < 1 || n > 3 || size > 4*maxTitle+8 { // too long whatever its characters; do not copy a huge line
		return false
	}
	t := p.join(s)
	k := runeCount(t, maxTitle)
	return k >= 2 && k <= maxTitle && !endsClause(t) && strings.IndexFunc(t, unicode.IsLetter) >= 0 &&
		!isFurniture(t) && !strings.ContainsAny(t, "。；;")
}

// isDash reports a subtitle's opening dash: ——副题.
func isDash(s string) bool {
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "－－") || strings.HasPrefix(s, "--") || strings.HasPrefix(s, "―")
}

// innerClause reports clause punctuation inside s, which body text has and
// headlines seldom do.
func innerClause(s string) bool {
	return strings.ContainsAny(s, "，、,：:")
}

// blockWidth returns the commonest width of the rows of block k but its last
// (the short end of a paragraph), 0 when it has fewer than two rows.
func (p *page) blockWidth(k int) int {
	b := p.blocks[k]
	if b.to-b.from < 2 {
		return 0
	}
	count := map[int]int{}
	best := 0
	for _, r := range p.rows[b.from : b.to-1] {
		w := width(r.fixed)
		count[w]++
		if count[w] > count[best] {
			best = w
		}
	}
	return best
}

// localWidth is the column width around block k: that of the nearest text
// block after it, else before it, else the page's.
func (p *page) localWidth(k int) int {
	for _, d := range []int{1, -1, 2, -2} {
		if j := k + d; j >= 0 && j < len(p.blocks) && !p.blocks[j].head {
			if w := p.blockWidth(j); w > 0 {
				return w
			}
		}
	}
	return p.width
}

// fullWidth reports whether every row of block k is as wide as the column
// around it: the rows of a column broken off
// mid-paragraph, which a headline's seldom are.
func (p *page) fullWidth(k int) bool {
	w := p.localWidth(k)
	if w <= 4 || !p.wrapped {
		return false
	}
	b := p.blocks[k]
	for _, r := range p.rows[b.from:b.to] {
		// A digit or letter leaves half a character unused at most; a comma
		// may hang past the column.
		if d := width(r.fixed) - w; d < -1 || d > 2 {
			return false
		}
	}
	return true
}

// caption is a photo caption: its text and the credit line after it.
type caption struct {
	rows span   // the caption's rows, the credit included
	who  string // the photographer
	head *group // a headline standing before it (headlines before)
}

// findCaptions finds each photo credit's caption: the paragraph before it
// (in a wrapped page, from the last short line ending a sentence, or the
// block's start), extended back over column breaks when nothing continues
// after the credit. A credit right after a lead's paragraph is the
// article's own (a photo news item) and makes no caption.
func (p *page) findCaptions() {
	var spans []caption
	for k, b := range p.blocks {
		if !b.credit {
			continue
		}
		cr := b.to - 1
		last, core := cr, k
		if b.to-b.from == 1 && p.rows[cr].own {
			if k == 0 || p.blocks[k-1].credit || p.blocks[k-1].head && !p.blocks[k-1].start {
				continue // a credit without text: the article's
			}
			core, last = k-1, p.blocks[k-1].to-1
		} else if p.rows[cr].own {
			last = cr - 1
		}
		start := p.captionStart(core, last)
		if p.startRow(start) {
			continue // a photo news item: the credit is the article's
		}
		spans = append(spans, caption{rows: span{start, b.to}, who: p.rows[cr].credit})
	}
	for _, c := range spans {
		p.splitAt(c.rows.from)
	}
	for _, c := range spans {
		p.capts = append(p.capts, c)
		n := len(p.capts)
		for k := range p.blocks {
			if p.blocks[k].from >= c.rows.from && p.blocks[k].to <= c.rows.to {
				p.blocks[k].capt = n
			}
		}
		p.extendCaption(n - 1)
	}
}

// captionStart returns the first row of the caption that ends at row last
// of block k.
func (p *page) captionStart(k, last int) int {
	b := p.blocks[k]
	if !p.wrapped {
		return last
	}
	w := p.blockWidth(k)
	if w == 0 {
		w = p.width
	}
	for r := last - 1; r >= b.from && w > 4; r-- {
		if f := p.rows[r].fixed; endsParagraph(f) && width(f) <= w-4 {
			return r + 1
		}
	}
	return b.from
}

// splitAt makes row i the first of a block.
func (p *page) splitAt(i int) {
	for k, b := range p.blocks {
		if b.from < i && i < b.to {
			p.blocks = append(p.blocks[:k+1], append([]block{{span: span{i, b.to}}}, p.blocks[k+1:]...)...)
			p.blocks[k].to = i
			p.readBlocks()
			return
		}
	}
}

// extendCaption takes into caption c the blocks before it that a column
// break cut from it: unfinished text, when no text continues after the
// credit (so the text before cannot be an article interrupted by the
// photo), and not a headline: a block shaped like one is taken only when it
// is as wide as the column (as the rows before a column break are) and has
// a comma inside.
func (p *page) extendCaption(c int) {
	first, last := -1, -1
	for k, b := range p.blocks {
		if b.capt == c+1 {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if n := last + 1; n < len(p.blocks) {
		if b := p.blocks[n]; !b.start && !b.head && !b.credit && b.capt == 0 {
			return // text continues after the photo
		}
	}
	for e := first - 1; e >= 0; e-- {
		b := p.blocks[e]
		if b.start || b.end || b.credit || b.capt > 0 || b.done {
			return
		}
		if b.head && !(p.fullWidth(e) && innerClause(p.join(b.span))) {
			return
		}
		p.blocks[e].capt = c + 1
		p.capts[c].rows.from = b.from
	}
}

// group is a headline, maybe with a kicker above or a subtitle below: one
// to three headline-shaped blocks between the end of one text and the
// start of another.
type group struct {
	blocks span // [from, to) of p.blocks
	prev   int  // what stands before it: prevNone, prevText, prevCaption
	follow int  // what follows: followStart, followCaption, followText, followEnd
	doc    int  // 1-based document it titles; 0 = none (a leftover)
}

const (
	prevNone = iota
	prevText
	prevCaption
)

const (
	followStart = iota
	followCaption
	followText
	followEnd
)

// findGroups finds the page's headline groups: runs of one to three
// headline-shaped blocks after a finished sentence (or the page's start, or
// a caption). One followed by a lead, a caption or the page's end is a
// headline; one followed by more text is one only when it cannot be the
// column-broken start of a paragraph (narrower than the column, no comma)
// or when that text is an article closed by its byline.
func (p *page) findGroups() {
	for k := 0; k < len(p.blocks); {
		if !p.canHead(k) || !(k == 0 || p.blocks[k-1].done) {
			k++
			continue
		}
		j := k
		for j < len(p.blocks) && j-k < 3 && p.canHead(j) {
			j++
		}
		if j < len(p.blocks) && p.canHead(j) {
			for j < len(p.blocks) && p.canHead(j) {
				j++
			}
			p.reject(span{k, j}, "more than three short blocks in a row: a list, not a headline")
			k = j
			continue
		}
		g := group{blocks: span{k, j}, prev: p.prevOf(k), follow: p.followOf(j)}
		if why := p.groupDoubt(g); why != "" {
			p.reject(g.blocks, why)
			k = j
			continue
		}
		p.groups = append(p.groups, g)
		for n := k; n < j; n++ {
			p.blocks[n].group = len(p.groups)
		}
		k = j
	}
}

func (p *page) canHead(k int) bool {
	b := p.blocks[k]
	return b.head && b.capt == 0
}

func (p *page) reject(s span, why string) {
	for k := s.from; k < s.to; k++ {
		p.blocks[k].why = why
	}
}

func (p *page) prevOf(k int) int {
	switch {
	case k == 0:
		return prevNone
	case p.blocks[k-1].capt > 0:
		return prevCaption
	}
	return prevText
}

func (p *page) followOf(j int) int {
	switch {
	case j == len(p.blocks):
		return followEnd
	case p.blocks[j].start:
		return followStart
	case p.blocks[j].capt > 0:
		return followCaption
	}
	return followText
}

// groupDoubt says why g is not a headline after all, or "".
func (p *page) groupDoubt(g group) string {
	broken, strong := true, true
	for k := g.blocks.from; k < g.blocks.to; k++ {
		full, clause := p.fullWidth(k), innerClause(p.join(p.blocks[k].span))
		broken = broken && full && clause
		strong = strong && !full && !clause
	}
	w := p.localWidth(g.blocks.from)
	switch {
	case broken:
		return fmt.Sprintf("short block kept in the text: as wide as the column (%d) and with a comma inside, the start of a paragraph broken by a column", w)
	case g.follow == followText && !strong && !p.runCloses(g.blocks.to):
		return fmt.Sprintf("short block kept in the text: text, not a lead, follows it, and it is as wide as the column (%d) or has a comma inside", w)
	}
	return ""
}

// runCloses reports whether the text from block j on, up to the next
// article, caption or headline, is closed by a byline (…。（记者 刘洋）).
func (p *page) runCloses(j int) bool {
	for ; j < len(p.blocks); j++ {
		b := p.blocks[j]
		switch {
		case b.end:
			return true
		case b.start || b.capt > 0 || (p.canHead(j) && j > 0 && p.blocks[j-1].done):
			return false
		}
	}
	return false
}

// chooseSide decides whether the page prints headlines before or after
// their articles, from all its headlines: one before the first article (or
// after a caption, before a lead) says before; one after the last
// article's end says after; one between two articles votes for the article
// whose text shares more of its words. A tie says before.
func (p *page) chooseSide() {
	score, votes := 0, 0
	var why []string
	for _, g := range p.groups {
		line := p.rows[p.blocks[g.blocks.from].from].line + 1
		switch {
		case g.prev == prevNone && g.follow != followEnd && g.follow != followCaption:
			score -= 3
			why = append(why, fmt.Sprintf("a headline opens the page (line %d)", line))
		case g.prev == prevText && g.follow == followEnd:
			score += 3
			why = append(why, fmt.Sprintf("a headline ends the page (line %d)", line))
		case g.prev == prevCaption && g.follow == followStart:
			score -= 2
			why = append(why, fmt.Sprintf("a headline stands between a caption and a lead (line %d)", line))
		case g.prev == prevText && g.follow == followCaption:
			score++
			why = append(why, fmt.Sprintf("a headline stands between an article's end and a caption (line %d)", line))
		case g.prev == prevText:
			v := p.vote(g)
			score += v
			votes += v
		}
	}
	if votes != 0 {
		why = append(why, fmt.Sprintf("headlines between articles share more words with the article %s them (%+d)", map[bool]string{true: "before", false: "after"}[votes > 0], votes))
	}
	p.after = score > 0
	side := "before"
	if p.after {
		side = "after"
	}
	if len(why) == 0 {
		why = append(why, "nothing says otherwise")
	}
	p.sideWhy = fmt.Sprintf("headlines printed %s their articles: %s", side, strings.Join(why, "; "))
}

// vote returns +1 when the headline group g shares clearly more words with
// the text before it than with the text after it, -1 for the opposite, else 0.
func (p *page) vote(g group) int {
	head := p.groupText(g)
	before, after := p.textAround(g)
	a, b := overlap(head, before), overlap(head, after)
	switch {
	case a > b+0.1:
		return 1
	case b > a+0.1:
		return -1
	}
	return 0
}

func (p *page) groupText(g group) string {
	var parts []string
	for k := g.blocks.from; k < g.blocks.to; k++ {
		parts = append(parts, p.join(p.blocks[k].span))
	}
	return strings.Join(parts, "")
}

// textAround returns the text between g and the groups before and after it,
// captions left out.
func (p *page) textAround(g group) (before, after string) {
	collect := func(from, to, step int) string {
		var b strings.Builder
		for k := from; k != to; k += step {
			bl := p.blocks[k]
			if bl.group > 0 {
				break
			}
			if bl.capt == 0 && b.Len() < 1<<16 {
				b.WriteString(p.join(bl.span))
			}
		}
		return b.String()
	}
	return collect(g.blocks.from-1, -1, -1), collect(g.blocks.to, len(p.blocks), 1)
}

// overlap returns the share of the Han character pairs of head that occur in text.
func overlap(head, text string) float64 {
	pairs := func(s string) map[[2]rune]bool {
		m := map[[2]rune]bool{}
		prev := rune(0)
		for _, r := range s {
			if !unicode.Is(unicode.Han, r) {
				prev = 0
				continue
			}
			if prev != 0 {
				m[[2]rune{prev, r}] = true
			}
			prev = r
		}
		return m
	}
	h := pairs(head)
	if len(h) == 0 {
		return 0
	}
	t := pairs(text)
	n := 0
	for k := range h {
		if t[k] {
			n++
		}
	}
	return float64(n) / float64(len(h))
}
