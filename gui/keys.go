package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the search box. It passes Up/Down to the result list and the
// app-wide keys (F1, F3, Esc, Page Up/Down) to the window, because a focused
// Entry swallows keys that would otherwise reach the canvas.
type searchEntry struct {
	widget.Entry
	ui *UI
}

func newSearchEntry(u *UI) *searchEntry {
	e := &searchEntry{ui: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey moves through the results on Up/Down and hands global keys on.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.ui.recentKey(e, ev) { // ↓ in the empty box: recent searches (recent.go)
		return
	}
	switch ev.Name {
	case fyne.KeyDown:
		e.ui.results.move(1)
	case fyne.KeyUp:
		e.ui.results.move(-1)
	default:
		if !e.ui.globalKey(ev) {
			e.Entry.TypedKey(ev)
		}
	}
}

// FocusGained gives Ctrl+A back to the search box from the article.
func (e *searchEntry) FocusGained() {
	e.ui.detail.deactivate()
	e.Entry.FocusGained()
}

// TypedShortcut also takes Ctrl++ typed as Ctrl+Shift+= or on the keypad,
// which the menu (one shortcut per item) cannot list.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if e.ui.extraShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// extraShortcut handles the second spellings of menu shortcuts.
func (u *UI) extraShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier&fyne.KeyModifierShortcutDefault == 0 {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyEqual, fyne.KeyPlus:
		u.onTextSize(1)
	case fyne.KeyMinus:
		u.onTextSize(-1)
	default:
		return false
	}
	return true
}

// shiftHeld reports whether Shift is down, for Shift+F3; Fyne sends plain
// Shift combinations as typed keys without their modifier.
func shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// plainKey is a key shown beside a menu item; Fyne does not fire menu
// shortcuts without Ctrl, so globalKey handles these.
func plainKey(k fyne.KeyName, m fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// mainMenu holds every command. Its Ctrl shortcuts fire even while an Entry
// has focus, which canvas shortcuts do not.
func (u *UI) mainMenu() *fyne.MainMenu {
	quit := item(tr("menu.quit"), ctrl(fyne.KeyQ), u.app.Quit)
	quit.IsQuit = true // Fyne adds no Quit of its own (in English, without Ctrl+Q)
	file := fyne.NewMenu(tr("menu.file"),
		item(tr("menu.importFiles"), ctrl(fyne.KeyO), u.imports.onImportFiles),
		item(tr("menu.importFolder"), ctrlShift(fyne.KeyO), u.imports.onImportFolder),
		fyne.NewMenuItem(tr("menu.importAny"), u.imports.onImportAnyFile),
		fyne.NewMenuItemSeparator(),
		item(tr("menu.library"), ctrlShift(fyne.KeyL), u.library.show),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu(tr("menu.edit"),
		item(tr("menu.copy"), &fyne.ShortcutCopy{}, u.onCopy),
		item(tr("menu.selectAll"), &fyne.ShortcutSelectAll{}, u.onSelectAll),
		item(tr("menu.copyExcerpt"), ctrlShift(fyne.KeyC), u.detail.onCopyExcerpt),
		item(tr("menu.copyArticle"), ctrlShift(fyne.KeyA), u.detail.onCopyArticle),
		fyne.NewMenuItemSeparator(),
		item(tr("menu.find"), ctrl(fyne.KeyF), u.focusSearch),
		item(tr("menu.focusSearch"), ctrl(fyne.KeyL), u.focusSearch),
		item(tr("menu.clearSearch"), plainKey(fyne.KeyEscape, 0), u.search.onClear),
	)
	facets := fyne.NewMenuItem(tr("menu.facets"), u.facets.onToggle)
	facets.Checked = u.facets.wanted()
	view := fyne.NewMenu(tr("menu.view"),
		item(tr("menu.nextMatch"), plainKey(fyne.KeyF3, 0), u.detail.onNext),
		item(tr("menu.prevMatch"), plainKey(fyne.KeyF3, fyne.KeyModifierShift), u.detail.onPrev),
		fyne.NewMenuItemSeparator(),
		item(tr("menu.bigger"), ctrl(fyne.KeyEqual), func() { u.onTextSize(1) }),
		item(tr("menu.smaller"), ctrl(fyne.KeyMinus), func() { u.onTextSize(-1) }),
		item(tr("menu.defaultSize"), ctrl(fyne.Key0), func() { u.onTextSize(0) }),
		fyne.NewMenuItemSeparator(),
		facets,
	)
	help := fyne.NewMenu(tr("menu.help"),
		item(tr("menu.helpSyntax"), plainKey(fyne.KeyF1, 0), u.showHelp),
	)
	u.addToolMenus(file, edit, help) // export, citation, recent searches, About (tools.go)
	return fyne.NewMainMenu(file, edit, view, help)
}
