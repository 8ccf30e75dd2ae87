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
)

const prefImportYear = "importYear"

// importer runs imports in the background: a progress bar with counts and a
// Cancel button while one runs, a summary when it ends. Searching goes on
// meanwhile.
type importer struct {
	ui        *UI
	box       *fyne.Container
	bar       *widget.ProgressBar
	label     *widget.Label
	cancelBtn *widget.Button

	cancel  context.CancelFunc
	running bool
	summary string // the last summary shown, for the status line and tests
}

func (m *importer) build() fyne.CanvasObject {
	m.bar = widget.NewProgressBar()
	m.label = widget.NewLabel("")
	m.label.Truncation = fyne.TextTruncateEllipsis
	m.cancelBtn = widget.NewButton("取消导入", m.onCancel)
	m.box = container.NewBorder(nil, nil, nil, container.NewCenter(m.cancelBtn), container.NewVBox(m.label, m.bar))
	m.box.Hide()
	return m.box
}

// onImportFiles asks for a file to import.
func (m *importer) onImportFiles() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.ui.Import([]string{path})
	}, m.ui.win)
	d.Resize(m.dialogSize())
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
	d.Resize(m.dialogSize())
	d.Show()
}

func (m *importer) dialogSize() fyne.Size {
	s := m.ui.win.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.8, 600), max(s.Height*0.8, 420))
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

// Import asks for the year of pages that print none, then imports paths
// (files or folders) in the background, as dropping them on the window does.
func (u *UI) Import(paths []string) {
	u.imports.confirm(paths)
}

// confirm shows what is about to be imported and asks for the year of pages
// that print none.
func (m *importer) confirm(paths []string) {
	if m.running {
		m.ui.status.show("正在导入，请等它完成或先取消")
		return
	}
	names := make([]string, 0, len(paths))
	for i, p := range paths {
		if i == 8 {
			names = append(names, fmt.Sprintf("……共 %d 项", len(paths)))
			break
		}
		names = append(names, filepath.Base(p))
	}
	what := widget.NewLabel(strings.Join(names, "\n"))
	year := widget.NewEntry()
	year.SetPlaceHolder("例如 2020，可留空")
	year.SetText(m.ui.app.Preferences().String(prefImportYear))
	year.Validator = func(s string) error {
		_, err := parseYear(s)
		return err
	}
	items := []*widget.FormItem{
		widget.NewFormItem("导入", what),
		{Text: "年份", Widget: year, HintText: "版面日期不写年份、文件名也没有年份时用它"},
	}
	dialog.ShowForm("导入报纸版面", "导入", "取消", items, func(ok bool) {
		y, err := parseYear(year.Text)
		if !ok || err != nil {
			return
		}
		m.ui.app.Preferences().SetString(prefImportYear, strings.TrimSpace(year.Text))
		m.start(paths, y)
	}, m.ui.win)
}

// parseYear reads the optional year field: empty is 0 (unknown).
func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1800 || y > 2200 {
		return 0, errors.New("年份应为四位数字，如 2020")
	}
	return y, nil
}

// start imports paths in the background.
func (m *importer) start(paths []string, year int) {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.running = cancel, true
	m.bar.Max = 1
	m.bar.SetValue(0)
	m.label.SetText("正在准备导入…")
	m.cancelBtn.Enable()
	m.box.Show()
	var last time.Time
	lastDone := -1
	opt := index.ImportOptions{Year: year, Progress: func(p index.ImportProgress) {
		// Called on the importing goroutine, maybe per article: post only
		// when a file is done or a tenth of a second has passed.
		if p.FilesRead == lastDone && time.Since(last) < 100*time.Millisecond {
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

func (m *importer) onProgress(p index.ImportProgress) {
	if !m.running {
		return
	}
	m.bar.Max = float64(max(p.FilesTotal, 1))
	m.bar.SetValue(float64(p.FilesRead))
	m.label.SetText(progressText(p))
}

// progressText is the line above the progress bar.
func progressText(p index.ImportProgress) string {
	s := fmt.Sprintf("正在导入：%d / %d 个文件 · 已添加 %d 篇", p.FilesRead, p.FilesTotal, p.Articles)
	if p.Current != "" {
		s += " · " + filepath.Base(p.Current)
	}
	return s
}

func (m *importer) onCancel() {
	if m.cancel != nil {
		m.cancel()
	}
	m.cancelBtn.Disable()
	m.label.SetText("正在取消…")
}

// onDone hides the progress, shows the summary and refreshes the results.
func (m *importer) onDone(rep index.ImportReport, err error) {
	m.running = false
	if m.cancel != nil {
		m.cancel()
	}
	m.box.Hide()
	title, text := summaryText(rep, err)
	m.summary = title + "\n" + text
	m.ui.status.show(title + "：" + firstLine(text))
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom(title, "好", container.NewVScroll(msg), m.ui.win)
	d.Resize(fyne.NewSize(560, float32(min(360, 180+24*strings.Count(text, "\n")))))
	d.Show()
	m.ui.search.runNow()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// summaryText says how an import went: added, duplicates, failures and why.
func summaryText(rep index.ImportReport, err error) (title, text string) {
	canceled := rep.Canceled || errors.Is(err, context.Canceled)
	switch {
	case canceled:
		title = "导入已取消"
	case err != nil:
		title = "导入失败"
	default:
		title = "导入完成"
	}
	lines := []string{fmt.Sprintf("新增 %d 篇文章，来自 %d 个文件（共查看 %d 个）。", rep.Added, len(rep.Sources), rep.Files)}
	if rep.Duplicates > 0 {
		lines = append(lines, fmt.Sprintf("跳过重复 %d 项（资料库中已有）。", rep.Duplicates))
	}
	if canceled {
		lines = append(lines, "取消前已导入的文章保留在资料库中。")
	} else if err != nil {
		lines = append(lines, "出错："+err.Error())
	}
	if n := len(rep.Failed); n > 0 {
		lines = append(lines, fmt.Sprintf("%d 个文件未能导入：", n))
		for _, f := range rep.Failed {
			lines = append(lines, "· "+filepath.Base(f.Path)+"："+f.Err)
		}
	}
	if n := len(rep.Warnings); n > 0 {
		lines = append(lines, fmt.Sprintf("%d 条提示：", n))
		for i, w := range rep.Warnings {
			if i == 10 {
				lines = append(lines, fmt.Sprintf("……另有 %d 条", n-10))
				break
			}
			lines = append(lines, "· "+filepath.Base(w.Path)+"："+w.Err)
		}
	}
	return title, strings.Join(lines, "\n")
}
