package index

// Search: the query language (package query) compiled to Bleve queries,
// Bleve's BM25 ranking, sorting, paging and facets, and each hit read from
// the docs files with a snippet.
//
// A term of one or two characters is one index term (see analysis.go) and
// Bleve answers it exactly. A longer one is the conjunction of its pairs,
// which also matches an article holding the pairs apart (天下 … 下太平 for
// 天下太平); then every candidate is checked against its search form, and
// the search runs again without the ones that fail, so that Bleve's total,
// pages and facets count only true matches.

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"baosou/index/fold"
	"baosou/index/query"
)

// SyntaxError is a query that cannot be parsed or searched, with the rune
// offset of the trouble; the GUI shows it under the search box.
type SyntaxError = query.SyntaxError

// titleBoost lifts an article whose headline matches a term above those
// whose body alone does: Bleve multiplies the headline clause's BM25 score
// by it, and BM25 still orders the articles within each group.
const titleBoost = 1000

// plan is a parsed query made ready to run.
type plan struct {
	root    query.Node
	exact   bool // the index alone answers the query; no candidate needs checking
	needles map[*query.Term][]byte
	terms   map[*query.Term]*termPlan
}

// termPlan is how one term is looked up.
type termPlan struct {
	fields []string // the fields it is looked for in
	grams  []string // index terms whose conjunction holds every match
	exact  bool     // the conjunction is exactly the matches
	boost  bool     // a plain term: a match in the headline lifts the article
}

func newPlan(root query.Node) (*plan, error) {
	p := &plan{root: root, needles: map[*query.Term][]byte{}, terms: map[*query.Term]*termPlan{}, exact: true}
	if root == nil {
		return p, nil
	}
	if err := p.compile(root); err != nil {
		return nil, err
	}
	return p, nil
}

// compile plans every term under n.
func (p *plan) compile(n query.Node) error {
	switch n := n.(type) {
	case *query.Term:
		tp, err := p.term(n)
		if err != nil {
			return err
		}
		p.exact = p.exact && tp.exact
	case *query.DateRange, *query.MonthDay, *query.PageRange:
	case *query.Not:
		return p.compile(n.X)
	case *query.And:
		return p.compileAll(n.Xs)
	case *query.Or:
		return p.compileAll(n.Xs)
	default:
		return fmt.Errorf("unknown query node %T", n)
	}
	return nil
}

func (p *plan) compileAll(xs []query.Node) error {
	for _, c := range xs {
		if err := p.compile(c); err != nil {
			return err
		}
	}
	return nil
}

// term plans the look-up of a term by its characters and pairs.
func (p *plan) term(t *query.Term) (*termPlan, error) {
	if tp := p.terms[t]; tp != nil {
		return tp, nil
	}
	tp := &termPlan{exact: true}
	switch t.Field {
	case "title":
		tp.fields = []string{fTitle}
	case "reporter":
		tp.fields = []string{fReporter}
	case "photographer":
		tp.fields = []string{fPhotographer}
	case "newspaper":
		tp.fields = []string{fNewspaper}
	case "source":
		// A facet's source name, matched whole.
		tp.fields, tp.grams = []string{fSource}, []string{t.Text}
		p.terms[t] = tp
		return tp, nil
	default:
		tp.fields, tp.boost = []string{fTitle, fBody}, true
	}
	form := fold.String(t.Text)
	grams, exact := gramTerms(form)
	if len(grams) == 0 {
		return nil, &SyntaxError{Pos: t.Pos, Msg: fmt.Sprintf("%q has no letters or digits to search for", t.Text),
			Zh: fmt.Sprintf("“%s”里没有可搜索的文字或数字", t.Text)}
	}
	p.needles[t] = []byte(form)
	tp.grams, tp.exact = grams, exact
	p.terms[t] = tp
	return tp, nil
}

