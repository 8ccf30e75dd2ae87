package article

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func collect(t *testing.T, input string) ([]Article, []string, error) {
	t.Helper()
	var got []Article
	ws, err := ParseJSONL(strings.NewReader(input), Options{Name: "bulk.jsonl"}, func(a Article) error {
		got = append(got, a)
		return nil
	})
	var warnings []string
	for _, w := range ws {
		warnings = append(warnings, w.String())
	}
	return got, warnings, err
}

func TestParseJSONL(t *testing.T) {
	input := "\xef\xbb\xbf" + `{"title":"春耕","date":"2020-02-26","body":"第一段。\n\n第二段。\r\n","reporter":"张三","source":"焦作日报"}
{"title": "坏行"
{"title":"日期二","date":"2020-2-6","body":"正文"}

{"title":"日期三","date":"2020年2月26日","body":"正文"}
{"title":"无日期","body":"正文"}
{"date":"2020-02-26","body":"本报讯（记者张三）2月26日，全市春耕生产全面展开。\n第二段。"}
{"title":"","body":"  "}
{"title":"错日期","date":"next tuesday","body":"正文"}
[1,2,3]
{"title":5}
`
	got, warnings, err := collect(t, input)
	if err != nil {
		t.Fatalf("ParseJSONL error: %v", err)
	}
	want := []Article{
		{Title: "春耕", Date: Date{2020, 2, 26}, Reporter: "张三", Source: "焦作日报", Kind: KindDocument, Paragraphs: []string{"第一段。", "第二段。"}},
		{Title: "日期二", Date: Date{2020, 2, 6}, Kind: KindDocument, Paragraphs: []string{"正文"}},
		{Title: "日期三", Date: Date{2020, 2, 26}, Kind: KindDocument, Paragraphs: []string{"正文"}},
		{Title: "无日期", Kind: KindDocument, Paragraphs: []string{"正文"}},
		{Title: "全市春耕生产全面展开", TitleDerived: true, Date: Date{2020, 2, 26}, Kind: KindDocument,
			Paragraphs: []string{"本报讯（记者张三）2月26日，全市春耕生产全面展开。", "第二段。"}},
		{Title: "错日期", Kind: KindDocument, Paragraphs: []string{"正文"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseJSONL articles =\n%+v\nwant\n%+v", got, want)
	}
	wantWarn := []string{"line 2: not valid JSON", "line 8: no title and no body", "line 9: date \"next tuesday\"",
		"line 10: not valid JSON", "line 11: not valid JSON"}
	if len(warnings) != len(wantWarn) {
		t.Fatalf("warnings = %q, want %d starting %q", warnings, len(wantWarn), wantWarn)
	}
	for i, w := range wantWarn {
		if !strings.HasPrefix(warnings[i], w) {
			t.Errorf("warning %d = %q, want it to start %q", i, warnings[i], w)
		}
	}
}

func TestParseJSONLStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, err := ParseJSONL(strings.NewReader(`{"title":"a"}`+"\n"+`{"title":"b"}`+"\n"), Options{}, func(Article) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("ParseJSONL with a failing callback = %v after %d calls, want stop after 1", err, n)
	}
	r := iotest.TimeoutReader(strings.NewReader(strings.Repeat(`{"title":"a"}`+"\n", 10000)))
	if _, err := ParseJSONL(r, Options{}, func(Article) error { return nil }); !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("ParseJSONL on a failing reader = %v, want the read error", err)
	}
}

// TestParseJSONLLongLines reads lines longer than the reader's buffer, and
// caps the warnings of a file full of bad lines.
func TestParseJSONLLongLines(t *testing.T) {
	body := strings.Repeat("长", 100000)
	got, _, err := collect(t, `{"title":"长文","body":"`+body+`"}`)
	if err != nil || len(got) != 1 || got[0].Paragraphs[0] != body {
		t.Errorf("ParseJSONL(300 KB line) = %d articles, %v; want the whole body", len(got), err)
	}
	_, warnings, _ := collect(t, strings.Repeat("oops\n", 500))
	if len(warnings) != maxWarnings+1 || warnings[maxWarnings] != "400 more lines with problems" {
		t.Errorf("ParseJSONL(500 bad lines) = %d warnings ending %q, want %d", len(warnings), warnings[len(warnings)-1], maxWarnings+1)
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2020-02-26", Date{2020, 2, 26}, true},
		{"2020-2-6", Date{2020, 2, 6}, true},
		{"2020年2月26日", Date{2020, 2, 26}, true},
		{"2020/02/26", Date{2020, 2, 26}, true},
		{"0000-02-26", Date{0, 2, 26}, true},
		{"2020-13-01", Date{}, false},
		{"2020-02", Date{}, false},
		{"2020-02-", Date{}, false},
		{"2020-02-26x", Date{}, false},
		{"20200226", Date{}, false},
	} {
		if got, ok := parseDate(c.in); got != c.want || ok != c.ok {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestDateText(t *testing.T) {
	for _, d := range []Date{{2020, 2, 24}, {0, 2, 24}, {}} {
		b, _ := d.MarshalText()
		var back Date
		if err := back.UnmarshalText(b); err != nil || back != d {
			t.Errorf("Date %v → %q → %v, %v; want it back", d, b, back, err)
		}
	}
}
