package gui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// useEnglish switches the app to English for one test.
func useEnglish(t *testing.T) {
	t.Helper()
	old := english
	english = true
	t.Cleanup(func() {
		english = old
		useFyneLanguage()
	})
}

var verbRe = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// Every key the code asks for is in the table, in both languages, with the
// same arguments; every file error, warning and notice code has its words.
func TestMessageTable(t *testing.T) {
	for k, m := range messages {
		if m.zh == "" || m.en == "" {
			t.Errorf("message %q lacks a language: %+v", k, m)
		}
		if a, b := verbRe.FindAllString(m.zh, -1), verbRe.FindAllString(m.en, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("message %q: Chinese takes %v, English %v", k, a, b)
		}
	}
	files, _ := filepath.Glob("*.go")
	keyRe := regexp.MustCompile(`tr\("([a-zA-Z.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a key made with a code, checked below
			}
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s asks for message %q, which the table lacks", f, m[1])
			}
		}
	}
	for _, c := range append(append(fileErrorCodes, warningCodes...), noticeCodes...) {
		key := "reason." + c
		if strings.Contains(strings.Join(noticeCodes, " "), c) {
			key = "notice." + c
		}
		if _, ok := messages[key]; !ok {
			t.Errorf("code %q has no words (%s)", c, key)
		}
	}
}

func TestReasonsInTheAppsLanguage(t *testing.T) {
	tests := []struct {
		fe     index.FileError
		zh, en string
	}{
		{index.FileError{Code: index.CodeNotText, Err: "not a text file"}, "不是文本文件", "not a text file"},
		{index.FileError{Code: index.CodeDuplicate, Detail: "a.txt", Err: "already imported as a.txt"}, "已导入过（名为“a.txt”）", "already imported as a.txt"},
		{index.FileError{Code: "bad_json", Detail: "unexpected end", Err: "line 3: unexpected end"}, "第 3 行：不是有效的 JSON（unexpected end）", "line 3: not valid JSON (unexpected end)"},
		{index.FileError{Code: index.CodeLongLine, Err: "a line over 4 MB"}, "有一行超过 4 MB，不像报纸版面文本", "a line over 4 MB: not page text"},
		{index.FileError{Code: index.CodeOther, Err: "something odd"}, "something odd", "something odd"},
		{index.FileError{Code: index.CodeDuplicate, Err: "already imported"}, "已导入过（名为“”）", "already imported as "},
		{index.FileError{Code: index.CodeWrite, Err: "cannot write"}, "无法写入资料库", "cannot write to the library"},
	}
	for _, tt := range tests {
		if got := reason(tt.fe); got != tt.zh {
			t.Errorf("reason(%+v) = %q, want %q", tt.fe, got, tt.zh)
		}
	}
	useEnglish(t)
	for _, tt := range tests {
		if got := reason(tt.fe); got != tt.en {
			t.Errorf("English reason(%+v) = %q, want %q", tt.fe, got, tt.en)
		}
	}
}

// chrome collects the app's own texts: menus, buttons, placeholders, the
// sort choices and the labels that are not article text.
func chrome(u *UI, w fyne.Window) []string {
	var out []string
	var items func([]*fyne.MenuItem)
	items = func(its []*fyne.MenuItem) {
		for _, it := range its {
			if !it.IsSeparator {
				out = append(out, it.Label)
			}
			if it.ChildMenu != nil { // the citation styles, the recent searches
				items(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range w.MainMenu().Items {
		out = append(out, m.Label)
		items(m.Items)
	}
	walk(w.Content(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			out = append(out, v.Text)
		case *searchEntry:
			out = append(out, v.PlaceHolder)
		case *widget.Select:
			out = append(out, v.Options...)
		}
	})
	return append(out, u.results.count.Text, u.detail.matches.Text, lang.L("Yes"), lang.L("No"), lang.L("Open"))
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// In English every text of the app is English (Fyne's own too); in Chinese
// (the default) every one is Chinese.
func TestOneLanguagePerLocale(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	test := func(want string, ok func(string) bool) {
		t.Helper()
		for _, s := range chrome(u, w) {
			if strings.TrimSpace(s) != "" && !ok(s) && !strings.HasPrefix(s, "Ctrl") {
				t.Errorf("%s interface shows %q", want, s)
			}
		}
	}
	test("Chinese", hasHan)
	if got := lang.L("No"); got != "否" {
		t.Errorf("Fyne's No = %q in the Chinese app, want 否", got)
	}
	useEnglish(t)
	u, w = newTestUI(t, newFakeLib())
	test("English", func(s string) bool { return !hasHan(s) || strings.Contains(s, "疫情") })
	if got := lang.L("No"); got != "No" {
		t.Errorf("Fyne's No = %q in the English app", got)
	}
}

// A failed import is not reported in the success colour.
func TestFailuresNotInSuccessColour(t *testing.T) {
	lib := newFakeLib()
	lib.importFn = func(context.Context, []string, index.ImportOptions) (index.ImportReport, error) {
		return index.ImportReport{Files: 1, Failed: []index.FileError{{Path: "/x/a.bin", Code: index.CodeNotText}}}, nil
	}
	u, _ := newTestUI(t, lib)
	u.Import([]string{"/x/a.bin"})
	if got := u.status.label.Importance; got == widget.SuccessImportance {
		t.Errorf("status %q shown in the success colour", u.status.label.Text)
	}
	if !strings.Contains(u.status.label.Text, "有问题") {
		t.Errorf("status = %q, want it to say there were problems", u.status.label.Text)
	}
}

// What opening the library did is said in the app's language.
func TestNoticesWorded(t *testing.T) {
	lib := newFakeLib()
	lib.notices = []index.FileError{{Code: index.CodeRebuilt, Detail: "segments damaged", Err: "The index was rebuilt from the stored sources: segments damaged"}}
	u, _ := newTestUI(t, lib)
	if got := u.status.label.Text; !strings.Contains(got, "索引已从保存的原文重建") {
		t.Errorf("status = %q, want the rebuild notice in Chinese", got)
	}
}
