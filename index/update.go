package index

import (
	"context"
	"fmt"
	"os"
	"strings"
)

// pendingUpdate is the pending marker of an UpdateSource under way.
const pendingUpdate = "update"

// UpdateSource changes what the user says about an imported source: the
// year of its dates printed without one (its articles are re-dated from the
// stored copy, not imported again) and its newspaper's name.
func (l *Library) UpdateSource(id string, u SourceUpdate) (Source, error) {
	l.importMu.Lock()
	defer l.importMu.Unlock()
	src, ok := l.source(id)
	if !ok {
		return Source{}, fmt.Errorf("source %q: %w", id, ErrNotFound)
	}
	next := src
	if u.Year != nil {
		if y := *u.Year; y != 0 && (y < 1700 || y > 2200) {
			return src, fmt.Errorf("year %d: give a year between 1700 and 2200, or 0 for none", y)
		}
		next.Year = *u.Year
	}
	if u.Newspaper != nil {
		next.Newspaper = strings.Join(strings.Fields(*u.Newspaper), " ")
	}
	if next == src {
		return src, nil
	}
	if err := l.beginWrite(); err != nil {
		return src, err
	}
	defer l.endWrite()
	// The marker first: a crash before the manifest names the change leaves
	// the docs file and index re-read from the copy, as the manifest has it.
	if err := os.WriteFile(l.pendingPath(id), []byte(pendingUpdate), 0o644); err != nil {
		return src, writeError(err)
	}
	if err := l.redo(src, next); err != nil {
		return src, err
	}
	os.Remove(l.pendingPath(id))
	return l.mustSource(id), nil
}

// redo makes a source's docs file and index entries those of next (its
// year and newspaper), re-reading the stored copy when the year changes,
// and commits next in the manifest. old is the source as the index has it.
func (l *Library) redo(old, next Source) error {
	if next.Year != old.Year || l.isPending(next.ID) {
		// Re-parsed against the other sources, so that an article they have
		// stays left out (the year is part of what makes two articles one).
		var seen knownHashes
		for _, s := range l.Sources() {
			if s.ID != next.ID {
				if err := seen.add(l, s.ID); err != nil {
					return err
				}
			}
		}
		if err := l.reparse(&next, &seen); err != nil {
			return err
		}
	}
	var changes []change
	for i := next.Articles; i < old.Articles; i++ {
		changes = append(changes, change{id: docID(next.ID, i)})
	}
	e := l.engine()
	if len(changes) > 0 {
		if err := e.apply(changes); err != nil {
			return writeError(err)
		}
	}
	if err := l.indexSources(context.Background(), e, []Source{next}, nil); err != nil {
		return writeError(err)
	}
	l.mu.Lock()
	l.hashes = nil
	l.mu.Unlock()
	return l.updateSource(next)
}

// isPending reports whether a source has a pending marker.
func (l *Library) isPending(id string) bool {
	_, err := os.Stat(l.pendingPath(id))
	return err == nil
}

// mustSource is a source known to be in the library.
func (l *Library) mustSource(id string) Source {
	s, _ := l.source(id)
	return s
}
