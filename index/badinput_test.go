package index

// Bad input: files that cannot be imported, in every way a user meets them. See reliability_test.go for the
// generated corpora and the child processes these tests use.

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// relImport imports paths into a new library without the sample.
func relImport(t *testing.T, paths ...string) (*Library, ImportReport) {
	t.Helper()
	l, err := OpenWith(t.TempDir(), Options{NoSample: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	rep, err := l.Import(context.Background(), paths, ImportOptions{})
	if err != nil {
		t.Fatalf("Import(%v) = %v; a bad input file must not fail the whole import", paths, err)
	}
	return l, rep
}

// relFailure is what the report says about path, or "" when it names no failure of it.
func relFailure(rep ImportReport, path string) string {
	for _, f := range rep.Failed {
		if f.Path == path {
			return f.Err
		}
	}
	return ""
}

// TestImportBadFiles imports a good page together with each kind of bad
// file: the good page goes in, and the report names the bad file and
// what is wrong with it (or, where a file can be read after all, its text
// is found).
func TestImportBadFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(relSeed(t), 6))
	goodPage, goodMarkers := relPage(rng, 1)
	utf8Half := "本报讯（记者李四）3月2日，" + relText(rng, 300) + "甲乙丙UTFHALF。\n"
	gbkHalf, _ := simplifiedchinese.GBK.NewEncoder().String(relText(rng, 300) + "丁戊己GBKHALF。\n")
	elf, elfErr := os.ReadFile("/bin/true")
	noEncoding := make([]byte, 4096)
	for i := range noEncoding {
		// high bytes only: not UTF-8, and as GB18030 or Big5 mostly rare characters and errors
		noEncoding[i] = byte(0x80 + rng.IntN(0x7f))
	}
	withNUL := []byte("本报讯（记者王五）3月3日，" + relText(rng, 200) + "NULTEXT。\n")
	withNUL = slices.Insert(withNUL, 30, 0, 0)

	tests := []struct {
		name, file string
		data       []byte
		fail       string // what the report must say; "" when the file may also import
		found      []string
	}{
		{name: "empty", file: "empty.txt", data: nil, fail: "no text"},
		{name: "only white space", file: "blank.txt", data: []byte(" \n\t\r\n　\n"), fail: "no text"},
		// A truncated PNG named .txt: the content says image, and it is not a readable one.
		{name: "PNG image", file: "scan.txt", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02"), fail: "not a readable image"},
		{name: "ELF executable", file: "true.txt", data: elf, fail: "not a text file"},
		{name: "no supported encoding", file: "noise.txt", data: noEncoding, fail: "not valid in any supported encoding"},
		// Half UTF-8, relHalf GBK: either both halves read right, or a clear refusal.
		{name: "mixed encodings", file: "mixed.txt", data: append([]byte(utf8Half), gbkHalf...), fail: "encoding", found: []string{"UTFHALF 甲乙丙", "GBKHALF 丁戊己"}},
		// A text with stray NULs: refused as binary, or read without them.
		{name: "NUL bytes", file: "nul.txt", data: withNUL, fail: "not a text file", found: []string{"NULTEXT"}},
		// A lead with nothing after it: an article of its lead alone, or a clear refusal.
		{name: "leads but no text", file: "2021-03-01.txt", data: []byte("本报讯（记者周七）3月1日\n\n本报讯（记者吴八）3月2日\n"), fail: "no", found: []string{"reporter:周七", "reporter:吴八"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "ELF executable" && elfErr != nil {
				t.Skipf("no /bin/true to copy: %v", elfErr)
			}
			dir := t.TempDir()
			good := filepath.Join(dir, "good.txt")
			bad := filepath.Join(dir, tt.file)
			os.WriteFile(good, []byte(goodPage), 0o644)
			os.WriteFile(bad, tt.data, 0o644)

			for _, how := range []string{"folder", "files"} {
				paths := []string{dir}
				if how == "files" {
					paths = []string{bad, good}
				}
				l, rep := relImport(t, paths...)
				if res := relSearch(t, l, goodMarkers[2], SearchOptions{}); res.Total != 1 {
					t.Errorf("import of the %s with %s: the good page's article found %d times, want 1", how, tt.file, res.Total)
				}
				why := relFailure(rep, bad)
				imported := rep.Added > 3
				if how == "folder" {
					t.Logf("%s: %d articles added; failure %q; warnings %q", tt.file, rep.Added-3, why, rep.Warnings)
				}
				switch {
				case imported && tt.found != nil:
					for _, q := range tt.found {
						if res := relSearch(t, l, q, SearchOptions{}); res.Total != 1 {
							t.Errorf("%s was imported, but %q finds %d articles, want 1 (is its text garbled?)", tt.file, q, res.Total)
						}
					}
				case imported:
					t.Errorf("%s was imported (%d articles, report %+v); want it reported as failed: %q", tt.file, rep.Added-3, rep.Sources, tt.fail)
				case why == "":
					t.Errorf("import of the %s: %s neither imported nor named among the failures %+v", how, tt.file, rep.Failed)
				case !strings.Contains(why, tt.fail):
					t.Errorf("import of the %s: %s failed with %q, want %q", how, tt.file, why, tt.fail)
				}
			}
		})
	}
}

// TestImportBadPaths: paths that are not files to import.
func TestImportBadPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(relSeed(t), 7))
	goodPage, goodMarkers := relPage(rng, 2)

	t.Run("does not exist", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "no-such-folder", "x.txt")
		good := filepath.Join(t.TempDir(), "good.txt")
		os.WriteFile(good, []byte(goodPage), 0o644)
		l, rep := relImport(t, missing, good)
		if why := relFailure(rep, missing); !strings.Contains(why, "no such file") {
			t.Errorf("import of a missing path: failure %q, want \"no such file or folder\" (failed %+v)", why, rep.Failed)
		}
		if res := relSearch(t, l, goodMarkers[0], SearchOptions{}); res.Total != 1 {
			t.Errorf("the good page beside a missing path: found %d times, want 1", res.Total)
		}
	})

	t.Run("symlink loops", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "good.txt"), []byte(goodPage), 0o644)
		sub := filepath.Join(dir, "sub")
		os.Mkdir(sub, 0o755)
		a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
		for _, err := range []error{
			os.Symlink(dir, filepath.Join(sub, "up")), // a folder loop
			os.Symlink(b, a), os.Symlink(a, b), // a file loop
		} {
			if err != nil {
				t.Skipf("cannot make symbolic links here: %v", err)
			}
		}
		done := make(chan struct{})
		var l *Library
		var rep ImportReport
		go func() { l, rep = relImport(t, dir, a); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("import of a folder with a symlink loop has not finished after 20 s")
		}
		if res := relSearch(t, l, goodMarkers[0], SearchOptions{}); res.Total != 1 {
			t.Errorf("folder with a symlink loop: the good page found %d times, want 1", res.Total)
		}
		if why := relFailure(rep, a); why == "" {
			t.Errorf("a.txt, a link to itself named explicitly, is not among the failures %+v", rep.Failed)
		} else if !strings.Contains(why, "symbolic links") {
			t.Logf("a.txt failure: %q", why)
		}
	})

	// A named pipe named explicitly: reading it waits for a writer that
	// never comes. The import must not hang on it.
	t.Run("named pipe", func(t *testing.T) {
		dir := t.TempDir()
		good := filepath.Join(dir, "good.txt")
		os.WriteFile(good, []byte(goodPage), 0o644)
		fifo := filepath.Join(dir, "pipe.txt")
		if out, err := exec.Command("mkfifo", fifo).CombinedOutput(); err != nil {
			t.Skipf("cannot make a named pipe here: %v %s", err, out)
		}
		done := make(chan struct{})
		var l *Library
		var rep ImportReport
		go func() { l, rep = relImport(t, fifo, good); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			// Unblock the reader, so that the test can end.
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			<-done
			t.Errorf("import of a named pipe hung until something wrote to the pipe; want it refused as not a regular file")
		}
		if why := relFailure(rep, fifo); why == "" {
			t.Errorf("the named pipe is not among the failures %+v", rep.Failed)
		}
		if res := relSearch(t, l, goodMarkers[0], SearchOptions{}); res.Total != 1 {
			t.Errorf("the good page after a named pipe: found %d times, want 1", res.Total)
		}
	})

	t.Run("unreadable file", func(t *testing.T) {
		dir := t.TempDir()
		good := filepath.Join(dir, "good.txt")
		locked := filepath.Join(dir, "locked.txt")
		os.WriteFile(good, []byte(goodPage), 0o644)
		p, _ := relPage(rng, 3)
		os.WriteFile(locked, []byte(p), 0o000)
		if _, err := os.ReadFile(locked); err == nil {
			t.Skip("chmod 000 does not stop this user's reads (root)")
		}
		l, rep := relImport(t, dir)
		if why := relFailure(rep, locked); !strings.Contains(why, "permission denied") {
			t.Errorf("unreadable file: failure %q, want \"permission denied\" (failed %+v)", why, rep.Failed)
		}
		if res := relSearch(t, l, goodMarkers[0], SearchOptions{}); res.Total != 1 {
			t.Errorf("the good page beside an unreadable one: found %d times, want 1", res.Total)
		}
	})

	t.Run("unreadable folder", func(t *testing.T) {
		dir := t.TempDir()
		good := filepath.Join(dir, "good.txt")
		os.WriteFile(good, []byte(goodPage), 0o644)
		locked := filepath.Join(dir, "locked")
		os.Mkdir(locked, 0o755)
		os.WriteFile(filepath.Join(locked, "x.txt"), []byte(goodPage), 0o644)
		os.Chmod(locked, 0o000)
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
		if _, err := os.ReadDir(locked); err == nil {
			t.Skip("chmod 000 does not stop this user's reads (root)")
		}
		l, rep := relImport(t, dir)
		if why := relFailure(rep, locked); !strings.Contains(why, "permission denied") {
			t.Errorf("unreadable folder: failure %q, want \"permission denied\" (failed %+v)", why, rep.Failed)
		}
		if res := relSearch(t, l, goodMarkers[0], SearchOptions{}); res.Total != 1 {
			t.Errorf("the good page beside an unreadable folder: found %d times, want 1", res.Total)
		}
	})
}

