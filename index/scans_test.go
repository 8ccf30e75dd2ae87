package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baosou/assets"
	"baosou/index/article"
)

// TestImportPDF imports a text-layer PDF of the sample page printed twice
// (testdata/2020-02-28.pdf): each page gives the sample's articles
// exactly, numbered by the PDF's pages, dated from the file name where the
// page prints no year, and the page text is kept so that a rebuild needs
// no PDF tools.
func TestImportPDF(t *testing.T) {
	pdf, err := os.ReadFile("testdata/2020-02-28.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want, err := article.Parse(assets.SamplePage, article.Options{Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	l := openEmpty(t, dir)
	path := filepath.Join(t.TempDir(), "2020-02-28.pdf")
	os.WriteFile(path, pdf, 0o644)
	var pagesSeen int
	rep, err := l.Import(context.Background(), []string{path}, ImportOptions{Progress: func(p ImportProgress) {
		pagesSeen = max(pagesSeen, p.Pages)
	}})
	if err != nil || len(rep.Failed) > 0 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	// The two pages repeat each other: the second adds only duplicates.
	if rep.Added != len(want.Articles) || rep.Duplicates != len(want.Articles) {
		t.Errorf("added %d, duplicates %d; want %d and %d", rep.Added, rep.Duplicates, len(want.Articles), len(want.Articles))
	}
	if pagesSeen != 2 {
		t.Errorf("progress reported %d pages, want 2", pagesSeen)
	}
	src := rep.Sources[0]
	if !strings.Contains(src.Encoding, "PDF") {
		t.Errorf("source encoding %q, want it to say PDF", src.Encoding)
	}
	check := func(when string) {
		t.Helper()
		for i, a := range want.Articles {
			d, err := l.Get(docID(src.ID, i))
			if err != nil {
				t.Fatalf("%s: Get(%d): %v", when, i, err)
			}
			date := a.Date.String()
			if a.Kind == article.KindCaption {
				date = "2020-02-28" // a caption takes its page's date, here from the file name
			}
			if d.Title != a.Title || d.Body != a.Body() || d.Reporter != a.Reporter || d.Date != date {
				t.Errorf("%s: article %d = %q %q %q\n%s\nwant %q %q %q\n%s", when, i, d.Title, d.Reporter, d.Date, d.Body, a.Title, a.Reporter, date, a.Body())
			}
			if d.Published != "2020-02-28" {
				t.Errorf("%s: article %d published %q, want the file name's 2020-02-28", when, i, d.Published)
			}
			if d.Page != 1 || d.OCR {
				t.Errorf("%s: article %d on page %d, OCR %v; want page 1 of the PDF, its text layer", when, i, d.Page, d.OCR)
			}
		}
		if n := find(t, l, "郭树勋", SearchOptions{}).Total; n != len(want.Articles) {
			t.Errorf("%s: 郭树勋 finds %d, want %d", when, n, len(want.Articles))
		}
	}
	check("after the import")
	if _, err := os.Stat(l.pagesPath(src.ID)); err != nil {
		t.Errorf("the pages read were not kept with the source: %v", err)
	}
	// A damaged docs file is cut again from the kept pages, with no PDF tools.
	l.Close()
	os.Remove(filepath.Join(dir, "docs", src.ID+".dat"))
	t.Setenv("PATH", t.TempDir())
	l = openEmpty(t, dir)
	defer l.Close()
	if !strings.Contains(l.Notice(), "rebuilt") {
		t.Errorf("Notice after the docs file was deleted = %q, want a rebuild", l.Notice())
	}
	check("after a rebuild without poppler")
}

// TestArticlesOfAPDF: baosou parse reads a PDF like an import does.
func TestArticlesOfAPDF(t *testing.T) {
	pdf, err := os.ReadFile("testdata/2020-02-28.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Articles(context.Background(), "2020-02-28.pdf", pdf, 0)
	if err != nil || len(p.Articles) != 16 || !strings.Contains(p.Encoding, "2 page") {
		t.Errorf("Articles = %d articles, %q, %v; want 16 from 2 pages", len(p.Articles), p.Encoding, err)
	}
}
