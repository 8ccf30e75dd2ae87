package article

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite the golden .json files in testdata")

// goldenPages are the pages in testdata compared with their .json.
var goldenPages = []struct {
	file string
	opt  Options
}{
	{"seed.txt", Options{Year: 2020}},                  // the real page: headlines after the body
	{"before.txt", Options{Name: "2020-03-01.txt"}},    // headlines before the body, page header
	{"unwrapped.txt", Options{Name: "2020-03-03.txt"}}, // one paragraph a line
	{"nolead.txt", Options{Name: "nolead.txt"}},        // no 本报讯 at all
}

func TestGolden(t *testing.T) {
	for _, g := range goldenPages {
		t.Run(g.file, func(t *testing.T) {
			pg := mustParse(t, filepath.Join("testdata", g.file), g.opt)
			got, err := json.MarshalIndent(pg.Articles, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", strings.TrimSuffix(g.file, ".txt")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Parse(%s) differs from %s (go test -update rewrites it); got:\n%s", g.file, golden, got)
			}
		})
	}
}

func mustParse(t testing.TB, path string, opt Options) Page {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := Parse(data, opt)
	if err != nil {
		t.Fatalf("Parse(%s) error: %v", path, err)
	}
	return pg
}

// TestSeed checks the real page article by article, as a reader would.
func TestSeed(t *testing.T) {
	pg := mustParse(t, "testdata/seed.txt", Options{Year: 2020})
	want := []struct {
		date, title string
		derived     bool
		kind        Kind
	}{
		{"2020-02-24", "示范区统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议召开", false, KindArticle},
		{"2020-02-26", "王家鹏主持召开示范区党工委（扩大）会议暨新冠肺炎疫情防控指挥部第七次会议", true, KindArticle},
		{"2020-02-29", "示范区党工委（扩大）会议暨新冠肺炎防控指挥部第八次会议召开", false, KindArticle},
		{"2020-02-26", "王家鹏调研房地产行业复工及楼盘销售情况", false, KindArticle},
		{"2020-02-28", "王家鹏调研督导服务业疫情防控和复工工作", false, KindArticle},
		{"2020-02-24", "王家鹏看望慰问疫情防控一线医务工作者", false, KindArticle},
		{"2020-02-26", "王家鹏调研黄河路北大沙河南首批搬迁改造企业", false, KindArticle},
		{"", "东方今典境界项目施工现场", true, KindCaption},
	}
	if len(pg.Articles) != len(want) {
		t.Fatalf("Parse(seed) = %d articles, want %d", len(pg.Articles), len(want))
	}
	if pg.Encoding != EncUTF8 || len(pg.Warnings) != 0 {
		t.Errorf("Parse(seed) encoding %q warnings %q, want UTF-8 and none", pg.Encoding, pg.Warnings)
	}
	for i, w := range want {
		a := pg.Articles[i]
		if a.Date.String() != w.date || a.Title != w.title || a.TitleDerived != w.derived || a.Kind != w.kind {
			t.Errorf("article %d = %s %q derived=%v %s, want %s %q derived=%v %s",
				i+1, a.Date, a.Title, a.TitleDerived, a.Kind, w.date, w.title, w.derived, w.kind)
		}
		wantReporter := "郭树勋"
		if w.kind == KindCaption {
			wantReporter = ""
		}
		if a.Reporter != wantReporter {
			t.Errorf("article %d reporter = %q, want %q", i+1, a.Reporter, wantReporter)
		}
	}
	// The credit stays in the caption's text, so that a search for 郭树勋 finds it.
	if c := pg.Articles[7]; c.Photographer != "郭树勋" || len(c.Paragraphs) != 2 || c.Paragraphs[1] != "本报记者郭树勋摄" {
		t.Errorf("caption = %q by %q, want its text and then the credit line, by 郭树勋", c.Paragraphs, c.Photographer)
	}
	checkRepair(t, pg.Articles)
}

