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
	From, To string // inclusive date bounds "2020-02-24"; "" = open
	Reporter string // substring of the reporter name; "" = any
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
}

// Results is one page of hits for a query.
type Results struct {
	Query string        `json:"query"`
	Total int           `json:"total"` // all matching articles, not just this page
	Took  time.Duration `json:"-"`
	Hits  []Hit         `json:"hits"`
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
}

// Source is one imported file as the library keeps it.
type Source struct {
	ID       string    `json:"id"`       // content hash prefix; stable across re-imports
	Name     string    `json:"name"`     // the file's base name when imported
	Path     string    `json:"path"`     // where it was imported from
	Encoding string    `json:"encoding"` // as detected
	Year     int       `json:"year,omitempty"`
	Articles int       `json:"articles"`
	Bytes    int64     `json:"bytes"`
	DocsSize int64     `json:"docs_bytes,omitempty"` // size of its docs file, to notice damage at open
	Added    time.Time `json:"added"`
}

// ImportOptions steer an import.
type ImportOptions struct {
	Year     int                  // year for pages whose dates print none and whose file name has none
	Progress func(ImportProgress) // called from the importing goroutine; may be nil
}

// ImportProgress reports an import under way.
type ImportProgress struct {
	FilesDone  int // files whose articles are safely in the library (or that failed)
	FilesRead  int // files read so far; small files are committed in groups, so this runs ahead of FilesDone
	FilesTotal int
	Articles   int    // added so far
	Current    string // file being read
}

// FileError is one input that could not be imported, and why.
type FileError struct {
	Path string `json:"path"`
	Err  string `json:"error"`
}

// ImportReport summarises an import.
type ImportReport struct {
	Files      int         `json:"files"`      // files looked at
	Sources    []Source    `json:"sources"`    // sources added
	Added      int         `json:"added"`      // articles added
	Duplicates int         `json:"duplicates"` // files or articles already in the library, skipped
	Failed     []FileError `json:"failed"`
	Warnings   []string    `json:"warnings,omitempty"` // per-line problems in files that were imported
	Canceled   bool        `json:"canceled,omitempty"`
}
