package gui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// detailView is the right pane: the article with its matches highlighted,
// match navigation, copy actions and a plain selectable text mode.
type detailView struct {
	ui          *UI
	title       *wrapText
	meta        *widget.RichText
	matches     *widget.Label
	prev, next  *widget.Button
	copyExcerpt *widget.Button
	copyArticle *widget.Button
	selectMode  *widget.Check
	paras       *fyne.Container // one wrapText per paragraph
	selText     *widget.Label   // the body as selectable text, in select mode
	scroll      *container.Scroll
	placeholder *widget.Label
	header      *fyne.Container

	doc        *index.Doc
	query      string
	spans      []index.Span // matches in doc.Body, sorted, not overlapping
	current    int          // index into spans, -1 when none
	paraTexts  []string
	paraMarks  [][]mark
	paraStarts []int
	paraViews  []*wrapText // by paragraph; nil for blank ones
	gen        int
}

func (d *detailView) build() fyne.CanvasObject {
	d.current = -1
	d.title = newWrapText(0)
	d.meta = newMetaText()
	d.meta.Wrapping = fyne.TextWrapBreak
	d.matches = widget.NewLabel("")
	d.prev = widget.NewButtonWithIcon("上一处", theme.MoveUpIcon(), d.onPrev)
	d.next = widget.NewButtonWithIcon("下一处", theme.MoveDownIcon(), d.onNext)
	d.copyExcerpt = widget.NewButtonWithIcon("复制摘录", theme.ContentCopyIcon(), d.onCopyExcerpt)
	d.copyArticle = widget.NewButtonWithIcon("复制全文", theme.DocumentIcon(), d.onCopyArticle)
	d.selectMode = widget.NewCheck("选择文字", func(bool) { d.applySelectMode() })

	d.paras = container.NewVBox()
	d.selText = widget.NewLabel("")
	d.selText.Selectable = true
	d.selText.Wrapping = fyne.TextWrapBreak
	d.selText.Hide()
	d.scroll = container.NewVScroll(container.NewStack(d.paras, d.selText))
	d.placeholder = widget.NewLabel("正在载入…")
	d.placeholder.Alignment = fyne.TextAlignCenter

	tools := container.NewHBox(d.prev, d.matches, d.next, layout.NewSpacer(),
		d.selectMode, d.copyExcerpt, d.copyArticle)
	d.header = container.NewVBox(d.title, d.meta, tools, widget.NewSeparator())
	d.setEnabled()
	return container.NewBorder(d.header, nil, nil, nil, container.NewStack(d.scroll, d.placeholder))
}

// open loads hit's article off the UI goroutine and shows it with the
// matches of q; a later open wins over an earlier one still loading.
func (d *detailView) open(hit index.Hit, q string) {
	d.gen++
	gen := d.gen
	lib := d.ui.lib
	d.ui.spawn(func() {
		doc, err := lib.Get(hit.ID)
		var body, title []index.Span
		if err == nil && strings.TrimSpace(q) != "" {
			body, title, _ = lib.Highlight(doc, q) // no highlights is still an article
		}
		d.ui.post(func() {
			if gen != d.gen {
				return
			}
			if err != nil {
				d.clear()
				d.placeholder.SetText("无法读取这篇文章：" + err.Error())
				return
			}
			d.show(doc, q, body, title)
		})
	})
}

// show renders doc with its body and title matches and brings the first
// match into view.
func (d *detailView) show(doc *index.Doc, q string, body, title []index.Span) {
	d.doc, d.query = doc, q
	d.spans = cleanSpans(body, len([]rune(doc.Body)))
	d.current = -1
	if len(d.spans) > 0 {
		d.current = 0
	}
	d.title.setRuns(markRuns(doc.Title, spanMarks(title, len([]rune(doc.Title))), -1,
		withSize(withBold(stylePlain), theme.SizeNameSubHeadingText),
		withSize(styleHit, theme.SizeNameSubHeadingText), styleHit))
	setMetaText(d.meta, docMeta(doc))
	d.renderBody()
	d.placeholder.Hide()
	d.header.Show()
	d.scroll.Show()
	d.scroll.ScrollToTop()
	d.setEnabled()
	d.updateMatches()
	d.reveal()
}

// renderBody builds one wrapText per paragraph, and the select-mode text.
func (d *detailView) renderBody() {
	d.paraTexts, d.paraMarks, d.paraStarts = splitParagraphs(d.doc.Body, d.spans)
	d.paraViews = make([]*wrapText, len(d.paraTexts))
	objs := make([]fyne.CanvasObject, 0, len(d.paraTexts))
	for i, p := range d.paraTexts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		wt := newWrapText(0)
		wt.setRuns(d.paraRuns(i))
		d.paraViews[i] = wt
		objs = append(objs, wt)
	}
	d.paras.Objects = objs
	d.paras.Refresh()
	// A blank line between paragraphs, as in the highlighted view; copying
	// takes it out again.
	var texts []string
	for _, p := range d.paraTexts {
		if strings.TrimSpace(p) != "" {
			texts = append(texts, p)
		}
	}
	d.selText.SetText(strings.Join(texts, "\n\n"))
}

func (d *detailView) paraRuns(i int) []textRun {
	return markRuns(d.paraTexts[i], d.paraMarks[i], d.current, stylePlain, styleHit, styleCurrent)
}

