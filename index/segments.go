package index

// The library's gram segments (see grams.go): building them from docs files,
// committing them with the manifest, merging, and removing sources.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	gramsFolder  = "grams"
	indexWorkers = 2
	// chunkText is how much search-form text one in-memory segment build
	// takes before it is written out: about 60 MB of memory each, two at once.
	chunkText = 8 << 20
)

// segInfo is a segment as the manifest records it.
type segInfo struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
}

func (l *Library) segPath(name string) string { return filepath.Join(l.dir, gramsFolder, name) }

// newSegName returns an unused segment file name.
func (l *Library) newSegName() string {
	l.segMu.Lock()
	defer l.segMu.Unlock()
	for {
		l.segSeq++
		name := fmt.Sprintf("%06d.seg", l.segSeq)
		if _, err := os.Stat(l.segPath(name)); os.IsNotExist(err) {
			return name
		}
	}
}

// chunk is the articles one segment build takes: runs of articles of sources.
type chunk struct {
	name  string
	parts []segRange
}

// buildSegments indexes the articles of the given sources' docs files into
// new segment files, two at a time; they become part of the library only
// when the manifest lists them (commitSources).
func (l *Library) buildSegments(ctx context.Context, ids []string, progress func(done int)) ([]*segment, error) {
	chunks := make(chan chunk)
	var mu sync.Mutex
	var out []*segment
	var firstErr error
	var wg sync.WaitGroup
	for range indexWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range chunks {
				s, err := l.buildChunk(c)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if s != nil {
					out = append(out, s)
				}
				mu.Unlock()
			}
		}()
	}
	var c chunk
	size := 0
	var err error
