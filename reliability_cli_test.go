package main

// Reliability of the CLI as a user meets it: a second command while an
// import runs, Ctrl-C in the middle of an import, a damaged index, bad
// files and bad queries. Each answer must come quickly, with the right exit
// status and a message that says what happened.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestHelperProcess is no test: the tests below run the test binary as a
// child process with BAOSOU_CLI_ARGS set (the os/exec pattern), which then
// behaves as the baosou command with those arguments, one a line.
func TestHelperProcess(t *testing.T) {
	args := os.Getenv("BAOSOU_CLI_ARGS")
	if args == "" {
		return
	}
	os.Exit(run(strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// relBaosou is a baosou command running in a child process.
type relBaosou struct {
	cmd      *exec.Cmd
	stdout   bytes.Buffer
	progress chan string // stderr lines
	exited   chan struct{}

	mu     sync.Mutex
	stderr strings.Builder
}

func relStartBaosou(t *testing.T, args ...string) *relBaosou {
	t.Helper()
	c := &relBaosou{progress: make(chan string, 4096), exited: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), "BAOSOU_CLI_ARGS="+strings.Join(args, "\n"))
	c.cmd.Stdout = &c.stdout
	errPipe, err := c.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			c.mu.Lock()
			c.stderr.WriteString(sc.Text() + "\n")
			c.mu.Unlock()
			select {
			case c.progress <- sc.Text():
			default:
			}
		}
		c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		c.cmd.Process.Kill()
		<-c.exited
	})
	return c
}

// waitFor waits for a stderr line containing s.
func (c *relBaosou) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case line := <-c.progress:
			if strings.Contains(line, s) {
				return
			}
		case <-c.exited:
			t.Fatalf("baosou ended (exit %d) before printing %q:\n%s", c.cmd.ProcessState.ExitCode(), s, c.errText())
		case <-deadline:
			t.Fatalf("baosou printed no %q within a minute", s)
		}
	}
}

func (c *relBaosou) errText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stderr.String()
}

// wait waits for the command to end and returns its exit status.
func (c *relBaosou) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-c.exited:
		return c.cmd.ProcessState.ExitCode()
	case <-time.After(5 * time.Minute):
		t.Fatal("baosou has not ended after 5 minutes")
		return -1
	}
}

// relCLI runs a CLI command in-process, failing the test if it takes longer than limit.
func relCLI(t *testing.T, limit time.Duration, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		code := run(append(args, "--data", dir), &out, &errb)
		done <- result{code, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(limit):
		t.Fatalf("baosou %s has not answered after %v", strings.Join(args, " "), limit)
		return 0, "", ""
	}
}

// relCorpus writes a few pages and a .jsonl of about bulk bytes, every
// article with a marker MK<n>Z, and returns the folder and the markers.
func relCorpus(t *testing.T, pages, bulk int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 7))
	han := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteRune(rune(0x4E00 + rng.IntN(800)))
			if i%20 == 19 {
				b.WriteString("，")
			}
		}
		return b.String() + "。"
	}
	var markers []string
	mark := func() string {
		m := fmt.Sprintf("MK%05dZ", len(markers))
		markers = append(markers, m)
		return m
	}
	for i := range pages {
		page := fmt.Sprintf("本报讯（记者张三）3月%d日，%s编号%s。\n%s\n", i%28+1, han(80), mark(), han(200))
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("2021-03-%03d.txt", i)), []byte(page), 0o644)
	}
	var b strings.Builder
	for b.Len() < bulk {
		fmt.Fprintf(&b, `{"title":"%s","date":"2020-01-02","body":"%s%s%s"}`+"\n", han(10), han(300), mark(), han(300))
	}
	// first in the folder, so that pages remain to be imported after it
	os.WriteFile(filepath.Join(dir, "0-bulk.jsonl"), []byte(b.String()), 0o644)
	return dir, markers
}

