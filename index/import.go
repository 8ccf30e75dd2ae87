package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"baosou/assets"
	"baosou/index/article"
)

// Import adds files, and every .txt and .jsonl file under folders, to the
// library. A file that fails is reported in the ImportReport and the others go
// on; a file or article already in the library is counted as a duplicate. The
// error is only for a closed library: a library that cannot be written shows
// as every file failing with "cannot write to the library".
func (l *Library) Import(ctx context.Context, paths []string, opt ImportOptions) (ImportReport, error) {
	l.importMu.Lock()
	defer l.importMu.Unlock()
	var rep ImportReport
	if l.isClosed() {
		return rep, ErrClosed
	}
	if err := l.beginWrite(); err != nil {
		return rep, err
	}
	defer l.endWrite()
	// Bleve's batches make garbage fast; collecting it sooner keeps an
	// import of a big corpus within a few hundred MB (see README, Performance).
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemory))
	files, failed := collectFiles(paths)
	rep.Failed = failed
	rep.Files = len(files)
	p := newProgress(files, opt.Progress)
	var g group
	for i, f := range files {
		if ctx.Err() != nil {
			break
		}
		p.file(i, f, rep.Added)
		data, err := readSource(f)
		var src *Source
		if err == nil {
			src, err = l.prepare(ctx, f, data, opt, &rep, g.ids, p)
		}
		if err != nil && ctx.Err() == nil {
			rep.Failed = append(rep.Failed, fileError(f, err))
		}
		if src != nil {
			g.add(*src)
		}
		if g.full() {
			l.commitOrRetry(ctx, &g, &rep, opt, p)
		}
		if len(g.srcs) == 0 {
			p.committed(i + 1)
		}
	}
	l.commitOrRetry(ctx, &g, &rep, opt, p)
	rep.Canceled = ctx.Err() != nil
	// A big import leaves each shard in many segments, each searched apart;
	// merging them now makes every later search faster and the index smaller.
	// Only when the import is a large share of the library, so that the
	// merging done over a library's life stays proportional to its size.
	if rep.Added >= 1000 && rep.Added*4 >= l.Articles() && !rep.Canceled {
		p.step("(optimising the index)", rep.Added)
		// The merge reads the whole index through memory maps: give the
		// import's garbage back to the system first, so the two do not add up.
		debug.FreeOSMemory()
		t0 := time.Now()
		if err := l.engine().compact(ctx); err != nil {
			trace("import: merging the index: %v", err) // the import stands, in more segments
		}
		trace("import: compacted the index in %v", time.Since(t0))
	}
	if !rep.Canceled {
		p.finish(rep.Added)
	}
	return rep, nil
}

func (l *Library) isClosed() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.closed
}

func (l *Library) importSample() error {
	var rep ImportReport
	var g group
	l.importMu.Lock()
	defer l.importMu.Unlock()
	src, err := l.prepare(context.Background(), assets.SampleName, assets.SamplePage, ImportOptions{Year: assets.SampleYear}, &rep, nil, nil)
	if src == nil || err != nil {
		return err
	}
	g.add(*src)
	l.commitGroup(context.Background(), &g, &rep, nil)
	if len(rep.Failed) > 0 {
		return errors.New(rep.Failed[0].Err)
	}
	return nil
}

// A group is sources prepared (docs file and copy written) but not yet
// indexed and committed. Small files are committed many at a time: one index
// batch and one manifest write for a hundred pages, not one each.
type group struct {
	srcs     []Source
	ids      map[string]bool
	articles int
	started  time.Time
}

func (g *group) add(s Source) {
	if g.ids == nil {
		g.ids, g.started = map[string]bool{}, time.Now()
	}
	g.srcs = append(g.srcs, s)
	g.ids[s.ID] = true
	g.articles += s.Articles
}

// groupArticles is about how many articles a group commits at once.
const groupArticles = 1000

