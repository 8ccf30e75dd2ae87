package index

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

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

// BM25's parameters, the usual ones (Bleve's and Lucene's too).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// plan is a parsed query made ready to run.
type plan struct {
	root    query.Node
	exact   bool // the index alone answers the query; no candidate needs checking
	needles map[*query.Term][]byte
	terms   map[*query.Term]*termPlan
	scored  []*query.Term // the terms not under a NOT, which score
	slots   int           // how many of them are inexact (see termPlan.slot)
}

// termPlan is how one term is looked up.
type termPlan struct {
	fields []int     // the fields it is looked for in
	grams  [][2]rune // the characters or pairs whose postings hold every match
	exact  bool      // one gram that is the whole term: its postings are the matches
	boost  bool      // a plain term: a match in the headline lifts the article
	idf    [nFields]float64
	slot   int // its place among the inexact scored terms, or -1
}

func newPlan(root query.Node) (*plan, error) {
	p := &plan{root: root, needles: map[*query.Term][]byte{}, terms: map[*query.Term]*termPlan{}}
	if root == nil {
		p.exact = true
		return p, nil
	}
	exact, err := p.compile(root, false)
	if err != nil {
		return nil, err
	}
	p.exact = exact
	for _, t := range p.scored {
		if tp := p.terms[t]; !tp.exact && tp.slot < 0 {
			tp.slot = p.slots
			p.slots++
		}
	}
	return p, nil
}

// compile plans every term under n and reports whether the index alone
// answers n exactly.
func (p *plan) compile(n query.Node, neg bool) (bool, error) {
	switch n := n.(type) {
	case *query.Term:
		tp, err := p.term(n)
		if err != nil {
			return false, err
		}
		if !neg {
			p.scored = append(p.scored, n)
		}
		return tp.exact, nil
	case *query.DateRange:
		return true, nil
	case *query.Not:
		return p.compile(n.X, !neg)
	case *query.And:
		return p.compileAll(n.Xs, neg)
	case *query.Or:
		return p.compileAll(n.Xs, neg)
	}
	return false, fmt.Errorf("unknown query node %T", n)
}

func (p *plan) compileAll(xs []query.Node, neg bool) (bool, error) {
	exact := true
	first := map[query.Term]*query.Term{}
	for _, c := range xs {
		// A repeated term (疫 疫 疫 …) asks no more than the first: it shares
		// its look-up and scores once, so a pasted or runaway query stays cheap.
		if t, ok := c.(*query.Term); ok {
			k := *t
			k.Pos = 0
			if f := first[k]; f != nil {
				p.terms[t], p.needles[t] = p.terms[f], p.needles[f]
				continue
			}
			first[k] = t
		}
		ex, err := p.compile(c, neg)
		if err != nil {
			return false, err
		}
		exact = exact && ex
	}
	return exact, nil
}

