package index

// Repair: what Open does when the index is missing, damaged, of another
// schema or out of step with the manifest, and the rebuild from sources.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// schemaVersion changes whenever what is indexed changes; an index of another
// version is rebuilt from the stored sources when the library opens.
// 2 was Bleve's; 3 is our own gram segments.
const schemaVersion = 3

// openIndex opens the segments the manifest lists, rolls back what a dead
// process left half done, and rebuilds the index from the docs files when it
// is missing, damaged, of another schema or out of step with the manifest.
func (l *Library) openIndex(progress func(done, total int)) error {
	listed := map[string]bool{}
	for _, si := range l.manifestSegs {
		listed[si.Name] = true
	}
	l.cleanGrams(listed)
	reason := ""
	var segs []*segment
	if l.manifestSchema != schemaVersion && len(l.sources) > 0 {
		reason = "the index was written by another version of Baosou"
	}
	for _, si := range l.manifestSegs {
		if reason != "" {
			break
		}
		path := l.segPath(si.Name)
		st, err := os.Stat(path)
		switch {
		case err != nil:
			reason = fmt.Sprintf("the index file %s was missing", si.Name)
		case st.Size() != si.Size:
			reason = fmt.Sprintf("the index file %s was damaged (%d bytes, %d expected)", si.Name, st.Size(), si.Size)
		}
		if reason != "" {
			break
		}
		s, err := openSegment(path, si.Name)
		if err != nil {
			reason = fmt.Sprintf("the index could not be opened (%v)", err)
			break
		}
		s.size = si.Size
		segs = append(segs, s)
	}
	if reason == "" {
		for _, id := range l.pendingRollback {
			l.rollback(id)
		}
		if len(l.pendingRollback) > 0 {
			l.addNotice(CodeRolledBack, fmt.Sprint(len(l.pendingRollback)),
				fmt.Sprintf("An import that was interrupted has been rolled back (%d file(s)); import them again to finish.", len(l.pendingRollback)))
		}
		l.pendingRollback = nil
		if msg := coverage(l.Sources(), segs); msg != "" {
			reason = msg
		}
	}
	if bad := l.damagedDocs(); len(bad) > 0 {
		reason = fmt.Sprintf("the stored articles of %d source(s) were damaged or missing, and were read again from the source copies", len(bad))
	}
	if reason == "" {
		l.setSegments(segs, nil)
		return nil
	}
	for _, s := range segs {
		s.close()
	}
	l.addNotice(CodeRebuilt, reason, "The index was rebuilt from the stored sources: "+reason+".")
	return l.rebuild(progress)
}

// coverage checks that the segments hold each article of the library once,
// and says what is wrong when they do not.
func coverage(srcs []Source, segs []*segment) string {
	want := map[string]int{}
	for _, s := range srcs {
		want[s.ID] = s.Articles
	}
	got := map[string]int{}
	for _, s := range segs {
		for _, r := range s.ranges {
			if _, ok := want[r.src]; ok {
				if uint64(r.first)+uint64(r.n) > uint64(want[r.src]) {
					return fmt.Sprintf("the index holds articles source %s does not have", r.src)
				}
				got[r.src] += int(r.n)
			}
		}
	}
	have, total, wrong := 0, 0, false
	for id, n := range want {
		have += got[id]
		total += n
		wrong = wrong || got[id] != n
	}
	switch {
	case have != total:
		return fmt.Sprintf("the index holds %d articles, the library %d", have, total)
	case wrong:
		return "the index does not match the library's sources"
	}
	return ""
}

