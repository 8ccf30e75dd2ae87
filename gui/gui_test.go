package gui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baosou/index"
)

func TestStartListsEverythingNewestFirst(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	if got, want := hitIDs(u), []string{"a1", "a3", "a2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hits at start = %v, want %v", got, want)
	}
	if got, want := u.results.count.Text, "共 3 篇"; got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	if u.detail.doc == nil || u.detail.doc.ID != "a1" {
		t.Errorf("detail shows %v, want the newest article a1", u.detail.doc)
	}
	if got := w.Canvas().Focused(); got != u.search.entry {
		t.Errorf("focused = %T, want the search box", got)
	}
	if got, want := w.Title(), "报搜 Baosou"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

func TestTypingUpdatesList(t *testing.T) {
	tests := []struct {
		name, query string
		want        []string
		count       string
	}{
		{"one term", "口罩", []string{"a1", "a3"}, "共 2 篇"},
		{"two terms are AND", "口罩 王家鹏", []string{"a1"}, "共 1 篇"},
		{"single character", "会", []string{"a2"}, "共 1 篇"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _ := newTestUI(t, newFakeLib())
			test.Type(u.search.entry, tt.query)
			if got := hitIDs(u); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("typing %q: hits = %v, want %v", tt.query, got, tt.want)
			}
			if got := u.results.count.Text; got != tt.count {
				t.Errorf("typing %q: count = %q, want %q", tt.query, got, tt.count)
			}
		})
	}
}

// A slow older search that finishes last must not replace the newer results.
func TestStaleResultsNeverOverwriteFresh(t *testing.T) {
	lib := newFakeLib()
	u, _ := newTestUI(t, lib)
	p := signalPost(u)
	older, newer := make(chan struct{}), make(chan struct{})
	lib.block = map[string]chan struct{}{"会": older, "会议": newer}
	lib.entered = make(chan string, 10)

	p.do(func() { test.Type(u.search.entry, "会") })
	<-lib.entered // the older search is under way, not just scheduled
	p.do(func() { test.Type(u.search.entry, "议") })
	close(newer)
	p.wait(t, 2) // results for 会议, then its first article
	close(older)
	p.wait(t, 1) // results for 会, dropped

	if got, want := u.results.query, "会议"; got != want {
		t.Errorf("results are for %q, want %q", got, want)
	}
	if got, want := hitIDs(u), []string{"a2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hits = %v, want %v", got, want)
	}
}

// marked returns the highlighted text of every paragraph and the one drawn
// as the current match.
func marked(d *detailView) (hits []string, current string) {
	for _, rt := range d.paraViews {
		if rt == nil {
			continue
		}
		t := []rune(rt.String())
		for _, m := range rt.marks {
			hits = append(hits, string(t[m.lo:m.hi]))
			if m.kind == markCurrent {
				current = string(t[m.lo:m.hi])
			}
		}
	}
	return hits, current
}

func TestSelectingShowsArticleWithHighlights(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "口罩")
	u.results.list.Select(1) // a3
	d := u.detail
	if d.doc == nil || d.doc.ID != "a3" {
		t.Fatalf("detail shows %v, want a3", d.doc)
	}
	wantSpans := []index.Span{{Start: 5, End: 7}, {Start: 18, End: 20}}
	if !reflect.DeepEqual(d.spans, wantSpans) {
		t.Errorf("body spans = %v, want %v", d.spans, wantSpans)
	}
	hits, current := marked(d)
	if want := []string{"口罩", "口罩"}; !reflect.DeepEqual(hits, want) || current != "口罩" {
		t.Errorf("highlighted = %v (current %q), want %v with a current one", hits, current, want)
	}
	if got, want := d.matches.Text, "第 1 / 2 处"; got != want {
		t.Errorf("match counter = %q, want %q", got, want)
	}
	var title []string
	for _, r := range d.title.runs {
		if r.style.ColorName == styleHit.ColorName {
			title = append(title, r.text)
		}
	}
	if want := []string{"口罩"}; !reflect.DeepEqual(title, want) {
		t.Errorf("title highlights = %v, want %v", title, want)
	}
}

