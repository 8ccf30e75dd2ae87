package cite

import (
	"testing"

	"baosou/index"
)

// sample is the bundled page's first article as the masthead would date it.
var sample = Ref{Title: "王家鹏调研督导服务业疫情防控和复工工作", Reporter: "郭树勋", Newspaper: "焦作日报",
	Source: "2020-02-29.txt", Date: "2020-02-28", Published: "2020-02-28", Page: 3}

// with returns sample changed by f.
func with(f func(r *Ref)) Ref {
	r := sample
	f(&r)
	return r
}

var citeTests = []struct {
	name       string
	ref        Ref
	gbt, plain string
}{
	{"the issue's example", sample,
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者郭树勋"},
	{"issue 10's plain form without a newspaper", with(func(r *Ref) { r.Newspaper, r.Source = "", "" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. [报纸名不详], 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，2020年2月28日第3版，记者郭树勋"},
	{"no newspaper: the imported file as the source", with(func(r *Ref) { r.Newspaper = "" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. [报纸名不详], 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，2020年2月28日第3版，记者郭树勋，来源：2020-02-29.txt"},
	{"no newspaper: a .jsonl source that names the publication", with(func(r *Ref) { r.Newspaper, r.Source = "", "人民日报" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 人民日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《人民日报》2020年2月28日第3版，记者郭树勋"},
	{"a source path is no newspaper", with(func(r *Ref) { r.Newspaper, r.Source = "", "scans/第3版" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. [报纸名不详], 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，2020年2月28日第3版，记者郭树勋，来源：scans/第3版"},
	{"two reporters", with(func(r *Ref) { r.Reporter = "王芳、赵强" }),
		"王芳, 赵强. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者王芳、赵强"},
	{"three reporters separated by spaces", with(func(r *Ref) { r.Reporter = "王芳 赵强　孙红丽" }),
		"王芳, 赵强, 孙红丽. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者王芳、赵强、孙红丽"},
	{"more than three reporters: three and 等", with(func(r *Ref) { r.Reporter = "王芳，赵强，孙红丽，李明" }),
		"王芳, 赵强, 孙红丽, 等. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者王芳、赵强、孙红丽、李明"},
	{"an OCR space inside one name", with(func(r *Ref) { r.Reporter = "郭 树勋" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者郭树勋"},
	{"a Latin name keeps its space", with(func(r *Ref) { r.Reporter = "John Smith" }),
		"John Smith. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者John Smith"},
	{"no author: starts with the title", with(func(r *Ref) { r.Reporter = "" }),
		"王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版"},
	{"a caption: the photographer is its author", Ref{Title: "图为王家鹏在超市了解复工情况", Photographer: "郭树勋",
		Newspaper: "焦作日报", Date: "2020-02-28", Page: 3},
		"郭树勋. 图为王家鹏在超市了解复工情况[N]. 焦作日报, 2020-02-28(3).",
		"——《图为王家鹏在超市了解复工情况》，《焦作日报》2020年2月28日第3版，摄影郭树勋"},
	{"a photographer beside the reporter", with(func(r *Ref) { r.Photographer = "李明" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 李明, 摄. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者郭树勋，摄影李明"},
	{"the reporter took the photo too", with(func(r *Ref) { r.Photographer = "郭树勋" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者郭树勋"},
	{"unknown page", with(func(r *Ref) { r.Page = 0 }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28.",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日，记者郭树勋"},
	{"publication date wins over the article's", with(func(r *Ref) { r.Date = "2020-02-27" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者郭树勋"},
	{"no publication date: the article's", with(func(r *Ref) { r.Published, r.Date = "", "2020-02-27" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-27(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月27日第3版，记者郭树勋"},
	{"unknown year", with(func(r *Ref) { r.Published, r.Date = "", "--02-28" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, [出版年不详]-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2月28日第3版，记者郭树勋"},
	{"no date", with(func(r *Ref) { r.Published, r.Date = "", "" }),
		"郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, [出版日期不详](3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》第3版，记者郭树勋"},
	{"nothing but a title", Ref{Title: "短讯"},
		"短讯[N]. [报纸名不详], [出版日期不详].",
		"——《短讯》"},
	{"no title", Ref{Newspaper: "焦作日报", Date: "2020-02-28"},
		"[无题名][N]. 焦作日报, 2020-02-28.",
		"——《[无题名]》，《焦作日报》2020年2月28日"},
	{"runs of spaces in title and newspaper collapse", with(func(r *Ref) {
		r.Title, r.Newspaper = "  王家鹏调研督导   服务业疫情防控\t和复工工作 ", " 焦作　　日报 "
	}),
		"郭树勋. 王家鹏调研督导 服务业疫情防控 和复工工作[N]. 焦作 日报, 2020-02-28(3).",
		"——《王家鹏调研督导 服务业疫情防控 和复工工作》，《焦作 日报》2020年2月28日第3版，记者郭树勋"},
	{"duplicate names once", with(func(r *Ref) { r.Reporter = "王芳、王芳" }),
		"王芳. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).",
		"——《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者王芳"},
}

func TestCitations(t *testing.T) {
	for _, tt := range citeTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ref.Format(GBT7714); got != tt.gbt {
				t.Errorf("GBT7714 of %+v\n got %s\nwant %s", tt.ref, got, tt.gbt)
			}
			if got := tt.ref.Format(Plain); got != tt.plain {
				t.Errorf("Plain of %+v\n got %s\nwant %s", tt.ref, got, tt.plain)
			}
		})
	}
}

func TestFromDocAndHitAgree(t *testing.T) {
	d := &index.Doc{ID: "a1", Title: sample.Title, Reporter: "郭树勋", Photographer: "李明", Newspaper: "焦作日报",
		Source: "2020-02-29.txt", Date: "2020-02-27", Published: "2020-02-28", Page: 3}
	h := index.Hit{ID: "a1", Title: d.Title, Reporter: d.Reporter, Photographer: d.Photographer, Newspaper: d.Newspaper,
		Source: d.Source, Date: d.Date, Published: d.Published, Page: d.Page}
	want := "郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 李明, 摄. 焦作日报, 2020-02-28(3)."
	if got := FromDoc(d).GBT7714(); got != want {
		t.Errorf("FromDoc(...).GBT7714() = %s, want %s", got, want)
	}
	if got := FromHit(h).GBT7714(); got != want {
		t.Errorf("FromHit(...).GBT7714() = %s, want %s", got, want)
	}
}

func TestParseStyle(t *testing.T) {
	tests := []struct {
		in   string
		want Style
		ok   bool
	}{
		{"plain", Plain, true}, {"gbt7714", GBT7714, true}, {"GB/T7714", GBT7714, true},
		{"gb-t-7714", GBT7714, true}, {"GB", GBT7714, true}, {"apa", Plain, false}, {"", Plain, false},
	}
	for _, tt := range tests {
		got, err := ParseStyle(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseStyle(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	for _, s := range []Style{Plain, GBT7714} {
		if back, err := ParseStyle(s.String()); err != nil || back != s {
			t.Errorf("ParseStyle(%v.String()) = %v, %v", s, back, err)
		}
	}
}

func TestChineseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-02-28", "2020年2月28日"}, {"2020-12-01", "2020年12月1日"}, {"--02-24", "2月24日"},
		{"", ""}, {"2020", "2020"}, {"sometime", "sometime"},
	}
	for _, tt := range tests {
		if got := ChineseDate(tt.in); got != tt.want {
			t.Errorf("ChineseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
