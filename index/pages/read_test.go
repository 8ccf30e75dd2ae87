package pages

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"baosou/index/article"
)

// needPoppler fails the test when poppler-utils is missing: every PDF needs it.
func needPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: install the Debian package %s", tool, popplerPackage)
		}
	}
}

// needTesseract skips an OCR test where Tesseract or its Chinese data is
// missing.
func needTesseract(t testing.TB) {
	t.Helper()
	if _, err := languages(context.Background(), nil); err != nil {
		t.Skipf("OCR not tested: %v", err)
	}
}

// withoutTools runs the rest of the test with a PATH holding only the named
// tools, as on a machine where the others are not installed.
func withoutTools(t *testing.T, keep ...string) {
	dir := t.TempDir()
	for _, tool := range keep {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p, filepath.Join(dir, tool)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	resetLanguages(t)
}

// resetLanguages forgets the Tesseract languages found, now and after the test.
func resetLanguages(t *testing.T) {
	clear := func() {
		installed.Lock()
		installed.langs = nil
		installed.Unlock()
	}
	clear()
	t.Cleanup(clear)
}

// parseArticles cuts a page's text into articles as the import does.
func parseArticles(t testing.TB, text string) []article.Article {
	t.Helper()
	pg, err := article.Parse([]byte(text), article.Options{Year: 2020, Name: "seed.pdf"})
	if err != nil {
		t.Fatalf("article.Parse(page text) = %v\n%s", err, text)
	}
	return pg.Articles
}

func TestDetect(t *testing.T) {
	pdf := []byte("%PDF-1.4\n%...")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name string
		data []byte
		want Kind
	}{
		{"page.pdf", pdf, KindPDF},
		{"page.txt", pdf, KindPDF},                                      // the content decides
		{"page", append([]byte("junk\r\n"), pdf...), KindPDF},           // a header after some bytes
		{"page.pdf", []byte("<html>not a pdf</html>"), KindPDF},         // damaged: a PDF's error
		{"scan.png", png, KindImage},                                    //
		{"scan.pdf", png, KindImage},                                    // an image misnamed
		{"scan.JPG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), KindImage}, //
		{"scan.tif", []byte("II*\x00\x08\x00\x00\x00"), KindImage},      //
		{"scan.tiff", []byte("MM\x00*\x00\x00\x00\x08"), KindImage},     //
		{"photo.jpeg", []byte("本报讯 not a photo"), KindImage},            // not an image: an image's error
		{"page.txt", []byte("本报讯（记者郭树勋）"), KindText},                    //
		{"page.txt", nil, KindText},                                     //
	}
	for _, tt := range tests {
		if got := Detect(tt.name, tt.data); got != tt.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

// TestTextPDF reads the sample laid out as a newspaper page: the articles
// must come back exactly as from the sample's text, whether the PDF draws
// its frames in reading order or shuffled, and with columns two characters
// apart, one, or less (which poppler reads as one line).
func TestTextPDF(t *testing.T) {
	needPoppler(t)
	want := sample(t)
	for _, opt := range []pdfOptions{{inOrder: true}, {}, {gutter: 3}, {gutter: 2}, {hang: true}, {gutter: 3, hang: true}} {
		t.Run(fmt.Sprintf("inOrder %v gutter %vmm hang %v", opt.inOrder, cmp.Or(opt.gutter, gutter), opt.hang), func(t *testing.T) {
			pages, err := Read(context.Background(), "seed.pdf", newspaperPDF(t, opt), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 1 || pages[0].Number != 1 || pages[0].OCR {
				t.Fatalf("Read = %d pages, first %+v; want page 1, not OCR", len(pages), pages[0])
			}
			got := parseArticles(t, pages[0].Text)
			if len(got) != len(want) {
				t.Fatalf("%d articles, want %d; page text:\n%s", len(got), len(want), pages[0].Text)
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("article %d (%s): %s", i, want[i].Title, articleDiff(got[i], want[i]))
				}
			}
		})
	}
}

// articleDiff says where two articles first differ.
func articleDiff(got, want article.Article) string {
	if len(got.Paragraphs) != len(want.Paragraphs) {
		return fmt.Sprintf("%d paragraphs, want %d:\n%q\nwant\n%q", len(got.Paragraphs), len(want.Paragraphs), got.Paragraphs, want.Paragraphs)
	}
	for k := range got.Paragraphs {
		if got.Paragraphs[k] != want.Paragraphs[k] {
			return fmt.Sprintf("paragraph %d =\n%s\nwant\n%s", k, got.Paragraphs[k], want.Paragraphs[k])
		}
	}
	g, w := got, want
	g.Paragraphs, w.Paragraphs = nil, nil
	return fmt.Sprintf("\n%+v\nwant\n%+v", g, w)
}

// TestPagesAndProgress reads a three-page PDF: three pages numbered in
// order, progress after each.
func TestPagesAndProgress(t *testing.T) {
	needPoppler(t)
	var calls [][2]int
	pages, err := Read(context.Background(), "three.pdf", newspaperPDF(t, pdfOptions{pages: 3}), Options{
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		if p.Number != i+1 || p.Text != pages[0].Text {
			t.Errorf("page %d: Number %d, same text as page 1 %v", i+1, p.Number, p.Text == pages[0].Text)
		}
	}
	if want := [][2]int{{0, 3}, {1, 3}, {2, 3}, {3, 3}}; !reflect.DeepEqual(calls, want) || len(pages) != 3 {
		t.Errorf("%d pages, progress %v; want 3 pages, progress %v", len(pages), calls, want)
	}
}

// TestTextPDFWithoutTesseract: a text-layer PDF needs poppler only.
func TestTextPDFWithoutTesseract(t *testing.T) {
	needPoppler(t)
	withoutTools(t, "pdfinfo", "pdftotext", "pdftoppm")
	pages, err := Read(context.Background(), "seed.pdf", newspaperPDF(t, pdfOptions{}), Options{})
	if err != nil || len(pages) != 1 || len(parseArticles(t, pages[0].Text)) != len(sample(t)) {
		t.Fatalf("Read without Tesseract = %d pages, %v; want the sample's page", len(pages), err)
	}
}

// TestBadFiles: each bad file gets its own error, whose message says what
// is wrong.
func TestBadFiles(t *testing.T) {
	needPoppler(t)
	good := newspaperPDF(t, pdfOptions{})
	tests := []struct {
		name    string
		data    []byte
		want    error
		message string
	}{
		{"locked.pdf", newspaperPDF(t, pdfOptions{password: "secret"}), ErrEncrypted, "needs a password"},
		{"cut.pdf", good[:len(good)/3], ErrDamaged, "damaged"},
		{"junk.pdf", []byte("%PDF-1.4\nnot really a PDF\n"), ErrDamaged, "damaged"},
		{"html.pdf", []byte("<html>a web page saved as .pdf</html>"), ErrDamaged, "damaged"},
		{"empty.pdf", noPagesPDF(), ErrNoPages, "no pages"},
		{"photo.jpg", []byte("本报讯 this is text, not a photo"), ErrNotImage, "not a readable image"},
		{"cut.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), ErrNotImage, "not a readable image"},
		{"bomb.png", pngHeader(100000, 100000), ErrNotImage, "more than 150 million"},
		{"page.txt", []byte("本报讯（记者郭树勋）"), ErrNotPage, "neither a PDF nor an image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := Read(context.Background(), tt.name, tt.data, Options{})
			if !errors.Is(err, tt.want) || len(pages) != 0 {
				t.Fatalf("Read(%s) = %d pages, %v; want %v", tt.name, len(pages), err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Read(%s) error %q does not say %q", tt.name, err, tt.message)
			}
		})
	}
}

// TestOwnerPassword: a PDF with only an owner password (restrictions, no
// password to open) reads like any other.
func TestOwnerPassword(t *testing.T) {
	needPoppler(t)
	pages, err := Read(context.Background(), "restricted.pdf", newspaperPDF(t, pdfOptions{ownerOnly: true}), Options{})
	if err != nil || len(pages) != 1 || len(parseArticles(t, pages[0].Text)) != len(sample(t)) {
		t.Fatalf("Read(restricted.pdf) = %d pages, %v; want the sample's page", len(pages), err)
	}
}

// TestNoPoppler: without poppler a PDF is refused naming the package.
func TestNoPoppler(t *testing.T) {
	withoutTools(t)
	_, err := Read(context.Background(), "seed.pdf", []byte("%PDF-1.4\n"), Options{})
	if !errors.Is(err, ErrNoPoppler) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Fatalf("Read without poppler = %v; want ErrNoPoppler naming poppler-utils", err)
	}
}

// noPagesPDF is a well-formed PDF whose page tree is empty.
func noPagesPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"} {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	b.WriteString("xref\n0 3\n0000000000 65535 f \n")
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// pngHeader is the start of a grey PNG of w x h pixels: enough for its size
// to be read, as a decompression bomb's would be.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit grey, no interlace
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)-4))
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

// TestUsable: a page's text layer is OCR'd over when it holds too little
// text or what a font without a Unicode map gives.
func TestUsable(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{strings.Repeat("本报讯（记者郭树勋）2月24日下午，", 5), true},
		{"焦作日报 2020年2月28日 第3版", false}, // a scan's stamped header
		{"", false}, //
		{strings.Repeat("\ue000\ue001\ue002\ue003 ", 40), false},             // private-use codes
		{strings.Repeat("\ufffd\ufffd本报", 40), false},                        // mostly replacement characters
		{strings.Repeat("\ue000", 20) + strings.Repeat("示范区召开会议", 20), true}, // a few odd glyphs in real text
	}
	for _, tt := range tests {
		if got := usable(tt.text); got != tt.want {
			t.Errorf("usable(%.40q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestErrorText: the message names what is wrong, the pages left out and
// the packages to install.
func TestErrorText(t *testing.T) {
	err := error(&Error{Err: ErrNoOCR, Detail: ocrPackages, Pages: []int{2, 3, 4, 7}})
	want := "Tesseract OCR or its language data is not installed; pages not read: 2-4, 7; install the Debian packages tesseract-ocr tesseract-ocr-chi-sim"
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	err = &Error{Err: ErrDamaged, Detail: "Syntax Error: Couldn't read xref table"}
	if want := "the PDF is damaged: Syntax Error: Couldn't read xref table"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
}
