package article

import (
	"fmt"
	"strings"
)

// item is a document being put together from the page's blocks.
type item struct {
	kind     Kind
	lead     *lead // its opening; nil for an article known only by its closing byline
	people   credits
	blocks   []int
	head     *group
	photo    string
	capt     *caption
	leftover bool // text before the first article, not yet known to be one
}

// assemble walks the blocks in order and makes the documents: a lead or
// byline opens an article, text joins the open one, a closing byline
// closes it, a caption stands apart (text after it continues the article
// it interrupted), and each headline group titles the article after it or
// the one before it, as the page's side says.
func (p *page) assemble() {
	a := &assembler{p: p}
	for k := 0; k < len(p.blocks); k++ {
		b := p.blocks[k]
		switch {
		case b.capt > 0:
			k = a.caption(k)
		case b.group > 0:
			k = a.group(k)
		case b.start && a.open != nil && p.onlyByline(a.open) && p.rows[b.from].lead.form != formByline:
			a.open.lead = mergeLead(a.open.lead, p.rows[b.from].lead)
			a.open.blocks = append(a.open.blocks, k)
		case b.start:
			a.open = a.add(&item{kind: KindArticle, lead: p.rows[b.from].lead})
			a.open.blocks = append(a.open.blocks, k)
		default:
			a.text(k)
		}
	}
	p.leftGroup(a.pending)
	for _, it := range a.items {
		p.build(it)
	}
}

// assembler is the state of assemble's walk.
type assembler struct {
	p        *page
	items    []*item
	open     *item  // the article text joins
	pending  *group // headlines before their articles: the one waiting for its article
	articles int
}

// add appends it, giving it the headline waiting for it.
func (a *assembler) add(it *item) *item {
	if !a.p.after && a.pending != nil {
		it.head, a.pending = a.pending, nil
	}
	a.items = append(a.items, it)
	if it.kind == KindArticle && !it.leftover {
		a.articles++
	}
	return it
}

// caption adds the caption starting at block k and returns its last block.
func (a *assembler) caption(k int) int {
	c := a.p.blocks[k].capt
	it := a.add(&item{kind: KindCaption, capt: &a.p.capts[c-1]})
	for ; k < len(a.p.blocks) && a.p.blocks[k].capt == c; k++ {
		it.blocks = append(it.blocks, k)
	}
	return k - 1
}

// group places the headline group at block k and returns its last block:
// it titles the item before it (headlines after) or waits for the next.
func (a *assembler) group(k int) int {
	g := &a.p.groups[a.p.blocks[k].group-1]
	a.open = nil
	switch n := len(a.items); {
	case !a.p.after:
		a.p.leftGroup(a.pending)
		a.pending = g
	case n > 0 && a.items[n-1].head == nil:
		last := a.items[n-1]
		last.head = g
		if last.leftover { // text before the first lead, titled: an article
			last.leftover = false
			a.articles++
		}
	default:
		a.p.leftGroup(g)
	}
	return g.blocks.to - 1
}

// text adds the text block k to the open article, or opens one: text before
// the first article that no headline titles and no byline closes is a
// leftover.
func (a *assembler) text(k int) {
	b := a.p.blocks[k]
	if a.open == nil {
		lone := a.pending == nil && a.articles == 0 && !a.p.runCloses(k)
		a.open = a.add(&item{kind: KindArticle, leftover: lone})
	}
	a.open.blocks = append(a.open.blocks, k)
	last := a.p.rows[b.to-1]
	if b.credit {
		a.open.photo = last.credit
	}
	if b.end {
		a.open.people.add(last.lead.people)
		a.open = nil
	}
}

// onlyByline reports an article that so far is a byline alone on its line
// (■本报记者 陈静), which the lead below it joins.
func (p *page) onlyByline(it *item) bool {
	return len(it.blocks) == 1 && it.lead != nil && it.lead.form == formByline
}

// mergeLead joins a byline above a lead with the lead.
func mergeLead(byline, l *lead) *lead {
	m := *l
	m.people = byline.people
	m.people.add(l.people)
	return &m
}

// leftGroup drops a headline group that titles nothing, with a warning.
func (p *page) leftGroup(g *group) {
	if g == nil {
		return
	}
	t := p.groupText(*g)
	first := p.blocks[g.blocks.from].from
	p.warnings = append(p.warnings, Warning{Line: p.rows[first].line + 1, Code: WarnLeftover, Detail: t})
	for k := g.blocks.from; k < g.blocks.to; k++ {
		p.mark(p.blocks[k].span, RoleLeftover, "a headline with no article on its side, dropped", 0)
	}
}

