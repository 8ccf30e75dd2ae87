package index

// The Bleve index mapping: which fields an article is indexed under, and
// how. Everything Bleve does not need for a query, sort or facet is off:
// no _all field, no dynamic fields, no stored fields (the articles live in
// the docs files), no term vectors (we highlight ourselves), doc values only
// on the fields that are sorted or counted.

import (
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"baosou/index/fold"
)

// The indexed fields.
const (
	fTitle        = "title"        // headline, searched by every plain term
	fBody         = "body"         // paragraphs, searched by every plain term
	fReporter     = "reporter"     // reporters and photographer: reporter:
	fPhotographer = "photographer" // photographer:
	fNewspaper    = "newspaper"    // the paper's name: newspaper:
	fFacet        = "facet"        // r:NAME for each reporter and photographer, s:SOURCE, m:2020-02: the facets
	fSource       = "source"       // the source as displayed: its filter
	fSourceID     = "sid"          // the source's ID: its articles, for a removal or a rollback
	fSortDate     = "sd"           // 20200226, the article's full date else the page's: date order
	fDate         = "date"         // the article's date (year known)
	fPublished    = "published"    // the page's publication date
	fMonthDay     = "md"           // 0226 of either date: date:02-26, and date order among dates without a year
	fPage         = "page"         // the page number: page:3, page:2..4
	fNoDate       = "nodate"       // "1" when no full date: what a date filter leaves out
)

// newMapping is the mapping of a new library's index.
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.ScoringModel = bindex.BM25Scoring
	im.DefaultAnalyzer = keyword.Name
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	if err := im.AddCustomAnalyzer(analyzerName, map[string]interface{}{
		"type":         custom.Name,
		"char_filters": []interface{}{foldFilterName},
		"tokenizer":    gramsName,
	}); err != nil {
		panic(err) // the names are ours and registered in init: a typo, caught by every test
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range []string{fTitle, fBody, fReporter, fPhotographer, fNewspaper} {
		dm.AddFieldMappingsAt(f, textField())
	}
	for _, f := range []string{fFacet, fSortDate, fMonthDay} {
		dm.AddFieldMappingsAt(f, keywordField(true))
	}
	for _, f := range []string{fSource, fSourceID, fNoDate} {
		dm.AddFieldMappingsAt(f, keywordField(false))
	}
	page := bleve.NewNumericFieldMapping()
	page.Store, page.IncludeInAll, page.DocValues = false, false, false
	dm.AddFieldMappingsAt(fPage, page)
	for _, f := range []string{fDate, fPublished} {
		d := bleve.NewDateTimeFieldMapping()
		d.Store, d.IncludeInAll, d.DocValues = false, false, false
		dm.AddFieldMappingsAt(f, d)
	}
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	return im
}

func textField() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzerName
	f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
	return f
}

func keywordField(docValues bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Store, f.IncludeTermVectors, f.IncludeInAll = false, false, false
	f.DocValues = docValues
	return f
}

// The prefixes of the facet field's values.
const (
	facetReporter = "r:"
	facetSource   = "s:"
	facetMonth    = "m:"
)

// indexDoc is what Bleve indexes of one article: its search forms (the
// analyzer's fold is then a no-op) and the keys of its filters and facets.
func indexDoc(src Source, t *docText, d *storedDoc) map[string]interface{} {
	source := displaySource(src, d)
	m := map[string]interface{}{
		fTitle:    string(t.Title),
		fBody:     string(t.Body),
		fSourceID: src.ID,
		fSource:   source,
	}
	// One field holds every facet's values: Bleve reads a field's doc values
	// for each match it counts, and one field cost 40% less than three.
	facets := []string{facetSource + source}
	if r := strings.TrimSpace(d.Reporter + " " + d.Photographer); r != "" {
		m[fReporter] = fold.String(r)
		for _, n := range names(d.Reporter, d.Photographer) {
			facets = append(facets, facetReporter+n)
		}
	}
	if d.Photographer != "" {
		m[fPhotographer] = fold.String(d.Photographer)
	}
	if n := newspaperOf(src, d); n != "" {
		m[fNewspaper] = fold.String(n)
	}
	if n := atoi(d.Page); n > 0 {
		m[fPage] = float64(n)
	}
	date, pub := dayOf(d.Date), dayOf(d.Published)
	// Date order is by the full date; articles whose date has no year come
	// after all those that have one, in order of month and day (fMonthDay).
	sort := date
	if sort < 10000 {
		sort = pub
	}
	if sort >= 10000 {
		m[fSortDate] = sortKey(sort)
	}
	var md []string
	full := false
	for _, x := range []struct {
		field string
		day   int
	}{{fDate, date}, {fPublished, pub}} {
		if x.day == 0 {
			continue
		}
		md = append(md, sortKey(x.day)[4:])
		if tm, ok := dayTime(x.day); ok {
			m[x.field] = tm
			full = true
		}
	}
	if len(md) > 0 {
		m[fMonthDay] = md
	}
	if sort >= 10000 {
		k := sortKey(sort)
		facets = append(facets, facetMonth+k[:4]+"-"+k[4:6])
	}
	m[fFacet] = facets
	if !full {
		m[fNoDate] = "1"
	}
	return m
}

// displaySource is the source an article shows: the publication a .jsonl
// record names, else the file's name.
func displaySource(src Source, d *storedDoc) string {
	if d.Source != "" {
		return d.Source
	}
	return src.Name
}

// newspaperOf is the paper an article appeared in: the masthead's name,
// else the one the user gave its source.
func newspaperOf(src Source, d *storedDoc) string {
	if d.Newspaper != "" {
		return d.Newspaper
	}
	return src.Newspaper
}

// names splits reporter fields into whole names: "张三 李四" has two.
func names(fields ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		for _, n := range strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '、' || r == '，' || r == ',' }) {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// dayOf reads a stored date (2020-02-26, or --02-26 with the year unknown)
// as yyyymmdd, with the year 0 when unknown; 0 for no date.
func dayOf(s string) int {
	var y, m, d int
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[5:7])
		d, _ = strconv.Atoi(s[8:])
	case len(s) == 7 && s[:2] == "--" && s[4] == '-':
		m, _ = strconv.Atoi(s[2:4])
		d, _ = strconv.Atoi(s[5:])
	default:
		return 0
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0
	}
	return y*10000 + m*100 + d
}

// sortKey writes yyyymmdd with eight digits, so that keys sort as dates.
func sortKey(day int) string {
	s := strconv.Itoa(day)
	return strings.Repeat("0", 8-len(s)) + s
}

// dayTime is a yyyymmdd with a known year as a time Bleve's datetime fields
// can hold (they keep nanoseconds since 1970 in an int64: 1678 to 2262).
func dayTime(day int) (time.Time, bool) {
	y := day / 10000
	if y < 1700 || y > 2200 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(day/100%100), day%100, 0, 0, 0, 0, time.UTC), true
}
