package gui

import (
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
	"baosou/index/query"
)

// detailView is the right pane: the article with its matches highlighted,
// match navigation and copy actions. Its text can be selected with the
// mouse, highlights and all (see select.go).
type detailView struct {
	ui          *UI
	kicker      *wrapText // 引题, above the headline
	title       *wrapText
	subtitle    *wrapText // 副题, below it
	meta        *widget.RichText
	matches     *widget.Label
	prev, next  *widget.Button
	copyExcerpt *widget.Button
	copyArticle *widget.Button
	tools       *flowBox
	paras       *fyne.Container // one paraText per paragraph
	scroll      *container.Scroll
	placeholder *widget.Label
	header      *fyne.Container

	doc        *index.Doc
	query      string
	spans      []index.Span // matches in doc.Body, sorted, not overlapping
	current    int          // index into spans, -1 when none
	paraTexts  []string
	paraMarks  [][]mark
	paraStarts []int
	paraViews  []*paraText // by paragraph; nil for blank ones
	gen        int
	sel        selection
	dragging   bool
	missing    int // characters of the article no font can draw
}

func (d *detailView) build() fyne.CanvasObject {
	d.current = -1
	d.kicker = newWrapText(0)
	d.title = newWrapText(0)
	d.subtitle = newWrapText(0)
	setLine(d.kicker, "")
	setLine(d.subtitle, "")
	d.meta = newMetaText()
	d.meta.Wrapping = fyne.TextWrapBreak
	d.matches = widget.NewLabel("")
	d.prev = widget.NewButtonWithIcon(tr("button.prev"), theme.MoveUpIcon(), d.onPrev)
	d.next = widget.NewButtonWithIcon(tr("button.next"), theme.MoveDownIcon(), d.onNext)
	d.copyExcerpt = widget.NewButtonWithIcon(tr("button.copyExcerpt"), theme.ContentCopyIcon(), d.onCopyExcerpt)
	d.copyArticle = widget.NewButtonWithIcon(tr("button.copyArticle"), theme.DocumentIcon(), d.onCopyArticle)

	d.paras = container.New(&cullLayout{d: d, VBox: layout.NewVBoxLayout()})
	d.scroll = container.NewVScroll(d.paras)
	d.scroll.OnScrolled = func(fyne.Position) { d.cull() }
	d.placeholder = widget.NewLabel(tr("detail.loading"))
	d.placeholder.Alignment = fyne.TextAlignCenter

	// A row that wraps: in a narrow window the copy buttons go under the
	// match buttons instead of over them.
	d.tools = newFlowBox(3, 4, 0, d.prev, d.matches, d.next, layout.NewSpacer(), d.copyExcerpt, d.copyArticle)
	// Kicker, headline and subtitle close together, as the page sets them.
	headline := container.New(layout.NewCustomPaddedVBoxLayout(-6), d.kicker, d.title, d.subtitle)
	d.header = container.NewVBox(headline, d.meta, d.tools, widget.NewSeparator())
	d.setEnabled()
	return container.NewBorder(d.header, nil, nil, nil, container.NewStack(d.scroll, d.placeholder))
}

// open loads hit's article off the UI goroutine and shows it with the
// matches of q; a later open wins over an earlier one still loading.
func (d *detailView) open(hit index.Hit, q string) {
	d.gen++
	gen := d.gen
	lib := d.ui.lib
	d.ui.spawn(func() {
		t0 := time.Now()
		doc, err := lib.Get(hit.ID)
		var body, title []index.Span
		missing := 0
		if err == nil {
			missing = missingGlyphs(doc.Title + doc.Body)
		}
		if err == nil && strings.TrimSpace(q) != "" {
			body, title, _ = lib.Highlight(doc, q) // no highlights is still an article
		}
		loaded := time.Now()
		d.ui.post(func() {
			if gen != d.gen {
				return
			}
			t1 := time.Now()
			defer func() {
				trace("article %s (%d matches): read and highlighted in %v, waited %v for the UI, shown in %v",
					hit.ID, len(body), ms(loaded.Sub(t0)), ms(t1.Sub(loaded)), ms(time.Since(t1)))
			}()
			if err != nil {
				d.clear()
				d.placeholder.SetText(tr("detail.cannotRead", err))
				return
			}
			d.missing = missing
			d.show(doc, q, body, title)
		})
	})
}

// show renders doc with its body and title matches and brings the first
// match into view.
func (d *detailView) show(doc *index.Doc, q string, body, title []index.Span) {
	d.doc, d.query = doc, q
	d.sel = selection{}
	d.spans = cleanSpans(body, len([]rune(doc.Body)))
	d.current = -1
	if len(d.spans) > 0 {
		d.current = 0
	}
	text, tspans := squeezeSpaces(doc.Title, title)
	d.title.setRuns(markRuns(text, spanMarks(tspans, len([]rune(text))), -1,
		withSize(withBold(stylePlain), theme.SizeNameSubHeadingText),
		withSize(styleHit, theme.SizeNameSubHeadingText), styleHit))
	setLine(d.kicker, doc.Kicker)
	setLine(d.subtitle, doc.Subtitle)
	meta := docMeta(doc)
	if d.missing > 0 {
		meta += "\n" + tr("detail.missingGlyphs", d.missing)
	}
	setMetaText(d.meta, meta)
	d.renderBody()
	d.placeholder.Hide()
	d.header.Show()
	d.scroll.Show()
	d.scroll.ScrollToTop()
	d.cull()
	d.setEnabled()
	d.updateMatches()
	d.reveal()
}

