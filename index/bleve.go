package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/klauspost/compress/zstd"
)

const (
	indexWorkers = 2
	// Small batches: each holds every term count of its articles in memory
	// until Bleve has built its segment, twice over with two workers. 1000
	// articles a batch peaked at 2.3 GB on the benchmark corpus; 100 keep it
	// near 0.4 GB and import no slower (compaction merges the segments).
	batchDocs   = 100       // articles per Bleve batch
	batchBytes  = 512 << 10 // or this much search-form text, whichever comes first
	schemaKey   = "baosou_schema"
	indexFolder = "index"
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

// reopenIndex replaces the Bleve instance after a failed write: Bleve's
// in-memory state is not to be trusted after one (a full disk has made its
// next batch panic), while what it persisted is. If the index cannot be
// opened again the old instance stays, and the next Open rebuilds.
func (l *Library) reopenIndex() {
	l.idxMu.Lock()
	defer l.idxMu.Unlock()
	func() {
		defer func() { recover() }()
		l.idx.Close()
	}()
	idx, err := openBleve(filepath.Join(l.dir, indexFolder))
	if err != nil {
		l.addNotice("The index could not be reopened after a failed write; it will be rebuilt when the library is next opened.")
		return
	}
	l.idx = idx
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
		data, err := readCompressed(l.sourcePath(s.ID))
		if err != nil {
			return fmt.Errorf("source %s (%s) cannot be read: %w", s.ID, s.Name, err)
		}
		l.closeStore(s.ID)
		if _, _, err := l.writeDocs(&s, data, false); err != nil {
			return fmt.Errorf("source %s (%s): %w", s.ID, s.Name, err)
		}
		if err := l.updateSource(s); err != nil {
			return err
		}
	}
	return l.indexSources(context.Background(), []string{s.ID})
}

// updateSource records a re-parsed source's article count and docs size.
func (l *Library) updateSource(s Source) error {
	s.DocsSize = l.docsSize(s.ID)
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

func (l *Library) closeStore(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.stores[id]; s != nil {
		s.close()
		delete(l.stores, id)
	}
}

// indexSources adds the articles of docs files to the index. Building a
// Bleve segment from a batch is single-threaded, so two batches are built at
// once, one per core of the machines we aim at.
func (l *Library) indexSources(ctx context.Context, ids []string) error {
	batches := make(chan *bleve.Batch)
	errs := make(chan error, indexWorkers)
	for range indexWorkers {
		go func() {
			var err error
			for b := range batches {
				if err == nil {
					err = safeBatch(l.idx, b)
				}
			}
			errs <- err
		}()
	}
	err := l.fillBatches(ctx, ids, batches)
	close(batches)
	for range indexWorkers {
		if e := <-errs; e != nil && err == nil {
			err = fmt.Errorf("cannot write the index: %w", e)
			l.setBroken(err)
		}
	}
	return err
}

// setBroken stops all writes to the index after one failed: see roomToIndex.
func (l *Library) setBroken(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.broken == nil {
		l.broken = err
		l.notice += "The index could not be written (" + err.Error() + "). Close Baosou and open it again: the library will be checked and repaired."
	}
}

func (l *Library) indexBroken() error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.broken != nil {
		return fmt.Errorf("cannot write to the library: an earlier write to the index failed (%v); close Baosou and open it again to repair it", l.broken)
	}
	return nil
}

// safeBatch applies a batch. When the disk is full Bleve can panic instead
// of failing (zapx: "assignment to entry in nil map"); that becomes an error,
// so the import is rolled back and reported rather than the app dying.
func safeBatch(idx bleve.Index, b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the index could not be written (is the disk full?): %v", r)
		}
	}()
	return idx.Batch(b)
}

