package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"

	"baosou/index/fold"
)

// schemaVersion changes whenever what is indexed changes; an index of another
// version is rebuilt from the stored sources when the library opens.
const schemaVersion = 2

const gramAnalyzer = "baosou_grams"

// The stock cjk analyzer emits only bigrams, so single characters cannot be
// found. We index the search form (see package fold) of each field as every
// character and every adjacent pair of letters/digits: one- and two-character
// queries are then exact term look-ups, longer ones a conjunction of pairs
// whose candidates are checked against the stored text.
//
// Bleve is asked for no more than that: no _all field, no term vectors, no
// stored fields (the docs files hold the text), doc values only for the date.
// The terms and their counts are computed here in one pass (gramFreqs) rather
// than by a Bleve analyzer, which would allocate a token per character.

// gramFreqs counts the grams of a search form. Keys and terms are slices of
// text, so the only allocations are the map and one slab of counts.
func gramFreqs(text string) (bindex.TokenFrequencies, int) {
	freqs := make(bindex.TokenFrequencies, len(text)/4+1)
	slab := make([]bindex.TokenFreq, 0, len(text)/4+1)
	n := 0
	add := func(term string) {
		n++
		if tf, ok := freqs[term]; ok {
			tf.SetFrequency(tf.Frequency() + 1)
			return
		}
		if len(slab) == cap(slab) {
			slab = make([]bindex.TokenFreq, 0, 256)
		}
		slab = append(slab, bindex.TokenFreq{Term: []byte(term)})
		tf := &slab[len(slab)-1]
		tf.SetFrequency(1)
		freqs[term] = tf
	}
	prevUnit, prevStart := false, 0
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		unit := fold.IsUnit(r)
		if unit {
			add(text[i : i+size])
			if prevUnit {
				add(text[prevStart : i+size])
			}
		}
		prevUnit, prevStart = unit, i
		i += size
	}
	return freqs, n
}

// termsField is a Bleve field whose terms are computed by this package.
type termsField struct {
	name   string
	value  string
	opts   bindex.FieldIndexingOptions
	grams  bool // grams of value, or value as one term
	length int
	freqs  bindex.TokenFrequencies
}

func (f *termsField) Name() string                                      { return f.name }
func (f *termsField) ArrayPositions() []uint64                          { return nil }
func (f *termsField) Options() bindex.FieldIndexingOptions              { return f.opts }
func (f *termsField) Value() []byte                                     { return []byte(f.value) }
func (f *termsField) NumPlainTextBytes() uint64                         { return uint64(len(f.value)) }
func (f *termsField) Size() int                                         { return 64 + len(f.value) + 48*len(f.freqs) }
func (f *termsField) EncodedFieldType() byte                            { return 't' }
func (f *termsField) AnalyzedLength() int                               { return f.length }
func (f *termsField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

func (f *termsField) Analyze() {
	if f.grams {
		f.freqs, f.length = gramFreqs(f.value)
		return
	}
	tf := &bindex.TokenFreq{Term: []byte(f.value)}
	tf.SetFrequency(1)
	f.freqs, f.length = bindex.TokenFrequencies{f.value: tf}, 1
}

// bleveDocument is what an article looks like to Bleve.
func bleveDocument(id, source string, t *docText) *document.Document {
	d := document.NewDocument(id)
	text := bindex.IndexField
	for _, f := range []struct {
		name string
		v    []byte
	}{{"title", t.Title}, {"body", t.Body}, {"reporter", t.Reporter}} {
		d.AddField(&termsField{name: f.name, value: string(f.v), opts: text, grams: true})
	}
	d.AddField(&termsField{name: "source", value: source, opts: bindex.IndexField | bindex.SkipFreqNorm})
	d.AddField(document.NewNumericFieldWithIndexingOptions("date", nil, float64(t.Date), bindex.IndexField|bindex.DocValues))
	return d
}

// gramTokenizer is gramFreqs as a Bleve analyzer, registered so the index
// mapping names the analysis its text fields get.
type gramTokenizer struct{}

func (gramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var stream analysis.TokenStream
	pos := 1
	prevUnit, prevStart := false, 0
	for i := 0; i < len(input); {
		r, size := utf8.DecodeRune(input[i:])
		unit := fold.IsUnit(r)
		if unit {
			stream = append(stream, &analysis.Token{Term: input[i : i+size], Start: i, End: i + size, Position: pos, Type: analysis.Ideographic})
			pos++
			if prevUnit {
				stream = append(stream, &analysis.Token{Term: input[prevStart : i+size], Start: prevStart, End: i + size, Position: pos, Type: analysis.Double})
				pos++
			}
		}
		prevUnit, prevStart = unit, i
		i += size
	}
	return stream
}

func init() {
	registry.RegisterAnalyzer(gramAnalyzer, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return &analysis.DefaultAnalyzer{Tokenizer: gramTokenizer{}}, nil
	})
}

// newMapping describes the fields bleveDocument makes.
func newMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = gramAnalyzer
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
		return f
	}
	kw := bleve.NewKeywordFieldMapping()
	kw.Store, kw.IncludeTermVectors, kw.IncludeInAll, kw.DocValues, kw.SkipFreqNorm = false, false, false, false, true
	date := bleve.NewNumericFieldMapping()
	date.Store, date.IncludeInAll, date.DocValues = false, false, true

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("title", text())
	doc.AddFieldMappingsAt("body", text())
	doc.AddFieldMappingsAt("reporter", text())
	doc.AddFieldMappingsAt("source", kw)
	doc.AddFieldMappingsAt("date", date)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = gramAnalyzer
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false
	return m, nil
}