// renderBody builds one paraText per paragraph.
func (d *detailView) renderBody() {
	d.paraTexts, d.paraMarks, d.paraStarts = splitParagraphs(d.doc.Body, d.spans)
	d.paraViews = make([]*paraText, len(d.paraTexts))
	objs := make([]fyne.CanvasObject, 0, len(d.paraTexts))
	for i, p := range d.paraTexts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		pt := newParaText(d, i)
		pt.marks = d.paraBackMarks(i)
		pt.setRuns([]textRun{{p, stylePlain}})
		d.paraViews[i] = pt
		objs = append(objs, pt)
	}
	d.paras.Objects = objs
	d.paras.Refresh()
}

// paraBackMarks are paragraph i's matches, painted behind its text: an
// article can have hundreds (a one-letter query in English text), and a
// coloured run each would be a text object each to draw.
func (d *detailView) paraBackMarks(i int) []backMark {
	out := make([]backMark, len(d.paraMarks[i]))
	for k, m := range d.paraMarks[i] {
		out[k] = backMark{m.start, m.end, markHit}
		if m.n == d.current {
			out[k].kind = markCurrent
		}
	}
	return out
}

// searchesText reports whether q looks for words in the headline or text
// (a term without a field or in title:, not excluded); 摄影:郭树勋 or date:02-26 alone
// match an article by what is known of it, so that its text has no match
// to show is no surprise worth saying.
func searchesText(q string) bool {
	n, err := query.Parse(q)
	if err != nil {
		return true
	}
	var has func(n query.Node) bool
	has = func(n query.Node) bool {
		switch x := n.(type) {
		case *query.Term:
			return x.Field == "" || x.Field == "title"
		case *query.And:
			return slices.ContainsFunc(x.Xs, has)
		case *query.Or:
			return slices.ContainsFunc(x.Xs, has)
		}
		return false
	}
	return has(n)
}

// setLine shows a kicker or subtitle, its spaces squeezed like the
// headline's, or hides it when the article has none.
func setLine(w *wrapText, s string) {
	s, _ = squeezeSpaces(s, nil)
	if s == "" {
		w.setRuns(nil)
		w.Hide()
		return
	}
	w.setRuns([]textRun{{s, stylePlain}})
	w.Show()
}

// citeDoc is the article as its citation names it: the headline without
// the runs of spaces a page pads it with.
func (d *detailView) citeDoc() *index.Doc {
	c := *d.doc
	c.Title, _ = squeezeSpaces(c.Title, nil)
	return &c
}

// clear empties the pane when no article is chosen.
func (d *detailView) clear() {
	d.gen++
	d.doc, d.spans, d.current = nil, nil, -1
	d.sel = selection{}
	d.title.setRuns(nil)
	setLine(d.kicker, "")
	setLine(d.subtitle, "")
	setMetaText(d.meta, "")
	d.paras.Objects = nil
	d.paraViews = nil
	d.paras.Refresh()
	d.scroll.Hide()
	d.header.Hide()
	d.placeholder.SetText(tr("detail.none"))
	d.placeholder.Show()
	d.updateMatches()
	d.setEnabled()
}

