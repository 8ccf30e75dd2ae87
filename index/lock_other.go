//go:build !unix

package index

import (
	"fmt"
	"os"
	"strconv"
)

// lockDir takes the library by creating dir/lock exclusively. Unlike flock,
// the file outlives a crash; a stale one names the process so the user can check.
func lockDir(dir string) (*os.File, error) {
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
	return f, nil
}

func unlockDir(f *os.File) {
	name := f.Name()
	f.Close()
	os.Remove(name)
}
