package gui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"baosou/index"
)

// TestShots renders the import summary with its year question, the library
// dialog and its edit dialog with the test driver into $BAOSOU_SHOTS, for a
// look without a display (realindex_test.go runs the same on the real
// index). Skipped without the variable.
func TestShots(t *testing.T) {
	dir := os.Getenv("BAOSOU_SHOTS")
	if dir == "" {
		t.Skip("BAOSOU_SHOTS not set")
	}
	save := func(w fyne.Window, name string, dialogs int) {
		if n := len(w.Canvas().Overlays().List()); n != dialogs {
			t.Errorf("%s: %d dialogs open, want %d", name, n, dialogs)
		}
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		png.Encode(f, w.Canvas().Capture())
	}
	lib := newFakeLib()
	lib.docs = append(lib.docs, &index.Doc{ID: "y1", Title: "没有年份的文章", Date: "--02-26", Reporter: "赵六",
		Source: "page.txt", SourceID: "s9", Paragraphs: []string{"口罩生产。"}, Body: "口罩生产。"})
	lib.sources = append(lib.sources, index.Source{ID: "s9", Name: "page.txt", Path: "/x/page.txt", Articles: 1})
	lib.importFn = func(ctx context.Context, paths []string, opt index.ImportOptions) (index.ImportReport, error) {
		return index.ImportReport{Files: 3, Added: 1, Duplicates: 2, DuplicateFiles: 1, Sources: []index.Source{lib.sources[3]},
			Failed:   []index.FileError{{Path: "/x/scan.bin", Code: index.CodeNotText}},
			Warnings: []index.FileError{{Path: "/x/page.txt", Code: index.CodeNoYear, Detail: "1"}, {Path: "/x/b.jsonl", Code: "bad_json", Detail: "unexpected end of JSON input", Err: "line 3: x"}}}, nil
	}
	u, w := newTestUI(t, lib)
	w.Resize(fyne.NewSize(1100, 700))
	save(w, "fake-start", 0)
	u.Import([]string{"/x/page.txt"})
	save(w, "fake-summary", 1)
	u.imports.ask.close()
	u.library.show()
	save(w, "fake-library", 1)
	u.library.onEdit(lib.sources[0])
	save(w, "fake-edit", 2)
}
