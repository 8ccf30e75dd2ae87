package gui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baosou/index"
)

// manyArticles are n articles by four reporters (4:3:2:1), over twelve
// months from 2019-06; every third is about 口罩.
func manyArticles(n int) []record {
	reporters := []string{"张三", "张三", "张三", "张三", "李四", "李四", "李四", "王五", "王五", "赵六"}
	var recs []record
	for i := range n {
		m := 6 + i%12
		y := 2019 + (m-1)/12
		m = (m-1)%12 + 1
		topic := "复工"
		if i%3 == 0 {
			topic = "口罩"
		}
		recs = append(recs, record{
			Title:    fmt.Sprintf("%s情况第%d期", topic, i+1),
			Date:     fmt.Sprintf("%d-%02d-%02d", y, m, 1+i%28),
			Reporter: reporters[i%10],
			Body:     fmt.Sprintf("本期通报%s情况，第%d期。示范区各部门协同推进。", topic, i+1),
		})
	}
	return recs
}

// counts is what the facets should say of recs matching keep.
func counts(recs []record, keep func(record) bool) (reporters map[string]int, months map[string]int) {
	reporters, months = map[string]int{}, map[string]int{}
	for _, r := range recs {
		if keep(r) {
			reporters[r.Reporter]++
			months[r.Date[:7]]++
		}
	}
	return reporters, months
}

func checkFacets(t *testing.T, u *UI, step string, reporters, months map[string]int) {
	t.Helper()
	var want []string
	for _, name := range []string{"张三", "李四", "王五", "赵六"} { // most first, as generated
		if reporters[name] > 0 {
			want = append(want, fmt.Sprintf("%s %d", name, reporters[name]))
		}
	}
	if got := shownReporters(u.facets); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: reporters %v, want %v", step, got, want)
	}
	got := map[string]int{}
	for _, b := range u.facets.timeline.bars {
		if b.count > 0 {
			got[b.key] = b.count
		}
	}
	if !reflect.DeepEqual(got, months) {
		t.Errorf("%s: timeline %v, want %v", step, got, months)
	}
}

// The facets panel on a library of a few hundred articles: the top
// reporters with their counts and a bar a month, over every match (not the
// page listed); they follow the query as it is typed, and a click on a
// reporter or a month sets that filter.
func TestFacetsRealLibrary(t *testing.T) {
	lib := openLibrary(t)
	u, _ := newTestUI(t, lib)
	recs := manyArticles(300)
	importNow(t, u, writeJSONL(t, t.TempDir(), "bulk.jsonl", recs))
	if u.results.total != 300 || len(u.results.hits) != pageSize {
		t.Fatalf("listed %d of %d, want a page of 300", len(u.results.hits), u.results.total)
	}
	all := func(record) bool { return true }
	r, m := counts(recs, all)
	checkFacets(t, u, "the whole library", r, m)
	if n := len(u.facets.timeline.bars); n != 12 {
		t.Errorf("%d bars, want one a month for 12 months", n)
	}

	test.Type(u.search.entry, "口罩")
	about := func(r record) bool { return strings.Contains(r.Title, "口罩") }
	r, m = counts(recs, about)
	checkFacets(t, u, "口罩", r, m)

	link := u.facets.names[1] // 李四
	test.TapAt(link, fyne.NewPos(link.Size().Width/2, link.Size().Height/2))
	if got := u.search.reporter.Text; got != "李四" {
		t.Fatalf("clicking %q set the reporter filter to %q", link.Text, got)
	}
	if u.results.total != r["李四"] {
		t.Errorf("after clicking 李四: %d hits, want %d", u.results.total, r["李四"])
	}
	for _, h := range u.results.hits {
		if h.Reporter != "李四" {
			t.Errorf("hit %q by %q after filtering by 李四", h.Title, h.Reporter)
		}
	}
	r, m = counts(recs, func(x record) bool { return about(x) && x.Reporter == "李四" })
	checkFacets(t, u, "口罩 by 李四", r, m)

	bars := u.facets.timeline.bars
	k := 0
	for k < len(bars) && bars[k].count == 0 {
		k++
	}
	u.facets.timeline.Resize(fyne.NewSize(float32(40*len(bars)), 40))
	slot := min(u.facets.timeline.Size().Width/float32(len(bars)), 2*u.facets.timeline.Theme().Size("text"))
	test.TapAt(u.facets.timeline, fyne.NewPos(slot*float32(k)+slot/2, 20))
	month := bars[k].key
	if u.search.from.Text != month || u.search.to.Text != month {
		t.Fatalf("clicking bar %s set the dates to %q–%q", month, u.search.from.Text, u.search.to.Text)
	}
	if u.results.total != m[month] {
		t.Errorf("after clicking %s: %d hits, want %d", month, u.results.total, m[month])
	}
	for _, h := range u.results.hits {
		if !strings.HasPrefix(h.Date, month) {
			t.Errorf("hit dated %s after clicking %s", h.Date, month)
		}
	}
}

