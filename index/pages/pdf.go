package pages

// PDFs through poppler-utils: pdfinfo for the page count and what is wrong
// with a file, pdftotext -bbox-layout for each page's lines and their boxes,
// pdftoppm to render a page without text for Tesseract.

import (
	"bufio"
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// pdfPage is one page of pdftotext's output: its size in points and its lines.
type pdfPage struct {
	width, height float64
	lines         []line
}

// readPDF reads every page of the PDF at path, OCR'ing those without text.
func readPDF(ctx context.Context, path string, opt Options) ([]Page, error) {
	total, err := pageCount(ctx, path)
	if err != nil {
		return nil, err
	}
	prog := &progress{fn: opt.Progress, total: total}
	prog.report()
	var out []Page
	var scans []scan
	err = eachPDFPage(ctx, path, func(n int, p pdfPage) {
		if text := pageText(p.lines); usable(text) {
			out = append(out, Page{Number: n, Text: text})
			prog.step()
		} else {
			scans = append(scans, scan{n, p.width, p.height})
		}
	})
	if err != nil {
		return nil, err
	}
	if len(scans) == 0 {
		return out, nil
	}
	return ocrPDF(ctx, path, scans, out, prog, opt)
}

// progress counts pages done for Options.Progress.
type progress struct {
	fn          func(done, total int)
	done, total int
}

func (p *progress) report() {
	if p.fn != nil {
		p.fn(p.done, p.total)
	}
}

func (p *progress) step() {
	p.done++
	p.report()
}

// scan is a PDF page to OCR: its number and size in points.
type scan struct {
	n             int
	width, height float64
}

// ocrPDF renders and recognises the pages in scans, adding them to out in
// page order. A page Tesseract fails on is left out and the rest go on; the
// *Error returned with the pages names those left out, all of them when
// Tesseract is not installed.
func ocrPDF(ctx context.Context, path string, scans []scan, out []Page, prog *progress, opt Options) ([]Page, error) {
	scans = slices.DeleteFunc(scans, func(s scan) bool {
		p, ok := recognised(opt, s.n)
		if ok {
			out = insert(out, p)
			prog.step()
		}
		return ok
	})
	if len(scans) == 0 {
		return out, nil
	}
	langs, err := languages(ctx, opt.Languages)
	if err != nil {
		return partial(out, scans, err)
	}
	var failed []scan
	var ferr error
	for i, s := range scans {
		dpi := renderDPI(opt.DPI, s.width, s.height)
		render := command(ctx, "pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-f", strconv.Itoa(s.n), "-l", strconv.Itoa(s.n), "-singlefile", path)
		pages, err := recognise(ctx, render, "stdin", langs, dpi)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.Is(err, ErrNoOCR): // uninstalled meanwhile
			return partial(out, append(failed, scans[i:]...), err)
		case err != nil:
			failed = append(failed, s)
			ferr = cmp.Or(ferr, err)
		default:
			text := ""
			if len(pages) > 0 {
				text = pages[0].Text
			}
			out = insert(out, Page{Number: s.n, Text: text, OCR: true})
		}
		prog.step()
	}
	if failed != nil {
		return partial(out, failed, ferr)
	}
	return out, nil
}

// recognised returns page n from opt.Recognised.
func recognised(opt Options, n int) (Page, bool) {
	for _, p := range opt.Recognised {
		if p.Number == n && p.OCR {
			return p, true
		}
	}
	return Page{}, false
}

// partial returns the pages read with err listing the scans left out, or
// just err when none were read.
func partial(out []Page, left []scan, err error) ([]Page, error) {
	if len(out) == 0 {
		return nil, err
	}
	var e *Error
	if errors.As(err, &e) {
		for _, s := range left {
			e.Pages = append(e.Pages, s.n)
		}
	}
	return out, err
}

// insert puts p into pages, which are in page order.
func insert(pages []Page, p Page) []Page {
	i := len(pages)
	for i > 0 && pages[i-1].Number > p.Number {
		i--
	}
	pages = append(pages, Page{})
	copy(pages[i+1:], pages[i:])
	pages[i] = p
	return pages
}

// maxPixels bounds a rendered page: a broadsheet at 200 DPI is about 14
// million pixels (14 MB grey); a poster-sized page is rendered coarser.
const maxPixels = 40e6

// defaultDPI renders pages for OCR. Measured on the sample page (8 pt body,
// 16 pt headlines) with chi_sim: 200 DPI 98.0% of characters right, every
// headline's start read; 250 DPI 97.8%; 300 DPI 97.7%, two headlines
// misread (示泄区, 王家鹏望奈问); 350 DPI 97.5%, three. Tesseract's peak
// memory grows with the image: 167 MB at 200 DPI, 235 MB at 300.
const defaultDPI = 200

// renderDPI is the resolution to render a page of w x h points at.
func renderDPI(dpi int, w, h float64) int {
	if dpi <= 0 {
		dpi = defaultDPI
	}
	if px := w / 72 * h / 72 * float64(dpi*dpi); px > maxPixels {
		dpi = int(float64(dpi) * math.Sqrt(maxPixels/px))
	}
	return max(dpi, 72)
}

