package gui

import (
	"context"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baosou/index"
)

// BenchmarkShowResults is putting one page of results and the first article
// on screen (the app's part of a keystroke), on the library in
// $BAOSOU_BENCH_LIB for the query $BAOSOU_BENCH_QUERY (default 李白).
func BenchmarkShowResults(b *testing.B) {
	dir := os.Getenv("BAOSOU_BENCH_LIB")
	if dir == "" {
		b.Skip("BAOSOU_BENCH_LIB not set")
	}
	q := os.Getenv("BAOSOU_BENCH_QUERY")
	if q == "" {
		q = "李白"
	}
	lib, err := index.OpenWith(dir, index.Options{NoSample: true})
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	a := test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	u := newUI(a, w, lib)
	u.post = func(f func()) { f() }
	u.spawn = func(f func()) { f() }
	u.search.delay = 0
	u.start()
	opt := index.SearchOptions{Limit: pageSize}
	res, err := lib.Search(context.Background(), q, opt)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		u.search.show(q, opt, res, nil)
	}
}
