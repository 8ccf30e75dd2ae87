package pages

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Kind is what a file holds, as far as importing goes.
type Kind int

// The kinds of file Detect tells apart.
const (
	KindText  Kind = iota // anything else: index/article decides whether it is page text
	KindPDF               // a PDF
	KindImage             // a PNG, JPEG or TIFF image (a scanned page)
)

func (k Kind) String() string {
	switch k {
	case KindPDF:
		return "PDF"
	case KindImage:
		return "image"
	}
	return "text"
}

// Extensions returns the file name extensions of PDFs and images, lower case
// with the dot, for picking files out of a folder.
func Extensions() []string {
	return []string{".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
}

// Detect tells a PDF or image from text by its first bytes; the name's
// extension decides only when the content is neither (so that a damaged
// report.pdf or a photo.jpg holding something else gets a PDF's or an image's
// error, not a text file's).
func Detect(name string, data []byte) Kind {
	switch {
	case isPDF(data):
		return KindPDF
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(data, []byte("\xff\xd8\xff")),
		bytes.HasPrefix(data, []byte("II*\x00")),
		bytes.HasPrefix(data, []byte("MM\x00*")):
		return KindImage
	}
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".pdf":
		return KindPDF
	case slices.Contains(Extensions(), ext):
		return KindImage
	}
	return KindText
}

// isPDF reports whether data holds a PDF header, %PDF-1.x or %PDF-2.x, in its
// first kilobyte (readers accept some junk before it).
func isPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	for {
		i := bytes.Index(head, []byte("%PDF-"))
		if i < 0 || i+5 >= len(head) {
			return false
		}
		if c := head[i+5]; c >= '1' && c <= '2' {
			return true
		}
		head = head[i+5:]
	}
}

// Page is the text of one printed page.
type Page struct {
	Number int    // the page's place in the PDF (1-based), or in a multi-page TIFF; 1 for an image
	Text   string // in the layout index/article.Parse reads (see the package doc); "" for a page without text
	OCR    bool   // the text was recognised from the page's image by Tesseract
}

// Options tune Read. The zero value reads with the defaults.
type Options struct {
	// Progress, when set, is called after each page with the pages done and
	// the pages in the file, from the goroutine that called Read.
	Progress func(done, total int)
	// Languages are Tesseract's languages for OCR: empty means {"chi_sim"};
	// {"chi_tra"} for papers printed in traditional characters.
	Languages []string
	// DPI is the resolution PDF pages without text are rendered at for OCR;
	// 0 means 200, which read the sample page best (see defaultDPI).
	DPI int
	// Recognised are pages of this same file OCR'd before (by an earlier
	// import, kept with the source): a page they hold is taken from them,
	// not recognised again, and needs no Tesseract. Text-layer pages are
	// always read afresh: it costs milliseconds.
	Recognised []Page
}

// The errors Read returns, inside an *Error; test for them with errors.Is.
var (
	ErrEncrypted = errors.New("the PDF is encrypted and needs a password")
	ErrDamaged   = errors.New("the PDF is damaged")
	ErrNoPages   = errors.New("the PDF has no pages")
	ErrNotImage  = errors.New("not a readable image")
	ErrNoOCR     = errors.New("Tesseract OCR or its language data is not installed")
	ErrNoPoppler = errors.New("poppler's PDF tools are not installed")
	ErrNotPage   = errors.New("neither a PDF nor an image")
	ErrOCR       = errors.New("Tesseract failed")
)

// The Debian packages Read needs: poppler for every PDF, Tesseract for pages
// without a text layer and for images.
const (
	popplerPackage = "poppler-utils"
	ocrPackages    = "tesseract-ocr tesseract-ocr-chi-sim"
)

// Error is what went wrong reading a file: one of the Err* sentinels, the
// variable part, and the pages it concerns when others were read.
type Error struct {
	Err    error  // ErrEncrypted, ErrDamaged, ErrNoPages, ErrNotImage, ErrNoOCR, ErrNoPoppler, ErrNotPage or ErrOCR
	Detail string // what the tool said; for ErrNoOCR and ErrNoPoppler the Debian packages to install
	Pages  []int  // the pages not read, when Read returned others; nil when it read none
}

func (e *Error) Error() string {
	s := e.Err.Error()
	if len(e.Pages) > 0 {
		s = fmt.Sprintf("%s; pages not read: %s", s, pageList(e.Pages))
	}
	switch {
	case errors.Is(e.Err, ErrNoOCR) || errors.Is(e.Err, ErrNoPoppler):
		s += "; install the Debian packages " + e.Detail
	case e.Detail != "":
		s += ": " + e.Detail
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// pageList writes 1, 2, 3, 7 as "1-3, 7".
func pageList(ps []int) string {
	var b strings.Builder
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", ps[i], ps[j])
		} else {
			fmt.Fprintf(&b, "%d", ps[i])
		}
		i = j + 1
	}
	return b.String()
}

// Read returns the text of each page of a PDF or image, in page order.
//
// A PDF page's text layer is read with poppler's pdftotext; a page without
// one (a scan), or with one that holds no usable text, is rendered with
// pdftoppm and recognised with Tesseract, as is an image. A text-layer PDF
// needs no Tesseract. Only one page's lines are held at a time, and the tools
// run as processes of their own, so memory stays small whatever the length
// of the file: the file itself, the text of its pages, one page's lines.
//
// Pages in opt.Recognised are not OCR'd again: an index that keeps each
// file's OCR'd pages with its source passes them back on a re-index.
//
// When ctx is cancelled Read kills the tool running and returns ctx.Err().
// When some pages could not be read (Tesseract missing, say) Read returns the
// others with an *Error listing the pages; with no pages, only the *Error.
func Read(ctx context.Context, name string, data []byte, opt Options) ([]Page, error) {
	kind := Detect(name, data)
	if kind == KindText {
		return nil, &Error{Err: ErrNotPage}
	}
	if kind == KindImage {
		if err := checkImage(data); err != nil {
			return nil, err
		}
	}
	f, err := os.CreateTemp("", "baosou-*"+strings.ToLower(filepath.Ext(name)))
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("cannot write a temporary copy: %w", err)
	}
	if kind == KindImage {
		return readImage(ctx, f.Name(), opt)
	}
	return readPDF(ctx, f.Name(), opt)
}
