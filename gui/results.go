package gui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// pageSize is how many hits one search, or one "more" click, fetches.
const pageSize = 50

// resultList is the left pane: the count, the hits, a "more" button and,
// when nothing matches, a message saying what to try.
type resultList struct {
	ui       *UI
	list     *hitList
	count    *widget.Label
	more     *widget.Button
	empty    *wrapText
	clear    *widget.Button
	emptyBox *fyne.Container

	hits     []index.Hit
	total    int
	undated  int
	query    string
	opt      index.SearchOptions
	selected int
	loading  bool // a next page is being fetched
	moveOn   bool // select the first hit of the next page when it comes (↓ at the end)
}

func (r *resultList) build() fyne.CanvasObject {
	r.selected = -1
	r.list = newHitList(r)
	r.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.count.Wrapping = wrapMode()
	r.more = widget.NewButton(tr("button.more"), r.onMore)
	r.more.Hide()
	r.empty = newWrapText(0)
	r.clear = widget.NewButton(tr("button.clearFilter"), r.ui.search.clearFilters)
	r.emptyBox = container.NewVBox(r.empty, container.NewHBox(r.clear))
	r.emptyBox.Hide()
	return container.NewBorder(r.count, r.more, nil, nil, container.NewStack(r.list.frame(), r.emptyBox))
}

// newHitItem is one row of the list: headline, date · reporter, snippet.
func newHitItem() fyne.CanvasObject {
	title := newWrapText(1)
	meta := newMetaText()
	meta.Truncation = fyne.TextTruncateEllipsis
	snippet := newWrapText(2)
	// Tighter than a VBox: the RichTexts bring their own padding.
	return container.New(layout.NewCustomPaddedVBoxLayout(-4), title, meta,
		container.New(&linesLayout{lines: 2}, snippet))
}

func (r *resultList) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(r.hits) {
		return
	}
	h := r.hits[id]
	box := o.(*fyne.Container)
	title := box.Objects[0].(*wrapText)
	text, spans := squeezeSpaces(h.Title, h.TitleHighlights)
	title.setRuns(markRuns(text, spanMarks(spans, len([]rune(text))), -1,
		withBold(stylePlain), styleHit, styleHit))
	setMetaText(box.Objects[1].(*widget.RichText), hitMeta(h))
	snippet := box.Objects[2].(*fyne.Container).Objects[0].(*wrapText)
	text = oneLine(h.Snippet)
	snippet.setRuns(markRuns(text, spanMarks(h.SnippetHighlights, len([]rune(text))), -1,
		stylePlain, styleHit, styleHit))
}

// oneLine turns line breaks into spaces, one code point for one, so the
// highlight spans still fit.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// set replaces the list with a new search's results and opens the first.
func (r *resultList) set(q string, opt index.SearchOptions, res *index.Results) {
	r.query, r.opt = q, opt
	r.hits, r.total, r.undated = nil, 0, 0
	r.loading, r.moveOn = false, false
	if res != nil {
		r.hits, r.total, r.undated = res.Hits, res.Total, res.Undated
	}
	r.updateCount()
	r.selected = -1
	r.list.UnselectAll()
	r.list.Refresh()
	r.list.ScrollToTop()
	r.updateMore()
	if len(r.hits) == 0 {
		r.showEmpty()
		r.ui.detail.clear()
		return
	}
	r.emptyBox.Hide()
	r.list.box.Show()
	r.list.Select(0)
}

// clearFor empties the list when the query q cannot be searched, saying why.
func (r *resultList) clearFor(q, why string) {
	r.query = q
	r.hits, r.total, r.undated, r.selected = nil, 0, 0, -1
	r.loading, r.moveOn = false, false
	r.count.SetText("")
	r.list.UnselectAll()
	r.list.Refresh()
	r.more.Hide()
	r.empty.setRuns([]textRun{{why, stylePlain}})
	r.clear.Hide()
	r.list.box.Hide()
	r.emptyBox.Show()
	r.ui.detail.clear()
}

