package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/klauspost/compress/zstd"
)

const (
	indexWorkers = 2
	batchDocs    = 1000    // articles per Bleve batch
	batchBytes   = 4 << 20 // or this much search-form text, whichever comes first
	schemaKey    = "baosou_schema"
	indexFolder  = "index"
)

// openIndex opens the Bleve index, rolls back what a dead process left half
// done, and rebuilds the index from the docs files when it is missing,
// damaged, of another schema or out of step with the manifest.
func (l *Library) openIndex(progress func(done, total int)) error {
	path := filepath.Join(l.dir, indexFolder)
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": "2s"})
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
	if reason == "" && l.idx != nil {
		return nil
	}
	if reason == "" {
		return l.rebuild(nil) // a new library: nothing to rebuild, nothing to report
	}
	l.addNotice("The index was rebuilt from the stored sources: " + reason + ".")
	return l.rebuild(progress)
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

// reindexSource indexes one source from its docs file; reparse (or a damaged
// docs file) makes it parse the stored copy of the source again first.
func (l *Library) reindexSource(s Source, reparse bool) error {
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
	}
	return l.indexSource(context.Background(), s.ID, nil)
}

func (l *Library) closeStore(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.stores[id]; s != nil {
		s.close()
		delete(l.stores, id)
	}
}

// indexSource adds the articles of a docs file to the index. Building a
// Bleve segment from a batch is single-threaded, so two batches are built at
// once, one per core of the machines we aim at.
func (l *Library) indexSource(ctx context.Context, id string, progress func(done int)) error {
	s, err := l.store(id)
	if err != nil {
		return err
	}
	batches := make(chan *bleve.Batch)
	errs := make(chan error, indexWorkers)
	for range indexWorkers {
		go func() {
			var err error
			for b := range batches {
				if err == nil {
					err = l.idx.Batch(b)
				}
			}
			errs <- err
		}()
	}
	err = l.fillBatches(ctx, s, id, batches, progress)
	close(batches)
	for range indexWorkers {
		if e := <-errs; e != nil && err == nil {
			err = fmt.Errorf("cannot write the index: %w", e)
		}
	}
	return err
}

func (l *Library) fillBatches(ctx context.Context, s *storeReader, id string, out chan<- *bleve.Batch, progress func(done int)) error {
	b := l.idx.NewBatch()
	size := 0
	for i := 0; i < s.n; i++ {
		t, err := s.text(i)
		if err != nil {
			return err
		}
		if err := b.IndexAdvanced(bleveDocument(docID(id, i), id, &t)); err != nil {
			return err
		}
		size += len(t.Body)
		if b.Size() >= batchDocs || size >= batchBytes || i == s.n-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
			out <- b
			b = l.idx.NewBatch()
			size = 0
			if progress != nil {
				progress(i + 1)
			}
		}
	}
	return nil
}

// unindexSource deletes a source's articles from the index.
func (l *Library) unindexSource(id string) {
	if l.idx == nil {
		return
	}
	q := bleve.NewTermQuery(id)
	q.SetField("source")
	for {
		req := bleve.NewSearchRequestOptions(bquery.Query(q), 10000, 0, false)
		res, err := l.idx.Search(req)
		if err != nil || len(res.Hits) == 0 {
			return
		}
		b := l.idx.NewBatch()
		for _, h := range res.Hits {
			b.Delete(h.ID)
		}
		if l.idx.Batch(b) != nil {
			return
		}
	}
}

// removeFiles deletes a source's files (not its index entries).
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
	return s.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions)
}
