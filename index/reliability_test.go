package index

// Reliability: what a user sees when things go wrong, one file a concern:
// a process killed in the middle of an import (crash_test.go), a second
// process on the same library (lock_test.go), a damaged or outdated index
// (damage_test.go), a read-only or full disk (disk_test.go), bad input files
// (badinput_test.go) and hostile queries (hostile_test.go). This file holds
// what they share: generated corpora, child processes, a library's state.
// The long variants run with BAOSOU_SOAK=1 (make soak).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// relSoak reports whether the long variants were asked for (make soak).
func relSoak() bool { return os.Getenv("BAOSOU_SOAK") == "1" }

// relSeed is the seed of the generated data and of the kill times: fixed so
// that a failure can be replayed, and changeable with BAOSOU_SEED.
func relSeed(t *testing.T) uint64 {
	seed := uint64(1)
	if s := os.Getenv("BAOSOU_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("BAOSOU_SEED=%q: %v", s, err)
		}
		seed = n
	}
	return seed
}

// relHan holds the 3755 GB2312 level-1 characters: generated text made of
// them is also valid GBK and reads as real Chinese to the encoding guesser.
var relHan = func() []rune {
	var buf []byte
	for lead := 0xB0; lead <= 0xD7; lead++ {
		for trail := 0xA1; trail <= 0xFE && !(lead == 0xD7 && trail > 0xF9); trail++ {
			buf = append(buf, byte(lead), byte(trail))
		}
	}
	out, _ := simplifiedchinese.GBK.NewDecoder().Bytes(buf)
	return []rune(string(out))
}()

// relWords returns n pseudo-random Han characters with no punctuation,
// drawn as often as in real text: a few very often, most rarely (Zipf's law),
// which keeps the character pairs the index holds realistic.
func relWords(rng *rand.Rand, n int) string {
	z := rand.NewZipf(rng, 1.1, 1, uint64(len(relHan)-1))
	var b strings.Builder
	for range n {
		b.WriteRune(relHan[z.Uint64()])
	}
	return b.String()
}

// relText returns n pseudo-random Han characters in clauses, ending a sentence.
func relText(rng *rand.Rand, n int) string {
	z := rand.NewZipf(rng, 1.1, 1, uint64(len(relHan)-1))
	var b strings.Builder
	for i := range n {
		b.WriteRune(relHan[z.Uint64()])
		if i%17 == 16 && i < n-1 {
			b.WriteString("，")
		}
	}
	b.WriteString("。")
	return b.String()
}

// relPage is a page of three 本报讯 articles, each carrying a marker
// ZK<file>A<k>Z that names it.
func relPage(rng *rand.Rand, file int) (page string, markers []string) {
	var b strings.Builder
	for k := range 3 {
		m := fmt.Sprintf("ZK%04dA%dZ", file, k)
		markers = append(markers, m)
		fmt.Fprintf(&b, "%s\n\n本报讯（记者张三）3月%d日，%s编号%s。\n%s\n\n", relWords(rng, 10), k+1, relText(rng, 100), m, relText(rng, 200))
	}
	return b.String(), markers
}

// relJSONL is a .jsonl of about size bytes, one record a line, each with a marker ZJ<n>Z.
func relJSONL(rng *rand.Rand, size int) (data string, markers []string) {
	var b strings.Builder
	for n := 0; b.Len() < size; n++ {
		m := fmt.Sprintf("ZJ%06dZ", n)
		markers = append(markers, m)
		fmt.Fprintf(&b, `{"title":"%s","date":"2020-03-%02d","body":"%s\n编号%s。%s"}`+"\n", relWords(rng, 12), n%28+1, relText(rng, 400), m, relText(rng, 500))
	}
	return b.String(), markers
}

var relMarker = regexp.MustCompile(`Z[KJ][0-9A]+Z`)

// relFile is one generated input file and the markers of its articles.
type relFile struct {
	path    string
	markers []string
}

