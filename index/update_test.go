package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestUpdateSource: a page imported without a year is re-dated from its
// stored copy when the year is set afterwards, and its newspaper is named;
// both last after reopening, with no repair.
func TestUpdateSource(t *testing.T) {
	dir := t.TempDir()
	l := openEmpty(t, dir)
	p := filepath.Join(t.TempDir(), "page.txt")
	page := "春耕开始\n\n本报讯（记者张三）3月2日，全市春耕生产全面展开，农民抓住晴好天气下地播种。\n"
	os.WriteFile(p, []byte(page), 0o644)
	rep, err := l.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil || rep.Added != 1 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	src := rep.Sources[0]
	if src.NoYear != 1 {
		t.Errorf("NoYear = %d, want 1 (3月2日 has no year)", src.NoYear)
	}
	if !hasCode(rep.Warnings, CodeNoYear) {
		t.Errorf("warnings %+v, want one saying dates have no year", rep.Warnings)
	}
	if h := find(t, l, "春耕", SearchOptions{}).Hits; len(h) != 1 || h[0].Date != "--03-02" {
		t.Fatalf("before: %+v, want one hit dated --03-02", h)
	}
	year, paper := 2021, "  焦作  日报 "
	got, err := l.UpdateSource(src.ID, SourceUpdate{Year: &year, Newspaper: &paper})
	if err != nil || got.Year != 2021 || got.Newspaper != "焦作 日报" || got.NoYear != 0 {
		t.Fatalf("UpdateSource = %+v, %v; want year 2021, newspaper 焦作 日报, no undated articles", got, err)
	}
	check := func(when string) {
		t.Helper()
		h := find(t, l, "date:2021-03-02", SearchOptions{}).Hits
		if len(h) != 1 || h[0].Date != "2021-03-02" || h[0].Newspaper != "焦作 日报" {
			t.Errorf("%s: date:2021-03-02 = %+v, want the article, re-dated, with its newspaper", when, h)
		}
		if n := find(t, l, "newspaper:焦作", SearchOptions{}).Total; n != 1 {
			t.Errorf("%s: newspaper:焦作 = %d, want 1", when, n)
		}
		if n := find(t, l, "", SearchOptions{}).Total; n != 1 {
			t.Errorf("%s: the library lists %d articles, want 1", when, n)
		}
	}
	check("after the update")
	l.Close()
	l = openEmpty(t, dir)
	defer l.Close()
	if n := l.Notice(); n != "" {
		t.Errorf("reopening: %q, want no repair", n)
	}
	check("after reopening")
	bad := 99999
	if _, err := l.UpdateSource(src.ID, SourceUpdate{Year: &bad}); err == nil {
		t.Error("year 99999 was accepted")
	}
	if _, err := l.UpdateSource("nope", SourceUpdate{Year: &year}); err == nil {
		t.Error("an unknown source was accepted")
	}
}

func hasCode(fs []FileError, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}
