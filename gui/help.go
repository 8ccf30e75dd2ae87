package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// helpSection is one part of the F1 page: items of what to type (or press)
// and what it does, then notes.
type helpSection struct {
	title msg
	items []helpItem
	notes []msg
}

type helpItem struct {
	keys string // what to type or press, the same in both languages
	does msg
}

var helpSections = []helpSection{
	{
		title: msg{"查询语法", "Query syntax"},
		items: []helpItem{
			{"疫情 复工", msg{"空格隔开的词须同时出现（并且；也可写 AND）", "both words must appear (AND may be written)"}},
			{"口罩 OR 防护", msg{"任一词出现即可（或者）", "either word"}},
			{"疫情 -北京　疫情 NOT 北京", msg{"排除含该词的文章", "without the word"}},
			{`"复工复产"`, msg{"引号内是完整短语", "an exact phrase"}},
			{"(口罩 OR 防护) 企业　（口罩 OR 防护）企业", msg{"括号分组，全角半角括号都可以", "grouping, with half- or full-width brackets"}},
			{"title:复工　标题:复工", msg{"只在标题中找", "in the headline"}},
			{"reporter:郭树勋　记者:郭树勋", msg{"按记者找（也找摄影）", "by reporter (photographers too)"}},
			{"photographer:郭树勋　摄影:郭树勋", msg{"按摄影找", "by photographer"}},
			{"newspaper:焦作日报　报名:焦作日报", msg{"按报名找", "by newspaper"}},
			{"page:3　版:3　版:1..4", msg{"按版次找", "by page"}},
			{"date:2020-02-26　日期:2020-02", msg{"按日期找（日、月或年）", "by date (a day, month or year)"}},
			{"date:2020-02-24..2020-02-28", msg{"按日期范围找", "by date range"}},
			{"date:02-26", msg{"任一年的 2 月 26 日，年份不详的也算", "26 February of any year, unknown years included"}},
		},
		notes: []msg{
			{"中文词按字串匹配，一个字也可以搜。全角半角（２月 = 2月）、大小写、繁简（復工 = 复工）、间隔号（· ・）自动统一。",
				"Chinese words match as strings; one character is a word too. Width (２月 = 2月), case, traditional/simplified (復工 = 复工) and middle dots (· ・) are ignored."},
			{"OR、AND、NOT 要大写；夹在中文词之间的小写 or、and、not 也当作运算符。不认识的字段名（如网址 http://…）按文字搜索。",
				"Write OR, AND and NOT in capitals; lower-case or, and, not between Chinese words work too. An unknown field name (a web address, http://…) is searched as text."},
			{"搜索框右边的日期、记者筛选和排序与查询同时生效；日期可写 2020-02-24、2020-2、2020。没有日期的文章不在日期范围内，结果上方会说明有几篇。",
				"The date, reporter and sort boxes beside the search box combine with the query; dates may be 2020-02-24, 2020-2 or 2020. Undated articles are outside any date range; the count above the results says how many."},
		},
	},
	{
		title: msg{"快捷键", "Keyboard shortcuts"},
		items: []helpItem{
			{"Ctrl+F　Ctrl+L", msg{"回到搜索框", "go to the search box"}},
			{"Esc", msg{"清空搜索；再按一次清除筛选；对话框中：关闭", "clear the search; again: clear the filters; in a dialog: close it"}},
			{"↓　↑", msg{"在结果中上下移动；到底时载入更多", "move through the results; at the end, load more"}},
			{"Enter", msg{"立即搜索；结果已在时跳到所选文章的第一处匹配；对话框中：确定", "search now; with results shown, go to the first match; in a dialog: its default button"}},
			{"F3　Shift+F3", msg{"下一处　上一处匹配", "next / previous match"}},
			{"Page Down　Page Up", msg{"翻动文章", "scroll the article"}},
			{"Ctrl+Shift+C", msg{"复制当前匹配所在的句子及出处", "copy the sentence of the current match with its citation"}},
			{"Ctrl+Shift+A", msg{"复制全文及出处", "copy the whole article with its citation"}},
			{"Ctrl+C　Ctrl+A", msg{"在正文中拖动选择文字后：复制（附出处）、全选正文", "after dragging over the article's text: copy it with its citation, select the whole article"}},
			{"Ctrl+O　Ctrl+Shift+O", msg{"导入文件　导入文件夹；也可以把文件拖进窗口", "import files / a folder; or drop them on the window"}},
			{"Ctrl+Shift+L", msg{"资料库：查看、删除已导入的来源，设定年份与报名", "the library: sources, removing one, its year and newspaper"}},
			{"Ctrl+=　Ctrl+-　Ctrl+0", msg{"放大　缩小　恢复文字大小", "larger / smaller / default text"}},
			{"Ctrl+Q", msg{"退出", "quit"}},
			{"F1", msg{"本帮助", "this help"}},
		},
	},
}

// showHelp shows the query syntax and the keyboard shortcuts, once: while
// the window is open, F1 leaves it as it is.
func (u *UI) showHelp() {
	if u.help != nil {
		return
	}
	box := container.New(layout.NewCustomPaddedVBoxLayout(-6))
	for _, s := range helpSections {
		title := newWrapText(0)
		title.setRuns([]textRun{{s.title.text(), withSize(withBold(stylePlain), theme.SizeNameSubHeadingText)}})
		box.Add(title)
		for _, it := range s.items {
			line := newWrapText(0)
			line.setRuns([]textRun{{it.keys, styleHit}, {"　　" + it.does.text(), stylePlain}})
			box.Add(line)
		}
		for _, n := range s.notes {
			note := newWrapText(0)
			note.setRuns([]textRun{{n.text(), stylePlain}})
			box.Add(note)
		}
	}
	u.help = u.showModal(tr("menu.helpSyntax"), container.NewVScroll(box), nil, func() { u.help = nil },
		modalButton{label: tr("button.close"), primary: true})
	u.help.dlg.Resize(u.dialogSize(720, 580))
}

// dialogSize is w×h, or less on a small window.
func (u *UI) dialogSize(w, h float32) fyne.Size {
	s := u.win.Canvas().Size()
	return fyne.NewSize(min(w, s.Width*0.95), min(h, s.Height*0.9))
}
