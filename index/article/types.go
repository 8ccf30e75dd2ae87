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
	Title        string   // the main headline as printed (white space runs made one space), or a derived display title
	TitleDerived bool     // true when no headline was printed and Title was made from the text
	Date         Date     // from the lead (本报讯…M月D日), the year from the masthead, Options or the file name; a caption's is the page's
	Reporter     string   // X in 本报讯（记者X）, several names joined by a space; or the source's "reporter"
	Photographer string   // X in 本报记者 X 摄 (a caption's or a photo news item's credit) or in X/图
	Kind         Kind     //
	Paragraphs   []string // the body, one string per paragraph, no line breaks inside
	Source       string   // the publication, from a .jsonl record's "source"; "" for pages

	Contributors []string // credits other than the reporter, role first: "通讯员 张虹", "实习生 王五"
	Place        string   // the place of a wire dateline: 北京 in 新华社北京3月1日电
	Agency       string   // the agency of a wire dateline or lead: 新华社, 人民网
	Published    Date     // the page's publication date, from its masthead (or the file name)
	Page         int      // the page number (版次) from the masthead or file name; 0 = unknown
	Section      string   // the page's section (版名), e.g. 要闻; "" = unknown
	Newspaper    string   // the paper's name when the masthead prints it, e.g. 焦作日报

	Kicker   string // 引题: a line printed above the main headline; "" if none
	Subtitle string // 副题: a line printed below the main headline (——…), as printed; "" if none
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
	Name string // the file name: its date and page (see FromName) are the fallbacks for the masthead's, its base the fallback title
	Year int    // the year of dates printed without one, when the page has no masthead date; 0 = from Name, else unknown
	Page int    // the page number (版次) when neither masthead nor Name gives one, e.g. a PDF's page index; 0 = unknown
}

// Page is the result of parsing one file.
type Page struct {
	Encoding string    // the encoding the bytes were decoded from: UTF-8, UTF-8 (BOM), UTF-16LE, UTF-16BE, GB18030, Big5
	Articles []Article // in the order printed
	Warnings []Warning // problems that did not stop the parse
}

// Warning is a problem that did not stop a parse: the code says which kind
// (so that an interface can word it in its own language), Detail the
// variable part (the dropped text, the JSON error).
type Warning struct {
	Line   int    // 1-based line of the file; 0 when the warning is not about one line
	Code   string // one of the Warn* constants
	Detail string
}

// The kinds of warning.
const (
	WarnFurniture  = "furniture"    // page furniture (running head, sign-off) dropped; Detail is the text
	WarnLeftover   = "leftover"     // text before the first article dropped; Detail is the text
	WarnBadJSON    = "bad_json"     // a .jsonl line that is not valid JSON; Detail is the error
	WarnBadRecord  = "bad_record"   // a .jsonl record without usable text, or with a bad field; Detail says which
	WarnLongLine   = "long_line"    // a .jsonl line too long to read, skipped
	WarnMoreLines  = "more_lines"   // more lines with problems than are listed; Detail is how many
	WarnNoLayout   = "no_layout"    // the page could not be cut into articles and is kept as one document
	WarnDateInName = "date_in_name" // the page's date, page or year came from the file name; Detail: "date=2020-02-28 page=3" or "year=2020"
)

// String words the warning in English, as the CLI prints it.
func (w Warning) String() string {
	var s string
	switch w.Code {
	case WarnFurniture:
		s = fmt.Sprintf("page furniture dropped: %q", w.Detail)
	case WarnLeftover:
		s = fmt.Sprintf("text before the first article dropped: %q", w.Detail)
	case WarnLongLine:
		s = "longer than " + w.Detail + ", skipped"
	case WarnMoreLines:
		s = w.Detail + " more lines with problems"
	case WarnNoLayout:
		s = "the page could not be cut into articles; kept as one document: " + w.Detail
	case WarnDateInName:
		s = "date taken from the file name: " + nameDetail(w.Detail)
	default:
		s = w.Detail
	}
	if w.Line > 0 {
		return fmt.Sprintf("line %d: %s", w.Line, s)
	}
	return s
}

// nameDetail words a WarnDateInName's Detail (date=… page=… year=…) in English.
func nameDetail(d string) string {
	var parts []string
	for _, f := range strings.Fields(d) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "date":
			parts = append(parts, "publication date "+v)
		default:
			parts = append(parts, k+" "+v)
		}
	}
	return strings.Join(parts, ", ")
}

// Sentinel errors, for callers that branch on them with errors.Is.
var (
	ErrNotText  = errors.New("not a text file")                     // binary content: an image, an executable, NUL-heavy data
	ErrEncoding = errors.New("not valid in any supported encoding") // text-like but undecodable as UTF-8/16, GB18030 or Big5
	ErrEmpty    = errors.New("no text")                             // empty or whitespace-only
)
