package index

import (
	"errors"
	"time"
)

// Sentinel errors the GUI and CLI branch on with errors.Is.
var (
	// ErrLocked means another process holds the library; the error text names its PID when known.
	ErrLocked = errors.New("library is in use by another process")
	// ErrNotFound means no article or source has the given ID.
	ErrNotFound = errors.New("not found")
	// ErrClosed means the library was used after Close.
	ErrClosed = errors.New("library is closed")
)

// Span is a half-open range [Start, End) of Unicode code points in a displayed string.
// It marshals to JSON as [start, end].
type Span struct {
	Start, End int
}

// Sort orders search results.
type Sort int

// The result orders.
const (
	ByRelevance Sort = iota // BM25, headline matches first; ties newest first
	NewestFirst
	OldestFirst
)

// SearchOptions refine a search beyond its query text. Filters combine with the query (AND).
type SearchOptions struct {
	Limit    int    // hits to return; 0 means 20
	Offset   int    // hits to skip, for paging
	Sort     Sort   //
	From, To string // inclusive date bounds "2020-02-24"; "" = open; undated articles are left out (see Results.Undated)
	Reporter string // substring of the reporter name; "" = any
	Source   string // the source's displayed name exactly (a facet's name); "" = any
	Facets   bool   // count reporters, months and sources over all the matches
}

// Hit is one article in a result list.
type Hit struct {
	ID                string  `json:"id"`
	Title             string  `json:"title"`
	TitleDerived      bool    `json:"title_derived,omitempty"`
	TitleHighlights   []Span  `json:"title_highlights"`
	Date              string  `json:"date"` // 2020-02-24, --02-24 (year unknown) or ""
	Reporter          string  `json:"reporter"`
	Kind              string  `json:"kind"`
	Source            string  `json:"source"` // the publication a .jsonl record names, else the imported file's name
	SourceID          string  `json:"source_id"`
	Score             float64 `json:"score"`
	Snippet           string  `json:"snippet"`
	SnippetHighlights []Span  `json:"snippet_highlights"`

	Photographer string `json:"photographer,omitempty"`
	Published    string `json:"published,omitempty"` // the page's publication date (masthead or file name), like Date
	Page         int    `json:"page,omitempty"`      // 版次; 0 = unknown
	Section      string `json:"section,omitempty"`
	Newspaper    string `json:"newspaper,omitempty"` // the masthead's, else the source's newspaper name
	OCR          bool   `json:"ocr,omitempty"`       // the text was recognised from an image
}

// Results is one page of hits for a query.
type Results struct {
	Query string        `json:"query"`
	Total int           `json:"total"` // all matching articles, not just this page
	Took  time.Duration `json:"-"`
	Hits  []Hit         `json:"hits"`

	// Undated is how many articles matched the query but were left out
	// because a date filter was set and they have no date.
	Undated int     `json:"undated,omitempty"`
	Facets  *Facets `json:"facets,omitempty"` // with SearchOptions.Facets
}

// Facets count the matches of a search (all of them, not one page) by
// reporter, month and source, most first, at most the top 10 of each.
type Facets struct {
	Reporter []FacetCount `json:"reporter"`
	Month    []MonthCount `json:"month"` // in date order, not by count; every month of the matches' range
	Source   []FacetCount `json:"source"`
}

// FacetCount is one value of a facet and how many matches have it.
type FacetCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// MonthCount is how many matches are dated in one month, "2020-02".
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// Doc is one stored article, as displayed.
type Doc struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	TitleDerived bool     `json:"title_derived,omitempty"`
	Date         string   `json:"date"`
	Reporter     string   `json:"reporter"`
	Photographer string   `json:"photographer,omitempty"`
	Kind         string   `json:"kind"`
	Source       string   `json:"source"`
	SourceID     string   `json:"source_id"`
	Paragraphs   []string `json:"-"`
	Body         string   `json:"body"` // Paragraphs joined by "\n"; highlight spans index into it

	Kicker       string   `json:"kicker,omitempty"`       // 引题, printed above the headline
	Subtitle     string   `json:"subtitle,omitempty"`     // 副题, printed below it
	Contributors []string `json:"contributors,omitempty"` // "通讯员 张虹"
	Place        string   `json:"place,omitempty"`        // a wire dateline's place
	Agency       string   `json:"agency,omitempty"`       // a wire dateline's agency
	Published    string   `json:"published,omitempty"`
	Page         int      `json:"page,omitempty"`
	Section      string   `json:"section,omitempty"`
	Newspaper    string   `json:"newspaper,omitempty"`
	OCR          bool     `json:"ocr,omitempty"`
}

