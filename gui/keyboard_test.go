package gui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"baosou/index"
)

// manyDocs is a library of n articles, all with 会议 in them.
func manyDocs(n int) *fakeLib {
	lib := newFakeLib()
	lib.docs = nil
	for i := range n {
		body := fmt.Sprintf("第%d次会议召开。", i)
		lib.docs = append(lib.docs, &index.Doc{ID: fmt.Sprintf("m%03d", i), Title: fmt.Sprintf("会议%d", i),
			Date: fmt.Sprintf("2020-%02d-%02d", 1+i/28, 1+i%28), Source: "many.txt", SourceID: "many.txt",
			Paragraphs: []string{body}, Body: body})
	}
	return lib
}

// ↓ at the last hit listed loads the next page and goes on into it.
func TestDownLoadsMoreAtTheEnd(t *testing.T) {
	u, w := newTestUI(t, manyDocs(pageSize+7))
	if len(u.results.hits) != pageSize {
		t.Fatalf("first page has %d hits, want %d", len(u.results.hits), pageSize)
	}
	for range pageSize + 3 {
		press(w, fyne.KeyDown)
	}
	if got := len(u.results.hits); got != pageSize+7 {
		t.Errorf("after ↓ past the end: %d hits listed, want all %d", got, pageSize+7)
	}
	if got, want := u.results.selected, pageSize+3; got != want {
		t.Errorf("after %d × ↓: on hit %d, want %d", pageSize+3, got, want)
	}
	if !strings.Contains(u.results.count.Text, fmt.Sprint(pageSize+7)) {
		t.Errorf("count = %q", u.results.count.Text)
	}
}

// With the keyboard in the result list, the list shows it, ↑/↓ move the
// chosen hit and typing goes on in the search box.
func TestResultListShowsFocus(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	l := u.results.list
	w.Canvas().Focus(l)
	if !l.border.Visible() {
		t.Error("the focused result list draws no focus frame")
	}
	press(w, fyne.KeyDown)
	if u.results.selected != 1 || u.detail.doc.ID != "a3" {
		t.Errorf("↓ in the list: on hit %d showing %v, want 1 (a3)", u.results.selected, u.detail.doc)
	}
	typeKeys(w, "会")
	if got := u.search.entry.Text; got != "会" || w.Canvas().Focused() != u.search.entry {
		t.Errorf("typing in the list: search box %q, focus %T", got, w.Canvas().Focused())
	}
	if l.border.Visible() {
		t.Error("the frame stays after the keyboard left the list")
	}
}

func TestCtrlQQuits(t *testing.T) {
	_, w := newTestUI(t, newFakeLib())
	var quit *fyne.MenuItem
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && sc.KeyName == fyne.KeyQ && sc.Modifier == fyne.KeyModifierShortcutDefault {
				quit = it
			}
		}
	}
	if quit == nil || !quit.IsQuit || quit.Label != "退出" {
		t.Fatalf("no Quit item with Ctrl+Q labelled 退出: %+v", quit)
	}
}

// Ctrl+A selects the article once its text was clicked, the search box's
// text once the box was; Ctrl+C with nothing selected says how to select.
func TestSelectAllAndCopyHint(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "口罩")
	u.onCopy()
	if got := u.status.label.Text; !strings.Contains(got, "拖动") {
		t.Errorf("Ctrl+C with nothing selected: status %q, want a hint on selecting", got)
	}
	test.Tap(u.detail.paraViews[0])
	u.onSelectAll()
	if got, want := u.detail.selectedText(), strings.ReplaceAll(u.detail.doc.Body, "\n\n", "\n"); got != want {
		t.Errorf("Ctrl+A after clicking the article selected %q, want the whole body %q", got, want)
	}
	w.Canvas().Focus(u.search.entry) // a click on the box focuses it on mouse down
	test.Tap(u.search.entry)
	u.onSelectAll()
	if got := u.search.entry.SelectedText(); got != "口罩" {
		t.Errorf("Ctrl+A after clicking the search box selected %q there", got)
	}
}

// A date filter leaves undated articles out and says how many.
func TestDateFilterCountsUndated(t *testing.T) {
	lib := newFakeLib()
	lib.docs = append(lib.docs, &index.Doc{ID: "u1", Title: "日期不详的口罩文章", Source: "x.txt", SourceID: "x.txt",
		Paragraphs: []string{"口罩。"}, Body: "口罩。"})
	u, _ := newTestUI(t, lib)
	test.Type(u.search.entry, "口罩")
	if len(u.results.hits) != 3 {
		t.Fatalf("口罩 gives %d hits, want 3", len(u.results.hits))
	}
	for _, f := range []*searchEntry{u.search.to, u.search.from} {
		test.Type(f, "2020-02-27")
		if got := hitIDs(u); len(got) != 1 {
			t.Errorf("with %q: hits %v, want one dated article", f.PlaceHolder, got)
		}
		if got := u.results.count.Text; !strings.Contains(got, "另有 1 篇无日期") {
			t.Errorf("with %q: count %q does not say the undated article was left out", f.PlaceHolder, got)
		}
		f.SetText("")
	}
}

// A query that cannot be read empties the list instead of leaving the
// previous query's results under the message.
func TestSyntaxErrorClearsTheList(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "口罩")
	test.Type(u.search.entry, ` "复`)
	if n := len(u.results.hits); n != 0 || u.results.list.box.Visible() {
		t.Errorf("with a syntax error %d hits still listed", n)
	}
	if u.detail.doc != nil {
		t.Error("with a syntax error an article is still shown")
	}
	if !u.search.message.Visible() {
		t.Error("no message")
	}
}

// A lower-case or, typed with an input method, says how it was read.
func TestQueryHintShown(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "rock or roll")
	s := u.search
	if !s.message.Visible() || !strings.Contains(s.message.Text, "OR") {
		t.Errorf("message %q (shown %v), want a hint about OR", s.message.Text, s.message.Visible())
	}
}

// English puts a space where Chinese needs none: before the undated count
// and the note on a derived headline; one article is one.
func TestEnglishSpacesAppendedNotes(t *testing.T) {
	useEnglish(t)
	lib := newFakeLib()
	lib.docs = append(lib.docs, &index.Doc{ID: "u1", Title: "口罩", Body: "口罩。", Paragraphs: []string{"口罩。"}})
	u, _ := newTestUI(t, lib)
	test.Type(u.search.from, "2020-02-27")
	if got := u.results.count.Text; got != "1 article (1 more have no date and are left out of the date range)" {
		t.Errorf("count = %q", got)
	}
	d := &index.Doc{Title: "口罩", Body: "口罩。", TitleDerived: true, Date: "2020-02-26", Reporter: "李明"}
	if got := docMeta(d); got != "2020-02-26 · reporter 李明 (no headline printed; taken from the first sentence)" {
		t.Errorf("docMeta = %q", got)
	}
}
