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
	"strings"
	"time"

	"baosou/assets"
	"baosou/index/article"
	"baosou/index/fold"
)

// importExts are the files a folder import picks up; a file named explicitly is tried whatever its name.
var importExts = map[string]bool{".txt": true, ".text": true, ".jsonl": true, ".ndjson": true}

// Import adds files, and every .txt and .jsonl file under folders, to the
// library. A file that fails is reported in the ImportReport and the others go
// on; a file or article already in the library is counted as a duplicate. The
// error is for the library itself failing (closed, or its folder unwritable).
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
	for i, f := range files {
		if ctx.Err() != nil {
			rep.Canceled = true
			break
		}
		if opt.Progress != nil {
			opt.Progress(ImportProgress{FilesDone: i, FilesTotal: len(files), Articles: rep.Added, Current: f})
		}
		data, err := readSource(f)
		if err == nil {
			err = l.importOne(ctx, f, data, opt.Year, &rep)
		}
		if errors.Is(err, context.Canceled) {
			rep.Canceled = true
			break
		}
		if err != nil {
			rep.Failed = append(rep.Failed, FileError{Path: f, Err: err.Error()})
		}
	}
	// A big import leaves the index in many segments, each searched apart;
	// merging them now costs about a tenth of the import and makes every later
	// search faster. Only when the import is a large share of the library, so
	// that the merging done over a library's life stays proportional to its size.
	if rep.Added >= 1000 && rep.Added*4 >= l.Articles() && !rep.Canceled {
		if opt.Progress != nil {
			opt.Progress(ImportProgress{FilesDone: len(files), FilesTotal: len(files), Articles: rep.Added, Current: "(optimising the index)"})
		}
		t0 := time.Now()
		l.compact(ctx)
		trace("import: compacted the index in %v", time.Since(t0))
	}
	if opt.Progress != nil && !rep.Canceled {
		opt.Progress(ImportProgress{FilesDone: len(files), FilesTotal: len(files), Articles: rep.Added})
	}
	return rep, nil
}

// collectFiles expands folders (without following symbolic links, so a link
// loop cannot trap it) and reports paths that cannot be read.
func collectFiles(paths []string) (files []string, failed []FileError) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			failed = append(failed, FileError{Path: p, Err: describe(err)})
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, FileError{Path: path, Err: describe(err)})
				return nil
			}
			if d.Type().IsRegular() && importExts[strings.ToLower(filepath.Ext(path))] {
				files = append(files, path)
			}
			return nil
		})
	}
	return files, failed
}

func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func readSource(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, errors.New(describe(err))
	}
	return b, nil
}

func (l *Library) isClosed() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.closed
}

func (l *Library) importSample() error {
	var rep ImportReport
	l.importMu.Lock()
	defer l.importMu.Unlock()
	return l.importOne(context.Background(), assets.SampleName, assets.SamplePage, assets.SampleYear, &rep)
}