// rebuild replaces the index with one made from the docs files (re-parsing
// a source copy where its docs file is damaged). The sources are never touched.
func (l *Library) rebuild(progress func(done, total int)) error {
	for _, id := range l.pendingRollback {
		l.removeFiles(id)
	}
	l.pendingRollback = nil
	old := l.segments()
	l.setSegments(nil, old)
	os.RemoveAll(filepath.Join(l.dir, "index")) // a Bleve index of Baosou before schema 3
	l.cleanGrams(nil)
	srcs := l.Sources()
	var ids []string
	var seen knownHashes
	for _, s := range srcs {
		if err := l.checkDocs(s, false, &seen); err != nil {
			return err
		}
		ids = append(ids, s.ID)
	}
	srcs = l.Sources()
	segs, err := l.buildSegments(context.Background(), ids, func(done int) {
		if progress != nil {
			progress(done, len(srcs))
		}
	})
	if err != nil {
		return err
	}
	if err := l.writeManifest(srcs, segs); err != nil {
		for _, s := range segs {
			l.dropSegment(s)
		}
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.setSegments(segs, nil)
	if progress != nil {
		progress(len(srcs), len(srcs))
	}
	if err := l.compact(context.Background()); err != nil {
		trace("rebuild: merging segments: %v", err) // the rebuilt index stands, in several segments
	}
	return nil
}

// damagedDocs lists the sources whose docs file is missing or not the size
// the manifest recorded (a stat each: cheap enough for every Open), and
// remembers them for rebuild to parse again.
func (l *Library) damagedDocs() []string {
	var bad []string
	for _, s := range l.Sources() {
		st, err := os.Stat(l.docsPath(s.ID))
		if err != nil || s.DocsSize > 0 && st.Size() != s.DocsSize {
			bad = append(bad, s.ID)
		}
	}
	l.mu.Lock()
	l.damaged = map[string]bool{}
	for _, id := range bad {
		l.damaged[id] = true
	}
	l.mu.Unlock()
	return bad
}

// checkDocs makes sure a source's docs file can be read, re-parsing its
// stored copy when it cannot (or when reparse asks for it).
// seen holds the articles of the sources before it (see reparse), and gets its own.
func (l *Library) checkDocs(s Source, reparse bool, seen *knownHashes) error {
	l.mu.RLock()
	reparse = reparse || l.damaged[s.ID]
	l.mu.RUnlock()
	if !reparse {
		if _, err := l.store(s.ID); err != nil {
			reparse = true
		}
	}
	if reparse {
		if err := l.reparse(&s, seen); err != nil {
			return err
		}
		if err := l.updateSource(s); err != nil {
			return err
		}
	}
	return seen.add(l, s.ID)
}

// knownHashes is the content hashes of the articles of the sources re-read
// so far. A source is re-parsed against the sources before it, as it was
// imported after them: an article it repeats was left out then, and must not
// come back now.
type knownHashes map[[8]byte]bool

func (k *knownHashes) has(h [8]byte) bool { return (*k)[h] }

func (k *knownHashes) add(l *Library, id string) error {
	if *k == nil {
		*k = knownHashes{}
	}
	s, err := l.store(id)
	if err != nil {
		return fmt.Errorf("cannot read the articles of source %s: %w", id, err)
	}
	for i := 0; i < s.n; i++ {
		(*k)[s.hash(i)] = true
	}
	return nil
}

// reparse cuts a source's stored copy into articles again and rewrites its
// docs file, updating its article count and docs size (not the manifest).
func (l *Library) reparse(s *Source, seen *knownHashes) error {
	data, err := readCompressed(l.sourcePath(s.ID))
	if err != nil {
		return fmt.Errorf("source %s (%s) cannot be read: %w", s.ID, s.Name, err)
	}
	l.closeStore(s.ID)
	if _, _, err := l.writeDocs(s, data, seen.has, true); err != nil {
		return fmt.Errorf("source %s (%s): %w", s.ID, s.Name, err)
	}
	s.DocsSize = l.docsSize(s.ID)
	return nil
}

// updateSource records a re-parsed source's article count and docs size.
func (l *Library) updateSource(s Source) error {
	srcs := l.Sources()
	for i := range srcs {
		if srcs[i].ID == s.ID {
			srcs[i] = s
		}
	}
	if err := l.writeManifest(srcs, l.segments()); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.mu.Lock()
	l.sources, l.listOK = srcs, false
	delete(l.damaged, s.ID)
	l.mu.Unlock()
	return nil
}

// Reindex rebuilds the whole index, parsing every stored source again (a
// newer parser may cut pages better); the manifest gets the new counts.
func (l *Library) Reindex(ctx context.Context, progress func(done, total int)) error {
	l.importMu.Lock()
	defer l.importMu.Unlock()
	srcs := l.Sources()
	var seen knownHashes
	for i := range srcs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.reparse(&srcs[i], &seen); err != nil {
			return err
		}
		if err := seen.add(l, srcs[i].ID); err != nil {
			return err
		}
	}
	l.mu.Lock()
	l.sources, l.hashes, l.listOK = srcs, nil, false
	l.mu.Unlock()
	return l.rebuild(progress)
}
