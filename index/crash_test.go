package index

// Crash: a process killed in the middle of an import. See reliability_test.go for the
// generated corpora and the child processes these tests use.

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// relCrash shortens a child's stderr to its panic and the frames of our
// code, or returns it as it is when it holds no panic.
func relCrash(stderr string) string {
	i := strings.Index(stderr, "panic: ")
	if i < 0 {
		return stderr
	}
	lines := strings.Split(stderr[i:], "\n")
	out := []string{lines[0]}
	for k := 1; k+1 < len(lines) && len(out) < 8; k++ {
		if strings.HasPrefix(lines[k], "baosou/") && !strings.Contains(lines[k], "Test") {
			out = append(out, "  "+lines[k]+" "+strings.TrimSpace(lines[k+1]))
		}
	}
	return strings.Join(out, "\n")
}

// relCopyDir copies a library folder, so that it can be checked (which
// repairs it) while the original stays as the crash left it.
func relCopyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatalf("copying the library: %v", err)
	}
	return to
}

// relCheckCrashed opens a library an import was killed in and checks what
// a user would: it opens, searches answer, the files whose import had
// finished (files[:done]) are there, each article once, and nothing is twice.
func relCheckCrashed(t *testing.T, dir string, files []relFile, done int) {
	t.Helper()
	l, err := OpenWith(dir, Options{NoSample: true})
	if err != nil {
		t.Fatalf("Open after the crash: %v", err)
	}
	defer l.Close()
	if n := l.Notice(); n != "" {
		t.Logf("Notice: %s", n)
	}
	count := map[string]int{}
	for _, s := range l.Sources() {
		for i := range s.Articles {
			d, err := l.Get(docID(s.ID, i))
			if err != nil {
				t.Errorf("Get(%s) of source %s: %v", docID(s.ID, i), s.Name, err)
				continue
			}
			for _, m := range relMarker.FindAllString(d.Title+"\n"+d.Body, -1) {
				count[m]++
			}
		}
	}
	twice := 0
	for m, n := range count {
		if n > 1 {
			twice++
			if twice <= 5 {
				t.Errorf("article %s is in the library %d times, want once", m, n)
			}
		}
	}
	if twice > 5 {
		t.Errorf("... %d articles in all are in the library more than once", twice)
	}
	for _, f := range files[:done] {
		missing := 0
		for _, m := range f.markers {
			if count[m] == 0 {
				missing++
			}
		}
		if missing > 0 {
			t.Errorf("%s was imported before the crash, but %d of its %d articles are gone", filepath.Base(f.path), missing, len(f.markers))
		}
	}
	// The index must agree with the stored articles.
	if res := relSearch(t, l, "", SearchOptions{Limit: 1}); res.Total != l.Articles() {
		t.Errorf(`Search("") total = %d, want the %d articles of the manifest`, res.Total, l.Articles())
	}
	for _, prefix := range []string{"ZK", "ZJ"} {
		want := 0
		for m := range count {
			if strings.HasPrefix(m, prefix) {
				want++
			}
		}
		if res := relSearch(t, l, prefix, SearchOptions{Limit: 1}); res.Total != want {
			t.Errorf("Search(%q) total = %d, want %d (the stored articles with that marker)", prefix, res.Total, want)
		}
	}
	// A few articles found by their marker, exactly once.
	var present []string
	for m := range count {
		present = append(present, m)
	}
	sort.Strings(present)
	for i := 0; i < len(present); i += max(1, len(present)/5) {
		if res := relSearch(t, l, present[i], SearchOptions{}); res.Total != 1 {
			t.Errorf("Search(%q) total = %d, want 1", present[i], res.Total)
		}
	}
}

// TestCrashDuringImport kills a process importing a folder (pages and one
// large .jsonl) at random moments, each time in the library the last kill
// left behind, so that kills also land in the recovery of the one before.
func TestCrashDuringImport(t *testing.T) {
	kills, pages, bulk := 3, 40, 1<<20
	if relSoak() {
		kills, pages, bulk = 20, 300, 20<<20
	}
	seed := relSeed(t)
	in, files := relCorpus(t, seed, pages, bulk)
	t.Logf("%d kills; %d files (%d pages and a %d KB .jsonl); seed %d (set BAOSOU_SEED to change)", kills, len(files), pages, bulk>>10, seed)

	// An import left alone: the reference, and how long an import takes.
	ref := t.TempDir()
	c := relStart(t, "import", ref, in)
	ended, full := c.finishWithin(30 * time.Minute)
	if !ended || c.err != nil {
		t.Fatalf("uninterrupted import: %v\n%s", c.err, c.stderr.String())
	}
	_, last := c.progress()
	t.Logf("uninterrupted import: %v (%s)", full.Round(time.Millisecond), last)
	t.Run("uninterrupted", func(t *testing.T) { relCheckCrashed(t, ref, files, len(files)) })

	rng := rand.New(rand.NewPCG(seed, 2))
	lib := t.TempDir()
	for k, round := 0, 0; k < kills && round < 4*kills; round++ {
		after := time.Duration(rng.Int64N(int64(full + full/10)))
		if round%4 == 3 {
			// early, while the child opens the library and rolls back the last kill's import
			after = time.Duration(rng.Int64N(int64(500 * time.Millisecond)))
		}
		c := relStart(t, "import", lib, in)
		ended, _ := c.finishWithin(after)
		done, last := c.progress()
		if ended {
			if c.err != nil {
				t.Fatalf("round %d: import failed by itself: %v\n%s", round, c.err, c.stderr.String())
			}
			// It finished before the kill: check it is complete and start over.
			t.Run(fmt.Sprintf("round%02d-finished", round), func(t *testing.T) { relCheckCrashed(t, lib, files, len(files)) })
			lib = t.TempDir()
			continue
		}
		k++
		snap := relCopyDir(t, lib)
		t.Run(fmt.Sprintf("kill%02d-after-%dms-%d-files-done", k, after.Milliseconds(), done), func(t *testing.T) {
			t.Logf("killed after %v; last line %q", after, last)
			relCheckCrashed(t, snap, files, done)
		})
	}
	// The same import again completes the library the kills left.
	c = relStart(t, "import", lib, in)
	if ended, took := c.finishWithin(30 * time.Minute); !ended || c.err != nil {
		t.Fatalf("import after the kills: %v (after %v)\n%s", c.err, took, c.stderr.String())
	}
	t.Run("completed", func(t *testing.T) { relCheckCrashed(t, lib, files, len(files)) })
}
