package article

import (
	"errors"
	"fmt"
	"strings"
)

// Kind says what sort of document a parsed piece of a page is.
type Kind string

// The kinds of document a page yields.
const (
	KindArticle  Kind = "article"  // a 本报讯 news item
	KindCaption  Kind = "caption"  // a photo caption (图为… / 本报记者 X 摄)
	KindDocument Kind = "document" // a whole file with no 本报讯 leads, or a .jsonl record
)

// Date is a calendar date whose year may be unknown (Year == 0).
// The zero Date means no date at all.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d holds no date.
func (d Date) IsZero() bool { return d.Month == 0 }

// String formats d as 2020-02-24, --02-24 when the year is unknown
// (the ISO 8601 form for a month and day), or "" for no date.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Year == 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
}

// MarshalText formats d as String does, so that JSON holds "2020-02-24".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses what MarshalText writes: 2020-02-24, --02-24 or "".
func (d *Date) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*d = Date{}
		return nil
	}
	if t, ok := strings.CutPrefix(s, "--"); ok {
		s = "0000-" + t
	}
	v, ok := parseDate(s)
	if !ok {
		return fmt.Errorf("article: bad date %q", b)
	}
	*d = v
	return nil
}

// Article is one document cut from a page: its text repaired (lines joined
// into paragraphs, OCR spaces removed) but otherwise as printed.
type Article struct {
	Title        string   // the headline as printed, or a derived display title
	TitleDerived bool     // true when no headline was printed and Title was made from the text
	Date         Date     // from the lead (本报讯…M月D日) with the year from Options or the file name
	Reporter     string   // X in 本报讯（记者X）, or the source's "reporter"
	Photographer string   // for captions: X in 本报记者 X 摄
	Kind         Kind     //
	Paragraphs   []string // the body, one string per paragraph, no line breaks inside
	Source       string   // the publication, from a .jsonl record's "source"; "" for pages
}

// Body returns the paragraphs joined by "\n".
func (a Article) Body() string {
	n := 0
	for _, p := range a.Paragraphs {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	for i, p := range a.Paragraphs {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, p...)
	}
	return string(b)
}

// Options tell the parser what the text itself does not say.
type Options struct {
	Name string // the file name, used for a year in it (2020-03-01.txt) and as a fallback title
	Year int    // the year of dates printed without one; 0 = take it from Name, else unknown
}

// Page is the result of parsing one file.
type Page struct {
	Encoding string    // the encoding the bytes were decoded from: UTF-8, UTF-8 (BOM), UTF-16LE, UTF-16BE, GB18030, Big5
	Articles []Article // in the order printed
	Warnings []string  // problems that did not stop the parse, e.g. "line 12: not valid JSON: …"
}

// Sentinel errors, for callers that branch on them with errors.Is.
var (
	ErrNotText  = errors.New("not a text file")                     // binary content: an image, an executable, NUL-heavy data
	ErrEncoding = errors.New("not valid in any supported encoding") // text-like but undecodable as UTF-8/16, GB18030 or Big5
	ErrEmpty    = errors.New("no text")                             // empty or whitespace-only
)
