package gui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"baosou/index"
	"baosou/index/cite"
)

func (u *UI) onExportCSV()  { u.onExport(cite.CSV) }
func (u *UI) onExportList() { u.onExport(cite.List) }

// onExport asks where to save the results on screen, then writes all of
// them in format f: every match of the query and filters, not only the
// pages listed.
func (u *UI) onExport(f cite.Format) {
	r := u.results
	if r.total == 0 {
		u.status.show("没有可导出的结果")
		return
	}
	q, opt := r.query, r.opt
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			u.showProblem("无法导出", "选定的文件无法写入。", err.Error())
		case w != nil:
			u.export(w, w.URI().Name(), f, q, opt)
		}
	}, u.win)
	d.SetFileName(exportName(q, f, time.Now()))
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.Ext()}))
	d.Resize(u.dialogSize(900, 640))
	d.Show()
}

// export writes every result of q under opt to w in the background, counting
// in the status line, and closes w.
func (u *UI) export(w io.WriteCloser, name string, f cite.Format, q string, opt index.SearchOptions) {
	u.status.show("正在导出…")
	lib := u.lib
	u.spawn(func() {
		n, err := cite.Export(context.Background(), w, f, lib, q, opt, 0, func(done, total int) {
			u.post(func() { u.status.show(fmt.Sprintf("正在导出… %d / %d 篇", done, total)) })
		})
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		u.post(func() {
			if err != nil {
				u.showProblem("导出没有完成", fmt.Sprintf("导出到 %s 时出错，只写入了 %d 篇。", name, n), err.Error())
				return
			}
			u.toolbox().recent.add(q)
			u.status.show(fmt.Sprintf("已导出 %d 篇到 %s", n, name))
		})
	})
}

// exportName is the file name the save dialog proposes:
// 报搜-口罩-20261130.csv, or 报搜-全部-… for the whole library.
func exportName(q string, f cite.Format, now time.Time) string {
	q = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.Join(strings.Fields(q), "_"))
	if rs := []rune(q); len(rs) > 30 {
		q = string(rs[:30])
	}
	if q == "" {
		q = "全部"
	}
	return "报搜-" + q + "-" + now.Format("20060102") + f.Ext()
}