// docMeta is the line under the headline.
func docMeta(doc *index.Doc) string {
	var parts []string
	if dt := cnDate(doc.Date); dt != "" {
		parts = append(parts, dt)
	}
	if doc.Reporter != "" {
		parts = append(parts, "记者 "+doc.Reporter)
	}
	if doc.Photographer != "" {
		parts = append(parts, "摄影 "+doc.Photographer)
	}
	if doc.Source != "" {
		parts = append(parts, "来源："+doc.Source)
	}
	s := strings.Join(parts, " · ")
	if doc.TitleDerived {
		s += "（原文无标题，取自首句）"
	}
	return s
}

// clear empties the pane when no article is chosen.
func (d *detailView) clear() {
	d.gen++
	d.doc, d.spans, d.current = nil, nil, -1
	d.title.setRuns(nil)
	setMetaText(d.meta, "")
	d.paras.Objects = nil
	d.paras.Refresh()
	d.selText.SetText("")
	d.scroll.Hide()
	d.header.Hide()
	d.placeholder.SetText("没有可显示的文章")
	d.placeholder.Show()
	d.updateMatches()
	d.setEnabled()
}

func (d *detailView) setEnabled() {
	for _, b := range []*widget.Button{d.copyExcerpt, d.copyArticle} {
		if d.doc == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	for _, b := range []*widget.Button{d.prev, d.next} {
		if len(d.spans) == 0 {
			b.Hide()
		} else {
			b.Show()
		}
	}
}

func (d *detailView) updateMatches() {
	switch {
	case d.doc == nil || strings.TrimSpace(d.query) == "":
		d.matches.SetText("")
	case len(d.spans) == 0:
		d.matches.SetText("正文无匹配")
	default:
		d.matches.SetText(fmt.Sprintf("第 %d / %d 处", d.current+1, len(d.spans)))
	}
}

func (d *detailView) onNext() { d.jump(d.current + 1) }
func (d *detailView) onPrev() { d.jump(d.current - 1) }

// jump makes match k (wrapping around) the current one and scrolls to it.
func (d *detailView) jump(k int) {
	n := len(d.spans)
	if d.doc == nil || n == 0 {
		return
	}
	k = ((k % n) + n) % n
	old := d.current
	d.current = k
	for _, i := range []int{d.paraOf(old), d.paraOf(k)} {
		if i >= 0 && d.paraViews[i] != nil {
			d.paraViews[i].setRuns(d.paraRuns(i))
		}
	}
	d.updateMatches()
	d.reveal()
}

// paraOf is the paragraph holding match k, or -1.
func (d *detailView) paraOf(k int) int {
	if k < 0 || k >= len(d.spans) {
		return -1
	}
	start := d.spans[k].Start
	return sort.Search(len(d.paraStarts), func(i int) bool { return d.paraStarts[i] > start }) - 1
}

// reveal scrolls the current match into view when it is not already shown,
// placing it a third of the way down.
func (d *detailView) reveal() {
	i := d.paraOf(d.current)
	if i < 0 || d.paraViews[i] == nil || d.selectMode.Checked {
		return
	}
	d.scroll.Refresh() // lay the new text out before measuring it
	rt := d.paraViews[i]
	line, lines := rt.lineOf(d.spans[d.current].Start - d.paraStarts[i])
	lineH := rt.Size().Height / float32(lines)
	y := rt.Position().Y + lineH*float32(line)
	view, off := d.scroll.Size().Height, d.scroll.Offset.Y
	if y >= off && y+2*lineH <= off+view {
		return
	}
	d.scrollTo(y - view/3)
}

// page scrolls the article by a screen up (-1) or down (1).
func (d *detailView) page(dir int) {
	d.scrollTo(d.scroll.Offset.Y + float32(dir)*(d.scroll.Size().Height*0.9))
}

func (d *detailView) scrollTo(y float32) {
	limit := d.scroll.Content.MinSize().Height - d.scroll.Size().Height
	d.scroll.ScrollToOffset(fyne.NewPos(0, max(0, min(y, limit))))
}

// onToggleSelect switches between highlighted and selectable text.
func (d *detailView) onToggleSelect() {
	d.selectMode.SetChecked(!d.selectMode.Checked)
}

// applySelectMode shows the body as a selectable label in select mode; the
// highlighted RichText cannot be selected.
func (d *detailView) applySelectMode() {
	if d.selectMode.Checked {
		d.paras.Hide()
		d.selText.Show()
		d.ui.status.show("选择文字模式：拖动鼠标选择，Ctrl+C 复制（附出处）")
	} else {
		d.selText.Hide()
		d.paras.Show()
	}
	d.scroll.Refresh()
}

// copySelection copies the text selected in select mode with its citation.
func (d *detailView) copySelection() bool {
	if d.doc == nil || !d.selectMode.Checked {
		return false
	}
	sel := d.selText.SelectedText()
	if strings.TrimSpace(sel) == "" {
		return false
	}
	d.ui.copied(withCitation(strings.ReplaceAll(sel, "\n\n", "\n"), d.doc), "选中文字及出处")
	return true
}

// onCopyExcerpt copies the sentence around the current match (or the lead
// when there is none) with its citation.
func (d *detailView) onCopyExcerpt() {
	if d.doc == nil {
		d.ui.status.show("请先在左侧选择一篇文章")
		return
	}
	var sp index.Span
	ok := d.current >= 0 && d.current < len(d.spans)
	if ok {
		sp = d.spans[d.current]
	}
	d.ui.copied(withCitation(excerpt(d.doc.Body, sp, ok), d.doc), "摘录及出处")
}

// onCopyArticle copies the whole article with its citation.
func (d *detailView) onCopyArticle() {
	if d.doc == nil {
		d.ui.status.show("请先在左侧选择一篇文章")
		return
	}
	d.ui.copied(articleText(d.doc), "全文及出处")
}
