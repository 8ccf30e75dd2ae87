package index

// Analysis: how text becomes index terms, as Bleve components registered in
// its registry and named in the index mapping (see mapping.go), so that the
// mapping stored with a library says exactly how its text was analysed:
//
//	char filter  baosou_fold   the search form of package fold: NFKC, lower
//	                           case, traditional -> simplified, OCR spaces dropped
//	tokenizer    baosou_grams  every character (letter or digit of any script)
//	                           and every adjacent pair of them within a run
//
// Why characters and pairs, not words: Chinese has no spaces, and a reader
// searches for any substring, one character included (鹏). A one- or
// two-character term is then one index term, answered exactly; a longer one
// is the conjunction of its pairs, whose candidates are checked against the
// text (see search.go). Stock Bleve's cjk analyzer emits pairs only, so one
// character finds nothing, and its unicode tokenizer drops full-width digits.
//
// Positions: the pair of characters k and k+1 shares position k with
// character k, so a PhraseQuery over consecutive pairs would match runs of
// text; we keep no term vectors (they doubled the index), so none is used.

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"baosou/index/fold"
)

// The names of Baosou's analysis components in Bleve's registry.
const (
	foldFilterName = "baosou_fold"
	gramsName      = "baosou_grams"
	analyzerName   = "baosou" // the custom analyzer the mapping builds from them
)

func init() {
	registry.RegisterCharFilter(foldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
		return foldFilter{}, nil
	})
	registry.RegisterTokenizer(gramsName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return gramTokenizer{}, nil
	})
}

// foldFilter turns text into its search form (see package fold). Text that
// is already a search form, as the library indexes, comes back unchanged.
type foldFilter struct{}

func (foldFilter) Filter(in []byte) []byte { return []byte(fold.String(string(in))) }

// gramTokenizer emits every unit (see fold.IsUnit) and every adjacent pair
// of units. One allocation for all tokens: an article makes thousands, and
// their terms are slices of the input, which a pair's two characters are.
type gramTokenizer struct{}

func (gramTokenizer) Tokenize(in []byte) analysis.TokenStream {
	n := 0
	for i := 0; i < len(in); {
		r, size := decodeRune(in[i:])
		if fold.IsUnit(r) {
			n++
		}
		i += size
	}
	if n == 0 {
		return nil
	}
	slab := make([]analysis.Token, 0, 2*n)
	out := make(analysis.TokenStream, 0, 2*n)
	pos, prev := 0, -1 // prev: byte offset of the unit before, or -1 after a break
	for i := 0; i < len(in); {
		r, size := decodeRune(in[i:])
		if !fold.IsUnit(r) {
			prev = -1
			i += size
			continue
		}
		pos++
		typ := analysis.AlphaNumeric
		if fold.IsWide(r) {
			typ = analysis.Ideographic
		}
		end := i + size
		slab = append(slab, analysis.Token{Term: in[i:end:end], Start: i, End: end, Position: pos, Type: typ})
		out = append(out, &slab[len(slab)-1])
		if prev >= 0 {
			slab = append(slab, analysis.Token{Term: in[prev:end:end], Start: prev, End: end, Position: pos - 1, Type: analysis.Shingle})
			out = append(out, &slab[len(slab)-1])
		}
		prev = i
		i = end
	}
	return out
}

func decodeRune(b []byte) (rune, int) {
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// gramTerms returns the index terms that find every text containing the
// search form s: the term itself when it is one unit or a pair, else each
// distinct pair (and each lone unit between non-units), at most maxGrams of
// them spread over the term. exact reports whether the terms' documents are
// exactly those containing s, with no check of the text needed.
func gramTerms(s string) (terms []string, exact bool) {
	form := []rune(s)
	runs := fold.Runs(form)
	if len(runs) == 0 {
		return nil, false
	}
	seen := map[string]bool{}
	for _, r := range runs {
		for _, t := range fold.Pairs(r) {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	if len(terms) > maxGrams {
		spread := make([]string, 0, maxGrams)
		for i := 0; i < maxGrams; i++ {
			spread = append(spread, terms[i*(len(terms)-1)/(maxGrams-1)])
		}
		terms = spread
	}
	exact = len(runs) == 1 && len(form) <= 2 && len(runs[0]) == len(form)
	return terms, exact
}

// maxGrams bounds the index look-ups of one long term; the check of each
// candidate against its text finds the exact matches anyway.
const maxGrams = 12
