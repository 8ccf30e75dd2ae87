package index

// The gram index: our own postings of every character and every adjacent
// pair of characters of each article's search forms, in immutable segment
// files. It replaced Bleve (see README, Performance): building Bleve
// segments of ~2000 distinct terms per article was three quarters of the
// import's CPU and most of the library's size.
//
// A segment file:
//
//	"BSG1"
//	postings   per key: one entry per article, uvarint(gap<<1 | tf>1) and, when tf>1, uvarint(tf)
//	articles   n * (date, title length, body length, reporter length), uint32 each
//	key blocks per key: uvarint(key - previous key), uvarint(df), uvarint(length of its postings)
//	block index  per block of keyBlock keys: first key uint64, key offset uint32, postings offset uint64
//	ranges     uint32 count, then per range: uint8 length, source ID, uint32 first article, uint32 count
//	footer     offsets of articles, key blocks, block index, ranges (uint64 each), n uint32, keys uint32, "BSG1"
//
// Local article numbers run over the ranges in order: a segment covers runs of
// articles of one or more sources (a big source can be split over several).

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/mmap-go"

	"baosou/index/fold"
)

const (
	segMagic = "BSG1"
	keyBlock = 64
	fTitle   = 0
	fBody    = 1
	fRep     = 2
	nFields  = 3
	segFoot  = 4*8 + 4 + 4 + 4
)

// gramKey is a field and one or two runes: field<<42 | r1<<21 | r2 (r2 = 0 for one character).
func gramKey(field int, r1, r2 rune) uint64 {
	return uint64(field)<<42 | uint64(r1)<<21 | uint64(r2)
}

// eachGram calls f with the key of every character and every adjacent pair of
// characters (see fold.IsUnit) of a search form, and returns how many it made.
func eachGram(field int, text []byte, f func(uint64)) int {
	n := 0
	var prev rune
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		i += size
		if !fold.IsUnit(r) {
			prev = 0
			continue
		}
		f(gramKey(field, r, 0))
		n++
		if prev != 0 {
			f(gramKey(field, prev, r))
			n++
		}
		prev = r
	}
	return n
}

// posting is one key's entries while a segment is built in memory.
type posting struct {
	buf      []byte
	last, tf uint32 // the article being counted and its count so far
	prev     uint32 // the last article written to buf
	df       uint32
	open     bool
}

func (p *posting) flush() {
	if !p.open {
		return
	}
	gap := p.last - p.prev
	if p.df == 1 {
		gap = p.last
	}
	v := uint64(gap) << 1
	if p.tf > 1 {
		v |= 1
	}
	p.buf = binary.AppendUvarint(p.buf, v)
	if p.tf > 1 {
		p.buf = binary.AppendUvarint(p.buf, uint64(p.tf))
	}
	p.prev, p.open = p.last, false
}

// segRange is a run of articles of one source in a segment.
type segRange struct {
	src        string
	first, n   uint32
	start      uint32 // the local number of its first article
	dead       bool   // the source is no longer in the library
	store      *storeReader
	storeError error
}

type docInfo struct {
	date uint32
	len  [nFields]uint32
}

// segBuilder collects the postings of articles in memory.
type segBuilder struct {
	keys   map[uint64]int32
	posts  []posting
	docs   []docInfo
	ranges []segRange
	text   int // bytes of search form added
}

func newSegBuilder() *segBuilder {
	return &segBuilder{keys: make(map[uint64]int32, 1<<16)}
}

// add indexes the next article, article i of source src.
func (b *segBuilder) add(src string, i int, t *docText) {
	d := uint32(len(b.docs))
	if k := len(b.ranges) - 1; k >= 0 && b.ranges[k].src == src && b.ranges[k].first+b.ranges[k].n == uint32(i) {
		b.ranges[k].n++
	} else {
		b.ranges = append(b.ranges, segRange{src: src, first: uint32(i), n: 1, start: d})
	}
	info := docInfo{date: uint32(t.Date)}
	count := func(key uint64) {
		idx, ok := b.keys[key]
		if !ok {
			idx = int32(len(b.posts))
			b.keys[key] = idx
			b.posts = append(b.posts, posting{})
		}
		p := &b.posts[idx]
		if p.open && p.last == d {
			p.tf++
			return
		}
		p.flush()
		p.last, p.tf, p.open = d, 1, true
		p.df++
	}
	for f, text := range [nFields][]byte{t.Title, t.Body, t.Reporter} {
		info.len[f] = uint32(eachGram(f, text, count))
		b.text += len(text)
	}
	b.docs = append(b.docs, info)
}

