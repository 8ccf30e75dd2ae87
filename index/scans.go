package index

// Scans: newspaper pages imported as PDFs or images (see package pages).
// The text of each page, read from its text layer or recognised by OCR, is
// kept beside the source copy (sources/ID.pages.zst), so that a rebuild or
// re-index cuts the same pages again without poppler or Tesseract and no
// page is ever recognised twice.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"baosou/index/article"
	"baosou/index/pages"
)

func (l *Library) pagesPath(id string) string {
	return filepath.Join(l.dir, "sources", id+".pages.zst")
}

// scanArticles cuts a PDF's or image's pages into articles and calls add
// with each, and whether its page was recognised by OCR. Pages some of
// which could not be read (Tesseract missing for the scanned ones, say)
// come back with a warning; none, with the error.
func (l *Library) scanArticles(ctx context.Context, src *Source, data []byte, opt article.Options, p *progress,
	add func(article.Article, bool) error) ([]FileError, error) {
	ps, warnings, err := l.readPages(ctx, src, data, p)
	if err != nil {
		return nil, err
	}
	ocr := 0
	for _, pg := range ps {
		if pg.OCR {
			ocr++
		}
	}
	src.Encoding = fmt.Sprintf("%s, %d page(s)", pages.Detect(src.Name, data), len(ps))
	if ocr > 0 {
		src.Encoding += fmt.Sprintf(", %d recognised by OCR", ocr)
	}
	for _, pg := range ps {
		if strings.TrimSpace(pg.Text) == "" {
			continue
		}
		o := opt
		if len(ps) > 1 {
			o.Page = pg.Number // the PDF's own order, when the page prints no number
		}
		page, err := article.Parse([]byte(pg.Text), o)
		if errors.Is(err, article.ErrEmpty) {
			continue
		}
		if err != nil {
			warnings = append(warnings, FileError{Code: CodeOther, Detail: err.Error(), Err: fmt.Sprintf("page %d: %v", pg.Number, err)})
			continue
		}
		for _, w := range page.Warnings {
			warnings = append(warnings, FileError{Code: w.Code, Detail: w.Detail, Err: fmt.Sprintf("page %d: %s", pg.Number, w)})
		}
		for _, a := range page.Articles {
			if err := add(a, pg.OCR); err != nil {
				return warnings, err
			}
		}
	}
	return warnings, nil
}

// readPages returns a file's pages: those kept with its source when it has
// them (a rebuild), else read now and kept.
// Without a library (see Articles) nothing is kept.
func (l *Library) readPages(ctx context.Context, src *Source, data []byte, p *progress) ([]pages.Page, []FileError, error) {
	if l == nil {
		ps, err := pages.Read(ctx, src.Name, data, pages.Options{})
		if len(ps) == 0 {
			return nil, nil, scanError(err)
		}
		if err != nil {
			return ps, []FileError{fileError(src.Name, scanError(err))}, nil
		}
		return ps, nil, nil
	}
	if b, err := readCompressed(l.pagesPath(src.ID)); err == nil {
		var ps []pages.Page
		if json.Unmarshal(b, &ps) == nil && len(ps) > 0 {
			return ps, nil, nil
		}
	}
	ps, err := pages.Read(ctx, src.Name, data, pages.Options{Progress: p.scanning})
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	if len(ps) == 0 {
		return nil, nil, scanError(err)
	}
	var warnings []FileError
	if err != nil {
		warnings = append(warnings, fileError("", scanError(err)))
	}
	b, _ := json.Marshal(ps)
	if err := writeCompressed(l.pagesPath(src.ID), b); err != nil {
		return nil, nil, err
	}
	return ps, warnings, nil
}

// scanError words what pages.Read could not do, with its code.
func scanError(err error) error {
	var pe *pages.Error
	if !errors.As(err, &pe) {
		if err == nil {
			err = errors.New("no pages could be read")
		}
		return &inputError{code: CodePDF, detail: err.Error(), msg: err.Error()}
	}
	code := CodeOther
	switch {
	case errors.Is(err, pages.ErrEncrypted):
		code = CodePDFLocked
	case errors.Is(err, pages.ErrDamaged), errors.Is(err, pages.ErrNoPages):
		code = CodePDF
	case errors.Is(err, pages.ErrNotImage):
		code = CodeImage
	case errors.Is(err, pages.ErrNoOCR):
		code = CodeNoOCR
	case errors.Is(err, pages.ErrNoPoppler):
		code = CodeNoPDFTools
	}
	return &inputError{code: code, detail: pe.Detail, msg: err.Error()}
}

// Parsed is a file cut into articles without importing it (baosou parse).
type Parsed struct {
	Encoding string            // as detected: UTF-8, GB18030, "PDF, 2 page(s)", …
	Articles []article.Article // in the order printed
	OCR      []bool            // for each article, whether its page was recognised by OCR
	Warnings []FileError       // problems that did not stop the reading
}

// Articles reads a file as an import would, whatever its kind (page text,
// JSON Lines, PDF, image), and returns its articles; nothing is stored.
func Articles(ctx context.Context, name string, data []byte, year int) (Parsed, error) {
	src := &Source{Name: filepath.Base(name), Year: year}
	var out Parsed
	ws, err := (*Library)(nil).articlesOf(ctx, src, data, nil, func(a article.Article, ocr bool) error {
		out.Articles = append(out.Articles, a)
		out.OCR = append(out.OCR, ocr)
		return nil
	})
	out.Encoding, out.Warnings = src.Encoding, ws
	return out, err
}
