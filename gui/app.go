// Package gui is Baosou's desktop window: search box and filters, result list,
// article view with highlighted matches, import and library management.
package gui

import (
	"context"
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

// noticer is a library with messages about what opening it took (a rebuilt
// index, a rolled-back import), coded so the app can word them; *index.Library
// has it.
type noticer interface {
	Notices() []index.FileError
}

// sourceEditor is a library that can change what is known of a source after
// its import: its year (re-dating its articles) and its newspaper.
type sourceEditor interface {
	UpdateSource(id string, u index.SourceUpdate) (index.Source, error)
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
	facets  *facetPanel

	root   *fyne.Container
	modals []*modal // the dialogs open, last on top
	help   *modal   // the F1 window while it is open

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
	u.imports = &importer{ui: u, every: 100 * time.Millisecond}
	u.library = &libraryView{ui: u}
	u.status = &statusLine{ui: u, hold: 4 * time.Second}
	u.facets = &facetPanel{ui: u}
	useFyneLanguage()
	// The theme goes first: before the app runs, Fyne does not drop text
	// measured with the previous theme's font, and Chinese would stay boxes.
	a.Settings().SetTheme(newTheme(u.scale))
	w.SetContent(u.build())
	return u
}

func (u *UI) build() fyne.CanvasObject {
	top := u.search.build()
	left := container.NewBorder(nil, u.facets.build(), nil, nil, u.results.build())
	u.facets.pane = left
	split := container.NewHSplit(left, u.detail.build())
	split.Offset = 0.38
	bottom := container.NewVBox(u.imports.build(), u.status.build())
	u.root = container.NewBorder(top, bottom, nil, nil, split)
	return u.root
}

// relayout lays the window out again after a part showed or hid: Fyne does
// not notice a hidden object coming back on its own.
func (u *UI) relayout() {
	if u.root != nil {
		u.root.Refresh()
	}
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
	if n, ok := u.lib.(noticer); ok {
		for _, fe := range n.Notices() {
			u.status.notice(noticeText(fe), fe.Code == index.CodeSampleFailed)
		}
	}
	u.search.runNow()
}

// focusSearch puts the keyboard in the search box.
func (u *UI) focusSearch() {
	u.win.Canvas().Focus(u.search.entry)
}

// onCanvasKey takes the keys pressed while no widget has focus. While a
// dialog is open they are the dialog's.
func (u *UI) onCanvasKey(ev *fyne.KeyEvent) {
	if u.overlayKey(ev) || u.globalKey(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		u.focusSearch()
		u.search.entry.TypedKey(ev)
	}
}

// onCanvasRune sends typing with nothing focused to the search box, or to
// the open dialog's field.
func (u *UI) onCanvasRune(r rune) {
	if m := u.topModal(); m != nil {
		if m.first != nil {
			u.win.Canvas().Focus(m.first)
			m.first.TypedRune(r)
		}
		return
	}
	if u.win.Canvas().Overlays().Top() != nil {
		return
	}
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
	u.detail.keepPlace(func() { u.app.Settings().SetTheme(newTheme(s)) })
	u.status.show(tr("textSize", int(s*100+0.5)))
}

// onCopy copies the text selected in the article with its citation, or lets
// the focused text box copy its own selection; with nothing selected it says
// how to select.
func (u *UI) onCopy() {
	if e, ok := u.win.Canvas().Focused().(interface{ SelectedText() string }); ok && e.SelectedText() != "" {
		if sc, ok := e.(fyne.Shortcutable); ok {
			sc.TypedShortcut(&fyne.ShortcutCopy{Clipboard: u.clipboard()})
			return
		}
	}
	if u.detail.copySelection() {
		return
	}
	u.status.show(tr("detail.selectHint"))
}

// onSelectAll selects the whole article once its text has been clicked
// or selected in; otherwise the focused text box selects its own text.
func (u *UI) onSelectAll() {
	if u.detail.selecting() {
		u.detail.selectAll()
		return
	}
	if sc, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		sc.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

func (u *UI) clipboard() fyne.Clipboard {
	return u.app.Clipboard()
}

// copied puts text on the clipboard and says so in the status line; what is
// a message key taking the length.
func (u *UI) copied(text, what string) {
	u.clipboard().SetContent(text)
	u.status.show(tr(what, len([]rune(text))))
}

// statusLine shows a short message that clears itself: a confirmation in the
// success colour, a problem in the warning colour.
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
	s.label.Hide() // no room taken when there is nothing to say
	return s.label
}

// show displays a confirmation until a newer message or hold has passed.
func (s *statusLine) show(msg string) { s.put(msg, widget.SuccessImportance, s.hold) }

// warn displays a problem the same way, in the warning colour.
func (s *statusLine) warn(msg string) { s.put(msg, widget.WarningImportance, s.hold) }

// notice shows what opening the library did, long enough to be read.
func (s *statusLine) notice(msg string, problem bool) {
	imp := widget.MediumImportance
	if problem {
		imp = widget.WarningImportance
	}
	s.put(msg, imp, 3*s.hold)
}

func (s *statusLine) put(msg string, imp widget.Importance, hold time.Duration) {
	s.gen++
	gen := s.gen
	s.label.Importance = imp
	s.label.SetText(msg)
	if !s.label.Visible() {
		s.label.Show()
		s.ui.relayout()
	}
	if hold <= 0 {
		return
	}
	time.AfterFunc(hold, func() {
		s.ui.post(func() {
			if s.gen == gen {
				s.label.SetText("")
				s.label.Hide()
				s.ui.relayout()
			}
		})
	})
}