// term plans the look-up of a term by its characters and pairs (see eachGram).
func (p *plan) term(t *query.Term) (*termPlan, error) {
	if tp := p.terms[t]; tp != nil {
		return tp, nil
	}
	form := []rune(fold.String(t.Text))
	runs := fold.Runs(form)
	if len(runs) == 0 {
		return nil, &SyntaxError{Pos: t.Pos, Msg: fmt.Sprintf("%q has no letters or digits to search for", t.Text),
			Zh: fmt.Sprintf("“%s”里没有可搜索的文字或数字", t.Text)}
	}
	p.needles[t] = []byte(string(form))
	tp := &termPlan{slot: -1}
	// Every distinct pair, not just enough to cover the term: each extra
	// pair is a cheap look-up, and it removes candidates that would
	// otherwise each be checked against their whole text.
	seen := map[[2]rune]bool{}
	for _, r := range runs {
		if len(r) == 1 {
			if g := [2]rune{r[0], 0}; !seen[g] {
				seen[g] = true
				tp.grams = append(tp.grams, g)
			}
		}
		for i := 0; i+1 < len(r); i++ {
			if g := [2]rune{r[i], r[i+1]}; !seen[g] {
				seen[g] = true
				tp.grams = append(tp.grams, g)
			}
		}
	}
	if len(tp.grams) > maxGrams {
		spread := make([][2]rune, 0, maxGrams)
		for i := 0; i < maxGrams; i++ {
			spread = append(spread, tp.grams[i*(len(tp.grams)-1)/(maxGrams-1)])
		}
		tp.grams = spread
	}
	tp.exact = len(runs) == 1 && len(form) <= 2 && len(runs[0]) == len(form)
	switch t.Field {
	case "title":
		tp.fields = []int{fTitle}
	case "reporter":
		tp.fields = []int{fRep}
	default:
		tp.fields, tp.boost = []int{fTitle, fBody}, true
	}
	p.terms[t] = tp
	return tp, nil
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
	opt.Limit = min(opt.Limit, maxPage)
	opt.Offset = min(max(opt.Offset, 0), maxPage)
	// Held through the hits too: the segments and docs files read stay
	// mapped until the search is done (see setSegments and closeStore).
	l.idxMu.RLock()
	defer l.idxMu.RUnlock()
	if l.isClosed() {
		return nil, ErrClosed
	}
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

// maxPage bounds Limit and Offset, so that their sum cannot overflow.
const maxPage = 1 << 30

// run finds one page of matches and their total. The caller holds idxMu.
func (l *Library) run(ctx context.Context, p *plan, opt SearchOptions) ([]match, int, error) {
	if p.root == nil {
		return l.listAll(opt)
	}
	segs := l.segs
	p.setIDF(segs, l.liveDocs)
	var cs []cand
	var tfs []uint32 // per candidate, the counts of the inexact scored terms, nFields each
	var df []int     // per inexact scored term and field, the articles that have it
	slots := p.slots
	df = make([]int, slots*nFields)
	// A query of one inexact term matches where that term is found: no
	// second look at the text.
	_, single := p.root.(*query.Term)
	single = single && slots == 1
	var buf []byte
	evals := make([]*segEval, len(segs))
	for si, s := range segs {
		e := &segEval{s: s, p: p, hits: map[*termPlan]*termHits{}}
		evals[si] = e
		set := e.eval(p.root)
		each := func(d uint32) {
			if s.isDead(d) {
				return
			}
			if !p.exact || slots > 0 {
				t, err := l.textOf(s, d, &buf)
				if err != nil {
					return // a docs file damaged since the index was written; Open will notice
				}
				// Each inexact term's count in the short fields, and whether
				// the body has it at all: reading the body only up to its first
				// match; the count there comes from the postings (see score).
				k, any := len(tfs), false
				for _, term := range p.scored {
					tp := p.terms[term]
					if tp.slot < 0 {
						continue
					}
					needle := p.needles[term]
					for _, f := range tp.fields {
						var n uint32
						if f == fBody {
							if bytes.Contains(t.Body, needle) {
								n = 1
							}
						} else {
							n = uint32(bytes.Count(t.field(f), needle))
						}
						tfs = append(tfs, n)
						any = any || n > 0
					}
					for range nFields - len(tp.fields) {
						tfs = append(tfs, 0)
					}
				}
				if !p.exact && !(single && any) && (single || !p.match(p.root, &t)) {
					tfs = tfs[:k]
					return
				}
				for i, n := range tfs[k:] {
					if n > 0 {
						df[i]++
					}
				}
			}
			cs = append(cs, cand{seg: int32(si), doc: d, date: int32(s.date(d))})
		}
		if set.all {
			cs = slices.Grow(cs, int(s.n))
			for d := uint32(0); d < s.n; d++ {
				if d%1024 == 0 && ctx.Err() != nil {
					return nil, 0, ctx.Err()
				}
				each(d)
			}
		} else {
			cs = slices.Grow(cs, len(set.docs))
			for i, d := range set.docs {
				if i%1024 == 0 && ctx.Err() != nil {
					return nil, 0, ctx.Err()
				}
				each(d)
			}
		}
	}
	for _, t := range p.scored {
		if tp := p.terms[t]; tp.slot >= 0 {
			for i, f := range tp.fields { // df and the counts are by place in tp.fields
				tp.idf[f] = idf(l.liveDocs, df[tp.slot*nFields+i])
			}
		}
	}
	// The candidates of each segment are in article order, so each term's
	// postings are walked once, in step (see segEval.score).
	for i := range cs {
		var own []uint32
		if slots > 0 {
			own = tfs[i*slots*nFields : (i+1)*slots*nFields]
		}
		cs[i].score = evals[cs[i].seg].score(cs[i].doc, own, l.avgLen)
	}
	total := len(cs)
	cs = top(cs, segs, opt.Offset+opt.Limit, opt.Sort)
	var ms []match
	for i := opt.Offset; i < len(cs) && i < opt.Offset+opt.Limit; i++ {
		c := cs[i]
		r := segs[c.seg].rangeOf(c.doc)
		ms = append(ms, match{id: docID(r.src, int(r.first+c.doc-r.start)), score: c.score, date: int(c.date)})
	}
	return ms, total, nil
}

// setIDF computes each exact term's inverse document frequency from the
// article counts of its postings in all segments.
func (p *plan) setIDF(segs []*segment, n int) {
	for _, t := range p.scored {
		tp := p.terms[t]
		if !tp.exact {
			continue
		}
		for _, f := range tp.fields {
			df := 0
			for _, s := range segs {
				c, _ := s.lookup(gramKey(f, tp.grams[0][0], tp.grams[0][1]))
				df += int(c)
			}
			tp.idf[f] = idf(n, df)
		}
	}
}

func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func bm25(idf float64, tf uint32, length, avg float64) float64 {
	if tf == 0 {
		return 0
	}
	x := float64(tf)
	return idf * x * (bm25K1 + 1) / (x + bm25K1*(1-bm25B+bm25B*length/avg))
}

// textOf reads the search forms of a segment's article.
func (l *Library) textOf(s *segment, d uint32, buf *[]byte) (docText, error) {
	r := s.rangeOf(d)
	if r == nil {
		return docText{}, ErrNotFound
	}
	st, err := l.store(r.src)
	if err != nil {
		return docText{}, err
	}
	t, b, err := st.read(int(r.first+d-r.start), *buf, nil)
	*buf = b
	return t, err
}

func (t *docText) field(f int) []byte {
	switch f {
	case fTitle:
		return t.Title
	case fBody:
		return t.Body
	}
	return t.Reporter
}

// docSet is a sorted list of a segment's articles, or all of them.
type docSet struct {
	all  bool
	docs []uint32
}

// termHits is what a segment's postings say of one term.
type termHits struct {
	docs  []uint32          // the candidates: every article with all the term's grams in a field
	field [nFields][]uint32 // exact terms: the articles with the term in each field
	tf    [nFields][]uint32 // and its count in each
	at    [nFields]int      // where scoring has got to in field (see score)
}

// segEval evaluates a query over one segment.
type segEval struct {
	s    *segment
	p    *plan
	hits map[*termPlan]*termHits
}

func (e *segEval) eval(n query.Node) docSet {
	switch n := n.(type) {
	case *query.Term:
		return docSet{docs: e.term(n).docs}
	case *query.DateRange:
		var out []uint32
		for d := uint32(0); d < e.s.n; d++ {
			if date := e.s.date(d); n.From <= date && date <= n.To {
				out = append(out, d)
			}
		}
		return docSet{docs: out}
	case *query.Not:
		if !e.exact(n.X) {
			return docSet{all: true}
		}
		return minus(docSet{all: true}, e.eval(n.X), e.s.n)
	case *query.And:
		acc := docSet{all: true}
		for _, c := range n.Xs {
			if not, ok := c.(*query.Not); ok {
				if e.exact(not.X) {
					acc = minus(acc, e.eval(not.X), e.s.n)
				}
				continue
			}
			acc = intersect(acc, e.eval(c))
			if !acc.all && len(acc.docs) == 0 {
				break
			}
		}
		return acc
	case *query.Or:
		var acc docSet
		for _, c := range n.Xs {
			x := e.eval(c)
			if x.all {
				return x
			}
			acc.docs = union(acc.docs, x.docs)
		}
		return acc
	}
	return docSet{}
}

func (e *segEval) exact(n query.Node) bool {
	switch n := n.(type) {
	case *query.Term:
		return e.p.terms[n].exact
	case *query.DateRange:
		return true
	case *query.Not:
		return e.exact(n.X)
	case *query.And:
		for _, c := range n.Xs {
			if !e.exact(c) {
				return false
			}
		}
		return true
	case *query.Or:
		for _, c := range n.Xs {
			if !e.exact(c) {
				return false
			}
		}
		return true
	}
	return false
}

// term looks a term up in the segment's postings, once per query.
func (e *segEval) term(t *query.Term) *termHits {
	tp := e.p.terms[t]
	if h := e.hits[tp]; h != nil {
		return h
	}
	h := &termHits{}
	for _, f := range tp.fields {
		var docs []uint32
		if tp.exact {
			g := tp.grams[0]
			_, post := e.s.lookup(gramKey(f, g[0], g[1]))
			docs = e.s.decode(post, nil, &h.tf[f])
			h.field[f] = docs
		} else {
			docs, h.tf[f] = e.all(f, tp.grams)
			h.field[f] = docs
		}
		h.docs = union(h.docs, docs)
	}
	e.hits[tp] = h
	return h
}

// all returns the articles whose field f has every one of grams.
func (e *segEval) all(f int, grams [][2]rune) (docs, tfs []uint32) {
	type list struct {
		df   uint32
		post []byte
	}
	lists := make([]list, len(grams))
	for i, g := range grams {
		df, post := e.s.lookup(gramKey(f, g[0], g[1]))
		if df == 0 {
			return nil, nil
		}
		lists[i] = list{df, post}
	}
	slices.SortFunc(lists, func(a, b list) int { return cmp.Compare(a.df, b.df) })
	acc := e.s.decode(lists[0].post, nil, &tfs)
	var next, ntf []uint32
	for _, x := range lists[1:] {
		if len(acc) == 0 {
			break
		}
		ntf = ntf[:0]
		next = e.s.decode(x.post, next[:0], &ntf)
		acc, tfs = intersectMin(acc, tfs, next, ntf)
	}
	return acc, tfs
}

// intersectMin keeps in a (sorted) what is also in b (sorted), in place, and
// in atf the lesser of the two counts; without counts (atf nil) only the articles.
func intersectMin(a, atf, b, btf []uint32) ([]uint32, []uint32) {
	out, otf := a[:0], atf[:0]
	counts := atf != nil
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			if counts {
				otf = append(otf, min(atf[i], btf[j]))
			}
			i++
			j++
		}
	}
	return out, otf
}

