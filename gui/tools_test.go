package gui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baosou/index/cite"
)

// menuItem finds the item labelled label (a prefix is enough) in the main
// menu named top, its submenus included, or fails.
func menuItem(t *testing.T, w fyne.Window, top, label string) *fyne.MenuItem {
	t.Helper()
	var find func(items []*fyne.MenuItem) *fyne.MenuItem
	find = func(items []*fyne.MenuItem) *fyne.MenuItem {
		for _, it := range items {
			if strings.HasPrefix(it.Label, label) {
				return it
			}
			if it.ChildMenu != nil {
				if got := find(it.ChildMenu.Items); got != nil {
					return got
				}
			}
		}
		return nil
	}
	for _, m := range w.MainMenu().Items {
		if m.Label == top {
			if it := find(m.Items); it != nil {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s → %s", top, label)
	return nil
}

// jiaozuo gives the fake's first article the masthead's newspaper, page and
// publication date, as issue 10's parser will.
func jiaozuo(lib *fakeLib) {
	d := lib.docs[0]
	d.Newspaper, d.Page, d.Published = "焦作日报", 3, "2020-02-28"
}

const (
	gbtA1   = "郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3)."
	plainA1 = "《王家鹏调研督导服务业疫情防控和复工工作》，《焦作日报》2020年2月28日第3版，记者郭树勋"
)

func TestCopyCitationOnly(t *testing.T) {
	lib := newFakeLib()
	jiaozuo(lib)
	u, w := newTestUI(t, lib)
	copyCite := menuItem(t, w, "编辑", "复制出处")
	if sc, ok := copyCite.Shortcut.(fyne.KeyboardShortcut); !ok || sc.Key() != fyne.KeyR {
		t.Errorf("复制出处 shortcut = %v, want Ctrl+Shift+R", copyCite.Shortcut)
	}
	copyCite.Action()
	if got := u.app.Clipboard().Content(); got != plainA1 {
		t.Errorf("copy citation only (plain):\n got %q\nwant %q", got, plainA1)
	}
	if got := u.status.label.Text; got != fmt.Sprintf("已复制出处（%d 字）", len([]rune(plainA1))) {
		t.Errorf("status = %q, want the copy confirmed", got)
	}
	menuItem(t, w, "编辑", "GB/T 7714").Action()
	copyCite.Action()
	if got := u.app.Clipboard().Content(); got != gbtA1 {
		t.Errorf("copy citation only (GB/T 7714):\n got %q\nwant %q", got, gbtA1)
	}

	u.results.list.Select(2) // a2: no newspaper, page or publication date
	copyCite.Action()
	want := "郭树勋. 示范区召开疫情防控工作部署会议[N]. [报纸名不详], 2020-02-24."
	if got := u.app.Clipboard().Content(); got != want {
		t.Errorf("copy citation only of an article without newspaper:\n got %q\nwant %q", got, want)
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The chosen style serves every copy action and outlives the window.
func TestCitationStyleIsRemembered(t *testing.T) {
	lib := newFakeLib()
	jiaozuo(lib)
	u, w := newTestUI(t, lib)
	plain, gbt := menuItem(t, w, "编辑", "简式"), menuItem(t, w, "编辑", "GB/T 7714")
	if !plain.Checked || gbt.Checked {
		t.Fatalf("at first: plain checked %v, GB/T checked %v; want plain", plain.Checked, gbt.Checked)
	}
	gbt.Action()
	if !gbt.Checked || plain.Checked {
		t.Errorf("after choosing GB/T: plain checked %v, GB/T checked %v", plain.Checked, gbt.Checked)
	}
	if got := u.app.Preferences().String(prefCiteStyle); got != "gbt7714" {
		t.Errorf("preference %s = %q, want gbt7714", prefCiteStyle, got)
	}

	// A new window on the same app (its Preferences) starts in GB/T 7714.
	w2 := test.NewTempWindow(t, nil)
	w2.Resize(fyne.NewSize(1100, 700))
	u2 := newUI(u.app, w2, lib)
	u2.post, u2.spawn, u2.shift = func(f func()) { f() }, func(f func()) { f() }, func() bool { return false }
	u2.search.delay, u2.status.hold = 0, 0
	u2.start()
	if !menuItem(t, w2, "编辑", "GB/T 7714").Checked {
		t.Errorf("the new window's menu does not check GB/T 7714")
	}
	test.Type(u2.search.entry, "口罩 王家鹏")
	u2.detail.onCopyExcerpt()
	if got, want := u2.app.Clipboard().Content(), "本报讯 2月28日上午，王家鹏调研督导服务业疫情防控和复工工作。\n"+gbtA1; got != want {
		t.Errorf("copy excerpt:\n got %q\nwant %q", got, want)
	}
	u2.detail.onCopyArticle()
	if got := u2.app.Clipboard().Content(); !strings.HasSuffix(got, "足量供应！\n"+gbtA1) {
		t.Errorf("copy article ends %q, want the GB/T citation", got[max(0, len(got)-120):])
	}
	menuItem(t, w2, "编辑", "简式").Action()
	u2.detail.onCopyExcerpt()
	if got := u2.app.Clipboard().Content(); !strings.HasSuffix(got, "\n——"+plainA1) {
		t.Errorf("after going back to plain, copy excerpt = %q", got)
	}
}

// nopCloser is a buffer that records being closed.
type nopCloser struct {
	bytes.Buffer
	closed bool
}

func (c *nopCloser) Close() error { c.closed = true; return nil }

func TestExportWritesEveryResultNotOnlyThePageShown(t *testing.T) {
	lib := newFakeLib()
	lib.addDocs(120)
	u, w := newTestUI(t, lib)
	test.Type(u.search.entry, "疫情")
	if len(u.results.hits) != pageSize || u.results.total != 122 {
		t.Fatalf("on screen %d of %d hits; want a page of %d of 122", len(u.results.hits), u.results.total, pageSize)
	}
	var out nopCloser
	u.export(&out, "疫情.csv", cite.CSV, u.results.query, u.results.opt)
	if !out.closed {
		t.Error("the export file was not closed")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("exported CSV does not parse: %v", err)
	}
	if len(rows) != 123 {
		t.Fatalf("exported %d rows, want the header and all 122 matches", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]] = true
	}
	for _, title := range []string{"示范区召开疫情防控工作部署会议", "疫情通报第1号", "疫情通报第120号"} {
		if !seen[title] {
			t.Errorf("the export lacks %q", title)
		}
	}
	if seen["两家口罩生产企业复工"] {
		t.Error("the export holds an article that does not match 疫情")
	}
	if rows[1][0] != "王家鹏调研督导服务业疫情防控和复工工作" || rows[122][0] != "疫情通报第1号" {
		t.Errorf("rows not in the list's order (newest first): first %q, last %q", rows[1][0], rows[122][0])
	}
	if got := u.status.label.Text; got != "已导出 122 篇到 疫情.csv" {
		t.Errorf("status = %q", got)
	}

	var list nopCloser
	u.export(&list, "疫情.txt", cite.List, u.results.query, u.results.opt)
	lines := strings.Split(strings.TrimSuffix(list.String(), "\n"), "\n")
	if len(lines) != 122 || !strings.HasPrefix(lines[121], "[122] 李明. 疫情通报第1号[N]. 焦作日报, 2019-01-01(1).") {
		t.Errorf("GB/T list: %d lines, the last %q", len(lines), lines[len(lines)-1])
	}

	menuItem(t, w, "文件", "导出结果为 CSV").Action()
	if w.Canvas().Overlays().Top() == nil {
		t.Error("导出结果为 CSV… opened no save dialog")
	}
}

func TestExportWithoutResults(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "没有这个词")
	u.onExportList()
	if w.Canvas().Overlays().Top() != nil || u.status.label.Text != "没有可导出的结果" {
		t.Errorf("export of nothing: overlay %v, status %q; want no dialog and a word why", w.Canvas().Overlays().Top(), u.status.label.Text)
	}
}

func TestExportName(t *testing.T) {
	day := mustDay(t, "2026-11-30")
	tests := []struct {
		q    string
		f    cite.Format
		want string
	}{
		{"口罩", cite.CSV, "报搜-口罩-20261130.csv"},
		{"", cite.List, "报搜-全部-20261130.txt"},
		{`title:"复工 复产"  a/b`, cite.CSV, "报搜-title__复工_复产__a_b-20261130.csv"},
		{strings.Repeat("长", 40), cite.CSV, "报搜-" + strings.Repeat("长", 30) + "-20261130.csv"},
	}
	for _, tt := range tests {
		if got := exportName(tt.q, tt.f, day); got != tt.want {
			t.Errorf("exportName(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestOpenOriginal(t *testing.T) {
	lib := newFakeLib()
	lib.originals = map[string]fakeOriginal{"2020-02-29.txt": {"2020-02-29.txt", []byte("本报讯 原文")}}
	u, w := newTestUI(t, lib)
	cache := t.TempDir()
	var opened []*url.URL
	tb := u.toolbox()
	tb.cacheDir = func() (string, error) { return cache, nil }
	tb.opener = func(u *url.URL) error { opened = append(opened, u); return nil }

	menuItem(t, w, "文件", "打开原文件").Action()
	path := filepath.Join(cache, "2020-02-29.txt", "2020-02-29.txt")
	if data, err := os.ReadFile(path); err != nil || string(data) != "本报讯 原文" {
		t.Fatalf("original in the cache: %q, %v", data, err)
	}
	if len(opened) != 1 || opened[0].Scheme != "file" || opened[0].Path != path {
		t.Fatalf("opened %v, want file://%s", opened, path)
	}
	if !strings.Contains(u.status.label.Text, "2020-02-29.txt") {
		t.Errorf("status = %q, want the file named", u.status.label.Text)
	}

	u.results.list.Select(1) // a3: its source has no stored copy
	u.onOpenOriginal()
	if len(opened) != 1 || w.Canvas().Overlays().Top() == nil {
		t.Errorf("a missing copy: %d opened, overlay %v; want an error and nothing opened", len(opened), w.Canvas().Overlays().Top())
	}
}

func TestOpenOriginalWithoutOpener(t *testing.T) {
	lib := newFakeLib()
	lib.originals = map[string]fakeOriginal{"2020-02-29.txt": {"2020-02-29.txt", []byte("x")}}
	u, w := newTestUI(t, lib)
	tb := u.toolbox()
	cache := t.TempDir()
	tb.cacheDir = func() (string, error) { return cache, nil }
	tb.opener = func(*url.URL) error { return errors.New(`exec: "xdg-open": executable file not found in $PATH`) }
	u.onOpenOriginal()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message when the system has no opener")
	}
	path := filepath.Join(cache, "2020-02-29.txt", "2020-02-29.txt")
	if !strings.Contains(labelsIn(top), path) {
		t.Errorf("the message %q does not say where the file is (%s)", labelsIn(top), path)
	}
}

// labelsIn is the text of every label and rich text under o.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestOpenOriginalFailures(t *testing.T) {
	lib := newFakeLib()
	lib.copyErr = errors.New("the stored copy of x cannot be read")
	u, w := newTestUI(t, lib)
	tb := u.toolbox()
	tb.cacheDir = func() (string, error) { return t.TempDir(), nil }
	tb.opener = func(*url.URL) error { t.Error("opened a file that could not be written"); return nil }
	u.onOpenOriginal()
	if w.Canvas().Overlays().Top() == nil {
		t.Error("no error shown when the stored copy cannot be read")
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"2020-02-29.txt": "2020-02-29.txt", "../../etc/passwd": "passwd", "a/b.pdf": "b.pdf",
		"": "fallback", ".": "fallback", "..": "fallback", "/": "fallback",
	} {
		if got := safeName(in, "fallback"); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAbout(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	menuItem(t, w, "帮助", "关于报搜").Action()
	if w.Canvas().Overlays().Top() == nil || u.toolbox().about == nil {
		t.Fatal("关于报搜 opened no window")
	}
	u.showAbout()
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Errorf("About twice: %d windows, want 1", n)
	}
	u.toolbox().about.Hide()
	if u.toolbox().about != nil {
		t.Error("closing About does not let it open again")
	}
	tests := []struct {
		m    fyne.AppMetadata
		want string
	}{
		{fyne.AppMetadata{Version: "0.1.0", Build: 1}, "版本 0.1.0（构建 1）"},
		{fyne.AppMetadata{Version: "1.2.3"}, "版本 1.2.3"},
		{fyne.AppMetadata{}, "版本未知（开发版）"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.m); got != tt.want {
			t.Errorf("versionLine(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
	// A test binary carries no module list, so only Go's version shows here;
	// the real window shows Fyne's too (checked on a screenshot).
	if got := builtWith(); !strings.HasPrefix(got, "Go 1.") {
		t.Errorf("builtWith() = %q, want Go's version first", got)
	}
}

// The tools sit where they belong among the menu's own items.
func TestToolMenus(t *testing.T) {
	_, w := newTestUI(t, newFakeLib())
	var edit []string
	for _, m := range w.MainMenu().Items {
		if m.Label == "编辑" {
			for _, it := range m.Items {
				edit = append(edit, it.Label)
			}
		}
	}
	at := func(label string) int {
		for i, l := range edit {
			if l == label {
				return i
			}
		}
		return -1
	}
	if i := at("复制全文（含出处）"); i < 0 || at("复制出处") != i+1 {
		t.Errorf("编辑 menu %q: 复制出处 should follow 复制全文", edit)
	}
	for _, l := range []string{"出处格式", "最近的搜索"} {
		if at(l) < 0 {
			t.Errorf("编辑 menu %q lacks %s", edit, l)
		}
	}
}

// Quit stays the last item of 文件: the desktop driver adds a second Quit
// to a first menu that does not end with one, and the tools went after it.
func TestQuitIsLastOfFileMenu(t *testing.T) {
	_, w := newTestUI(t, newFakeLib())
	file := w.MainMenu().Items[0].Items
	if last := file[len(file)-1]; !last.IsQuit {
		t.Errorf("文件 ends with %q, not Quit", last.Label)
	}
	quits, tools := 0, 0
	for _, it := range file {
		if it.IsQuit {
			quits++
		}
		if strings.HasPrefix(it.Label, "导出结果") || it.Label == "打开原文件" {
			tools++
		}
	}
	for i := 1; i < len(file); i++ {
		if file[i].IsSeparator && file[i-1].IsSeparator {
			t.Errorf("two separators running at %d in 文件", i)
		}
	}
	if quits != 1 || tools != 3 {
		t.Errorf("文件 has %d Quit items and %d of the 3 tools", quits, tools)
	}
}
