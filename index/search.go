package index

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"baosou/index/fold"
	"baosou/index/query"
)

// SyntaxError is a query that cannot be parsed or searched, with the rune
// offset of the trouble; the GUI shows it under the search box.
type SyntaxError = query.SyntaxError

// titleBoost lifts every article whose headline matches a term above all
// whose body alone does: it is added as a constant, so it dwarfs any BM25
// score of the body, and BM25 still orders the articles within each group.
const titleBoost = 1000

// maxGrams bounds the index look-ups of one long term; the check of each
// candidate against its text finds the exact matches anyway.
const maxGrams = 12

// plan is a parsed query made ready to run.
type plan struct {
	root    query.Node
	bq      bquery.Query // finds a superset of the matches (all of them when exact)
	exact   bool         // the index alone answers the query; no candidate needs checking
	needles map[*query.Term][]byte
}

func newPlan(root query.Node) (*plan, error) {
	p := &plan{root: root, needles: map[*query.Term][]byte{}}
	if root == nil {
		p.bq, p.exact = bleve.NewMatchAllQuery(), true
		return p, nil
	}
	q, exact, err := p.compile(root)
	if err != nil {
		return nil, err
	}
	if q == nil {
		q = bleve.NewMatchAllQuery()
	}
	p.bq, p.exact = q, exact
	return p, nil
}

// compile turns a node into an index query. A nil query means "every article".
func (p *plan) compile(n query.Node) (bquery.Query, bool, error) {
	switch n := n.(type) {
	case *query.Term:
		return p.term(n)
	case *query.DateRange:
		lo, hi := float64(n.From), float64(n.To)
		incl := true
		q := bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &incl, &incl)
		q.SetField("date")
		return q, true, nil
	case *query.Not:
		x, exact, err := p.compile(n.X)
		if err != nil || !exact || x == nil {
			return nil, false, err
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(x)
		return b, true, nil
	case *query.And:
		return p.and(n)
	case *query.Or:
		var xs []bquery.Query
		exact := true
		for _, c := range dedupe(n.Xs) {
			x, ex, err := p.compile(c)
			if err != nil {
				return nil, false, err
			}
			if x == nil {
				return nil, false, nil
			}
			xs = append(xs, x)
			exact = exact && ex
		}
		return bleve.NewDisjunctionQuery(xs...), exact, nil
	}
	return nil, false, fmt.Errorf("unknown query node %T", n)
}

func (p *plan) and(n *query.And) (bquery.Query, bool, error) {
	b := bleve.NewBooleanQuery()
	exact, musts := true, 0
	for _, c := range dedupe(n.Xs) {
		if not, ok := c.(*query.Not); ok {
			x, ex, err := p.compile(not.X)
			if err != nil {
				return nil, false, err
			}
			if ex && x != nil {
				b.AddMustNot(x)
			} else {
				exact = false
			}
			continue
		}
		x, ex, err := p.compile(c)
		if err != nil {
			return nil, false, err
		}
		exact = exact && ex
		if x != nil {
			b.AddMust(x)
			musts++
		}
	}
	if musts == 0 {
		b.AddMust(bleve.NewMatchAllQuery())
	}
	return b, exact, nil
}

// dedupe drops repeated terms (疫 疫 疫 … asks no more than 疫), so a pasted
// or runaway query does not make a clause per repetition.
func dedupe(xs []query.Node) []query.Node {
	seen := map[query.Term]bool{}
	out := xs[:0:0]
	for _, x := range xs {
		if t, ok := x.(*query.Term); ok {
			k := *t
			k.Pos = 0
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, x)
	}
	return out
}

