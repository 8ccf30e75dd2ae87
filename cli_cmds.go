package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"baosou/index"
	"baosou/index/article"
	"baosou/index/cite"
	"baosou/index/pages"
)

func cmdImport(f *cmdFlags, stdout, stderr io.Writer) int {
	if len(f.args) == 0 {
		fmt.Fprintln(stderr, "baosou import: name at least one file or folder")
		return 2
	}
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	ctx, stop := interrupted()
	defer stop()
	rep, err := lib.Import(ctx, f.args, index.ImportOptions{Year: f.year, Progress: func(p index.ImportProgress) {
		if p.Current != "" && p.FilesRead >= p.FilesTotal {
			fmt.Fprintf(stderr, "%s imported %s\n", nArticles(p.Articles), p.Current)
		} else if p.Current != "" {
			fmt.Fprintf(stderr, "[%d/%d] %s (%s saved so far)\n", p.FilesRead+1, p.FilesTotal, p.Current, nArticles(p.Articles))
		}
	}})
	if err != nil {
		fmt.Fprintf(stderr, "baosou import: %v\n", err)
		return 1
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(stderr, "warning: %s: %s\n", w.Path, w.Err)
	}
	if f.json {
		writeJSON(stdout, rep)
	} else {
		printReport(stdout, rep)
	}
	if len(rep.Failed) > 0 || rep.Canceled {
		return 1
	}
	return 0
}

// nArticles is "1 article" or "n articles".
func nArticles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}

func printReport(w io.Writer, rep index.ImportReport) {
	fmt.Fprintf(w, "%s added from %d new source(s); %d duplicate article(s) and %d file(s) already imported skipped; %d file(s) failed.\n",
		nArticles(rep.Added), len(rep.Sources), rep.Duplicates, rep.DuplicateFiles, len(rep.Failed))
	for _, s := range rep.Sources {
		fmt.Fprintf(w, "  added   %s  %s (%s, %s)\n", s.ID, s.Name, nArticles(s.Articles), s.Encoding)
	}
	for _, e := range rep.Failed {
		fmt.Fprintf(w, "  failed  %s: %s\n", e.Path, e.Err)
	}
	if rep.Canceled {
		fmt.Fprintln(w, "  interrupted: the files not yet imported were left out; run the same import again to finish.")
	}
}

func sortFlag(s string) (index.Sort, error) {
	switch s {
	case "relevance", "score", "":
		return index.ByRelevance, nil
	case "-date", "newest":
		return index.NewestFirst, nil
	case "date", "oldest", "+date":
		return index.OldestFirst, nil
	}
	return 0, fmt.Errorf("unknown sort %q: use relevance, -date (newest first) or date (oldest first)", s)
}

type searchJSON struct {
	Total   int           `json:"total"`
	Undated int           `json:"undated,omitempty"` // matches without a date that --from/--to left out
	TookMS  float64       `json:"took_ms"`
	Facets  *index.Facets `json:"facets,omitempty"`
	Hits    []citedHit    `json:"hits"`
}

// topFacets keeps the ten months with most matches (the index gives every
// month of the matches, for the app's timeline), busiest first.
func topFacets(f *index.Facets) *index.Facets {
	if f == nil {
		return nil
	}
	out := *f
	out.Month = append([]index.MonthCount(nil), f.Month...)
	sort.SliceStable(out.Month, func(i, j int) bool { return out.Month[i].Count > out.Month[j].Count })
	out.Month = out.Month[:min(len(out.Month), 10)]
	return &out
}

func cmdSearch(f *cmdFlags, stdout, stderr io.Writer) int {
	srt, err := sortFlag(f.sort)
	if err == nil {
		err = f.checkCiteFlags()
	}
	if err != nil {
		fmt.Fprintf(stderr, "baosou search: %v\n", err)
		return 2
	}
	q := strings.Join(f.args, " ")
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	opt := index.SearchOptions{Limit: f.limit, Sort: srt, From: f.from, To: f.to, Reporter: f.reporter, Facets: f.json}
	if f.format != "" {
		return exportSearch(lib, q, opt, f, stdout, stderr)
	}
	res, err := lib.Search(context.Background(), q, opt)
	if err != nil {
		return searchError(stderr, q, err)
	}
	if f.json {
		writeJSON(stdout, searchJSON{Total: res.Total, Undated: res.Undated, TookMS: float64(res.Took.Microseconds()) / 1000,
			Facets: topFacets(res.Facets), Hits: citeHits(res.Hits, f.cite)})
		return 0
	}
	hl := marker(stdout)
	fmt.Fprintf(stdout, "共 %d 篇 (%.1f ms)\n", res.Total, float64(res.Took.Microseconds())/1000)
	if res.Undated > 0 {
		fmt.Fprintf(stdout, "(%d undated article(s) left out by the date filter)\n", res.Undated)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(stdout, "%2d. %s\n    %s  [%s]\n    %s\n", i+1, hl(h.Title, h.TitleHighlights),
			meta(h.Date, h.Reporter, h.Source), h.ID, hl(h.Snippet, h.SnippetHighlights))
		if c := citeLine(f.cite, cite.FromHit(h)); c != "" {
			fmt.Fprintf(stdout, "    %s\n", c)
		}
	}
	return 0
}

