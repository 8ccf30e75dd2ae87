package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"baosou/assets"
	"baosou/index/article"
	"baosou/index/fold"
)

// openSample opens a new library, which holds the bundled sample page.
func openSample(t testing.TB) *Library {
	t.Helper()
	l, err := Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func find(t testing.TB, l *Library, q string, opt SearchOptions) *Results {
	t.Helper()
	if opt.Limit == 0 {
		opt.Limit = 100
	}
	res, err := l.Search(context.Background(), q, opt)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

// openEmpty opens a library in dir without the sample; the caller closes it.
func openEmpty(t testing.TB, dir string) *Library {
	t.Helper()
	l, err := OpenWith(dir, Options{NoSample: true})
	if err != nil {
		t.Fatalf("Open %s: %v", dir, err)
	}
	return l
}

func titles(res *Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Title)
	}
	return out
}

func TestNewLibraryHoldsTheSample(t *testing.T) {
	l := openSample(t)
	srcs := l.Sources()
	if len(srcs) != 1 || srcs[0].Articles != 8 || srcs[0].Name != assets.SampleName {
		t.Fatalf("Sources() = %+v, want the sample with 8 articles", srcs)
	}
	res := find(t, l, "", SearchOptions{Sort: NewestFirst})
	if res.Total != 8 {
		t.Errorf(`Search("") total = %d, want 8`, res.Total)
	}
	if res.Hits[0].Date != "2020-02-29" {
		t.Errorf("newest first starts with %s, want 2020-02-29", res.Hits[0].Date)
	}
}

// bodyHas is the ground truth: the articles whose displayed text, in search
// form, contains the needle.
func bodyHas(t *testing.T, l *Library, needle string) []string {
	var out []string
	n := fold.String(needle)
	for _, h := range find(t, l, "", SearchOptions{}).Hits {
		d, _ := l.Get(h.ID)
		if strings.Contains(fold.String(d.Title), n) || strings.Contains(fold.String(d.Body), n) {
			out = append(out, h.ID)
		}
	}
	sort.Strings(out)
	return out
}

func ids(res *Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

func TestSubstringQueriesOnTheSample(t *testing.T) {
	l := openSample(t)
	tests := []struct {
		q     string
		total int
	}{
		{"鹏", 7}, // every article names 王家鹏; the photo caption does not
		{"疫", 8},
		{"房地产", 2},   // one of them printed OCR-spaced: 房 地 产
		{"2月26日", 4}, // printed 2月\n26 日 and 2\n月 26 日 in two of them
		{"２月２６日", 4},
		{"復工復產", 0}, // filled in below from the simplified form
		{"汽车4S店", 1},
		{"汽车4s店", 1},
		{"五个一律", 1},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res := find(t, l, tt.q, SearchOptions{})
			want := bodyHas(t, l, tt.q)
			if tt.total > 0 && res.Total != tt.total {
				t.Errorf("Search(%q) total = %d, want %d", tt.q, res.Total, tt.total)
			}
			if got := ids(res); strings.Join(got, ",") != strings.Join(want, ",") || res.Total != len(want) {
				t.Errorf("Search(%q) = %v (total %d), want %v", tt.q, got, res.Total, want)
			}
		})
	}
	if a, b := find(t, l, "復工復產", SearchOptions{}), find(t, l, "复工复产", SearchOptions{}); a.Total == 0 || a.Total != b.Total {
		t.Errorf("復工復產 found %d, 复工复产 %d: want the same, more than 0", a.Total, b.Total)
	}
}