func TestNextPreviousMatch(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "复工")
	d := u.detail // a1: 复工 in paragraphs 0 and 2
	steps := []struct {
		name  string
		do    func()
		label string
		para  int
	}{
		{"F3", func() { u.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3}) }, "第 2 / 2 处", 2},
		{"F3 wraps", func() { u.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3}) }, "第 1 / 2 处", 0},
		{"Shift+F3", func() {
			u.shift = func() bool { return true }
			u.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
			u.shift = func() bool { return false }
		}, "第 2 / 2 处", 2},
		{"previous button", func() { test.Tap(d.prev) }, "第 1 / 2 处", 0},
		{"next button", func() { test.Tap(d.next) }, "第 2 / 2 处", 2},
	}
	for _, s := range steps {
		s.do()
		if got := d.matches.Text; got != s.label {
			t.Errorf("after %s: counter = %q, want %q", s.name, got, s.label)
		}
		if got := d.paraOf(d.current); got != s.para {
			t.Errorf("after %s: current match in paragraph %d, want %d", s.name, got, s.para)
		}
		var cur int
		for _, m := range d.paraViews[s.para].marks {
			if m.kind == markCurrent {
				cur++
			}
		}
		if cur != 1 {
			t.Errorf("after %s: paragraph %d draws %d current matches, want 1", s.name, s.para, cur)
		}
	}
}

func TestCopyExcerptAndArticle(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "口罩 王家鹏")
	const cite = "——《王家鹏调研督导服务业疫情防控和复工工作》，2020年2月28日，记者郭树勋，来源：2020-02-29.txt"

	test.Tap(u.detail.copyExcerpt)
	want := "本报讯 2月28日上午，王家鹏调研督导服务业疫情防控和复工工作。\n" + cite
	if got := u.app.Clipboard().Content(); got != want {
		t.Errorf("excerpt at the first match:\n got %q\nwant %q", got, want)
	}
	u.detail.jump(1) // the first 口罩, after 王家鹏
	u.detail.onCopyExcerpt()
	want = "他强调，要做好口罩等防护物资保障。\n" + cite
	if got := u.app.Clipboard().Content(); got != want {
		t.Errorf("excerpt at the second match:\n got %q\nwant %q", got, want)
	}
	if got := u.status.label.Text; !strings.HasPrefix(got, "已复制摘录") {
		t.Errorf("status = %q, want a copy confirmation", got)
	}

	test.Tap(u.detail.copyArticle)
	got := u.app.Clipboard().Content()
	if !strings.HasPrefix(got, "王家鹏调研督导服务业疫情防控和复工工作\n\n本报讯") || !strings.HasSuffix(got, "足量供应！\n"+cite) {
		t.Errorf("copied article = %q, want title, body and citation", got)
	}
}

// The article's text is selected by dragging over it, highlights kept, and
// Ctrl+C copies the selection with its citation.
func TestCopySelectionHasCitation(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "会议")
	d := u.detail
	p0 := d.paraViews[0]
	// From the start of the first paragraph, over the second line's start.
	start := fyne.NewPos(1, p0.Size().Height/2)
	drag(p0, start, d.paraViews[1].Position().Add(fyne.NewPos(40, d.paraViews[1].Size().Height/2)).Subtract(p0.Position()))
	sel := d.selectedText()
	if !strings.HasPrefix(sel, "会议指出") || !strings.Contains(sel, "\n要") {
		t.Fatalf("selected %q, want the first paragraph and the start of the second", sel)
	}
	if hits, _ := marked(d); len(hits) == 0 {
		t.Error("selecting hid the highlights")
	}
	if len(test.WidgetRenderer(p0).Objects()) < 2 {
		t.Error("the first paragraph draws no selection behind its text")
	}
	u.onCopy() // Edit → Copy, Ctrl+C
	want := sel + "\n——《示范区召开疫情防控工作部署会议》，2020年2月24日，记者郭树勋，来源：2020-02-25.txt"
	if got := u.app.Clipboard().Content(); got != want {
		t.Errorf("copied selection = %q, want %q", got, want)
	}
}