// usable reports whether a page's text layer is worth keeping rather than
// OCR'ing the page: at least 50 letters or digits (more than a scan's stamped
// header or page number), not mostly what a font without a Unicode map
// extracts as (private-use and replacement characters, control codes).
func usable(text string) bool {
	good, bad := 0, 0
	for _, r := range text {
		switch {
		case r == unicode.ReplacementChar || unicode.In(r, unicode.Co) || (unicode.IsControl(r) && !unicode.IsSpace(r)):
			bad++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			good++
		}
	}
	return good >= 50 && bad*4 < good
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pageCount asks pdfinfo how many pages the PDF has, which also finds out
// whether it opens at all.
func pageCount(ctx context.Context, path string) (int, error) {
	cmd := command(ctx, "pdfinfo", path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, toolError(ctx, err, stderr.String())
	}
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		return 0, &Error{Err: ErrDamaged, Detail: "pdfinfo gave no page count"}
	}
	n, _ := strconv.Atoi(string(m[1]))
	if n == 0 {
		return 0, &Error{Err: ErrNoPages}
	}
	return n, nil
}

// toolError turns a poppler tool's failure into an *Error, or ctx's error
// when it was killed for a cancel.
func toolError(ctx context.Context, err error, stderr string) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, exec.ErrNotFound) {
		return &Error{Err: ErrNoPoppler, Detail: popplerPackage}
	}
	switch {
	case strings.Contains(stderr, "Incorrect password"):
		return &Error{Err: ErrEncrypted}
	case strings.Contains(stderr, "Invalid page count 0"), strings.Contains(stderr, "Wrong page range"):
		return &Error{Err: ErrNoPages}
	}
	return &Error{Err: ErrDamaged, Detail: firstLines(stderr, err)}
}

// firstLines is what a tool said: its first two distinct lines of errors, or
// how it ended.
func firstLines(stderr string, err error) string {
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && (len(keep) == 0 || keep[len(keep)-1] != l) {
			keep = append(keep, l)
		}
	}
	if len(keep) == 0 {
		return err.Error()
	}
	return strings.Join(keep[:min(len(keep), 2)], "; ")
}

// eachPDFPage streams pdftotext's word boxes and calls fn with each page as
// it comes, numbered from 1.
func eachPDFPage(ctx context.Context, path string, fn func(n int, p pdfPage)) error {
	cmd := command(ctx, "pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return toolError(ctx, err, "")
	}
	perr := decodeBBox(bufio.NewReaderSize(stdout, 64<<10), fn)
	if perr != nil {
		io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return toolError(ctx, err, stderr.String())
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if perr != nil {
		return &Error{Err: ErrDamaged, Detail: "pdftotext's output: " + perr.Error()}
	}
	return nil
}

// decodeBBox reads pdftotext -bbox-layout's XHTML: pages of flows of blocks
// of lines of words, each with its box. A line is cut where its words lie a
// column gutter apart: poppler joins the lines of columns set less than two
// characters apart into one.
func decodeBBox(r io.Reader, fn func(n int, p pdfPage)) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	var page pdfPage
	var words []line // the words of the line being read
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				page = pdfPage{width: attr(t, "width"), height: attr(t, "height")}
			case "line":
				words = words[:0]
			case "word":
				w := line{x0: attr(t, "xMin"), y0: attr(t, "yMin"), x1: attr(t, "xMax"), y1: attr(t, "yMax")}
				if cd, ok := d.Token(); ok == nil {
					if text, ok := cd.(xml.CharData); ok {
						w.text = string(text)
					}
				}
				words = append(words, unhang(w))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "line":
				page.lines = append(page.lines, cutLine(words)...)
			case "page":
				n++
				fn(n, page)
			}
		}
	}
}

// cutLine joins a line's words, left to right, into lines, cut where a gap
// as wide as a gutter lies between two words.
func cutLine(words []line) []line {
	var out []line
	for _, w := range words {
		if k := len(out) - 1; k >= 0 && w.x0-out[k].x1 < gutterGap*max(out[k].height(), w.height()) {
			out[k].x1 = max(out[k].x1, w.x1)
			out[k].y0, out[k].y1 = min(out[k].y0, w.y0), max(out[k].y1, w.y1)
			out[k].text += " " + w.text
			continue
		}
		out = append(out, w)
	}
	return out
}

// unhang takes a closing mark that ends a word of Chinese (a column's piece
// of a line) out of its box: typesetters hang it in the gutter, where its
// advance would close the gap to the next column. Chinese characters are
// all as wide, so the mark's share is the box over the characters.
func unhang(l line) line {
	r, _ := utf8.DecodeLastRuneInString(l.text)
	if n := utf8.RuneCountInString(l.text); n > 1 && strings.ContainsRune("，。、；：？！）》”’」』", r) {
		l.x1 -= (l.x1 - l.x0) / float64(n)
	}
	return l
}

func attr(t xml.StartElement, name string) float64 {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}

// command runs a tool that ctx kills; a killed tool's pipes are given up
// after a moment, so that a cancel returns within a second.
func command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = 200 * time.Millisecond
	return cmd
}
