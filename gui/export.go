package gui

import (
	"context"
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
		u.status.warn(tr("export.nothing"))
		return
	}
	q, opt := r.query, r.opt
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			u.showProblem(tr("export.cannotWrite"), tr("export.cannotWriteWhy"), err.Error())
		case w != nil:
			u.export(w, w.URI().Name(), f, q, opt)
		}
	}, u.win)
	d.SetFileName(exportName(q, f, time.Now()))
	d.SetTitleText(menuTitle(map[cite.Format]string{cite.CSV: "menu.exportCSV", cite.List: "menu.exportList"}[f]))
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.Ext()}))
	d.Resize(u.dialogSize(900, 640))
	d.Show()
}

// export writes every result of q under opt to w in the background, counting
// in the status line, and closes w.
func (u *UI) export(w io.WriteCloser, name string, f cite.Format, q string, opt index.SearchOptions) {
	u.status.show(tr("export.running"))
	lib := u.lib
	u.spawn(func() {
		n, err := cite.Export(context.Background(), w, f, lib, q, opt, 0, func(done, total int) {
			u.post(func() { u.status.show(tr("export.progress", done, total)) })
		})
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		u.post(func() {
			if err != nil {
				u.showProblem(tr("export.unfinished"), tr("export.unfinishedWhy", name, n), err.Error())
				return
			}
			u.toolbox().recent.add(q)
			u.status.show(tr("export.done", n, name))
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
		q = tr("export.all")
	}
	return tr("export.prefix") + "-" + q + "-" + now.Format("20060102") + f.Ext()
}