// importOne adds one file. The steps are ordered so that a crash at any
// point leaves either the whole source in the library or none of it: the
// pending marker first, then the docs file, the source copy, the index, and
// last the manifest, which is what makes the source part of the library.
func (l *Library) importOne(ctx context.Context, path string, data []byte, year int, rep *ImportReport) error {
	sum := sha256.Sum256(data)
	id := hex.EncodeToString(sum[:8])
	if s, ok := l.source(id); ok {
		rep.Duplicates++
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: already imported as %s", path, s.Name))
		return nil
	}
	src := Source{ID: id, Name: filepath.Base(path), Path: absPath(path), Year: year, Bytes: int64(len(data)), Added: time.Now().UTC()}
	if year == 0 {
		src.Year = article.YearFromName(src.Name)
	}
	if err := os.WriteFile(l.pendingPath(id), []byte(path), 0o644); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	t0 := time.Now()
	dups, warns, err := l.writeDocs(&src, data, true)
	trace("import %s: parsed %d articles in %v", src.Name, src.Articles, time.Since(t0))
	for _, w := range warns {
		rep.Warnings = append(rep.Warnings, src.Name+": "+w)
	}
	rep.Duplicates += dups
	if err == nil && src.Articles == 0 {
		l.rollback(id)
		if dups > 0 {
			return nil
		}
		return errors.New("no articles found")
	}
	if err == nil {
		err = writeCompressed(l.sourcePath(id), data)
	}
	if err == nil {
		t0 = time.Now()
		err = l.indexSource(ctx, id, nil)
		trace("import %s: indexed in %v", src.Name, time.Since(t0))
	}
	if err == nil {
		err = l.commitSource(src)
	}
	if err != nil {
		l.rollback(id)
		return err
	}
	rep.Added += src.Articles
	rep.Sources = append(rep.Sources, src)
	return nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// writeDocs parses data and writes its new articles to the source's docs file.
// With dedupe false (a rebuild) every article is kept.
func (l *Library) writeDocs(src *Source, data []byte, dedupe bool) (dups int, warnings []string, err error) {
	if dedupe {
		if err := l.loadHashes(); err != nil {
			return 0, nil, err
		}
	}
	w, err := createStore(l.docsPath(src.ID))
	if err != nil {
		return 0, nil, fmt.Errorf("cannot write to the library: %w", err)
	}
	seen := map[[8]byte]bool{}
	add := func(a article.Article) error {
		t, d, h := prepare(a)
		if dedupe && (l.hasHash(h) || seen[h]) {
			dups++
			return nil
		}
		seen[h] = true
		return w.add(&t, &d, h)
	}
	opt := article.Options{Name: src.Name, Year: src.Year}
	if isJSONL(src.Name) {
		warnings, err = article.ParseJSONL(bytes.NewReader(data), opt, add)
		src.Encoding = "UTF-8"
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
		return dups, warnings, err
	}
	src.Articles = len(w.offsets)
	if src.Articles == 0 {
		w.abort()
		return dups, warnings, nil
	}
	if err := w.finish(); err != nil {
		return dups, warnings, fmt.Errorf("cannot write to the library: %w", err)
	}
	return dups, warnings, nil
}

func isJSONL(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".jsonl" || ext == ".ndjson"
}

// prepare computes an article's search forms, stored form and content hash.
func prepare(a article.Article) (docText, storedDoc, [8]byte) {
	t := docText{
		Title:    []byte(fold.String(a.Title)),
		Body:     []byte(fold.String(a.Body())),
		Reporter: []byte(fold.String(a.Reporter)),
	}
	if a.Date.Year > 0 {
		t.Date = a.Date.Year*10000 + a.Date.Month*100 + a.Date.Day
	}
	d := storedDoc{Title: a.Title, TitleDerived: a.TitleDerived, Date: a.Date.String(), Reporter: a.Reporter,
		Photographer: a.Photographer, Kind: string(a.Kind), Source: a.Source, Body: a.Body()}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", d.Kind, d.Date)
	h.Write(t.Title)
	h.Write([]byte{0})
	h.Write(t.Body)
	var sum [8]byte
	copy(sum[:], h.Sum(nil))
	return t, d, sum
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

// commitSource makes an imported source part of the library.
func (l *Library) commitSource(src Source) error {
	l.mu.RLock()
	next := append(append([]Source(nil), l.sources...), src)
	l.mu.RUnlock()
	if err := l.writeManifest(next); err != nil {
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	s, err := l.store(src.ID)
	l.mu.Lock()
	l.sources, l.listOK = next, false
	if err == nil && l.hashes != nil {
		for i := 0; i < s.n; i++ {
			l.hashes[s.hash(i)] = true
		}
	}
	l.mu.Unlock()
	os.Remove(l.pendingPath(src.ID))
	return nil
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
	if err := l.writeManifest(next); err != nil {
		os.Remove(l.pendingPath(id))
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.mu.Lock()
	l.sources, l.hashes, l.listOK = next, nil, false
	l.mu.Unlock()
	l.rollback(src.ID)
	return nil
}

// rollback deletes everything of a source that is not (or no longer) in the manifest.
func (l *Library) rollback(id string) {
	l.unindexSource(id)
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