// mark sets the Explain role of the rows of s.
func (p *page) mark(s span, role LineRole, why string, doc int) {
	for i := s.from; i < s.to; i++ {
		p.rows[i].role, p.rows[i].why, p.rows[i].doc = role, why, doc
	}
}

// build makes the document of it and appends it to p.out.
func (p *page) build(it *item) {
	spans := make([]span, len(it.blocks))
	for i, k := range it.blocks {
		spans[i] = p.blocks[k].span
	}
	if it.leftover {
		p.leftover(spans)
		return
	}
	a := Article{Kind: it.kind, Paragraphs: p.reflow(spans)}
	doc := len(p.out) + 1
	people := it.people
	if it.lead != nil {
		people.add(it.lead.people)
		a.Date, a.Agency, a.Place = it.lead.date, it.lead.agency, it.lead.place
		if a.Date.IsZero() && it.lead.form == formByline && len(a.Paragraphs) > 1 {
			// ■本报记者 陈静 above a text that opens with its date: 3月5日，…
			a.Date = (&cursor{lines: []string{a.Paragraphs[1]}}).date()
		}
	}
	a.Reporter = strings.Join(people.reporters, " ")
	a.Contributors = people.contributors
	a.Photographer = strings.Join(people.photographers, " ")
	if it.photo != "" {
		a.Photographer = it.photo
	}
	if it.capt != nil {
		a.Photographer = it.capt.who
	}
	p.setMetaOn(&a)
	p.title(&a, it.head, doc)
	for _, k := range it.blocks {
		p.markBlock(k, it, doc)
	}
	p.out = append(p.out, a)
}

// markBlock sets the Explain roles of the rows of block k of document doc.
func (p *page) markBlock(k int, it *item, doc int) {
	b := p.blocks[k]
	for i := b.from; i < b.to; i++ {
		r := &p.rows[i]
		r.doc = doc
		switch {
		case r.credit != "":
			r.role, r.why = RoleCredit, "photo credit: photographer "+r.credit
		case r.lead != nil && (r.lead.form == formByline || r.lead.form == formEnd):
			r.role = RoleByline // Explain words the lead: most parses never need it
		case r.lead != nil:
			r.role = RoleLead
		case it.kind == KindCaption:
			r.role = RoleCaption
		default:
			r.role, r.why = RoleBody, b.why
		}
	}
}

// title titles a by the headline group g, or derives a title from its text.
func (p *page) title(a *Article, g *group, doc int) {
	if g == nil {
		a.Title, a.TitleDerived = p.derive(a.Paragraphs, a.Kind == KindCaption), true
		return
	}
	g.doc = doc
	parts := p.splitGroup(*g)
	var kicker, subtitle []string
	side := "before"
	if p.after {
		side = "after"
	}
	why := fmt.Sprintf("short, set apart, no sentence end, between %s and %s: printed %s document %d (see layout)",
		[]string{"the page's start", "a finished text", "a caption"}[g.prev],
		[]string{"a lead", "a caption", "more text", "the page's end"}[g.follow], side, doc)
	if len(parts) > 1 {
		why += "; of its parts the longest is the main headline, a dash opens the subtitle"
	}
	for _, part := range parts {
		t := collapseSpace(p.join(part.rows))
		switch part.role {
		case RoleKicker:
			kicker = append(kicker, t)
		case RoleSubtitle:
			subtitle = append(subtitle, t)
		default:
			a.Title = t
		}
		p.mark(part.rows, part.role, why, doc)
	}
	a.Kicker, a.Subtitle = strings.Join(kicker, " "), strings.Join(subtitle, " ")
}

// groupPart is a kicker, main headline or subtitle of a group.
type groupPart struct {
	rows span
	role LineRole
}

