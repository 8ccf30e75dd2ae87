// Package index is Baosou's library: the imported sources, the articles cut
// from them, and a Chinese-aware Bleve index over those articles.
//
// A library is a folder:
//
//	manifest.json    the sources imported, with their article counts (the truth)
//	sources/ID.zst   a compressed copy of each imported file, as it was
//	docs/ID.dat      its articles, displayed text and search forms (see store.go)
//	bleve/N/         the Bleve index, one scorch index per shard (see bleve.go),
//	                 derived: rebuilt from the above when damaged
//	pending/ID       an import or removal under way; rolled back if the process died
//	lock             shared by the processes reading the library, exclusive to one writing it
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Library is an open library folder. Its methods are safe for concurrent use:
// searches go on while an import runs. Between writes it only reads the
// folder, so other processes may read it too (baosou search while the app
// is open); a write (Import, Remove, UpdateSource, Reindex) needs the
// folder to itself and fails with ErrLocked while another process reads it.
type Library struct {
	dir  string
	lock *dirLock

	idxMu  sync.RWMutex // searches and Gets hold it while they read eng and docs files; reopening eng or closing a docs file takes it
	eng    *engine
	shards int

	mu      sync.RWMutex
	sources []Source                // as in the manifest, oldest first
	stores  map[string]*storeReader // open docs files by source ID
	hashes  map[[8]byte]bool        // content hashes of all articles; nil until an import needs them
	damaged map[string]bool         // sources whose docs file must be parsed again
	notices []FileError

	importMu        sync.Mutex // one write at a time
	closed          bool
	pendingRollback []string // sources a dead process left half imported
	pendingUpdate   []string // sources a dead process left half updated (UpdateSource)
	manifestSchema  int
}

// Options change how a library is opened.
type Options struct {
	NoSample bool                  // do not import the bundled sample into a new library
	Progress func(done, total int) // reports a rebuild of the index, when one is needed
}

// DefaultDir is the library folder used without --data: $BAOSOU_DATA, else the
// user data folder ($XDG_DATA_HOME/baosou, ~/.local/share/baosou on Linux).
func DefaultDir() string {
	if d := os.Getenv("BAOSOU_DATA"); d != "" {
		return d
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		if d, err := os.UserConfigDir(); err == nil {
			return filepath.Join(d, "baosou")
		}
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "baosou")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "baosou")
	}
	return "baosou-data"
}

// Open opens the library in dir, creating it (with the bundled sample) when new.
func Open(dir string) (*Library, error) { return OpenWith(dir, Options{}) }

// OpenWith opens the library in dir. It fails with ErrLocked when another
// process is writing it. A damaged or outdated index is rebuilt from the
// stored sources, and Notice says so; that, like creating a library, needs
// the folder to itself, so it waits until no other process is reading it.
func OpenWith(dir string, o Options) (*Library, error) {
	tuneGC()
	for _, sub := range []string{"", "sources", "docs", "pending"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("cannot create library folder: %w", err)
		}
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	l := &Library{dir: dir, lock: lock, stores: map[string]*storeReader{}}
	fresh, err := l.readManifest()
	// The common case first, and cheapest: an index to read, whole and in
	// step with the manifest. Anything else needs the folder to itself.
	sound := err == nil && !fresh && !l.needsRepair() && l.reopen(false) == nil && l.checkCount() == "" && len(l.damagedDocs()) == 0
	if err == nil && !sound {
		err = lock.upgrade()
		if err == nil {
			err = l.setUp(fresh, o)
		}
		if err == nil {
			err = l.reopen(false)
		}
	}
	if err != nil {
		l.Close()
		return nil, err
	}
	lock.downgrade()
	return l, nil
}

// tuneGC collects garbage less often than Go's default, within a bound: a
// search makes a few MB of it (Bleve's matches, decoded articles), and
// collecting it a quarter as often made the median search of the benchmark
// 3.4 -> 2.6 ms. The heap stays under 512 MB (an import sets its own bound,
// see importMemory). GOGC or GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(512 << 20)
	}
}

// setUp does what Open does with the folder to itself: roll back what a
// dead process left half done, check the index and rebuild it if needed,
// and give a new library its sample.
func (l *Library) setUp(fresh bool, o Options) error {
	if fresh {
		l.shards = defaultShards()
	}
	err := l.recoverPending()
	if err == nil {
		err = l.openIndex(o.Progress)
	}
	if err == nil && fresh {
		// Written at once, so that only a library's very first Open
		// offers the sample (not the next one after a failed first import).
		err = l.writeManifest(nil)
	}
	if err == nil && fresh && !o.NoSample {
		if serr := l.importSample(); serr != nil {
			// Not a reason to refuse the library: it is just empty.
			l.addNotice(CodeSampleFailed, serr.Error(), "The bundled sample page could not be imported: "+serr.Error())
		}
	}
	return err
}

