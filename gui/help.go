package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// helpSection is one part of the F1 page: items of what to type (or press)
// and what it does, then notes.
type helpSection struct {
	title string
	items [][2]string
	notes []string
}

var helpSections = []helpSection{
	{
		title: "查询语法",
		items: [][2]string{
			{"疫情 复工", "空格隔开的词须同时出现（并且）"},
			{"口罩 OR 防护", "任一词出现即可（或者）"},
			{"疫情 -北京", "减号排除含该词的文章"},
			{`"复工复产"`, "引号内是完整短语"},
			{"title:复工　标题:复工", "只在标题中找"},
			{"reporter:郭树勋　记者:郭树勋", "按记者找"},
			{"date:2020-02-26", "按日期找"},
			{"date:2020-02-24..2020-02-28", "按日期范围找"},
		},
		notes: []string{
			"中文词按字串匹配，一个字也可以搜。全角半角（２月 = 2月）、大小写、繁简（復工 = 复工）自动统一。",
			"搜索框右边的日期、记者筛选和排序与查询同时生效；日期可写 2020-02-24、2020-2、2020。",
		},
	},
	{
		title: "快捷键",
		items: [][2]string{
			{"Ctrl+F　Ctrl+L", "回到搜索框"},
			{"Esc", "清空搜索；再按一次清除筛选"},
			{"↓　↑", "在结果中上下移动"},
			{"Enter", "立即搜索；结果已在时跳到所选文章的第一处匹配"},
			{"F3　Shift+F3", "下一处　上一处匹配"},
			{"Page Down　Page Up", "翻动文章"},
			{"Ctrl+Shift+C", "复制当前匹配所在的句子及出处"},
			{"Ctrl+Shift+A", "复制全文及出处"},
			{"Ctrl+Shift+S", "选择文字模式：拖动选择，Ctrl+C 复制（附出处）"},
			{"Ctrl+O　Ctrl+Shift+O", "导入文件　导入文件夹；也可以把文件拖进窗口"},
			{"Ctrl+Shift+L", "资料库：查看、删除已导入的来源"},
			{"Ctrl+=　Ctrl+-　Ctrl+0", "放大　缩小　恢复文字大小"},
			{"F1", "本帮助"},
		},
	},
}

// showHelp shows the query syntax and the keyboard shortcuts.
func (u *UI) showHelp() {
	box := container.New(layout.NewCustomPaddedVBoxLayout(-6))
	for _, s := range helpSections {
		title := newWrapText(0)
		title.setRuns([]textRun{{s.title, withSize(withBold(stylePlain), theme.SizeNameSubHeadingText)}})
		box.Add(title)
		for _, it := range s.items {
			line := newWrapText(0)
			line.setRuns([]textRun{{it[0], styleHit}, {"　　" + it[1], stylePlain}})
			box.Add(line)
		}
		for _, n := range s.notes {
			note := newWrapText(0)
			note.setRuns([]textRun{{n, stylePlain}})
			box.Add(note)
		}
	}
	d := dialog.NewCustom("查询语法与快捷键", "关闭", container.NewVScroll(box), u.win)
	d.Resize(fyne.NewSize(720, 580))
	d.Show()
}
