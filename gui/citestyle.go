package gui

import (
	"fyne.io/fyne/v2"

	"baosou/index/cite"
)

// styleLabels are the message keys naming the citation styles in the menu,
// with an example each.
var styleLabels = map[cite.Style]string{
	cite.Plain:   "style.plain",
	cite.GBT7714: "style.gbt7714",
}

// styleMenuItems are the choices of 编辑 → 出处格式, the current one checked.
func (u *UI) styleMenuItems() []*fyne.MenuItem {
	t := u.toolbox()
	t.styleItems = nil
	for _, s := range []cite.Style{cite.Plain, cite.GBT7714} {
		it := fyne.NewMenuItem(tr(styleLabels[s]), func() { u.setCiteStyle(s) })
		it.Checked = s == citeStyle()
		t.styleItems = append(t.styleItems, it)
	}
	return t.styleItems
}

// setCiteStyle makes s the style of every copy from now on, and remembers it.
func (u *UI) setCiteStyle(s cite.Style) {
	u.app.Preferences().SetString(prefCiteStyle, s.String())
	for i, it := range u.toolbox().styleItems {
		it.Checked = i == int(s)
	}
	u.refreshMenu()
	name := tr("style.plainName")
	if s == cite.GBT7714 {
		name = "GB/T 7714-2015"
	}
	u.status.show(tr("style.chosen", name))
}

// onCopyCitation copies the shown article's citation alone.
func (u *UI) onCopyCitation() {
	if u.detail.doc == nil {
		u.status.warn(tr("detail.pickFirst"))
		return
	}
	u.copied(citationOnly(u.detail.citeDoc()), "copied.citation")
}