// score is the BM25 score of article d for the plan's scored terms; own
// holds the counts of the inexact ones, read from the text. Calls must come
// in increasing d: each exact term's postings are walked with a cursor.
func (e *segEval) score(d uint32, own []uint32, avg [nFields]float64) float64 {
	score := 0.0
	for _, t := range e.p.scored {
		tp := e.p.terms[t]
		var tf [nFields]uint32
		h := e.term(t)
		for _, f := range tp.fields {
			docs, k := h.field[f], h.at[f]
			for k < len(docs) && docs[k] < d {
				k++
			}
			h.at[f] = k
			if k < len(docs) && docs[k] == d {
				tf[f] = h.tf[f][k]
			}
		}
		if !tp.exact {
			// What the text said: a count for the short fields, whether
			// the body has the term at all (then the count is the least
			// count of its pairs, from the postings: an upper bound).
			k := tp.slot * nFields
			for i, f := range tp.fields {
				if own == nil || own[k+i] == 0 {
					tf[f] = 0
				} else if f != fBody {
					tf[f] = own[k+i]
				}
			}
		}
		for _, f := range tp.fields {
			score += bm25(tp.idf[f], tf[f], e.s.length(d, f), avg[f])
		}
		if tp.boost && tf[fTitle] > 0 {
			score += titleBoost
		}
	}
	return score
}

