package gui

import (
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/assets"
	"baosou/index"
)

// libraryView is the dialog listing the imported sources, each with its
// article count, what is known of it (year, newspaper, where it came from),
// a button to set its year and newspaper and one to remove it.
type libraryView struct {
	ui      *UI
	list    *widget.List
	info    *widget.Label
	dlg     *modal
	sources []index.Source
	gone    map[string]bool // sources whose original file is no longer where it was
}

// show opens the dialog and loads the sources in the background.
func (l *libraryView) show() {
	if l.dlg != nil {
		return
	}
	l.info = widget.NewLabel(tr("library.reading"))
	l.info.Wrapping = wrapMode()
	l.list = widget.NewList(func() int { return len(l.sources) }, l.newItem, l.updateItem)
	content := container.NewBorder(l.info, nil, nil, nil, l.list)
	l.dlg = l.ui.showModal(tr("library.title"), content, nil, func() { l.dlg = nil },
		modalButton{label: tr("button.close"), primary: true})
	l.dlg.dlg.Resize(l.ui.dialogSize(760, 520))
	l.reload()
}

func (l *libraryView) reload() {
	lib := l.ui.lib
	l.ui.spawn(func() {
		src := lib.Sources()
		gone := missingFiles(src)
		l.ui.post(func() { l.set(src, gone) })
	})
}

// missingFiles are the sources whose Path names no file (the bundled
// sample, a file moved since): their path is not worth showing as is.
func missingFiles(src []index.Source) map[string]bool {
	gone := map[string]bool{}
	for _, s := range src {
		if _, err := os.Stat(s.Path); err != nil {
			gone[s.ID] = true
		}
	}
	return gone
}

func (l *libraryView) set(src []index.Source, gone map[string]bool) {
	l.sources, l.gone = src, gone
	if l.list == nil {
		return
	}
	l.info.SetText(libraryInfo(src))
	l.list.Refresh()
}

// libraryInfo is the line above the list: how many sources and articles.
func libraryInfo(src []index.Source) string {
	n := 0
	for _, s := range src {
		n += s.Articles
	}
	if len(src) == 0 {
		return tr("library.empty")
	}
	return tr("library.info", len(src), n)
}

func (l *libraryView) newItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	// Two lines, each cut with an ellipsis: the list gives every row the
	// template's height, so a row must not grow by wrapping a long path.
	detail := newMetaText()
	detail.Truncation = fyne.TextTruncateEllipsis
	setMetaText(detail, "\n")
	edit := widget.NewButtonWithIcon(tr("button.edit"), theme.DocumentCreateIcon(), nil)
	if _, ok := l.ui.lib.(sourceEditor); !ok {
		edit.Hide() // this library cannot change a source after its import
	}
	remove := widget.NewButtonWithIcon(tr("button.remove"), theme.DeleteIcon(), nil)
	remove.Importance = widget.DangerImportance
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(edit, remove)), container.NewVBox(name, detail))
}

func (l *libraryView) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(l.sources) {
		return
	}
	s := l.sources[id]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(tr("library.articles", s.Name, s.Articles))
	setMetaText(text.Objects[1].(*widget.RichText), sourceDetail(s, l.gone[s.ID]))
	buttons := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
	buttons.Objects[0].(*widget.Button).OnTapped = func() { l.onEdit(s) }
	buttons.Objects[1].(*widget.Button).OnTapped = func() { l.onRemove(s) }
}

// sourceDetail is the small text under a source's name: what is known of its
// dates and paper on one line, where and when it came from on the next.
func sourceDetail(s index.Source, gone bool) string {
	var what, from []string
	if s.Year != 0 {
		what = append(what, tr("library.year", s.Year))
	}
	if n := s.NoYear; n > 0 {
		what = append(what, tr("library.noYear", n))
	}
	if s.Newspaper != "" {
		what = append(what, tr("library.newspaper", s.Newspaper))
	}
	if s.Encoding != "" {
		what = append(what, s.Encoding)
	}
	if !s.Added.IsZero() {
		from = append(from, tr("library.added", s.Added.Local().Format("2006-01-02 15:04")))
	}
	switch {
	case gone && s.Name == assets.SampleName:
		from = append(from, tr("library.sample"))
	case s.Path != "":
		from = append(from, tr("library.from", s.Path))
	}
	lines := []string{strings.Join(what, " · "), strings.Join(from, " · ")}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// onRemove asks before removing source s.
func (l *libraryView) onRemove(s index.Source) {
	l.ui.confirm(tr("library.removeTitle"), tr("library.removeAsk", s.Name, s.Articles), tr("button.remove"),
		func() { l.remove(s) })
}

// remove deletes source s in the background, then refreshes the list and
// the search results.
func (l *libraryView) remove(s index.Source) {
	lib := l.ui.lib
	l.ui.spawn(func() {
		err := lib.Remove(s.ID)
		src := lib.Sources()
		gone := missingFiles(src)
		l.ui.post(func() {
			if err != nil {
				l.ui.showError(tr("library.removeFailed", s.Name, err))
				return
			}
			l.ui.status.show(tr("library.removed", s.Name, s.Articles))
			l.set(src, gone)
			l.ui.search.runNow()
		})
	})
}

// onEdit asks for source s's year and newspaper: the year re-dates its
// articles printed without one, the newspaper names it in results and
// citations. Enter saves, Esc leaves it as it was.
func (l *libraryView) onEdit(s index.Source) {
	ed, ok := l.ui.lib.(sourceEditor)
	if !ok {
		l.ui.showError(tr("import.noEditor"))
		return
	}
	year, paper := newDialogEntry(l.ui), newDialogEntry(l.ui)
	year.SetPlaceHolder(tr("import.yearHint"))
	if s.Year != 0 {
		year.SetText(strconv.Itoa(s.Year))
	}
	year.Validator = func(t string) error { _, err := parseYear(t); return err }
	paper.SetPlaceHolder(tr("library.paperHint"))
	paper.SetText(s.Newspaper)
	form := widget.NewForm(
		&widget.FormItem{Text: tr("import.yearLabel"), Widget: year, HintText: tr("library.yearHint")},
		widget.NewFormItem(tr("library.paperLabel"), paper))
	l.ui.showModal(tr("library.editTitle", s.Name), fixedWidth(420, form), year, nil,
		modalButton{label: tr("button.cancel")},
		modalButton{label: tr("button.save"), primary: true, action: func() bool {
			y, err := parseYear(year.Text)
			if err != nil {
				year.SetValidationError(err)
				return false
			}
			name := strings.TrimSpace(paper.Text)
			l.save(ed, s, index.SourceUpdate{Year: &y, Newspaper: &name})
			return true
		}})
	// The year typed replaces the one shown, as a corrected year would.
	year.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// save applies an update in the background, then lists the sources and
// searches again (dates and newspapers show in the results).
func (l *libraryView) save(ed sourceEditor, s index.Source, up index.SourceUpdate) {
	l.ui.spawn(func() {
		_, err := ed.UpdateSource(s.ID, up)
		src := l.ui.lib.Sources()
		gone := missingFiles(src)
		l.ui.post(func() {
			if err != nil {
				l.ui.showError(tr("library.saveFailed", s.Name, err))
				return
			}
			l.ui.status.show(tr("library.saved", s.Name))
			l.set(src, gone)
			l.ui.search.runNow()
		})
	})
}
