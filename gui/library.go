package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// libraryView is the dialog listing the imported sources, each with its
// article count and a button to remove it.
type libraryView struct {
	ui      *UI
	list    *widget.List
	info    *widget.Label
	dlg     dialog.Dialog
	sources []index.Source
}

// show opens the dialog and loads the sources in the background.
func (l *libraryView) show() {
	l.info = widget.NewLabel("正在读取…")
	l.list = widget.NewList(func() int { return len(l.sources) }, newSourceItem, l.updateItem)
	content := container.NewBorder(l.info, nil, nil, nil, l.list)
	l.dlg = dialog.NewCustom("资料库", "关闭", content, l.ui.win)
	l.dlg.Resize(fyne.NewSize(720, 480))
	l.dlg.Show()
	l.reload()
}

func (l *libraryView) reload() {
	lib := l.ui.lib
	l.ui.spawn(func() {
		src := lib.Sources()
		l.ui.post(func() { l.set(src) })
	})
}

func (l *libraryView) set(src []index.Source) {
	l.sources = src
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
		return "资料库是空的。用「文件 → 导入文件…」导入报纸版面。"
	}
	return fmt.Sprintf("共 %d 个来源，%d 篇文章。删除来源只从资料库移除，不动原文件。", len(src), n)
}

func newSourceItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Importance = widget.LowImportance
	detail.Truncation = fyne.TextTruncateEllipsis
	remove := widget.NewButtonWithIcon("删除", theme.DeleteIcon(), nil)
	remove.Importance = widget.DangerImportance
	return container.NewBorder(nil, nil, nil, remove, container.NewVBox(name, detail))
}

func (l *libraryView) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(l.sources) {
		return
	}
	s := l.sources[id]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s　%d 篇", s.Name, s.Articles))
	text.Objects[1].(*widget.Label).SetText(sourceDetail(s))
	row.Objects[1].(*widget.Button).OnTapped = func() { l.onRemove(s) }
}

// sourceDetail is the small line under a source's name.
func sourceDetail(s index.Source) string {
	d := ""
	if s.Year != 0 {
		d += fmt.Sprintf("%d 年 · ", s.Year)
	}
	if !s.Added.IsZero() {
		d += "导入于 " + s.Added.Local().Format("2006-01-02 15:04") + " · "
	}
	if s.Encoding != "" {
		d += s.Encoding + " · "
	}
	return d + s.Path
}

// onRemove asks before removing source s.
func (l *libraryView) onRemove(s index.Source) {
	msg := fmt.Sprintf("从资料库删除「%s」及其 %d 篇文章？\n原文件不会被删除，之后可以重新导入。", s.Name, s.Articles)
	dialog.ShowConfirm("删除来源", msg, func(ok bool) {
		if ok {
			l.remove(s)
		}
	}, l.ui.win)
}

// remove deletes source s in the background, then refreshes the list and
// the search results.
func (l *libraryView) remove(s index.Source) {
	lib := l.ui.lib
	l.ui.spawn(func() {
		err := lib.Remove(s.ID)
		src := lib.Sources()
		l.ui.post(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("无法删除「%s」：%w", s.Name, err), l.ui.win)
				return
			}
			l.ui.status.show(fmt.Sprintf("已删除「%s」（%d 篇）", s.Name, s.Articles))
			l.set(src)
			l.ui.search.runNow()
		})
	})
}
