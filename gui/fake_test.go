package gui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baosou/index"
	"baosou/index/query"
)

// fakeLib is a deterministic Library: three articles, plain substring search
// with AND of space-separated terms, an unclosed quote as its syntax error.
type fakeLib struct {
	mu      sync.Mutex
	docs    []*index.Doc
	sources []index.Source
	removed []string

	// block, when set, makes Search for a query wait until its channel is
	// closed, ignoring cancellation, so tests can finish searches out of order.
	block map[string]chan struct{}
	// entered, when set, hears each query as its Search begins.
	entered chan string
	// importFn, when set, runs Import.
	importFn func(ctx context.Context, paths []string, opt index.ImportOptions) (index.ImportReport, error)

	// originals are SourceCopy's files by source ID; copyErr fails it.
	originals map[string]fakeOriginal
	copyErr   error
	// notices are what Notices reports.
	notices []index.FileError
	// updates records UpdateSource calls; updateErr fails them.
	updates   []string
	updateErr error
}

type fakeOriginal struct {
	name string
	data []byte
}

func newFakeLib() *fakeLib {
	doc := func(id, title, date, reporter, source string, paras ...string) *index.Doc {
		return &index.Doc{ID: id, Title: title, Date: date, Reporter: reporter, Source: source,
			SourceID: source, Paragraphs: paras, Body: strings.Join(paras, "\n")}
	}
	return &fakeLib{
		docs: []*index.Doc{
			doc("a1", "王家鹏调研督导服务业疫情防控和复工工作", "2020-02-28", "郭树勋", "2020-02-29.txt",
				"本报讯 2月28日上午，王家鹏调研督导服务业疫情防控和复工工作。他强调，要做好口罩等防护物资保障。",
				"",
				"在一家超市，王家鹏详细了解复工情况。他要求，企业要落实防控责任，口罩要足量供应！"),
			doc("a2", "示范区召开疫情防控工作部署会议", "2020-02-24", "郭树勋", "2020-02-25.txt",
				"会议指出，疫情防控正处于最吃劲的关键阶段。",
				"要克服松懈麻痹思想，增强压力感、责任感。"),
			doc("a3", "两家口罩生产企业复工", "2020-02-26", "李明", "2020-02-27.txt",
				"示范区两家口罩生产企业日前复工，日产口罩十万只。",
				"企业负责人表示，将全力保障供应。"),
		},
		sources: []index.Source{
			{ID: "2020-02-29.txt", Name: "2020-02-29.txt", Articles: 1},
			{ID: "2020-02-25.txt", Name: "2020-02-25.txt", Articles: 1},
			{ID: "2020-02-27.txt", Name: "2020-02-27.txt", Articles: 1},
		},
	}
}

func fakeTerms(q string) ([]string, error) {
	if i := strings.Index(q, `"`); i >= 0 && strings.Count(q, `"`)%2 == 1 {
		return nil, &query.SyntaxError{Query: q, Pos: len([]rune(q[:i])), Msg: "this quote is never closed"}
	}
	return strings.Fields(strings.ReplaceAll(q, `"`, "")), nil
}

