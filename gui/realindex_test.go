package gui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baosou/index"
)

// These tests run the window on a real index.Library in a temporary folder,
// importing files as the user would, so that what the app was first coded
// against with the fake (facets, undated counts, re-dating, the masthead's
// metadata, the new query fields) is checked against the engine itself.

// openLibrary opens an empty library (no bundled sample) in a temporary folder.
func openLibrary(t *testing.T) *index.Library {
	t.Helper()
	lib, err := index.OpenWith(t.TempDir(), index.Options{NoSample: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// mastheadPage is a page with its running head (paper, date, page, section),
// a kicker and subtitle, a reporter with a contributor, a wire story and a
// photo caption whose title is taken from its 图为 sentence.
const mastheadPage = `焦作日报
2020年2月28日 星期五
第3版：要闻

聚焦疫情防控

两家口罩生产企业复工
——日产口罩十万只

本报讯（记者李明 通讯员 张虹）2月26日，示范区两家口罩生产企业日前复工，日产口罩十万只。企业负责人表示，将全力保障供应。

示范区召开疫情防控工作部署会议

新华社郑州2月24日电 示范区召开疫情防控工作部署会议。会议指出，疫情防控正处于最吃劲的关键阶段。

2月26日，工作人员在社区消杀。图为工作人员正在对楼道进行消杀。
本报记者 郭树勋 摄
`

// yearlessPage is a page whose dates print no year, in a file whose name
// has none either.
const yearlessPage = `两家口罩生产企业复工

本报讯（记者李明）2月26日，示范区两家口罩生产企业日前复工，日产口罩十万只。企业负责人表示，将全力保障供应。

示范区召开疫情防控工作部署会议

本报讯（记者郭树勋）2月24日下午，示范区召开疫情防控工作部署会议。会议指出，疫情防控正处于最吃劲的关键阶段。
`

// importNow imports paths through the window and closes the summary.
func importNow(t *testing.T, u *UI, paths ...string) string {
	t.Helper()
	u.Import(paths)
	if u.imports.ask == nil {
		t.Fatal("no summary after the import")
	}
	summary := u.imports.summary
	u.imports.ask.close()
	return summary
}

// openHit selects the hit titled title and returns the article view.
func openHit(t *testing.T, u *UI, title string) *detailView {
	t.Helper()
	for i, h := range u.results.hits {
		if strings.Contains(h.Title, title) {
			u.results.list.Select(i)
			return u.detail
		}
	}
	t.Fatalf("no hit titled %q among %v", title, hitTitles(u))
	return nil
}

func hitTitles(u *UI) []string {
	var out []string
	for _, h := range u.results.hits {
		out = append(out, h.Title)
	}
	return out
}

// Issue 10: the article view shows what the page printed around the
// headline and what its masthead says; the list names paper and page; the
// citation gives the publication date and page.
func TestArticleHeaderFromARealPage(t *testing.T) {
	lib := openLibrary(t)
	u, _ := newTestUI(t, lib)
	importNow(t, u, writeFile(t, t.TempDir(), "jz-0228.txt", mastheadPage))

	test.Type(u.search.entry, "口罩")
	d := openHit(t, u, "两家口罩生产企业复工")
	if got := d.kicker.String(); got != "聚焦疫情防控" || !d.kicker.Visible() {
		t.Errorf("kicker = %q (shown %v), want 聚焦疫情防控 above the headline", got, d.kicker.Visible())
	}
	if got := d.subtitle.String(); got != "——日产口罩十万只" || !d.subtitle.Visible() {
		t.Errorf("subtitle = %q (shown %v), want ——日产口罩十万只", got, d.subtitle.Visible())
	}
	meta := d.meta.String()
	for _, want := range []string{"2020年2月26日", "记者 李明", "通讯员 张虹", "焦作日报 第3版 要闻", "2020年2月28日见报", "来源：jz-0228.txt"} {
		if !strings.Contains(meta, want) {
			t.Errorf("article header %q lacks %q", meta, want)
		}
	}
	if strings.Contains(meta, "OCR") {
		t.Errorf("header %q speaks of OCR for a text page", meta)
	}
	if got := hitMeta(u.results.hits[u.results.selected]); got != "2020年2月26日 · 记者李明 · 焦作日报 第3版" {
		t.Errorf("result row = %q, want date · reporter · paper and page", got)
	}
	d.onCopyExcerpt()
	if got := u.app.Clipboard().Content(); !strings.HasSuffix(got, "\n——《两家口罩生产企业复工》，《焦作日报》2020年2月28日第3版，记者李明") {
		t.Errorf("excerpt's citation: %q", got)
	}
	d.onCopyArticle()
	if got := u.app.Clipboard().Content(); !strings.HasPrefix(got, "聚焦疫情防控\n两家口罩生产企业复工\n——日产口罩十万只\n\n本报讯") {
		t.Errorf("copied article starts %q, want kicker, headline and subtitle first", got)
	}

	u.search.entry.SetText("消杀")
	d = openHit(t, u, "消杀")
	if d.kicker.Visible() || d.subtitle.Visible() {
		t.Error("a caption shows the previous article's kicker or subtitle")
	}
	if meta := d.meta.String(); !strings.Contains(meta, "摄影 郭树勋") || !strings.Contains(meta, "取自“图为”一句") {
		t.Errorf("caption header %q: want the photographer and where its title came from", meta)
	}
	u.search.entry.SetText("部署会议")
	d = openHit(t, u, "示范区召开疫情防控工作部署会议")
	if meta := d.meta.String(); !strings.Contains(meta, "新华社郑州电") {
		t.Errorf("wire story header %q lacks its dateline's agency and place", meta)
	}
}

// The query fields added for issue 10 find what they say, typed into the box.
func TestNewQueryFieldsRealLibrary(t *testing.T) {
	lib := openLibrary(t)
	u, _ := newTestUI(t, lib)
	dir := t.TempDir()
	importNow(t, u, writeFile(t, dir, "jz-0228.txt", mastheadPage), writeFile(t, dir, "other.txt", strings.ReplaceAll(yearlessPage, "2月", "3月")))
	for q, want := range map[string][]string{
		"photographer:郭树勋": {"工作人员正在对楼道进行消杀"},
		"摄影:郭树勋":           {"工作人员正在对楼道进行消杀"},
		"newspaper:焦作日报":   {"两家口罩生产企业复工", "示范区召开疫情防控工作部署会议", "工作人员正在对楼道进行消杀"},
		"page:3 口罩":        {"两家口罩生产企业复工"},
		"版:1..2":           nil,
		"date:02-26 口罩":    {"两家口罩生产企业复工"},
		"date:03-26":       {"两家口罩生产企业复工"},
	} {
		test.Type(u.search.entry, q)
		got := hitTitles(u)
		if u.search.message.Visible() && u.search.message.Importance != 0 && len(got) == 0 && want != nil {
			t.Errorf("%s: message %q", q, u.search.message.Text)
		}
		if !sameSet(got, want) {
			t.Errorf("%s found %q, want %q", q, got, want)
		}
		u.search.entry.SetText("")
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// After importing a page whose dates have no year, the summary asks for it;
// the year given re-dates the articles in place (same source, no new
// import) and the list shows the new dates.
func TestYearPromptRedatesRealLibrary(t *testing.T) {
	lib := openLibrary(t)
	u, w := newTestUI(t, lib)
	u.Import([]string{writeFile(t, t.TempDir(), "page.txt", yearlessPage)})
	if !strings.Contains(u.imports.summary, "2 篇文章的日期没有写年份（page.txt）") {
		t.Fatalf("summary %q does not ask for the year of page.txt's 2 articles", u.imports.summary)
	}
	if got := w.Canvas().Focused(); got != u.imports.year {
		t.Fatalf("focused = %T, want the year field", got)
	}
	before := lib.Sources()
	if len(u.results.hits) != 2 || u.results.hits[0].Date[:2] != "--" {
		t.Fatalf("before the year: hits %v", u.results.hits)
	}
	if got := hitMeta(u.results.hits[0]); !strings.HasPrefix(got, "2月26日") {
		t.Errorf("a yearless date shows as %q, want 2月26日", got)
	}
	if u.facets.timeline.bars != nil {
		t.Errorf("timeline %v for articles without a year", u.facets.timeline.bars)
	}
	typeKeys(w, "2020")
	press(w, fyne.KeyReturn)

	after := lib.Sources()
	if len(after) != 1 || after[0].ID != before[0].ID || after[0].Year != 2020 || after[0].NoYear != 0 {
		t.Errorf("sources after the year: %+v, want the same source with year 2020", after)
	}
	dates := map[string]string{}
	for _, h := range u.results.hits {
		dates[h.Title] = h.Date
	}
	want := map[string]string{"两家口罩生产企业复工": "2020-02-26", "示范区召开疫情防控工作部署会议": "2020-02-24"}
	if !reflect.DeepEqual(dates, want) {
		t.Errorf("listed after the year: %v, want %v", dates, want)
	}
	if d := u.detail.doc; d == nil || d.Date != "2020-02-26" {
		t.Errorf("the open article is dated %v, want 2020-02-26", d)
	}
	if got := u.facets.timeline.bars; len(got) != 1 || got[0] != (bar{"2020-02", 2}) {
		t.Errorf("timeline after the year = %v, want 2020-02 with 2", got)
	}
	if !strings.Contains(u.status.label.Text, "2020") {
		t.Errorf("status %q does not confirm the year", u.status.label.Text)
	}
}

// The library dialog sets a source's year and newspaper on the real index:
// the list and the citation name the paper at once.
func TestLibraryDialogEditsRealSource(t *testing.T) {
	lib := openLibrary(t)
	u, w := newTestUI(t, lib)
	importNow(t, u, writeFile(t, t.TempDir(), "page.txt", yearlessPage))
	u.library.show()
	u.library.onEdit(u.library.sources[0])
	typeKeys(w, "2021")
	w.Canvas().FocusNext()
	typeKeys(w, "焦作日报")
	press(w, fyne.KeyReturn)

	s := lib.Sources()[0]
	if s.Year != 2021 || s.Newspaper != "焦作日报" {
		t.Fatalf("source after editing: year %d, paper %q", s.Year, s.Newspaper)
	}
	if got := sourceDetail(u.library.sources[0], false); !strings.Contains(got, "2021 年") || !strings.Contains(got, "报名：焦作日报") {
		t.Errorf("library dialog line %q does not show the new year and paper", got)
	}
	press(w, fyne.KeyEscape)
	test.Type(u.search.entry, "口罩")
	if len(u.results.hits) != 1 {
		t.Fatalf("hits for 口罩: %v", hitTitles(u))
	}
	if got := hitMeta(u.results.hits[0]); got != "2021年2月26日 · 记者李明 · 焦作日报" {
		t.Errorf("result row = %q, want the new year and the paper", got)
	}
	u.onCopyCitation()
	if got := u.app.Clipboard().Content(); got != "《两家口罩生产企业复工》，《焦作日报》2021年2月26日，记者李明" {
		t.Errorf("citation = %q", got)
	}
}

// record is one line of a .jsonl import.
type record struct {
	Title    string `json:"title"`
	Date     string `json:"date,omitempty"`
	Body     string `json:"body"`
	Reporter string `json:"reporter,omitempty"`
}

func writeJSONL(t *testing.T, dir, name string, recs []record) string {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFile(t, dir, name, b.String())
}

// The 起/止 filters leave out articles without a date and say how many.
func TestDateFiltersCountUndatedRealLibrary(t *testing.T) {
	lib := openLibrary(t)
	u, _ := newTestUI(t, lib)
	var recs []record
	for i := range 10 {
		r := record{Title: fmt.Sprintf("口罩供应第%d期", i+1), Body: fmt.Sprintf("第%d期口罩供应情况通报。", i+1)}
		if i < 7 {
			r.Date = fmt.Sprintf("2020-0%d-15", i%3+1)
		}
		recs = append(recs, r)
	}
	importNow(t, u, writeJSONL(t, t.TempDir(), "supply.jsonl", recs))
	test.Type(u.search.entry, "口罩")
	if got := u.results.count.Text; got != "共 10 篇" {
		t.Errorf("without filters: %q", got)
	}
	test.Type(u.search.from, "2020-02")
	if got, want := u.results.count.Text, "共 4 篇（另有 3 篇无日期，不在日期范围内）"; got != want {
		t.Errorf("from 2020-02: %q, want %q", got, want)
	}
	test.Type(u.search.to, "2020-02")
	if got, want := u.results.count.Text, "共 2 篇（另有 3 篇无日期，不在日期范围内）"; got != want {
		t.Errorf("2020-02 to 2020-02: %q, want %q", got, want)
	}
	u.search.clearFilters()
	if got := u.results.count.Text; got != "共 10 篇" {
		t.Errorf("filters cleared: %q", got)
	}
}

// The reasons PDF and image imports give, and the parser's notes on file
// names and layouts, are worded in the app's language.
func TestScanAndNameCodesWorded(t *testing.T) {
	rep := index.ImportReport{Files: 6, Failed: []index.FileError{
		{Path: "/x/a.pdf", Code: index.CodePDF, Detail: "xref table damaged"},
		{Path: "/x/b.pdf", Code: index.CodePDFLocked},
		{Path: "/x/c.png", Code: index.CodeImage, Detail: "truncated"},
		{Path: "/x/c2.jpg", Code: index.CodeImage},
		{Path: "/x/a2.pdf", Code: index.CodePDF},
		{Path: "/x/d2.png", Code: index.CodeNoOCR},
		{Path: "/x/d.tif", Code: index.CodeNoOCR, Detail: "tesseract-ocr tesseract-ocr-chi-sim"},
	}, Warnings: []index.FileError{
		{Path: "/x/20200228_03.txt", Code: "date_in_name", Detail: "date=2020-02-28 page=3"},
		{Path: "/x/2020.txt", Code: "date_in_name", Detail: "year=2020"},
		{Path: "/x/e.txt", Code: "no_layout", Detail: "a line was left out"},
	}}
	zh := []string{"a.pdf：无法读取这个 PDF：xref table damaged", "b.pdf：PDF 有密码保护", "c.png：无法读取这张图片：truncated", "c2.jpg：无法读取这张图片\n", "a2.pdf：无法读取这个 PDF\n",
		"d2.png：没有安装文字识别（Tesseract），请安装 tesseract-ocr tesseract-ocr-chi-sim",
		"d.tif：没有安装文字识别（Tesseract），请安装 tesseract-ocr tesseract-ocr-chi-sim",
		"20200228_03.txt：出版日期2020年2月28日、第3版取自文件名", "2020.txt：年份2020取自文件名",
		"e.txt：无法分成文章，整版作为一篇保存（a line was left out）"}
	en := []string{"a.pdf: cannot read this PDF: xref table damaged", "b.pdf: the PDF needs a password", "c2.jpg: cannot read this image\n",
		"d.tif: text recognition (Tesseract) is not installed: install tesseract-ocr tesseract-ocr-chi-sim",
		"20200228_03.txt: publication date 2020-02-28, page 3 taken from the file name", "2020.txt: year 2020 taken from the file name"}
	check := func(want []string) {
		t.Helper()
		_, text := summaryText(rep, nil)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("summary lacks %q:\n%s", w, text)
			}
		}
	}
	check(zh)

	// The real index's note on a page dated by its file name.
	u, _ := newTestUI(t, openLibrary(t))
	summary := importNow(t, u, writeFile(t, t.TempDir(), "20200228_03.txt", yearlessPage))
	if !strings.Contains(summary, "20200228_03.txt：出版日期2020年2月28日、第3版取自文件名") {
		t.Errorf("summary of a page dated by its name:\n%s", summary)
	}

	useEnglish(t)
	check(en)
}

// An article found by a field (date:) alone does not say "no match in the
// text" as if something went wrong; a photographer's name is marked in the
// caption's credit (本报记者 郭树勋 摄).
func TestFieldMatchSaysSo(t *testing.T) {
	u, _ := newTestUI(t, openLibrary(t))
	importNow(t, u, writeFile(t, t.TempDir(), "jz-0228.txt", mastheadPage))
	for q, want := range map[string]string{
		"摄影:郭树勋":     "第 1 / 1 处",
		"date:02-24": "按记者、日期等信息找到",
		"口罩 page:3":  "第 1 / 2 处",
		"火箭 OR 版:3":  "正文无匹配", // it could have matched the text
		"火箭 OR 口罩生产": "第 1 / 1 处",
		"title:两家口罩": "正文无匹配", // the headline shows its match
	} {
		u.search.entry.SetText(q)
		if u.detail.doc == nil {
			t.Errorf("%s: nothing shown", q)
			continue
		}
		if got := u.detail.matches.Text; got != want {
			t.Errorf("%s: matches line %q, want %q", q, got, want)
		}
	}
}
