package gui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// maxListed is how many failures or notes a summary lists before "and N more".
const maxListed = 10

// summaryText says how an import went: added, duplicates (articles and
// whole files apart), failures and notes, each reason in the app's language,
// and the articles whose dates have no year.
func summaryText(rep index.ImportReport, err error) (title, text string) {
	canceled := rep.Canceled || errors.Is(err, context.Canceled)
	switch {
	case canceled:
		title = tr("import.canceled")
	case err != nil:
		title = tr("import.failed")
	case len(rep.Failed) > 0:
		title = tr("import.doneIssues")
	default:
		title = tr("import.done")
	}
	lines := []string{tr("import.added", rep.Added, len(rep.Sources), rep.Files)}
	if rep.Duplicates > 0 {
		lines = append(lines, tr("import.dupArticles", rep.Duplicates))
	}
	if rep.DuplicateFiles > 0 {
		lines = append(lines, tr("import.dupFiles", rep.DuplicateFiles))
	}
	if canceled {
		lines = append(lines, tr("import.keptOnCancel"))
	} else if err != nil {
		lines = append(lines, tr("import.error", err))
	}
	if srcs := noYearSources(rep); len(srcs) > 0 {
		n, names := 0, make([]string, 0, len(srcs))
		for _, s := range srcs {
			n += s.count
			names = append(names, s.src.Name)
		}
		lines = append(lines, tr("import.noYear", n, strings.Join(names, tr("list.of"))))
	}
	lines = append(lines, listed(tr("import.failedFiles", len(rep.Failed)), rep.Failed)...)
	var notes []index.FileError
	for _, w := range rep.Warnings {
		if w.Code != index.CodeNoYear { // said above, with the question
			notes = append(notes, w)
		}
	}
	lines = append(lines, listed(tr("import.warnings", len(notes)), notes)...)
	return title, strings.Join(lines, "\n")
}

// listed is a heading and a line per file problem, at most maxListed.
func listed(head string, fes []index.FileError) []string {
	if len(fes) == 0 {
		return nil
	}
	lines := []string{head}
	for i, fe := range fes {
		if i == maxListed {
			lines = append(lines, tr("import.moreWarnings", len(fes)-maxListed))
			break
		}
		lines = append(lines, fileLine(fe))
	}
	return lines
}

// yearless is a source an import added whose articles include count dated
// without a year.
type yearless struct {
	src   index.Source
	count int
}

// noYearSources are the sources of rep with articles dated without a year:
// Source.NoYear, or a no_year note naming the source's file.
func noYearSources(rep index.ImportReport) []yearless {
	notes := map[string]int{}
	for _, w := range rep.Warnings {
		if w.Code == index.CodeNoYear {
			n, _ := strconv.Atoi(w.Detail)
			notes[w.Path] = max(n, 1)
		}
	}
	var out []yearless
	for _, s := range rep.Sources {
		n := s.NoYear
		if n == 0 {
			n = notes[s.Path]
		}
		if n > 0 {
			out = append(out, yearless{s, n})
		}
	}
	return out
}

// showSummary shows the summary; with sources dated without a year, and a
// library that can re-date them, it asks for their year: Enter sets it, Esc
// leaves it for later (the library dialog sets it too).
func (m *importer) showSummary(title, text string, missing []yearless) {
	body := fyne.CanvasObject(container.NewVScroll(plainText(text)))
	ed, canEdit := m.ui.lib.(sourceEditor)
	if len(missing) == 0 || !canEdit {
		m.ask = m.ui.showModal(title, body, nil, func() { m.ask = nil },
			modalButton{label: tr("button.ok"), primary: true})
		m.ask.dlg.Resize(m.ui.dialogSize(560, float32(min(400, 200+24*strings.Count(text, "\n")))))
		return
	}
	m.year = newDialogEntry(m.ui)
	m.year.SetPlaceHolder(tr("import.yearHint"))
	m.year.Validator = func(s string) error { _, err := parseYear(s); return err }
	form := widget.NewForm(widget.NewFormItem(tr("import.yearLabel"), m.year))
	content := container.NewBorder(nil, form, nil, nil, body)
	m.ask = m.ui.showModal(title, content, m.year, func() { m.ask = nil },
		modalButton{label: tr("button.later")},
		modalButton{label: tr("button.setYear"), primary: true, action: func() bool {
			y, err := parseYear(m.year.Text)
			if err != nil {
				m.year.SetValidationError(err)
				return false
			}
			if y != 0 {
				m.ui.setYear(ed, missing, y)
			}
			return true
		}})
	m.ask.dlg.Resize(m.ui.dialogSize(600, float32(min(460, 260+24*strings.Count(text, "\n")))))
}

// setYear re-dates the given sources' yearless articles in the background,
// then searches again so the list shows the new dates.
func (u *UI) setYear(ed sourceEditor, srcs []yearless, year int) {
	u.spawn(func() {
		var failed []string
		for _, s := range srcs {
			y := year
			if _, err := ed.UpdateSource(s.src.ID, index.SourceUpdate{Year: &y}); err != nil {
				failed = append(failed, tr("import.yearFailed", s.src.Name, err))
			}
		}
		u.post(func() {
			if len(failed) > 0 {
				u.showError(strings.Join(failed, "\n"))
			} else {
				u.status.show(tr("import.yearSet", len(srcs), year))
			}
			u.search.runNow()
		})
	})
}
