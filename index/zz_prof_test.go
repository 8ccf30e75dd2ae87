package index

import (
	"context"
	"os"
	"strings"
	"testing"
)

func BenchmarkZZ(b *testing.B) {
	l, err := OpenWith(os.Getenv("ZZLIB"), Options{NoSample: true})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	qs := strings.Split(os.Getenv("ZZQ"), ",")
	for b.Loop() {
		for _, q := range qs {
			if _, err := l.Search(context.Background(), q, SearchOptions{Limit: 20, Facets: true}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
