package index

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"unicode/utf8"

	"baosou/index/fold"

	"github.com/blevesearch/mmap-go"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
)

// A docs file holds the articles of one source, written once and then only read:
//
//	record*  (one per article)
//	offsets  uint64 * n, the start of each record
//	hashes   [8]byte * n, each article's content hash, for duplicate checks
//	n        uint32
//	magic    "BSD4"
//
// Each record is the date (uint32 yyyymmdd, 0 when unknown), the length of
// its search forms (uint32), then two uint32-length-prefixed blobs:
//
//   - the search forms: the title's and the reporter's (uvarint-length-
//     prefixed), the body's length (uvarint), then the body in chunks of
//     formChunk bytes, each uvarint(length), uvarint(compressed length) and
//     an LZ4 block;
//   - a zstd frame of the displayed article (storedDoc) without its body,
//     then one byte and the body: 0 and its fold.Diff against the body's
//     search form, or 1 and the body itself (a text Diff cannot give back).
//
// Searches read the search forms of every candidate they check, and LZ4
// decodes about five times faster than zstd; in chunks, a check can stop at
// its first match instead of decoding a long article whole. The body is kept
// once: the displayed text is rebuilt from the search form, which it mostly
// equals. Plain search forms beside the article (BSD2) made docs/ 1.5x the
// text; LZ4 search forms beside a zstd article (BSD3), 1.4x.
const storeMagic = "BSD6"

// formChunk is the size of the body's search form in one LZ4 block.
const formChunk = 8 << 10

const (
	bodyDiff = 0
	bodyText = 1
)

// storedDoc is the displayed article as kept in a docs file: its fields as
// uvarint-length-prefixed strings in this order, then the flags as one byte
// (1 TitleDerived, 2 OCR). Not JSON: decoding JSON was a third of the time
// of a search.
type storedDoc struct {
	Title        string
	Date         string
	Reporter     string
	Photographer string
	Kind         string
	Source       string // the publication named by a .jsonl record
	Published    string // the page's date, like Date
	Page         string // the page number, "" when unknown
	Section      string
	Newspaper    string // from the masthead
	Contributors string // one a line
	Place        string
	Agency       string
	Kicker       string // 引题
	Subtitle     string // 副题
	Body         string // the paragraphs joined by "\n", kept after the rest as a fold.Diff (see add)
	TitleDerived bool
	OCR          bool
}

func (d *storedDoc) fields() []*string {
	return []*string{&d.Title, &d.Date, &d.Reporter, &d.Photographer, &d.Kind, &d.Source,
		&d.Published, &d.Page, &d.Section, &d.Newspaper, &d.Contributors, &d.Place, &d.Agency,
		&d.Kicker, &d.Subtitle, &d.Body}
}

func (d *storedDoc) marshal(b []byte) []byte {
	for _, f := range d.fields() {
		b = binary.AppendUvarint(b, uint64(len(*f)))
		b = append(b, *f...)
	}
	var flags byte
	if d.TitleDerived {
		flags |= 1
	}
	if d.OCR {
		flags |= 2
	}
	return append(b, flags)
}

// unmarshal reads what marshal wrote and returns what follows it.
func (d *storedDoc) unmarshal(b []byte) ([]byte, error) {
	for _, f := range d.fields() {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, errBadStore
		}
		*f = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	if len(b) < 1 {
		return nil, errBadStore
	}
	d.TitleDerived, d.OCR = b[0]&1 != 0, b[0]&2 != 0
	return b[1:], nil
}

var (
	zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
)

// storeWriter writes a docs file; nothing is visible under the final name until finish.
type storeWriter struct {
	path    string
	f       *os.File
	w       *bufio.Writer
	off     uint64
	offsets []uint64
	hashes  [][8]byte
	scratch []byte
	meta    []byte
	lz      lz4.CompressorHC // HC: 8% smaller search forms than the fast mode, decoded as fast; 1.5 s more CPU for the benchmark corpus
}

func createStore(path string) (*storeWriter, error) {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, err
	}
	return &storeWriter{path: path, f: f, w: bufio.NewWriterSize(f, 1<<20), lz: lz4.CompressorHC{Level: lz4.Level9}}, nil
}

