package gui

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
)

// sourceCopier is a library that keeps a copy of each imported file;
// *index.Library has it.
type sourceCopier interface {
	SourceCopy(id string) (name string, data []byte, err error)
}

// onOpenOriginal opens the file the shown article was imported from (the
// library's stored copy, so it opens even when the file has moved) with the
// system's program for it.
func (u *UI) onOpenOriginal() {
	d := u.detail.doc
	if d == nil {
		u.status.warn(tr("detail.pickFirst"))
		return
	}
	sc, ok := u.lib.(sourceCopier)
	if !ok {
		u.status.warn(tr("original.none"))
		return
	}
	t, id := u.toolbox(), d.SourceID
	u.spawn(func() {
		path, err := writeOriginal(t.cacheDir, sc, id)
		if err != nil {
			u.post(func() {
				u.showProblem(tr("original.cannotOpen"), tr("original.cannotRead"), err.Error())
			})
			return
		}
		err = t.opener(&url.URL{Scheme: "file", Path: path})
		u.post(func() {
			if err != nil { // no opener (xdg-open) here: the user can still find the file
				u.showProblem(tr("original.cannotOpen"), tr("original.noOpener"), path+"\n"+err.Error())
				return
			}
			u.status.show(tr("original.opened", filepath.Base(path)))
		})
	})
}

// writeOriginal writes source id's stored copy under its own name into a
// folder of its own in the cache (two sources may share a name), and
// returns its path. A copy already there with the same bytes is left as is,
// so an editor that has it open is not disturbed.
func writeOriginal(cacheDir func() (string, error), sc sourceCopier, id string) (string, error) {
	name, data, err := sc.SourceCopy(id)
	if err != nil {
		return "", err
	}
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	dir = filepath.Join(dir, safeName(id, "source"))
	path := filepath.Join(dir, safeName(name, id))
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".partial-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return path, nil
}

// safeName is name as one path element: its base name, or fallback when
// that is empty or a dot.
func safeName(name, fallback string) string {
	b := filepath.Base(filepath.Clean("/" + name))
	if b == "/" || b == "." || b == ".." || b == "" {
		return fallback
	}
	return b
}