// full says when to commit: enough articles for a good index batch, or two
// seconds of work, so that a long import shows up in searches as it goes.
func (g *group) full() bool {
	return g.articles >= groupArticles || len(g.srcs) >= 500 || time.Since(g.started) > 2*time.Second
}

// prepare reads one file into the library: pending marker, docs file,
// compressed copy. It returns nil for a file that adds nothing (already
// imported, or only duplicate articles). The steps of prepare and commitGroup
// are ordered so that a crash at any point leaves each source whole or absent:
// the pending marker first, then the docs file, the source copy, the index,
// and last the manifest, which is what makes a source part of the library.
func (l *Library) prepare(ctx context.Context, path string, data []byte, opt ImportOptions, rep *ImportReport, inGroup map[string]bool, p *progress) (*Source, error) {
	year := opt.Year
	sum := sha256.Sum256(data)
	id := hex.EncodeToString(sum[:8])
	if s, ok := l.source(id); ok || inGroup[id] {
		name := s.Name
		if !ok {
			name = "another file of this import"
		}
		rep.DuplicateFiles++
		rep.Warnings = append(rep.Warnings, FileError{Path: path, Code: CodeDuplicate, Detail: name, Err: "already imported as " + name})
		return nil, nil
	}
	src := Source{ID: id, Name: filepath.Base(path), Path: absPath(path), Year: year, Newspaper: opt.Newspaper,
		Bytes: int64(len(data)), Added: time.Now().UTC()}
	if year == 0 {
		src.Year = article.YearFromName(src.Name)
	}
	if err := os.WriteFile(l.pendingPath(id), []byte(path), 0o644); err != nil {
		return nil, writeError(err)
	}
	t0 := time.Now()
	// The copy is compressed on the other core while the file is parsed.
	copied := make(chan error, 1)
	go func() { copied <- writeCompressed(l.sourcePath(id), data) }()
	var dups int
	var warns []FileError
	err := l.loadHashes()
	if err == nil {
		dups, warns, err = l.writeDocs(ctx, &src, data, l.hasHash, false, p)
	}
	cerr := <-copied
	trace("import %s: parsed %d articles in %v", src.Name, src.Articles, time.Since(t0))
	for _, w := range warns {
		w.Path = path
		rep.Warnings = append(rep.Warnings, w)
	}
	if err == nil && src.NoYear > 0 {
		rep.Warnings = append(rep.Warnings, FileError{Path: path, Code: CodeNoYear, Detail: fmt.Sprint(src.NoYear),
			Err: fmt.Sprintf("%d article(s) dated without a year: give the year with --year, or set it afterwards (baosou sources --set-year)", src.NoYear)})
	}
	rep.Duplicates += dups
	if err == nil && src.Articles == 0 {
		l.rollback(id)
		if dups > 0 {
			return nil, nil
		}
		return nil, &inputError{code: CodeNoArticles, msg: "no articles found"}
	}
	if err == nil {
		err = cerr
	}
	if err != nil {
		l.rollback(id)
		return nil, err
	}
	l.addHashes(id)
	return &src, nil
}

// commitOrRetry commits a group; if that fails (a full disk, say) it tries
// its files one at a time, so that one file too big for the disk does not
// take the small ones read with it down too.
func (l *Library) commitOrRetry(ctx context.Context, g *group, rep *ImportReport, opt ImportOptions, p *progress) {
	srcs := g.srcs
	if len(srcs) <= 1 {
		l.commitGroup(ctx, g, rep, p)
		return
	}
	var tmp ImportReport
	l.commitGroup(ctx, g, &tmp, p)
	if len(tmp.Failed) == 0 {
		rep.Added += tmp.Added
		rep.Sources = append(rep.Sources, tmp.Sources...)
		return
	}
	for _, s := range srcs {
		data, err := readSource(s.Path)
		var src *Source
		if err == nil {
			src, err = l.prepare(ctx, s.Path, data, opt, &tmp, nil, nil)
		}
		if err != nil {
			rep.Failed = append(rep.Failed, fileError(s.Path, err))
			continue
		}
		if src != nil {
			one := group{}
			one.add(*src)
			l.commitGroup(ctx, &one, rep, nil)
		}
	}
}