// TestImportMalformedJSONL: the report names each bad line and the good
// lines are imported.
func TestImportMalformedJSONL(t *testing.T) {
	lines := []string{
		`{"title":"第一篇好记录","date":"2020-05-01","body":"正文GOODONE在此。"}`,
		`not json at all`,
		`{"title":"截断的记录","body":"正文`,
		`{"title":"第二篇好记录","date":"2020-05-02","body":"正文GOODTWO在此。"}`,
		`{}`,
		`["an","array"]`,
		`{"title":"日期不对","date":"2020-13-45","body":"正文GOODDATE在此。"}`,
		``,
		`{"title":123,"body":"正文"}`,
		`{"title":"第三篇好记录","body":"正文GOODTHREE在此。"}` + "\r",
		"\x00\x01\x02",
		`{"title":"最后一篇","body":"正文GOODLAST在此。"}`, // no line break at the end
	}
	path := filepath.Join(t.TempDir(), "bulk.jsonl")
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	l, rep := relImport(t, path)
	var ws []string
	for _, w := range rep.Warnings {
		ws = append(ws, filepath.Base(w.Path)+": "+w.Err)
	}
	warnings := strings.Join(ws, "\n")
	for _, n := range []int{2, 3, 5, 6, 7, 9, 11} {
		if !strings.Contains(warnings, fmt.Sprintf("line %d:", n)) {
			t.Errorf("warnings do not name line %d, %q:\n%s", n, lines[n-1], warnings)
		}
	}
	for _, n := range []int{1, 4, 8, 10, 12} {
		if strings.Contains(warnings, fmt.Sprintf("line %d:", n)) {
			t.Errorf("warnings name line %d, which is fine:\n%s", n, warnings)
		}
	}
	if !strings.Contains(warnings, "bulk.jsonl") {
		t.Errorf("warnings do not name the file:\n%s", warnings)
	}
	for _, q := range []string{"GOODONE", "GOODTWO", "GOODDATE", "GOODTHREE", "GOODLAST"} {
		if res := relSearch(t, l, q, SearchOptions{}); res.Total != 1 {
			t.Errorf("good record %s found %d times, want 1", q, res.Total)
		}
	}
	if rep.Added != 5 || len(rep.Failed) != 0 {
		t.Errorf("import: added %d, failed %+v; want the 5 good records and no failed file", rep.Added, rep.Failed)
	}
}