// drag drags over w from a to b (both in w's coordinates) in three moves.
func drag(w fyne.Draggable, a, b fyne.Position) {
	last := a
	for k := 1; k <= 3; k++ {
		at := fyne.NewPos(a.X+(b.X-a.X)*float32(k)/3, a.Y+(b.Y-a.Y)*float32(k)/3)
		w.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(at.X-last.X, at.Y-last.Y)})
		last = at
	}
	w.DragEnd()
}

func TestImportShowsProgressAndSummary(t *testing.T) {
	lib := newFakeLib()
	u, _ := newTestUI(t, lib)
	p := signalPost(u)
	release := make(chan struct{})
	lib.importFn = func(ctx context.Context, paths []string, opt index.ImportOptions) (index.ImportReport, error) {
		opt.Progress(index.ImportProgress{FilesDone: 1, FilesRead: 1, FilesTotal: 3, Articles: 7, Current: "/x/2020-03-01.txt"})
		<-release
		return index.ImportReport{Files: 3, Added: 12, Duplicates: 2,
			Sources: []index.Source{{Name: "a"}, {Name: "b"}},
			Failed:  []index.FileError{{Path: "/x/scan.pdf", Err: "not a text file", Code: index.CodeNotText}}}, nil
	}

	p.do(func() { u.imports.start([]string{"/x"}) })
	p.wait(t, 1)
	m := u.imports
	if !m.box.Visible() || m.bar.Value != 1 || m.bar.Max != 3 {
		t.Errorf("progress: visible %v, %v of %v; want visible, 1 of 3", m.box.Visible(), m.bar.Value, m.bar.Max)
	}
	// One file read, the second (Current) being read: it says 2 / 3, not
	// 0 / 1 all through a single file.
	if got, want := m.label.Text, "正在导入：2 / 3 个文件 · 已添加 7 篇 · 2020-03-01.txt"; got != want {
		t.Errorf("progress text = %q, want %q", got, want)
	}

	p.do(func() { u.search.entry.SetText("会议") }) // still searchable while importing
	p.wait(t, 2)
	if got, want := hitIDs(u), []string{"a2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("search during import: hits = %v, want %v", got, want)
	}

	close(release)
	p.wait(t, 3) // the summary, the refreshed results, their first article
	if m.box.Visible() {
		t.Error("progress still shown after the import ended")
	}
	for _, want := range []string{"导入完成", "新增 12 篇文章，来自 2 个文件", "跳过 2 篇重复文章", "scan.pdf：不是文本文件"} {
		if !strings.Contains(m.summary, want) {
			t.Errorf("summary %q lacks %q", m.summary, want)
		}
	}
}

func TestFiltersAndSortChangeList(t *testing.T) {
	tests := []struct {
		name               string
		from, to, reporter string
		sort               int
		want               []string
		wantMessage        bool
	}{
		{"reporter", "", "", "李明", 0, []string{"a3"}, false},
		{"from", "2020-02-25", "", "", 0, []string{"a1", "a3"}, false},
		{"from and to", "2020-2-25", "2020-02-27", "", 0, []string{"a3"}, false},
		{"month as to", "", "2020-02", "郭", 0, []string{"a1", "a2"}, false},
		{"oldest first", "", "", "", 2, []string{"a2", "a3", "a1"}, false},
		{"bad date", "2020-13-01", "", "", 0, []string{"a1", "a3", "a2"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _ := newTestUI(t, newFakeLib())
			s := u.search
			test.Type(s.from, tt.from)
			test.Type(s.to, tt.to)
			test.Type(s.reporter, tt.reporter)
			s.sort.SetSelectedIndex(tt.sort)
			if got := hitIDs(u); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
			if got := s.message.Visible(); got != tt.wantMessage {
				t.Errorf("message shown = %v (%q), want %v", got, s.message.Text, tt.wantMessage)
			}
		})
	}
}