// relCorpus writes pages page files and a .jsonl of bulk bytes into a new
// folder, and returns them in the order a folder import takes them.
func relCorpus(t *testing.T, seed uint64, pages, bulk int) (dir string, files []relFile) {
	t.Helper()
	dir = t.TempDir()
	rng := rand.New(rand.NewPCG(seed, 1))
	write := func(name, data string, markers []string) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, relFile{p, markers})
	}
	for i := range pages {
		page, markers := relPage(rng, i)
		write(fmt.Sprintf("p%04d.txt", i), page, markers)
		if i == pages/2 {
			// in the middle, so that kills land before, in and after it
			data, markers := relJSONL(rng, bulk)
			write(fmt.Sprintf("p%04d-bulk.jsonl", i), data, markers)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return dir, files
}

// TestHelperProcess is no test: the tests below re-run the test binary as a
// child process with BAOSOU_HELPER set, the os/exec pattern, so that they can
// kill a process that holds or imports into a library.
//
//	import  open BAOSOU_HELPER_DIR, import BAOSOU_HELPER_PATHS (one a line),
//	        printing "opened", "done N" before each file and "finished heap=MB";
//	        exit status 6 when a file failed, each named on stderr
//	hold    open BAOSOU_HELPER_DIR, print "ready", wait for stdin to close
//	open    open BAOSOU_HELPER_DIR, print "notice" and its Notice, quoted
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("BAOSOU_HELPER")
	if mode == "" {
		return
	}
	dir := os.Getenv("BAOSOU_HELPER_DIR")
	l, err := OpenWith(dir, Options{NoSample: mode == "import"})
	if err != nil {
		fmt.Fprintf(os.Stderr, "Open: %v\n", err)
		os.Exit(3)
	}
	switch mode {
	case "open":
		fmt.Printf("notice %q\n", l.Notice())
	case "hold":
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
	case "write":
		if err := l.beginWrite(); err != nil {
			fmt.Fprintf(os.Stderr, "beginWrite: %v\n", err)
			os.Exit(4)
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
		l.endWrite()
	case "import":
		fmt.Println("opened")
		paths := strings.Split(os.Getenv("BAOSOU_HELPER_PATHS"), "\n")
		rep, err := l.Import(context.Background(), paths, ImportOptions{Progress: func(p ImportProgress) {
			fmt.Printf("done %d\n", p.FilesDone)
		}})
		if err != nil {
			fmt.Fprintf(os.Stderr, "Import: %v\n", err)
			os.Exit(4)
		}
		for _, f := range rep.Failed {
			fmt.Fprintf(os.Stderr, "failed %s: %s\n", f.Path, f.Err)
		}
		if len(rep.Failed) > 0 {
			os.Exit(6)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("finished heap=%dMB\n", ms.Sys>>20)
	}
	if err := l.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "Close: %v\n", err)
		os.Exit(5)
	}
	os.Exit(0)
}

// relChild is a running helper process.
type relChild struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string // its stdout, line by line; closed when it ends
	stderr bytes.Buffer
	exited chan struct{}
	err    error // from Wait, once exited is closed

	mu   sync.Mutex
	done int    // the highest "done N" printed: files 0..N-1 are imported
	last string // the last line read
}

func relStart(t *testing.T, mode, dir string, paths ...string) *relChild {
	t.Helper()
	c := &relChild{lines: make(chan string, 1024), exited: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), "BAOSOU_HELPER="+mode, "BAOSOU_HELPER_DIR="+dir,
		"BAOSOU_HELPER_PATHS="+strings.Join(paths, "\n"))
	c.cmd.Stderr = &c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			c.mu.Lock()
			if n, ok := strings.CutPrefix(line, "done "); ok {
				c.done, _ = strconv.Atoi(n)
			}
			c.last = line
			c.mu.Unlock()
			select {
			case c.lines <- line:
			default: // nobody is waiting for progress lines
			}
		}
		close(c.lines)
		c.err = c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() { c.kill() })
	return c
}

// kill ends the child with SIGKILL, as a crash or a power cut would, and waits for it.
func (c *relChild) kill() {
	c.cmd.Process.Kill()
	<-c.exited
}