func checkRepair(t *testing.T, arts []Article) {
	t.Helper()
	a1, a2, a5 := arts[0], arts[1], arts[4]
	if p := a1.Paragraphs[0]; !strings.HasPrefix(p, "本报讯（记者郭树勋）2月24日下午，省、市统筹推进") {
		t.Errorf("article 1 starts %q, want the repaired lead", prefix(p, 90))
	}
	for _, c := range []struct {
		a    Article
		want string
	}{
		{a1, "当前，全区疫情防控工作取得了阶段性成效"}, // column break joined
		{a2, "工程建设和房地产项目、工业企业"},     // OCR spaces removed
		{a5, "汽车4S店"},
	} {
		if !strings.Contains(c.a.Body(), c.want) {
			t.Errorf("article %q lacks %q", c.a.Title, c.want)
		}
	}
	if !hasParagraph(a1, "会议指出，") || !hasParagraph(a1, "会议强调，") || len(a1.Paragraphs) != 4 {
		t.Errorf("article 1 paragraphs start %q, want 4 with 会议指出，and 会议强调，", starts(a1))
	}
	for _, a := range arts {
		for _, p := range a.Paragraphs {
			if i := spaceBetweenHan(p); i >= 0 || strings.Contains(p, "\n") {
				t.Errorf("%q: paragraph has a line break or a space between Han at %d: %q", a.Title, i, p)
			}
		}
	}
}

func hasParagraph(a Article, start string) bool {
	for _, p := range a.Paragraphs {
		if strings.HasPrefix(p, start) {
			return true
		}
	}
	return false
}

func starts(a Article) []string {
	var s []string
	for _, p := range a.Paragraphs {
		s = append(s, prefix(p, 15))
	}
	return s
}

// spaceBetweenHan returns the index of white space between two Han characters, or -1.
func spaceBetweenHan(s string) int {
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if unicode.IsSpace(rs[i]) && unicode.Is(unicode.Han, rs[i-1]) && unicode.Is(unicode.Han, rs[i+1]) {
			return i
		}
	}
	return -1
}

// TestDocExample checks the worked example of doc.go.
func TestDocExample(t *testing.T) {
	page := "2020年3月1日 星期日 第3版 要闻\n\n 本报讯 （记者郭树勋） 2 月\n24 日下午，示范区召开会议。当前，全区疫情\n\n" +
		"防控工作取得了阶段性成效。\n\n示范区召开统筹推进\n疫情防控工作会议\n\n新华社北京2月25日电（记者王芳 通讯员张虹）\n" +
		"全国春耕备耕有序推进。\n\n全国春耕备耕\n有序推进\n\n图为春耕现场。\n本报记者 李四 摄\n"
	pg, err := Parse([]byte(page), Options{})
	pub := Date{2020, 3, 1}
	want := []Article{
		{Title: "示范区召开统筹推进疫情防控工作会议", Date: Date{2020, 2, 24}, Reporter: "郭树勋", Kind: KindArticle,
			Paragraphs: []string{"本报讯（记者郭树勋）2月24日下午，示范区召开会议。当前，全区疫情防控工作取得了阶段性成效。"}},
		{Title: "全国春耕备耕有序推进", Date: Date{2020, 2, 25}, Reporter: "王芳", Contributors: []string{"通讯员 张虹"},
			Agency: "新华社", Place: "北京", Kind: KindArticle, Paragraphs: []string{"新华社北京2月25日电（记者王芳通讯员张虹）全国春耕备耕有序推进。"}},
		{Title: "春耕现场", TitleDerived: true, Kind: KindCaption, Date: pub, Photographer: "李四",
			Paragraphs: []string{"图为春耕现场。", "本报记者李四摄"}},
	}
	for i := range want {
		want[i].Published, want[i].Page, want[i].Section = pub, 3, "要闻"
	}
	if err != nil || !reflect.DeepEqual(pg.Articles, want) || len(pg.Warnings) != 0 {
		t.Errorf("Parse(doc example) = %+v, %v, warnings %q\nwant %+v", pg.Articles, err, pg.Warnings, want)
	}
}