func TestOperatorsAndFields(t *testing.T) {
	l := openSample(t)
	total := func(q string) int { return find(t, l, q, SearchOptions{}).Total }
	both, kouzhao, banqian := total("疫情 口罩"), total("口罩"), total("搬迁")
	if both == 0 || both > kouzhao {
		t.Errorf("疫情 口罩 = %d, 口罩 = %d: AND must narrow", both, kouzhao)
	}
	if got := total("口罩 OR 搬迁"); got != kouzhao+banqian-total("口罩 搬迁") {
		t.Errorf("口罩 OR 搬迁 = %d, want %d", got, kouzhao+banqian-total("口罩 搬迁"))
	}
	if got := total("疫情 -口罩"); got != total("疫情")-both {
		t.Errorf("疫情 -口罩 = %d, want %d", got, total("疫情")-both)
	}
	if got := total(`"复工复产"`); got != total("复工复产") || got == 0 {
		t.Errorf(`"复工复产" = %d, want %d`, got, total("复工复产"))
	}
	if got := total("-疫情防控工作"); got != 8-total("疫情防控工作") {
		t.Errorf("-疫情防控工作 = %d, want %d", got, 8-total("疫情防控工作"))
	}
	fields := []struct {
		q    string
		want int
	}{
		{"title:复工", 2}, {"标题:复工", 2}, {"标题：复工", 2},
		// 郭树勋 wrote seven articles and took the photo of the eighth.
		{"reporter:郭树勋", 8}, {"记者:郭树勋", 8}, {"记者:郭", 8},
		{"date:2020-02-26", 3}, {"date:2020-02-24..2020-02-28", 6}, {"date:2020-02", 7},
		{"title:王家鹏 date:2020-02-26", 3}, // the derived title of the 第七次会议 article counts
	}
	for _, f := range fields {
		if got := total(f.q); got != f.want {
			t.Errorf("Search(%q) total = %d, want %d", f.q, got, f.want)
		}
	}
	for _, h := range find(t, l, "title:复工", SearchOptions{}).Hits {
		if !strings.Contains(h.Title, "复工") {
			t.Errorf("title:复工 found %q", h.Title)
		}
	}
}

func TestFiltersCombineWithTheQuery(t *testing.T) {
	l := openSample(t)
	res := find(t, l, "王家鹏", SearchOptions{From: "2020-02-26", To: "2020-02-26"})
	if res.Total != 3 {
		t.Errorf("王家鹏 on 2020-02-26 = %d, want 3", res.Total)
	}
	if res := find(t, l, "", SearchOptions{Reporter: "郭树勋"}); res.Total != 8 {
		t.Errorf("reporter filter 郭树勋 = %d, want 8 (seven articles and a photo)", res.Total)
	}
	if _, err := l.Search(context.Background(), "", SearchOptions{From: "2020-13-01"}); err == nil {
		t.Error("a bad From date gave no error")
	}
}

func TestHeadlineMatchesRankFirst(t *testing.T) {
	l := openSample(t)
	res := find(t, l, "王家鹏", SearchOptions{})
	inTitle := 0
	for _, h := range res.Hits {
		if strings.Contains(h.Title, "王家鹏") {
			inTitle++
		}
	}
	for i, h := range res.Hits[:inTitle] {
		if !strings.Contains(h.Title, "王家鹏") {
			t.Errorf("hit %d %q ranks above a headline match", i, h.Title)
		}
	}
	if inTitle != 5 {
		t.Errorf("%d headlines with 王家鹏, want 5", inTitle)
	}
}

func TestSortOrders(t *testing.T) {
	l := openSample(t)
	dated := func(res *Results) []string {
		var d []string
		for _, h := range res.Hits {
			if h.Date != "" {
				d = append(d, h.Date)
			}
		}
		return d
	}
	newest := dated(find(t, l, "疫情", SearchOptions{Sort: NewestFirst}))
	if !sort.IsSorted(sort.Reverse(sort.StringSlice(newest))) {
		t.Errorf("NewestFirst dates = %v", newest)
	}
	oldest := dated(find(t, l, "疫情", SearchOptions{Sort: OldestFirst}))
	if !sort.StringsAreSorted(oldest) {
		t.Errorf("OldestFirst dates = %v", oldest)
	}
	// Every article matches 疫 about as well: ties go newest first.
	ties := dated(find(t, l, "", SearchOptions{}))
	if !sort.IsSorted(sort.Reverse(sort.StringSlice(ties))) {
		t.Errorf("relevance ties not newest first: %v", ties)
	}
}

func spanText(s string, sp Span) string { return string([]rune(s)[sp.Start:sp.End]) }

