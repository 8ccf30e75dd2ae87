package article

import (
	"reflect"
	"strings"
	"testing"
)

func TestRepair(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"建 设 和 房 地 产 项 目 、 工 业 企", "建设和房地产项目、工业企"},
		{" 本报讯 （记者郭树勋） 2 月 24 日下", "本报讯（记者郭树勋）2月24日下"},
		{"汽车 4S 店", "汽车4S店"},
		{"示范区 （高新区）", "示范区（高新区）"},
		{"会\u3000议\u00a0强\t调", "会议强调"},
		{"COVID 19", "COVID 19"},
		{"hello   world", "hello world"},
		{"COVID 19 疫情", "COVID 19疫情"},
		{"“双胜利” 。", "“双胜利”。"},
		{"a\u200bb\ufeffc\x01d", "abcd"},
		{"（扩大）", "（扩大）"},
		{"", ""},
	} {
		if got := repair(c.in); got != c.want {
			t.Errorf("repair(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitLines(t *testing.T) {
	got := splitLines("a\r\nb\rc\nd\fe\u2028f \u3000\n")
	want := []string{"a", "b", "c", "d", "e", "f", ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitLines = %q, want %q", got, want)
	}
}

func TestReflow(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"column break joins", "本报讯甲乙丙丁，戊己\n\n庚辛壬癸，子丑\n寅卯。\n", []string{"本报讯甲乙丙丁，戊己庚辛壬癸，子丑寅卯。"}},
		{"blank after 。 ends", "本报讯甲乙丙，戊\n己庚辛\n壬癸。\n\n辛壬癸，子\n丑寅卯\n甲乙。\n", []string{"本报讯甲乙丙，戊己庚辛壬癸。", "辛壬癸，子丑寅卯甲乙。"}},
		{"blank after ” ends", "本报讯甲乙丙，戊\n“己庚。”\n\n辛壬癸，子\n丑寅卯，\n", []string{"本报讯甲乙丙，戊“己庚。”", "辛壬癸，子丑寅卯，"}},
		{"no blank, no break", "本报讯甲乙丙，戊\n己庚。\n辛壬癸，子\n丑寅卯，\n", []string{"本报讯甲乙丙，戊己庚。辛壬癸，子丑寅卯，"}},
		{"English joins with a space", "The quick brown fox, as\nyou know, jumps over\nthe lazy dog, and\nmore", []string{"The quick brown fox, as you know, jumps over the lazy dog, and more"}},
		{"numbers wrap in Chinese", "本报讯共有1\n6家企业，分\n布在各地", []string{"本报讯共有16家企业，分布在各地"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pg, err := Parse([]byte(c.text), Options{})
			if err != nil || len(pg.Articles) != 1 {
				t.Fatalf("Parse(%q) = %d articles, %v", c.text, len(pg.Articles), err)
			}
			if got := pg.Articles[0].Paragraphs; !reflect.DeepEqual(got, c.want) {
				t.Errorf("Parse(%q) paragraphs = %q, want %q", c.text, got, c.want)
			}
		})
	}
}

func TestLead(t *testing.T) {
	for _, c := range []struct {
		text, reporter string
		date           Date
	}{
		{"本报讯（记者郭树勋）2月24日下午", "郭树勋", Date{0, 2, 24}},
		{" 本报讯 （记者郭树勋） 2 月 24 日下", "郭树勋", Date{0, 2, 24}},
		{"本报讯（记者郭树勋） 2月\n26 日下午", "郭树勋", Date{0, 2, 26}},
		{"本报讯（记者郭树勋） 2\n\n月 26 日", "郭树勋", Date{0, 2, 26}},
		{"本报讯(记者 张三 李四)１２月３日", "张三 李四", Date{0, 12, 3}},
		{"本报讯（记者 郭 树 勋 通讯员 王五）3月1日", "郭树勋", Date{0, 3, 1}},
		{"本报讯（记者张三、李四）2020年3月1日", "张三 李四", Date{2020, 3, 1}},
		{"本 报 讯（通讯员王五）3月1号", "", Date{0, 3, 1}},
		{"本報訊（記者王小明）3月5日", "王小明", Date{0, 3, 5}},
		{"本报讯 近日，", "", Date{}},
		{"本报讯（记者张三）13月1日", "张三", Date{}},
		{"本报讯（记者张三 3月1日", "", Date{}},
	} {
		lines := splitLines(c.text)
		l, ok := matchLead(lines, 0, strings.Index(lines[0], "本"))
		if got := strings.Join(l.people.reporters, " "); !ok || got != c.reporter || l.date != c.date {
			t.Errorf("matchLead(%q) = %q %v %v, want %q %v", c.text, got, l.date, ok, c.reporter, c.date)
		}
	}
	for _, s := range []string{"本报记者", "本地", "本报", ""} {
		if _, ok := matchLead([]string{s}, 0, 0); ok {
			t.Errorf("matchLead(%q) matched, want no lead", s)
		}
	}
}

