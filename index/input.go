package index

// The inputs of an import: which files, how they are read, and how an article
// becomes what the library stores.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"

	"baosou/index/article"
	"baosou/index/fold"
	"baosou/index/pages"

	"github.com/klauspost/compress/zstd"
)

// importExts are the files a folder import picks up; a file named explicitly is tried whatever its name.
var importExts = func() map[string]bool {
	m := map[string]bool{".txt": true, ".text": true, ".jsonl": true, ".ndjson": true}
	for _, e := range pages.Extensions() {
		m[e] = true
	}
	return m
}()

// articlesOf reads a file as the kind it is (JSON Lines, a PDF or image,
// else page text) and calls add with each of its articles and whether its
// text was recognised by OCR.
func (l *Library) articlesOf(ctx context.Context, src *Source, data []byte, p *progress, add func(article.Article, bool) error) ([]FileError, error) {
	opt := article.Options{Name: src.Name, Year: src.Year}
	plain := func(a article.Article) error { return add(a, false) }
	switch {
	case isJSONL(src.Name):
		src.Encoding = "UTF-8"
		ws, err := article.ParseJSONL(&countingReader{r: bytes.NewReader(data), n: p.parsing}, opt, plain)
		return warningsOf(ws), err
	case pages.Detect(src.Name, data) != pages.KindText:
		return l.scanArticles(ctx, src, data, opt, p, add)
	}
	if n, line := longestLine(data); n > maxLineBytes {
		return nil, &inputError{code: CodeLongLine, detail: fmt.Sprint(line),
			msg: fmt.Sprintf("line %d is %.1f MB long with no line break: this is not page text; split it into paragraphs, or convert it to .jsonl", line, float64(n)/(1<<20))}
	}
	page, err := article.Parse(data, opt)
	src.Encoding = page.Encoding
	for i := 0; err == nil && i < len(page.Articles); i++ {
		err = plain(page.Articles[i])
	}
	return warningsOf(page.Warnings), err
}

// warningsOf turns the parser's warnings into the report's.
func warningsOf(ws []article.Warning) []FileError {
	out := make([]FileError, len(ws))
	for i, w := range ws {
		out[i] = FileError{Code: w.Code, Detail: w.Detail, Err: w.String()}
	}
	return out
}

// collectFiles expands folders (without following symbolic links, so a link
// loop cannot trap it) and reports paths that cannot be read.
func collectFiles(paths []string) (files []string, failed []FileError) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			failed = append(failed, fileError(p, describe(err)))
			continue
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				failed = append(failed, fileError(p, &inputError{code: CodeNotRegular, msg: "not a regular file (a pipe, device or socket)"}))
				continue
			}
			files = append(files, p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, fileError(path, describe(err)))
				return nil
			}
			if !importExts[strings.ToLower(filepath.Ext(path))] {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				failed = append(failed, fileError(path, &inputError{code: CodeSymlink, msg: "a symbolic link inside a folder is not followed; import its target directly"}))
			} else if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
	}
	return files, failed
}

// describe words an error of reading an input as the user needs it.
func describe(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &inputError{code: CodeNotFound, msg: "no such file or folder"}
	case errors.Is(err, fs.ErrPermission):
		return &inputError{code: CodePermission, msg: "permission denied"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &inputError{code: CodeOther, msg: pe.Err.Error()}
	}
	return err
}

func readSource(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, describe(err)
	}
	return b, nil
}

// inputError is why one input could not be imported, with its code (see
// FileError) for a message in the app's language.
type inputError struct {
	code, detail, msg string
}

func (e *inputError) Error() string { return e.msg }

// fileError reports err about the input at path.
func fileError(path string, err error) FileError {
	fe := FileError{Path: path, Err: err.Error(), Code: CodeOther}
	var ie *inputError
	switch {
	case errors.As(err, &ie):
		fe.Code, fe.Detail = ie.code, ie.detail
	case errors.Is(err, article.ErrNotText):
		fe.Code = CodeNotText
	case errors.Is(err, article.ErrEncoding):
		fe.Code = CodeEncoding
	case errors.Is(err, article.ErrEmpty):
		fe.Code = CodeEmpty
	}
	return fe
}

// writeError is a failure to write the library's own files, worded so
// that the user knows it is the disk, not the input.
func writeError(err error) error {
	var ie *inputError
	if errors.As(err, &ie) && (ie.code == CodeWrite || ie.code == CodeNoSpace) {
		return err
	}
	code := CodeWrite
	if isNoSpace(err) {
		code = CodeNoSpace
	}
	return &inputError{code: code, detail: err.Error(), msg: "cannot write to the library: " + err.Error()}
}