feed:
	for k, id := range ids {
		s, serr := l.store(id)
		if serr != nil {
			err = serr
			break
		}
		for i := 0; i < s.n; i++ {
			if n := len(c.parts); n > 0 && c.parts[n-1].src == id {
				c.parts[n-1].n++
			} else {
				c.parts = append(c.parts, segRange{src: id, first: uint32(i), n: 1, store: s})
			}
			size += s.formLen(i)
			if size >= chunkText {
				if err = ctx.Err(); err != nil {
					break feed
				}
				c.name = l.newSegName()
				chunks <- c
				c, size = chunk{}, 0
			}
		}
		if progress != nil {
			progress(k + 1)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil && len(c.parts) > 0 {
		c.name = l.newSegName()
		chunks <- c
	}
	close(chunks)
	wg.Wait()
	if err == nil {
		err = firstErr
	}
	if err != nil {
		for _, s := range out {
			l.dropSegment(s)
		}
		return nil, err
	}
	// In the order of the articles, so a library's segments are too.
	slices.SortFunc(out, func(a, b *segment) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// buildChunk builds and writes one segment.
func (l *Library) buildChunk(c chunk) (*segment, error) {
	name := c.name
	b := newSegBuilder()
	var buf []byte
	for _, p := range c.parts {
		for i := p.first; i < p.first+p.n; i++ {
			var t docText
			var err error
			t, buf, err = p.store.read(int(i), buf, nil)
			if err != nil {
				return nil, fmt.Errorf("source %s: %w", p.src, err)
			}
			b.add(p.src, int(i), &t)
		}
	}
	return l.writeSegment(name, func(path string) (int64, error) { return b.write(path) })
}

// writeSegment writes a segment file with write and opens it.
func (l *Library) writeSegment(name string, write func(path string) (int64, error)) (s *segment, err error) {
	path := l.segPath(name)
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("writing %s: %v", name, r)
		}
		if err != nil {
			os.Remove(path)
			os.Remove(path + ".tmp")
			err = fmt.Errorf("cannot write the index: %w", err)
		}
	}()
	size, err := write(path)
	if err != nil {
		return nil, err
	}
	s, err = openSegment(path, name)
	if err != nil {
		return nil, err
	}
	s.size = size
	return s, nil
}

// dropSegment closes and deletes a segment file that is not (or no longer) in the manifest.
func (l *Library) dropSegment(s *segment) {
	s.close()
	os.Remove(l.segPath(s.name))
}

// segInfos lists segments as the manifest records them.
func segInfos(segs []*segment) []segInfo {
	out := make([]segInfo, len(segs))
	for i, s := range segs {
		out[i] = segInfo{Name: s.name, Size: s.size}
	}
	return out
}

// setSegments makes segs the library's index (after the manifest lists
// them), marks the articles of removed sources, and closes the segments
// replaced once no search uses them.
func (l *Library) setSegments(segs []*segment, old []*segment) {
	l.mu.RLock()
	live := make(map[string]bool, len(l.sources))
	for _, s := range l.sources {
		live[s.ID] = true
	}
	l.mu.RUnlock()
	l.idxMu.Lock()
	defer l.idxMu.Unlock()
	n := 0
	var sum [nFields]float64
	for _, s := range segs {
		n += s.setLive(live)
		for f := range nFields {
			sum[f] += s.sumLen[f]
		}
	}
	l.segs, l.liveDocs = segs, n
	total := 0
	for _, s := range segs {
		total += int(s.n)
	}
	for f := range nFields {
		l.avgLen[f] = 1
		if total > 0 && sum[f] > 0 {
			l.avgLen[f] = sum[f] / float64(total)
		}
	}
	keep := map[*segment]bool{}
	for _, s := range segs {
		keep[s] = true
	}
	for _, s := range old {
		if !keep[s] {
			l.dropSegment(s)
		}
	}
}

// segments returns the current segments.
func (l *Library) segments() []*segment {
	l.idxMu.RLock()
	defer l.idxMu.RUnlock()
	return append([]*segment(nil), l.segs...)
}

// mergeTail keeps the number of segments logarithmic in the library's size:
// while the newest segment holds about as many articles as the one before,
// the two become one (each article is rewritten about log2(n) times in all).
func (l *Library) mergeTail(ctx context.Context) error {
	for {
		segs := l.segments()
		k := len(segs)
		if k < 2 || live(segs[k-1])*4 < live(segs[k-2])*3 || ctx.Err() != nil {
			return nil
		}
		if err := l.merge(segs[k-2:]); err != nil {
			return err
		}
	}
}

func live(s *segment) int {
	n := 0
	for _, r := range s.ranges {
		if !r.dead {
			n += int(r.n)
		}
	}
	return n
}

// compact merges every segment into one.
func (l *Library) compact(ctx context.Context) error {
	if segs := l.segments(); len(segs) > 1 && ctx.Err() == nil {
		return l.merge(segs)
	}
	return nil
}

// merge replaces adjacent segments by one, committing the change with the manifest.
func (l *Library) merge(group []*segment) error {
	t0 := time.Now()
	name := l.newSegName()
	m, err := l.writeSegment(name, func(path string) (int64, error) { return mergeSegments(path, group) })
	if err != nil {
		return err
	}
	old := l.segments()
	var next []*segment
	done := false
	in := map[*segment]bool{}
	for _, s := range group {
		in[s] = true
	}
	for _, s := range old {
		if !in[s] {
			next = append(next, s)
		} else if !done {
			next, done = append(next, m), true
		}
	}
	if err := l.writeManifest(l.Sources(), next); err != nil {
		l.dropSegment(m)
		return fmt.Errorf("cannot write to the library: %w", err)
	}
	l.setSegments(next, old)
	trace("index: merged %d segments into %s (%d articles) in %v", len(group), name, m.n, time.Since(t0))
	return nil
}

// purgeDead rewrites the segments that still hold articles of the given
// sources from before they were removed: a source's ID is the hash of its
// file, so importing a removed file again would bring those back to life
// beside the new ones. (Remove leaves them masked for a merge to drop.)
func (l *Library) purgeDead(ids []string) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for _, s := range l.segments() {
		for _, r := range s.ranges {
			if r.dead && want[r.src] {
				if err := l.merge([]*segment{s}); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// dropDeadSegments forgets segments that hold no article of the library any more.
func (l *Library) dropDeadSegments() error {
	old := l.segments()
	var next []*segment
	for _, s := range old {
		if live(s) > 0 {
			next = append(next, s)
		}
	}
	if len(next) == len(old) {
		l.setSegments(old, nil)
		return nil
	}
	if err := l.writeManifest(l.Sources(), next); err != nil {
		l.setSegments(old, nil) // the removed articles are masked all the same
		return err
	}
	l.setSegments(next, old)
	return nil
}

// closeStore unmaps a source's docs file once no search or Get is reading
// it (they hold idxMu); the caller must not hold idxMu or mu.
func (l *Library) closeStore(id string) {
	l.idxMu.Lock()
	defer l.idxMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.stores[id]; s != nil {
		s.close()
		delete(l.stores, id)
	}
}

// removeFiles deletes a source's files and its pending marker.
func (l *Library) removeFiles(id string) {
	l.deleteFiles(id)
	os.Remove(l.pendingPath(id))
}

// deleteFiles closes and deletes a source's docs file and copy, finished or not.
func (l *Library) deleteFiles(id string) {
	// Files first: a search that opens the docs file meanwhile gets no stale copy.
	for _, p := range []string{l.docsPath(id), l.docsPath(id) + ".tmp", l.sourcePath(id), l.sourcePath(id) + ".tmp"} {
		os.Remove(p)
	}
	l.closeStore(id)
}

// cleanGrams deletes files in grams/ that the manifest does not list: the
// segments of an import or merge that a dead process did not commit.
func (l *Library) cleanGrams(listed map[string]bool) {
	ents, _ := os.ReadDir(filepath.Join(l.dir, gramsFolder))
	for _, e := range ents {
		if !listed[e.Name()] {
			os.Remove(l.segPath(e.Name()))
		}
		if n, err := strconv.Atoi(strings.TrimSuffix(e.Name(), ".seg")); err == nil && n > l.segSeq {
			l.segSeq = n
		}
	}
}
