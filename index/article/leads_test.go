package article

import (
	"fmt"
	"strings"
	"testing"
)

// leadForm is one short article in one of the opening (or closing) forms
// Chinese papers print, and what the parser must read from it.
type leadCase struct {
	head  string   // its headline
	lines []string // its text: a paragraph a string; a byline alone is a string of its own
	own   []bool   // lines[i] is printed on a line of its own, never wrapped
	want  Article  // Reporter, Contributors, Photographer, Agency, Place, Date
}

// sevenForms are the forms issue 10 found unread, on one page.
var sevenForms = []leadCase{
	{head: "示范区召开春耕生产工作会议",
		lines: []string{"本报讯 记者李明 3月2日，示范区召开春耕生产工作会议，部署全区春耕生产。会议要求，各乡镇要抓好春耕生产，确保粮食安全。"},
		want:  Article{Reporter: "李明", Date: Date{2020, 3, 2}}},
	{head: "市政府督导企业复工复产",
		lines: []string{"本报讯(记者龙天传 通讯员张虹)3月3日，市政府督导组深入企业督导复工复产。督导组要求，企业要落实防控措施，有序复工复产。"},
		want:  Article{Reporter: "龙天传", Contributors: []string{"通讯员 张虹"}, Date: Date{2020, 3, 3}}},
	{head: "全国春季农业生产形势良好",
		lines: []string{"新华社北京3月1日电（记者王芳、赵强）记者从农业农村部获悉，当前全国春季农业生产形势良好，春耕备耕进展顺利。"},
		want:  Article{Reporter: "王芳 赵强", Agency: "新华社", Place: "北京", Date: Date{2020, 3, 1}}},
	{head: "各地有序推进复工复产",
		lines: []string{"人民网北京3月4日电（记者孙红丽）各地在做好疫情防控的同时，有序推进复工复产，经济社会秩序加快恢复。"},
		want:  Article{Reporter: "孙红丽", Agency: "人民网", Place: "北京", Date: Date{2020, 3, 4}}},
	{head: "示范区今年新建五所学校",
		lines: []string{"本报记者 张伟 报道：", "今年示范区将新建五所学校，新增学位三千个，缓解群众入学难题。"}, own: []bool{true, false},
		want: Article{Reporter: "张伟"}},
	{head: "示范区干部群众开展植树活动",
		lines: []string{"■本报记者 陈静", "3月5日，示范区组织干部群众开展义务植树活动，共栽植树木两千余株。"}, own: []bool{true, false},
		want: Article{Reporter: "陈静", Date: Date{2020, 3, 5}}},
	{head: "示范区加强河道治理",
		lines: []string{"示范区加强河道治理，清理河道垃圾五十余吨，河道环境明显改善。", "（记者 刘洋）"}, own: []bool{false, true},
		want: Article{Reporter: "刘洋"}},
}

// moreForms are the other common forms the issue names.
var moreForms = []leadCase{
	{head: "示范区开展消防安全检查",
		lines: []string{"本报讯 （记者 李四 实习生 王五）3月6日，示范区开展消防安全检查，排查隐患三十余处。"},
		want:  Article{Reporter: "李四", Contributors: []string{"实习生 王五"}, Date: Date{2020, 3, 6}}},
	{head: "老街换新颜",
		lines: []string{"张三/文 李四/图", "走进示范区老街，青石板路干净整洁，沿街商铺焕然一新，游客络绎不绝。"}, own: []bool{true, false},
		want: Article{Reporter: "张三", Photographer: "李四"}},
	{head: "春天的约定",
		lines: []string{"文/赵六", "春风吹过田野，麦苗返青，农民们又开始了一年的忙碌。"}, own: []bool{true, false},
		want: Article{Reporter: "赵六"}},
	{head: "全省推进高标准农田建设",
		lines: []string{"本报综合消息 近日，全省各地加快推进高标准农田建设，为粮食丰收打下基础。"},
		want:  Article{}},
	{head: "国务院部署稳就业工作",
		lines: []string{"据新华社电 国务院近日部署稳就业工作，要求各地多措并举扩大就业。"},
		want:  Article{Agency: "新华社"}},
	{head: "郑州地铁新线开通",
		lines: []string{"本报郑州3月7日讯（记者周八）今天上午，郑州地铁新线开通运营，市民出行更加便捷。"},
		want:  Article{Reporter: "周八", Place: "郑州", Date: Date{2020, 3, 7}}},
}

// formsPage prints cases one after another, headlines before or after, the
// text wrapped at width characters (0: a paragraph a line).
func formsPage(cases []leadCase, after bool, width int) string {
	var lines []string
	for _, c := range cases {
		if !after {
			lines = append(lines, c.head, "")
		}
		for i, ln := range c.lines {
			if width == 0 || (c.own != nil && c.own[i]) {
				lines = append(lines, ln)
			} else {
				lines = append(lines, wrapWidth(ln, width)...)
			}
		}
		lines = append(lines, "")
		if after {
			lines = append(lines, c.head, "")
		}
	}
	return strings.Join(lines, "\n")
}

