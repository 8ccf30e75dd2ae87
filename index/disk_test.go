package index

// Disks: a read-only or full disk. See reliability_test.go for the
// generated corpora and the child processes these tests use.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// relMount runs mount(8) with args, skipping the test where that is not
// permitted (not root, not Linux, in a container without the capability),
// and undoes it when the test ends.
func relMount(t *testing.T, dir string, args ...string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skipf("mounting a test file system needs Linux, not %s", runtime.GOOS)
	}
	out, err := exec.Command("mount", append(args, dir)...).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount here (mount %s: %v: %s); run as root on Linux to test this", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
			exec.Command("umount", "-l", dir).Run()
		}
	})
}

// relReadOnly makes dir read-only with a read-only bind mount of itself.
// Files already open for writing stay writable, as when a disk is
// remounted read-only under a running program; new writes fail.
func relReadOnly(t *testing.T, dir string) {
	t.Helper()
	relMount(t, dir, "--bind", dir)
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a read-only bind mount here: %v: %s", err, out)
	}
}

// relWritesFail reports an error message that tells the user the library
// cannot be written, or "" if msg does not.
func relSaysCannotWrite(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "read-only") || strings.Contains(m, "permission") || strings.Contains(m, "cannot write")
}

// TestReadOnlyLibrary: a library on a read-only disk, or one that becomes
// read-only while open, must say so rather than fail obscurely, and must
// still hold what it held once the disk is writable again.
func TestReadOnlyLibrary(t *testing.T) {
	page := filepath.Join(t.TempDir(), "2021-03-05.txt")
	p, _ := relPage(rand.New(rand.NewPCG(relSeed(t), 4)), 7)
	os.WriteFile(page, []byte(p), 0o644)

	t.Run("chmod", func(t *testing.T) {
		dir := t.TempDir()
		want := relLibrary(t, dir)
		var dirs []string
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, p)
			}
			return nil
		})
		for _, d := range dirs {
			os.Chmod(d, 0o555)
		}
		t.Cleanup(func() {
			for _, d := range dirs {
				os.Chmod(d, 0o755)
			}
		})
		if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
			f.Close()
			os.Remove(filepath.Join(dir, "probe"))
			t.Skip("chmod does not stop this user's writes (root); the read-only mount cases cover this")
		}
		relCheckReadOnlyOpen(t, dir, page, want)
	})

	t.Run("read-only mount", func(t *testing.T) {
		dir := t.TempDir()
		want := relLibrary(t, dir)
		sub := filepath.Join(t.TempDir(), "ro")
		os.Mkdir(sub, 0o755)
		relMount(t, sub, "--bind", dir)
		if out, err := exec.Command("mount", "-o", "remount,bind,ro", sub).CombinedOutput(); err != nil {
			t.Skipf("cannot make a read-only bind mount here: %v: %s", err, out)
		}
		relCheckReadOnlyOpen(t, sub, page, want)
	})

	// A folder of the library becomes read-only while it is open, as when a
	// disk is remounted read-only after an error: the import fails at the
	// docs file, or at the source copy after the docs file was written.
	for _, sub := range []string{"docs", "sources"} {
		t.Run(sub+" folder becomes read-only while open", func(t *testing.T) {
			dir := t.TempDir()
			want := relLibrary(t, dir)
			l, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close() // before the unmount, which is a cleanup
			relReadOnly(t, filepath.Join(dir, sub))
			rep, err := l.Import(context.Background(), []string{page}, ImportOptions{})
			msg := fmt.Sprint(err)
			for _, f := range rep.Failed {
				msg += "\n" + f.Path + ": " + f.Err
			}
			switch {
			case rep.Added > 0:
				t.Errorf("Import into a read-only library added %d articles", rep.Added)
			case err == nil && len(rep.Failed) == 0:
				t.Errorf("Import into a read-only library: no error and no failed file, want a clear failure (report %+v)", rep)
			case !relSaysCannotWrite(msg):
				t.Errorf("Import into a read-only library failed with %q; want it to say the library cannot be written", msg)
			}
			t.Logf("Import: %s", msg)
			if d := relStateOf(t, l).diff(want); d != "" {
				t.Errorf("after the failed import:\n%s", d)
			}
			relNoLeftovers(t, l)
		})
	}
}

// relCheckReadOnlyOpen opens a read-only library: either a clear refusal,
// or it opens, answers as before and refuses imports clearly.
func relCheckReadOnlyOpen(t *testing.T, dir, page string, want relState) {
	t.Helper()
	done := make(chan struct{})
	var l *Library
	var err error
	go func() { l, err = Open(dir); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Open of a read-only library has not answered after 10 s")
	}
	if err != nil {
		t.Logf("Open: %v", err)
		if !relSaysCannotWrite(err.Error()) || !strings.Contains(err.Error(), dir) {
			t.Errorf("Open of a read-only library: %q; want it to name the folder and say it cannot be written", err)
		}
		return
	}
	defer l.Close()
	if d := relStateOf(t, l).diff(want); d != "" {
		t.Errorf("read-only library opened, but:\n%s", d)
	}
	rep, ierr := l.Import(context.Background(), []string{page}, ImportOptions{})
	msg := fmt.Sprint(ierr)
	for _, f := range rep.Failed {
		msg += "\n" + f.Err
	}
	if rep.Added > 0 || !relSaysCannotWrite(msg) {
		t.Errorf("Import into a read-only library: %+v, %v; want a failure saying it cannot be written", rep, ierr)
	}
}

