package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baosou/assets"
	"baosou/index"
)

// writePage writes a page of n articles by reporter r, dated in month m of
// 2020, to dir and returns its path.
func writePage(t *testing.T, dir, name, r string, m, n int) string {
	t.Helper()
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s第%d篇标题\n本报讯（记者%s）%d月%d日，%s报道的第%d件事情在示范区发生，相关部门已经处理完毕。\n\n", name, i, r, m, i, r, i)
	}
	p := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The browse-all list (empty search box, no filters) lists each article once
// after imports and removals in the running app, on a real library: the
// count matches the library's and no article is listed twice.
func TestBrowseAllAfterImportAndRemoveRealLibrary(t *testing.T) {
	lib, err := index.OpenWith(t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	u, _ := newTestUI(t, lib)
	files := t.TempDir()

	check := func(step string) {
		t.Helper()
		want := 0
		for _, s := range lib.Sources() {
			want += s.Articles
		}
		if got, wantText := u.results.count.Text, tr("results.count", want); got != wantText {
			t.Errorf("after %s: count = %q, want %q", step, got, wantText)
		}
		seen := map[string]bool{}
		for _, h := range u.results.hits {
			if seen[h.ID] {
				t.Errorf("after %s: article %s (%s) listed twice", step, h.ID, h.Title)
			}
			seen[h.ID] = true
		}
	}
	check("opening with the sample")
	u.Import([]string{writePage(t, files, "甲", "张三", 3, 1)})
	check("importing one file")
	u.Import([]string{writePage(t, files, "乙", "李四", 4, 2), writePage(t, files, "丙", "王五", 5, 3)})
	check("importing two more")
	u.library.show()
	for _, s := range u.library.sources {
		if s.Name == assets.SampleName {
			u.library.remove(s)
		}
	}
	check("removing the sample")
	u.library.remove(u.library.sources[0])
	check("removing another source")
	if len(u.results.hits) == 0 {
		t.Fatal("nothing listed at the end; the test proves nothing")
	}
}