func TestLeadForms(t *testing.T) {
	for _, set := range []struct {
		name  string
		cases []leadCase
	}{{"seven", sevenForms}, {"more", moreForms}} {
		for _, after := range []bool{false, true} {
			for _, width := range []int{0, 13, 21} {
				name := fmt.Sprintf("%s/after=%v/width=%d", set.name, after, width)
				t.Run(name, func(t *testing.T) {
					page := formsPage(set.cases, after, width)
					pg, err := Parse([]byte(page), Options{Year: 2020})
					if err != nil || len(pg.Articles) != len(set.cases) {
						t.Fatalf("Parse = %d documents, %v; want %d:\n%s\n%s", len(pg.Articles), err, len(set.cases), titles(pg.Articles), explainText([]byte(page), Options{Year: 2020}))
					}
					for i, c := range set.cases {
						checkForm(t, pg.Articles[i], c)
					}
					checkOnce(t, name, []byte(page), pg)
				})
			}
		}
	}
}

func checkForm(t *testing.T, a Article, c leadCase) {
	t.Helper()
	w := c.want
	got := fmt.Sprintf("%q %s reporter %q contributors %q photographer %q agency %q place %q", a.Title, a.Date, a.Reporter, a.Contributors, a.Photographer, a.Agency, a.Place)
	want := fmt.Sprintf("%q %s reporter %q contributors %q photographer %q agency %q place %q", c.head, w.Date, w.Reporter, w.Contributors, w.Photographer, w.Agency, w.Place)
	if got != want || a.Kind != KindArticle {
		t.Errorf("%s\ngot  %s\nwant %s", c.lines[0], got, want)
	}
}

func TestParseByline(t *testing.T) {
	for _, c := range []struct {
		in                  string
		reporters, contribs string
		photographers       string
	}{
		{"记者龙天传 通讯员张虹", "龙天传", "通讯员 张虹", ""},
		{"记者李明通讯员张虹", "李明", "通讯员 张虹", ""},
		{"记者王芳、赵强", "王芳 赵强", "", ""},
		{"■本报记者 陈静", "陈静", "", ""},
		{"本报记者 郭 树 勋", "郭树勋", "", ""},
		{"记者郭树\n勋", "郭树勋", "", ""}, // a name wrapped by a narrow column
		{"记者 张三\n李四", "张三 李四", "", ""},
		{"本报通讯员 王五 实习生 赵六", "", "通讯员 王五,实习生 赵六", ""},
		{"张三/文 李四/图", "张三", "", "李四"},
		{"文/赵六", "赵六", "", ""},
		{"本报记者 张伟 报道：", "张伟", "", ""},
		{"摄影记者 王五", "", "", "王五"},
	} {
		p, ok := parseByline(c.in)
		got := fmt.Sprintf("%s|%s|%s", strings.Join(p.reporters, " "), strings.Join(p.contributors, ","), strings.Join(p.photographers, " "))
		if want := c.reporters + "|" + c.contribs + "|" + c.photographers; !ok || got != want {
			t.Errorf("parseByline(%q) = %q, %v; want %q", c.in, got, ok, want)
		}
	}
	for _, in := range []string{"", "记者", "张三", "记者说明天开会", "本报记者 摄", "会议指出，要坚持问题导向", "通讯员 王", "记者 张三（右）"} {
		if p, ok := parseByline(in); ok {
			t.Errorf("parseByline(%q) = %+v, want no byline", in, p)
		}
	}
}

func TestEndByline(t *testing.T) {
	for _, c := range []struct{ in, who string }{
		{"（记者 刘洋）", "刘洋"},
		{"河道环境明显改善。（记者 刘洋）", "刘洋"},
		{"(记者 刘洋 通讯员 张虹)", "刘洋"},
		{"（本报记者 王 五）", "王五"},
		{"本报讯（记者郭树勋）", ""}, // a lead, not a closing byline
		{"示范区（高新区）", ""},   // brackets in the text
		{"他说（记者 刘洋）", ""},  // not after a sentence
	} {
		p, ok := endByline(c.in)
		if got := strings.Join(p.reporters, " "); got != c.who || ok != (c.who != "") {
			t.Errorf("endByline(%q) = %q, %v; want %q", c.in, got, ok, c.who)
		}
	}
}

func TestWireLead(t *testing.T) {
	for _, c := range []struct {
		in, agency, place, reporter string
		date                        Date
	}{
		{"新华社北京3月1日电（记者王芳、赵强）记者从", "新华社", "北京", "王芳 赵强", Date{0, 3, 1}},
		{"人民网北京3月4日电（记者孙红丽）各地", "人民网", "北京", "孙红丽", Date{0, 3, 4}},
		{"据新华社电 国务院近日", "新华社", "", "", Date{}},
		{"中新社上海3月2日电 记者 张三 3月2日", "中新社", "上海", "张三", Date{0, 3, 2}},
		{"新华社华盛顿3月1日电", "新华社", "华盛顿", "", Date{0, 3, 1}},
		{"新华社北\n京3月1日电", "新华社", "北京", "", Date{0, 3, 1}}, // wrapped by the column
		{"河南日报郑州3月1日电", "河南日报", "郑州", "", Date{0, 3, 1}}, // an outlet not listed, at a line start
	} {
		l, ok := matchWire(splitLines(c.in), 0, 0, false)
		if got := strings.Join(l.people.reporters, " "); !ok || l.agency != c.agency || l.place != c.place || got != c.reporter || l.date != c.date {
			t.Errorf("matchWire(%q) = %q %q %q %v %v; want %q %q %q %v", c.in, l.agency, l.place, got, l.date, ok, c.agency, c.place, c.reporter, c.date)
		}
	}
	for _, in := range []string{"新华社电视台报道", "新华社记者王芳", "人民网友热议", "据悉，", "新华社北京"} {
		if l, ok := matchWire([]string{in}, 0, 0, false); ok {
			t.Errorf("matchWire(%q) = %+v, want no dateline", in, l)
		}
	}
}
