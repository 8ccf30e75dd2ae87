package pages

// OCR through the tesseract command: one process a page, its TSV output read
// back as lines with boxes, so that the page is put in reading order like a
// PDF's text layer.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // image.DecodeConfig for checkImage
	_ "image/png"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"

	_ "golang.org/x/image/tiff"
)

// maxImagePixels bounds an image given to Tesseract: a broadsheet scanned at
// 600 DPI is about 75 million pixels; more is a mistake or a decompression
// bomb, and would cost gigabytes.
const maxImagePixels = 150e6

// checkImage reads an image's header: its format and size.
func checkImage(data []byte) error {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return &Error{Err: ErrNotImage, Detail: err.Error()}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return &Error{Err: ErrNotImage, Detail: fmt.Sprintf("a %s of %dx%d pixels", format, cfg.Width, cfg.Height)}
	}
	if float64(cfg.Width)*float64(cfg.Height) > maxImagePixels {
		return &Error{Err: ErrNotImage, Detail: fmt.Sprintf("%dx%d pixels, more than %.0f million", cfg.Width, cfg.Height, maxImagePixels/1e6)}
	}
	return nil
}

// readImage recognises the image at path, every page of a multi-page TIFF.
func readImage(ctx context.Context, path string, opt Options) ([]Page, error) {
	if len(opt.Recognised) > 0 { // every page of an image is OCR'd
		return opt.Recognised, nil
	}
	langs, err := languages(ctx, opt.Languages)
	if err != nil {
		return nil, err
	}
	prog := &progress{fn: opt.Progress, total: 1}
	prog.report()
	pages, err := recognise(ctx, nil, path, langs, 0)
	if err != nil {
		return nil, err
	}
	prog.step()
	return pages, nil
}

// recognise runs Tesseract on input ("stdin" to read what render writes)
// and returns its pages. dpi, when known, tells Tesseract the resolution.
func recognise(ctx context.Context, render *exec.Cmd, input string, langs []string, dpi int) ([]Page, error) {
	// psm 3: Tesseract finds the page's blocks and columns itself. Not
	// trying each line inverted saves a fifth of the time; a newspaper prints
	// little white on black.
	args := []string{input, "stdout", "-l", strings.Join(langs, "+"), "--psm", "3", "-c", "tessedit_do_invert=0"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	cmd := command(ctx, "tesseract", append(args, "tsv")...)
	// One thread a page: Tesseract's own threads gain little and would take
	// both cores from a search running beside the import.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr, renderErr strings.Builder
	cmd.Stderr = &stderr
	var out []byte
	var err, rerr error
	if render == nil {
		out, err = cmd.Output()
	} else {
		out, err, rerr = pipeInto(render, cmd, &renderErr)
	}
	if rerr != nil && err == nil {
		return nil, toolError(ctx, rerr, renderErr.String())
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, &Error{Err: ErrNoOCR, Detail: ocrPackages}
		}
		if render == nil {
			return nil, &Error{Err: ErrNotImage, Detail: "Tesseract: " + firstLines(stderr.String(), err)}
		}
		return nil, &Error{Err: ErrOCR, Detail: firstLines(stderr.String(), err)}
	}
	return parseTSV(bytes.NewReader(out))
}

// pipeInto runs render with its output going into cmd and returns cmd's
// output and both errors. The pipe's ends are closed here once both run, so
// that either one's end stops the other.
func pipeInto(render, cmd *exec.Cmd, renderErr io.Writer) (out []byte, err, rerr error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err, nil
	}
	render.Stdout, render.Stderr, cmd.Stdin = w, renderErr, r
	var buf bytes.Buffer
	cmd.Stdout = &buf
	rerr = render.Start()
	if rerr == nil {
		err = cmd.Start()
	}
	r.Close()
	w.Close()
	if rerr != nil {
		return nil, nil, rerr
	}
	if err == nil {
		err = cmd.Wait()
	}
	rerr = render.Wait()
	return buf.Bytes(), err, rerr
}

// parseTSV reads Tesseract's TSV: a row per page, block, paragraph, line and
// word, with its box; words carry the text. It returns a page of text for
// each page Tesseract saw.
func parseTSV(r io.Reader) ([]Page, error) {
	var pages []Page
	var lines []line
	var cur *line
	page := 0
	flush := func() {
		if page > 0 {
			pages = append(pages, Page{Number: page, Text: pageText(lines), OCR: true})
		}
		lines, cur = nil, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] == "level" {
			continue
		}
		n := make([]int, 10)
		for i := range n {
			n[i], _ = strconv.Atoi(f[i])
		}
		switch n[0] {
		case 1: // a page
			flush()
			page = n[1]
		case 4: // a line
			lines = append(lines, line{x0: float64(n[6]), y0: float64(n[7]), x1: float64(n[6] + n[8]), y1: float64(n[7] + n[9])})
			cur = &lines[len(lines)-1]
		case 5: // a word
			if w := strings.TrimSpace(f[11]); w != "" && cur != nil {
				if cur.text != "" {
					cur.text += " "
				}
				cur.text += w
			}
		}
	}
	flush()
	return pages, sc.Err()
}

// installed caches Tesseract's languages once found (not its absence, so
// that installing it while the app runs is enough).
var installed struct {
	sync.Mutex
	langs []string
}

// languages returns the languages to OCR with: want if all are installed,
// else chi_sim. Not chi_sim+chi_tra: on the sample page the pair reads
// traditional forms into simplified text (作風, 奪取) and gets 90.6% of the
// characters right against chi_sim's 97.5%, in a third more time.
func languages(ctx context.Context, want []string) ([]string, error) {
	have, err := tesseractLanguages(ctx)
	if err != nil {
		return nil, err
	}
	if len(want) == 0 {
		want = []string{"chi_sim"}
	}
	for _, l := range want {
		if !slices.Contains(have, l) {
			return nil, &Error{Err: ErrNoOCR, Detail: "tesseract-ocr-" + strings.ReplaceAll(l, "_", "-")}
		}
	}
	return want, nil
}

func tesseractLanguages(ctx context.Context) ([]string, error) {
	installed.Lock()
	defer installed.Unlock()
	if installed.langs != nil {
		return installed.langs, nil
	}
	out, err := command(ctx, "tesseract", "--list-langs").Output()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, &Error{Err: ErrNoOCR, Detail: ocrPackages}
	}
	var langs []string
	for _, l := range strings.Split(string(out), "\n")[1:] { // after "List of available languages in ..."
		if l = strings.TrimSpace(l); l != "" {
			langs = append(langs, l)
		}
	}
	installed.langs = langs
	return langs, nil
}
