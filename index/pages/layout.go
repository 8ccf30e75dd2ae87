package pages

// Reading order. Neither poppler nor Tesseract reads a newspaper page in
// order: pdftotext walks a page's columns down through the articles beside
// and below (article 1's first two columns, then the article under them, then
// article 1's third column), and a PDF's own drawing order is whatever the
// layout program wrote. Both give good lines with their boxes, so the order
// is made here from the boxes alone: a recursive XY cut, as for any
// Manhattan layout, taught that a headline belongs over its columns.

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// line is one printed line with its box in points (or pixels), y growing
// downwards.
type line struct {
	x0, y0, x1, y1 float64
	text           string
}

func (l line) height() float64 { return l.y1 - l.y0 }

// geometry holds what a page's lines are measured against.
type geometry struct {
	body float64 // the body text's line height: the median
}

// headline reports whether l is set larger than the body text.
func (g geometry) headline(l line) bool { return l.height() > 1.3*g.body }

// pageText puts a page's lines in reading order and writes them in the
// layout index/article reads: each printed line on a line of its own, a blank
// line before every paragraph, headline, caption and article, and none where
// a paragraph runs on into the next column.
func pageText(lines []line) string {
	lines = slices.DeleteFunc(lines, func(l line) bool { return strings.TrimSpace(l.text) == "" || l.height() <= 0 })
	if len(lines) == 0 {
		return ""
	}
	hs := make([]float64, len(lines))
	for i, l := range lines {
		hs[i] = l.height()
	}
	slices.Sort(hs)
	g := geometry{body: hs[len(hs)/2]}
	var b strings.Builder
	var prev []line
	for _, blk := range g.order(lines) {
		slices.SortStableFunc(blk, func(a, b line) int { return cmp.Compare(a.y0, b.y0) })
		if prev != nil && !g.runsOn(prev, blk) {
			b.WriteByte('\n')
		}
		g.write(&b, blk)
		prev = blk
	}
	return b.String()
}

// order cuts lines into blocks (a column, a headline, a caption) in reading
// order. A region is cut at its vertical gaps first, left to right, so that
// articles side by side stay whole even when their headlines line up; then
// at its horizontal gaps, top to bottom. A vertical gap is not cut where it
// would part a headline from a column under it (a headline narrower than its
// columns leaves gaps on either side).
func (g geometry) order(lines []line) [][]line {
	if parts := g.cutX(lines); len(parts) > 1 {
		return g.orderAll(parts)
	}
	if parts := g.cutY(lines); len(parts) > 1 {
		return g.orderAll(parts)
	}
	return [][]line{lines}
}

func (g geometry) orderAll(parts [][]line) [][]line {
	var out [][]line
	for _, p := range parts {
		out = append(out, g.order(p)...)
	}
	return out
}

// gutterGap is the narrowest gap between columns, in line heights: half of
// one, about 0.6 of a character. Papers set columns a character apart or
// more; words on a line of Chinese have no gaps and Latin ones a third of
// that.
const gutterGap = 0.5

// cutX splits lines at the vertical gaps of a gutter or more, where no line
// crosses, into strips from left to right, keeping together the strips a
// headline and its columns share.
func (g geometry) cutX(lines []line) [][]line {
	strips := split(lines, g.body*gutterGap, func(l line) (float64, float64) { return l.x0, l.x1 })
	for i := 0; i+1 < len(strips); {
		if g.underHeadline(strips[i], strips[i+1]) || g.underHeadline(strips[i+1], strips[i]) {
			strips[i] = append(strips[i], strips[i+1]...)
			strips = slices.Delete(strips, i+1, i+2)
			continue
		}
		i++
	}
	return strips
}

// underHeadline reports whether strip a starts with a headline and strip b,
// beside it, is one of its columns: b has nothing level with the headline and
// starts where a's own column starts under it (or, when a holds only the
// headline, just under it). A headline narrower than its columns leaves
// vertical gaps on either side that are not the edges of an article.
func (g geometry) underHeadline(a, b []line) bool {
	head := slices.MinFunc(a, byTop)
	if !g.headline(head) {
		return false
	}
	top := slices.MinFunc(b, byTop).y0
	if top < head.y1 {
		return false
	}
	below := slices.DeleteFunc(slices.Clone(a), func(l line) bool { return g.headline(l) })
	if len(below) == 0 {
		return top-head.y1 < 2.5*g.body
	}
	return math.Abs(top-slices.MinFunc(below, byTop).y0) < 0.5*g.body
}

func byTop(p, q line) int { return cmp.Compare(p.y0, q.y0) }

// cutY splits lines at the horizontal gaps taller than most of a line into
// bands from top to bottom.
func (g geometry) cutY(lines []line) [][]line {
	return split(lines, g.body*0.9, func(l line) (float64, float64) { return l.y0, l.y1 })
}

// split sorts lines along one axis and cuts them wherever a gap of at least
// min lies between the extent of the lines so far and the next line.
func split(lines []line, min float64, span func(line) (float64, float64)) [][]line {
	s := slices.Clone(lines)
	slices.SortStableFunc(s, func(a, b line) int {
		a0, _ := span(a)
		b0, _ := span(b)
		return cmp.Compare(a0, b0)
	})
	var parts [][]line
	start := 0
	_, end := span(s[0])
	for i := 1; i < len(s); i++ {
		lo, hi := span(s[i])
		if lo-end >= min {
			parts = append(parts, s[start:i])
			start = i
		}
		end = max(end, hi)
	}
	return append(parts, s[start:])
}

// runsOn reports whether block b continues the paragraph that block a ends,
// as a column continues the one before it: both body text, a's last line
// filling its column and b's first line not indented.
func (g geometry) runsOn(a, b []line) bool {
	last, first := a[len(a)-1], b[0]
	if g.headline(last) || g.headline(first) {
		return false
	}
	return !g.short(last, right(a)) && !g.indented(first, left(b))
}

// write writes a block's lines, with a blank line before each paragraph
// after the first: a line indented from the block's edge or after a line
// that stops short of it.
func (g geometry) write(b *strings.Builder, blk []line) {
	l0, r := left(blk), right(blk)
	for i, l := range blk {
		if i > 0 && !g.headline(l) && (g.indented(l, l0) || g.short(blk[i-1], r)) {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimSpace(l.text))
		b.WriteByte('\n')
	}
}

// indented reports whether l starts more than half a character in from the
// block's left edge (paragraphs are indented two characters).
func (g geometry) indented(l line, left float64) bool { return l.x0-left > 0.8*g.body }

// short reports whether l stops more than two characters before the block's
// right edge, as only a paragraph's last line does in justified text. (Less
// would take OCR's boxes, which end at the ink, for short where a line ends
// in a bracket or a half-width digit.)
func (g geometry) short(l line, right float64) bool { return right-l.x1 > 2*g.body }

func left(blk []line) float64 {
	return slices.MinFunc(blk, func(p, q line) int { return cmp.Compare(p.x0, q.x0) }).x0
}

func right(blk []line) float64 {
	return slices.MaxFunc(blk, func(p, q line) int { return cmp.Compare(p.x1, q.x1) }).x1
}