func (s *storeWriter) add(t *docText, d *storedDoc, hash [8]byte) error {
	s.meta = s.meta[:0]
	for _, b := range [][]byte{t.Title, t.Reporter} {
		s.meta = binary.AppendUvarint(s.meta, uint64(len(b)))
		s.meta = append(s.meta, b...)
	}
	s.meta = binary.AppendUvarint(s.meta, uint64(len(t.Body)))
	if n := lz4.CompressBlockBound(formChunk); cap(s.scratch) < n {
		s.scratch = make([]byte, n)
	}
	for body := t.Body; len(body) > 0; {
		k := min(len(body), formChunk)
		for k < len(body) && !utf8.RuneStart(body[k]) {
			k-- // a chunk ends between runes
		}
		n, err := s.lz.CompressBlock(body[:k], s.scratch[:cap(s.scratch)])
		if err != nil {
			return err
		}
		s.meta = binary.AppendUvarint(s.meta, uint64(k))
		s.meta = binary.AppendUvarint(s.meta, uint64(n))
		s.meta = append(s.meta, s.scratch[:n]...)
		body = body[k:]
	}
	s.offsets = append(s.offsets, s.off)
	s.hashes = append(s.hashes, hash)
	var head [8]byte
	binary.LittleEndian.PutUint32(head[:], uint32(t.Date))
	binary.LittleEndian.PutUint32(head[4:], uint32(len(t.Title)+len(t.Body)+len(t.Reporter)))
	s.w.Write(head[:])
	s.off += 8
	if err := s.blob(s.meta); err != nil {
		return err
	}
	meta := *d
	meta.Body = ""
	s.meta = meta.marshal(s.meta[:0])
	k := len(s.meta)
	s.meta = fold.Diff(append(s.meta, bodyDiff), d.Body)
	if back, err := fold.Undiff(string(t.Body), s.meta[k+1:]); err != nil || back != d.Body {
		s.meta = append(append(s.meta[:k], bodyText), d.Body...)
	}
	s.scratch = zenc.EncodeAll(s.meta, s.scratch[:0])
	return s.blob(s.scratch)
}

func (s *storeWriter) blob(b []byte) error {
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(b)))
	s.w.Write(n[:])
	_, err := s.w.Write(b)
	s.off += uint64(4 + len(b))
	return err
}

// finish writes the footer, syncs the file and gives it its final name.
func (s *storeWriter) finish() error {
	var b [8]byte
	for _, o := range s.offsets {
		binary.LittleEndian.PutUint64(b[:], o)
		s.w.Write(b[:])
	}
	for _, h := range s.hashes {
		s.w.Write(h[:])
	}
	binary.LittleEndian.PutUint32(b[:4], uint32(len(s.offsets)))
	s.w.Write(b[:4])
	s.w.WriteString(storeMagic)
	if err := s.w.Flush(); err != nil {
		s.abort()
		return err
	}
	if err := s.f.Sync(); err != nil {
		s.abort()
		return err
	}
	if err := s.f.Close(); err != nil {
		os.Remove(s.path + ".tmp")
		return err
	}
	return os.Rename(s.path+".tmp", s.path)
}

func (s *storeWriter) abort() {
	s.f.Close()
	os.Remove(s.path + ".tmp")
}

// storeReader reads a finished docs file through a memory map.
type storeReader struct {
	f       *os.File
	m       mmap.MMap
	offsets []byte // n * uint64
	hashes  []byte // n * 8
	n       int
}

var errBadStore = errors.New("damaged docs file")