// relTotal runs search --json and returns the total.
func relTotal(t *testing.T, dir, q string) int {
	t.Helper()
	code, out, errs := relCLI(t, time.Minute, dir, "search", "--json", q)
	var res struct{ Total int }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("search --json %q: exit %d\n%s%s", q, code, out, errs)
	}
	return res.Total
}

// TestCLILibraryInUse runs commands while `baosou import` holds the
// library: each must fail at once with exit status 1 and say which process
// holds it; the import must finish undisturbed.
func TestCLILibraryInUse(t *testing.T) {
	in, markers := relCorpus(t, 4, 2<<20)
	dir := t.TempDir()
	c := relStartBaosou(t, "import", "--data", dir, "--no-sample", in)
	c.waitFor(t, "bulk.jsonl") // the slow file
	pid := strconv.Itoa(c.cmd.Process.Pid)

	tests := [][]string{
		{"search", "疫情"},
		{"import", in},
		{"sources"},
		{"reindex"},
		{"remove", "0123456789abcdef"},
	}
	for _, args := range tests {
		t.Run(args[0], func(t *testing.T) {
			start := time.Now()
			code, _, errs := relCLI(t, 3*time.Second, dir, args...)
			t.Logf("answered in %v: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(errs))
			if code != 1 {
				t.Errorf("baosou %s while an import runs: exit %d, want 1", args[0], code)
			}
			if !strings.Contains(errs, "in use") || !strings.Contains(errs, pid) {
				t.Errorf("baosou %s while process %s imports: stderr %q, want it to say the library is in use by process %s", args[0], pid, errs, pid)
			}
		})
	}
	select {
	case <-c.exited:
		t.Fatalf("the import ended before the other commands ran (exit %d); the test needs a bigger input", c.cmd.ProcessState.ExitCode())
	default:
	}
	if code := c.wait(t); code != 0 {
		t.Fatalf("the import: exit %d\n%s\n%s", code, c.stdout.String(), c.errText())
	}
	if got := relTotal(t, dir, ""); got != len(markers) {
		t.Errorf("after the import: %d articles, want %d", got, len(markers))
	}
}

// TestCLIInterruptedImport presses Ctrl-C during `baosou import`: it must
// stop with exit status 1 and say how to finish, and the same import run
// again must complete the library, every article once.
func TestCLIInterruptedImport(t *testing.T) {
	in, markers := relCorpus(t, 6, 2<<20)
	dir := t.TempDir()
	c := relStartBaosou(t, "import", "--data", dir, "--no-sample", in)
	c.waitFor(t, "bulk.jsonl")
	if err := c.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Skipf("cannot send an interrupt here: %v", err)
	}
	code := c.wait(t)
	out := c.stdout.String()
	t.Logf("interrupted import: exit %d\n%s", code, out)
	if code != 1 || !strings.Contains(out, "interrupted") || !strings.Contains(out, "again") {
		if code == 0 {
			t.Skip("the import finished before the interrupt; the test needs a bigger input")
		}
		t.Errorf("interrupted import: exit %d, stdout %q; want 1 and how to finish", code, out)
	}
	code, out, errs := relCLI(t, 5*time.Minute, dir, "import", "--no-sample", in)
	if code != 0 {
		t.Fatalf("import again: exit %d\n%s%s", code, out, errs)
	}
	if got := relTotal(t, dir, ""); got != len(markers) {
		t.Errorf("after the import again: %d articles, want %d", got, len(markers))
	}
	for _, m := range []string{markers[0], markers[len(markers)/2], markers[len(markers)-1]} {
		if got := relTotal(t, dir, m); got != 1 {
			t.Errorf("search %s: %d articles, want 1", m, got)
		}
	}
}

