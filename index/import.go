package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
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
	files, failed := collectFiles(paths)
	rep.Failed = failed
	rep.Files = len(files)
	var g group
	done := 0 // files 0..done-1 are committed or failed
	for i, f := range files {
		if ctx.Err() != nil {
			break
		}
		if opt.Progress != nil {
			opt.Progress(ImportProgress{FilesDone: done, FilesRead: i, FilesTotal: len(files), Articles: rep.Added, Current: f})
		}
		data, err := readSource(f)
		var src *Source
		if err == nil {
			src, err = l.prepare(f, data, opt.Year, &rep, g.ids)
		}
		if err != nil {
			rep.Failed = append(rep.Failed, FileError{Path: f, Err: err.Error()})
		}
		if src != nil {
			g.add(*src)
		}
		if g.full() {
			l.commitOrRetry(ctx, &g, &rep, opt.Year)
		}
		if len(g.srcs) == 0 {
			done = i + 1
		}
	}
	l.commitOrRetry(ctx, &g, &rep, opt.Year)
	rep.Canceled = ctx.Err() != nil
	// A big import leaves the index in many segments, each searched apart;
	// merging them now costs about a tenth of the import and makes every later
	// search faster. Only when the import is a large share of the library, so
	// that the merging done over a library's life stays proportional to its size.
	if rep.Added >= 1000 && rep.Added*4 >= l.Articles() && !rep.Canceled {
		if opt.Progress != nil {
			opt.Progress(ImportProgress{FilesDone: len(files), FilesRead: len(files), FilesTotal: len(files), Articles: rep.Added, Current: "(optimising the index)"})
		}
		t0 := time.Now()
		l.compact(ctx)
		trace("import: compacted the index in %v", time.Since(t0))
	}
	if opt.Progress != nil && !rep.Canceled {
		opt.Progress(ImportProgress{FilesDone: len(files), FilesRead: len(files), FilesTotal: len(files), Articles: rep.Added})
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
	src, err := l.prepare(assets.SampleName, assets.SamplePage, assets.SampleYear, &rep, nil)
	if src == nil || err != nil {
		return err
	}
	g.add(*src)
	l.commitGroup(context.Background(), &g, &rep)
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
func (l *Library) prepare(path string, data []byte, year int, rep *ImportReport, inGroup map[string]bool) (*Source, error) {
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
	src := Source{ID: id, Name: filepath.Base(path), Path: absPath(path), Year: year, Bytes: int64(len(data)), Added: time.Now().UTC()}
	if year == 0 {
		src.Year = article.YearFromName(src.Name)
	}
	if err := os.WriteFile(l.pendingPath(id), []byte(path), 0o644); err != nil {
		return nil, fmt.Errorf("cannot write to the library: %w", err)
	}
	t0 := time.Now()
	// The copy is compressed on the other core while the file is parsed.
	copied := make(chan error, 1)
	go func() { copied <- writeCompressed(l.sourcePath(id), data) }()
	var dups int
	var warns []article.Warning
	err := l.loadHashes()
	if err == nil {
		dups, warns, err = l.writeDocs(&src, data, l.hasHash, false)
	}
	cerr := <-copied
	trace("import %s: parsed %d articles in %v", src.Name, src.Articles, time.Since(t0))
	for _, w := range warns {
		rep.Warnings = append(rep.Warnings, FileError{Path: path, Code: w.Code, Detail: w.Detail, Err: w.String()})
	}
	rep.Duplicates += dups
	if err == nil && src.Articles == 0 {
		l.rollback(id)
		if dups > 0 {
			return nil, nil
		}
		return nil, errors.New("no articles found")
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
func (l *Library) commitOrRetry(ctx context.Context, g *group, rep *ImportReport, year int) {
	srcs := g.srcs
	if len(srcs) <= 1 {
		l.commitGroup(ctx, g, rep)
		return
	}
	var tmp ImportReport
	l.commitGroup(ctx, g, &tmp)
	if len(tmp.Failed) == 0 {
		rep.Added += tmp.Added
		rep.Sources = append(rep.Sources, tmp.Sources...)
		return
	}
	for _, s := range srcs {
		data, err := readSource(s.Path)
		var src *Source
		if err == nil {
			src, err = l.prepare(s.Path, data, year, &tmp, nil)
		}
		if err != nil {
			rep.Failed = append(rep.Failed, FileError{Path: s.Path, Err: err.Error()})
			continue
		}
		if src != nil {
			one := group{}
			one.add(*src)
			l.commitGroup(ctx, &one, rep)
		}
	}
}

// commitGroup indexes the group's sources and commits them in one manifest
// write; if that fails, all of them are rolled back and reported.
func (l *Library) commitGroup(ctx context.Context, g *group, rep *ImportReport) {
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
		err = l.purgeDead(ids)
	}
	var segs []*segment
	if err == nil {
		segs, err = l.buildSegments(ctx, ids, nil)
	}
	trace("import: indexed %d articles of %d file(s) in %v", g.articles, len(ids), time.Since(t0))
	if err == nil {
		if err = l.commitSources(g.srcs, segs); err != nil {
			for _, s := range segs {
				l.dropSegment(s)
			}
		}
	}
	if err == nil {
		if merr := l.mergeTail(ctx); merr != nil {
			trace("import: merging segments: %v", merr) // the import stands; the segments stay as they are
		}
	}
	if err != nil {
		for _, s := range g.srcs {
			l.rollback(s.ID)
			if ctx.Err() == nil {
				rep.Failed = append(rep.Failed, FileError{Path: s.Path, Err: err.Error()})
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
func (l *Library) writeDocs(src *Source, data []byte, known func([8]byte) bool, keepEmpty bool) (dups int, warnings []article.Warning, err error) {
	w, err := createStore(l.docsPath(src.ID))
	if err != nil {
		return 0, nil, fmt.Errorf("cannot write to the library: %w", err)
	}
	seen := map[[8]byte]bool{}
	addOne := func(a article.Article) error {
		t, d, h := prepare(a)
		if seen[h] || known(h) {
			dups++
			return nil
		}
		seen[h] = true
		return w.add(&t, &d, h)
	}
	add := func(a article.Article) error {
		for _, part := range splitArticle(a, maxArticleBytes) {
			if err := addOne(part); err != nil {
				return err
			}
		}
		return nil
	}
	opt := article.Options{Name: src.Name, Year: src.Year}
	if isJSONL(src.Name) {
		warnings, err = article.ParseJSONL(bytes.NewReader(data), opt, add)
		src.Encoding = "UTF-8"
	} else if n, line := longestLine(data); n > maxLineBytes {
		err = fmt.Errorf("line %d is %.1f MB long with no line break: this is not page text; split it into paragraphs, or convert it to .jsonl", line, float64(n)/(1<<20))
	} else {
		var page article.Page
		page, err = article.Parse(data, opt)
		src.Encoding, warnings = page.Encoding, page.Warnings
		for i := 0; err == nil && i < len(page.Articles); i++ {
			err = add(page.Articles[i])
		}
	}
	if err != nil {
		w.abort()
		if !errors.Is(err, article.ErrNotText) && !errors.Is(err, article.ErrEncoding) && !errors.Is(err, article.ErrEmpty) && isWriteError(err) {
			err = fmt.Errorf("cannot write to the library: %w", err)
		}
		return dups, warnings, err
	}
	src.Articles = len(w.offsets)
	if src.Articles == 0 && !keepEmpty {
		w.abort()
		return dups, warnings, nil
	}
	if err := w.finish(); err != nil {
		return dups, warnings, fmt.Errorf("cannot write to the library: %w", err)
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
// for them: about three times their docs files plus 1 MB (the new segments and
// a merge of them; measured on the benchmark corpus and on small pages).
// A write that fails anyway is rolled back and reported like this one.
func (l *Library) roomToIndex(ids []string) error {
	var need uint64 = 1 << 20
	for _, id := range ids {
		need += 3 * uint64(l.docsSize(id))
	}
	if free, ok := diskFree(l.dir); ok && free < need {
		return fmt.Errorf("cannot write to the library: not enough free disk space (about %d KB needed, %d KB free)", need>>10, free>>10)
	}
	return nil
}

// commitSources makes imported sources and their segments part of the library.
func (l *Library) commitSources(srcs []Source, segs []*segment) error {
	for i := range srcs {
		srcs[i].DocsSize = l.docsSize(srcs[i].ID)
	}
	l.mu.RLock()
	next := append(append([]Source(nil), l.sources...), srcs...)
	l.mu.RUnlock()
	old := l.segments()
	all := append(append([]*segment(nil), old...), segs...)
	if err := l.writeManifest(next, all); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.mu.Lock()
	l.sources, l.listOK = next, false
	l.mu.Unlock()
	l.setSegments(all, nil)
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
	l.mu.RLock()
	var next []Source
	for _, s := range l.sources {
		if s.ID != id {
			next = append(next, s)
		}
	}
	l.mu.RUnlock()
	if err := os.WriteFile(l.pendingPath(id), []byte("remove"), 0o644); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	if err := l.writeManifest(next, l.segments()); err != nil {
		os.Remove(l.pendingPath(id))
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.mu.Lock()
	l.sources, l.hashes, l.listOK = next, nil, false
	l.mu.Unlock()
	// Its articles stay in the segments, marked dead, until a merge drops them.
	if err := l.dropDeadSegments(); err != nil {
		trace("remove %s: %v", id, err)
	}
	l.rollback(src.ID)
	return nil
}

// rollback deletes everything of a source that is not (or no longer) in the manifest.
func (l *Library) rollback(id string) {
	l.removeFiles(id)
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
			os.Remove(l.pendingPath(id))
			continue
		}
		l.pendingRollback = append(l.pendingRollback, id)
	}
	return nil
}