func openStore(path string) (*storeReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.Size() < 8 {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, errBadStore)
	}
	m, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		f.Close()
		return nil, err
	}
	r := &storeReader{f: f, m: m}
	if err := r.footer(); err != nil {
		r.close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

func (r *storeReader) footer() error {
	m := r.m
	if string(m[len(m)-4:]) != storeMagic {
		return errBadStore
	}
	n := int(binary.LittleEndian.Uint32(m[len(m)-8:]))
	foot := n*16 + 8
	if n < 0 || foot > len(m) {
		return errBadStore
	}
	r.n = n
	r.offsets = m[len(m)-foot : len(m)-foot+n*8]
	r.hashes = m[len(m)-foot+n*8 : len(m)-8]
	return nil
}

func (r *storeReader) close() {
	if r.m != nil {
		r.m.Unmap()
	}
	r.f.Close()
}

func (r *storeReader) hash(i int) (h [8]byte) {
	copy(h[:], r.hashes[i*8:])
	return h
}

// record returns the date, the search-form length and the two blobs of record i, without copying.
func (r *storeReader) record(i int) (date, formLen int, forms, doc []byte, err error) {
	if i < 0 || i >= r.n {
		return 0, 0, nil, nil, ErrNotFound
	}
	off := binary.LittleEndian.Uint64(r.offsets[i*8:])
	end := uint64(len(r.m))
	if off > end || end-off < 8 {
		return 0, 0, nil, nil, errBadStore
	}
	date = int(binary.LittleEndian.Uint32(r.m[off:]))
	formLen = int(binary.LittleEndian.Uint32(r.m[off+4:]))
	off += 8
	var blobs [2][]byte
	for k := range blobs {
		if end-off < 4 {
			return 0, 0, nil, nil, errBadStore
		}
		n := uint64(binary.LittleEndian.Uint32(r.m[off:]))
		off += 4
		if n > end-off {
			return 0, 0, nil, nil, errBadStore
		}
		blobs[k] = r.m[off : off+n]
		off += n
	}
	return date, formLen, blobs[0], blobs[1], nil
}

// docText is an article's search forms (see package fold). Its body may be
// read in part (see forms): more reads on.
type docText struct {
	Title, Body, Reporter []byte
	Date                  int    // yyyymmdd, 0 when the year or the date is unknown
	chunks                []byte // the body's chunks not yet decoded
}

// forms reads the search forms of record i but the body's, which more,
// whole and find decode into buf (grown as needed and returned). t's slices point
// into buf and the file's memory.
func (r *storeReader) forms(i int, buf []byte) (t docText, out []byte, err error) {
	date, n, forms, _, err := r.record(i)
	if err != nil {
		return t, buf, err
	}
	if n > maxFormBytes {
		return t, buf, errBadStore
	}
	t.Date = date
	for _, f := range []*[]byte{&t.Title, &t.Reporter} {
		k, w := binary.Uvarint(forms)
		if w <= 0 || uint64(len(forms)-w) < k {
			return t, buf, errBadStore
		}
		*f = forms[w : w+int(k) : w+int(k)]
		forms = forms[w+int(k):]
	}
	bodyLen, w := binary.Uvarint(forms)
	if w <= 0 || bodyLen > uint64(n) {
		return t, buf, errBadStore
	}
	if cap(buf) < int(bodyLen) {
		buf = make([]byte, 0, bodyLen)
	}
	t.Body, t.chunks = buf[:0:bodyLen], forms[w:]
	return t, buf, nil
}

// more decodes the body's next chunk onto t.Body; false when there was none.
func (t *docText) more() (bool, error) {
	if len(t.chunks) == 0 {
		return false, nil
	}
	raw, w := binary.Uvarint(t.chunks)
	if w <= 0 {
		return false, errBadStore
	}
	comp, w2 := binary.Uvarint(t.chunks[w:])
	start := w + w2
	if w2 <= 0 || uint64(len(t.chunks)-start) < comp || uint64(cap(t.Body)-len(t.Body)) < raw {
		return false, errBadStore
	}
	end := len(t.Body) + int(raw)
	if k, err := lz4.UncompressBlock(t.chunks[start:start+int(comp)], t.Body[len(t.Body):end]); err != nil || k != int(raw) {
		return false, errBadStore
	}
	t.Body, t.chunks = t.Body[:end], t.chunks[start+int(comp):]
	return true, nil
}

// whole decodes the rest of the body.
func (t *docText) whole() error {
	for {
		more, err := t.more()
		if err != nil || !more {
			return err
		}
	}
}

// find returns the byte offset in the body of the first match of any of
// needles, or -1, decoding the body only as far as that match.
func (t *docText) find(needles [][]byte) (int, error) {
	longest := 0
	for _, n := range needles {
		longest = max(longest, len(n))
	}
	from := 0
	for {
		first := -1
		for _, n := range needles {
			if k := bytes.Index(t.Body[from:], n); k >= 0 && (first < 0 || k < first) {
				first = k
			}
		}
		if first >= 0 {
			return from + first, nil
		}
		from = max(0, len(t.Body)-longest+1) // the next chunk may end a match this one began
		if more, err := t.more(); err != nil || !more {
			return -1, err
		}
	}
}

// meta decodes the displayed article of record i but its body, and returns
// what gives the body back: a fold.Diff against the body's search form, or
// the body itself (plain). It decodes into buf (grown as needed and
// returned), where body points.
func (r *storeReader) meta(i int, d *storedDoc, buf []byte) (body, out []byte, plain bool, err error) {
	_, _, _, doc, err := r.record(i)
	if err != nil {
		return nil, buf, false, err
	}
	meta, err := zdec.DecodeAll(doc, buf[:0])
	if err != nil {
		return nil, buf, false, fmt.Errorf("%w: %v", errBadStore, err)
	}
	rest, err := d.unmarshal(meta)
	if err != nil || len(rest) == 0 {
		return nil, meta, false, fmt.Errorf("%w: %v", errBadStore, err)
	}
	switch rest[0] {
	case bodyText:
		return rest[1:], meta, true, nil
	case bodyDiff:
		return rest[1:], meta, false, nil
	}
	return nil, meta, false, errBadStore
}

// read decodes the search forms of record i into buf (grown as needed and
// returned), and the displayed article when d is not nil. t's slices point
// into buf and the file's memory.
func (r *storeReader) read(i int, buf []byte, d *storedDoc) (t docText, out []byte, err error) {
	t, buf, err = r.forms(i, buf)
	if err == nil {
		err = t.whole()
	}
	if err != nil || d == nil {
		return t, buf, err
	}
	body, _, plain, err := r.meta(i, d, nil)
	switch {
	case err != nil:
	case plain:
		d.Body = string(body)
	default:
		if d.Body, err = fold.Undiff(string(t.Body), body); err != nil {
			err = fmt.Errorf("%w: %v", errBadStore, err)
		}
	}
	return t, buf, err
}

// maxFormBytes bounds the search forms of one record, so that a damaged
// length cannot ask for gigabytes: an article is at most maxArticleBytes of
// body, and folding can make text at most a few times longer (NFKC).
const maxFormBytes = 64 * maxArticleBytes

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
	for _, p := range []string{l.docsPath(id), l.docsPath(id) + ".tmp", l.sourcePath(id), l.sourcePath(id) + ".tmp", l.pagesPath(id), l.pagesPath(id) + ".tmp"} {
		os.Remove(p)
	}
	l.closeStore(id)
}
