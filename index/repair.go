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
// 2 was Bleve's; 3 our own gram segments (grams/); 4 Bleve again, in bleve/.
const schemaVersion = 4

// openIndex opens the index read-write, rolls back what a dead process left
// half done, and rebuilds the index from the docs files when it is missing,
// damaged, of another schema or out of step with the manifest. The caller
// has the folder to itself.
func (l *Library) openIndex(progress func(done, total int)) error {
	reason := ""
	if l.manifestSchema != schemaVersion && len(l.sources) > 0 {
		reason = "the index was written by another version of Baosou"
	}
	if reason == "" {
		if err := l.reopen(true); err != nil {
			if len(l.sources) > 0 || l.pendingRollback != nil {
				reason = err.Error()
			} else {
				return l.rebuild(nil) // a new library: an empty index, nothing to say
			}
		}
	}
	if reason == "" {
		reason = l.rollBackPending()
	}
	for _, id := range l.pendingUpdate {
		if src, ok := l.source(id); ok && reason == "" {
			if err := l.redo(src, src); err != nil {
				reason = fmt.Sprintf("a change to source %s could not be finished (%v)", src.Name, err)
			}
		}
	}
	l.pendingUpdate = nil
	if reason == "" {
		reason = l.checkCount()
	}
	if bad := l.damagedDocs(); len(bad) > 0 {
		reason = fmt.Sprintf("the stored articles of %d source(s) were damaged or missing, and were read again from the source copies", len(bad))
	}
	if reason == "" {
		return nil
	}
	l.addNotice(CodeRebuilt, reason, "The index was rebuilt from the stored sources: "+reason+".")
	return l.rebuild(progress)
}

// rollBackPending undoes the imports and removals a dead process left half
// done (see recoverPending), and says why the index must be rebuilt when it
// cannot.
func (l *Library) rollBackPending() string {
	ids := l.pendingRollback
	l.pendingRollback = nil
	for _, id := range ids {
		if err := l.rollback(id); err != nil {
			l.pendingRollback = ids // rebuild deletes their files
			return fmt.Sprintf("an interrupted import could not be rolled back (%v)", err)
		}
	}
	if len(ids) > 0 {
		l.addNotice(CodeRolledBack, fmt.Sprint(len(ids)),
			fmt.Sprintf("An import that was interrupted has been rolled back (%d file(s)); import them again to finish.", len(ids)))
	}
	return ""
}

// checkCount says what is wrong when the index does not hold as many
// articles as the manifest lists.
func (l *Library) checkCount() string {
	want := l.Articles()
	got, err := l.engine().count()
	switch {
	case err != nil:
		return fmt.Sprintf("the index could not be read (%v)", err)
	case int(got) != want:
		return fmt.Sprintf("the index holds %d articles, the library %d", got, want)
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
	l.idxMu.Lock()
	if l.eng != nil {
		l.eng.close()
		l.eng = nil
	}
	l.idxMu.Unlock()
	// The index of this version, and those of Baosou before it.
	for _, old := range []string{bleveFolder, bleveFolder + ".new", "grams", "index"} {
		if err := os.RemoveAll(filepath.Join(l.dir, old)); err != nil {
			return fmt.Errorf("cannot remove the old index: %w", err)
		}
	}
	var seen knownHashes
	for _, s := range l.Sources() {
		if err := l.checkDocs(s, false, &seen); err != nil {
			return err
		}
	}
	srcs := l.Sources()
	l.shards = defaultShardsFor(l.shards)
	tmp := filepath.Join(l.dir, bleveFolder+".new")
	e, err := createEngine(tmp, l.shards)
	if err == nil {
		err = l.indexSources(context.Background(), e, srcs, func(done int) {
			if progress != nil {
				progress(done, len(srcs))
			}
		})
		if err == nil {
			err = e.compact(context.Background())
		}
		if cerr := e.close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(tmp, l.bleveDir())
	}
	if err == nil {
		err = l.writeManifest(srcs)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return writeError(err)
	}
	if progress != nil {
		progress(len(srcs), len(srcs))
	}
	return l.reopen(true)
}

// defaultShardsFor keeps a library's shard count unless BAOSOU_SHARDS asks
// for another one at a rebuild.
func defaultShardsFor(n int) int {
	if os.Getenv("BAOSOU_SHARDS") != "" || n < 1 {
		return defaultShards()
	}
	return n
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
	if _, _, err := l.writeDocs(context.Background(), s, data, seen.has, true, nil); err != nil {
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
	if err := l.writeManifest(srcs); err != nil {
		return writeError(err)
	}
	l.mu.Lock()
	l.sources = srcs
	delete(l.damaged, s.ID)
	l.mu.Unlock()
	return nil
}

// Reindex rebuilds the whole index, parsing every stored source again (a
// newer parser may cut pages better); the manifest gets the new counts.
func (l *Library) Reindex(ctx context.Context, progress func(done, total int)) error {
	l.importMu.Lock()
	defer l.importMu.Unlock()
	if err := l.beginWrite(); err != nil {
		return err
	}
	defer l.endWrite()
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
	l.sources, l.hashes = srcs, nil
	l.mu.Unlock()
	return l.rebuild(progress)
}
