package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baosou/index"
)

func TestSourcesSetYearAndNewspaperUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"sources", "--set-year", "abc"}, "takes a source ID and a year"},
		{[]string{"sources", "--set-year", "abc", "20"}, "four digits"},
		{[]string{"sources", "--set-year", "abc", "二〇二〇"}, "four digits"},
		{[]string{"sources", "--set-newspaper", "abc"}, "takes a source ID and a year, --set-newspaper a source ID and a name"},
	}
	for _, tt := range tests {
		code, _, errs := cli(t, dir, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

// A page imported without a year gets one afterwards, and its articles are
// re-dated without importing it again; its newspaper is set the same way.
func TestSourcesSetYearAndNewspaper(t *testing.T) {
	if _, ok := any(&index.Library{}).(sourceEditor); !ok {
		dir := t.TempDir()
		code, _, errs := cli(t, dir, "sources", "--set-year", "abc", "2020")
		if code != 1 || !strings.Contains(errs, "cannot change a source") {
			t.Errorf("without UpdateSource: exit %d, %q; want 1 and a message", code, errs)
		}
		t.Skip("index.Library has no UpdateSource yet (CONTRACT.md)")
	}
	dir, files := t.TempDir(), t.TempDir()
	page := filepath.Join(files, "page.txt")
	os.WriteFile(page, []byte("标题甲\n本报讯（记者张三）2月26日，示范区召开会议部署工作。\n"), 0o644)
	if code, _, errs := cli(t, dir, "import", "--no-sample", page); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	_, out, _ := cli(t, dir, "sources", "--json")
	var srcs []index.Source
	json.Unmarshal([]byte(out), &srcs)
	if len(srcs) != 1 {
		t.Fatalf("sources: %s", out)
	}
	id := srcs[0].ID
	code, out, errs := cli(t, dir, "sources", "--set-year", id, "2021", "--set-newspaper", id, "焦作日报")
	if code != 0 || !strings.Contains(out, "year 2021") || !strings.Contains(out, "焦作日报") {
		t.Fatalf("set: exit %d, %q %q", code, out, errs)
	}
	_, out, _ = cli(t, dir, "search", "--json", "会议")
	if !strings.Contains(out, `"date": "2021-02-26"`) {
		t.Errorf("after --set-year the article is not dated 2021-02-26: %s", out)
	}
	if code, _, _ := cli(t, dir, "sources", "--set-year", "nosuchid", "2020"); code != 1 {
		t.Errorf("an unknown source: exit %d, want 1", code)
	}
}
