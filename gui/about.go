package gui

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showAbout shows 帮助 → 关于报搜: name, version (FyneApp.toml's, through
// the app's metadata), what it is built with; one window at most.
func (u *UI) showAbout() {
	t := u.toolbox()
	if t.about != nil {
		return
	}
	head := widget.NewLabelWithStyle("报搜 Baosou", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	version := widget.NewLabel(versionLine(u.app.Metadata()))
	about := widget.NewLabel("在本地的报纸文章库中搜索、阅读、摘录和引用。\n任意汉字串都能找到，每一处匹配都标出。")
	about.Wrapping = fyne.TextWrapWord
	built := newMetaText()
	built.Wrapping = fyne.TextWrapWord
	setMetaText(built, builtWith()+"\n界面字体 Noto Sans CJK SC 子集（SIL Open Font License）")
	icon := canvas.NewImageFromResource(appIcon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	box := container.NewBorder(nil, nil, container.NewVBox(icon), nil,
		container.NewVBox(head, version, about, built))
	d := dialog.NewCustom("关于报搜", "关闭", fixedWidth(520, box), u.win)
	d.SetOnClosed(func() { t.about = nil })
	t.about = d
	d.Show()
}

// versionLine is "版本 0.1.0（构建 1）" from the app's metadata.
func versionLine(m fyne.AppMetadata) string {
	v := strings.TrimSpace(m.Version)
	if v == "" {
		return "版本未知（开发版）"
	}
	s := "版本 " + v
	if m.Build > 0 {
		s += fmt.Sprintf("（构建 %d）", m.Build)
	}
	return s
}

// builtWith names Go and the libraries that matter, with the versions
// linked into this binary: Go 1.26.8 · Fyne v2.7.1 · Bleve v2.6.3.
func builtWith() string {
	parts := []string{"Go " + strings.TrimPrefix(runtime.Version(), "go")}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			switch d.Path {
			case "fyne.io/fyne/v2":
				parts = append(parts, "Fyne "+d.Version)
			case "github.com/blevesearch/bleve/v2":
				parts = append(parts, "Bleve "+d.Version)
			}
		}
	}
	return strings.Join(parts, " · ")
}
