//go:build unix

package index

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockDir takes an exclusive lock on dir/lock, so that two processes never
// write one library. The lock dies with its process, so a crash leaves none behind.
func lockDir(dir string) (*os.File, error) {
	path := dir + "/lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, lockedError(dir, f)
		}
		return nil, err
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+progName()+"\n"), 0)
	return f, nil
}

func lockedError(dir string, f *os.File) error {
	b := make([]byte, 128)
	n, _ := f.ReadAt(b, 0)
	who := strings.TrimSpace(string(b[:n]))
	if pid, name, ok := strings.Cut(who, " "); ok {
		return fmt.Errorf("%w (%s, process %s): %s", ErrLocked, name, pid, dir)
	}
	return fmt.Errorf("%w: %s", ErrLocked, dir)
}

func unlockDir(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
