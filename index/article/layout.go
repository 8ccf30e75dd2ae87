package article

import (
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