// needsRepair reports what only a process with the folder to itself may
// do at Open: an interrupted import to roll back, an index of another version.
func (l *Library) needsRepair() bool {
	if ents, _ := os.ReadDir(filepath.Join(l.dir, "pending")); len(ents) > 0 {
		return true
	}
	return l.manifestSchema != schemaVersion
}

// defaultShards is the shard count of a new library: BAOSOU_SHARDS, else 1
// (see README, Performance: two shards did not pay on two cores).
func defaultShards() int {
	if n, err := strconv.Atoi(os.Getenv("BAOSOU_SHARDS")); err == nil && n >= 1 && n <= 64 {
		return n
	}
	return 1
}

func (l *Library) bleveDir() string { return filepath.Join(l.dir, bleveFolder) }

// reopen opens the index read-write or read-only, closing it first when it
// is open the other way. Searches wait while it does.
func (l *Library) reopen(writable bool) error {
	l.idxMu.Lock()
	defer l.idxMu.Unlock()
	if l.eng != nil && l.eng.writable == writable {
		return nil
	}
	if l.eng != nil {
		l.eng.close()
		l.eng = nil
	}
	eng, err := openEngine(l.bleveDir(), l.shards, writable)
	if err != nil {
		return err
	}
	l.eng = eng
	return nil
}

// beginWrite takes the library for a write: the lock to itself (waiting a
// little for readers to finish) and the index read-write.
func (l *Library) beginWrite() error {
	if err := l.lock.upgrade(); err != nil {
		return err
	}
	if err := l.reopen(true); err != nil {
		l.lock.downgrade()
		return fmt.Errorf("cannot open the index to write it: %w", err)
	}
	return nil
}

// endWrite goes back to reading: many small writes leave many small
// segments, so a shard with more than a few is merged first.
func (l *Library) endWrite() {
	if e := l.engine(); e != nil && e.writable && e.segments() > maxSegments {
		if err := e.compact(context.Background()); err != nil {
			trace("merging the index: %v", err)
		}
	}
	if err := l.reopen(false); err != nil {
		l.addNotice(CodeOther, err.Error(), "The index could not be opened again after a change: "+err.Error())
	}
	l.lock.downgrade()
}

// maxSegments is how many segments a shard may keep between writes.
const maxSegments = 8

// engine is the open index; nil after a failed reopen.
func (l *Library) engine() *engine {
	l.idxMu.RLock()
	defer l.idxMu.RUnlock()
	return l.eng
}

// Dir is the library folder.
func (l *Library) Dir() string { return l.dir }

// Notice is a message for the user about what Open had to do (a rebuilt
// index, a rolled-back import), or "".
func (l *Library) Notice() string {
	var lines []string
	for _, n := range l.Notices() {
		lines = append(lines, n.Err)
	}
	return strings.Join(lines, "\n")
}

// Notices are what Notice says, each with its code for a translated message.
func (l *Library) Notices() []FileError {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]FileError(nil), l.notices...)
}

func (l *Library) addNotice(code, detail, text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.notices = append(l.notices, FileError{Code: code, Detail: detail, Err: text})
}

// SourceCopy returns the stored copy of an imported file, exactly as it was
// imported, and its file name.
func (l *Library) SourceCopy(id string) (name string, data []byte, err error) {
	src, ok := l.source(id)
	if !ok {
		return "", nil, fmt.Errorf("source %q: %w", id, ErrNotFound)
	}
	data, err = readCompressed(l.sourcePath(id))
	if err != nil {
		return "", nil, fmt.Errorf("the stored copy of %s cannot be read: %w", src.Name, err)
	}
	return src.Name, data, nil
}

// Close releases the library. It waits for an import under way to stop.
func (l *Library) Close() error {
	l.importMu.Lock()
	defer l.importMu.Unlock()
	// idxMu before mu, as Search takes them: no search is reading what is closed here.
	l.idxMu.Lock()
	defer l.idxMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	var err error
	if l.eng != nil {
		err = l.eng.close()
		l.eng = nil
	}
	for _, s := range l.stores {
		s.close()
	}
	l.stores = map[string]*storeReader{}
	if l.lock != nil {
		l.lock.unlock()
	}
	return err
}

// Sources lists the imported sources, oldest first.
func (l *Library) Sources() []Source {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]Source(nil), l.sources...)
}

// Articles is the number of articles in the library.
func (l *Library) Articles() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	n := 0
	for _, s := range l.sources {
		n += s.Articles
	}
	return n
}

func (l *Library) source(id string) (Source, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, s := range l.sources {
		if s.ID == id {
			return s, true
		}
	}
	return Source{}, false
}

type manifestFile struct {
	Schema  int      `json:"schema"`
	Shards  int      `json:"shards,omitempty"`
	Sources []Source `json:"sources"`
}

