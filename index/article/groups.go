package article

import (
	"fmt"
	"strings"
)

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

// textAround returns the rows of text between g and the groups before and
// after it, captions left out, up to about 6000 bytes each way: an article's
// start or end says enough.
func (p *page) textAround(g group) (before, after []string) {
	collect := func(from, to, step int) []string {
		var rows []string
		n := 0
		for k := from; k != to && n < 6000; k += step {
			bl := p.blocks[k]
			if bl.group > 0 {
				break
			}
			if bl.capt > 0 {
				continue
			}
			for _, r := range p.rows[bl.from:bl.to] {
				rows = append(rows, r.fixed)
				n += len(r.fixed)
			}
		}
		return rows
	}
	return collect(g.blocks.from-1, -1, -1), collect(g.blocks.to, len(p.blocks), 1)
}

// overlap returns the share of the Han character pairs of head that occur in text.
func overlap(head string, text []string) float64 {
	pairs := map[[2]rune]bool{}
	var filter [16]uint64 // a quick test before the map: most pairs of a text are not the headline's
	bit := func(p [2]rune) (int, uint64) {
		h := uint32(p[0])*2654435761 ^ uint32(p[1])
		return int(h>>6) & 15, 1 << (h & 63)
	}
	eachPair(head, func(p [2]rune) {
		pairs[p] = false
		i, m := bit(p)
		filter[i] |= m
	})
	if len(pairs) == 0 {
		return 0
	}
	n := 0
	for _, t := range text {
		eachPair(t, func(p [2]rune) {
			if i, m := bit(p); filter[i]&m == 0 {
				return
			}
			if seen, ok := pairs[p]; ok && !seen {
				pairs[p] = true
				n++
			}
		})
	}
	return float64(n) / float64(len(pairs))
}

// eachPair calls f with each pair of adjacent Han characters of s.
func eachPair(s string, f func([2]rune)) {
	prev := rune(0)
	for _, r := range s {
		if !isHan(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			f([2]rune{prev, r})
		}
		prev = r
	}
}