// waitLine waits for a line starting with prefix.
func (c *relChild) waitLine(t *testing.T, prefix string, timeout time.Duration) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				<-c.exited
				t.Fatalf("child ended (%v) before printing %q; stderr:\n%s", c.err, prefix, c.stderr.String())
			}
			if strings.HasPrefix(line, prefix) {
				return
			}
		case <-deadline:
			t.Fatalf("child printed no %q within %v", prefix, timeout)
		}
	}
}

// finishWithin waits for the child to end, killing it after timeout; it
// reports whether the child ended by itself, and how long that took.
func (c *relChild) finishWithin(timeout time.Duration) (ended bool, took time.Duration) {
	start := time.Now()
	select {
	case <-c.exited:
		return true, time.Since(start)
	case <-time.After(timeout):
		c.kill()
		return false, time.Since(start)
	}
}

func (c *relChild) progress() (done int, last string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done, c.last
}

// relSearch runs a query that must succeed.
func relSearch(t *testing.T, l *Library, q string, opt SearchOptions) *Results {
	t.Helper()
	res, err := l.Search(context.Background(), q, opt)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

// relState is what a user sees of a library: its sources and the answers
// to a few queries.
type relState struct {
	sources []string          // "ID name articles"
	answers map[string]string // query -> "total: id title, id title..."
}

var relQueries = []string{"", "疫情", "房地产", "title:复工", "ZK", "ZK0001A2Z", "reporter:张三"}

func relStateOf(t *testing.T, l *Library) relState {
	t.Helper()
	s := relState{answers: map[string]string{}}
	for _, src := range l.Sources() {
		s.sources = append(s.sources, fmt.Sprintf("%s %s %d", src.ID, src.Name, src.Articles))
	}
	for _, q := range relQueries {
		res := relSearch(t, l, q, SearchOptions{Limit: 100, Sort: NewestFirst})
		var hits []string
		for _, h := range res.Hits {
			hits = append(hits, h.ID+" "+h.Title)
		}
		sort.Strings(hits)
		s.answers[q] = fmt.Sprintf("%d: %s", res.Total, strings.Join(hits, ", "))
	}
	return s
}

func (s relState) diff(o relState) string {
	var out []string
	if a, b := strings.Join(s.sources, "; "), strings.Join(o.sources, "; "); a != b {
		out = append(out, fmt.Sprintf("sources = %s, want %s", a, b))
	}
	for _, q := range relQueries {
		if s.answers[q] != o.answers[q] {
			out = append(out, fmt.Sprintf("Search(%q) = %.120s…, want %.120s…", q, s.answers[q], o.answers[q]))
		}
	}
	return strings.Join(out, "\n")
}

// relFiles lists the files under dir with their sizes and contents' hashes.
func relFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = fmt.Sprintf("%d bytes %x", len(b), relFNV(b))
	}
	return out
}

func relFNV(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// relLibrary makes a library of the sample and two generated pages (14
// articles in three sources), closed, and returns what it shows.
func relLibrary(t *testing.T, dir string) relState {
	t.Helper()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rng := rand.New(rand.NewPCG(relSeed(t), 3))
	in := t.TempDir()
	for i := range 2 {
		page, _ := relPage(rng, i)
		os.WriteFile(filepath.Join(in, fmt.Sprintf("2021-03-0%d.txt", i+1)), []byte(page), 0o644)
	}
	rep, err := l.Import(context.Background(), []string{in}, ImportOptions{})
	if err != nil || rep.Added != 6 || len(rep.Failed) > 0 {
		t.Fatalf("import of two pages: %+v, %v; want 6 articles added", rep, err)
	}
	return relStateOf(t, l)
}

// relEditManifest changes the manifest of a closed library.
func relEditManifest(t *testing.T, dir string, f func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	if b, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func relGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, _ := filepath.Glob(pattern)
	if len(m) == 0 {
		t.Fatalf("no %s to damage", pattern)
	}
	return m
}