// readManifest loads manifest.json; fresh is true for a library never written.
func (l *Library) readManifest() (fresh bool, err error) {
	path := filepath.Join(l.dir, "manifest.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot read %s: %w", path, err)
	}
	var m manifestFile
	if err := json.Unmarshal(b, &m); err != nil {
		return false, fmt.Errorf("%s is damaged (%v); the sources are safe in %s", path, err, filepath.Join(l.dir, "sources"))
	}
	l.sources, l.shards, l.manifestSchema = m.Sources, m.Shards, m.Schema
	if l.shards < 1 {
		l.shards = defaultShards() // an older library, to be rebuilt
	}
	return false, nil
}

// writeManifest replaces manifest.json atomically: a crash leaves the old or
// the new one. It is what commits an import, a removal or a merge.
func (l *Library) writeManifest(sources []Source) error {
	b, err := json.MarshalIndent(manifestFile{Schema: schemaVersion, Shards: l.shards, Sources: sources}, "", " ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(l.dir, "manifest.json"), b)
}

func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// store returns the open docs file of a source.
func (l *Library) store(sourceID string) (*storeReader, error) {
	l.mu.RLock()
	s := l.stores[sourceID]
	l.mu.RUnlock()
	if s != nil {
		return s, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.stores[sourceID]; s != nil {
		return s, nil
	}
	s, err := openStore(l.docsPath(sourceID))
	if err != nil {
		return nil, err
	}
	l.stores[sourceID] = s
	return s, nil
}

func (l *Library) docsPath(id string) string   { return filepath.Join(l.dir, "docs", id+".dat") }
func (l *Library) sourcePath(id string) string { return filepath.Join(l.dir, "sources", id+".zst") }
func (l *Library) pendingPath(id string) string {
	return filepath.Join(l.dir, "pending", id)
}

func docID(source string, i int) string { return source + "-" + strconv.Itoa(i) }

func splitID(id string) (source string, i int, ok bool) {
	k := strings.LastIndexByte(id, '-')
	if k < 0 {
		return "", 0, false
	}
	i, err := strconv.Atoi(id[k+1:])
	return id[:k], i, err == nil && i >= 0
}

// Get returns one article by ID.
func (l *Library) Get(id string) (*Doc, error) {
	l.idxMu.RLock() // keeps its docs file mapped (see closeStore)
	defer l.idxMu.RUnlock()
	if l.isClosed() {
		return nil, ErrClosed
	}
	d, src, err := l.stored(id)
	if err != nil {
		return nil, err
	}
	doc := &Doc{
		ID: id, Title: d.Title, TitleDerived: d.TitleDerived, Date: d.Date, Reporter: d.Reporter,
		Photographer: d.Photographer, Kind: d.Kind, Source: src.Name, SourceID: src.ID,
		Paragraphs: strings.Split(d.Body, "\n"), Body: d.Body,
		Kicker: d.Kicker, Subtitle: d.Subtitle, Place: d.Place, Agency: d.Agency, Published: d.Published, Page: atoi(d.Page), Section: d.Section,
		Newspaper: newspaperOf(src, d), OCR: d.OCR,
	}
	if d.Contributors != "" {
		doc.Contributors = strings.Split(d.Contributors, "\n")
	}
	return doc, nil
}

// stored reads an article from its docs file, with its source as displayed
// (a .jsonl record's own source name instead of the file's).
func (l *Library) stored(id string) (*storedDoc, Source, error) {
	s, i, src, err := l.record(id)
	if err != nil {
		return nil, src, err
	}
	d := &storedDoc{}
	if _, _, err := s.read(i, nil, d); err != nil {
		return nil, src, fmt.Errorf("article %q: %w", id, err)
	}
	if d.Source != "" {
		src.Name = d.Source
	}
	return d, src, nil
}

// record finds an article's docs file, its place there and its source.
func (l *Library) record(id string) (s *storeReader, i int, src Source, err error) {
	srcID, i, ok := splitID(id)
	if !ok {
		return nil, 0, src, fmt.Errorf("article %q: %w", id, ErrNotFound)
	}
	src, _ = l.source(srcID)
	src.ID = srcID
	s, err = l.store(srcID)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			err = ErrNotFound
		}
		return nil, 0, src, fmt.Errorf("article %q: %w", id, err)
	}
	return s, i, src, nil
}

func (l *Library) sortedSourceIDs() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	ids := make([]string, len(l.sources))
	for i, s := range l.sources {
		ids[i] = s.ID
	}
	sort.Strings(ids)
	return ids
}

func progName() string { return filepath.Base(os.Args[0]) }

// atoi is a stored number, 0 when there is none.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// tracing is on with BAOSOU_TRACE=1: timings of imports and searches on stderr.
var tracing = os.Getenv("BAOSOU_TRACE") == "1"

func trace(format string, args ...any) {
	if tracing {
		fmt.Fprintf(os.Stderr, "trace: "+format+"\n", args...)
	}
}