func intersect(a, b docSet) docSet {
	switch {
	case a.all:
		return b
	case b.all:
		return a
	}
	docs, _ := intersectMin(append([]uint32(nil), a.docs...), nil, b.docs, nil)
	return docSet{docs: docs}
}

func union(a, b []uint32) []uint32 {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// minus is a without b, over a segment of n articles.
func minus(a, b docSet, n uint32) docSet {
	if b.all {
		return docSet{}
	}
	var out []uint32
	j := 0
	emit := func(d uint32) {
		for j < len(b.docs) && b.docs[j] < d {
			j++
		}
		if j < len(b.docs) && b.docs[j] == d {
			return
		}
		out = append(out, d)
	}
	if a.all {
		for d := uint32(0); d < n; d++ {
			emit(d)
		}
	} else {
		for _, d := range a.docs {
			emit(d)
		}
	}
	return docSet{docs: out}
}

// match is one article of a page of results.
type match struct {
	id    string
	score float64
	date  int
}

// cand is an article that matched, while the matches are ranked: small and
// without pointers, since a common character matches most of a library.
type cand struct {
	score float64
	date  int32
	doc   uint32
	seg   int32
}

// better orders matches: by date first when asked, else by score; ties
// newest first, then in index order.
func better(a, b *cand, by Sort) bool {
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
	if a.seg != b.seg {
		return a.seg < b.seg
	}
	return a.doc < b.doc
}

// top returns the best k candidates in order, without sorting the rest.
func top(cs []cand, segs []*segment, k int, by Sort) []cand {
	if k >= len(cs) || k > 64 { // inserting into the best k costs n*k: past a few pages, sort all
		slices.SortFunc(cs, func(a, b cand) int {
			if better(&a, &b, by) {
				return -1
			}
			if better(&b, &a, by) {
				return 1
			}
			return 0
		})
		return cs[:min(k, len(cs))]
	}
	best := make([]cand, 0, k+1)
	for i := range cs {
		c := &cs[i]
		if len(best) == k && !better(c, &best[k-1], by) {
			continue
		}
		at := sort.Search(len(best), func(j int) bool { return better(c, &best[j], by) })
		best = append(best, cand{})
		copy(best[at+1:], best[at:])
		best[at] = *c
		if len(best) > k {
			best = best[:k]
		}
	}
	return best
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
	list = nil // the stale list is not a start: appending to it listed every article again
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

func (l *Library) hit(h match, terms []hlTerm) (Hit, error) {
	var t docText
	// The snippet needs the body only a little past its first match.
	part := func(t *docText) int {
		n := 0
		if first := firstMatch(t.Body, terms); first > 0 {
			n = utf8.RuneCount(t.Body[:first])
		}
		return n + 4*snippetWidth
	}
	d, src, err := l.stored(h.id, &t, part)
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