func TestHighlightsAreExactSpans(t *testing.T) {
	l := openSample(t)
	for _, q := range []string{"房地产", "鹏", "2月26日", "２月２６日", "復工復產", "疫情 口罩", "title:复工"} {
		res := find(t, l, q, SearchOptions{})
		if res.Total == 0 {
			t.Fatalf("Search(%q) found nothing", q)
		}
		terms := strings.Fields(strings.TrimPrefix(q, "title:"))
		for _, h := range res.Hits {
			for _, sp := range h.SnippetHighlights {
				if got := fold.String(spanText(h.Snippet, sp)); !containsAny(got, terms) {
					t.Errorf("Search(%q) snippet span %v = %q, not a term", q, sp, spanText(h.Snippet, sp))
				}
			}
			d, _ := l.Get(h.ID)
			body, title, err := l.Highlight(d, q)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(q, "title:") && len(body) == 0 && len(title) == 0 {
				t.Errorf("Highlight(%s, %q) found no spans", h.ID, q)
			}
			for _, sp := range body {
				if got := fold.String(spanText(d.Body, sp)); !containsAny(got, terms) {
					t.Errorf("Highlight(%q) body span %v = %q", q, sp, spanText(d.Body, sp))
				}
			}
		}
	}
}

func containsAny(s string, terms []string) bool {
	for _, t := range terms {
		if strings.Contains(s, fold.String(t)) {
			return true
		}
	}
	return false
}

func TestOCRSpacedTextIsHighlightedWhole(t *testing.T) {
	l := openSample(t)
	d := &Doc{Title: "x", Body: "工程建 设 和 房 地 产 项目"}
	body, _, _ := l.Highlight(d, "房地产")
	if len(body) != 1 || spanText(d.Body, body[0]) != "房 地 产" {
		t.Errorf("Highlight(房地产) = %v, want one span over 房 地 产", body)
	}
}

func TestSnippet(t *testing.T) {
	body := strings.Repeat("甲", 100) + "目标" + strings.Repeat("乙", 100)
	snip, spans := snippetFor(body, []byte(fold.String(body)), []hlTerm{{form: []rune("目标"), inBody: true}}, 80)
	if len(spans) != 1 || spanText(snip, spans[0]) != "目标" {
		t.Fatalf("snippet spans %v in %q", spans, snip)
	}
	if n := len([]rune(snip)); n > 82 || n < 80 {
		t.Errorf("snippet is %d characters, want about 80", n)
	}
	if !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") {
		t.Errorf("snippet %q should show it was cut on both sides", snip)
	}
	// OCR spaces and a full-width query: the span still lands on the printed text.
	body = strings.Repeat("甲", 300) + "房 地 产" + strings.Repeat("乙", 10)
	snip, spans = snippetFor(body, []byte(fold.String(body)), []hlTerm{{form: []rune("房地产"), inBody: true}}, 80)
	if len(spans) != 1 || spanText(snip, spans[0]) != "房 地 产" || strings.HasSuffix(snip, "…") {
		t.Errorf("snippetFor(房 地 产) = %q %v", snip, spans)
	}
	snip, spans = snippetFor("短文", []byte("短文"), []hlTerm{{form: []rune("无"), inBody: true}}, 80)
	if snip != "短文" || len(spans) != 0 {
		t.Errorf("snippetFor without a match = %q %v, want the text unmarked", snip, spans)
	}
}

func TestSyntaxErrorsAreReported(t *testing.T) {
	l := openSample(t)
	for _, q := range []string{`"疫情`, "-", "OR", "title:", "date:2020-02-30", "，。！", "😀"} {
		_, err := l.Search(context.Background(), q, SearchOptions{})
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Search(%q) error = %v, want a *SyntaxError", q, err)
		}
	}
}

func TestReimportAddsNoDuplicates(t *testing.T) {
	l := openSample(t)
	p := filepath.Join(t.TempDir(), "page.txt")
	os.WriteFile(p, assets.SamplePage, 0o644)
	rep, err := l.Import(context.Background(), []string{p}, ImportOptions{Year: 2020})
	if err != nil || rep.Added != 0 || rep.DuplicateFiles != 1 {
		t.Errorf("re-import: %+v, %v; want 0 added, duplicates counted", rep, err)
	}
	crlf := filepath.Join(t.TempDir(), "page-crlf.txt")
	os.WriteFile(crlf, []byte(strings.ReplaceAll(string(assets.SamplePage), "\n", "\r\n")), 0o644)
	rep, _ = l.Import(context.Background(), []string{crlf}, ImportOptions{Year: 2020})
	if rep.Added != 0 || rep.Duplicates != 8 {
		t.Errorf("same articles in another file: added %d, duplicates %d; want 0, 8", rep.Added, rep.Duplicates)
	}
	if n := find(t, l, "", SearchOptions{}).Total; n != 8 {
		t.Errorf("library holds %d articles after re-imports, want 8", n)
	}
}

