package gui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"

	"baosou/assets"
	"baosou/index"
)

func TestSqueezeSpaces(t *testing.T) {
	tests := []struct {
		in    string
		spans []index.Span
		want  string
		wantS []index.Span
	}{
		{"  复工   复产  ", []index.Span{sp(2, 4), sp(7, 9)}, "复工 复产", []index.Span{sp(0, 2), sp(3, 5)}},
		{"王家鹏调研\u3000\u3000督导", []index.Span{sp(7, 9)}, "王家鹏调研 督导", []index.Span{sp(6, 8)}},
		{"无空格", nil, "无空格", []index.Span{}},
	}
	for _, tt := range tests {
		got, spans := squeezeSpaces(tt.in, tt.spans)
		if got != tt.want || !reflect.DeepEqual(spans, tt.wantS) {
			t.Errorf("squeezeSpaces(%q, %v) = %q, %v; want %q, %v", tt.in, tt.spans, got, spans, tt.want, tt.wantS)
		}
	}
}

// Titles padded with spaces on the page show, and are cited, with one.
func TestTitleSpacesSqueezedInViewAndCitation(t *testing.T) {
	lib := newFakeLib()
	lib.docs[0].Title = "王家鹏调研督导   服务业疫情防控  "
	u, _ := newTestUI(t, lib)
	if got := u.detail.title.String(); got != "王家鹏调研督导 服务业疫情防控" {
		t.Errorf("headline shown as %q", got)
	}
	u.detail.onCopyArticle()
	if got := u.app.Clipboard().Content(); !strings.Contains(got, "《王家鹏调研督导 服务业疫情防控》") {
		t.Errorf("citation %q keeps the runs of spaces", got)
	}
}

// A title the page did not print says where it was taken from: a
// caption's 图为 sentence, the file's name, else the first sentence.
func TestDerivedTitleSaysWhereFrom(t *testing.T) {
	tests := []struct {
		doc  index.Doc
		want string
	}{
		{index.Doc{Title: "工作人员正在对楼道进行消杀", Kind: "caption", Source: "p.txt",
			Body: "2月26日，工作人员在社区消杀。图为工作人员正在对楼道进行消杀。\n本报记者郭树勋摄"}, "（原文无标题，取自“图为”一句）"},
		{index.Doc{Title: "工作人员正在对楼道进行…", Kind: "caption",
			Body: "圖為工作人员正在对楼道进行消杀，确保居民安全。"}, "（原文无标题，取自“图为”一句）"},
		{index.Doc{Title: "社区消杀", Kind: "caption", Body: "社区消杀。居民安全。\n本报记者郭树勋摄"}, "（原文无标题，取自首句）"},
		{index.Doc{Title: "会议纪要", Source: "会议纪要.txt", Kind: "document", Body: "一、关于复工。二、关于防疫。"}, "（原文无标题，取自文件名）"},
		{index.Doc{Title: "示范区召开会议…", Kind: "article", Source: "2020-02-26.txt", Body: "示范区召开会议，部署工作。会议要求落实。"}, "（原文无标题，取自首句）"},
	}
	for _, tt := range tests {
		tt.doc.TitleDerived = true
		if got := docMeta(&tt.doc); !strings.Contains(got, tt.want) {
			t.Errorf("docMeta(%q) = %q, want it to say %s", tt.doc.Title, got, tt.want)
		}
	}
	useEnglish(t)
	d := tests[0].doc
	d.TitleDerived = true
	if got := docMeta(&d); !strings.Contains(got, "what the photo shows") {
		t.Errorf("English docMeta = %q", got)
	}
}

func TestFileFilterListsWhatBaosouReads(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "B.TXT": true, "c.jsonl": true, "d.ndjson": true, "e.text": true, "f.pdf": true, "g.png": true,
		"scan.TIFF": true, "scan.tif": true, "photo.jpeg": true, "photo.JPG": true,
		"h.exe": false, "i.docx": false, "noext": false,
	} {
		if got := (pageFilter{}).Matches(storage.NewFileURI("/x/" + name)); got != want {
			t.Errorf("filter(%s) = %v, want %v", name, got, want)
		}
	}
}