// bleveQuery compiles n. Where the index cannot answer n exactly, the query
// matches a superset of it, to be checked against the text: a term's pairs,
// and nothing excluded by a NOT of an inexact term.
func (p *plan) bleveQuery(n query.Node) bq.Query {
	switch n := n.(type) {
	case *query.Term:
		return p.termQuery(n)
	case *query.DateRange:
		return dateQuery(n)
	case *query.MonthDay:
		yes := true
		q := bleve.NewTermRangeInclusiveQuery(fmt.Sprintf("%04d", n.From), fmt.Sprintf("%04d", n.To), &yes, &yes)
		q.SetField(fMonthDay)
		return q
	case *query.PageRange:
		yes := true
		from, to := float64(n.From), float64(n.To)
		q := bleve.NewNumericRangeInclusiveQuery(&from, &to, &yes, &yes)
		q.SetField(fPage)
		return q
	case *query.Not:
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		if p.exactNode(n.X) {
			b.AddMustNot(p.bleveQuery(n.X))
		}
		return b
	case *query.And:
		b := bleve.NewBooleanQuery()
		for _, c := range distinct(n.Xs) {
			if not, ok := c.(*query.Not); ok {
				if p.exactNode(not.X) {
					b.AddMustNot(p.bleveQuery(not.X))
				}
				continue
			}
			b.AddMust(p.bleveQuery(c))
		}
		if b.Must == nil {
			b.AddMust(bleve.NewMatchAllQuery())
		}
		return b
	case *query.Or:
		var qs []bq.Query
		for _, c := range distinct(n.Xs) {
			qs = append(qs, p.bleveQuery(c))
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	return bleve.NewMatchAllQuery()
}

// distinct leaves out a term repeated beside itself (疫 疫 疫 …): it asks
// no more than the first, and a pasted or runaway query stays cheap.
func distinct(xs []query.Node) []query.Node {
	seen := map[query.Term]bool{}
	out := make([]query.Node, 0, len(xs))
	for _, c := range xs {
		if t, ok := c.(*query.Term); ok {
			k := *t
			k.Pos = 0
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, c)
	}
	return out
}

// termQuery finds a term in each of its fields, the headline boosted.
func (p *plan) termQuery(t *query.Term) bq.Query {
	tp := p.terms[t]
	var per []bq.Query
	for _, f := range tp.fields {
		var q bq.Query
		if len(tp.grams) == 1 {
			tq := bleve.NewTermQuery(tp.grams[0])
			tq.SetField(f)
			q = tq
		} else {
			c := bleve.NewConjunctionQuery()
			for _, g := range tp.grams {
				tq := bleve.NewTermQuery(g)
				tq.SetField(f)
				c.AddQuery(tq)
			}
			q = c
		}
		if tp.boost && f == fTitle {
			q.(bq.BoostableQuery).SetBoost(titleBoost)
		}
		per = append(per, q)
	}
	if len(per) == 1 {
		return per[0]
	}
	return bleve.NewDisjunctionQuery(per...)
}

// dateQuery matches articles whose date or whose page's date is in the range.
func dateQuery(r *query.DateRange) bq.Query {
	from, _ := dayTime(max(r.From, 17000101))
	to, _ := dayTime(min(r.To, 22001231))
	to = to.Add(24*time.Hour - time.Nanosecond)
	yes := true
	var qs []bq.Query
	for _, f := range []string{fDate, fPublished} {
		q := bleve.NewDateRangeInclusiveQuery(from, to, &yes, &yes)
		q.SetField(f)
		qs = append(qs, q)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// exactNode reports whether the index answers n exactly.
func (p *plan) exactNode(n query.Node) bool {
	switch n := n.(type) {
	case *query.Term:
		return p.terms[n].exact
	case *query.Not:
		return p.exactNode(n.X)
	case *query.And:
		return !slices.ContainsFunc(n.Xs, func(c query.Node) bool { return !p.exactNode(c) })
	case *query.Or:
		return !slices.ContainsFunc(n.Xs, func(c query.Node) bool { return !p.exactNode(c) })
	}
	return true
}

// match reports whether an article's text satisfies the query exactly.
func (p *plan) match(n query.Node, t *docText) bool {
	switch n := n.(type) {
	case *query.Term:
		s := p.needles[n]
		switch n.Field {
		case "":
			return bytes.Contains(t.Title, s) || bytes.Contains(t.Body, s)
		case "title":
			return bytes.Contains(t.Title, s)
		}
		return true // fields the index answers exactly
	case *query.Not:
		return !p.match(n.X, t)
	case *query.And:
		return !slices.ContainsFunc(n.Xs, func(c query.Node) bool { return !p.match(c, t) })
	case *query.Or:
		return slices.ContainsFunc(n.Xs, func(c query.Node) bool { return p.match(c, t) })
	}
	return true
}

// withFilters adds the search options' filters to a parsed query.
func withFilters(root query.Node, opt SearchOptions) (query.Node, error) {
	var xs []query.Node
	if root != nil {
		xs = append(xs, root)
	}
	if opt.Reporter != "" {
		xs = append(xs, &query.Term{Field: "reporter", Text: opt.Reporter})
	}
	if opt.Source != "" {
		xs = append(xs, &query.Term{Field: "source", Text: opt.Source})
	}
	if opt.From != "" || opt.To != "" {
		r := &query.DateRange{From: 0, To: 99991231}
		if opt.From != "" {
			lo, _, err := query.ParseDate(opt.From)
			if err != nil {
				return nil, fmt.Errorf("the date filter's start %q: %w", opt.From, err)
			}
			r.From = lo
		}
		if opt.To != "" {
			_, hi, err := query.ParseDate(opt.To)
			if err != nil {
				return nil, fmt.Errorf("the date filter's end %q: %w", opt.To, err)
			}
			r.To = hi
		}
		xs = append(xs, r)
	}
	switch len(xs) {
	case 0:
		return nil, nil
	case 1:
		return xs[0], nil
	}
	return &query.And{Xs: xs}, nil
}

// Search finds the articles that match q, best first (or by date), one page
// of them with snippets and highlights. A query that cannot be parsed gives a
// *SyntaxError. An empty query lists every article, newest first.
func (l *Library) Search(ctx context.Context, q string, opt SearchOptions) (*Results, error) {
	start := time.Now()
	if l.isClosed() {
		return nil, ErrClosed
	}
	parsed, err := query.Parse(q)
	if err != nil {
		return nil, err
	}
	root, err := withFilters(parsed, opt)
	if err != nil {
		return nil, err
	}
	p, err := newPlan(root)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			se.Query = q
		}
		return nil, err
	}
	if opt.Limit <= 0 {
		opt.Limit = 20
	}
	opt.Limit = min(opt.Limit, maxPage)
	opt.Offset = min(max(opt.Offset, 0), maxPage)
	if root == nil && opt.Sort == ByRelevance {
		opt.Sort = NewestFirst
	}
	// Held through the hits too: the index and the docs files read stay
	// open until the search is done (see reopen and closeStore).
	l.idxMu.RLock()
	defer l.idxMu.RUnlock()
	if l.isClosed() {
		return nil, ErrClosed
	}
	if l.eng == nil {
		return nil, errors.New("the index is not open; open the library again")
	}
	res, err := l.run(ctx, p, opt)
	if err != nil {
		return nil, err
	}
	if opt.From != "" || opt.To != "" {
		if res.Undated, err = l.undated(ctx, parsed, opt); err != nil {
			return nil, err
		}
	}
	res.Query = q
	res.Took = time.Since(start)
	return res, nil
}

// maxPage bounds Limit and Offset, so that their sum cannot overflow.
const maxPage = 1 << 30

// run finds one page of matches, their total and facets. The caller holds idxMu.
func (l *Library) run(ctx context.Context, p *plan, opt SearchOptions) (*Results, error) {
	bqry := p.bleveQuery(p.root)
	if !p.exact {
		var err error
		if bqry, err = l.checked(ctx, p, bqry); err != nil {
			return nil, err
		}
	}
	// The facets are counted by a search of their own, unscored, beside the
	// ranking one and the reading of its hits: on two cores the page waits
	// for the longer of them, not for their sum.
	var facets *Facets
	var facetErr error
	var wg sync.WaitGroup
	if opt.Facets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := bleve.NewSearchRequestOptions(bqry, 0, 0, false)
			req.Score = "none"
			addFacets(req)
			sr, err := l.search(ctx, req)
			if facetErr = err; err == nil {
				facets = facetsOf(sr)
			}
		}()
	}
	defer wg.Wait()
	// One hit more on each side of the page, to see ties across its edges.
	lead := min(opt.Offset, 1)
	req := bleve.NewSearchRequestOptions(bqry, opt.Limit+1+lead, opt.Offset-lead, false)
	req.SortBy(sortOrder(opt.Sort, false))
	sr, err := l.search(ctx, req)
	if err != nil {
		return nil, err
	}
	if opt.Sort == ByRelevance && tiedAtEdge(sr.Hits, lead, opt.Limit) {
		// Equal scores across the page's edge: only Bleve's sort by date
		// can tell which of them belong on this page.
		req.SortBy(sortOrder(opt.Sort, true))
		if sr, err = l.search(ctx, req); err != nil {
			return nil, err
		}
	}
	res := &Results{Total: int(sr.Total), Hits: make([]Hit, 0, min(len(sr.Hits), opt.Limit))}
	terms := highlightTerms(p)
	page := sr.Hits[min(lead, len(sr.Hits)):min(lead+opt.Limit, len(sr.Hits))]
	hits := make([]Hit, len(page))
	ok := make([]bool, len(page))
	inParallel(len(page), func(i int, _ *[]byte) {
		var err error
		hits[i], err = l.hit(page[i].ID, page[i].Score, terms)
		ok[i] = err == nil // else a docs file damaged since the index was written; Open will notice
	})
	for i := range hits {
		if ok[i] {
			res.Hits = append(res.Hits, hits[i])
		}
	}
	if opt.Sort == ByRelevance {
		// Ties newest first (Bleve breaks them by index order).
		slices.SortStableFunc(res.Hits, func(a, b Hit) int {
			if a.Score != b.Score {
				return cmp.Compare(b.Score, a.Score)
			}
			return cmp.Compare(dayOf(b.Date), dayOf(a.Date))
		})
	}
	wg.Wait()
	if facetErr != nil {
		return nil, facetErr
	}
	res.Facets = facets
	return res, nil
}

