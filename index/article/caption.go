package article

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
