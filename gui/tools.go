package gui

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// toolbox holds the state of the researcher's tools: the citation style
// menu, recent searches, export and opening an original file.
type toolbox struct {
	styleItems []*fyne.MenuItem // 出处格式's choices, one checked
	recent     *recentSearches
	about      dialog.Dialog // the About window while it is open

	// opener hands a file to the system's opener (fyne's OpenURL); tests record it.
	opener func(*url.URL) error
	// cacheDir is where originals are written to be opened.
	cacheDir func() (string, error)
}

// toolbox returns the UI's tools, made on first use.
func (u *UI) toolbox() *toolbox {
	if u.tools == nil {
		u.tools = &toolbox{
			recent:   newRecentSearches(u),
			opener:   u.app.OpenURL,
			cacheDir: originalsDir,
		}
	}
	return u.tools
}

// originalsDir is $XDG_CACHE_HOME/baosou/originals (or the system's cache
// folder): copies there can always be written again from the library.
func originalsDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "baosou", "originals"), nil
}

// addToolMenus puts the researcher's tools into the main menu: export and
// open original under 文件, copy citation, citation style and recent searches
// under 编辑, About under 帮助.
func (u *UI) addToolMenus(file, edit, help *fyne.Menu) {
	t := u.toolbox()
	file.Items = beforeQuit(file.Items,
		fyne.NewMenuItemSeparator(),
		item(tr("menu.exportCSV"), ctrl(fyne.KeyE), u.onExportCSV),
		item(tr("menu.exportList"), ctrlShift(fyne.KeyE), u.onExportList),
		item(tr("menu.openOriginal"), nil, u.onOpenOriginal),
	)
	edit.Items = insertAfter(edit.Items, ctrlShift(fyne.KeyA),
		item(tr("menu.copyCitation"), ctrlShift(fyne.KeyR), u.onCopyCitation))
	styles := fyne.NewMenuItem(tr("menu.citeStyle"), nil)
	styles.ChildMenu = fyne.NewMenu("", u.styleMenuItems()...)
	recent := fyne.NewMenuItem(tr("menu.recent"), nil)
	recent.ChildMenu = t.recent.menu()
	edit.Items = append(edit.Items, fyne.NewMenuItemSeparator(), styles, recent)
	help.Items = append(help.Items, fyne.NewMenuItem(tr("menu.about"), u.showAbout))
}

// beforeQuit puts its before the Quit item and its separator: the desktop
// driver wants Quit last in the first menu, and adds another otherwise.
func beforeQuit(items []*fyne.MenuItem, its ...*fyne.MenuItem) []*fyne.MenuItem {
	i := slices.IndexFunc(items, func(it *fyne.MenuItem) bool { return it.IsQuit })
	if i < 0 {
		return append(items, its...)
	}
	if i > 0 && items[i-1].IsSeparator {
		i--
	}
	return slices.Concat(items[:i], its, items[i:])
}

// insertAfter puts it after the item with shortcut sc (the menu's own
// labels may be translated, its shortcuts stay), or at the end.
func insertAfter(items []*fyne.MenuItem, sc fyne.Shortcut, it *fyne.MenuItem) []*fyne.MenuItem {
	for i, x := range items {
		if cs, ok := x.Shortcut.(*desktop.CustomShortcut); ok && cs.ShortcutName() == sc.ShortcutName() {
			return append(items[:i+1], append([]*fyne.MenuItem{it}, items[i+1:]...)...)
		}
	}
	return append(items, it)
}

// refreshMenu redraws the main menu after an item changed (a check mark, the
// recent searches).
func (u *UI) refreshMenu() {
	if m := u.win.MainMenu(); m != nil {
		u.win.SetMainMenu(m)
	}
}

// showProblem explains in a small window why a tool could not do its job,
// with the detail (an OS error, a path) below the reason.
func (u *UI) showProblem(title, reason, detail string) {
	msg := widget.NewLabel(reason)
	msg.Wrapping = fyne.TextWrapWord
	more := newMetaText()
	more.Wrapping = fyne.TextWrapBreak
	setMetaText(more, detail)
	d := dialog.NewCustom(title, tr("button.close"), fixedWidth(480, container.NewVBox(msg, more)), u.win)
	d.Show()
}