// search runs a Bleve search, turning a panic of a damaged index into an error.
func (l *Library) search(ctx context.Context, req *bleve.SearchRequest) (sr *bleve.SearchResult, err error) {
	defer recoverInto(&err)
	return l.eng.search(ctx, req)
}

// sortOrder is Bleve's sort for a result order; exact adds the date to the
// score, to order equal scores newest first.
func sortOrder(s Sort, exact bool) []string {
	switch s { // articles with no sort date (no year) last either way: Bleve puts missing values last
	case NewestFirst:
		return []string{"-" + fSortDate, "-" + fMonthDay, "-_score"}
	case OldestFirst:
		return []string{fSortDate, fMonthDay, "-_score"}
	}
	if exact {
		return []string{"-_score", "-" + fSortDate}
	}
	return []string{"-_score"}
}

// tiedAtEdge reports a score shared by a hit on the page and one beyond
// either of its edges (hits holds lead hits before the page and one after):
// then only the hits' dates can say which belong on the page.
func tiedAtEdge(hits search.DocumentMatchCollection, lead, limit int) bool {
	if lead > 0 && len(hits) > lead && hits[lead-1].Score == hits[lead].Score {
		return true
	}
	last := lead + limit - 1
	return len(hits) > last+1 && hits[last].Score == hits[last+1].Score
}

