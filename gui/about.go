package gui

import (
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
	about := widget.NewLabel(tr("about.text"))
	about.Wrapping = fyne.TextWrapWord
	built := newMetaText()
	built.Wrapping = fyne.TextWrapWord
	setMetaText(built, builtWith()+"\n"+tr("about.font"))
	icon := canvas.NewImageFromResource(appIcon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	box := container.NewBorder(nil, nil, container.NewVBox(icon), nil,
		container.NewVBox(head, version, about, built))
	d := dialog.NewCustom(tr("about.title"), tr("button.close"), fixedWidth(520, box), u.win)
	d.SetOnClosed(func() { t.about = nil })
	t.about = d
	d.Show()
}

// versionLine is "版本 0.1.0（构建 1）" from the app's metadata.
func versionLine(m fyne.AppMetadata) string {
	v := strings.TrimSpace(m.Version)
	if v == "" {
		return tr("about.noVersion")
	}
	s := tr("about.version", v)
	if m.Build > 0 {
		s += tr("about.build", m.Build)
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
