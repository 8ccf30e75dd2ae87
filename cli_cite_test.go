package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// libraryOf30 is a library with the sample page and 30 more articles about
// 疫情 from a .jsonl that names its newspaper: more than a page of results.
func libraryOf30(t *testing.T) string {
	t.Helper()
	dir, in := t.TempDir(), t.TempDir()
	var b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, `{"title":"批量%d","date":"2019-05-%02d","reporter":"王芳、赵强","source":"人民日报","body":"疫情通报第%d号"}`+"\n", i, i, i)
	}
	path := filepath.Join(in, "bulk.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, dir, "import", path); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	return dir
}

func TestSearchFormatWritesEveryMatch(t *testing.T) {
	dir := libraryOf30(t)
	code, out, errs := cli(t, dir, "search", "--json", "--limit", "100", "疫情")
	var res struct{ Total int }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total <= 30 {
		t.Fatalf("search --json 疫情: exit %d, total %d\n%s", code, res.Total, errs)
	}

	code, out, errs = cli(t, dir, "search", "--format", "csv", "疫情")
	if code != 0 || !strings.HasPrefix(out, "\uFEFF标题,日期,记者,报名,版次,来源,摘要\r\n") {
		t.Fatalf("--format csv: exit %d, starts %q\n%s", code, out[:min(len(out), 80)], errs)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != res.Total+1 {
		t.Fatalf("--format csv: %d rows (%v), want the header and all %d matches, not a page of 20", len(rows), err, res.Total)
	}
	want := []string{"批量5", "2019-05-05", "王芳、赵强", "人民日报", "", "人民日报", "疫情通报第5号"}
	found := false
	for _, r := range rows {
		found = found || strings.Join(r, "|") == strings.Join(want, "|")
	}
	if !found {
		t.Errorf("--format csv lacks the row %q", want)
	}

	code, out, _ = cli(t, dir, "search", "--format", "gbt7714", "--sort", "date", "title:批量")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 30 || lines[0] != "[1] 王芳, 赵强. 批量1[N]. 人民日报, 2019-05-01." ||
		!strings.HasPrefix(lines[29], "[30] 王芳, 赵强. 批量30[N].") {
		t.Errorf("--format gbt7714: exit %d, %d lines:\n%s", code, len(lines), out)
	}

	code, out, _ = cli(t, dir, "search", "--format", "csv", "--limit", "5", "疫情")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || len(rows) != 6 {
		t.Errorf("--format csv --limit 5: exit %d, %d rows; want header and 5", code, len(rows))
	}
}

func TestCiteFlag(t *testing.T) {
	dir := libraryOf30(t)
	code, out, errs := cli(t, dir, "search", "--cite", "plain", "title:批量7")
	if code != 0 || !strings.Contains(out, "\n    ——《批量7》，《人民日报》2019年5月7日，记者王芳、赵强\n") {
		t.Errorf("search --cite plain: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = cli(t, dir, "search", "--json", "--cite", "gbt7714", "title:批量7")
	var res struct {
		Hits []struct{ ID, Citation string }
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || len(res.Hits) != 1 ||
		res.Hits[0].Citation != "王芳, 赵强. 批量7[N]. 人民日报, 2019-05-07." {
		t.Fatalf("search --json --cite gbt7714: exit %d, %v, %+v", code, err, res.Hits)
	}
	if _, out, _ = cli(t, dir, "search", "--json", "title:批量7"); strings.Contains(out, `"citation"`) {
		t.Errorf("search --json without --cite has a citation field:\n%s", out)
	}

	id := res.Hits[0].ID
	code, out, _ = cli(t, dir, "show", "--cite", "gbt7714", id)
	if code != 0 || !strings.HasSuffix(out, "\n疫情通报第7号\n\n王芳, 赵强. 批量7[N]. 人民日报, 2019-05-07.\n") {
		t.Errorf("show --cite gbt7714: exit %d\n%s", code, out)
	}
	code, out, _ = cli(t, dir, "show", "--json", "--cite", "plain", id)
	var doc struct{ Title, Citation string }
	if err := json.Unmarshal([]byte(out), &doc); code != 0 || err != nil || doc.Citation != "——《批量7》，《人民日报》2019年5月7日，记者王芳、赵强" {
		t.Errorf("show --json --cite plain: exit %d, %v, citation %q", code, err, doc.Citation)
	}
	if _, out, _ = cli(t, dir, "show", id); strings.Contains(out, "批量7[N]") || strings.Contains(out, "——《") {
		t.Errorf("show without --cite prints a citation:\n%s", out)
	}
}

func TestCiteAndFormatMistakes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown style", []string{"search", "--cite", "apa", "疫情"}, "plain or gbt7714"},
		{"unknown format", []string{"search", "--format", "xlsx", "疫情"}, "csv or gbt7714"},
		{"format and json", []string{"search", "--format", "csv", "--json", "疫情"}, "--json"},
		{"format and cite", []string{"search", "--format", "gbt7714", "--cite", "plain", "疫情"}, "--cite"},
		{"format on show", []string{"show", "--format", "csv", "x"}, "unknown flag --format"},
		{"a bad query", []string{"search", "--format", "csv", `"疫情`}, "^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append(tt.args, "--data", dir), &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), tt.want) || out.Len() != 0 {
				t.Errorf("%v: exit %d, stderr %q, stdout %q; want 2, a message with %q, nothing written", tt.args, code, errb.String(), out.String(), tt.want)
			}
		})
	}
}