// TestCLIRebuildNotice deletes the index of a library: the next command
// says it was rebuilt and answers as before; the one after says nothing.
func TestCLIRebuildNotice(t *testing.T) {
	dir := t.TempDir()
	_, before, _ := relCLI(t, time.Minute, dir, "search", "疫情")
	if err := os.RemoveAll(filepath.Join(dir, "bleve")); err != nil {
		t.Fatal(err)
	}
	code, out, errs := relCLI(t, time.Minute, dir, "search", "疫情")
	if code != 0 || relWithoutTime(out) != relWithoutTime(before) {
		t.Errorf("search after the index was deleted: exit %d\n%s\nwant exit 0 and\n%s", code, out, before)
	}
	if !strings.Contains(errs, "rebuilt") {
		t.Errorf("search after the index was deleted: stderr %q, want a message that it was rebuilt", errs)
	}
	if _, _, errs := relCLI(t, time.Minute, dir, "search", "疫情"); errs != "" {
		t.Errorf("the search after that: stderr %q, want nothing", errs)
	}
}

// relWithoutTime drops the search time from search output.
func relWithoutTime(out string) string {
	return regexp.MustCompile(`\([0-9.]+ ms\)`).ReplaceAllString(out, "")
}

// TestCLIImportReportsBadFiles: each bad file is named in the summary with
// what is wrong, the good file goes in, and the exit status is 1.
func TestCLIImportReportsBadFiles(t *testing.T) {
	in := t.TempDir()
	files := map[string]string{
		"good.txt":  "本报讯（记者张三）3月1日，测试新闻正文GOODPAGE，关于春耕生产。\n",
		"empty.txt": "",
		"scan.txt":  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
		"bad.jsonl": "{\"title\":\"好\",\"body\":\"GOODLINE\"}\nnot json\n",
	}
	for name, data := range files {
		os.WriteFile(filepath.Join(in, name), []byte(data), 0o644)
	}
	missing := filepath.Join(in, "missing.txt")
	dir := t.TempDir()
	code, out, errs := relCLI(t, time.Minute, dir, "import", "--no-sample", in, missing)
	if code != 1 {
		t.Errorf("import with bad files: exit %d, want 1", code)
	}
	for _, want := range []string{
		"2 articles added",
		"failed  " + filepath.Join(in, "empty.txt") + ": no text",
		"failed  " + filepath.Join(in, "scan.txt") + ": not a readable image",
		"failed  " + missing + ": no such file or folder",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import summary lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "bad.jsonl: line 2:") {
		t.Errorf("import warnings lack the malformed line of bad.jsonl:\n%s", errs)
	}
	for _, q := range []string{"GOODPAGE", "GOODLINE"} {
		if got := relTotal(t, dir, q); got != 1 {
			t.Errorf("search %s: %d, want 1", q, got)
		}
	}
}

// TestCLIBadQueries: a query that cannot be run gives exit status 2 and a
// message that says why, at once.
func TestCLIBadQueries(t *testing.T) {
	dir := t.TempDir()
	relCLI(t, time.Minute, dir, "sources") // creates the library
	tests := []struct {
		args []string
		code int
		want string // in stderr for exit 2, in stdout for 0
	}{
		{[]string{"search", `"疫情`}, 2, "never closed"},
		{[]string{"search", "-"}, 2, "needs a term"},
		{[]string{"search", "OR"}, 2, "OR needs"},
		{[]string{"search", "title:"}, 2, "needs a value"},
		{[]string{"search", "date:2020-02-30"}, 2, "no day 30"},
		{[]string{"search", "，。"}, 2, "no letters"},
		{[]string{"search", "--from", "2020-13-01", "疫情"}, 2, "month"},
		{[]string{"search", "\x00\x07"}, 0, "共 8 篇"},
		{[]string{"search", strings.Repeat("疫情 ", 3000)}, 0, "共 8 篇"},
		{[]string{"search", "疫情😀"}, 0, "共 0 篇"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%.20q", strings.Join(tt.args[1:], " ")), func(t *testing.T) {
			code, out, errs := relCLI(t, 3*time.Second, dir, tt.args...)
			got := out
			if tt.code != 0 {
				got = errs
			}
			if code != tt.code || !strings.Contains(got, tt.want) {
				t.Errorf("baosou %.60q: exit %d, output %.300q; want exit %d and %q", tt.args, code, got, tt.code, tt.want)
			}
		})
	}
}