// segWriter writes a segment file key by key, in key order.
type segWriter struct {
	path   string
	f      *os.File
	w      *bufio.Writer
	off    uint64 // bytes written
	keys   []byte // the key blocks
	index  []byte // the block index
	nkeys  uint32
	prev   uint64
	postAt uint64 // where the postings of the current block start
	err    error
}

func createSegment(path string) (*segWriter, error) {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, err
	}
	w := &segWriter{path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}
	w.write([]byte(segMagic))
	return w, nil
}

func (w *segWriter) write(b []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.w.Write(b)
	w.off += uint64(len(b))
}

// key writes one key's postings; keys must come in increasing order.
func (w *segWriter) key(key uint64, df uint32, post []byte) {
	if w.nkeys%keyBlock == 0 {
		w.index = binary.LittleEndian.AppendUint64(w.index, key)
		w.index = binary.LittleEndian.AppendUint32(w.index, uint32(len(w.keys)))
		w.index = binary.LittleEndian.AppendUint64(w.index, w.off)
		w.prev = key
	}
	w.keys = binary.AppendUvarint(w.keys, key-w.prev)
	w.keys = binary.AppendUvarint(w.keys, uint64(df))
	w.keys = binary.AppendUvarint(w.keys, uint64(len(post)))
	w.prev = key
	w.nkeys++
	w.write(post)
}

// finish writes the tables and the footer, syncs, and gives the file its name.
func (w *segWriter) finish(docs []docInfo, ranges []segRange) (int64, error) {
	var offs [4]uint64
	offs[0] = w.off
	var b []byte
	for _, d := range docs {
		b = binary.LittleEndian.AppendUint32(b[:0], d.date)
		for _, n := range d.len {
			b = binary.LittleEndian.AppendUint32(b, n)
		}
		w.write(b)
	}
	offs[1] = w.off
	w.write(w.keys)
	offs[2] = w.off
	w.write(w.index)
	offs[3] = w.off
	b = binary.LittleEndian.AppendUint32(b[:0], uint32(len(ranges)))
	for _, r := range ranges {
		b = append(b, byte(len(r.src)))
		b = append(b, r.src...)
		b = binary.LittleEndian.AppendUint32(b, r.first)
		b = binary.LittleEndian.AppendUint32(b, r.n)
	}
	for _, o := range offs {
		b = binary.LittleEndian.AppendUint64(b, o)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(docs)))
	b = binary.LittleEndian.AppendUint32(b, w.nkeys)
	b = append(b, segMagic...)
	w.write(b)
	size := int64(w.off)
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err == nil {
		w.err = w.f.Sync()
	}
	if err := w.f.Close(); w.err == nil {
		w.err = err
	}
	if w.err == nil {
		w.err = os.Rename(w.path+".tmp", w.path)
	}
	if w.err != nil {
		os.Remove(w.path + ".tmp")
	}
	return size, w.err
}

func (w *segWriter) abort() {
	w.f.Close()
	os.Remove(w.path + ".tmp")
}

// write saves the builder as a segment file.
func (b *segBuilder) write(path string) (int64, error) {
	for i := range b.posts {
		b.posts[i].flush()
	}
	keys := make([]uint64, 0, len(b.keys))
	for k := range b.keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w, err := createSegment(path)
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		p := &b.posts[b.keys[k]]
		w.key(k, p.df, p.buf)
	}
	return w.finish(b.docs, b.ranges)
}

var errBadSegment = errors.New("damaged index segment")

// segment is an open segment file.
type segment struct {
	name   string
	size   int64
	f      *os.File
	m      mmap.MMap
	docs   []byte // n * 16
	keys   []byte
	index  []byte // blocks * 20
	n      uint32
	nkeys  uint32
	ranges []segRange
	sumLen [nFields]float64
	dead   []uint64 // bit per article of a removed source; nil when none
}

