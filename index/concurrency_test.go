package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// TestSearchesDuringImportsAndRemovals searches from four goroutines while
// files are imported and removed (each write reopens the index, and merges it now and then): no search may read a file being
// unmapped (run with -race too), and the totals end right.
func TestSearchesDuringImportsAndRemovals(t *testing.T) {
	dir := t.TempDir()
	l := openEmpty(t, dir)
	defer l.Close()
	in := t.TempDir()
	var stop atomic.Bool
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			qs := []string{"甲", "甲骨", "甲骨文", "文章 -金", "甲 OR 金文字", "第"}
			for i := 0; !stop.Load(); i++ {
				res, err := l.Search(context.Background(), qs[i%len(qs)], SearchOptions{Limit: 5})
				if err != nil {
					t.Error(err)
					return
				}
				if len(res.Hits) > 5 {
					t.Errorf("%d hits on a page of 5", len(res.Hits))
					return
				}
			}
		}()
	}
	var ids []string
	for i := 0; i < 60; i++ {
		p := filepath.Join(in, fmt.Sprintf("f%d.jsonl", i))
		var s string
		for j := 0; j < 1+i%7; j++ {
			s += fmt.Sprintf(`{"title":"第%d篇%d","body":"这是甲骨文%d的文章%d。金文字"}`+"\n", i, j, i, j)
		}
		os.WriteFile(p, []byte(s), 0o644)
		rep, err := l.Import(context.Background(), []string{p}, ImportOptions{})
		if err != nil || rep.Added == 0 {
			t.Fatalf("%+v %v", rep, err)
		}
		ids = append(ids, rep.Sources[0].ID)
		if i%3 == 2 {
			if err := l.Remove(ids[i-1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	stop.Store(true)
	wg.Wait()
	want := 0
	for _, s := range l.Sources() {
		want += s.Articles
	}
	if n := find(t, l, "甲骨文", SearchOptions{}).Total; n != want {
		t.Errorf("total %d want %d", n, want)
	}
	if n := find(t, l, "金", SearchOptions{}).Total; n != want {
		t.Errorf("total 金 %d want %d", n, want)
	}
}
