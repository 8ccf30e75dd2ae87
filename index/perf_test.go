package index

import (
	"context"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// BenchmarkSearchLibrary searches the library in $BAOSOU_BENCH_LIB (a large
// imported corpus; see bench/) with a mix of queries, facets on as in the app.
func BenchmarkSearchLibrary(b *testing.B) {
	dir := os.Getenv("BAOSOU_BENCH_LIB")
	if dir == "" {
		b.Skip("BAOSOU_BENCH_LIB not set")
	}
	l, err := OpenWith(dir, Options{NoSample: true})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	qs := []string{"", "的", "王", "疫情", "数据库", "服务器配置", "春风", "的时候", "Debian"}
	if q := os.Getenv("BAOSOU_BENCH_QUERY"); q != "" {
		qs = []string{q}
	}
	for _, q := range qs {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Search(context.Background(), q, SearchOptions{Limit: 20, Facets: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImportCorpus imports $BAOSOU_BENCH_CORPUS (a .jsonl file) into a new library.
func BenchmarkImportCorpus(b *testing.B) {
	path := os.Getenv("BAOSOU_BENCH_CORPUS")
	if path == "" {
		b.Skip("BAOSOU_BENCH_CORPUS not set")
	}
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	for b.Loop() {
		l, err := OpenWith(b.TempDir(), Options{NoSample: true})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := l.Import(context.Background(), []string{path}, ImportOptions{})
		if err != nil || len(rep.Failed) > 0 {
			b.Fatal(err, rep.Failed)
		}
		l.Close()
	}
}

// BenchmarkImportSmallFiles imports a folder of 1000 one-article pages into
// a new library: the cost of a file (ns/op ÷ 1000), source copy and commit
// included.
func BenchmarkImportSmallFiles(b *testing.B) {
	const n = 1000
	in := b.TempDir()
	writeSmallPages(b, in, n, 1)
	for b.Loop() {
		l, err := OpenWith(b.TempDir(), Options{NoSample: true})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := l.Import(context.Background(), []string{in}, ImportOptions{})
		if err != nil || len(rep.Failed) > 0 || l.Articles() != n {
			b.Fatal(err, rep.Failed, l.Articles())
		}
		l.Close()
	}
}

// BenchmarkLongQueries searches the sample library with the longest queries
// of TestHostileQueries: README promises they answer in milliseconds.
func BenchmarkLongQueries(b *testing.B) {
	l, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	rng := rand.New(rand.NewPCG(1, 10))
	for _, q := range []struct{ name, q string }{
		{"10000 Han characters", relWords(rng, 10000)},
		{"5000 one-character terms", strings.Join(strings.Split(relWords(rng, 5000), ""), " ")},
		{"10000 characters of ORs", strings.Repeat("疫 OR ", 1666) + "疫"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := l.Search(context.Background(), q.q, SearchOptions{Limit: 20, Facets: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestCompactLibrary(t *testing.T) {
	dir := os.Getenv("BAOSOU_COMPACT_LIB")
	if dir == "" {
		t.Skip("BAOSOU_COMPACT_LIB not set")
	}
	l, err := OpenWith(dir, Options{NoSample: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.beginWrite(); err != nil {
		t.Fatal(err)
	}
	defer l.endWrite()
	if err := l.engine().compact(context.Background()); err != nil {
		t.Fatal(err)
	}
}