func TestParseCredit(t *testing.T) {
	for _, c := range []struct{ line, who, before string }{
		{"本报记者 郭树勋 摄", "郭树勋", ""},
		{"记者 张三 李四 摄", "张三 李四", ""},
		{"王五/摄", "王五", ""},
		{"郭树勋 摄影", "郭树勋", ""},
		{"图为施工现场。本报记者 郭树勋 摄", "郭树勋", "图为施工现场。"},
		{"他负责拍摄", "", ""},        // no role, slash or space: a word, not a credit
		{"控制盐的 摄", "", ""},       // no role: only a 2-3 character name counts
		{"图为施工现场 郭树勋 摄", "", ""}, // 图为施工现场 is no name
		{"本报记者 摄", "", ""},
	} {
		who, before, ok := parseCredit(c.line)
		if who != c.who || before != c.before || ok != (c.who != "") {
			t.Errorf("parseCredit(%q) = %q, %q, %v; want %q, %q", c.line, who, before, ok, c.who, c.before)
		}
	}
}

func TestYearFromName(t *testing.T) {
	for _, c := range []struct {
		name string
		want int
	}{
		{"2020-03-01.txt", 2020},
		{"人民日报20200301.txt", 2020},
		{"人民日报2019年3月1日.txt", 2019},
		{"/pages/1999/page3.txt", 1999},
		{`C:\pages\2001-05-06.txt`, 2001},
		{"000_5698fe36264cb407.txt", 0},
		{"page12.txt", 0},
		{"1899-01-01.txt", 0},
		{"2100-01-01.txt", 0},
		{"20201301.txt", 0},
		{"", 0},
	} {
		if got := YearFromName(c.name); got != c.want {
			t.Errorf("YearFromName(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestDerivedTitle(t *testing.T) {
	for _, c := range []struct{ first, want string }{
		{"本报讯（记者郭树勋）2月26日下午，示范区（高新区）党工委书记、管委会主任、新冠肺炎疫情防控指挥部总指挥王家鹏主持召开示范区（高新区）党工委（扩大）会议暨新冠肺炎疫情防控指挥部第七次会议，集中学习。",
			"王家鹏主持召开示范区党工委（扩大）会议暨新冠肺炎疫情防控指挥部第七次会议"},
		{"本报讯（记者张三）3月1日，全市春耕生产全面展开。", "全市春耕生产全面展开"},
		{"疫情防控期间，示范区实行外来务工人员“五个一律”规定，即一律选择", "疫情防控期间，示范区实行外来务工人员“五个一律”规定"},
		{"本报讯（记者张三）3月1日，一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三。", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九…"},
		{"本报讯（记者张三）3月1日", "page"},
	} {
		p := &page{opt: Options{Name: "page.txt"}}
		if got := p.derive([]string{c.first}, false); got != c.want {
			t.Errorf("derive(%q) = %q, want %q", c.first, got, c.want)
		}
	}
}

func TestIsFurniture(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"2020年2月29日星期六", true},
		{"第2版综合新闻", true},
		{"第二版", true},
		{"A3版", true},
		{"责任编辑：张三", true},
		{"（完）", true},
		{"第三届出版博览会开幕", false},
		{"星期天的音乐会", false},
		{"王家鹏调研房地产行业复工及楼盘销售情况", false},
	} {
		if got := isFurniture(c.text); got != c.want {
			t.Errorf("isFurniture(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestNeedsRepair checks the byte-level shortcut against the rune-level rule.
func TestNeedsRepair(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		s := "甲" + string(r) + "乙"
		want := isSpace(r) || isInvisible(r)
		if got := needsRepair(s); got != want {
			t.Fatalf("needsRepair(%q) = %v, want %v", s, got, want)
		}
	}
}
