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
	file := fyne.NewMenu("文件",
		item("导入文件…", ctrl(fyne.KeyO), u.imports.onImportFiles),
		item("导入文件夹…", ctrlShift(fyne.KeyO), u.imports.onImportFolder),
		fyne.NewMenuItemSeparator(),
		item("资料库…", ctrlShift(fyne.KeyL), u.library.show),
	)
	edit := fyne.NewMenu("编辑",
		item("复制", &fyne.ShortcutCopy{}, u.onCopy),
		item("复制摘录（含出处）", ctrlShift(fyne.KeyC), u.detail.onCopyExcerpt),
		item("复制全文（含出处）", ctrlShift(fyne.KeyA), u.detail.onCopyArticle),
		item("选择文字模式", ctrlShift(fyne.KeyS), u.detail.onToggleSelect),
		fyne.NewMenuItemSeparator(),
		item("查找", ctrl(fyne.KeyF), u.focusSearch),
		item("定位到搜索框", ctrl(fyne.KeyL), u.focusSearch),
		item("清空搜索", plainKey(fyne.KeyEscape, 0), u.search.onClear),
	)
	view := fyne.NewMenu("查看",
		item("下一处匹配", plainKey(fyne.KeyF3, 0), u.detail.onNext),
		item("上一处匹配", plainKey(fyne.KeyF3, fyne.KeyModifierShift), u.detail.onPrev),
		fyne.NewMenuItemSeparator(),
		item("放大文字", ctrl(fyne.KeyEqual), func() { u.onTextSize(1) }),
		item("缩小文字", ctrl(fyne.KeyMinus), func() { u.onTextSize(-1) }),
		item("默认大小", ctrl(fyne.Key0), func() { u.onTextSize(0) }),
	)
	help := fyne.NewMenu("帮助",
		item("查询语法与快捷键", plainKey(fyne.KeyF1, 0), u.showHelp),
	)
	u.addToolMenus(file, edit, help) // export, citation, recent searches, About (tools.go)
	return fyne.NewMainMenu(file, edit, view, help)
}