// relRSS is a process's resident memory in bytes, or 0 where /proc cannot tell.
func relRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// relImportInChild imports paths into dir in a child process, which is
// killed after timeout or once it holds more than maxRSS bytes, so that an
// import that runs away costs the test run neither minutes nor the machine's memory.
func relImportInChild(t *testing.T, dir string, timeout time.Duration, maxRSS int64, paths ...string) (ended bool, took time.Duration, peak int64, why string) {
	t.Helper()
	c := relStart(t, "import", dir, paths...)
	start := time.Now()
	deadline := time.After(timeout)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-c.exited:
			took = time.Since(start)
			if code := c.cmd.ProcessState.ExitCode(); code == 6 {
				return true, took, peak, "refused: " + c.stderr.String()
			}
			if c.err != nil {
				return true, took, peak, fmt.Sprintf("child failed: %v\n%s", c.err, relCrash(c.stderr.String()))
			}
			return true, took, peak, ""
		case <-deadline:
			c.kill()
			return false, time.Since(start), peak, fmt.Sprintf("still importing after %v", timeout)
		case <-tick.C:
			rss := relRSS(c.cmd.Process.Pid)
			peak = max(peak, rss)
			if maxRSS > 0 && rss > maxRSS {
				c.kill()
				return false, time.Since(start), peak, fmt.Sprintf("used %d MB of memory after %v", rss>>20, time.Since(start).Round(time.Second))
			}
		}
	}
}