// Source is one imported file as the library keeps it.
type Source struct {
	ID        string    `json:"id"`                  // content hash prefix; stable across re-imports
	Name      string    `json:"name"`                // the file's base name when imported
	Path      string    `json:"path"`                // where it was imported from
	Encoding  string    `json:"encoding"`            // as detected
	Year      int       `json:"year,omitempty"`      // the year given to dates printed without one; 0 = unknown
	Newspaper string    `json:"newspaper,omitempty"` // the paper's name (报名), set at import or later
	Articles  int       `json:"articles"`
	NoYear    int       `json:"no_year,omitempty"` // articles whose date prints no year and got none
	Bytes     int64     `json:"bytes"`
	DocsSize  int64     `json:"docs_bytes,omitempty"` // size of its docs file, to notice damage at open
	Added     time.Time `json:"added"`
}

// SourceUpdate changes what the user says about a source after its import;
// nil fields stay as they are.
type SourceUpdate struct {
	Year      *int    // re-dates the source's articles whose dates print no year
	Newspaper *string // the paper's name, for citations and results
}

// ImportOptions steer an import.
type ImportOptions struct {
	Newspaper string               // the paper's name for every file imported (the masthead's wins)
	Year      int                  // year for pages whose dates print none and whose file name has none
	Progress  func(ImportProgress) // called from the importing goroutine; may be nil
}

// ImportProgress reports an import under way.
type ImportProgress struct {
	FilesDone  int // files whose articles are safely in the library (or that failed)
	FilesRead  int // files read so far; small files are committed in groups, so this runs ahead of FilesDone
	FilesTotal int
	Articles   int    // added so far
	Current    string // file being read

	BytesDone, BytesTotal int64 // of all the files: the bar moves within one big file too
	Page, Pages           int   // OCR of the current file: page being recognised, of how many; 0 = no OCR
}

// FileError is one input that could not be imported, and why.
type FileError struct {
	Path   string `json:"path"`
	Err    string `json:"error"` // in English, as the CLI prints it
	Code   string `json:"code"`  // what kind of problem: a Code* constant or an article.Warn* one
	Detail string `json:"-"`     // the variable part for a translated message (a name, a line, an OS error)
}

// The kinds of FileError, for the app to word in its own language.
const (
	CodeNotFound   = "not_found"     // no such file or folder
	CodePermission = "permission"    // permission denied
	CodeNotRegular = "not_regular"   // a pipe, device or socket
	CodeSymlink    = "symlink"       // a symbolic link inside a folder, not followed
	CodeNotText    = "not_text"      // binary content
	CodeEncoding   = "encoding"      // text in no supported encoding
	CodeEmpty      = "empty"         // no text
	CodeNoArticles = "no_articles"   // nothing to import in it
	CodeLongLine   = "long_line"     // page text with a line over 4 MB
	CodeDuplicate  = "duplicate"     // already imported; Detail is the name it was imported as
	CodeWrite      = "write"         // cannot write to the library; Detail is the OS error
	CodeNoSpace    = "no_space"      // not enough free disk space
	CodePDF        = "pdf"           // a PDF that cannot be read; Detail says why
	CodePDFLocked  = "pdf_encrypted" // a PDF that needs a password
	CodeImage      = "image"         // an image that cannot be read
	CodeNoOCR      = "no_ocr"        // Tesseract (or its Chinese data) is not installed; Detail names the package
	CodeNoPDFTools = "no_pdf_tools"  // poppler (pdftotext) is not installed; Detail names the package
	CodeNoYear     = "no_year"       // articles dated without a year; Detail is how many
	CodeOther      = "other"         // Err says it

	// Notices: what opening the library had to do (Library.Notices).
	CodeRolledBack   = "rolled_back"   // an interrupted import was rolled back; Detail is how many files
	CodeRebuilt      = "rebuilt"       // the index was rebuilt from the stored sources; Detail is why (English)
	CodeSampleFailed = "sample_failed" // the bundled sample could not be imported; Detail is why
)

// ImportReport summarises an import.
type ImportReport struct {
	Files          int         `json:"files"`           // files looked at
	Sources        []Source    `json:"sources"`         // sources added
	Added          int         `json:"added"`           // articles added
	Duplicates     int         `json:"duplicates"`      // articles already in the library (or earlier in the import), skipped
	DuplicateFiles int         `json:"duplicate_files"` // whole files already imported, skipped
	Failed         []FileError `json:"failed"`
	Warnings       []FileError `json:"warnings,omitempty"` // problems in files that were imported (Path names the file)
	Canceled       bool        `json:"canceled,omitempty"`
}
