package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// pageSize is how many hits one search, or one "more" click, fetches.
const pageSize = 50

// resultList is the left pane: the count, the hits, a "more" button and,
// when nothing matches, a message saying what to try.
type resultList struct {
	ui       *UI
	list     *widget.List
	count    *widget.Label
	more     *widget.Button
	empty    *widget.Label
	clear    *widget.Button
	emptyBox *fyne.Container

	hits     []index.Hit
	total    int
	query    string
	opt      index.SearchOptions
	selected int
}

func (r *resultList) build() fyne.CanvasObject {
	r.selected = -1
	r.list = widget.NewList(func() int { return len(r.hits) }, newHitItem, r.updateItem)
	r.list.OnSelected = r.onSelected
	r.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.more = widget.NewButton("", r.onMore)
	r.more.Hide()
	r.empty = widget.NewLabel("")
	r.empty.Wrapping = fyne.TextWrapBreak
	r.clear = widget.NewButton("清除筛选", r.ui.search.clearFilters)
	r.emptyBox = container.NewVBox(r.empty, container.NewHBox(r.clear))
	r.emptyBox.Hide()
	return container.NewBorder(r.count, r.more, nil, nil, container.NewStack(r.list, r.emptyBox))
}

// newHitItem is one row of the list: headline, date · reporter, snippet.
func newHitItem() fyne.CanvasObject {
	title := newWrapText(1)
	meta := newMetaText()
	meta.Truncation = fyne.TextTruncateEllipsis
	snippet := newWrapText(2)
	// Tighter than a VBox: the RichTexts bring their own padding.
	return container.New(layout.NewCustomPaddedVBoxLayout(-4), title, meta,
		container.New(&linesLayout{lines: 2}, snippet))
}

func (r *resultList) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(r.hits) {
		return
	}
	h := r.hits[id]
	box := o.(*fyne.Container)
	title := box.Objects[0].(*wrapText)
	title.setRuns(markRuns(h.Title, spanMarks(h.TitleHighlights, len([]rune(h.Title))), -1,
		withBold(stylePlain), styleHit, styleHit))
	setMetaText(box.Objects[1].(*widget.RichText), hitMeta(h))
	snippet := box.Objects[2].(*fyne.Container).Objects[0].(*wrapText)
	text := oneLine(h.Snippet)
	snippet.setRuns(markRuns(text, spanMarks(h.SnippetHighlights, len([]rune(text))), -1,
		stylePlain, styleHit, styleHit))
}

// oneLine turns line breaks into spaces, one code point for one, so the
// highlight spans still fit.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// hitMeta is the line under a headline: 2020年2月28日 · 记者郭树勋 · page.
func hitMeta(h index.Hit) string {
	var parts []string
	if d := cnDate(h.Date); d != "" {
		parts = append(parts, d)
	} else {
		parts = append(parts, "日期不详")
	}
	if h.Reporter != "" {
		parts = append(parts, "记者"+h.Reporter)
	}
	if h.Source != "" {
		parts = append(parts, h.Source)
	}
	return strings.Join(parts, " · ")
}

// set replaces the list with a new search's results and opens the first.
func (r *resultList) set(q string, opt index.SearchOptions, res *index.Results) {
	r.query, r.opt = q, opt
	r.hits, r.total = nil, 0
	if res != nil {
		r.hits, r.total = res.Hits, res.Total
	}
	r.count.SetText(fmt.Sprintf("共 %d 篇", r.total))
	r.selected = -1
	r.list.UnselectAll()
	r.list.Refresh()
	r.list.ScrollToTop()
	r.updateMore()
	if len(r.hits) == 0 {
		r.showEmpty()
		r.ui.detail.clear()
		return
	}
	r.emptyBox.Hide()
	r.list.Show()
	r.list.Select(0)
}

// appendPage adds the next page of the same search.
func (r *resultList) appendPage(res *index.Results) {
	if res == nil {
		return
	}
	r.hits = append(r.hits, res.Hits...)
	r.total = res.Total
	r.list.Refresh()
	r.updateMore()
}

func (r *resultList) updateMore() {
	if len(r.hits) >= r.total || len(r.hits) == 0 {
		r.more.Hide()
		return
	}
	r.more.SetText(fmt.Sprintf("显示更多（已列出 %d / %d 篇）", len(r.hits), r.total))
	r.more.Show()
}

func (r *resultList) onMore() {
	r.ui.search.more(r.query, r.opt, len(r.hits))
}

// showEmpty says that nothing matched and what to try instead.
func (r *resultList) showEmpty() {
	filtered := r.ui.search.filtered()
	r.empty.SetText(emptyMessage(r.query, filtered))
	if filtered {
		r.clear.Show()
	} else {
		r.clear.Hide()
	}
	r.list.Hide()
	r.emptyBox.Show()
}

// emptyMessage is the zero-results text for query q.
func emptyMessage(q string, filtered bool) string {
	switch {
	case q == "" && filtered:
		return "没有符合筛选条件的文章。\n试试放宽日期范围，或只写记者姓名中的一两个字。"
	case q == "":
		return "资料库里还没有文章。\n用「文件 → 导入文件…」导入报纸版面文本，或把文件、文件夹拖进窗口。"
	}
	tips := []string{
		"没有找到与「" + q + "」相符的文章。试试：",
		"· 少写几个词，或换个说法（空格隔开的词须同时出现）",
		"· 用 OR 找近义词，如：口罩 OR 防护",
		"· 检查错别字；繁简、全角半角、大小写已自动统一",
		"· 去掉引号，让短语里的词不必紧挨着",
	}
	if filtered {
		tips = append(tips, "· 放宽或清除日期、记者筛选")
	}
	return strings.Join(tips, "\n")
}

// onSelected opens the chosen hit, and gives the keyboard back to the search
// box, from which Up/Down keep moving through the list.
func (r *resultList) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(r.hits) {
		return
	}
	r.selected = id
	r.ui.detail.open(r.hits[id], r.query)
	if r.ui.win.Canvas().Focused() == r.list {
		r.ui.focusSearch()
	}
}

// move selects the hit delta rows away from the current one.
func (r *resultList) move(delta int) {
	if len(r.hits) == 0 {
		return
	}
	i := min(max(r.selected+delta, 0), len(r.hits)-1)
	if r.selected < 0 {
		i = 0
	}
	r.list.Select(i)
	r.list.ScrollTo(i)
}

// pick opens the current (or first) hit at its first match; false when the
// list is empty.
func (r *resultList) pick() bool {
	if len(r.hits) == 0 {
		return false
	}
	if r.selected < 0 {
		r.list.Select(0)
	}
	r.ui.detail.jump(0)
	return true
}

// linesLayout gives its object the height of a number of text lines, so a
// wrapped snippet shows that many and ends in an ellipsis.
type linesLayout struct{ lines int }

func (l *linesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *linesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	th := fyne.CurrentApp().Settings().Theme()
	line := fyne.MeasureText("报", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	pad := th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(0, float32(l.lines)*line+2*pad)
}

// newMetaText is a line of secondary information (date, reporter, source):
// smaller and greyer than the text, yet readable, which the disabled colour of
// a low-importance Label is not.
func newMetaText() *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Style: styleMeta})
}

func setMetaText(rt *widget.RichText, s string) {
	rt.Segments[0].(*widget.TextSegment).Text = s
	rt.Refresh()
}
