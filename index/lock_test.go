package index

// Locks: two processes on one library. See reliability_test.go for the
// generated corpora and the child processes these tests use.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSecondProcessIsToldTheLibraryIsInUse: processes that read a library
// share it (baosou search while the app is open); a process that writes it
// has it alone. Whoever meets the other must be told at once, with the
// holder named, and the library must be intact for when the holder goes,
// however it goes.
func TestSecondProcessIsToldTheLibraryIsInUse(t *testing.T) {
	ends := []struct {
		name string
		end  func(c *relChild)
	}{
		{"closes the library", func(c *relChild) { c.stdin.Close(); <-c.exited }},
		{"is killed", func(c *relChild) { c.kill() }},
	}
	in := filepath.Join(t.TempDir(), "one.jsonl")
	os.WriteFile(in, []byte(`{"title":"新来的","body":"第二个进程写入。"}`+"\n"), 0o644)
	// answers runs f in the background: it must answer within limit.
	answers := func(t *testing.T, what string, limit time.Duration, f func() error) error {
		t.Helper()
		errc := make(chan error, 1)
		start := time.Now()
		go func() { errc <- f() }()
		select {
		case err := <-errc:
			t.Logf("%s answered in %v: %v", what, time.Since(start), err)
			return err
		case <-time.After(limit):
			t.Fatalf("%s has not answered after %v", what, limit)
		}
		return nil
	}
	for _, mode := range []string{"hold", "write"} {
		for _, tt := range ends {
			t.Run(mode+"er "+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				c := relStart(t, mode, dir)
				c.waitLine(t, "ready", time.Minute)
				pid := strconv.Itoa(c.cmd.Process.Pid)
				var l *Library
				err := answers(t, "Open", time.Second, func() (err error) {
					l, err = OpenWith(dir, Options{})
					return err
				})
				if mode == "write" {
					if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), pid) {
						t.Errorf("Open of a library process %s writes: %v, want ErrLocked naming it", pid, err)
					}
				} else {
					if err != nil {
						t.Fatalf("Open of a library process %s reads: %v, want it shared", pid, err)
					}
					if res := relSearch(t, l, "疫情", SearchOptions{}); res.Total != 8 {
						t.Errorf("beside a reader, 疫情 finds %d articles, want the sample's 8", res.Total)
					}
					err = answers(t, "Import", upgradeWait+time.Second, func() error {
						_, err := l.Import(context.Background(), []string{in}, ImportOptions{})
						return err
					})
					if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), pid) {
						t.Errorf("Import beside process %s reading: %v, want ErrLocked naming it", pid, err)
					}
					l.Close()
				}
				tt.end(c)
				l, err = OpenWith(dir, Options{})
				if err != nil {
					t.Fatalf("Open after the holder ended: %v", err)
				}
				defer l.Close()
				if rep, err := l.Import(context.Background(), []string{in}, ImportOptions{}); err != nil || rep.Added != 1 {
					t.Errorf("Import after the holder ended: %+v, %v", rep, err)
				}
				if res := relSearch(t, l, "疫情", SearchOptions{}); res.Total != 8 {
					t.Errorf("after the holder ended, 疫情 finds %d articles, want the sample's 8", res.Total)
				}
			})
		}
	}
}