// fakeSpans finds every occurrence of every term, in code points.
func fakeSpans(text string, terms []string) []index.Span {
	var out []index.Span
	r := []rune(text)
	for _, t := range terms {
		tr := []rune(t)
		for i := 0; i+len(tr) <= len(r); i++ {
			if string(r[i:i+len(tr)]) == t {
				out = append(out, index.Span{Start: i, End: i + len(tr)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func (f *fakeLib) Search(ctx context.Context, q string, opt index.SearchOptions) (*index.Results, error) {
	f.mu.Lock()
	wait, entered := f.block[q], f.entered
	f.mu.Unlock()
	if entered != nil {
		entered <- q
	}
	if wait != nil {
		<-wait
	}
	terms, err := fakeTerms(q)
	if err != nil {
		return nil, err
	}
	res := &index.Results{Query: q}
	var facets facetCounter
	for _, d := range f.docs {
		if !f.matches(d, terms, opt) {
			continue
		}
		if d.Date == "" && (opt.From != "" || opt.To != "") {
			res.Undated++ // as the contract says: out of both bounds, counted
			continue
		}
		facets.add(d)
		res.Hits = append(res.Hits, index.Hit{ID: d.ID, Title: d.Title, Date: d.Date,
			Reporter: d.Reporter, Source: d.Source, SourceID: d.SourceID, Photographer: d.Photographer,
			Newspaper: d.Newspaper, Page: d.Page, Published: d.Published,
			Score: float64(len(fakeSpans(d.Body, terms))), TitleHighlights: fakeSpans(d.Title, terms),
			Snippet: d.Paragraphs[0], SnippetHighlights: fakeSpans(d.Paragraphs[0], terms)})
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		switch {
		case opt.Sort == index.OldestFirst:
			return a.Date < b.Date
		case opt.Sort == index.ByRelevance && a.Score != b.Score:
			return a.Score > b.Score
		}
		return a.Date > b.Date
	})
	res.Total = len(res.Hits)
	if opt.Facets {
		res.Facets = facets.facets()
	}
	if opt.Offset < len(res.Hits) {
		res.Hits = res.Hits[opt.Offset:]
	} else {
		res.Hits = nil
	}
	if opt.Limit > 0 && len(res.Hits) > opt.Limit {
		res.Hits = res.Hits[:opt.Limit]
	}
	return res, nil
}

// facetCounter counts matches by reporter and month, as the index does.
type facetCounter struct {
	reporters map[string]int
	months    map[string]int
}

func (c *facetCounter) add(d *index.Doc) {
	if c.reporters == nil {
		c.reporters, c.months = map[string]int{}, map[string]int{}
	}
	if d.Reporter != "" {
		c.reporters[d.Reporter]++
	}
	if len(d.Date) >= 7 && d.Date[0] != '-' {
		c.months[d.Date[:7]]++
	}
}

func (c *facetCounter) facets() *index.Facets {
	f := &index.Facets{}
	for name, n := range c.reporters {
		f.Reporter = append(f.Reporter, index.FacetCount{Name: name, Count: n})
	}
	sort.Slice(f.Reporter, func(i, j int) bool {
		a, b := f.Reporter[i], f.Reporter[j]
		return a.Count > b.Count || a.Count == b.Count && a.Name < b.Name
	})
	for m, n := range c.months {
		f.Month = append(f.Month, index.MonthCount{Month: m, Count: n})
	}
	sort.Slice(f.Month, func(i, j int) bool { return f.Month[i].Month < f.Month[j].Month })
	return f
}

func (f *fakeLib) matches(d *index.Doc, terms []string, opt index.SearchOptions) bool {
	for _, t := range terms {
		if !strings.Contains(d.Title+"\n"+d.Body, t) {
			return false
		}
	}
	dated := d.Date == "" || (opt.From == "" || d.Date >= opt.From) && (opt.To == "" || d.Date <= opt.To)
	return dated && strings.Contains(d.Reporter, opt.Reporter)
}

func (f *fakeLib) Get(id string) (*index.Doc, error) {
	for _, d := range f.docs {
		if d.ID == id {
			return d, nil
		}
	}
	return nil, index.ErrNotFound
}

func (f *fakeLib) Highlight(d *index.Doc, q string) (body, title []index.Span, err error) {
	terms, err := fakeTerms(q)
	if err != nil {
		return nil, nil, err
	}
	return fakeSpans(d.Body, terms), fakeSpans(d.Title, terms), nil
}

func (f *fakeLib) Import(ctx context.Context, paths []string, opt index.ImportOptions) (index.ImportReport, error) {
	if f.importFn != nil {
		return f.importFn(ctx, paths, opt)
	}
	return index.ImportReport{Files: len(paths)}, nil
}

func (f *fakeLib) Sources() []index.Source {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]index.Source(nil), f.sources...)
}

// SourceCopy gives the file set in f.originals.
func (f *fakeLib) SourceCopy(id string) (string, []byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.originals[id]
	switch {
	case f.copyErr != nil:
		return "", nil, f.copyErr
	case !ok:
		return "", nil, index.ErrNotFound
	}
	return o.name, o.data, nil
}

// addDocs adds n articles about 疫情, dated before the three others, each
// from its own source, with newspaper and page.
func (f *fakeLib) addDocs(n int) {
	for i := range n {
		id := fmt.Sprintf("n%03d", i)
		date := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		f.docs = append(f.docs, &index.Doc{ID: id, Title: fmt.Sprintf("疫情通报第%d号", i+1), Date: date,
			Reporter: "李明", Newspaper: "焦作日报", Page: i%4 + 1, Source: id + ".txt", SourceID: id,
			Paragraphs: []string{"疫情防控通报。"}, Body: "疫情防控通报。"})
	}
}

func (f *fakeLib) Remove(id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.removed = append(f.removed, id)
	for i, s := range f.sources {
		if s.ID == id {
			f.sources = append(f.sources[:i], f.sources[i+1:]...)
			return nil
		}
	}
	return index.ErrNotFound
}

func (f *fakeLib) Notices() []index.FileError { return f.notices }

// UpdateSource sets a source's year (re-dating its yearless articles) and
// newspaper, as the contract says the index will.
func (f *fakeLib) UpdateSource(id string, up index.SourceUpdate) (index.Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, id)
	if f.updateErr != nil {
		return index.Source{}, f.updateErr
	}
	for i := range f.sources {
		s := &f.sources[i]
		if s.ID != id {
			continue
		}
		if up.Year != nil {
			s.Year = *up.Year
			for _, d := range f.docs {
				if d.SourceID == id && strings.HasPrefix(d.Date, "--") {
					d.Date = fmt.Sprintf("%04d%s", *up.Year, d.Date[1:])
				}
			}
		}
		if up.Newspaper != nil {
			s.Newspaper = *up.Newspaper
		}
		return *s, nil
	}
	return index.Source{}, index.ErrNotFound
}

// newTestUI builds the window on the test driver with all work synchronous:
// a keystroke's search has finished and shown when test.Type returns.
func newTestUI(t *testing.T, lib Library) (*UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 700))
	u := newUI(a, w, lib)
	u.post = func(f func()) { f() }
	u.spawn = func(f func()) { f() }
	u.shift = func() bool { return false }
	u.search.delay = 0
	u.status.hold = 0
	u.start()
	u.toolbox().recent.hold = -1 // keep no recent searches; recent_test.go turns it on
	return u, w
}

// poster makes u post for real from goroutines, as fyne.Do does on the test
// driver, and reports each posted function once it has run. UI work of the
// test itself goes through do, under the same lock, since on the test driver
// nothing else keeps it apart from the posted functions.
type poster struct {
	mu   sync.Mutex
	done chan struct{}
}

func signalPost(u *UI) *poster {
	p := &poster{done: make(chan struct{}, 100)}
	u.post = func(f func()) {
		p.do(f)
		p.done <- struct{}{}
	}
	u.spawn = func(f func()) { go f() }
	return p
}

func (p *poster) do(f func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f()
}

// wait blocks until n posted functions have run.
func (p *poster) wait(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
			t.Fatal("timed out waiting for the UI to be updated")
		}
	}
}

// hitIDs lists the IDs of the hits on screen.
func hitIDs(u *UI) []string {
	ids := make([]string, len(u.results.hits))
	for i, h := range u.results.hits {
		ids[i] = h.ID
	}
	return ids
}