func (l *Library) fillBatches(ctx context.Context, ids []string, out chan<- *bleve.Batch) error {
	b := l.idx.NewBatch()
	size := 0
	for _, id := range ids {
		s, err := l.store(id)
		if err != nil {
			return err
		}
		for i := 0; i < s.n; i++ {
			t, err := s.text(i)
			if err != nil {
				return err
			}
			if err := b.IndexAdvanced(bleveDocument(docID(id, i), id, &t)); err != nil {
				return err
			}
			size += len(t.Body)
			if b.Size() >= batchDocs || size >= batchBytes {
				if err := ctx.Err(); err != nil {
					return err
				}
				out <- b
				b, size = l.idx.NewBatch(), 0
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.Size() > 0 {
		out <- b
	}
	return nil
}

// unindexSource deletes a source's articles from the index, and reports
// whether that worked. After a failed write (a full disk) Bleve can fail or
// even panic here; then the caller keeps the pending marker, and the next
// Open rolls the source back again.
func (l *Library) unindexSource(id string) (ok bool) {
	if l.idx == nil {
		return true
	}
	if l.indexBroken() != nil {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	q := bleve.NewTermQuery(id)
	q.SetField("source")
	for {
		req := bleve.NewSearchRequestOptions(bquery.Query(q), 10000, 0, false)
		res, err := l.idx.Search(req)
		if err != nil {
			return false
		}
		if len(res.Hits) == 0 {
			return true
		}
		b := l.idx.NewBatch()
		for _, h := range res.Hits {
			b.Delete(h.ID)
		}
		if safeBatch(l.idx, b) != nil {
			return false
		}
	}
}

// removeFiles deletes a source's files (not its index entries) and its pending marker.
func (l *Library) removeFiles(id string) {
	l.closeStore(id)
	for _, p := range []string{l.docsPath(id), l.docsPath(id) + ".tmp", l.sourcePath(id), l.sourcePath(id) + ".tmp"} {
		os.Remove(p)
	}
	os.Remove(l.pendingPath(id))
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
		s := &srcs[i]
		data, err := readCompressed(l.sourcePath(s.ID))
		if err != nil {
			return fmt.Errorf("source %s (%s) cannot be read: %w", s.ID, s.Name, err)
		}
		l.closeStore(s.ID)
		if _, _, err := l.writeDocs(s, data, false); err != nil {
			return fmt.Errorf("source %s (%s): %w", s.ID, s.Name, err)
		}
		s.DocsSize = l.docsSize(s.ID)
	}
	if err := l.writeManifest(srcs); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.mu.Lock()
	l.sources, l.hashes, l.listOK = srcs, nil, false
	l.mu.Unlock()
	return l.rebuild(progress)
}

func writeCompressed(path string, data []byte) error {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	_, err = f.Write(zenc.EncodeAll(data, nil))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(path+".tmp", path)
	}
	if err != nil {
		os.Remove(path + ".tmp")
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	return nil
}

func readCompressed(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := zstd.NewReader(f, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return io.ReadAll(d)
}

// compact merges the index into as few segments as Bleve's single-segment
// plan allows, so searches look each term up once instead of once per segment.
func (l *Library) compact(ctx context.Context) error {
	adv, err := l.idx.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// One round: it joins at most ten segments a task, so a big import ends
	// with a few. More rounds to reach exactly one cost the benchmark corpus
	// 10 s more import and 80 MB more memory for searches about as fast.
	if err := s.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
		return err
	}
	// Bleve keeps the snapshot before the newest as a rollback point, and
	// with it every segment the merge replaced. One more (empty) write makes
	// the merged snapshot that rollback point; a fresh instance then deletes
	// the old files when its persister first idles. Wait (briefly) for that,
	// so that the folder holds the index once, not twice.
	if err := l.idx.SetInternal([]byte(schemaKey), []byte(strconv.Itoa(schemaVersion))); err != nil {
		return err
	}
	l.reopenIndex()
	store := filepath.Join(l.dir, indexFolder, "store")
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		if zaps, _ := filepath.Glob(filepath.Join(store, "*.zap")); len(zaps) <= 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}
