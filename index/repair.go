package index

// Repair: what Open does when the index is missing, damaged, of another
// schema or out of step with the manifest, and the rebuild from sources.

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
)

// openIndex opens the Bleve index, rolls back what a dead process left half
// done, and rebuilds the index from the docs files when it is missing,
// damaged, of another schema or out of step with the manifest.
func (l *Library) openIndex(progress func(done, total int)) error {
	path := filepath.Join(l.dir, indexFolder)
	idx, err := openBleve(path)
	reason := ""
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		if len(l.sources) > 0 {
			reason = "the index was missing"
		}
	case err != nil:
		reason = fmt.Sprintf("the index could not be opened (%v)", err)
	default:
		l.idx = idx
		if v, _ := idx.GetInternal([]byte(schemaKey)); string(v) != strconv.Itoa(schemaVersion) {
			reason = "the index was written by another version of Baosou"
		}
	}
	if reason == "" && l.idx != nil {
		for _, id := range l.pendingRollback {
			l.rollback(id)
		}
		if len(l.pendingRollback) > 0 {
			l.addNotice(fmt.Sprintf("An import that was interrupted has been rolled back (%d file(s)); import them again to finish.", len(l.pendingRollback)))
		}
		n, err := l.idx.DocCount()
		if err != nil || int(n) != l.Articles() {
			reason = fmt.Sprintf("the index holds %d articles, the library %d", n, l.Articles())
		}
	}
	if bad := l.damagedDocs(); len(bad) > 0 {
		reason = fmt.Sprintf("the stored articles of %d source(s) were damaged or missing, and were read again from the source copies", len(bad))
	}
	if reason == "" && l.idx != nil {
		return nil
	}
	if reason == "" {
		return l.rebuild(nil) // a new library: nothing to rebuild, nothing to report
	}
	l.addNotice("The index was rebuilt from the stored sources: " + reason + ".")
	return l.rebuild(progress)
}

// openBleve opens the index; a damaged file can make Bleve's storage panic
// (bbolt: "invalid freelist page"), which becomes an error here so that the
// index is rebuilt instead of the app dying at launch.
func openBleve(path string) (idx bleve.Index, err error) {
	if err := checkBolt(filepath.Join(path, "store", "root.bolt")); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("damaged index: %v", r)
		}
	}()
	// A second process is stopped by our own lock first; the bolt timeout
	// is a backstop so that nothing ever waits forever on Bleve's.
	return bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "2s"})
}

// checkBolt refuses a truncated Bleve root file before bbolt maps it: bbolt
// reads pages past the end of a short file through its memory map, which
// kills the process with SIGBUS (no recover() can catch that). A meta page
// (see bbolt's internal/common/meta.go) records how many pages the file has.
func checkBolt(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil // a missing index is Bleve's to report
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var best struct{ txid, pages, pageSize uint64 }
	for _, off := range []int64{0, 4096} {
		var m [80]byte
		if _, err := f.ReadAt(m[:], off); err != nil {
			continue
		}
		le := binary.LittleEndian
		if le.Uint32(m[16:]) != 0xED0CDAED {
			continue
		}
		if tx := le.Uint64(m[64:]); tx >= best.txid {
			best.txid, best.pages, best.pageSize = tx, le.Uint64(m[56:]), uint64(le.Uint32(m[24:]))
		}
	}
	if best.pageSize == 0 || uint64(st.Size()) < best.pages*best.pageSize {
		return fmt.Errorf("damaged index: %s is truncated (%d bytes, %d pages of %d expected)", path, st.Size(), best.pages, best.pageSize)
	}
	return nil
}

// rebuild replaces the index with one made from the docs files (re-parsing
// a source copy where its docs file is damaged). The sources are never touched.
func (l *Library) rebuild(progress func(done, total int)) error {
	for _, id := range l.pendingRollback {
		l.removeFiles(id)
	}
	l.pendingRollback = nil
	if l.idx != nil {
		l.idx.Close()
		l.idx = nil
	}
	path := filepath.Join(l.dir, indexFolder)
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("cannot remove the old index: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return err
	}
	idx, err := bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, map[string]interface{}{"bolt_timeout": "2s"})
	if err != nil {
		return fmt.Errorf("cannot create the index in %s: %w", path, err)
	}
	l.idx = idx
	srcs := l.Sources()
	for i, s := range srcs {
		if progress != nil {
			progress(i, len(srcs))
		}
		if err := l.reindexSource(s, false); err != nil {
			return err
		}
	}
	if progress != nil {
		progress(len(srcs), len(srcs))
	}
	if err := idx.SetInternal([]byte(schemaKey), []byte(strconv.Itoa(schemaVersion))); err != nil {
		return err
	}
	if l.Articles() >= 1000 {
		return l.compact(context.Background())
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

// reindexSource indexes one source from its docs file; reparse (or a damaged
// docs file) makes it parse the stored copy of the source again first.
func (l *Library) reindexSource(s Source, reparse bool) error {
	l.mu.RLock()
	reparse = reparse || l.damaged[s.ID]
	l.mu.RUnlock()
	if !reparse {
		if _, err := l.store(s.ID); err != nil {
			reparse = true
		}
	}
	if reparse {
		if err := l.reparse(&s); err != nil {
			return err
		}
		if err := l.updateSource(s); err != nil {
			return err
		}
	}
	return l.indexSources(context.Background(), []string{s.ID})
}

// reparse cuts a source's stored copy into articles again and rewrites its
// docs file, updating its article count and docs size (not the manifest).
func (l *Library) reparse(s *Source) error {
	data, err := readCompressed(l.sourcePath(s.ID))
	if err != nil {
		return fmt.Errorf("source %s (%s) cannot be read: %w", s.ID, s.Name, err)
	}
	l.closeStore(s.ID)
	if _, _, err := l.writeDocs(s, data, false); err != nil {
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
	for i := range srcs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.reparse(&srcs[i]); err != nil {
			return err
		}
	}
	if err := l.writeManifest(srcs); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.mu.Lock()
	l.sources, l.hashes, l.listOK = srcs, nil, false
	l.mu.Unlock()
	return l.rebuild(progress)
}
