package cite

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"baosou/index"
)

// Format is a way of writing a list of results.
type Format int

// The list formats.
const (
	// CSV is a spreadsheet: UTF-8 with a byte-order mark, so that Excel opens
	// the Chinese right on a double click (without it Excel reads the local
	// code page); CRLF line ends as RFC 4180 has them.
	CSV Format = iota + 1
	// List is a numbered GB/T 7714 reference list, "[1] …" a line, UTF-8.
	List
)

// ParseFormat reads a list format name: csv or gbt7714.
func ParseFormat(name string) (Format, error) {
	if strings.EqualFold(name, "csv") {
		return CSV, nil
	}
	if s, err := ParseStyle(name); err == nil && s == GBT7714 {
		return List, nil
	}
	return 0, fmt.Errorf("unknown format %q: use csv or gbt7714", name)
}

// Ext is the file name ending for f: ".csv" or ".txt".
func (f Format) Ext() string {
	if f == CSV {
		return ".csv"
	}
	return ".txt"
}

// csvHeader names the CSV columns, in Chinese for the people who open them.
var csvHeader = []string{"标题", "日期", "记者", "报名", "版次", "来源", "摘要"}

// bom is UTF-8's byte-order mark.
const bom = "\uFEFF"

// Writer writes search hits one by one in a Format.
type Writer struct {
	w      io.Writer
	csv    *csv.Writer
	format Format
	n      int
	err    error
}

// NewWriter writes f to w; call Flush at the end.
func NewWriter(w io.Writer, f Format) *Writer {
	lw := &Writer{w: w, format: f}
	if f == CSV {
		lw.csv = csv.NewWriter(w)
		lw.csv.UseCRLF = true
	}
	return lw
}

// Written is how many hits have been written.
func (w *Writer) Written() int { return w.n }

// Write adds one hit.
func (w *Writer) Write(h index.Hit) error {
	if w.err != nil {
		return w.err
	}
	if w.n == 0 {
		w.start()
	}
	w.n++
	r := FromHit(h)
	if w.format == CSV {
		w.err = w.csv.Write(csvRow(r, h.Snippet))
	} else {
		_, w.err = fmt.Fprintf(w.w, "[%d] %s\n", w.n, r.GBT7714())
	}
	return w.err
}

// start writes what comes before the first row: the CSV's mark and header.
func (w *Writer) start() {
	if w.format == CSV && w.err == nil {
		if _, w.err = io.WriteString(w.w, bom); w.err == nil {
			w.err = w.csv.Write(csvHeader)
		}
	}
}

// Flush writes what is buffered, the CSV header too when there were no hits,
// and returns the first error met.
func (w *Writer) Flush() error {
	if w.n == 0 {
		w.start()
	}
	if w.csv != nil {
		w.csv.Flush()
		if w.err == nil {
			w.err = w.csv.Error()
		}
	}
	return w.err
}

// csvRow is one hit as CSV cells: the date is the one a citation gives, the
// reporter column names a caption's photographer when it has no reporter, the
// snippet is on one line.
//
// A date without a year is written ????-02-26: Excel takes --02-26 for a
// sum (-24) and 02-26 for this year's 26 February.
func csvRow(r Ref, snippet string) []string {
	who := strings.Join(names(r.Reporter), "、")
	if who == "" {
		who = strings.Join(names(r.Photographer), "、")
	}
	page := ""
	if r.Page > 0 {
		page = strconv.Itoa(r.Page)
	}
	date := r.CitedDate()
	if strings.HasPrefix(date, "--") {
		date = "????" + date[1:]
	}
	row := []string{collapse(r.Title), date, who, r.Paper(), page,
		strings.TrimSpace(r.Source), collapse(snippet)}
	for i, c := range row {
		row[i] = defuse(c)
	}
	return row
}

// defuse keeps a spreadsheet from running a cell as a formula: a cell that
// starts with = + - or @ gets a leading apostrophe (the OWASP advice for
// CSV injection). Newspaper text rarely starts so; a .jsonl from elsewhere might.
func defuse(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}

// Searcher finds articles; *index.Library has it.
type Searcher interface {
	Search(ctx context.Context, query string, opt index.SearchOptions) (*index.Results, error)
}

// exportPage is how many hits Export asks for at a time.
const exportPage = 500

// Export writes every hit of query q under opt in format f: all of them, paged
// through from the first, whatever opt.Offset and opt.Limit say, unless limit > 0
// caps them. progress, when not nil, hears how many are written of how many.
// It returns the number written. An article seen twice (the library changed
// between pages) is written once.
func Export(ctx context.Context, out io.Writer, f Format, s Searcher, q string, opt index.SearchOptions,
	limit int, progress func(done, total int)) (int, error) {
	w := NewWriter(out, f)
	seen := make(map[string]bool)
	opt.Offset, opt.Limit = 0, exportPage
	for {
		if err := ctx.Err(); err != nil {
			return w.Written(), err
		}
		res, err := s.Search(ctx, q, opt)
		if err != nil {
			return w.Written(), err
		}
		total := res.Total
		if limit > 0 && limit < total {
			total = limit
		}
		for _, h := range res.Hits {
			if seen[h.ID] || w.Written() >= total {
				continue
			}
			seen[h.ID] = true
			if err := w.Write(h); err != nil {
				return w.Written(), err
			}
		}
		if progress != nil {
			progress(w.Written(), total)
		}
		opt.Offset += len(res.Hits)
		if len(res.Hits) == 0 || opt.Offset >= res.Total || w.Written() >= total {
			return w.Written(), w.Flush()
		}
	}
}
