package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"baosou/assets"
)

// cli runs the CLI in-process against the library in dir.
func cli(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append(args, "--data", dir), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSearchJSON(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := cli(t, dir, "search", "--json", "房地产")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, errs)
	}
	var res struct {
		Total  int     `json:"total"`
		TookMS float64 `json:"took_ms"`
		Hits   []struct {
			ID, Title, Date, Reporter, Kind, Source, Snippet string
			Score                                            float64
			SnippetHighlights                                [][2]int `json:"snippet_highlights"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json output is not JSON: %v\n%s", err, out)
	}
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("search 房地产 total %d, %d hits; want 2", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.ID == "" || h.Source != assets.SampleName || h.Reporter != "郭树勋" || h.Kind != "article" {
			t.Errorf("hit fields missing: %+v", h)
		}
		if len(h.SnippetHighlights) == 0 {
			t.Errorf("hit %s has no snippet highlights", h.ID)
		}
		for _, sp := range h.SnippetHighlights {
			if got := string([]rune(h.Snippet)[sp[0]:sp[1]]); strings.ReplaceAll(got, " ", "") != "房地产" {
				t.Errorf("snippet span %v = %q, want 房地产", sp, got)
			}
		}
	}
	// show the first hit with its highlights
	code, out, errs = cli(t, dir, "show", "--json", "--query", "房地产", res.Hits[0].ID)
	if code != 0 {
		t.Fatalf("show exit %d: %s", code, errs)
	}
	var doc struct {
		ID, Title, Date, Body string
		Highlights            [][2]int `json:"highlights"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if len(doc.Highlights) == 0 {
		t.Fatalf("show --query 房地产 gave no highlights")
	}
	for _, sp := range doc.Highlights {
		if got := string([]rune(doc.Body)[sp[0]:sp[1]]); strings.ReplaceAll(got, " ", "") != "房地产" {
			t.Errorf("body span %v = %q", sp, got)
		}
	}
}

func TestSearchText(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := cli(t, dir, "search", "title:复工", "--sort", "-date")
	if code != 0 || !strings.Contains(out, "共 2 篇") || !strings.Contains(out, "【复工】") {
		t.Errorf("search title:复工 exit %d:\n%s", code, out)
	}
	code, _, errs := cli(t, dir, "search", `"疫情`)
	if code != 2 || !strings.Contains(errs, "position 1") || !strings.Contains(errs, "^") {
		t.Errorf("unclosed quote: exit %d, stderr %q; want 2 and the position", code, errs)
	}
	code, _, errs = cli(t, dir, "search", "--sort", "sideways", "x")
	if code != 2 || !strings.Contains(errs, "sideways") {
		t.Errorf("bad --sort: exit %d, %q", code, errs)
	}
	code, _, _ = cli(t, dir, "search", "--bogus", "x")
	if code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	// -北京 is an exclusion, not a flag
	code, out, _ = cli(t, dir, "search", "疫情", "-口罩", "--json")
	if code != 0 || !strings.Contains(out, `"total"`) {
		t.Errorf("search 疫情 -口罩: exit %d", code)
	}
}

func TestImportParseSourcesRemove(t *testing.T) {
	dir, in := t.TempDir(), t.TempDir()
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("本报讯（记者张三）3月1日上午，测试新闻正文内容，关于春耕生产。\n")
	os.WriteFile(filepath.Join(in, "2021-03-01.txt"), []byte(gb), 0o644)
	os.WriteFile(filepath.Join(in, "bulk.jsonl"), []byte(`{"title":"批量一","date":"2019-05-04","body":"第一篇\n正文"}
not json
{"title":"批量二","date":"2019-05-05","body":"第二篇正文"}
`), 0o644)
	os.WriteFile(filepath.Join(in, "image.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0o644)

	code, out, errs := cli(t, dir, "parse", "--json", filepath.Join(in, "2021-03-01.txt"))
	if code != 0 || !strings.Contains(out, `"date": "2021-03-01"`) || !strings.Contains(out, `"reporter": "张三"`) {
		t.Errorf("parse GB18030 page: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = cli(t, dir, "import", in, filepath.Join(in, "missing.txt"))
	if code != 1 {
		t.Errorf("import with failures: exit %d, want 1\n%s%s", code, out, errs)
	}
	for _, want := range []string{"3 articles added", "(1 article, GB18030)", "image.txt", "missing.txt: no such file"} {
		if !strings.Contains(out, want) {
			t.Errorf("import summary lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "line 2") {
		t.Errorf("import warnings lack the malformed line number:\n%s", errs)
	}
	code, out, _ = cli(t, dir, "search", "--json", "春耕")
	if code != 0 || !strings.Contains(out, `"total": 1`) && !strings.Contains(out, `"total": 2`) {
		t.Errorf("imported article not found: %s", out)
	}
	code, out, _ = cli(t, dir, "sources", "--json")
	var srcs []struct{ ID, Name string }
	json.Unmarshal([]byte(out), &srcs)
	if code != 0 || len(srcs) != 3 {
		t.Fatalf("sources: exit %d, %d sources (want sample + 2):\n%s", code, len(srcs), out)
	}
	code, _, errs = cli(t, dir, "remove", srcs[2].ID)
	if code != 0 {
		t.Errorf("remove: exit %d: %s", code, errs)
	}
	if code, _, _ = cli(t, dir, "remove", "nosuchsource"); code != 1 {
		t.Errorf("remove unknown: exit %d, want 1", code)
	}
	if code, out, _ = cli(t, dir, "reindex"); code != 0 || !strings.Contains(out, "reindexed") {
		t.Errorf("reindex: exit %d: %s", code, out)
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "Query syntax") {
		t.Errorf("help: exit %d", code)
	}
	if code := run([]string{"frobnicate"}, &out, &errb); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code := run([]string{"import"}, &out, &errb); code != 2 {
		t.Errorf("import without paths: exit %d, want 2", code)
	}
}

// TestSearchJSONFacets: search --json counts the matches (all of them, not
// the page) by reporter, month and source, busiest first, and says how many
// undated matches a date filter left out.
func TestSearchJSONFacets(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 30 {
		rep := []string{"张三", "李四", "王五"}[i%3]
		date := []string{"2020-01-05", "2020-02-06", "2020-02-07"}[i%3]
		if i >= 27 {
			date = "" // three undated
		}
		fmt.Fprintf(&b, `{"title":"春耕第%d篇","date":"%s","reporter":"%s","body":"春耕生产全面展开。","source":"农业报"}`+"\n", i, date, rep)
	}
	p := filepath.Join(t.TempDir(), "bulk.jsonl")
	os.WriteFile(p, []byte(b.String()), 0o644)
	if code, _, errs := cli(t, dir, "import", "--no-sample", p); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	_, out, _ := cli(t, dir, "search", "--json", "--limit", "1", "春耕")
	var res struct {
		Total  int
		Facets struct {
			Reporter []struct {
				Name  string
				Count int
			}
			Month []struct {
				Month string
				Count int
			}
			Source []struct {
				Name  string
				Count int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	got := fmt.Sprint(res.Facets.Reporter, res.Facets.Month, res.Facets.Source)
	want := "[{张三 10} {李四 10} {王五 10}] [{2020-02 18} {2020-01 9}] [{农业报 30}]"
	if res.Total != 30 || got != want {
		t.Errorf("春耕: total %d, facets %s; want 30 and %s", res.Total, got, want)
	}
	_, out, _ = cli(t, dir, "search", "--json", "--to", "2020-01-31", "春耕")
	var dated struct{ Total, Undated int }
	json.Unmarshal([]byte(out), &dated)
	if dated.Total != 9 || dated.Undated != 3 {
		t.Errorf("春耕 --to 2020-01-31: total %d, undated %d; want 9 and 3 left out", dated.Total, dated.Undated)
	}
}