func TestHeadlineBefore(t *testing.T) {
	pg := mustParse(t, "testdata/before.txt", Options{Name: "2020-03-01.txt"})
	want := []struct{ title, date, reporter, contributor, first string }{
		{"王家鹏调研房地产行业复工及楼盘销售情况", "2020-02-26", "张三 李四", "", "本报讯(记者张三李四)２月２６日下午，"},
		{"王家鹏调研督导服务业疫情防控和复工工作", "2020-02-28", "", "通讯员 王五", "本报讯（通讯员王五）2月28日上午，"},
	}
	if len(pg.Articles) != len(want) {
		t.Fatalf("Parse(before.txt) = %d articles, want %d", len(pg.Articles), len(want))
	}
	for i, w := range want {
		a := pg.Articles[i]
		if a.Title != w.title || a.Date.String() != w.date || a.Reporter != w.reporter || !strings.HasPrefix(a.Paragraphs[0], w.first) {
			t.Errorf("article %d = %q %s %q %q, want %q %s %q %q…", i+1, a.Title, a.Date, a.Reporter,
				prefix(a.Paragraphs[0], 60), w.title, w.date, w.reporter, w.first)
		}
		if got := strings.Join(a.Contributors, ","); got != w.contributor {
			t.Errorf("article %d contributors = %q, want %q", i+1, got, w.contributor)
		}
		// 第2版 综合新闻 is the masthead; the date is the file name's.
		if a.Published.String() != "2020-03-01" || a.Page != 2 || a.Section != "综合新闻" {
			t.Errorf("article %d published %s page %d section %q, want 2020-03-01, 2, 综合新闻", i+1, a.Published, a.Page, a.Section)
		}
	}
	if n := len(pg.Articles[0].Paragraphs); n != 2 {
		t.Errorf("article 1 has %d paragraphs, want 2 (the blank line after 及 is a column break)", n)
	}
	if len(pg.Warnings) != 1 || pg.Warnings[0].Code != WarnDateInName || pg.Warnings[0].Detail != "date=2020-03-01" || pg.Warnings[0].String() != "date taken from the file name: publication date 2020-03-01" {
		t.Errorf("warnings = %q, want one saying the publication date came from the file name", pg.Warnings)
	}
}

func TestUnwrapped(t *testing.T) {
	pg := mustParse(t, "testdata/unwrapped.txt", Options{Name: "2020-03-03.txt"})
	if len(pg.Articles) != 2 {
		t.Fatalf("Parse(unwrapped.txt) = %d articles, want 2", len(pg.Articles))
	}
	a, b := pg.Articles[0], pg.Articles[1]
	if a.Title != "示范区召开疫情防控工作会议" || len(a.Paragraphs) != 3 || b.Title != "王家鹏调研春耕生产" || len(b.Paragraphs) != 2 {
		t.Errorf("got %q (%d paragraphs), %q (%d), want 示范区召开疫情防控工作会议 (3), 王家鹏调研春耕生产 (2)",
			a.Title, len(a.Paragraphs), b.Title, len(b.Paragraphs))
	}
	if !strings.Contains(b.Paragraphs[0], "COVID 19疫情期间") {
		t.Errorf("paragraph %q, want COVID 19疫情期间 (one space kept between Latin words)", b.Paragraphs[0])
	}
}

// TestLineEnds parses the seed with other line ends; the articles must not change.
func TestLineEnds(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Parse(data, Options{Year: 2020})
	for name, nl := range map[string]string{"CRLF": "\r\n", "CR": "\r", "LF+trailing spaces": " \u3000\n"} {
		pg, err := Parse(bytes.ReplaceAll(data, []byte("\n"), []byte(nl)), Options{Year: 2020})
		if err != nil || !reflect.DeepEqual(pg.Articles, want.Articles) {
			t.Errorf("%s: Parse differs from LF (err %v)", name, err)
		}
	}
}

