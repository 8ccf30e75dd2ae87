package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flowBox lays its objects out in a row, and in more rows when the row is
// too narrow for them, so a bar of buttons or filters never holds the window
// wider than the screen (large text, a 640-pixel window). One object may
// stretch to take its row's spare width (the search box, a spacer); when
// the row does not fit, a new row starts at breakAt (the filters under the
// search box, the copy buttons under the match buttons), and each part wraps
// further only if it must.
//
// Fyne asks a MinSize before it gives a width, so the height is that of the
// rows at the last width laid out; Fyne lays the parent out again when it
// changes.
type flowBox struct {
	widget.BaseWidget
	objs    []fyne.CanvasObject
	stretch int     // index of the object that takes the spare width; -1 none
	breakAt int     // where the second row starts when one is too narrow; 0 none
	minGrow float32 // the stretching object's least width
	width   float32 // last laid-out width
}

func newFlowBox(stretch, breakAt int, minGrow float32, objs ...fyne.CanvasObject) *flowBox {
	f := &flowBox{objs: objs, stretch: stretch, breakAt: breakAt, minGrow: minGrow}
	f.ExtendBaseWidget(f)
	return f
}

func (f *flowBox) CreateRenderer() fyne.WidgetRenderer { return &flowRenderer{f} }

// itemWidth is the width object i needs in a row.
func (f *flowBox) itemWidth(i int) float32 {
	w := f.objs[i].MinSize().Width
	if i == f.stretch {
		w = max(w, f.minGrow)
	}
	return w
}

// rows splits the visible objects into rows no wider than width.
func (f *flowBox) rows(width float32) [][]int {
	all := f.flow(0, len(f.objs), width)
	if len(all) <= 1 || f.breakAt <= 0 {
		return all
	}
	return append(f.flow(0, f.breakAt, width), f.flow(f.breakAt, len(f.objs), width)...)
}

// flow fills rows greedily with the visible objects from..to.
func (f *flowBox) flow(from, to int, width float32) [][]int {
	pad := f.Theme().Size(theme.SizeNamePadding)
	var rows [][]int
	var row []int
	x := float32(0)
	for i := from; i < to; i++ {
		if !f.objs[i].Visible() {
			continue
		}
		w := f.itemWidth(i)
		if len(row) > 0 && x+pad+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		if len(row) > 0 {
			x += pad
		}
		row = append(row, i)
		x += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

type flowRenderer struct{ f *flowBox }

func (r *flowRenderer) Layout(size fyne.Size) {
	f := r.f
	f.width = size.Width
	pad := f.Theme().Size(theme.SizeNamePadding)
	y := float32(0)
	for _, row := range f.rows(size.Width) {
		h, used := float32(0), float32(0)
		for k, i := range row {
			h = max(h, f.objs[i].MinSize().Height)
			used += f.itemWidth(i)
			if k > 0 {
				used += pad
			}
		}
		x := float32(0)
		for k, i := range row {
			if k > 0 {
				x += pad
			}
			w := f.itemWidth(i)
			if i == f.stretch {
				w += max(size.Width-used, 0)
			}
			w = min(w, size.Width-x)
			f.objs[i].Move(fyne.NewPos(x, y))
			f.objs[i].Resize(fyne.NewSize(w, h))
			x += w
		}
		y += h + pad
	}
}

// MinSize is as narrow as the widest object and as tall as the rows at the
// last width.
func (r *flowRenderer) MinSize() fyne.Size {
	f := r.f
	pad := f.Theme().Size(theme.SizeNamePadding)
	var w float32
	for i, o := range f.objs {
		if o.Visible() {
			w = max(w, f.itemWidth(i))
		}
	}
	width := f.width
	if width <= 0 {
		width = float32(1 << 20) // not laid out yet: one row
	}
	var h float32
	for k, row := range f.rows(width) {
		rh := float32(0)
		for _, i := range row {
			rh = max(rh, f.objs[i].MinSize().Height)
		}
		if k > 0 {
			h += pad
		}
		h += rh
	}
	return fyne.NewSize(w, h)
}

func (r *flowRenderer) Refresh() {
	for _, o := range r.f.objs {
		o.Refresh()
	}
	r.Layout(r.f.Size())
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.f.objs }
func (r *flowRenderer) Destroy()                     {}

// fixedWidth lays out one object at a given minimum width (at the default
// text size; it grows with the text), for filter boxes that would otherwise
// shrink below their placeholder.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{width: w}, o)
}

type widthLayout struct {
	fill
	width float32
}

// fill lays every object over the whole space; the layouts that embed it
// differ only in the size they ask for.
type fill struct{}

func (fill) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	th := fyne.CurrentApp().Settings().Theme()
	grow := th.Size(theme.SizeNameText) / theme.DefaultTheme().Size(theme.SizeNameText)
	return fyne.NewSize(max(s.Width, l.width*grow), s.Height)
}