// term looks a term up by its characters and pairs (see fold.Grams).
func (p *plan) term(t *query.Term) (bquery.Query, bool, error) {
	form := []rune(fold.String(t.Text))
	runs := fold.Runs(form)
	if len(runs) == 0 {
		return nil, false, &SyntaxError{Pos: t.Pos, Msg: fmt.Sprintf("%q has no letters or digits to search for", t.Text),
			Zh: fmt.Sprintf("“%s”里没有可搜索的文字或数字", t.Text)}
	}
	p.needles[t] = []byte(string(form))
	// Every distinct pair, not just enough to cover the term: each extra
	// pair is a cheap index look-up, and it removes candidates that would
	// otherwise each be checked against their whole text.
	var grams []string
	seen := map[string]bool{}
	for _, r := range runs {
		for _, g := range fold.Pairs(r) {
			if !seen[g] {
				seen[g] = true
				grams = append(grams, g)
			}
		}
	}
	if len(grams) > maxGrams {
		spread := make([]string, 0, maxGrams)
		for i := 0; i < maxGrams; i++ {
			spread = append(spread, grams[i*(len(grams)-1)/(maxGrams-1)])
		}
		grams = spread
	}
	exact := len(runs) == 1 && len(form) <= 2 && len(runs[0]) == len(form)
	in := func(field string) bquery.Query {
		qs := make([]bquery.Query, len(grams))
		for i, g := range grams {
			q := bleve.NewTermQuery(g)
			q.SetField(field)
			qs[i] = q
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return bleve.NewConjunctionQuery(qs...)
	}
	switch t.Field {
	case "title", "reporter":
		return in(t.Field), exact, nil
	}
	lift := bleve.NewMatchAllQuery()
	lift.SetBoost(titleBoost)
	title := bleve.NewConjunctionQuery(in("title"), lift)
	return bleve.NewDisjunctionQuery(title, in("body")), exact, nil
}

// match reports whether an article's text satisfies the query exactly.
func (p *plan) match(n query.Node, t *docText) bool {
	switch n := n.(type) {
	case *query.Term:
		s := p.needles[n]
		switch n.Field {
		case "title":
			return bytes.Contains(t.Title, s)
		case "reporter":
			return bytes.Contains(t.Reporter, s)
		}
		return bytes.Contains(t.Title, s) || bytes.Contains(t.Body, s)
	case *query.DateRange:
		return n.From <= t.Date && t.Date <= n.To
	case *query.Not:
		return !p.match(n.X, t)
	case *query.And:
		for _, c := range n.Xs {
			if !p.match(c, t) {
				return false
			}
		}
		return true
	case *query.Or:
		for _, c := range n.Xs {
			if p.match(c, t) {
				return true
			}
		}
		return false
	}
	return n == nil
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
// *SyntaxError. An empty query lists every article.
func (l *Library) Search(ctx context.Context, q string, opt SearchOptions) (*Results, error) {
	start := time.Now()
	if l.isClosed() {
		return nil, ErrClosed
	}
	root, err := query.Parse(q)
	if err != nil {
		return nil, err
	}
	if root, err = withFilters(root, opt); err != nil {
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
	opt.Offset = max(opt.Offset, 0)
	ids, total, err := l.run(ctx, p, opt)
	if err != nil {
		return nil, err
	}
	res := &Results{Query: q, Total: total, Hits: make([]Hit, 0, len(ids))}
	terms := highlightTerms(p)
	for _, h := range ids {
		hit, err := l.hit(h, terms)
		if err != nil {
			continue // a docs file damaged since the index was written; Open will notice
		}
		res.Hits = append(res.Hits, hit)
	}
	res.Took = time.Since(start)
	return res, nil
}

// run finds one page of matches and their total.
func (l *Library) run(ctx context.Context, p *plan, opt SearchOptions) ([]match, int, error) {
	if p.root == nil {
		return l.listAll(opt)
	}
	if p.exact && opt.Sort != ByRelevance {
		return l.runSorted(ctx, p, opt)
	}
	size := opt.Offset + opt.Limit*2
	if !p.exact {
		n, err := l.docCount()
		if err != nil {
			return nil, 0, err
		}
		size = int(n) + 1
	}
	// Scores only: asking Bleve to break ties by date would make it read
	// the date of every match; we break ties ourselves on the few we keep.
	req := bleve.NewSearchRequestOptions(p.bq, size, 0, false)
	res, err := l.searchIndex(ctx, req)
	if err != nil {
		return nil, 0, err
	}
	total := int(res.Total)
	ms := make([]match, 0, len(res.Hits))
	for i, h := range res.Hits {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		t, err := l.text(h.ID)
		if err != nil {
			continue
		}
		if !p.exact && !p.match(p.root, &t) {
			continue
		}
		ms = append(ms, match{id: h.ID, score: h.Score, date: t.Date})
	}
	if !p.exact {
		total = len(ms)
	}
	sortMatches(ms, opt.Sort)
	return page(ms, opt), total, nil
}

// runSorted answers an exact query sorted by date, letting Bleve sort by the date's doc values.
func (l *Library) runSorted(ctx context.Context, p *plan, opt SearchOptions) ([]match, int, error) {
	req := bleve.NewSearchRequestOptions(p.bq, opt.Limit, opt.Offset, false)
	if opt.Sort == NewestFirst {
		req.SortBy([]string{"-date", "-_score"})
	} else {
		req.SortBy([]string{"date", "-_score"})
	}
	res, err := l.searchIndex(ctx, req)
	if err != nil {
		return nil, 0, err
	}
	ms := make([]match, len(res.Hits))
	for i, h := range res.Hits {
		ms[i] = match{id: h.ID, score: h.Score}
	}
	return ms, int(res.Total), nil
}

// match is one article that matched, with what it is sorted by.
type match struct {
	id    string
	score float64
	date  int
}

func sortMatches(ms []match, by Sort) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		switch by {
		case NewestFirst:
			if a.date != b.date {
				return a.date > b.date
			}
		case OldestFirst:
			if a.date != b.date {
				return a.date < b.date
			}
		}
		if a.score != b.score {
			return a.score > b.score
		}
		if a.date != b.date {
			return a.date > b.date
		}
		return a.id < b.id
	})
}