// checked returns the query without the candidates of q that fail the
// check against their text. The caller holds idxMu.
func (l *Library) checked(ctx context.Context, p *plan, q bq.Query) (bq.Query, error) {
	var wrong []string
	for from := 0; ; {
		req := bleve.NewSearchRequestOptions(q, 10000, from, false)
		req.Score = "none"
		sr, err := l.search(ctx, req)
		if err != nil {
			return nil, err
		}
		fails := make([]bool, len(sr.Hits))
		inParallel(len(sr.Hits), func(i int, buf *[]byte) {
			if i%256 == 0 && ctx.Err() != nil {
				return
			}
			ok, err := l.matches(sr.Hits[i].ID, p, buf)
			fails[i] = err != nil || !ok
		})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for i, f := range fails {
			if f {
				wrong = append(wrong, sr.Hits[i].ID)
			}
		}
		from += len(sr.Hits)
		if len(sr.Hits) == 0 || uint64(from) >= sr.Total {
			break
		}
	}
	if len(wrong) == 0 {
		return q, nil
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(bleve.NewDocIDQuery(wrong))
	return b, nil
}

// matches checks an article against the query's text. A term, or terms
// that must all be there, are looked for chunk by chunk, so a long article
// is decoded only as far as its first match; anything else reads it whole.
func (l *Library) matches(id string, p *plan, buf *[]byte) (bool, error) {
	s, i, _, err := l.record(id)
	if err != nil {
		return false, err
	}
	t, b, err := s.forms(i, *buf)
	*buf = b
	if err != nil {
		return false, err
	}
	parts := []query.Node{p.root}
	if and, ok := p.root.(*query.And); ok {
		parts = and.Xs
	}
	var terms []*query.Term
	for _, n := range parts {
		term, ok := n.(*query.Term)
		switch {
		case ok && (term.Field == "" || term.Field == "title"):
			terms = append(terms, term)
		case p.exactNode(n): // the index answered it
		default:
			if err := t.whole(); err != nil {
				return false, err
			}
			return p.match(p.root, &t), nil
		}
	}
	for _, term := range terms {
		needle := p.needles[term]
		if needle == nil || bytes.Contains(t.Title, needle) {
			continue // a term the index answers exactly, or in the headline
		}
		if term.Field == "title" {
			return false, nil
		}
		if k, err := t.find([][]byte{needle}); err != nil || k < 0 {
			return false, err
		}
	}
	return true, nil
}

// undated counts the matches of the query without its date filter that
// have no full date, which the filter left out.
func (l *Library) undated(ctx context.Context, parsed query.Node, opt SearchOptions) (int, error) {
	opt.From, opt.To = "", ""
	root, err := withFilters(parsed, opt)
	if err != nil {
		return 0, err
	}
	p, err := newPlan(root)
	if err != nil {
		return 0, err
	}
	q := p.bleveQuery(p.root)
	if !p.exact {
		if q, err = l.checked(ctx, p, q); err != nil {
			return 0, err
		}
	}
	nd := bleve.NewTermQuery("1")
	nd.SetField(fNoDate)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, nd), 0, 0, false)
	req.Score = "none"
	sr, err := l.search(ctx, req)
	if err != nil {
		return 0, err
	}
	return int(sr.Total), nil
}