// updateCount says how many matched, how many are listed, and how many
// undated articles a date filter left out.
func (r *resultList) updateCount() {
	s := tr("results.count", r.total)
	if r.total == 1 {
		s = tr("results.one")
	}
	if len(r.hits) < r.total && len(r.hits) > 0 {
		s = tr("results.shown", r.total, len(r.hits))
	}
	if r.undated > 0 {
		s += tr("results.undated", r.undated)
	}
	r.count.SetText(s)
}

// appendPage adds the next page of the same search.
func (r *resultList) appendPage(res *index.Results) {
	r.loading = false
	if res == nil {
		return
	}
	first := len(r.hits)
	r.hits = append(r.hits, res.Hits...)
	r.total = res.Total
	r.list.Refresh()
	r.updateMore()
	r.updateCount()
	if r.moveOn && first < len(r.hits) {
		r.moveOn = false
		r.list.Select(first)
		r.list.ScrollTo(first)
	}
}

func (r *resultList) updateMore() {
	if len(r.hits) >= r.total || len(r.hits) == 0 {
		r.more.Hide()
		return
	}
	r.more.Show()
}

func (r *resultList) onMore() {
	if r.loading || len(r.hits) >= r.total {
		return
	}
	r.loading = true
	r.ui.search.more(r.query, r.opt, len(r.hits))
}

// showEmpty says that nothing matched and what to try instead.
func (r *resultList) showEmpty() {
	filtered := r.ui.search.filtered()
	r.empty.setRuns([]textRun{{emptyMessage(r.query, filtered), stylePlain}})
	if filtered {
		r.clear.Show()
	} else {
		r.clear.Hide()
	}
	r.list.box.Hide()
	r.emptyBox.Show()
}

// emptyMessage is the zero-results text for query q.
func emptyMessage(q string, filtered bool) string {
	switch {
	case q == "" && filtered:
		return tr("empty.filtered")
	case q == "":
		return tr("empty.library")
	}
	tips := []string{tr("empty.query", q), tr("empty.tipFewer"), tr("empty.tipOr"), tr("empty.tipTypos"), tr("empty.tipQuotes")}
	if filtered {
		tips = append(tips, tr("empty.tipFilters"))
	}
	return strings.Join(tips, "\n")
}

// onSelected opens the chosen hit.
func (r *resultList) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(r.hits) {
		return
	}
	r.selected = id
	r.ui.detail.open(r.hits[id], r.query)
}

// move selects the hit delta rows away from the current one; moving down
// from the last hit listed loads the next page and goes on to its first.
func (r *resultList) move(delta int) {
	if len(r.hits) == 0 {
		return
	}
	if delta > 0 && r.selected == len(r.hits)-1 && len(r.hits) < r.total {
		r.moveOn = true
		r.onMore()
		return
	}
	i := min(max(r.selected+delta, 0), len(r.hits)-1)
	if r.selected < 0 {
		i = 0
	}
	r.list.Select(i)
	r.list.ScrollTo(i)
}

// pick opens the current (or first) hit at its first match; false when the
// list is empty.
func (r *resultList) pick() bool {
	if len(r.hits) == 0 {
		return false
	}
	if r.selected < 0 {
		r.list.Select(0)
	}
	r.ui.detail.jump(0)
	return true
}

// linesLayout gives its object the height of a number of text lines, so a
// wrapped snippet shows that many and ends in an ellipsis.
type linesLayout struct {
	fill
	lines int
}

func (l *linesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	th := fyne.CurrentApp().Settings().Theme()
	line := fyne.MeasureText("报", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	pad := th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(0, float32(l.lines)*line+2*pad)
}

// newMetaText is a line of secondary information (date, reporter, source):
// smaller and greyer than the text, yet readable, which the disabled colour of
// a low-importance Label is not.
func newMetaText() *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Style: styleMeta})
}

func setMetaText(rt *widget.RichText, s string) {
	rt.Segments[0].(*widget.TextSegment).Text = s
	rt.Refresh()
}

// showDate renders a stored date for the screen: 2020年2月28日 (2月28日 when
// the year is unknown), or 2020-02-28 (Feb 28, year unknown) in English.
func showDate(date string) string {
	if !english || date == "" {
		return cnDate(date)
	}
	if md, ok := strings.CutPrefix(date, "--"); ok {
		if t, err := time.Parse("01-02", md); err == nil {
			return t.Format("Jan 2") + ", year unknown"
		}
	}
	return date
}