func TestNoLeads(t *testing.T) {
	for _, c := range []struct {
		name, text, title string
		derived           bool
		paras             int
	}{
		{"headline", "春天的故事\n\n这是正文，\n被折断了。\n", "春天的故事", false, 1},
		{"unwrapped", "春天的故事\n这是第一段。\n这是第二段。\n", "春天的故事", false, 2},
		{"wrapped, no blank line", "春天的故事\n这是正文，它\n被折断了。\n", "春天的故事", false, 1},
		{"wrapped, no headline", "这是正文，它的每一\n行都被折断了，一直\n到文件结束\n", "story", true, 1},
		{"long first line", "这是一篇很长很长的文章的第一句话，它没有标题，所以标题应该来自文件名而不是正文的第一行。\n", "story", true, 1},
		{"title only", "春天的故事\n", "春天的故事", false, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			pg, err := Parse([]byte(c.text), Options{Name: "dir/story.txt"})
			if err != nil || len(pg.Articles) != 1 {
				t.Fatalf("Parse(%q) = %d articles, %v; want 1", c.text, len(pg.Articles), err)
			}
			a := pg.Articles[0]
			if a.Title != c.title || a.TitleDerived != c.derived || len(a.Paragraphs) != c.paras || a.Kind != KindDocument {
				t.Errorf("Parse(%q) = %q derived=%v %d paragraphs %s, want %q %v %d document",
					c.text, a.Title, a.TitleDerived, len(a.Paragraphs), a.Kind, c.title, c.derived, c.paras)
			}
		})
	}
}

func TestLeadsWithoutText(t *testing.T) {
	for _, text := range []string{"本报讯（记者张三）3月1日", "本报讯", "本报讯\n本报讯\n", "标题\n\n本报讯（记者", "本报讯（记者张三）3月1日\n\n本报记者 张三 摄"} {
		pg, err := Parse([]byte(text), Options{})
		if err != nil || len(pg.Articles) == 0 {
			t.Errorf("Parse(%q) = %d articles, %v; want some", text, len(pg.Articles), err)
		}
		for _, a := range pg.Articles {
			if a.Title == "" {
				t.Errorf("Parse(%q): article without a title: %+v", text, a)
			}
		}
	}
}

func TestCaptions(t *testing.T) {
	body := "本报讯（记者张三）3月1日，示范区召开会议。\n\n会议要求，各部门狠抓落实。\n\n"
	for _, c := range []struct {
		name, tail, who, title string
	}{
		{"own line", "图为会议现场。\n\n本报记者 郭树勋 摄\n", "郭树勋", "会议现场"},
		{"same line", "工人正在施工。\n记者 王 五 摄", "王五", "工人正在施工"},
		{"slash", "工人正在施工。\n\n李四/摄\n", "李四", "工人正在施工"},
		{"two names", "图为施工现场。 记者 张三 李四 摄", "张三 李四", "施工现场"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pg, err := Parse([]byte(body+c.tail), Options{})
			if err != nil || len(pg.Articles) != 2 {
				t.Fatalf("Parse = %d articles, %v; want article and caption", len(pg.Articles), err)
			}
			a, capt := pg.Articles[0], pg.Articles[1]
			if capt.Kind != KindCaption || capt.Photographer != c.who || capt.Title != c.title || !capt.TitleDerived {
				t.Errorf("caption = %s %q by %q, want caption %q by %q", capt.Kind, capt.Title, capt.Photographer, c.title, c.who)
			}
			if len(a.Paragraphs) != 2 || strings.Contains(a.Body(), "摄") || !strings.HasSuffix(capt.Body(), "摄") {
				t.Errorf("article %q, caption %q: want the credit at the end of the caption, not in the article", a.Paragraphs, capt.Paragraphs)
			}
		})
	}
	pg, _ := Parse([]byte("本报讯（记者张三）3月1日，工人正在施工。\n本报记者 郭树勋 摄"), Options{})
	if len(pg.Articles) != 1 || pg.Articles[0].Photographer != "郭树勋" || !strings.HasSuffix(pg.Articles[0].Body(), "郭树勋摄") {
		t.Errorf("photo news item = %+v, want one article with Photographer 郭树勋 and the credit in its text", pg.Articles)
	}
}

