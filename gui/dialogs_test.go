package gui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// press sends a key as the window does: to the focused widget, else to the
// canvas.
func press(w fyne.Window, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.Canvas().OnTypedKey()(ev)
}

// typeKeys types s as the window does: into the focused widget, else to the canvas.
func typeKeys(w fyne.Window, s string) {
	for _, r := range s {
		if f := w.Canvas().Focused(); f != nil {
			f.TypedRune(r)
			continue
		}
		w.Canvas().OnTypedRune()(r)
	}
}

func overlays(w fyne.Window) int { return len(w.Canvas().Overlays().List()) }

func TestSummaryDialogTakesEnterAndEsc(t *testing.T) {
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
		t.Run(string(k), func(t *testing.T) {
			u, w := newTestUI(t, newFakeLib())
			test.Type(u.search.entry, "口罩")
			u.imports.onDone(index.ImportReport{Files: 1}, nil)
			if overlays(w) != 1 {
				t.Fatalf("%d dialogs open after an import, want the summary", overlays(w))
			}
			press(w, k)
			if overlays(w) != 0 {
				t.Errorf("%s left the summary open", k)
			}
			if got := u.search.entry.Text; got != "口罩" {
				t.Errorf("%s changed the search box behind the dialog to %q", k, got)
			}
		})
	}
}

// The year asked after an import takes the digits typed and Enter, not the
// search box behind it.
func TestYearPromptTakesTheKeyboard(t *testing.T) {
	lib := newFakeLib()
	lib.docs = append(lib.docs, &index.Doc{ID: "y1", Title: "没有年份的文章", Date: "--02-26", Reporter: "赵六",
		Source: "page.txt", SourceID: "s9", Paragraphs: []string{"口罩生产。"}, Body: "口罩生产。"})
	lib.sources = append(lib.sources, index.Source{ID: "s9", Name: "page.txt", Path: "/x/page.txt", Articles: 1})
	var years []int
	lib.importFn = func(ctx context.Context, paths []string, opt index.ImportOptions) (index.ImportReport, error) {
		years = append(years, opt.Year)
		return index.ImportReport{Files: 1, Added: 1, Sources: []index.Source{lib.sources[3]},
			Warnings: []index.FileError{{Path: "/x/page.txt", Code: index.CodeNoYear, Detail: "1", Err: "1 article dated without a year"}}}, nil
	}
	u, w := newTestUI(t, lib)
	u.Import([]string{"/x/page.txt"})
	if !strings.Contains(u.imports.summary, "1 篇文章的日期没有写年份") {
		t.Errorf("summary %q does not warn that dates have no year", u.imports.summary)
	}
	if got := w.Canvas().Focused(); got != u.imports.year {
		t.Fatalf("focused = %T, want the year field", got)
	}
	typeKeys(w, "2021")
	press(w, fyne.KeyReturn)
	if u.search.entry.Text != "" {
		t.Errorf("the search box got %q", u.search.entry.Text)
	}
	if overlays(w) != 0 {
		t.Error("Enter did not close the dialog")
	}
	if !reflect.DeepEqual(lib.updates, []string{"s9"}) {
		t.Errorf("UpdateSource calls = %v, want one for s9", lib.updates)
	}
	test.Type(u.search.entry, "没有年份")
	if len(u.results.hits) != 1 || u.results.hits[0].Date != "2021-02-26" {
		t.Errorf("after setting the year: hits %+v, want the article dated 2021-02-26", u.results.hits)
	}
	u.Import([]string{"/x/other.txt"})
	if !reflect.DeepEqual(years, []int{0, 0}) {
		t.Errorf("import years = %v: a year typed once must not stick to the next import", years)
	}
}