// TestImportBigFiles: a 10 MB article and a 100 MB file without a single
// line break must import (or be refused clearly) without hanging or taking
// the machine's memory (the child's limits catch that, with a wide margin);
// the whole of the text is then searchable.
func TestImportBigFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and imports 110 MB; skipped with -short")
	}
	rng := rand.New(rand.NewPCG(relSeed(t), 8))
	// A line over 4 MB is refused at once as not page text, so the full
	// 100 MB file without line breaks runs in the default suite.
	limit, noBreaks := 40*time.Second, 100<<20
	if relSoak() {
		limit = 10 * time.Minute // to see how long it really takes
	}
	tests := []struct {
		name  string
		size  int
		lines bool // line breaks between paragraphs
	}{
		{"10 MB single article", 10 << 20, true},
		{fmt.Sprintf("%d MB without line breaks", noBreaks>>20), noBreaks, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "2021-05-01.txt")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriterSize(f, 1<<20)
			w.WriteString("本报讯（记者赵六）5月1日，BIGSTART")
			for n := 0; n < tt.size; {
				s := relText(rng, 300)
				if tt.lines {
					s += "\n"
				}
				n += len(s)
				w.WriteString(s)
			}
			w.WriteString("BIGEND。\n")
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			f.Close()

			dir := t.TempDir()
			ended, took, peak, why := relImportInChild(t, dir, limit, 3<<30, path)
			t.Logf("import took %v, peak memory %d MB", took.Round(time.Millisecond), peak>>20)
			if !ended {
				t.Fatalf("import of a %d MB file: %s; want it done in under %v and 3 GB", tt.size>>20, why, limit)
			}
			if strings.HasPrefix(why, "refused: ") {
				t.Logf("the file was %s; a clear refusal is fine", why)
				return
			}
			if why != "" {
				t.Fatal(why)
			}
			l, err := OpenWith(dir, Options{NoSample: true})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			// An article over 1 MB is stored as numbered parts, "title (k/n)",
			// each found and shown on its own.
			for _, q := range []string{"BIGSTART", "BIGEND", "BIGSTART BIGEND", "reporter:赵六"} {
				start := time.Now()
				res := relSearch(t, l, q, SearchOptions{})
				took := time.Since(start)
				if res.Total == 0 {
					t.Errorf("Search(%q) found nothing, want the big article's parts", q)
				}
				for _, h := range res.Hits {
					if !strings.HasSuffix(h.Title, ")") || !strings.Contains(h.Title, "/") {
						t.Errorf("Search(%q) hit %q is not titled as a part (k/n)", q, h.Title)
					}
				}
				t.Logf("Search(%q): %v", q, took.Round(time.Millisecond))
				if took > 10*time.Second { // a hang, not a speed target
					t.Errorf("Search(%q) took %v with the big article in the library: it hangs", q, took.Round(time.Millisecond))
				}
			}
		})
	}
}

// TestImportThousandsOfFiles imports a folder of 3000 small pages: all of
// them, every article found. The child's time limit only catches a hang (it
// takes about 5 s here); its speed is BenchmarkImportSmallFiles's.
func TestImportThousandsOfFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 3000 files; skipped with -short")
	}
	const n = 3000
	limit := 5 * time.Minute
	if relSoak() {
		limit = 30 * time.Minute
	}
	in := t.TempDir()
	writeSmallPages(t, in, n, relSeed(t))
	dir := t.TempDir()
	ended, took, _, why := relImportInChild(t, dir, limit, 0, in)
	l, err := OpenWith(dir, Options{NoSample: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := len(l.Sources())
	t.Logf("%d of %d files imported in %v (%.1f ms a file)", got, n, took.Round(time.Millisecond), float64(took.Milliseconds())/float64(max(got, 1)))
	if !ended || why != "" {
		t.Fatalf("import of %d small files: %s; %d files done; want all (limit %v)", n, why, got, limit)
	}
	if got != n || l.Articles() != n {
		t.Errorf("%d sources and %d articles, want %d of each", got, l.Articles(), n)
	}
	if res := relSearch(t, l, "ZK", SearchOptions{}); res.Total != n {
		t.Errorf("Search(ZK) total = %d, want %d", res.Total, n)
	}
}

// writeSmallPages writes n one-article pages into dir, article i holding the
// code ZK%04dA0Z.
func writeSmallPages(tb testing.TB, dir string, n int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 9))
	for i := range n {
		page := fmt.Sprintf("本报讯（记者张三）3月1日，%s编号ZK%04dA0Z。\n", relText(rng, 60), i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(page), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
