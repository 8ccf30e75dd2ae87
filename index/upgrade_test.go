package index

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpgradeFromGrams opens a library written by the Baosou before this
// one (its own gram segments, older docs files): the index is rebuilt into
// Bleve from the stored sources, with a message, and nothing is lost.
func TestUpgradeFromGrams(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/grams-library")); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, p := range relGlob(t, filepath.Join(dir, "sources", "*")) {
		before[filepath.Base(p)], _ = os.ReadFile(p)
	}
	var steps int
	l, err := OpenWith(dir, Options{Progress: func(done, total int) { steps++ }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !strings.Contains(l.Notice(), "another version") || steps == 0 {
		t.Errorf("Notice %q after %d progress reports; want the rebuild said and shown", l.Notice(), steps)
	}
	if n := len(l.Sources()); n != 2 {
		t.Errorf("%d sources after the upgrade, want 2", n)
	}
	for q, want := range map[string]int{"疫情": 8, "旧版资料库": 1, "reporter:李四": 1, "": 9} {
		if n := find(t, l, q, SearchOptions{}).Total; n != want {
			t.Errorf("%q finds %d after the upgrade, want %d", q, n, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "grams")); !os.IsNotExist(err) {
		t.Errorf("the old index is still there: %v", err)
	}
	for name, b := range before {
		if now, err := os.ReadFile(filepath.Join(dir, "sources", name)); err != nil || !bytes.Equal(now, b) {
			t.Errorf("source copy %s changed by the upgrade (%v)", name, err)
		}
	}
	relAllReadable(t, l)
}
