package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
	"baosou/index/pages"
)

// importer runs imports in the background: a progress bar with counts and a
// Cancel button while one runs, a summary when it ends. Searching goes on
// meanwhile.
//
// An import starts at once, with no year: most files carry full dates (a
// date in the name, a masthead, .jsonl). When some of the sources it added
// have dates without a year, the summary says so and asks for the year once,
// which re-dates just those sources (Library.UpdateSource): so a year typed
// for one page never sticks to the next.
type importer struct {
	ui        *UI
	box       *fyne.Container
	bar       *widget.ProgressBar
	label     *widget.Label
	cancelBtn *widget.Button

	cancel  context.CancelFunc
	running bool
	summary string // the last summary shown, for the status line and tests
	ask     *modal // the summary dialog while it is open
	year    *dialogEntry
	every   time.Duration // the least time between two progress posts within one file
}

func (m *importer) build() fyne.CanvasObject {
	m.bar = widget.NewProgressBar()
	m.label = widget.NewLabel("")
	m.label.Truncation = fyne.TextTruncateEllipsis
	m.cancelBtn = widget.NewButton(tr("button.cancelImport"), m.onCancel)
	m.box = container.NewBorder(nil, nil, nil, container.NewCenter(m.cancelBtn), container.NewVBox(m.label, m.bar))
	m.box.Hide()
	return m.box
}

// readable lists the file types Baosou imports: page text, bulk records,
// and the PDFs and page images package pages reads.
var readable = append([]string{".txt", ".text", ".jsonl", ".ndjson"}, pages.Extensions()...)

// pageFilter lists the files Baosou reads, whatever the case of their extension.
type pageFilter struct{}

func (pageFilter) Matches(u fyne.URI) bool {
	ext := strings.ToLower(u.Extension())
	for _, e := range readable {
		if ext == e {
			return true
		}
	}
	return false
}

// onImportFiles asks for a file to import among those Baosou reads.
func (m *importer) onImportFiles() { m.openFile(true) }

// onImportAnyFile asks for a file of any type: a page saved without its
// extension, say.
func (m *importer) onImportAnyFile() { m.openFile(false) }

func (m *importer) openFile(filtered bool) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.ui.Import([]string{path})
	}, m.ui.win)
	if filtered {
		d.SetFilter(pageFilter{})
		d.SetTitleText(tr("import.fileFilter"))
	} else {
		d.SetTitleText(menuTitle("menu.importAny"))
	}
	d.Resize(m.ui.dialogSize(900, 640))
	d.Show()
}

// onImportFolder asks for a folder whose pages to import.
func (m *importer) onImportFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		m.ui.Import([]string{u.Path()})
	}, m.ui.win)
	d.SetTitleText(menuTitle("menu.importFolder"))
	d.Resize(m.ui.dialogSize(900, 640))
	d.Show()
}

// menuTitle is a menu item's label as the title of the dialog it opens
// (Fyne's own reads 打开 文件夹, with a space), without its ellipsis.
func menuTitle(key string) string {
	return strings.TrimSuffix(tr(key), "…")
}

// onDropped imports files and folders dropped on the window.
func (m *importer) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		m.ui.Import(paths)
	}
}

// Import imports paths (files or folders) in the background, as dropping
// them on the window does.
func (u *UI) Import(paths []string) {
	if u.imports.running {
		u.status.warn(tr("import.busy"))
		return
	}
	u.imports.start(paths)
}

// parseYear reads a year field: empty is 0 (unknown).
func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1800 || y > 2200 {
		return 0, errors.New(tr("import.yearBad"))
	}
	return y, nil
}

// start imports paths in the background.
func (m *importer) start(paths []string) {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.running = cancel, true
	m.bar.Max = 1
	m.bar.SetValue(0)
	m.label.SetText(tr("import.preparing"))
	m.cancelBtn.Enable()
	m.box.Show()
	m.ui.relayout()
	var last time.Time
	lastDone := -1
	opt := index.ImportOptions{Progress: func(p index.ImportProgress) {
		// Called on the importing goroutine, maybe per article: post only
		// when a file is done or a tenth of a second has passed.
		if p.FilesRead == lastDone && time.Since(last) < m.every {
			return
		}
		last, lastDone = time.Now(), p.FilesRead
		m.ui.post(func() { m.onProgress(p) })
	}}
	lib := m.ui.lib
	m.ui.spawn(func() {
		rep, err := lib.Import(ctx, paths, opt)
		m.ui.post(func() { m.onDone(rep, err) })
	})
}

// onProgress moves the bar: by bytes when the library counts them (so one
// large file moves it too), else by files.
func (m *importer) onProgress(p index.ImportProgress) {
	if !m.running {
		return
	}
	done, total := p.BytesDone, p.BytesTotal
	if total > 0 {
		m.bar.Max = float64(total)
		m.bar.SetValue(float64(min(done, total)))
	} else {
		m.bar.Max = float64(max(p.FilesTotal, 1))
		m.bar.SetValue(float64(p.FilesRead))
	}
	m.label.SetText(progressText(p))
}

// progressText is the line above the progress bar.
func progressText(p index.ImportProgress) string {
	file := p.FilesRead // the file being read, counted from 1
	if p.Current != "" && file < p.FilesTotal {
		file++
	}
	s := tr("import.progress", file, p.FilesTotal, p.Articles)
	if p.BytesTotal > 0 {
		s += " · " + tr("import.bytes", sizeText(p.BytesDone), sizeText(p.BytesTotal))
	}
	if p.Pages > 0 {
		s += " · " + tr("import.ocr", max(p.Page, 1), p.Pages)
	}
	if p.Current != "" {
		s += " · " + filepath.Base(p.Current)
	}
	return s
}

// sizeText is a byte count for people: 820 KB, 12.4 MB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

func (m *importer) onCancel() {
	if m.cancel != nil {
		m.cancel()
	}
	m.cancelBtn.Disable()
	m.label.SetText(tr("import.canceling"))
}

// onDone hides the progress, shows the summary (asking for the year of the
// sources dated without one) and refreshes the results.
func (m *importer) onDone(rep index.ImportReport, err error) {
	m.running = false
	if m.cancel != nil {
		m.cancel()
	}
	m.box.Hide()
	m.ui.relayout()
	title, text := summaryText(rep, err)
	m.summary = title + "\n" + text
	if title == tr("import.done") {
		m.ui.status.show(title + tr("colon") + firstLine(text))
	} else {
		m.ui.status.warn(title + tr("colon") + firstLine(text))
	}
	m.showSummary(title, text, noYearSources(rep))
	m.ui.search.runNow()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
