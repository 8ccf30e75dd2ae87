package gui

import (
	"fyne.io/fyne/v2"

	"baosou/index/cite"
)

// styleLabels name the citation styles in the menu, with an example each.
var styleLabels = map[cite.Style]string{
	cite.Plain:   "简式：——《标题》，《报名》2020年2月28日第3版，记者某某",
	cite.GBT7714: "GB/T 7714-2015：某某. 标题[N]. 报名, 2020-02-28(3).",
}

// styleMenuItems are the choices of 编辑 → 出处格式, the current one checked.
func (u *UI) styleMenuItems() []*fyne.MenuItem {
	t := u.toolbox()
	t.styleItems = nil
	for _, s := range []cite.Style{cite.Plain, cite.GBT7714} {
		it := fyne.NewMenuItem(styleLabels[s], func() { u.setCiteStyle(s) })
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
	name := "简式"
	if s == cite.GBT7714 {
		name = "GB/T 7714-2015"
	}
	u.status.show("出处格式：" + name + "（用于每一种复制）")
}

// onCopyCitation copies the shown article's citation alone.
func (u *UI) onCopyCitation() {
	if u.detail.doc == nil {
		u.status.show("请先在左侧选择一篇文章")
		return
	}
	u.copied(citationOnly(u.detail.doc), "出处")
}
