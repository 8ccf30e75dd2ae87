package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxLine is the longest JSONL line read; a longer one is skipped with a
// warning, so a damaged file cannot make the reader hold it whole.
const maxLine = 64 << 20

// maxWarnings caps the warnings of one file; the rest are counted.
const maxWarnings = 100

// record is one line of a JSONL bulk import.
type record struct {
	Title    string `json:"title"`
	Date     string `json:"date"`
	Body     string `json:"body"`
	Reporter string `json:"reporter"`
	Source   string `json:"source"`
}

// ParseJSONL reads one {"title","date","body"[,"reporter","source"]} object a
// line and calls each with its article (Kind document), in order. A date may
// be 2020-02-26, 2020-2-26, 2020年2月26日 or empty; the body is split into
// paragraphs at "\n", blank ones dropped; a missing title is derived from the
// body. Blank lines are skipped; a malformed line becomes a warning naming
// its line number ("line 7: …") and the rest are still read. It streams, so
// memory follows the longest line, not the file. An error from each stops
// the reading and is returned as it is; a nil each only checks the file.
func ParseJSONL(r io.Reader, opt Options, each func(a Article) error) (warnings []Warning, err error) {
	if each == nil { // only check the file
		each = func(Article) error { return nil }
	}
	br := bufio.NewReaderSize(r, 64<<10)
	skipped := 0
	warn := func(n int, code, format string, args ...any) {
		if len(warnings) < maxWarnings {
			warnings = append(warnings, Warning{Line: n, Code: code, Detail: fmt.Sprintf(format, args...)})
		} else {
			skipped++
		}
	}
	for n := 1; ; n++ {
		line, long, rerr := readLine(br)
		if rerr != nil && rerr != io.EOF {
			return warnings, fmt.Errorf("reading line %d: %w", n, rerr)
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if long {
			warn(n, WarnLongLine, "%d MB", maxLine>>20)
		} else if a, ok := jsonlArticle(line, opt, func(code, f string, args ...any) { warn(n, code, f, args...) }); ok {
			if err := each(a); err != nil {
				return warnings, err
			}
		}
		if rerr == io.EOF {
			break
		}
	}
	if skipped > 0 {
		warnings = append(warnings, Warning{Code: WarnMoreLines, Detail: fmt.Sprint(skipped)})
	}
	return warnings, nil
}

// readLine reads one line without its line ending. A line over maxLine is
// read to its end but not kept, and reported as long.
func readLine(br *bufio.Reader) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if len(line)+len(chunk) > maxLine {
				line, long = nil, true
			} else {
				line = append(line, chunk...)
			}
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return bytes.TrimRight(line, "\r\n"), long, err
		}
	}
}

// jsonlArticle makes the article of one line; ok is false for a blank or
// malformed line, which warn reports.
func jsonlArticle(line []byte, opt Options, warn func(string, string, ...any)) (Article, bool) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return Article{}, false
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		warn(WarnBadJSON, "not valid JSON: %v", err)
		return Article{}, false
	}
	a := Article{Title: collapseSpace(strings.Join(bodyParagraphs(rec.Title), " ")), Kind: KindDocument, Reporter: strings.TrimSpace(rec.Reporter),
		Source: strings.TrimSpace(rec.Source), Paragraphs: bodyParagraphs(rec.Body)}
	if a.Title == "" && len(a.Paragraphs) == 0 {
		warn(WarnBadRecord, "no title and no body")
		return Article{}, false
	}
	if d := strings.TrimSpace(rec.Date); d != "" {
		v, ok := parseDate(d)
		if !ok {
			warn(WarnBadRecord, "date %q not understood; kept without a date", d)
		}
		a.Date = v
	}
	if a.Title == "" {
		p := &page{opt: opt}
		a.Title, a.TitleDerived = p.derive(a.Paragraphs, false), true
	}
	return a, true
}

// bodyParagraphs splits a record's body at line breaks, dropping blank lines.
func bodyParagraphs(body string) []string {
	var paras []string
	for _, ln := range splitLines(body) {
		if ln = strings.TrimFunc(ln, func(r rune) bool { return isSpace(r) || isInvisible(r) }); ln != "" {
			paras = append(paras, ln)
		}
	}
	return paras
}

// parseDate reads Y-M-D with -, /, . or 年月日 between the numbers (2020-2-26,
// 2020年2月26日). Y may be 0, for a date whose year is unknown.
func parseDate(s string) (Date, bool) {
	var nums [3]int
	k, digits := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' && digits < 4:
			nums[k] = nums[k]*10 + int(r-'0')
			digits++
		case k < 2 && digits > 0 && strings.ContainsRune("-/.年月", r):
			k, digits = k+1, 0
		case k == 2 && digits > 0 && r == '日':
			k = 3
		default:
			return Date{}, false
		}
	}
	d := Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	if k < 2 || (k == 2 && digits == 0) || d.Year > 9999 || !validMonth(d.Month) || d.Day < 1 || d.Day > 31 {
		return Date{}, false
	}
	return d, true
}