func openSegment(path, name string) (*segment, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.Size() < int64(len(segMagic)+segFoot) {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, errBadSegment)
	}
	m, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		f.Close()
		return nil, err
	}
	s := &segment{name: name, f: f, m: m}
	if err := s.parse(); err != nil {
		s.close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func (s *segment) parse() error {
	m := s.m
	end := uint64(len(m))
	if string(m[:4]) != segMagic || string(m[end-4:]) != segMagic {
		return errBadSegment
	}
	foot := m[end-segFoot:]
	var offs [4]uint64
	for i := range offs {
		offs[i] = binary.LittleEndian.Uint64(foot[i*8:])
	}
	s.n = binary.LittleEndian.Uint32(foot[32:])
	s.nkeys = binary.LittleEndian.Uint32(foot[36:])
	tail := end - segFoot
	if !(4 <= offs[0] && offs[0] <= offs[1] && offs[1] <= offs[2] && offs[2] <= offs[3] && offs[3] <= tail) {
		return errBadSegment
	}
	blocks := (uint64(s.nkeys) + keyBlock - 1) / keyBlock
	if offs[1]-offs[0] != uint64(s.n)*16 || offs[3]-offs[2] != blocks*20 {
		return errBadSegment
	}
	s.docs, s.keys, s.index = m[offs[0]:offs[1]], m[offs[1]:offs[2]], m[offs[2]:offs[3]]
	r := m[offs[3]:tail]
	if len(r) < 4 {
		return errBadSegment
	}
	nr := binary.LittleEndian.Uint32(r)
	r = r[4:]
	var start uint32
	for i := uint32(0); i < nr; i++ {
		if len(r) < 1 || len(r) < 1+int(r[0])+8 {
			return errBadSegment
		}
		k := int(r[0])
		sr := segRange{src: string(r[1 : 1+k]), first: binary.LittleEndian.Uint32(r[1+k:]), n: binary.LittleEndian.Uint32(r[5+k:]), start: start}
		if sr.n > s.n-start || sr.first > math.MaxUint32-sr.n {
			return errBadSegment
		}
		start += sr.n
		s.ranges = append(s.ranges, sr)
		r = r[9+k:]
	}
	if start != s.n || len(r) != 0 {
		return errBadSegment
	}
	for d := uint32(0); d < s.n; d++ {
		for f := range nFields {
			s.sumLen[f] += float64(binary.LittleEndian.Uint32(s.docs[d*16+4+uint32(f)*4:]))
		}
	}
	return nil
}

func (s *segment) close() {
	if s.m != nil {
		s.m.Unmap()
	}
	s.f.Close()
}

func (s *segment) date(d uint32) int { return int(binary.LittleEndian.Uint32(s.docs[d*16:])) }

func (s *segment) length(d uint32, f int) float64 {
	return float64(binary.LittleEndian.Uint32(s.docs[d*16+4+uint32(f)*4:]))
}

// lookup returns a key's article count and encoded postings (nil when absent).
func (s *segment) lookup(key uint64) (uint32, []byte) {
	blocks := len(s.index) / 20
	// the last block whose first key is <= key
	b := sortSearch(blocks, func(i int) bool { return binary.LittleEndian.Uint64(s.index[i*20:]) > key }) - 1
	if b < 0 {
		return 0, nil
	}
	end := (uint32(b) + 1) * keyBlock
	it := keyIter{s: s, k: uint32(b) * keyBlock}
	for it.next(); it.ok && it.k <= end && it.key <= key; it.next() {
		if it.key == key {
			return it.df, it.post
		}
	}
	return 0, nil
}

func sortSearch(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// decode appends a postings list's articles (and counts, when tfs is not
// nil) to docs. Entries past the segment's articles (a damaged file) end it.
func (s *segment) decode(post []byte, docs []uint32, tfs *[]uint32) []uint32 {
	var d uint32
	for i := 0; len(post) > 0; i++ {
		v, k := binary.Uvarint(post)
		if k <= 0 {
			break
		}
		post = post[k:]
		tf := uint64(1)
		if v&1 == 1 {
			if tf, k = binary.Uvarint(post); k <= 0 {
				break
			}
			post = post[k:]
		}
		if i == 0 {
			d = uint32(v >> 1)
		} else {
			d += uint32(v >> 1)
		}
		if d >= s.n {
			break
		}
		docs = append(docs, d)
		if tfs != nil {
			*tfs = append(*tfs, uint32(min(tf, math.MaxUint32)))
		}
	}
	return docs
}

// isDead reports whether article d belongs to a source since removed.
func (s *segment) isDead(d uint32) bool {
	return s.dead != nil && s.dead[d/64]&(1<<(d%64)) != 0
}

// setLive marks the ranges of sources no longer in the library as dead.
func (s *segment) setLive(live map[string]bool) (liveDocs int) {
	s.dead = nil
	for i := range s.ranges {
		r := &s.ranges[i]
		r.dead = !live[r.src]
		if !r.dead {
			liveDocs += int(r.n)
			continue
		}
		if s.dead == nil {
			s.dead = make([]uint64, (s.n+63)/64)
		}
		for d := r.start; d < r.start+r.n; d++ {
			s.dead[d/64] |= 1 << (d % 64)
		}
	}
	return liveDocs
}

// rangeOf returns the range holding local article d.
func (s *segment) rangeOf(d uint32) *segRange {
	k := sortSearch(len(s.ranges), func(i int) bool { return s.ranges[i].start > d }) - 1
	if k < 0 {
		return nil
	}
	return &s.ranges[k]
}

// mergeSegments writes one segment holding the live articles of segs.
func mergeSegments(path string, segs []*segment) (int64, error) {
	// New local numbers: live ranges in order, dead ones dropped.
	base := make([][]int64, len(segs)) // per segment, per old article: new number or -1
	var docs []docInfo
	var ranges []segRange
	for i, s := range segs {
		base[i] = make([]int64, s.n)
		for _, r := range s.ranges {
			for d := r.start; d < r.start+r.n; d++ {
				base[i][d] = -1
			}
			if r.dead {
				continue
			}
			ranges = append(ranges, segRange{src: r.src, first: r.first, n: r.n, start: uint32(len(docs))})
			for d := r.start; d < r.start+r.n; d++ {
				base[i][d] = int64(len(docs))
				var info docInfo
				info.date = binary.LittleEndian.Uint32(s.docs[d*16:])
				for f := range nFields {
					info.len[f] = binary.LittleEndian.Uint32(s.docs[d*16+4+uint32(f)*4:])
				}
				docs = append(docs, info)
			}
		}
	}
	w, err := createSegment(path)
	if err != nil {
		return 0, err
	}
	its := make([]keyIter, len(segs))
	for i, s := range segs {
		its[i] = keyIter{s: s}
		its[i].next()
	}
	var p posting
	var ds, tfs []uint32
	for {
		key, any := uint64(math.MaxUint64), false
		for i := range its {
			if its[i].ok && its[i].key <= key {
				key, any = its[i].key, true
			}
		}
		if !any {
			break
		}
		p = posting{buf: p.buf[:0]}
		for i := range its {
			it := &its[i]
			if !it.ok || it.key != key {
				continue
			}
			tfs = tfs[:0]
			ds = it.s.decode(it.post, ds[:0], &tfs)
			for j, d := range ds {
				if nd := base[i][d]; nd >= 0 {
					p.flush()
					p.last, p.tf, p.open = uint32(nd), tfs[j], true
					p.df++
				}
			}
			it.next()
		}
		p.flush()
		if p.df > 0 {
			w.key(key, p.df, p.buf)
		}
	}
	for i := range its { // a damaged key block ends a walk early: merge nothing then
		if its[i].k < its[i].s.nkeys && w.err == nil {
			w.err = fmt.Errorf("%s: %w (key %d of %d unreadable)", segs[i].name, errBadSegment, its[i].k, its[i].s.nkeys)
		}
	}
	if w.err != nil {
		w.abort()
		return 0, w.err
	}
	return w.finish(docs, ranges)
}

// keyIter walks a segment's keys in order, from the start of a block.
type keyIter struct {
	s    *segment
	k    uint32 // keys read
	p    []byte // the rest of the current block
	po   uint64
	ok   bool
	key  uint64
	df   uint32
	post []byte
}

func (it *keyIter) next() {
	s := it.s
	it.ok = false
	if it.k >= s.nkeys {
		return
	}
	first := it.k%keyBlock == 0
	if first {
		e := s.index[int(it.k/keyBlock)*20:]
		it.key = binary.LittleEndian.Uint64(e)
		ko := uint64(binary.LittleEndian.Uint32(e[8:]))
		it.po = binary.LittleEndian.Uint64(e[12:])
		if ko > uint64(len(s.keys)) {
			return
		}
		it.p = s.keys[ko:]
	}
	gap, a := binary.Uvarint(it.p)
	df, c := binary.Uvarint(it.p[max(a, 0):])
	n, e := binary.Uvarint(it.p[max(a+c, 0):])
	if a <= 0 || c <= 0 || e <= 0 || it.po > uint64(len(s.m)) || n > uint64(len(s.m))-it.po {
		return
	}
	it.p = it.p[a+c+e:]
	if !first {
		it.key += gap
	}
	it.df = uint32(df)
	it.post = s.m[it.po : it.po+n]
	it.po += n
	it.k++
	it.ok = true
}
