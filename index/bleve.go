package index

// The Bleve index of a library: one scorch index per shard in bleve/N, an
// article in shard hash(ID) mod N, searched through one bleve.IndexAlias
// with BM25 statistics gathered across the shards first (Bleve's
// pre-search), so ranking does not depend on the shard count. Imports build
// the shards in parallel, one goroutine each.
//
// Between writes a library holds its index read-only: other processes may
// read it too (baosou search while the app is open). A write reopens it
// read-write for its duration (see Library.beginWrite).

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
)

const bleveFolder = "bleve"

// asyncErrors is the name Bleve calls back with the errors of its
// background persister and merger: they have no caller to return to, and a
// full disk must reach the user as a message, not stay in a log.
const asyncErrors = "baosou"

var (
	asyncMu   sync.Mutex
	asyncErrs = map[string]error{} // the first background error of each shard path since it was opened
)

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrors] = func(err error, path string) {
		asyncMu.Lock()
		defer asyncMu.Unlock()
		if asyncErrs[path] == nil {
			asyncErrs[path] = err
		}
	}
}

// engine is a library's open Bleve index.
type engine struct {
	dir      string // the library's bleve folder
	shards   []bleve.Index
	idx      bleve.Index // what is searched: an alias over the shards
	mapping  mapping.IndexMapping
	writable bool
}

func shardPath(dir string, i int) string { return filepath.Join(dir, strconv.Itoa(i)) }

// boltTimeout bounds the wait for another process's lock on a shard; ours
// (see lock_unix.go) is taken first, so this only guards against surprises.
const boltTimeout = "2s"

// openEngine opens the n shards in dir, read-only or read-write.
func openEngine(dir string, n int, writable bool) (*engine, error) {
	e := &engine{dir: dir, writable: writable}
	for i := 0; i < n; i++ {
		p := shardPath(dir, i)
		if _, err := os.Stat(filepath.Join(p, "index_meta.json")); err != nil {
			e.close()
			return nil, fmt.Errorf("index shard %d is missing", i)
		}
		cfg := map[string]interface{}{"bolt_timeout": boltTimeout, "asyncErrorCallbackName": asyncErrors}
		if !writable {
			cfg["read_only"] = true
		} else {
			// Bleve's merger only joins small segments (into ones of up to 4,000 articles);
			// the big merges are ours (compact), after an import, when its
			// garbage is gone: a merge reads its segments whole through
			// memory maps, and one during the import raised its peak memory.
			cfg["scorchMergePlanOptions"] = map[string]interface{}{"maxSegmentSize": 4000}
		}
		clearAsync(p)
		s, err := openShard(p, cfg)
		if err != nil {
			e.close()
			return nil, fmt.Errorf("index shard %d cannot be opened: %w", i, err)
		}
		e.shards = append(e.shards, s)
	}
	return e, e.alias()
}

// openShard opens one scorch index; damaged files can make Bleve panic.
func openShard(path string, cfg map[string]interface{}) (idx bleve.Index, err error) {
	defer recoverInto(&err)
	return bleve.OpenUsing(path, cfg)
}

// createEngine makes n empty shards in dir, which must not exist.
func createEngine(dir string, n int) (*engine, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	e := &engine{dir: dir, writable: true}
	for i := 0; i < n; i++ {
		p := shardPath(dir, i)
		clearAsync(p)
		s, err := bleve.NewUsing(p, newMapping(), "scorch", "scorch",
			map[string]interface{}{"bolt_timeout": boltTimeout, "asyncErrorCallbackName": asyncErrors})
		if err != nil {
			e.close()
			return nil, fmt.Errorf("cannot create the index: %w", err)
		}
		e.shards = append(e.shards, s)
	}
	return e, e.alias()
}

func (e *engine) alias() error {
	m := e.shards[0].Mapping()
	a := bleve.NewIndexAlias(e.shards...)
	a.SetIndexMapping(m)
	e.idx, e.mapping = a, m
	return nil
}

func (e *engine) close() error {
	var err error
	for _, s := range e.shards {
		if cerr := s.Close(); err == nil {
			err = cerr
		}
	}
	e.shards = nil
	return err
}

// shardOf is the shard that holds the article id.
func (e *engine) shardOf(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(len(e.shards)))
}