// isNoSpace recognises a full disk, also where Bleve reports it as text.
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "no space left on device")
}

// maxLineBytes bounds one line of page text. No newspaper paragraph comes
// near it; a file of random text without line breaks would make a single
// article of millions of distinct character pairs, which costs gigabytes
// of memory to index, so it is refused with a clear message instead.
const maxLineBytes = 4 << 20

// longestLine returns the length of the longest line of data and its number.
func longestLine(data []byte) (n, line int) {
	for i := 1; len(data) > 0; i++ {
		k := bytes.IndexByte(data, '\n')
		if k < 0 {
			k = len(data)
		}
		if k > n {
			n, line = k, i
		}
		data = data[min(k+1, len(data)):]
	}
	return n, line
}

// maxArticleBytes bounds the body of one stored article. A longer text is
// kept as numbered parts, so that no search has to read, fold or show
// megabytes to display one hit. 1 MB: the benchmark corpus has documents of
// more than 512 KB, and a split document counts twice in a total.
const maxArticleBytes = 1 << 20

// splitArticle cuts an article whose body is longer than max bytes into
// parts at paragraph ends where it can, else inside a paragraph at a
// character boundary. Each part is titled "title (k/n)".
func splitArticle(a article.Article, max int) []article.Article {
	if len(a.Body()) <= max {
		return []article.Article{a}
	}
	var parts [][]string
	var cur []string
	size := 0
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, cur)
			cur, size = nil, 0
		}
	}
	for _, p := range a.Paragraphs {
		for len(p) > max {
			k := max
			for k > 0 && !utf8.RuneStart(p[k]) {
				k--
			}
			flush()
			parts = append(parts, []string{p[:k]})
			p = p[k:]
		}
		if size+len(p) > max {
			flush()
		}
		cur = append(cur, p)
		size += len(p) + 1
	}
	flush()
	out := make([]article.Article, len(parts))
	for i, ps := range parts {
		out[i] = a
		out[i].Paragraphs = ps
		out[i].Title = fmt.Sprintf("%s (%d/%d)", a.Title, i+1, len(parts))
	}
	return out
}

func isJSONL(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".jsonl" || ext == ".ndjson"
}

// prepare computes an article's search forms, stored form and content hash.
func prepare(a article.Article) (docText, storedDoc, [8]byte) {
	// The kicker and subtitle are searched with the headline.
	t := docText{
		Title:    []byte(fold.String(strings.Join(nonEmpty(a.Kicker, a.Title, a.Subtitle), "\n"))),
		Body:     []byte(fold.String(a.Body())),
		Reporter: []byte(fold.String(a.Reporter)),
	}
	if a.Date.Year > 0 {
		t.Date = a.Date.Year*10000 + a.Date.Month*100 + a.Date.Day
	}
	d := storedDoc{Title: a.Title, TitleDerived: a.TitleDerived, Date: a.Date.String(), Reporter: a.Reporter,
		Photographer: a.Photographer, Kind: string(a.Kind), Source: a.Source, Body: a.Body(),
		Published: a.Published.String(), Section: a.Section, Newspaper: a.Newspaper,
		Contributors: strings.Join(a.Contributors, "\n"), Place: a.Place, Agency: a.Agency,
		Kicker: a.Kicker, Subtitle: a.Subtitle}
	if a.Page > 0 {
		d.Page = strconv.Itoa(a.Page)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", d.Kind, d.Date)
	h.Write(t.Title)
	h.Write([]byte{0})
	h.Write(t.Body)
	var sum [8]byte
	copy(sum[:], h.Sum(nil))
	return t, d, sum
}

// nonEmpty returns the strings that are not "".
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// copyEncoders compress source copies: streamed with a bounded window
// (compressing a 90 MB file whole held about as much again in history
// buffers), and kept for the next file (making one per file was half the
// time of importing a small one).
var copyEncoders = sync.Pool{New: func() any {
	zw, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1),
		zstd.WithWindowSize(4<<20), zstd.WithLowerEncoderMem(true))
	return zw
}}

// writeCompressed writes a source copy (zstd) under path, whole or not at all.
func writeCompressed(path string, data []byte) error {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return writeError(err)
	}
	zw := copyEncoders.Get().(*zstd.Encoder)
	zw.Reset(f)
	_, err = zw.Write(data)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	copyEncoders.Put(zw)
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
		return writeError(err)
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