// commitGroup indexes the group's sources and commits them in one manifest
// write; if that fails, all of them are rolled back and reported.
func (l *Library) commitGroup(ctx context.Context, g *group, rep *ImportReport, p *progress) {
	if len(g.srcs) == 0 {
		return
	}
	ids := make([]string, len(g.srcs))
	for i, s := range g.srcs {
		ids[i] = s.ID
	}
	t0 := time.Now()
	err := l.roomToIndex(ids)
	if err == nil {
		err = l.indexSources(ctx, l.engine(), g.srcs, func(articles int) { p.indexing(articles, g.articles) })
	}
	trace("import: indexed %d articles of %d file(s) in %v", g.articles, len(ids), time.Since(t0))
	if err == nil {
		err = l.commitSources(g.srcs)
	}
	if err != nil {
		if isWriteError(err) || isNoSpace(err) {
			err = writeError(err)
		}
		for _, s := range g.srcs {
			if rerr := l.rollback(s.ID); rerr != nil {
				trace("import: rolling back %s: %v", s.ID, rerr) // its pending marker stays: Open rolls it back
			}
			if ctx.Err() == nil {
				rep.Failed = append(rep.Failed, fileError(s.Path, err))
			}
		}
		l.mu.Lock()
		l.hashes = nil // reloaded from what is committed
		l.mu.Unlock()
	} else {
		for _, s := range g.srcs {
			rep.Added += s.Articles
			rep.Sources = append(rep.Sources, s)
		}
	}
	*g = group{}
}

// indexSources indexes the articles of sources' docs files into e, in
// batches of about batchText bytes of text: Bleve holds a batch's tokens in
// memory, about 50 bytes for each byte of text. Two batches are indexed at
// once: Bleve builds a batch's segment on the goroutine that hands it over,
// so one at a time left a core idle. progress, when not nil, gets the
// articles done so far.
func (l *Library) indexSources(ctx context.Context, e *engine, srcs []Source, progress func(articles int)) error {
	if e == nil {
		return errors.New("the index is not open")
	}
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	batches := make(chan []change)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for range indexWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				if err := e.apply(b); err != nil {
					stop(err)
					return
				}
				mu.Lock()
				done += len(b)
				if progress != nil {
					progress(done)
				}
				mu.Unlock()
			}
		}()
	}
	err := l.feedBatches(ctx, srcs, batches)
	close(batches)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil && cause != ctx.Err() {
		return cause // a worker's error, which stopped the feeding
	}
	return err
}

// indexWorkers is how many batches are indexed at once.
const indexWorkers = 2

