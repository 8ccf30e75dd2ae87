package index

import (
	"context"
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
	l.deleteFiles(id)
	os.Remove(l.pendingPath(id))
}

// deleteFiles closes and deletes a source's docs file and copy, finished or not.
func (l *Library) deleteFiles(id string) {
	l.closeStore(id)
	for _, p := range []string{l.docsPath(id), l.docsPath(id) + ".tmp", l.sourcePath(id), l.sourcePath(id) + ".tmp"} {
		os.Remove(p)
	}
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