// One big .jsonl moves the progress bar by bytes while it is read and
// indexed, not only when the file is done.
func TestImportProgressWithinOneFileRealLibrary(t *testing.T) {
	lib := openLibrary(t)
	u, _ := newTestUI(t, lib)
	u.imports.every = 0 // every report, not one a tenth of a second
	var within []float64
	post := u.post
	u.post = func(f func()) {
		post(f)
		m := u.imports
		if m.running && m.bar.Max > 1 {
			within = append(within, m.bar.Value/m.bar.Max)
		}
	}
	recs := manyArticles(1500)
	path := writeJSONL(t, t.TempDir(), "big.jsonl", recs)
	importNow(t, u, path)
	if u.results.total != 1500 {
		t.Fatalf("imported %d articles, want 1500", u.results.total)
	}
	between := 0
	for i, f := range within {
		if i > 0 && f < within[i-1] {
			t.Errorf("the bar went back from %.3f to %.3f", within[i-1], f)
		}
		if f > 0.05 && f < 0.95 {
			between++
		}
	}
	if between < 3 {
		t.Errorf("the bar stood between 5%% and 95%% %d times (of %d updates), want it to move through the file", between, len(within))
	}
	if !strings.Contains(fmt.Sprint(progressText(index.ImportProgress{FilesTotal: 1, BytesDone: 1 << 20, BytesTotal: 4 << 20})), "1.0 MB / 4.0 MB") {
		t.Error("the progress line does not give the bytes")
	}
}

// Cancelling an import under way stops it, says so, and leaves the library
// as it was: searchable, with nothing half imported.
func TestCancelImportRealLibrary(t *testing.T) {
	lib := openLibrary(t)
	u, _ := newTestUI(t, lib)
	u.imports.every = 0
	post := u.post
	u.post = func(f func()) {
		post(f)
		if m := u.imports; m.running && m.bar.Value > 0 && m.cancelBtn != nil && !m.cancelBtn.Disabled() {
			test.Tap(m.cancelBtn)
		}
	}
	u.Import([]string{writeJSONL(t, t.TempDir(), "big.jsonl", manyArticles(3000))})
	if !strings.HasPrefix(u.imports.summary, "导入已取消") {
		t.Errorf("summary after cancelling: %q", u.imports.summary)
	}
	n := 0
	for _, s := range lib.Sources() {
		n += s.Articles
	}
	if u.results.total != n {
		t.Errorf("the list counts %d, the library holds %d", u.results.total, n)
	}
	u.post = post
	u.imports.ask.close()
	summary := importNow(t, u, writeJSONL(t, t.TempDir(), "big.jsonl", manyArticles(3000)))
	if !strings.HasPrefix(summary, "导入完成") || u.results.total != 3000 {
		t.Errorf("importing again after cancelling: %d listed, summary %q", u.results.total, summary)
	}
}

// 显示更多 and ↓ at the end of the list fetch the next page of the real
// index's results: no article twice, the count says how many are listed,
// and the facets still count every match.
func TestMoreResultsRealLibrary(t *testing.T) {
	u, _ := newTestUI(t, openLibrary(t))
	importNow(t, u, writeJSONL(t, t.TempDir(), "bulk.jsonl", manyArticles(120)))
	u.search.entry.SetText("复工")
	if u.results.total != 80 || len(u.results.hits) != pageSize {
		t.Fatalf("%d of %d listed, want %d of 80", len(u.results.hits), u.results.total, pageSize)
	}
	test.Tap(u.results.more)
	u.results.list.Select(len(u.results.hits) - 1)
	u.results.move(1) // at the end of all 80: stays
	seen := map[string]bool{}
	for _, h := range u.results.hits {
		if seen[h.ID] {
			t.Errorf("%s (%s) listed twice", h.ID, h.Title)
		}
		seen[h.ID] = true
	}
	if len(seen) != 80 || u.results.more.Visible() {
		t.Errorf("after 显示更多: %d different hits, more button shown %v", len(seen), u.results.more.Visible())
	}
	if got := u.results.count.Text; got != "共 80 篇" {
		t.Errorf("count = %q", got)
	}
	if got := shownReporters(u.facets); len(got) != 4 || got[0] != "张三 32" {
		t.Errorf("facets after paging = %v, want the four reporters of all 80", got)
	}
}
