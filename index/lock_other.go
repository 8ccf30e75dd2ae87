//go:build !unix

package index

import (
	"fmt"
	"os"
	"strconv"
)

// dirLock takes the library by creating dir/lock exclusively: one process
// at a time, reading or writing. Unlike flock, the file outlives a crash; a
// stale one names the process so the user can check.
type dirLock struct {
	f *os.File
}

func lockDir(dir string) (*dirLock, error) {
	path := dir + "/lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if os.IsExist(err) {
		b, _ := os.ReadFile(path)
		return nil, fmt.Errorf("%w (process %s; delete %s if it is not running): %s", ErrLocked, string(b), path, dir)
	}
	if err != nil {
		return nil, err
	}
	f.WriteString(strconv.Itoa(os.Getpid()) + " " + progName())
	return &dirLock{f: f}, nil
}

func (l *dirLock) upgrade() error { return nil }
func (l *dirLock) downgrade()     {}

func (l *dirLock) unlock() {
	name := l.f.Name()
	l.f.Close()
	os.Remove(name)
}

func (l *dirLock) isExclusive() bool { return true }
