package pages

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"baosou/index/fold"

	"github.com/agnivade/levenshtein"
)

// renderPNG renders page 1 of pdf to a grey PNG at dpi, as a scanner would
// give it.
func renderPNG(t testing.TB, pdf []byte, dpi int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-png", "-gray", "-r", strconv.Itoa(dpi), "-singlefile", path).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	return out
}

// accuracy is the share of want's characters OCR got right: one less the
// edit distance over want's length, white space removed from both.
func accuracy(got, want string) float64 {
	got = strings.Join(strings.Fields(got), "")
	return 1 - float64(levenshtein.ComputeDistance(got, want))/float64(len([]rune(want)))
}

// TestOCRImage recognises the sample page rendered to an image: at least 95%
// of its characters right, and every headline found by its first four
// characters.
func TestOCRImage(t *testing.T) {
	needPoppler(t)
	needTesseract(t)
	arts := sample(t)
	img := renderPNG(t, newspaperPDF(t, pdfOptions{}), scanDPI)
	start := time.Now()
	pages, err := Read(context.Background(), "seed.png", img, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Number != 1 || !pages[0].OCR {
		t.Fatalf("Read(seed.png) = %d pages, first %+v; want page 1 by OCR", len(pages), pages[0])
	}
	text := pages[0].Text
	acc := accuracy(text, printed(arts, 0))
	t.Logf("OCR of the sample page: %.1f%% of characters right in %v", 100*acc, time.Since(start).Round(time.Second))
	if acc < 0.95 {
		t.Errorf("OCR got %.1f%% of the characters right, want at least 95%%; text:\n%s", 100*acc, text)
	}
	found := fold.String(strings.Join(strings.Fields(text), ""))
	for _, a := range arts {
		if a.TitleDerived {
			continue
		}
		if head := string([]rune(fold.String(a.Title))[:4]); !strings.Contains(found, head) {
			t.Errorf("headline %s: %q not in the OCR text", a.Title, head)
		}
	}
	if n := len(parseArticles(t, text)); n < len(arts)-1 {
		t.Errorf("the OCR text parses into %d articles, want about %d", n, len(arts))
	}
}

// TestScannedPDF reads a PDF whose second page is a scan: the first page
// from its text layer, the second by OCR; without Tesseract, the first page
// with an error naming the second and the packages to install.
func TestScannedPDF(t *testing.T) {
	needPoppler(t)
	arts := sample(t)
	scan := renderPNG(t, newspaperPDF(t, pdfOptions{rows: 1}), scanDPI)
	pdf := newspaperPDF(t, pdfOptions{pages: 1, scan: scan})

	t.Run("without Tesseract", func(t *testing.T) {
		withoutTools(t, "pdfinfo", "pdftotext", "pdftoppm")
		pages, err := Read(context.Background(), "mixed.pdf", pdf, Options{})
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrNoOCR) || len(e.Pages) != 1 || e.Pages[0] != 2 {
			t.Fatalf("Read(mixed.pdf) error = %v; want ErrNoOCR for page 2", err)
		}
		if !strings.Contains(err.Error(), "tesseract-ocr tesseract-ocr-chi-sim") {
			t.Errorf("error %q does not name the Debian packages", err)
		}
		if len(pages) != 1 || pages[0].Number != 1 || pages[0].OCR {
			t.Errorf("Read(mixed.pdf) = %+v, want page 1 from its text layer", pages)
		}
	})

	t.Run("with Tesseract", func(t *testing.T) {
		needTesseract(t)
		var calls []string
		pages, err := Read(context.Background(), "mixed.pdf", pdf, Options{
			Progress: func(done, total int) { calls = append(calls, strconv.Itoa(done)+"/"+strconv.Itoa(total)) },
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != 2 || pages[0].OCR || !pages[1].OCR || pages[1].Number != 2 {
			t.Fatalf("Read(mixed.pdf) = %d pages; want page 1 from text, page 2 by OCR", len(pages))
		}
		if acc := accuracy(pages[1].Text, printed(arts, 1)); acc < 0.95 {
			t.Errorf("OCR of the scanned page: %.1f%% of characters right, want at least 95%%:\n%s", 100*acc, pages[1].Text)
		}
		if got := strings.Join(calls, " "); got != "0/2 1/2 2/2" {
			t.Errorf("progress %s, want 0/2 1/2 2/2", got)
		}
	})
}

// TestRecognised: pages OCR'd before are taken as they are, with no
// Tesseract needed, and the text layer is read afresh.
func TestRecognised(t *testing.T) {
	needPoppler(t)
	withoutTools(t, "pdfinfo", "pdftotext", "pdftoppm")
	scan := renderPNG(t, newspaperPDF(t, pdfOptions{rows: 1}), 50)
	before := []Page{{Number: 2, Text: "示范区统筹推进", OCR: true}}
	pages, err := Read(context.Background(), "mixed.pdf", newspaperPDF(t, pdfOptions{pages: 1, scan: scan}), Options{Recognised: before})
	if err != nil || len(pages) != 2 || pages[0].OCR || pages[1] != before[0] {
		t.Fatalf("Read(mixed.pdf, page 2 recognised before) = %+v, %v; want page 1 from text, page 2 as before", pages, err)
	}
	img, err := Read(context.Background(), "page.png", scan, Options{Recognised: []Page{{Number: 1, Text: "示范区", OCR: true}}})
	if err != nil || len(img) != 1 || img[0].Text != "示范区" {
		t.Fatalf("Read(page.png, recognised before) = %+v, %v; want the page as before", img, err)
	}
}

// TestCancel cancels the OCR of a page: Read returns within a second and
// leaves no Tesseract running.
func TestCancel(t *testing.T) {
	needPoppler(t)
	needTesseract(t)
	img := renderPNG(t, newspaperPDF(t, pdfOptions{}), scanDPI)
	ctx, cancel := context.WithCancel(context.Background())
	cancelled := make(chan time.Time, 1)
	go func() {
		for end := time.Now().Add(10 * time.Second); !tesseractRunning() && time.Now().Before(end); {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		cancelled <- time.Now()
		cancel()
	}()
	_, err := Read(ctx, "seed.png", img, Options{})
	took := time.Since(<-cancelled)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Read after cancel = %v, want context.Canceled", err)
	}
	t.Logf("Read returned %v after the cancel", took.Round(time.Millisecond))
	if took > time.Second {
		t.Errorf("Read returned %v after the cancel, want within a second", took)
	}
	if tesseractRunning() {
		t.Error("Tesseract still runs after the cancel")
	}
}

// tesseractRunning reports whether a child of this process runs tesseract.
func tesseractRunning() bool {
	for _, pid := range children() {
		if b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm"); err == nil && strings.TrimSpace(string(b)) == "tesseract" {
			return true
		}
	}
	return false
}

// children lists the processes this one started that still run (Linux).
func children() []int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	me := strconv.Itoa(os.Getpid())
	var pids []int
	for _, s := range stats {
		b, err := os.ReadFile(s)
		// pid (comm) state ppid ...; comm may hold spaces, so fields count from the last ')'
		i := strings.LastIndexByte(string(b), ')')
		if f := strings.Fields(string(b[i+1:])); err == nil && i > 0 && len(f) > 1 && f[1] == me {
			pid, _ := strconv.Atoi(strings.Fields(string(b))[0])
			pids = append(pids, pid)
		}
	}
	return pids
}