// searchError reports a query that failed: a syntax error with a caret under
// its position. The exit status is 2.
func searchError(stderr io.Writer, q string, err error) int {
	var se *index.SyntaxError
	if errors.As(err, &se) {
		fmt.Fprintf(stderr, "baosou search: %v\n  %s\n  %s^\n", err, q, pad(q, se.Pos))
	} else {
		fmt.Fprintf(stderr, "baosou search: %q: %v\n", q, err)
	}
	return 2
}

// pad returns the white space that puts a caret under rune pos of q
// (two columns for a wide character).
func pad(q string, pos int) string {
	var b strings.Builder
	for i, r := range []rune(q) {
		if i >= pos {
			break
		}
		b.WriteByte(' ')
		if r >= 0x1100 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func meta(date, reporter, source string) string {
	var parts []string
	for _, s := range []string{date, reporter, source} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// marker returns how matches are shown: bold red on a terminal, 【】 otherwise.
func marker(w io.Writer) func(string, []index.Span) string {
	open, close := "【", "】"
	if fi, ok := w.(*os.File); ok {
		if st, err := fi.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == "" {
			open, close = "\x1b[1;31m", "\x1b[0m"
		}
	}
	return func(s string, spans []index.Span) string {
		rs := []rune(s)
		var b strings.Builder
		at := 0
		for _, sp := range spans {
			if sp.Start < at || sp.End > len(rs) {
				continue
			}
			b.WriteString(string(rs[at:sp.Start]) + open + string(rs[sp.Start:sp.End]) + close)
			at = sp.End
		}
		b.WriteString(string(rs[at:]))
		return b.String()
	}
}

type showJSON struct {
	*index.Doc
	Highlights      []index.Span `json:"highlights"`
	TitleHighlights []index.Span `json:"title_highlights"`
	Citation        string       `json:"citation,omitempty"` // with --cite
}

func cmdShow(f *cmdFlags, stdout, stderr io.Writer) int {
	if len(f.args) != 1 {
		fmt.Fprintln(stderr, "baosou show: name one article ID (as printed by baosou search)")
		return 2
	}
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	d, err := lib.Get(f.args[0])
	if err != nil {
		fmt.Fprintf(stderr, "baosou show: %v\n", err)
		return 1
	}
	body, title, err := lib.Highlight(d, f.query)
	if err != nil {
		fmt.Fprintf(stderr, "baosou show: --query %q: %v\n", f.query, err)
		return 2
	}
	c := citeLine(f.cite, cite.FromDoc(d))
	if f.json {
		writeJSON(stdout, showJSON{Doc: d, Highlights: body, TitleHighlights: title, Citation: c})
		return 0
	}
	hl := marker(stdout)
	fmt.Fprintf(stdout, "%s\n%s\n\n%s\n", hl(d.Title, title), meta(d.Date, d.Reporter, d.Source), hl(d.Body, body))
	if c != "" {
		fmt.Fprintf(stdout, "\n%s\n", c)
	}
	return 0
}

type parsedJSON struct {
	Title        string   `json:"title"`
	TitleDerived bool     `json:"title_derived,omitempty"`
	Kicker       string   `json:"kicker,omitempty"`
	Subtitle     string   `json:"subtitle,omitempty"`
	Date         string   `json:"date"`
	Reporter     string   `json:"reporter"`
	Contributors []string `json:"contributors,omitempty"`
	Photographer string   `json:"photographer,omitempty"`
	Agency       string   `json:"agency,omitempty"`
	Place        string   `json:"place,omitempty"`
	Published    string   `json:"published,omitempty"`
	Page         int      `json:"page,omitempty"`
	Section      string   `json:"section,omitempty"`
	Newspaper    string   `json:"newspaper,omitempty"`
	Kind         string   `json:"kind"`
	Body         string   `json:"body"`
}

func toParsedJSON(a article.Article) parsedJSON {
	return parsedJSON{Title: a.Title, TitleDerived: a.TitleDerived, Kicker: a.Kicker, Subtitle: a.Subtitle,
		Date: a.Date.String(), Reporter: a.Reporter, Contributors: a.Contributors, Photographer: a.Photographer,
		Agency: a.Agency, Place: a.Place, Published: a.Published.String(), Page: a.Page, Section: a.Section,
		Newspaper: a.Newspaper, Kind: string(a.Kind), Body: a.Body()}
}

// explainJSON is what parse --explain --json writes.
type explainJSON struct {
	Layout    string             `json:"layout"`
	Lines     []article.LineNote `json:"lines"`
	Documents []parsedJSON       `json:"documents"`
}

func cmdParse(f *cmdFlags, stdout, stderr io.Writer) int {
	if len(f.args) != 1 {
		fmt.Fprintln(stderr, "baosou parse: name one file")
		return 2
	}
	path := f.args[0]
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "baosou parse: %s: %v\n", path, err)
		return 1
	}
	opt := article.Options{Name: filepath.Base(path), Year: f.year}
	var arts []article.Article
	var ex article.Explanation
	enc := "UTF-8"
	var warnings []string
	switch {
	case f.explain && pages.Detect(path, data) == pages.KindText && !strings.HasSuffix(strings.ToLower(path), ".jsonl"):
		ex, err = article.Explain(data, opt)
		arts, enc = ex.Page.Articles, ex.Page.Encoding
		for _, w := range ex.Page.Warnings {
			warnings = append(warnings, w.String())
		}
	default:
		// Any kind of file, as an import reads it: JSON Lines, a PDF, an image, page text.
		var p index.Parsed
		p, err = index.Articles(context.Background(), path, data, f.year)
		arts, enc = p.Articles, p.Encoding
		for _, w := range p.Warnings {
			warnings = append(warnings, w.Err)
		}
		if f.explain {
			ex.Layout = "not page text: --explain reads .txt pages"
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "baosou parse: %s: %v\n", path, err)
		return 1
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s: %s\n", path, w)
	}
	out := make([]parsedJSON, len(arts))
	for i, a := range arts {
		out[i] = toParsedJSON(a)
	}
	switch {
	case f.json && f.explain:
		writeJSON(stdout, explainJSON{Layout: ex.Layout, Lines: ex.Lines, Documents: out})
		return 0
	case f.json:
		writeJSON(stdout, out)
		return 0
	}
	fmt.Fprintf(stdout, "%s: %s, %d document(s)\n", path, enc, len(out))
	if f.explain {
		printExplanation(stdout, ex)
	}
	for i, a := range out {
		title := a.Title
		if a.TitleDerived {
			title += " (title derived)"
		}
		if a.Kicker != "" {
			title = a.Kicker + " | " + title
		}
		if a.Subtitle != "" {
			title += " | " + a.Subtitle
		}
		fmt.Fprintf(stdout, "\n%d. [%s] %s\n   %s\n", i+1, a.Kind, title, meta(a.Date, a.Reporter, ""))
		if m := pageMeta(a); m != "" {
			fmt.Fprintf(stdout, "   %s\n", m)
		}
		fmt.Fprintf(stdout, "   %s\n", clip(a.Body, 60))
	}
	return 0
}

// pageMeta is a parsed document's credits and page, for parse's listing.
func pageMeta(a parsedJSON) string {
	var parts []string
	parts = append(parts, a.Contributors...)
	if a.Photographer != "" {
		parts = append(parts, "摄影 "+a.Photographer)
	}
	if a.Agency != "" || a.Place != "" {
		parts = append(parts, strings.TrimSpace(a.Agency+" "+a.Place))
	}
	if a.Newspaper != "" {
		parts = append(parts, a.Newspaper)
	}
	if a.Published != "" {
		parts = append(parts, "published "+a.Published)
	}
	if a.Page > 0 {
		parts = append(parts, fmt.Sprintf("第%d版", a.Page))
	}
	if a.Section != "" {
		parts = append(parts, a.Section)
	}
	return strings.Join(parts, " · ")
}

// printExplanation writes what parse --explain shows: the layout, then each
// line of the page with what it was taken for, its document and why.
func printExplanation(w io.Writer, ex article.Explanation) {
	fmt.Fprintf(w, "layout: %s\n\n", ex.Layout)
	for _, n := range ex.Lines {
		doc := "   "
		if n.Doc > 0 {
			doc = fmt.Sprintf("[%d]", n.Doc)
		}
		fmt.Fprintf(w, "%5d  %-15s %-4s %s\n", n.Line, n.Role, doc, clip(n.Text, 40))
		if n.Why != "" {
			fmt.Fprintf(w, "%28s%s\n", "", n.Why)
		}
	}
}

func clip(s string, n int) string {
	rs := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(rs) <= n {
		return string(rs)
	}
	return string(rs[:n]) + "…"
}

// sourceSet is one --set-year ID or --set-newspaper ID of baosou sources;
// its value is the next argument.
type sourceSet struct{ what, id, value string }

// sourceEditor is a library that changes a source after its import
// (index.Library.UpdateSource, per CONTRACT.md).
type sourceEditor interface {
	UpdateSource(id string, u index.SourceUpdate) (index.Source, error)
}

func cmdSources(f *cmdFlags, stdout, stderr io.Writer) int {
	if len(f.sets) > 0 {
		return setSources(f, stdout, stderr)
	}
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	srcs := lib.Sources()
	if f.json {
		if srcs == nil {
			srcs = []index.Source{}
		}
		writeJSON(stdout, srcs)
		return 0
	}
	fmt.Fprintf(stdout, "%d source(s), %s in %s\n", len(srcs), nArticles(lib.Articles()), lib.Dir())
	for _, s := range srcs {
		var known []string
		if s.Year != 0 {
			known = append(known, strconv.Itoa(s.Year))
		}
		if s.Newspaper != "" {
			known = append(known, s.Newspaper)
		}
		extra := ""
		if len(known) > 0 {
			extra = "  (" + strings.Join(known, ", ") + ")"
		}
		fmt.Fprintf(stdout, "%s  %6d articles  %-9s %s  %s%s\n", s.ID, s.Articles, s.Encoding, s.Added.Local().Format("2006-01-02 15:04"), s.Name, extra)
	}
	return 0
}

// setSources applies --set-year ID YEAR and --set-newspaper ID NAME: the
// year re-dates the source's articles printed without one, without importing
// it again. An empty NAME clears the newspaper; YEAR 0 makes the year unknown.
func setSources(f *cmdFlags, stdout, stderr io.Writer) int {
	if len(f.args) != len(f.sets) {
		fmt.Fprintln(stderr, "baosou sources: --set-year takes a source ID and a year, --set-newspaper a source ID and a name (see baosou sources)")
		return 2
	}
	ups := make([]index.SourceUpdate, len(f.sets))
	for i := range f.sets {
		s := &f.sets[i]
		s.value = f.args[i]
		if s.what == "set-newspaper" {
			name := strings.TrimSpace(s.value)
			ups[i].Newspaper = &name
			continue
		}
		y, err := strconv.Atoi(s.value)
		if err != nil || y != 0 && (y < 1000 || y > 9999) {
			fmt.Fprintf(stderr, "baosou sources: --set-year %s %q: the year must have four digits (0 for unknown)\n", s.id, s.value)
			return 2
		}
		ups[i].Year = &y
	}
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	ed, ok := any(lib).(sourceEditor)
	if !ok {
		fmt.Fprintln(stderr, "baosou sources: this version of the library cannot change a source after its import; import it again with --year")
		return 1
	}
	status := 0
	for i, s := range f.sets {
		src, err := ed.UpdateSource(s.id, ups[i])
		if err != nil {
			fmt.Fprintf(stderr, "baosou sources: %s: %v\n", s.id, err)
			status = 1
			continue
		}
		if s.what == "set-year" {
			fmt.Fprintf(stdout, "%s  %s: year %d\n", src.ID, src.Name, src.Year)
		} else {
			fmt.Fprintf(stdout, "%s  %s: newspaper %q\n", src.ID, src.Name, src.Newspaper)
		}
	}
	return status
}

func cmdRemove(f *cmdFlags, stdout, stderr io.Writer) int {
	if len(f.args) == 0 {
		fmt.Fprintln(stderr, "baosou remove: name the source ID(s) to remove (see baosou sources)")
		return 2
	}
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	status := 0
	for _, id := range f.args {
		if err := lib.Remove(id); err != nil {
			fmt.Fprintf(stderr, "baosou remove: %v\n", err)
			status = 1
			continue
		}
		fmt.Fprintf(stdout, "removed %s\n", id)
	}
	return status
}

func cmdReindex(f *cmdFlags, stdout, stderr io.Writer) int {
	lib, ok := f.open(stderr)
	if !ok {
		return 1
	}
	defer lib.Close()
	ctx, stop := interrupted()
	defer stop()
	err := lib.Reindex(ctx, func(done, total int) {
		fmt.Fprintf(stderr, "\rreindexing: %d/%d sources", done, total)
	})
	fmt.Fprintln(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "baosou reindex: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "reindexed %s from %d source(s)\n", nArticles(lib.Articles()), len(lib.Sources()))
	return 0
}