func (d *detailView) setEnabled() {
	for _, b := range []*widget.Button{d.copyExcerpt, d.copyArticle} {
		if d.doc == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	for _, b := range []*widget.Button{d.prev, d.next} {
		if len(d.spans) == 0 {
			b.Hide()
		} else {
			b.Show()
		}
	}
	d.tools.Refresh()
}

func (d *detailView) updateMatches() {
	switch {
	case d.doc == nil || strings.TrimSpace(d.query) == "":
		d.matches.SetText("")
	case len(d.spans) == 0 && !searchesText(d.query):
		d.matches.SetText(tr("detail.fieldMatch"))
	case len(d.spans) == 0:
		d.matches.SetText(tr("detail.noMatch"))
	default:
		d.matches.SetText(tr("detail.match", d.current+1, len(d.spans)))
	}
}

func (d *detailView) onNext() { d.jump(d.current + 1) }
func (d *detailView) onPrev() { d.jump(d.current - 1) }

// jump makes match k (wrapping around) the current one and scrolls to it.
func (d *detailView) jump(k int) {
	n := len(d.spans)
	if d.doc == nil || n == 0 {
		return
	}
	k = ((k % n) + n) % n
	old := d.current
	d.current = k
	for _, i := range []int{d.paraOf(old), d.paraOf(k)} {
		if i >= 0 && d.paraViews[i] != nil {
			d.paraViews[i].setMarks(d.paraBackMarks(i))
		}
	}
	d.updateMatches()
	d.reveal()
}

// paraOf is the paragraph holding match k, or -1.
func (d *detailView) paraOf(k int) int {
	if k < 0 || k >= len(d.spans) {
		return -1
	}
	start := d.spans[k].Start
	return sort.Search(len(d.paraStarts), func(i int) bool { return d.paraStarts[i] > start }) - 1
}

// matchY is where the current match's line starts in the article, and its
// line height; ok is false when there is no current match.
func (d *detailView) matchY() (y, lineH float32, ok bool) {
	i := d.paraOf(d.current)
	if i < 0 || d.paraViews[i] == nil {
		return 0, 0, false
	}
	rt := d.paraViews[i]
	line, lines := rt.lineOf(d.spans[d.current].Start - d.paraStarts[i])
	lineH = rt.Size().Height / float32(lines)
	return rt.Position().Y + lineH*float32(line), lineH, true
}

// reveal scrolls the current match into view when it is not already shown,
// placing it a third of the way down.
func (d *detailView) reveal() {
	d.scroll.Refresh() // lay the new text out before measuring it
	y, lineH, ok := d.matchY()
	if !ok {
		return
	}
	view, off := d.scroll.Size().Height, d.scroll.Offset.Y
	if y >= off && y+2*lineH <= off+view {
		return
	}
	d.scrollTo(y - view/3)
}

// keepPlace runs change (a new text size) and scrolls so that the same text
// is where it was: the current match when it is in view (kept whole on
// screen as its line grows), else the paragraph at the top, at the same
// point of it.
func (d *detailView) keepPlace(change func()) {
	if d.doc == nil || len(d.paraViews) == 0 {
		change()
		return
	}
	view, off := d.scroll.Size().Height, d.scroll.Offset.Y
	my, lineH, onMatch := d.matchY()
	onMatch = onMatch && my < off+view && my+lineH > off
	top, frac := d.paraAt(off)
	change()
	d.paras.Refresh()
	d.scroll.Refresh()
	if onMatch {
		y, newH, _ := d.matchY()
		rel := max(min(my-off, d.scroll.Size().Height-2*newH), 0)
		d.scrollTo(y - rel)
		return
	}
	if top != nil {
		d.scrollTo(top.Position().Y + frac*top.Size().Height)
	}
}

// cull draws only the paragraphs in view or near it (a screen above and
// below). Fyne draws every visible text object, in view or not, each into a
// texture of its own, so a long page of a manual (hundreds of lines) took
// most of a second to show.
func (d *detailView) cull() {
	off, view := d.scroll.Offset.Y, d.scroll.Size().Height
	if view <= 0 {
		view = 2000
	}
	lo, hi := off-view, off+2*view
	for _, p := range d.paraViews {
		if p != nil {
			y := p.Position().Y
			p.setOnScreen(y < hi && y+p.Size().Height > lo)
		}
	}
}

// cullLayout lays the paragraphs out one under another, then culls them.
type cullLayout struct {
	VBox fyne.Layout
	d    *detailView
}

func (l *cullLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return l.VBox.MinSize(objs) }

func (l *cullLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.VBox.Layout(objs, size)
	l.d.cull()
}

// paraAt is the paragraph shown at y and how far into it y is (0-1).
func (d *detailView) paraAt(y float32) (*paraText, float32) {
	var last *paraText
	for _, p := range d.paraViews {
		if p == nil {
			continue
		}
		last = p
		if y < p.Position().Y+p.Size().Height {
			return p, max(0, (y-p.Position().Y)/max(p.Size().Height, 1))
		}
	}
	return last, 1
}

// page scrolls the article by a screen up (-1) or down (1).
func (d *detailView) page(dir int) {
	d.scrollTo(d.scroll.Offset.Y + float32(dir)*(d.scroll.Size().Height*0.9))
}

func (d *detailView) scrollTo(y float32) {
	limit := d.scroll.Content.MinSize().Height - d.scroll.Size().Height
	d.scroll.ScrollToOffset(fyne.NewPos(0, max(0, min(y, limit))))
	d.cull() // OnScrolled hears the mouse wheel only
}

// onCopyExcerpt copies the sentence around the current match (or the lead
// when there is none) with its citation.
func (d *detailView) onCopyExcerpt() {
	if d.doc == nil {
		d.ui.status.warn(tr("detail.pickFirst"))
		return
	}
	var sp index.Span
	ok := d.current >= 0 && d.current < len(d.spans)
	if ok {
		sp = d.spans[d.current]
	}
	d.ui.copied(withCitation(excerpt(d.doc.Body, sp, ok), d.citeDoc()), "copied.excerpt")
}

// onCopyArticle copies the whole article with its citation.
func (d *detailView) onCopyArticle() {
	if d.doc == nil {
		d.ui.status.warn(tr("detail.pickFirst"))
		return
	}
	d.ui.copied(articleText(d.citeDoc()), "copied.article")
}