// feedBatches reads the sources' articles into batches of changes and
// sends them, until done or ctx is done.
func (l *Library) feedBatches(ctx context.Context, srcs []Source, out chan<- []change) error {
	var changes []change
	size, fed := 0, 0
	send := func() error {
		select {
		case out <- changes:
			changes, size = nil, 0
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var buf, metaBuf []byte
	for _, src := range srcs {
		s, err := l.store(src.ID)
		if err != nil {
			return fmt.Errorf("cannot read the articles of %s: %w", src.Name, err)
		}
		for i := 0; i < s.n; i++ {
			var d storedDoc
			t, b, err := s.forms(i, buf)
			buf = b
			if err == nil {
				err = t.whole()
			}
			if err == nil {
				_, metaBuf, _, err = s.meta(i, &d, metaBuf)
			}
			if err != nil {
				return fmt.Errorf("cannot read the articles of %s: %w", src.Name, err)
			}
			changes = append(changes, change{id: docID(src.ID, i), doc: indexDoc(src, &t, &d)})
			if size += len(t.Title) + len(t.Body); size >= batchText {
				if err := send(); err != nil {
					return err
				}
				if fed += batchText; fed >= 16<<20 {
					s.release()
					fed = 0
				}
			}
		}
		s.release()
	}
	if len(changes) == 0 {
		return ctx.Err()
	}
	return send()
}

// batchText is about how much text one index batch takes. Measured on a
// quarter of the benchmark corpus: 256 KB to 1 MB take the same time (2 MB
// takes half as long again), and 256 KB the least memory.
const batchText = 256 << 10

// importMemory is the Go heap an import aims to stay under (a soft limit:
// the collector works harder near it, it never fails an allocation).
const importMemory = 256 << 20

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// writeDocs parses data and writes its articles to the source's docs file,
// leaving out an article seen earlier in the same file or known elsewhere.
// With keepEmpty, a source of no articles gets an empty docs file (a re-parse);
// otherwise none (an import refuses it).
func (l *Library) writeDocs(ctx context.Context, src *Source, data []byte, known func([8]byte) bool, keepEmpty bool, p *progress) (dups int, warnings []FileError, err error) {
	w, err := createStore(l.docsPath(src.ID))
	if err != nil {
		return 0, nil, writeError(err)
	}
	seen := map[[8]byte]bool{}
	noYear := 0
	addOne := func(a article.Article, ocr bool) error {
		t, d, h := prepare(a)
		d.OCR = ocr
		if a.Date.Year == 0 && !a.Date.IsZero() && a.Published.IsZero() {
			noYear++
		}
		if seen[h] || known(h) {
			dups++
			return nil
		}
		seen[h] = true
		return w.add(&t, &d, h)
	}
	add := func(a article.Article, ocr bool) error {
		for _, part := range splitArticle(a, maxArticleBytes) {
			if err := addOne(part, ocr); err != nil {
				return err
			}
		}
		return nil
	}
	warnings, err = l.articlesOf(ctx, src, data, p, add)
	if err != nil {
		w.abort()
		if isWriteError(err) {
			err = writeError(err)
		}
		return dups, warnings, err
	}
	src.Articles, src.NoYear = len(w.offsets), noYear
	if src.Articles == 0 && !keepEmpty {
		w.abort()
		return dups, warnings, nil
	}
	if err := w.finish(); err != nil {
		return dups, warnings, writeError(err)
	}
	return dups, warnings, nil
}

func (l *Library) docsSize(id string) int64 {
	st, err := os.Stat(l.docsPath(id))
	if err != nil {
		return 0
	}
	return st.Size()
}

// isWriteError tells a failure of the library's disk from a problem of the input.
func isWriteError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "write"
}

// loadHashes reads the content hashes of every article in the library, once.
func (l *Library) loadHashes() error {
	l.mu.RLock()
	loaded := l.hashes != nil
	l.mu.RUnlock()
	if loaded {
		return nil
	}
	hashes := map[[8]byte]bool{}
	for _, id := range l.sortedSourceIDs() {
		s, err := l.store(id)
		if err != nil {
			return fmt.Errorf("cannot read the articles of source %s: %w", id, err)
		}
		for i := 0; i < s.n; i++ {
			hashes[s.hash(i)] = true
		}
	}
	l.mu.Lock()
	l.hashes = hashes
	l.mu.Unlock()
	return nil
}

func (l *Library) hasHash(h [8]byte) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.hashes[h]
}

// roomToIndex refuses to index sources when the disk is clearly too small
// for them: about five times their docs files plus 1 MB (the index is about
// 2.5 times their size, and a merge writes a second copy before it deletes
// the first; measured on the benchmark corpus and on small pages).
// A write that fails anyway is rolled back and reported like this one.
func (l *Library) roomToIndex(ids []string) error {
	var need uint64 = 1 << 20
	for _, id := range ids {
		need += 5 * uint64(l.docsSize(id))
	}
	if free, ok := diskFree(l.dir); ok && free < need {
		return &inputError{code: CodeNoSpace, detail: fmt.Sprintf("%d KB / %d KB", need>>10, free>>10),
			msg: fmt.Sprintf("cannot write to the library: not enough free disk space (about %d KB needed, %d KB free)", need>>10, free>>10)}
	}
	return nil
}