// TestFullDisk imports a file bigger than the space left on a small tmpfs,
// then a small page: the big file's failure must say the disk is full, the
// small page must go in, nothing relHalf written may stay behind to fill the
// disk, and the library must hold what it held before plus the small page.
// The import runs in a child process, so that a crash fails only this test.
func TestFullDisk(t *testing.T) {
	rng := rand.New(rand.NewPCG(relSeed(t), 5))
	in := t.TempDir()
	small := filepath.Join(in, "2021-04-01.txt")
	p, smallMarkers := relPage(rng, 9)
	os.WriteFile(small, []byte(p), 0o644)
	// Sizes around the space left, so that the disk fills in different steps
	// of the import: docs file, source copy, index, manifest.
	for _, size := range []int{200 << 10, 400 << 10, 600 << 10, 900 << 10, 1200 << 10, 6 << 20} {
		t.Run(fmt.Sprintf("%dKB", size>>10), func(t *testing.T) {
			dir := t.TempDir()
			relMount(t, dir, "-t", "tmpfs", "-o", "size=2m", "tmpfs")
			l, err := Open(dir)
			if err != nil {
				t.Fatalf("Open on a 2 MB tmpfs: %v", err)
			}
			before := relStateOf(t, l)
			l.Close()
			data, markers := relJSONL(rng, size)
			big := filepath.Join(in, fmt.Sprintf("big-%d.jsonl", size))
			os.WriteFile(big, []byte(data), 0o644)

			ended, _, _, why := relImportInChild(t, dir, time.Minute, 0, big, small)
			crashed := !ended || (why != "" && !strings.HasPrefix(why, "refused: "))
			if crashed {
				t.Errorf("import onto a full disk: %s", why)
			} else {
				t.Logf("import: %s", strings.TrimSpace(why))
			}
			l, err = Open(dir)
			if err != nil {
				t.Fatalf("Open after the import onto a full disk: %v", err)
			}
			t.Cleanup(func() { l.Close() }) // before the unmount
			if n := l.Notice(); n != "" {
				t.Logf("Notice: %s", n)
			}
			if crashed {
				// At least the library must have survived the crash.
				if d := relStateOf(t, l).diff(before); d != "" {
					t.Errorf("after the crash:\n%s", d)
				}
				relNoLeftovers(t, l)
				return
			}
			if res := relSearch(t, l, smallMarkers[2], SearchOptions{}); res.Total != 1 {
				t.Errorf("the small page imported after the big one: %s found %d times, want 1", smallMarkers[2], res.Total)
			}
			if why == "" {
				// The big file fitted: then it must all be there.
				if res := relSearch(t, l, markers[len(markers)-1], SearchOptions{}); res.Total != 1 {
					t.Errorf("import said it had added the %d KB file, but its last record is found %d times", size>>10, res.Total)
				}
				if size > 2<<20 {
					t.Errorf("a %d KB file cannot fit in 2 MB, but Import added it", size>>10)
				}
				return
			}
			if msg := relLineOf(why, big); !strings.Contains(strings.ToLower(msg), "space") {
				t.Errorf("import onto a full disk reported %q; want the big file named with a message that the disk is full", why)
			}
			if res := relSearch(t, l, markers[0], SearchOptions{}); res.Total != 0 {
				t.Errorf("the big file failed, but its first record is found %d times", res.Total)
			}
			before.sources = append(before.sources, "")
			after := relStateOf(t, l)
			if len(after.sources) != len(before.sources) || strings.Join(after.sources[:len(after.sources)-1], ";") != strings.Join(before.sources[:len(before.sources)-1], ";") {
				t.Errorf("sources after the failed import = %v, want %v and the small page", after.sources, before.sources[:len(before.sources)-1])
			}
			if res := relSearch(t, l, "", SearchOptions{}); res.Total != 11 {
				t.Errorf("after the failed import: %d articles, want the sample's 8 and the small page's 3", res.Total)
			}
			relNoLeftovers(t, l)
		})
	}
}

// relLineOf returns the line of text that mentions path, or "".
func relLineOf(text, path string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, path) {
			return line
		}
	}
	return ""
}

// relNoLeftovers checks that no file of a failed import remains.
func relNoLeftovers(t *testing.T, l *Library) {
	t.Helper()
	known := map[string]bool{}
	for _, s := range l.Sources() {
		known[s.ID] = true
	}
	for _, sub := range []string{"docs", "sources", "pending"} {
		ents, _ := os.ReadDir(filepath.Join(l.Dir(), sub))
		for _, e := range ents {
			id, _, _ := strings.Cut(e.Name(), ".")
			if !known[id] || strings.HasSuffix(e.Name(), ".tmp") || sub == "pending" {
				t.Errorf("%s/%s is left over from the failed import", sub, e.Name())
			}
		}
	}
}