// splitGroup tells a group's main headline from its kicker (引题, above) and
// subtitle (副题, below): a line opening with a dash starts the subtitle;
// otherwise, of blocks set apart by blank lines, the longest is the main
// headline (the first of equals), those before it the kicker, those after it
// the subtitle. Lines of one block without a dash are one headline.
func (p *page) splitGroup(g group) []groupPart {
	var parts []span
	dash := -1
	for k := g.blocks.from; k < g.blocks.to; k++ {
		b := p.blocks[k].span
		for i := b.from; i < b.to; i++ {
			if isDash(p.rows[i].fixed) && i > p.blocks[g.blocks.from].from && dash < 0 {
				if i > b.from {
					parts = append(parts, span{b.from, i})
					b.from = i
				}
				dash = len(parts)
			}
		}
		parts = append(parts, b)
	}
	end := len(parts)
	if dash >= 0 {
		end = dash
	}
	main, best := 0, -1
	for i, s := range parts[:end] {
		if n := runeCount(p.join(s), 4*maxTitle); n > best {
			main, best = i, n
		}
	}
	out := make([]groupPart, len(parts))
	for i, s := range parts {
		out[i] = groupPart{s, RoleHeadline}
		switch {
		case i < main:
			out[i].role = RoleKicker
		case i > main:
			out[i].role = RoleSubtitle
		}
	}
	return out
}

// leftover handles text before the first article that is not an article:
// more than a headline's worth becomes a document, less (a page header,
// say) is dropped with a warning.
func (p *page) leftover(spans []span) {
	paras := p.reflow(spans)
	if len(paras) == 0 {
		return
	}
	if t := strings.Join(paras, " "); runeCount(t, maxTitle) <= maxTitle {
		p.warnings = append(p.warnings, Warning{Line: p.rows[spans[0].from].line + 1, Code: WarnLeftover, Detail: t})
		for _, s := range spans {
			p.mark(s, RoleLeftover, "short text before the first article, neither its headline nor an article: dropped", 0)
		}
		return
	}
	p.emitDocument(spans...)
}

// emitDocument makes the rows of spans, which hold no article, into one
// document, titled by its first block (wrapped page) or line if that is a
// headline, else by the file name or a title derived from the text.
func (p *page) emitDocument(spans ...span) {
	var all []span
	for _, s := range spans {
		for k := range p.blocks {
			if b := p.blocks[k].span; b.from >= s.from && b.to <= s.to {
				all = append(all, b)
			}
		}
	}
	if len(all) == 0 {
		return
	}
	doc := len(p.out) + 1
	title := p.firstHeadline(all[0])
	if title.ok() {
		all[0].from = title.to
		p.mark(title, RoleHeadline, "the document's first block is shaped like a headline", doc)
	}
	a := Article{Kind: KindDocument, Paragraphs: p.reflow(all)}
	switch {
	case title.ok():
		a.Title = collapseSpace(p.join(title))
	case p.baseName() != "":
		a.Title, a.TitleDerived = p.baseName(), true
	default:
		a.Title, a.TitleDerived = p.derive(a.Paragraphs, false), true
	}
	for _, s := range all {
		p.mark(s, RoleDocument, "no lead, byline or caption: the text is one document", doc)
	}
	if a.Title == "" && len(a.Paragraphs) == 0 {
		return
	}
	p.setMetaOn(&a)
	p.out = append(p.out, a)
}

// firstHeadline returns the headline starting block s, if any: the whole
// block in a wrapped page, or else its first line, when headline-like and,
// in a wrapped page, without clause punctuation inside (body lines mostly
// have some).
func (p *page) firstHeadline(s span) span {
	for _, h := range []span{s, {s.from, s.from + 1}} {
		if h.ok() && h.to <= s.to && p.isHeadline(h) && !(p.wrapped && strings.ContainsAny(p.join(h), "，。；！？、,.;!?")) {
			return h
		}
	}
	return span{}
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

// reflow makes paragraphs of the rows of spans, read as if a blank line
// stood between two spans. In a wrapped page lines are joined, and a blank
// line ends a paragraph only after punctuation that can end one (。！？…；：”
// and the like); any other blank line is a column break. In an unwrapped page
// each line is a paragraph. A lead starts a paragraph; a byline or credit
// on its own line is one.
func (p *page) reflow(spans []span) []string {
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
	for n, s := range spans {
		if n > 0 && endsParagraph(prev) {
			flush()
		}
		for _, r := range p.rows[s.from:s.to] {
			switch {
			case r.fixed == "" || r.role == RoleMasthead || r.role == RoleFurniture:
				if endsParagraph(prev) {
					flush()
				}
				continue
			case r.own || !p.wrapped || (r.lead != nil && r.lead.form != formEnd):
				flush()
			case prev != "" && joinSpace(prev, r.fixed):
				b.WriteByte(' ')
			}
			b.WriteString(r.fixed)
			prev = r.fixed
			if r.own {
				flush()
			}
		}
	}
	flush()
	return paras
}
