package index

import (
	"context"
	"testing"

	"baosou/index/fold"
	"baosou/index/query"
)

// The hot paths of an import and a search, each on the bundled sample page,
// so a regression shows in `go test -run='^$' -bench=. ./index/` at review
// time. bench/run.sh measures the same paths end to end on a large corpus.

// benchQueries cover the plan shapes: one character and one pair (answered
// by the index alone), longer terms (checked against the text), Latin,
// AND, OR, NOT and a phrase.
var benchQueries = []string{"疫", "疫情", "疫情防控", "新冠肺炎疫情防控", "2月", "复工 企业", "口罩 OR 防护", "疫情 -北京", `"复工复产"`}

// benchLibrary opens a new library (so it holds the sample page) for b.
func benchLibrary(b *testing.B) *Library {
	b.Helper()
	l, err := Open(b.TempDir())
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

// benchDocs returns every article of the sample page.
func benchDocs(b *testing.B, l *Library) []*Doc {
	b.Helper()
	res, err := l.Search(context.Background(), "", SearchOptions{Limit: 100})
	if err != nil || len(res.Hits) == 0 {
		b.Fatalf("listing the sample: %v (%d hits)", err, len(res.Hits))
	}
	var docs []*Doc
	for _, h := range res.Hits {
		d, err := l.Get(h.ID)
		if err != nil {
			b.Fatalf("Get(%s): %v", h.ID, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// longestBody is the sample article with the most text.
func longestBody(docs []*Doc) string {
	var s string
	for _, d := range docs {
		if len(d.Body) > len(s) {
			s = d.Body
		}
	}
	return s
}

// BenchmarkAnalyze is Bleve's analysis of the articles with our components:
// the fold char filter and the character-and-pair tokenizer.
func BenchmarkAnalyze(b *testing.B) {
	l := benchLibrary(b)
	var texts [][]byte
	size := 0
	for _, d := range benchDocs(b, l) {
		t := []byte(fold.String(d.Title + "\n" + d.Body))
		texts = append(texts, t)
		size += len(t)
	}
	an, err := newMapping().AnalyzerNamed(analyzerName), error(nil)
	if an == nil || err != nil {
		b.Fatalf("analyzer %s: %v", analyzerName, err)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			if len(an.Analyze(t)) == 0 {
				b.Fatal("no tokens")
			}
		}
	}
}

func BenchmarkQueryParse(b *testing.B) {
	for b.Loop() {
		for _, q := range benchQueries {
			if _, err := query.Parse(q); err != nil {
				b.Fatalf("Parse(%q): %v", q, err)
			}
		}
	}
}

// BenchmarkPlan is parsing and compiling into an index query, as Search does.
func BenchmarkPlan(b *testing.B) {
	for b.Loop() {
		for _, q := range benchQueries {
			root, err := query.Parse(q)
			if err != nil {
				b.Fatalf("Parse(%q): %v", q, err)
			}
			if _, err := newPlan(root); err != nil {
				b.Fatalf("newPlan(%q): %v", q, err)
			}
		}
	}
}

func BenchmarkSpans(b *testing.B) {
	body := longestBody(benchDocs(b, benchLibrary(b)))
	needles := [][]rune{[]rune("疫情"), []rune("防控"), []rune("复工复产")}
	if len(Spans(body, needles)) == 0 {
		b.Fatal("no spans in the sample's longest body")
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Spans(body, needles)
	}
}

func BenchmarkSnippet(b *testing.B) {
	body := longestBody(benchDocs(b, benchLibrary(b)))
	norm := []byte(fold.String(body))
	terms := []hlTerm{{form: []rune("复工"), inBody: true}}
	if _, spans := snippetFor(body, norm, terms, snippetWidth); len(spans) == 0 {
		b.Fatal("no spans in the sample's longest body's snippet")
	}
	for b.Loop() {
		snippetFor(body, norm, terms, snippetWidth)
	}
}

// BenchmarkOpenExisting is what `baosou search` pays before it searches.
func BenchmarkOpenExisting(b *testing.B) {
	dir := b.TempDir()
	l, err := Open(dir)
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	l.Close()
	for b.Loop() {
		l, err := Open(dir)
		if err != nil {
			b.Fatalf("Open: %v", err)
		}
		l.Close()
	}
}

func BenchmarkSearchSample(b *testing.B) {
	l := benchLibrary(b)
	ctx := context.Background()
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			if _, err := l.Search(ctx, q, SearchOptions{Limit: 20}); err != nil {
				b.Fatalf("Search(%q): %v", q, err)
			}
			for b.Loop() {
				l.Search(ctx, q, SearchOptions{Limit: 20})
			}
		})
	}
}