// facetTop is how many reporters and sources the facets name.
const facetTop = 10

// addFacets counts the values of the facet field (see indexDoc) over all
// the matches: every value, so that each kind's top values and every month
// come back (Bleve ranks a terms facet's values by count, all kinds together).
func addFacets(req *bleve.SearchRequest) {
	req.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, 1<<30))
}

func facetsOf(sr *bleve.SearchResult) *Facets {
	f := &Facets{Reporter: []FacetCount{}, Month: []MonthCount{}, Source: []FacetCount{}}
	if r := sr.Facets[fFacet]; r != nil && r.Terms != nil {
		for _, t := range r.Terms.Terms() {
			switch v := t.Term[2:]; t.Term[:2] {
			case facetReporter:
				f.Reporter = append(f.Reporter, FacetCount{Name: v, Count: t.Count})
			case facetSource:
				f.Source = append(f.Source, FacetCount{Name: v, Count: t.Count})
			case facetMonth:
				f.Month = append(f.Month, MonthCount{Month: v, Count: t.Count})
			}
		}
	}
	for _, fc := range []*[]FacetCount{&f.Reporter, &f.Source} {
		slices.SortStableFunc(*fc, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return cmp.Compare(b.Count, a.Count)
			}
			return cmp.Compare(a.Name, b.Name)
		})
		*fc = (*fc)[:min(len(*fc), facetTop)]
	}
	sort.Slice(f.Month, func(i, j int) bool { return f.Month[i].Month < f.Month[j].Month })
	return f
}

