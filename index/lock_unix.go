//go:build unix

package index

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// dirLock is a process's hold on dir/lock: shared while it reads the
// library (any number of processes may), exclusive while it writes (then
// no other process may even read). flock locks die with their process, so
// a crash leaves none behind. A writer leaves its PID and name in the file,
// for the message another process gets.
type dirLock struct {
	f         *os.File
	dir       string
	exclusive bool
}

// lockDir takes dir/lock exclusively when it can, else shared (another
// process is reading); ErrLocked when another process is writing.
func lockDir(dir string) (*dirLock, error) {
	f, err := os.OpenFile(dir+"/lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	l := &dirLock{f: f, dir: dir}
	if err := l.flock(syscall.LOCK_EX); err == nil {
		l.exclusive = true
		l.sign()
		return l, nil
	}
	if err := l.flock(syscall.LOCK_SH); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, l.lockedError()
		}
		return nil, err
	}
	return l, nil
}

func (l *dirLock) flock(how int) error {
	return syscall.Flock(int(l.f.Fd()), how|syscall.LOCK_NB)
}

func (l *dirLock) sign() {
	l.f.Truncate(0)
	l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+progName()+"\n"), 0)
}

// upgradeWait is how long a write waits for readers to finish: a
// `baosou search` holds the library for some milliseconds.
const upgradeWait = 2 * time.Second

// upgrade makes a shared hold exclusive, waiting a little for readers to
// go; ErrLocked if they do not. flock may drop the shared lock while it
// converts it, so a failure tries to take the shared one back.
func (l *dirLock) upgrade() error {
	if l.exclusive {
		return nil
	}
	deadline := time.Now().Add(upgradeWait)
	for {
		err := l.flock(syscall.LOCK_EX)
		if err == nil {
			l.exclusive = true
			l.sign()
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Now().After(deadline) {
			l.flock(syscall.LOCK_SH)
			return l.lockedError()
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// downgrade makes an exclusive hold shared, letting readers in.
func (l *dirLock) downgrade() {
	if l.exclusive {
		l.flock(syscall.LOCK_SH)
		l.exclusive = false
	}
}

func (l *dirLock) lockedError() error {
	b := make([]byte, 128)
	n, _ := l.f.ReadAt(b, 0)
	who := strings.TrimSpace(string(b[:n]))
	if pid, name, ok := strings.Cut(who, " "); ok && pid != strconv.Itoa(os.Getpid()) {
		return fmt.Errorf("%w (%s, process %s): %s", ErrLocked, name, pid, l.dir)
	}
	return fmt.Errorf("%w: %s", ErrLocked, l.dir)
}

func (l *dirLock) unlock() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}

func (l *dirLock) isExclusive() bool { return l.exclusive }