// The library dialog's line under a source is readable and names the
// bundled sample instead of a path that does not exist.
func TestSourceDetail(t *testing.T) {
	added := time.Date(2026, 11, 30, 14, 17, 0, 0, time.Local)
	sample := index.Source{Name: assets.SampleName, Path: "/home/x/" + assets.SampleName, Year: 2020, Encoding: "UTF-8", Added: added}
	got := sourceDetail(sample, true)
	if strings.Contains(got, "/home/x") || !strings.Contains(got, "内置示例版面") || !strings.Contains(got, "2020 年") {
		t.Errorf("sample detail = %q, want the year and 内置示例版面 instead of the path", got)
	}
	page := index.Source{Name: "a.txt", Path: "/data/a.txt", Newspaper: "焦作日报", Encoding: "GB18030", Added: added}
	got = sourceDetail(page, false)
	for _, want := range []string{"报名：焦作日报", "GB18030", "导入于 2026-11-30 14:17", "原文件：/data/a.txt"} {
		if !strings.Contains(got, want) {
			t.Errorf("detail %q lacks %q", got, want)
		}
	}
}

func TestHelpHasGroupingAndNewFields(t *testing.T) {
	var all []string
	for _, s := range helpSections {
		for _, it := range s.items {
			all = append(all, it.keys)
		}
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"(口罩 OR 防护) 企业", "（口罩 OR 防护）", "摄影:", "版:", "报名:", "date:02-26", "Ctrl+Q"} {
		if !strings.Contains(text, want) {
			t.Errorf("F1 help lacks %q", want)
		}
	}
}

// One large file moves the bar by bytes, as soon as ImportProgress has them.
func TestProgressWithinOneFile(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	p := index.ImportProgress{FilesRead: 0, FilesTotal: 1, Articles: 120, Current: "/x/big.jsonl",
		BytesDone: 30 << 20, BytesTotal: 120 << 20}
	m := u.imports
	m.running = true
	m.onProgress(p)
	if m.bar.Value/m.bar.Max != 0.25 {
		t.Errorf("bar at %v of %v, want a quarter", m.bar.Value, m.bar.Max)
	}
	if !strings.Contains(m.label.Text, "30.0 MB / 120.0 MB") {
		t.Errorf("progress text %q does not give the bytes", m.label.Text)
	}
	p.Current, p.Page, p.Pages = "/x/scan.pdf", 3, 20
	m.onProgress(p)
	if !strings.Contains(m.label.Text, "正在识别第 3/20 页") || !strings.Contains(m.label.Text, "scan.pdf") {
		t.Errorf("progress text during OCR = %q, want the page recognised and the file", m.label.Text)
	}
	useEnglish(t)
	m.onProgress(p)
	if !strings.Contains(m.label.Text, "recognising page 3 of 20") {
		t.Errorf("English progress text during OCR = %q", m.label.Text)
	}
}

// An article with a character no font has says so under its headline;
// one the system's fonts have (Fyne draws it from them) is not counted.
func TestMissingGlyphsSaid(t *testing.T) {
	old := systemHas
	systemHas = func(r rune) bool { return r == '龘' }
	drawable.Clear()
	t.Cleanup(func() { systemHas = old; drawable.Clear() })
	if n := missingGlyphs("𩘟龘口罩𩘟"); n != 1 {
		t.Errorf("missingGlyphs = %d, want 1 (𩘟; 龘 from a system font, 口罩 bundled)", n)
	}
	lib := newFakeLib()
	lib.docs[0].Paragraphs[0] += "𩘟"
	lib.docs[0].Body = strings.Join(lib.docs[0].Paragraphs, "\n")
	u, _ := newTestUI(t, lib)
	if got := u.detail.meta.String(); !strings.Contains(got, "1 个罕用字没有字体可显示") {
		t.Errorf("meta %q does not say a character cannot be drawn", got)
	}
}

// Text recognised from a scan says so under the headline; the day the page
// was printed shows only when it is not the article's own.
func TestHeaderNotesOCRAndPrintedDay(t *testing.T) {
	d := &index.Doc{Title: "复工", Date: "2020-02-26", Published: "2020-02-26", Newspaper: "焦作日报", Page: 2, OCR: true, Source: "scan.pdf"}
	got := docMeta(d)
	if !strings.HasSuffix(got, "\n正文由扫描页识别（OCR），可能有误字") {
		t.Errorf("docMeta of OCR text = %q, want the OCR note on a line of its own", got)
	}
	if strings.Contains(got, "见报") {
		t.Errorf("docMeta = %q: printed the same day needs no word", got)
	}
	d.OCR, d.Date = false, "--02-25"
	if got := docMeta(d); got != "2月25日\n焦作日报 第2版 · 2020年2月26日见报 · 来源：scan.pdf" {
		t.Errorf("docMeta = %q", got)
	}
}
