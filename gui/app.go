// Package gui is Baosou's desktop window: search box and filters, result list,
// article view with highlighted matches, import and library management.
package gui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// Library is what the window needs of the article library; *index.Library has
// it, and tests pass a fake.
type Library interface {
	Search(ctx context.Context, query string, opt index.SearchOptions) (*index.Results, error)
	Get(id string) (*index.Doc, error)
	Highlight(d *index.Doc, query string) (body, title []index.Span, err error)
	Import(ctx context.Context, paths []string, opt index.ImportOptions) (index.ImportReport, error)
	Sources() []index.Source
	Remove(sourceID string) error
}

// noticer is a library with a message about what opening it took (a rebuilt
// index, a rolled-back import); *index.Library has it.
type noticer interface {
	Notice() string
}

const windowTitle = "报搜 Baosou"

// UI is the main window's state: one part per screen area, and the library.
type UI struct {
	app fyne.App
	win fyne.Window
	lib Library

	search  *searchBar
	results *resultList
	detail  *detailView
	imports *importer
	library *libraryView
	status  *statusLine

	// post runs f on the UI goroutine, spawn starts background work. They are
	// fyne.Do and `go`; tests swap them to run everything in order.
	post  func(f func())
	spawn func(f func())
	shift func() bool // whether Shift is held, for Shift+F3; tests fake it

	scale float32 // text size factor, kept in Preferences

	tools *toolbox // export, recent searches, citation style, open original (tools.go)
}

// New builds Baosou's window on w around lib, lists the library newest first
// and puts the cursor in the search box.
func New(a fyne.App, w fyne.Window, lib Library) *UI {
	u := newUI(a, w, lib)
	u.start()
	return u
}

// newUI builds the widgets without starting any work, so tests can swap
// post, spawn and the debounce delay first.
// searchDelay is how long typing must pause before the box is searched.
const searchDelay = 40 * time.Millisecond

func newUI(a fyne.App, w fyne.Window, lib Library) *UI {
	u := &UI{
		app: a, win: w, lib: lib,
		post:  fyne.Do,
		spawn: func(f func()) { go f() },
		shift: shiftHeld,
		scale: float32(a.Preferences().FloatWithFallback(prefTextScale, 1)),
	}
	// A search and its display take 10-40 ms on the benchmark corpus, so the
	// delay only skips the searches of keys typed faster than it.
	u.search = &searchBar{ui: u, delay: searchDelay}
	u.results = &resultList{ui: u}
	u.detail = &detailView{ui: u}
	u.imports = &importer{ui: u}
	u.library = &libraryView{ui: u}
	u.status = &statusLine{ui: u, hold: 4 * time.Second}
	// The theme goes first: before the app runs, Fyne does not drop text
	// measured with the previous theme's font, and Chinese would stay boxes.
	a.Settings().SetTheme(newTheme(u.scale))
	w.SetContent(u.build())
	return u
}

func (u *UI) build() fyne.CanvasObject {
	top := u.search.build()
	split := container.NewHSplit(u.results.build(), u.detail.build())
	split.Offset = 0.36
	bottom := container.NewVBox(u.imports.build(), u.status.build())
	return container.NewBorder(top, bottom, nil, nil, split)
}

// start applies the menus and key handling, then runs the first search.
func (u *UI) start() {
	u.win.SetTitle(windowTitle)
	u.win.SetIcon(appIcon)
	u.win.SetMainMenu(u.mainMenu())
	u.win.SetOnDropped(u.imports.onDropped)
	u.win.Canvas().SetOnTypedKey(u.onCanvasKey)
	u.win.Canvas().SetOnTypedRune(u.onCanvasRune)
	u.focusSearch()
	if n, ok := u.lib.(noticer); ok && n.Notice() != "" {
		u.status.show(n.Notice())
	}
	u.search.runNow()
}

// focusSearch puts the keyboard in the search box.
func (u *UI) focusSearch() {
	u.win.Canvas().Focus(u.search.entry)
}

// onCanvasKey takes the keys pressed while no widget has focus.
func (u *UI) onCanvasKey(ev *fyne.KeyEvent) {
	if u.globalKey(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		u.focusSearch()
		u.search.entry.TypedKey(ev)
	}
}

// onCanvasRune sends typing with nothing focused to the search box.
func (u *UI) onCanvasRune(r rune) {
	u.focusSearch()
	u.search.entry.TypedRune(r)
}

// globalKey handles the plain keys (no Ctrl) that act anywhere; Fyne only
// turns Ctrl combinations into shortcuts, so these come in as typed keys.
func (u *UI) globalKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyF1:
		u.showHelp()
	case fyne.KeyF3:
		if u.shift() {
			u.detail.onPrev()
		} else {
			u.detail.onNext()
		}
	case fyne.KeyPageDown:
		u.detail.page(1)
	case fyne.KeyPageUp:
		u.detail.page(-1)
	case fyne.KeyEscape:
		u.focusSearch()
		u.search.onClear()
	default:
		return false
	}
	return true
}

// onTextSize grows (+1), shrinks (-1) or resets (0) the text and remembers it.
func (u *UI) onTextSize(step int) {
	s := float32(1)
	if step != 0 {
		s = clampScale(u.scale + float32(step)*textScaleStep)
	}
	if s == u.scale && step != 0 {
		return
	}
	u.scale = s
	u.app.Preferences().SetFloat(prefTextScale, float64(s))
	u.app.Settings().SetTheme(newTheme(s))
	u.status.show(fmt.Sprintf("文字大小 %d%%", int(s*100+0.5)))
}

// onCopy copies the detail view's selected text with its citation, or lets
// the focused widget copy its own selection.
func (u *UI) onCopy() {
	if u.detail.copySelection() {
		return
	}
	if sc, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		sc.TypedShortcut(&fyne.ShortcutCopy{Clipboard: u.clipboard()})
	}
}

func (u *UI) clipboard() fyne.Clipboard {
	return u.app.Clipboard()
}

// copied puts text on the clipboard and says so in the status line.
func (u *UI) copied(text, what string) {
	u.clipboard().SetContent(text)
	u.status.show(fmt.Sprintf("已复制%s（%d 字）", what, len([]rune(text))))
}

// statusLine shows a short confirmation that clears itself.
type statusLine struct {
	ui    *UI
	label *widget.Label
	hold  time.Duration
	gen   int
}

func (s *statusLine) build() fyne.CanvasObject {
	s.label = widget.NewLabel("")
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.label.Importance = widget.SuccessImportance
	return s.label
}

// show displays msg until a newer message or hold has passed.
func (s *statusLine) show(msg string) {
	s.gen++
	gen := s.gen
	s.label.SetText(msg)
	if s.hold <= 0 {
		return
	}
	time.AfterFunc(s.hold, func() {
		s.ui.post(func() {
			if s.gen == gen {
				s.label.SetText("")
			}
		})
	})
}

// fixedWidth lays out one object at a given minimum width, for filter boxes
// that would otherwise shrink to their placeholder.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{w}, o)
}

type widthLayout struct{ width float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
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
	return fyne.NewSize(max(s.Width, l.width), s.Height)
}