func TestHelpOnceAndEscCloses(t *testing.T) {
	_, w := newTestUI(t, newFakeLib())
	press(w, fyne.KeyF1)
	press(w, fyne.KeyF1)
	if n := overlays(w); n != 1 {
		t.Fatalf("F1 twice opened %d help windows, want 1", n)
	}
	press(w, fyne.KeyEscape)
	if n := overlays(w); n != 0 {
		t.Errorf("Esc left %d help windows open", n)
	}
	press(w, fyne.KeyF1)
	if n := overlays(w); n != 1 {
		t.Errorf("F1 after closing opened %d help windows, want 1", n)
	}
}

func TestLibraryDialogSetsYearAndNewspaper(t *testing.T) {
	lib := newFakeLib()
	u, w := newTestUI(t, lib)
	u.library.show()
	u.library.onEdit(u.library.sources[0])
	if got := w.Canvas().Focused(); got == nil {
		t.Fatal("the source dialog has no field focused")
	}
	typeKeys(w, "2020")
	w.Canvas().FocusNext() // Tab, which the window's focus manager handles
	typeKeys(w, "焦作日报")
	press(w, fyne.KeyReturn)
	if !reflect.DeepEqual(lib.updates, []string{"2020-02-29.txt"}) {
		t.Fatalf("UpdateSource calls = %v, want one", lib.updates)
	}
	s := lib.Sources()[0]
	if s.Year != 2020 || s.Newspaper != "焦作日报" {
		t.Errorf("source after editing = year %d, paper %q; want 2020, 焦作日报", s.Year, s.Newspaper)
	}
	if n := overlays(w); n != 1 {
		t.Errorf("%d dialogs open after saving, want the library dialog alone", n)
	}
	press(w, fyne.KeyEscape)
	if n := overlays(w); n != 0 {
		t.Errorf("Esc left %d dialogs open", n)
	}
}

func TestRemoveAsksInTheAppsLanguage(t *testing.T) {
	lib := newFakeLib()
	u, w := newTestUI(t, lib)
	u.library.show()
	u.library.onRemove(u.library.sources[0])
	var labels []string
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			labels = append(labels, b.Text)
		}
	})
	if !reflect.DeepEqual(labels, []string{"取消", "删除"}) {
		t.Errorf("confirm buttons = %q, want 取消 删除", labels)
	}
	press(w, fyne.KeyEscape)
	if len(lib.removed) != 0 {
		t.Errorf("Esc removed %v", lib.removed)
	}
	u.library.onRemove(u.library.sources[0])
	press(w, fyne.KeyReturn)
	if len(lib.removed) != 1 {
		t.Errorf("Enter removed %v, want the source", lib.removed)
	}
}

// walk visits o and everything inside it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, visit)
		}
	}
}

// Every row of the library dialog is as tall as what it shows: the list
// gives each row its template's height, and a template shorter than a
// source's two lines of detail drew the next row over the second.
func TestLibraryRowsDoNotOverlap(t *testing.T) {
	lib := newFakeLib()
	lib.sources[0].Year, lib.sources[0].Newspaper, lib.sources[0].Path = 2020, "焦作日报", "/x/"+strings.Repeat("很长的文件夹/", 30)+"2020-02-29.txt"
	u, _ := newTestUI(t, lib)
	u.library.show()
	l := u.library
	template := l.newItem().MinSize().Height
	for i := range l.sources {
		row := l.newItem()
		row.Resize(fyne.NewSize(600, template))
		l.updateItem(i, row)
		if h := row.MinSize().Height; h > template {
			t.Errorf("row %d (%s) needs %v high, the list gives it %v", i, l.sources[i].Name, h, template)
		}
	}
}

// A source's year shown in its dialog is replaced by the year typed, not
// extended by it (20202021).
func TestLibraryDialogYearTypedOver(t *testing.T) {
	lib := newFakeLib()
	lib.sources[0].Year = 2019
	u, w := newTestUI(t, lib)
	u.library.show()
	u.library.onEdit(u.library.sources[0])
	typeKeys(w, "2020")
	press(w, fyne.KeyReturn)
	if s := lib.Sources()[0]; s.Year != 2020 {
		t.Errorf("year after typing 2020 over 2019: %d", s.Year)
	}
}