func TestRemoveAndReopen(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A second Open reads beside the first; it cannot write while the first reads.
	l2, err := Open(dir)
	if err != nil {
		t.Fatalf("second Open: %v, want the library shared", err)
	}
	if err := l2.Remove(l.Sources()[0].ID); !errors.Is(err, ErrLocked) {
		t.Errorf("Remove while another Library reads = %v, want ErrLocked", err)
	}
	l2.Close()
	id := l.Sources()[0].ID
	if err := l.Remove(id); err != nil {
		t.Fatal(err)
	}
	if n := find(t, l, "", SearchOptions{}).Total; n != 0 {
		t.Errorf("after Remove, %d articles remain", n)
	}
	if err := l.Remove(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Remove twice: %v, want ErrNotFound", err)
	}
	l.Close()
	l, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n := len(l.Sources()); n != 0 {
		t.Errorf("reopened library has %d sources; a removed sample must not come back", n)
	}
}

func TestHugeArticlesAreSplitIntoParts(t *testing.T) {
	big := strings.Repeat("甲乙丙丁", 800000) // 9.6 MB, one paragraph
	a := article.Article{Title: "长文", Kind: article.KindDocument, Paragraphs: []string{"开头。", big, "结尾。"}}
	parts := splitArticle(a, maxArticleBytes)
	if len(parts) < 9 {
		t.Fatalf("a 9.6 MB article became %d parts, want about 10", len(parts))
	}
	var joined strings.Builder
	for i, p := range parts {
		if n := len(p.Body()); n > maxArticleBytes {
			t.Errorf("part %d has %d bytes, more than %d", i, n, maxArticleBytes)
		}
		if !strings.HasPrefix(p.Title, "长文 (") || !utf8.ValidString(p.Body()) {
			t.Errorf("part %d: title %q or invalid UTF-8", i, p.Title)
		}
		joined.WriteString(strings.Join(p.Paragraphs, ""))
	}
	if joined.String() != "开头。"+big+"结尾。" {
		t.Error("the parts do not add up to the article")
	}
	if got := splitArticle(article.Article{Title: "短", Paragraphs: []string{"短文"}}, maxArticleBytes); len(got) != 1 || got[0].Title != "短" {
		t.Errorf("a short article was changed: %+v", got)
	}
}

