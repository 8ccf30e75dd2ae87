package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hitList is the result list. With the keyboard in it, it draws a frame in
// the focus colour and its keys work as they do from the search box: ↑/↓
// choose a hit (↓ at the end loads more), Enter goes to the first match, Esc
// and typing go back to the search box. Fyne's own list moves a separate,
// hover-coloured "focus" row that the selection colour hides; that is left
// out, so the chosen hit is the one place the keyboard is.
type hitList struct {
	widget.List
	r      *resultList
	border *canvas.Rectangle
	box    *fyne.Container
	has    bool // the keyboard is in the list
}

func newHitList(r *resultList) *hitList {
	l := &hitList{r: r}
	l.Length = func() int { return len(r.hits) }
	l.CreateItem = newHitItem
	l.UpdateItem = r.updateItem
	l.OnSelected = r.onSelected
	l.ExtendBaseWidget(l)
	l.border = canvas.NewRectangle(nil)
	l.border.StrokeWidth = 2
	l.border.Hide()
	l.box = container.NewStack(l, l.border)
	return l
}

// frame is the list with its focus frame, as laid out.
func (l *hitList) frame() fyne.CanvasObject { return l.box }

// FocusGained shows the frame.
func (l *hitList) FocusGained() {
	l.has = true
	l.border.StrokeColor = l.Theme().Color(theme.ColorNameFocus, fyne.CurrentApp().Settings().ThemeVariant())
	l.border.Show()
	l.border.Refresh()
}

// FocusLost hides the frame.
func (l *hitList) FocusLost() {
	l.has = false
	l.border.Hide()
}

// TypedKey moves through the hits like the search box does.
func (l *hitList) TypedKey(ev *fyne.KeyEvent) {
	u := l.r.ui
	switch ev.Name {
	case fyne.KeyDown:
		l.r.move(1)
	case fyne.KeyUp:
		l.r.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		l.r.pick()
	case fyne.KeyEscape:
		u.focusSearch()
	default:
		u.globalKey(ev)
	}
}

// TypedRune goes on typing in the search box.
func (l *hitList) TypedRune(r rune) {
	u := l.r.ui
	u.focusSearch()
	u.search.entry.TypedRune(r)
}