func TestSyntaxErrorShowsInline(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, `疫情 "复工`)
	s := u.search
	if !s.message.Visible() {
		t.Fatal("syntax error message not shown")
	}
	for _, want := range []string{"第 4 个字处", "never closed", `疫情 ▶"复工`} {
		if !strings.Contains(s.message.Text, want) {
			t.Errorf("message %q lacks %q", s.message.Text, want)
		}
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a syntax error opened a dialog; want it inline")
	}
	test.Type(s.entry, `"`)
	if s.message.Visible() {
		t.Errorf("message %q still shown after the quote was closed", s.message.Text)
	}
}

func TestZeroResultsSaysWhatToTry(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	test.Type(u.search.reporter, "李")
	test.Type(u.search.entry, "火星")
	r := u.results
	if got, want := r.count.Text, "共 0 篇"; got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	if !r.emptyBox.Visible() || r.list.box.Visible() {
		t.Error("want the no-results message instead of the list")
	}
	for _, want := range []string{"没有找到与「火星」相符的文章", "OR", "清除日期、记者筛选"} {
		if !strings.Contains(r.empty.String(), want) {
			t.Errorf("message %q lacks %q", r.empty.String(), want)
		}
	}
	if u.detail.doc != nil {
		t.Error("detail still shows an article")
	}
	test.Tap(r.clear)
	if got := u.search.reporter.Text; got != "" {
		t.Errorf("reporter filter = %q after 清除筛选, want empty", got)
	}
}

func TestKeyboardFromSearchBox(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	e := u.search.entry
	key := func(k fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyDown)
	key(fyne.KeyDown)
	if got := u.detail.doc.ID; got != "a2" {
		t.Errorf("after Down Down: showing %s, want a2", got)
	}
	key(fyne.KeyUp)
	if got := u.detail.doc.ID; got != "a3" {
		t.Errorf("after Up: showing %s, want a3", got)
	}
	test.Type(e, "口罩")
	key(fyne.KeyEscape)
	if e.Text != "" || len(u.results.hits) != 3 {
		t.Errorf("after Esc: box %q with %d hits, want empty with 3", e.Text, len(u.results.hits))
	}
	key(fyne.KeyF1)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("F1 showed no help")
	}
}

func TestTextSizeIsRemembered(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	base := u.app.Settings().Theme().Size("text")
	u.onTextSize(1)
	u.onTextSize(1)
	if got, want := u.app.Preferences().Float(prefTextScale), 1.2; got < want-0.001 || got > want+0.001 {
		t.Errorf("stored scale = %v, want %v", got, want)
	}
	if got := u.app.Settings().Theme().Size("text"); got <= base {
		t.Errorf("text size = %v after Ctrl+=, want more than %v", got, base)
	}
	u.onTextSize(0)
	if got := u.app.Settings().Theme().Size("text"); got != base {
		t.Errorf("text size = %v after Ctrl+0, want %v", got, base)
	}
}

func TestLibraryRemoveSource(t *testing.T) {
	lib := newFakeLib()
	u, _ := newTestUI(t, lib)
	u.library.show()
	if got, want := len(u.library.sources), 3; got != want {
		t.Fatalf("library lists %d sources, want %d", got, want)
	}
	u.library.remove(u.library.sources[1])
	if got, want := lib.removed, []string{"2020-02-25.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("removed %v, want %v", got, want)
	}
	if got, want := len(u.library.sources), 2; got != want {
		t.Errorf("after removal the list has %d sources, want %d", got, want)
	}
	if got := u.status.label.Text; !strings.Contains(got, "已删除") {
		t.Errorf("status = %q, want a removal confirmation", got)
	}
}