// TestRemovedSourcesStayGone imports files one at a time, each a write of
// its own, and removes one: the removed articles are never found, the others
// always, and after reopening with no repair. Many small writes leave few
// segments (endWrite merges a shard that has more than maxSegments).
func TestRemovedSourcesStayGone(t *testing.T) {
	dir := t.TempDir()
	l := openEmpty(t, dir)
	in := t.TempDir()
	words := []string{"甲骨文", "金文字", "篆书体"}
	for i := range 12 {
		w := words[i%3]
		p := filepath.Join(in, fmt.Sprintf("%s%d.jsonl", w, i))
		os.WriteFile(p, []byte(fmt.Sprintf(`{"title":"第%d篇","body":"这是%s的文章。"}`+"\n", i, w)), 0o644)
		if rep, err := l.Import(context.Background(), []string{p}, ImportOptions{}); err != nil || rep.Added != 1 {
			t.Fatalf("import %s: %+v, %v", w, rep, err)
		}
	}
	if n := l.engine().segments(); n > maxSegments {
		t.Errorf("%d segments after 12 small imports, want at most %d", n, maxSegments)
	}
	for _, s := range l.Sources() {
		if strings.HasPrefix(s.Name, "金文字") {
			if err := l.Remove(s.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func(when string) {
		t.Helper()
		for _, w := range words {
			want := 4
			if w == "金文字" {
				want = 0
			}
			if n := find(t, l, w, SearchOptions{}).Total; n != want {
				t.Errorf("%s: %s found in %d articles, want %d", when, w, n, want)
			}
		}
		if n := find(t, l, "文章", SearchOptions{}).Total; n != 8 {
			t.Errorf("%s: 文章 in %d articles, want 8", when, n)
		}
	}
	check("after the removals")
	l.Close()
	l = openEmpty(t, dir)
	defer l.Close()
	if l.Notice() != "" {
		t.Errorf("reopening: %q, want no repair", l.Notice())
	}
	check("after reopening")
}

// TestRemoveThenImportAgain: a removed file imported again is found once,
// also when it shared a segment with a file that stays.
func TestRemoveThenImportAgain(t *testing.T) {
	dir := t.TempDir()
	l := openEmpty(t, dir)
	defer l.Close()
	in := t.TempDir()
	a, b := filepath.Join(in, "a.jsonl"), filepath.Join(in, "b.jsonl")
	os.WriteFile(a, []byte(`{"title":"一","body":"甲骨文的故事"}`+"\n"+`{"title":"二","body":"甲骨文再说"}`+"\n"), 0o644)
	os.WriteFile(b, []byte(`{"title":"三","body":"金文的故事"}`+"\n"), 0o644)
	if rep, err := l.Import(context.Background(), []string{a, b}, ImportOptions{}); err != nil || rep.Added != 3 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	var ida string
	for _, s := range l.Sources() {
		if s.Name == "a.jsonl" {
			ida = s.ID
		}
	}
	if err := l.Remove(ida); err != nil {
		t.Fatal(err)
	}
	if rep, err := l.Import(context.Background(), []string{a}, ImportOptions{}); err != nil || rep.Added != 2 {
		t.Fatalf("import again: %+v, %v", rep, err)
	}
	for q, want := range map[string]int{"甲骨文": 2, "甲": 2, "故事": 2, "金文": 1} {
		if n := find(t, l, q, SearchOptions{}).Total; n != want {
			t.Errorf("%s: %d articles, want %d", q, n, want)
		}
	}
	l.Close()
	l = openEmpty(t, dir)
	defer l.Close()
	if l.Notice() != "" {
		t.Errorf("reopening: %q, want no repair", l.Notice())
	}
}

// TestReparseKeepsDuplicatesOut: an article left out of an import as a
// duplicate stays out when the sources are parsed again (Reindex, or an
// upgrade that re-reads old docs files).
func TestReparseKeepsDuplicatesOut(t *testing.T) {
	l := openEmpty(t, t.TempDir())
	defer l.Close()
	in := t.TempDir()
	a, b := filepath.Join(in, "a.jsonl"), filepath.Join(in, "b.jsonl")
	os.WriteFile(a, []byte(`{"title":"一","body":"甲骨文的故事"}`+"\n"), 0o644)
	os.WriteFile(b, []byte(`{"title":"一","body":"甲骨文的故事"}`+"\n"+`{"title":"二","body":"金文"}`+"\n"), 0o644)
	for _, p := range []string{a, b} {
		if _, err := l.Import(context.Background(), []string{p}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := l.Articles(); n != 2 {
		t.Fatalf("%d articles imported, want 2 (one duplicate left out)", n)
	}
	if err := l.Reindex(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n, got := l.Articles(), find(t, l, "甲骨文", SearchOptions{}).Total; n != 2 || got != 1 {
		t.Errorf("after Reindex: %d articles, 甲骨文 in %d; want 2 and 1", n, got)
	}
}

// TestBrowseAllAfterImportAndRemove: the empty query lists each article once
// after imports and removals in the same process (it listed them again and
// again: 8 articles, import 1 -> 17).
func TestBrowseAllAfterImportAndRemove(t *testing.T) {
	l := openSample(t)
	if n := find(t, l, "", SearchOptions{}).Total; n != 8 {
		t.Fatalf("browse all = %d, want 8", n)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "one.jsonl")
	os.WriteFile(p, []byte(`{"title":"新增一篇","date":"2021-01-02","body":"正文在此。"}`+"\n"), 0o644)
	if _, err := l.Import(context.Background(), []string{p}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := find(t, l, "", SearchOptions{}).Total; n != 9 {
		t.Errorf("browse all after importing one = %d, want 9", n)
	}
	src := l.Sources()[0].ID
	if err := l.Remove(src); err != nil {
		t.Fatal(err)
	}
	if n := find(t, l, "", SearchOptions{}).Total; n != 1 {
		t.Errorf("browse all after removing the sample = %d, want 1", n)
	}
}

// TestSourceCopy: the stored copy of an imported file is the file as it was.
func TestSourceCopy(t *testing.T) {
	l := openSample(t)
	src := l.Sources()[0]
	name, data, err := l.SourceCopy(src.ID)
	if err != nil || name != src.Name || !bytes.Equal(data, assets.SamplePage) {
		t.Errorf("SourceCopy(%s) = %q, %d bytes, %v; want %q and the sample page", src.ID, name, len(data), err, src.Name)
	}
	if _, _, err := l.SourceCopy("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SourceCopy(nope) = %v, want ErrNotFound", err)
	}
}

// TestDateOrderWithoutYears: articles whose date has no year come after all
// dated ones, newest or oldest first, in order of month and day; those with
// no date at all come last.
func TestDateOrderWithoutYears(t *testing.T) {
	l := openEmpty(t, t.TempDir())
	defer l.Close()
	in := t.TempDir()
	pages := map[string]string{ // the file names carry no year
		"a.txt": "本报讯（记者甲）3月5日，春耕开始，田间一片繁忙景象。\n",
		"b.txt": "本报讯（记者乙）1月9日，春耕准备，农资供应充足有序。\n",
		"c.txt": "本报讯（记者丙）12月1日，春耕总结，全年粮食稳产增收。\n",
	}
	var paths []string
	for name, text := range pages {
		p := filepath.Join(in, name)
		os.WriteFile(p, []byte(text), 0o644)
		paths = append(paths, p)
	}
	bulk := filepath.Join(in, "dated.jsonl")
	os.WriteFile(bulk, []byte(`{"title":"甲","date":"2020-06-01","body":"春耕一"}`+"\n"+
		`{"title":"乙","date":"2019-06-01","body":"春耕二"}`+"\n"+`{"title":"丙","body":"春耕三，没有日期"}`+"\n"), 0o644)
	paths = append(paths, bulk)
	if rep, err := l.Import(context.Background(), paths, ImportOptions{}); err != nil || rep.Added != 6 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	order := func(s Sort) string {
		var dates []string
		for _, h := range find(t, l, "春耕", SearchOptions{Sort: s}).Hits {
			dates = append(dates, h.Date)
		}
		return strings.Join(dates, " ")
	}
	if got, want := order(NewestFirst), "2020-06-01 2019-06-01 --12-01 --03-05 --01-09 "; got != want {
		t.Errorf("newest first: %q, want %q", got, want)
	}
	if got, want := order(OldestFirst), "2019-06-01 2020-06-01 --01-09 --03-05 --12-01 "; got != want {
		t.Errorf("oldest first: %q, want %q", got, want)
	}
}

// TestTwoShards: a library of two shards finds what one of one does:
// checked candidates, totals, facets, the undated count, the same hits.
// Not quite the same order: Bleve's pre-search shares the article count
// and field lengths across shards, not each term's document frequency.
func TestTwoShards(t *testing.T) {
	one := openSample(t)
	t.Setenv("BAOSOU_SHARDS", "2")
	two := openSample(t)
	if two.shards != 2 {
		t.Fatalf("BAOSOU_SHARDS=2 made %d shards", two.shards)
	}
	for _, q := range []string{"疫情", "疫情防控工作", "王家鹏 -复工", "title:复工 OR 房地产", "郭树勋"} {
		a := find(t, one, q, SearchOptions{Facets: true, From: "2020-02-25"})
		b := find(t, two, q, SearchOptions{Facets: true, From: "2020-02-25"})
		if a.Total != b.Total || a.Undated != b.Undated || fmt.Sprint(a.Facets) != fmt.Sprint(b.Facets) {
			t.Errorf("%s: one shard %d (%d undated) %v, two %d (%d undated) %v", q, a.Total, a.Undated, a.Facets, b.Total, b.Undated, b.Facets)
		}
		var ida, idb []string
		for i := range a.Hits {
			ida = append(ida, a.Hits[i].ID[strings.LastIndexByte(a.Hits[i].ID, '-'):])
		}
		for i := range b.Hits {
			idb = append(idb, b.Hits[i].ID[strings.LastIndexByte(b.Hits[i].ID, '-'):])
		}
		sort.Strings(ida)
		sort.Strings(idb)
		if strings.Join(ida, " ") != strings.Join(idb, " ") {
			t.Errorf("%s: one shard finds %v, two %v", q, ida, idb)
		}
	}
}