// TestPageFurniture wraps the seed in a running head and a sign-off, as PDF
// extraction leaves them: the running head becomes every article's page
// metadata, the articles do not change otherwise, the sign-off is warned about.
func TestPageFurniture(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Parse(data, Options{Year: 2020})
	framed := "2020年2月29日 星期六\n第2版 综合新闻\n\n" + string(data) + "\n责任编辑：张三\n（完）\n"
	pg, err := Parse([]byte(framed), Options{}) // the masthead gives the year
	if err != nil || len(pg.Articles) != len(want.Articles) {
		t.Fatalf("Parse(framed seed) = %d articles, %v; want the seed's %d", len(pg.Articles), err, len(want.Articles))
	}
	for i, a := range pg.Articles {
		if a.Published != (Date{2020, 2, 29}) || a.Page != 2 || a.Section != "综合新闻" {
			t.Errorf("article %d published %s page %d section %q, want the masthead's 2020-02-29, 2, 综合新闻", i+1, a.Published, a.Page, a.Section)
		}
		w := want.Articles[i]
		if a.Kind == KindCaption {
			w.Date = a.Published // a caption takes the page's date
		}
		a.Published, a.Page, a.Section = Date{}, 0, ""
		if !reflect.DeepEqual(a, w) {
			t.Errorf("article %d = %+v\nwant the seed's %+v", i+1, a, w)
		}
	}
	if len(pg.Warnings) != 2 || pg.Warnings[0].Detail != "责任编辑：张三" || pg.Warnings[1].Detail != "（完）" {
		t.Errorf("warnings = %q, want the two sign-off lines", pg.Warnings)
	}
}

// TestFallback: when a cut would lose or double text, the page is kept
// whole, every line in one document, with WarnNoLayout.
func TestFallback(t *testing.T) {
	text := "2020年3月1日 星期日 第3版\n\n标题\n\n本报讯（记者张三）3月1日，示范区召开会议。\n\n会议要求，狠抓落实。\n"
	p := &page{text: text, opt: Options{Name: "p.txt"}}
	p.rows = cutRows(splitLines(text), 0)
	p.cut()
	p.out = p.out[:0] // as if the rules had lost the article
	if p.accounted(text) {
		t.Fatal("accounted = true for a cut that lost the article")
	}
	p.fallback("the cut lost or doubled text")
	if len(p.out) != 1 || len(p.warnings) != 1 || p.warnings[0].Code != WarnNoLayout {
		t.Fatalf("fallback = %d documents, warnings %q; want one and WarnNoLayout", len(p.out), p.warnings)
	}
	var got, want runeSum
	want.add(text)
	for _, para := range p.out[0].Paragraphs {
		got.add(para)
	}
	if got != want || p.out[0].Page != 3 || p.out[0].Title != "p" {
		t.Errorf("fallback document %q (page %d, title %q) does not hold every character of the page", p.out[0].Paragraphs, p.out[0].Page, p.out[0].Title)
	}
}

// TestGoldenOnce: every golden page's documents hold each character of the
// page once, the masthead aside.
func TestGoldenOnce(t *testing.T) {
	for _, g := range goldenPages {
		data, err := os.ReadFile(filepath.Join("testdata", g.file))
		if err != nil {
			t.Fatal(err)
		}
		pg, err := Parse(data, g.opt)
		if err != nil {
			t.Fatal(err)
		}
		checkOnce(t, g.file, data, pg)
	}
}