func page(ms []match, opt SearchOptions) []match {
	if opt.Offset >= len(ms) {
		return nil
	}
	ms = ms[opt.Offset:]
	if len(ms) > opt.Limit {
		ms = ms[:opt.Limit]
	}
	return ms
}

// listAll answers the empty query, every article by date, from a list kept
// in memory and rebuilt when the library changes: no index look-up needed.
func (l *Library) listAll(opt SearchOptions) ([]match, int, error) {
	list := l.listing()
	n := len(list)
	var ms []match
	for k := opt.Offset; k < n && len(ms) < opt.Limit; k++ {
		e := list[k]
		if opt.Sort == OldestFirst {
			e = list[n-1-k]
		}
		ms = append(ms, match{id: docID(e.src, int(e.i)), date: int(e.date)})
	}
	return ms, n, nil
}

// listed is one article in the date-ordered list of the whole library.
type listed struct {
	src  string
	i    int32
	date int32
}

// listing returns every article, newest first.
func (l *Library) listing() []listed {
	l.mu.RLock()
	list, ok := l.list, l.listOK
	l.mu.RUnlock()
	if ok {
		return list
	}
	for _, src := range l.Sources() {
		s, err := l.store(src.ID)
		if err != nil {
			continue
		}
		for i := 0; i < s.n; i++ {
			list = append(list, listed{src: src.ID, i: int32(i), date: int32(s.date(i))})
		}
	}
	slices.SortStableFunc(list, func(a, b listed) int { return cmp.Compare(b.date, a.date) })
	l.mu.Lock()
	l.list, l.listOK = list, true
	l.mu.Unlock()
	return list
}

// searchIndex runs a Bleve search, holding off a swap of the index instance
// (see reopenIndex) until it is done.
func (l *Library) searchIndex(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	l.idxMu.RLock()
	defer l.idxMu.RUnlock()
	return l.idx.SearchInContext(ctx, req)
}

func (l *Library) docCount() (uint64, error) {
	l.idxMu.RLock()
	defer l.idxMu.RUnlock()
	return l.idx.DocCount()
}

// text returns an article's search forms.
func (l *Library) text(id string) (docText, error) {
	src, i, ok := splitID(id)
	if !ok {
		return docText{}, ErrNotFound
	}
	s, err := l.store(src)
	if err != nil {
		return docText{}, err
	}
	return s.text(i)
}

func (l *Library) hit(h match, terms []hlTerm) (Hit, error) {
	d, src, err := l.stored(h.id)
	if err != nil {
		return Hit{}, err
	}
	t, err := l.text(h.id)
	if err != nil {
		return Hit{}, err
	}
	_, title := spansFor(&Doc{Title: d.Title}, terms)
	snip, snipSpans := snippetFor(d.Body, t.Body, terms, snippetWidth)
	return Hit{
		ID: h.id, Title: d.Title, TitleDerived: d.TitleDerived, TitleHighlights: title, Date: d.Date,
		Reporter: d.Reporter, Kind: d.Kind, Source: src.Name, SourceID: src.ID, Score: h.score,
		Snippet: snip, SnippetHighlights: snipSpans,
	}, nil
}
