package index

// Damage: a damaged or outdated index is rebuilt from the stored sources. See reliability_test.go for the
// generated corpora and the child processes these tests use.

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"baosou/assets"
)

func relTruncate(t *testing.T, pattern string, size func(int64) int64) {
	t.Helper()
	for _, p := range relGlob(t, pattern) {
		st, err := os.Stat(p)
		if err == nil {
			err = os.Truncate(p, size(st.Size()))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func relHalf(n int64) int64 { return n / 2 }

// relZaps is the pattern of a library's zap segment files.
func relZaps(dir string) string { return filepath.Join(dir, bleveFolder, "*", "store", "*.zap") }

// relGarble flips the bits of the last n bytes (all of them with n < 0) of the files matching pattern.
func relGarble(t *testing.T, pattern string, n int) {
	t.Helper()
	for _, p := range relGlob(t, pattern) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		from := 0
		if n >= 0 {
			from = max(len(b)-n, 0)
		}
		for i := from; i < len(b); i++ {
			b[i] ^= 0x5a
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// relEditIndex changes a closed library's index behind its manifest's back.
func relEditIndex(t *testing.T, dir string, edit func(*bleve.Batch)) {
	t.Helper()
	idx, err := bleve.Open(shardPath(filepath.Join(dir, bleveFolder), 0))
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	edit(b)
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
}

func relZero(int64) int64 { return 0 }

// TestDamagedIndexIsRebuilt damages a closed library's index or docs files
// the ways a crash, a full disk, a sync tool or an older Baosou do. Opening
// it must say so, rebuild from the stored sources, answer as before, keep
// every stored source, and not need another rebuild the next time.
func TestDamagedIndexIsRebuilt(t *testing.T) {
	sampleDocs := func(dir string) string {
		return filepath.Join(dir, "docs", relSampleID(t, dir)+".dat")
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
	}{
		{"index folder deleted", func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, bleveFolder)) }},
		{"zap segments deleted", func(t *testing.T, dir string) {
			for _, p := range relGlob(t, relZaps(dir)) {
				os.Remove(p)
			}
		}},
		{"zap segments truncated", func(t *testing.T, dir string) { relTruncate(t, relZaps(dir), relHalf) }},
		{"zap segments emptied", func(t *testing.T, dir string) { relTruncate(t, relZaps(dir), relZero) }},
		{"zap segments' ends cut off", func(t *testing.T, dir string) {
			relTruncate(t, relZaps(dir), func(n int64) int64 { return n - 1 })
		}},
		{"zap segment footers garbled", func(t *testing.T, dir string) { relGarble(t, relZaps(dir), 48) }},
		{"zap segments garbled throughout", func(t *testing.T, dir string) { relGarble(t, relZaps(dir), -1) }},
		{"root.bolt deleted", func(t *testing.T, dir string) {
			for _, p := range relGlob(t, filepath.Join(dir, bleveFolder, "*", "store", "root.bolt")) {
				os.Remove(p)
			}
		}},
		{"root.bolt truncated", func(t *testing.T, dir string) {
			relTruncate(t, filepath.Join(dir, bleveFolder, "*", "store", "root.bolt"), func(int64) int64 { return 1000 })
		}},
		{"root.bolt garbled", func(t *testing.T, dir string) {
			relGarble(t, filepath.Join(dir, bleveFolder, "*", "store", "root.bolt"), -1)
		}},
		{"index_meta.json deleted", func(t *testing.T, dir string) {
			for _, p := range relGlob(t, filepath.Join(dir, bleveFolder, "*", "index_meta.json")) {
				os.Remove(p)
			}
		}},
		{"index_meta.json garbled", func(t *testing.T, dir string) {
			relGarble(t, filepath.Join(dir, bleveFolder, "*", "index_meta.json"), -1)
		}},
		{"index_meta.json emptied", func(t *testing.T, dir string) {
			relTruncate(t, filepath.Join(dir, bleveFolder, "*", "index_meta.json"), relZero)
		}},
		{"index missing an article the manifest lists", func(t *testing.T, dir string) {
			relEditIndex(t, dir, func(b *bleve.Batch) { b.Delete(docID(relSampleID(t, dir), 0)) })
		}},
		{"index holding an article the manifest does not list", func(t *testing.T, dir string) {
			relEditIndex(t, dir, func(b *bleve.Batch) {
				b.Index("feedfeedfeedfeed-0", map[string]interface{}{fTitle: "不存在", fBody: "幽灵文章"})
			})
		}},
		{"index of an older schema", func(t *testing.T, dir string) {
			relEditManifest(t, dir, func(m map[string]any) { m["schema"] = schemaVersion - 1 })
		}},
		{"manifest without a schema", func(t *testing.T, dir string) {
			relEditManifest(t, dir, func(m map[string]any) { delete(m, "schema") })
		}},
		{"manifest naming more shards than there are", func(t *testing.T, dir string) {
			relEditManifest(t, dir, func(m map[string]any) { m["shards"] = 3 })
		}},
		{"docs file truncated", func(t *testing.T, dir string) { relTruncate(t, sampleDocs(dir), relHalf) }},
		{"docs file's end cut off", func(t *testing.T, dir string) { relTruncate(t, sampleDocs(dir), func(n int64) int64 { return n - 1 }) }},
		{"docs file deleted", func(t *testing.T, dir string) { os.Remove(sampleDocs(dir)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			want := relLibrary(t, dir)
			sources := relFiles(t, filepath.Join(dir, "sources"))
			tt.damage(t, dir)

			// The first Open runs in a child process: damage that makes it
			// crash must fail this case, not end the whole test run.
			c := relStart(t, "open", dir)
			if ended, _ := c.finishWithin(time.Minute); !ended || c.err != nil {
				t.Fatalf("Open of the damaged library crashed (%v):\n%s", c.err, relCrash(c.stderr.String()))
			}
			_, last := c.progress()
			notice, _ := strconv.Unquote(strings.TrimPrefix(last, "notice "))
			if !strings.Contains(notice, "rebuilt") {
				t.Errorf("Notice() = %q, want a message that the index was rebuilt", notice)
			}
			if got := relFiles(t, filepath.Join(dir, "sources")); !maps.Equal(got, sources) {
				t.Errorf("stored sources after the rebuild = %v, want them untouched: %v", got, sources)
			}

			l, err := Open(dir)
			if err != nil {
				t.Fatalf("Open after the rebuild: %v", err)
			}
			defer l.Close()
			if n := l.Notice(); n != "" {
				t.Errorf("Open after the rebuild: Notice() = %q, want none (the rebuild should last)", n)
			}
			if d := relStateOf(t, l).diff(want); d != "" {
				t.Errorf("after the rebuild:\n%s", d)
			}
			relAllReadable(t, l)
		})
	}
}

// relSampleID is the ID of the bundled sample's source in a library.
func relSampleID(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Sources []struct{ ID, Name string } }
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, s := range m.Sources {
		if s.Name == assets.SampleName {
			return s.ID
		}
	}
	t.Fatalf("no sample in %s", b)
	return ""
}

// relAllReadable checks that every article of every source can be shown.
func relAllReadable(t *testing.T, l *Library) {
	t.Helper()
	for _, s := range l.Sources() {
		for i := range s.Articles {
			if d, err := l.Get(docID(s.ID, i)); err != nil || d.Body == "" {
				t.Errorf("Get(%s) of %s = %v; want the article", docID(s.ID, i), s.Name, err)
			}
		}
	}
}
