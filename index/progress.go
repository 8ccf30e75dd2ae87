package index

import (
	"io"
	"os"
)

// progress turns an import's steps into ImportProgress reports. The bar
// moves by bytes of the files, within one big file too: a third for
// reading and parsing it, two thirds for indexing its articles.
type progress struct {
	report  func(ImportProgress)
	sizes   []int64
	total   int64
	done    int64 // bytes of the files committed (or failed)
	base    int64 // bytes of the files read since, before the current one
	cur     int64 // bytes of the current file
	read    int64 // of base+cur, parsed so far
	indexed int64 // of base+cur, indexed so far
	added   int   // articles committed before the group being indexed
	out     ImportProgress
}

func newProgress(files []string, report func(ImportProgress)) *progress {
	p := &progress{report: report, sizes: make([]int64, len(files))}
	for i, f := range files {
		if st, err := os.Stat(f); err == nil {
			p.sizes[i] = st.Size()
			p.total += st.Size()
		}
	}
	p.out.FilesTotal, p.out.BytesTotal = len(files), p.total
	return p
}

func (p *progress) send() {
	if p == nil || p.report == nil {
		return
	}
	p.out.BytesDone = min(p.done+p.read/3+p.indexed*2/3, p.total)
	p.report(p.out)
}

// file reports that file i is being read; articles have been added so far.
func (p *progress) file(i int, name string, articles int) {
	if p == nil {
		return
	}
	p.base += p.cur
	p.cur, p.read = p.sizes[i], p.base
	p.out.FilesRead, p.out.Current, p.out.Articles = i, name, articles
	p.out.Page, p.out.Pages = 0, 0
	p.added = articles
	p.send()
}

// parsing reports how many bytes of the current file have been parsed.
func (p *progress) parsing(n int64) {
	if p == nil {
		return
	}
	p.read = p.base + min(n, p.cur)
	p.send()
}

// scanning reports the pages of a PDF or image read so far: reading them
// (OCR above all) is what takes the time, so the bar moves with the pages.
func (p *progress) scanning(done, total int) {
	if p == nil {
		return
	}
	p.out.Page, p.out.Pages = done, total
	if total > 0 {
		p.read = p.base + p.cur*int64(done)/int64(total)
	}
	p.send()
}

// indexing reports articles indexed of the group being committed.
func (p *progress) indexing(articles, of int) {
	if p == nil || of == 0 {
		return
	}
	p.read = p.base + p.cur
	p.indexed = p.read * int64(min(articles, of)) / int64(of)
	p.out.Articles = p.added + articles
	p.send()
}

// committed reports that files 0..n-1 are in the library or failed.
func (p *progress) committed(n int) {
	if p == nil {
		return
	}
	p.done, p.base, p.cur, p.read, p.indexed = 0, 0, 0, 0, 0
	for _, s := range p.sizes[:n] {
		p.done += s
	}
	p.out.FilesDone, p.out.FilesRead = n, n
	p.send()
}

// step reports work after the files, such as merging the index.
func (p *progress) step(what string, articles int) {
	if p == nil {
		return
	}
	p.out.Current, p.out.Articles = what, articles
	p.committed(len(p.sizes))
}

func (p *progress) finish(articles int) { p.step("", articles) }

// countingReader tells n how many bytes have been read through it.
type countingReader struct {
	r    io.Reader
	read int64
	n    func(int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.read += int64(k)
	if c.n != nil {
		c.n(c.read)
	}
	return k, err
}
