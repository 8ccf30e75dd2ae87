package gui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Recent searches are kept in Preferences under prefRecent, newest first, at
// most maxRecent of them.
const (
	prefRecent = "recentSearches"
	maxRecent  = 20
)

// recentSearches remembers the queries whose results the user looked at, and
// offers them under ↓ in the empty search box and in 编辑 → 最近的搜索.
//
// Results follow every keystroke, so a query is kept only once its results
// have stayed on screen for hold with the box unchanged: typing 口罩企业 keeps
// that, not 口, 口罩 and 口罩企 on the way.
type recentSearches struct {
	ui   *UI
	hold time.Duration // 0: keep at once; below 0: keep nothing (tests of other things)
	gen  int

	sub     *fyne.Menu        // the 最近的搜索 submenu
	pop     *widget.PopUpMenu // the list under the search box, while shown
	offered bool              // ↓ showed the list since the box last changed: ↓ moves the results now
}

func newRecentSearches(u *UI) *recentSearches {
	return &recentSearches{ui: u, hold: 1500 * time.Millisecond}
}

// list is the kept queries, newest first.
func (r *recentSearches) list() []string {
	return r.ui.app.Preferences().StringList(prefRecent)
}

// add puts q first, once.
func (r *recentSearches) add(q string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	old := r.list()
	if len(old) > 0 && old[0] == q {
		return
	}
	qs := []string{q}
	for _, o := range old {
		if o != q && len(qs) < maxRecent {
			qs = append(qs, o)
		}
	}
	r.ui.app.Preferences().SetStringList(prefRecent, qs)
	r.refreshMenu()
}

// clear forgets every recent search.
func (r *recentSearches) clear() {
	r.ui.app.Preferences().RemoveValue(prefRecent)
	r.refreshMenu()
	r.ui.status.show(tr("recent.cleared"))
}

// noteShown hears that the results of q are on screen (search.go calls it).
func (r *recentSearches) noteShown(q string) {
	r.offered = false
	r.gen++
	q = strings.TrimSpace(q)
	switch {
	case q == "" || r.hold < 0:
	case r.hold == 0:
		r.add(q)
	default:
		gen := r.gen
		time.AfterFunc(r.hold, func() {
			r.ui.post(func() {
				if gen == r.gen && strings.TrimSpace(r.ui.search.entry.Text) == q {
					r.add(q)
				}
			})
		})
	}
}

// items are the menu entries: each query, then 清除最近的搜索.
func (r *recentSearches) items() []*fyne.MenuItem {
	var its []*fyne.MenuItem
	for _, q := range r.list() {
		its = append(its, fyne.NewMenuItem(q, func() { r.pick(q) }))
	}
	if len(its) == 0 {
		none := fyne.NewMenuItem(tr("menu.recentNone"), nil)
		none.Disabled = true
		return append(its, none)
	}
	return append(its, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(tr("menu.recentClear"), r.clear))
}

// menu is the 最近的搜索 submenu of 编辑.
func (r *recentSearches) menu() *fyne.Menu {
	r.sub = fyne.NewMenu("", r.items()...)
	return r.sub
}

func (r *recentSearches) refreshMenu() {
	if r.sub != nil {
		r.sub.Items = r.items()
		r.ui.refreshMenu()
	}
}

// pick searches q again.
func (r *recentSearches) pick(q string) {
	e := r.ui.search.entry
	r.ui.focusSearch()
	e.SetText(q)
	e.CursorColumn = len([]rune(q))
	e.Refresh()
	r.ui.search.runNow()
}

// recentKey shows the recent searches under the search box on ↓ while it is
// empty (keys.go calls it first). Once they were offered, ↓ moves through
// the results as usual until the box changes.
func (u *UI) recentKey(e *searchEntry, ev *fyne.KeyEvent) bool {
	r := u.toolbox().recent
	if ev.Name != fyne.KeyDown || e != u.search.entry || strings.TrimSpace(e.Text) != "" || r.offered {
		return false
	}
	if len(r.list()) == 0 {
		return false
	}
	r.offered = true
	r.popup()
	return true
}

// popup lists the recent searches under the search box, the newest
// highlighted: ↓ ↑ choose, Enter searches, Esc closes.
func (r *recentSearches) popup() {
	e := r.ui.search.entry
	p := widget.NewPopUpMenu(fyne.NewMenu("", r.items()...), r.ui.win.Canvas())
	p.OnDismiss = func() {
		p.Hide()
		r.pop = nil
		r.ui.focusSearch()
	}
	r.pop = p
	p.ShowAtRelativePosition(fyne.NewPos(0, e.Size().Height), e)
	p.Resize(fyne.NewSize(max(e.Size().Width, p.MinSize().Width), p.MinSize().Height)) // a drop-down of the box
	p.ActivateNext()
}