// search runs req over all shards, scored with statistics of them all.
func (e *engine) search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	// Global statistics for the scores, when there are scores: Bleve's alias
	// finds nothing at all for an unscored search with them (v2.6.3).
	if len(e.shards) > 1 && req.Score != "none" {
		ctx = context.WithValue(ctx, search.SearchTypeKey, search.GlobalScoring)
	}
	return e.idx.SearchInContext(ctx, req)
}

// count is the number of articles indexed.
func (e *engine) count() (uint64, error) {
	var n uint64
	for _, s := range e.shards {
		c, err := s.DocCount()
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// change is one article to index (doc != nil) or to delete.
type change struct {
	id  string
	doc map[string]interface{}
}

// apply indexes and deletes articles, each shard's share as one batch, the
// shards in parallel. It returns once every change is on disk (Bleve's safe
// batches wait for the persister's fsync), or with the first error,
// Bleve's background errors included.
func (e *engine) apply(changes []change) error {
	if !e.writable {
		return errors.New("the index is open read-only")
	}
	batches := make([]*bleve.Batch, len(e.shards))
	for i, s := range e.shards {
		batches[i] = s.NewBatch()
	}
	for _, c := range changes {
		b := batches[e.shardOf(c.id)]
		if c.doc == nil {
			b.Delete(c.id)
		} else if err := b.Index(c.id, c.doc); err != nil {
			return fmt.Errorf("article %s: %w", c.id, err)
		}
	}
	errs := make([]error, len(e.shards))
	var wg sync.WaitGroup
	for i, s := range e.shards {
		if batches[i].Size() == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverInto(&errs[i])
			errs[i] = s.Batch(batches[i])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return e.asyncErr()
}

// asyncErr is the first error Bleve's background work met since the shards opened.
func (e *engine) asyncErr() error {
	asyncMu.Lock()
	defer asyncMu.Unlock()
	for i := range e.shards {
		if err := asyncErrs[shardPath(e.dir, i)]; err != nil {
			return err
		}
	}
	return nil
}

func clearAsync(path string) {
	asyncMu.Lock()
	delete(asyncErrs, path)
	asyncMu.Unlock()
}

// compact merges each shard into one segment: fewer, larger segments make
// every later search faster and the index smaller.
func (e *engine) compact(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make([]error, len(e.shards))
	for i, s := range e.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverInto(&errs[i])
			errs[i] = compactShard(ctx, s)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return e.asyncErr()
}

func compactShard(ctx context.Context, s bleve.Index) error {
	adv, err := s.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// One ForceMerge merges at most ten segments a task: repeat until one is left.
	for range 8 {
		if n, _ := sc.StatsMap()["num_root_filesegments"].(uint64); n <= 1 {
			break
		}
		if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	// ForceMerge returns before the persister has dropped the segments it
	// merged; closing now would leave them on disk, doubling the index until
	// the next write. Wait for the files on disk to be the root's and bolt's.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		m := sc.StatsMap()
		files, _ := m["num_files_on_disk"].(uint64)
		root, _ := m["num_root_filesegments"].(uint64)
		if files <= root+1 { // the segments and root.bolt
			break
		}
	}
	return nil
}

// recoverInto turns a panic inside Bleve into an error: a damaged segment
// file can make its decoder index out of range, and no panic may reach the user.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the index is damaged (%v)", r)
	}
}

// segments is the most segments any shard has on disk.
func (e *engine) segments() int {
	most := 0
	for _, s := range e.shards {
		adv, err := s.Advanced()
		if err != nil {
			continue
		}
		if sc, ok := adv.(*scorch.Scorch); ok {
			if n, _ := sc.StatsMap()["num_root_filesegments"].(uint64); int(n) > most {
				most = int(n)
			}
		}
	}
	return most
}

// sourceArticles returns the IDs of a source's articles in the index.
func (e *engine) sourceArticles(ctx context.Context, sourceID string) ([]string, error) {
	q := bleve.NewTermQuery(sourceID)
	q.SetField(fSourceID)
	var ids []string
	for {
		req := bleve.NewSearchRequestOptions(q, 10000, len(ids), false)
		req.Score = "none"
		res, err := e.search(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) == 0 || uint64(len(ids)) >= res.Total {
			return ids, nil
		}
	}
}