// hit reads one hit from its docs file: its headline and a snippet, a
// window of its body around the first match, decoding and rebuilding the
// body from its search form only that far (see fold.UndiffRange).
func (l *Library) hit(id string, score float64, terms []hlTerm) (Hit, error) {
	s, i, src, err := l.record(id)
	if err != nil {
		return Hit{}, err
	}
	buf := bufPool.Get().(*[]byte)
	defer bufPool.Put(buf)
	t, b, err := s.forms(i, *buf)
	*buf = b[:0]
	if err != nil {
		return Hit{}, err
	}
	var needles [][]byte
	for _, h := range terms {
		if h.inBody {
			needles = append(needles, h.needle)
		}
	}
	first, err := t.find(needles)
	if err != nil {
		return Hit{}, err
	}
	n := 0
	if first > 0 {
		n = utf8.RuneCount(t.Body[:first])
	}
	from := 0
	if n > snippetWidth/4 {
		from = n - snippetWidth/4
	}
	to := from + snippetWidth + 1 // one more, to know whether the text goes on
	// The window may reach into the next chunk: decode until it holds to runes.
	at, have := max(first, 0), n
	for {
		k, b := runesUpTo(t.Body[at:], to-have)
		at, have = at+b, have+k
		if have >= to {
			break
		}
		if more, err := t.more(); err != nil || !more {
			break
		}
	}
	d := &storedDoc{}
	mbuf := bufPool.Get().(*[]byte)
	defer bufPool.Put(mbuf)
	body, mb, plain, err := s.meta(i, d, *mbuf)
	*mbuf = mb[:0]
	if err != nil {
		return Hit{}, err
	}
	if d.Source != "" {
		src.Name = d.Source
	}
	var snip string
	var snipSpans []Span
	if plain { // kept as the text itself, not as a diff of the search form
		if err := t.whole(); err != nil {
			return Hit{}, err
		}
		snip, snipSpans = snippetFor(string(body), t.Body, terms, snippetWidth)
	} else {
		window, err := fold.UndiffRange(string(t.Body), body, from, to)
		if err != nil {
			return Hit{}, fmt.Errorf("%w: %v", errBadStore, err)
		}
		snip, snipSpans = snippetOf(window, from > 0, have >= to, terms)
	}
	_, title := spansFor(&Doc{Title: d.Title}, terms)
	return Hit{
		ID: id, Title: d.Title, TitleDerived: d.TitleDerived, TitleHighlights: title, Date: d.Date,
		Reporter: d.Reporter, Kind: d.Kind, Source: src.Name, SourceID: src.ID, Score: score,
		Snippet: snip, SnippetHighlights: snipSpans,
		Photographer: d.Photographer, Published: d.Published, Page: atoi(d.Page), Section: d.Section,
		Newspaper: newspaperOf(src, d), OCR: d.OCR,
	}, nil
}

// inParallel calls f(i) for i in [0, n) on all cores, each goroutine with a
// buffer of its own: reading the docs files of a page of hits, or of the
// candidates to check, is most of a search, and one search at a time is
// what a reader waits for. A check takes its buffer from here, not from
// bufPool: one buffer reused for all of a goroutine's candidates made
// 的时候 (thousands of them) 2.9 ms against 4.6 through the pool.
func inParallel(n int, f func(i int, buf *[]byte)) {
	workers := min(runtime.GOMAXPROCS(0), (n+3)/4)
	if workers <= 1 {
		var buf []byte
		for i := range n {
			f(i, &buf)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := w; i < n; i += workers {
				f(i, &buf)
			}
		}()
	}
	wg.Wait()
}

// runesUpTo counts the runes of b up to max, and the bytes they take.
func runesUpTo(b []byte, max int) (runes, size int) {
	for size < len(b) && runes < max {
		if b[size] < utf8.RuneSelf {
			size++
		} else {
			_, k := utf8.DecodeRune(b[size:])
			size += k
		}
		runes++
	}
	return runes, size
}

// bufPool holds buffers for articles' search forms, which can be long.
var bufPool = sync.Pool{New: func() any { return new([]byte) }}