// commitSources makes imported sources part of the library: the manifest
// write is what commits them (their articles are in the index already).
func (l *Library) commitSources(srcs []Source) error {
	for i := range srcs {
		srcs[i].DocsSize = l.docsSize(srcs[i].ID)
	}
	l.mu.RLock()
	next := append(append([]Source(nil), l.sources...), srcs...)
	l.mu.RUnlock()
	if err := l.writeManifest(next); err != nil {
		return writeError(err)
	}
	l.mu.Lock()
	l.sources = next
	l.mu.Unlock()
	for _, s := range srcs {
		os.Remove(l.pendingPath(s.ID))
	}
	return nil
}

// addHashes records the content hashes of a prepared source's articles, so
// that the next file of the same import is checked against them too.
func (l *Library) addHashes(id string) {
	s, err := l.store(id)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil || l.hashes == nil {
		return
	}
	for i := 0; i < s.n; i++ {
		l.hashes[s.hash(i)] = true
	}
}

// Remove deletes a source and its articles from the library.
func (l *Library) Remove(id string) error {
	l.importMu.Lock()
	defer l.importMu.Unlock()
	src, ok := l.source(id)
	if !ok {
		return fmt.Errorf("source %q: %w", id, ErrNotFound)
	}
	if err := l.beginWrite(); err != nil {
		return err
	}
	defer l.endWrite()
	l.mu.RLock()
	var next []Source
	for _, s := range l.sources {
		if s.ID != id {
			next = append(next, s)
		}
	}
	l.mu.RUnlock()
	// The marker first: a crash after the manifest write leaves the articles
	// in the index, and the next Open rolls the removal forward.
	if err := os.WriteFile(l.pendingPath(id), []byte("remove"), 0o644); err != nil {
		return writeError(err)
	}
	if err := l.writeManifest(next); err != nil {
		os.Remove(l.pendingPath(id))
		return writeError(err)
	}
	l.mu.Lock()
	l.sources, l.hashes = next, nil
	l.mu.Unlock()
	if err := l.rollback(src.ID); err != nil {
		trace("remove %s: %v", id, err) // the marker stays: the next Open finishes the removal
	}
	return nil
}

// rollback deletes everything of a source that is not (or no longer) in the
// manifest: its articles in the index, its files, and last its pending
// marker, which stays when the index could not be changed.
func (l *Library) rollback(id string) error {
	if e := l.engine(); e != nil {
		ids, err := e.sourceArticles(context.Background(), id)
		if err == nil && len(ids) > 0 {
			changes := make([]change, len(ids))
			for i, a := range ids {
				changes[i] = change{id: a}
			}
			err = e.apply(changes)
		}
		if err != nil {
			l.deleteFiles(id)
			return err
		}
	}
	l.removeFiles(id)
	return nil
}

// recoverPending rolls back imports and removals that a dead process left half done.
func (l *Library) recoverPending() error {
	ents, err := os.ReadDir(filepath.Join(l.dir, "pending"))
	if err != nil {
		return err
	}
	var ids []string
	for _, e := range ents {
		ids = append(ids, e.Name())
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := l.source(id); ok {
			// An import committed before the marker went, or an UpdateSource
			// that did not finish: its docs file and index entries are read
			// again from the source copy, as the manifest has it.
			if b, _ := os.ReadFile(l.pendingPath(id)); string(b) == pendingUpdate {
				l.pendingUpdate = append(l.pendingUpdate, id)
			} else {
				os.Remove(l.pendingPath(id))
			}
			continue
		}
		l.pendingRollback = append(l.pendingRollback, id)
	}
	return nil
}
