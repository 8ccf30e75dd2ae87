package gui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// maxReporters is how many of the top reporters the panel lists.
const maxReporters = 8

// facetPanel shows, under the results, who wrote the matches and when: the
// top reporters with their counts, and a timeline with a bar per month (per
// year over a long range). Both count every match, not the page listed, and
// follow the query as it is typed. Clicking a reporter puts it in the
// reporter filter; clicking a bar sets the date range to its month or year.
type facetPanel struct {
	ui        *UI
	box       *fyne.Container
	reporters *flowBox
	names     []*widget.Hyperlink
	timeline  *timeline
	caption   *widget.Label   // the month under the mouse, or the range
	pane      *fyne.Container // the results pane it sits in, laid out anew when it shows or hides
	last      *index.Results  // the results shown, for turning the panel back on
}

func (f *facetPanel) wanted() bool {
	return f.ui.app.Preferences().BoolWithFallback(prefFacets, true)
}

// onToggle turns the panel off or on (View menu), remembered.
func (f *facetPanel) onToggle() {
	f.ui.app.Preferences().SetBool(prefFacets, !f.wanted())
	f.set(f.last)
	f.ui.win.SetMainMenu(f.ui.mainMenu())
}

func (f *facetPanel) build() fyne.CanvasObject {
	f.names = make([]*widget.Hyperlink, maxReporters)
	objs := make([]fyne.CanvasObject, 0, maxReporters+1)
	head := widget.NewLabelWithStyle(tr("facets.reporters"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs = append(objs, head)
	for i := range f.names {
		f.names[i] = widget.NewHyperlink("", nil)
		f.names[i].Hide()
		objs = append(objs, f.names[i])
	}
	f.reporters = newFlowBox(-1, 0, 0, objs...)
	f.timeline = newTimeline(f.onBar, f.onHover)
	f.caption = widget.NewLabel("")
	f.caption.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabelWithStyle(tr("facets.timeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.box = container.NewVBox(widget.NewSeparator(), f.reporters,
		container.NewBorder(nil, nil, when, nil, f.caption), f.timeline)
	f.box.Hide()
	return f.box
}

// prefFacets remembers whether the panel is wanted (View menu).
const prefFacets = "showFacets"

// set shows the facets of res; nil (or a library without facets, or the
// panel turned off) hides them.
func (f *facetPanel) set(res *index.Results) {
	f.last = res
	if res == nil || res.Facets == nil || res.Total == 0 || !f.wanted() {
		if f.box.Visible() {
			f.box.Hide()
			f.relayout()
		}
		return
	}
	fc := res.Facets
	for i, h := range f.names {
		if i >= len(fc.Reporter) {
			h.Hide()
			continue
		}
		name := fc.Reporter[i].Name
		h.SetText(fmt.Sprintf("%s %d", name, fc.Reporter[i].Count))
		h.OnTapped = func() { f.ui.search.reporter.SetText(name) }
		h.Show()
	}
	f.timeline.set(timelineBars(fc.Month))
	f.onHover(-1)
	f.box.Show()
	f.reporters.Refresh()
	f.relayout()
}

func (f *facetPanel) relayout() {
	if f.pane != nil {
		f.pane.Refresh()
	}
}

// onBar narrows the search to bar i's month or year.
func (f *facetPanel) onBar(i int) {
	b := f.timeline.bars[i]
	s := f.ui.search
	s.from.SetText(b.key)
	s.to.SetText(b.key)
}

// onHover names the bar under the mouse, or the range shown when none.
func (f *facetPanel) onHover(i int) {
	bars := f.timeline.bars
	switch {
	case len(bars) == 0:
		f.caption.SetText(tr("facets.none"))
	case i >= 0 && i < len(bars):
		f.caption.SetText(tr("facets.month", bars[i].key, bars[i].count))
	case len(bars) == 1:
		f.caption.SetText(bars[0].key)
	default:
		f.caption.SetText(bars[0].key + " – " + bars[len(bars)-1].key)
	}
}

// bar is one month ("2020-02") or year ("2020") of the timeline.
type bar struct {
	key   string
	count int
}

// maxMonths is the longest range drawn a month a bar; longer ones get a bar a year.
const maxMonths = 36

// timelineBars turns month counts into bars, every month from the first to
// the last (months without a match are empty bars, so the spacing is time),
// or every year when that is too many. Months without a year are left out.
func timelineBars(months []index.MonthCount) []bar {
	counts := map[int]int{} // year*12 + month-1
	lo, hi := -1, -1
	for _, m := range months {
		y, mo, ok := parseMonth(m.Month)
		if !ok || m.Count <= 0 {
			continue
		}
		k := y*12 + mo - 1
		counts[k] += m.Count
		if lo < 0 || k < lo {
			lo = k
		}
		hi = max(hi, k)
	}
	if lo < 0 {
		return nil
	}
	var bars []bar
	if hi-lo+1 <= maxMonths {
		for k := lo; k <= hi; k++ {
			bars = append(bars, bar{fmt.Sprintf("%04d-%02d", k/12, k%12+1), counts[k]})
		}
		return bars
	}
	for y := lo / 12; y <= hi/12; y++ {
		n := 0
		for m := 0; m < 12; m++ {
			n += counts[y*12+m]
		}
		bars = append(bars, bar{strconv.Itoa(y), n})
	}
	return bars
}

func parseMonth(s string) (year, month int, ok bool) {
	ys, ms, found := strings.Cut(s, "-")
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	if !found || err1 != nil || err2 != nil || len(ys) != 4 || m < 1 || m > 12 {
		return 0, 0, false
	}
	return y, m, true
}

// timeline draws bars with Fyne's canvas: height by count, one slot each.
type timeline struct {
	widget.BaseWidget
	bars    []bar
	onTap   func(i int)
	onHover func(i int)
}

func newTimeline(onTap, onHover func(int)) *timeline {
	t := &timeline{onTap: onTap, onHover: onHover}
	t.ExtendBaseWidget(t)
	return t
}

func (t *timeline) set(bars []bar) {
	t.bars = bars
	t.Refresh()
}

// barAt is the bar under x, or -1.
func (t *timeline) barAt(x float32) int {
	if len(t.bars) == 0 || t.Size().Width <= 0 {
		return -1
	}
	slot := min(t.Size().Width/float32(len(t.bars)), 2*t.Theme().Size(theme.SizeNameText))
	i := int(x / slot)
	if i < 0 || i >= len(t.bars) {
		return -1
	}
	return i
}

// Tapped sets the filter to the bar tapped.
func (t *timeline) Tapped(ev *fyne.PointEvent) {
	if i := t.barAt(ev.Position.X); i >= 0 && t.bars[i].count > 0 {
		t.onTap(i)
	}
}

// MouseIn, MouseMoved and MouseOut name the bar under the mouse.
func (t *timeline) MouseIn(ev *desktop.MouseEvent)    { t.onHover(t.barAt(ev.Position.X)) }
func (t *timeline) MouseMoved(ev *desktop.MouseEvent) { t.onHover(t.barAt(ev.Position.X)) }
func (t *timeline) MouseOut()                         { t.onHover(-1) }

// Cursor is a pointing hand: the bars are links.
func (t *timeline) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *timeline) CreateRenderer() fyne.WidgetRenderer {
	return &timelineRenderer{t: t, base: canvas.NewRectangle(nil)}
}

type timelineRenderer struct {
	t    *timeline
	base *canvas.Rectangle
	rs   []*canvas.Rectangle
}

func (r *timelineRenderer) Layout(size fyne.Size) {
	n := len(r.t.bars)
	top := 0
	for _, b := range r.t.bars {
		top = max(top, b.count)
	}
	r.base.Move(fyne.NewPos(0, size.Height-1))
	r.base.Resize(fyne.NewSize(size.Width, 1))
	if n == 0 || top == 0 {
		return
	}
	// A bar is at most two characters wide, so a month or two do not fill
	// the pane with one block; the bars start at the left like the labels.
	slot := min(size.Width/float32(n), 2*r.t.Theme().Size(theme.SizeNameText))
	gap := min(slot/4, 3)
	for i, rect := range r.rs {
		h := float32(r.t.bars[i].count) / float32(top) * (size.Height - 2)
		if r.t.bars[i].count > 0 {
			h = max(h, 2)
		}
		rect.Move(fyne.NewPos(float32(i)*slot+gap/2, size.Height-1-h))
		rect.Resize(fyne.NewSize(max(slot-gap, 1), h))
	}
}

func (r *timelineRenderer) MinSize() fyne.Size {
	return fyne.NewSize(40, 3*r.t.Theme().Size(theme.SizeNameText))
}

func (r *timelineRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for len(r.rs) < len(r.t.bars) {
		r.rs = append(r.rs, canvas.NewRectangle(nil))
	}
	r.rs = r.rs[:len(r.t.bars)]
	for _, rect := range r.rs {
		rect.FillColor = th.Color(theme.ColorNamePrimary, v)
		rect.Refresh()
	}
	r.base.FillColor = th.Color(theme.ColorNameSeparator, v)
	r.base.Refresh()
	r.Layout(r.t.Size())
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.base}
	for _, rect := range r.rs {
		objs = append(objs, rect)
	}
	return objs
}

func (r *timelineRenderer) Destroy() {}