// TestTitleSpaces: runs of white space in a headline become one space, so
// that citations do not carry them.
func TestTitleSpaces(t *testing.T) {
	pg, err := Parse([]byte("COVID  19  疫情  防控\u3000 通报\n\n本报讯（记者张三）3月1日，全区通报疫情防控情况。\n"), Options{})
	if err != nil || len(pg.Articles) != 1 || pg.Articles[0].Title != "COVID 19疫情防控通报" {
		t.Errorf("Parse = %+v, %v; want the title COVID 19疫情防控通报", pg.Articles, err)
	}
	arts, _, err := collect(t, `{"title":"  抓防控   促发展 \n 全力以赴  ","body":"正文"}`)
	if err != nil || len(arts) != 1 || arts[0].Title != "抓防控 促发展 全力以赴" {
		t.Errorf("ParseJSONL title = %+v, %v; want 抓防控 促发展 全力以赴", arts, err)
	}
}

// TestExplainSeed checks what Explain says of the sample page's lines.
func TestExplainSeed(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Explain(data, Options{Year: 2020})
	if err != nil || len(ex.Page.Articles) != 8 {
		t.Fatalf("Explain = %d documents, %v", len(ex.Page.Articles), err)
	}
	lines := splitLines(string(data))
	byLine := map[int][]LineNote{}
	for _, n := range ex.Lines {
		byLine[n.Line] = append(byLine[n.Line], n)
	}
	if len(byLine) != len(lines) {
		t.Errorf("Explain notes %d lines, the page has %d", len(byLine), len(lines))
	}
	for _, c := range []struct {
		start string // the line's start
		role  LineRole
		doc   int
		why   string // in the reason
	}{
		{"本报讯 （记者郭树勋） 2 月 24 日下", RoleLead, 1, "reporter 郭树勋"},
		{"示范区统筹推进新冠肺炎疫情防控", RoleHeadline, 1, "printed after document 1"},
		{"防控工作取得了阶段性成效", RoleBody, 1, ""},
		{"王家鹏看望慰问疫情防控一线医务工作者", RoleHeadline, 6, ""},
		{"疫情防控期间，示范区实行", RoleCaption, 8, ""},
		{"本报记者 郭树勋 摄", RoleCredit, 8, "photographer 郭树勋"},
	} {
		found := false
		for _, n := range ex.Lines {
			if strings.HasPrefix(n.Text, c.start) {
				found = true
				if n.Role != c.role || n.Doc != c.doc || !strings.Contains(n.Why, c.why) {
					t.Errorf("line %d %q: %s in %d (%s), want %s in %d (…%s…)", n.Line, c.start, n.Role, n.Doc, n.Why, c.role, c.doc, c.why)
				}
				break
			}
		}
		if !found {
			t.Errorf("no line starts %q", c.start)
		}
	}
	// The blank line after 全区疫情 is a column break; after 出席会议。 a paragraph break.
	for i, ln := range lines {
		notes := byLine[i+2]
		if len(notes) == 0 || notes[0].Text != "" {
			continue
		}
		switch {
		case strings.HasSuffix(ln, "当前，全区疫情") && notes[0].Role != RoleColumnBreak:
			t.Errorf("line %d after %q is %s, want a column break", i+2, ln, notes[0].Role)
		case strings.HasSuffix(ln, "赵俊生出席会议。") && notes[0].Role != RoleParagraphBreak && notes[0].Role != RoleBlank:
			t.Errorf("line %d after %q is %s, want a paragraph break", i+2, ln, notes[0].Role)
		}
	}
	if !strings.Contains(ex.Layout, "headlines printed after their articles") {
		t.Errorf("layout %q, want headlines after their articles", ex.Layout)
	}
}
