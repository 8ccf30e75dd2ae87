// Package fold turns text into its search form, so that a query finds the
// printed text whatever its width, case or script: NFKC (２月 -> 2月), lower
// case, traditional -> simplified (復工 -> 复工), and no OCR spaces between
// Chinese characters (房 地 产 -> 房地产). The displayed text is never changed;
// Map gives the way back from a position in the search form to the original.
package fold

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// folded is a rune and its search form (see table.go).
type folded struct {
	r rune
	f string
}

// single[r] is the search form of the BMP rune r when that is one rune, or
// -1 when it is several (then table has it). An array, because folding every
// character of every imported article is on the import's hot path.
var single [0x10000]rune

func init() {
	for r := range single {
		single[r] = rune(r)
	}
	for _, e := range table {
		single[e.r] = -1
		if utf8.RuneCountInString(e.f) == 1 {
			single[e.r], _ = utf8.DecodeRuneInString(e.f)
		}
	}
}

// lookup returns r's search form from table.
func lookup(r rune) (string, bool) {
	i := sort.Search(len(table), func(i int) bool { return table[i].r >= r })
	if i < len(table) && table[i].r == r {
		return table[i].f, true
	}
	return "", false
}

// Rune appends r's search form to dst.
func Rune(dst []rune, r rune) []rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, r)
	case r < 0x10000 && single[r] >= 0:
		return append(dst, single[r])
	}
	if f, ok := lookup(r); ok {
		for _, c := range f {
			dst = append(dst, c)
		}
		return dst
	}
	return append(dst, unicode.ToLower(r))
}

// IsWide reports whether r is a Chinese (or other CJK) character or CJK
// punctuation: spaces next to one are OCR noise, not word breaks.
func IsWide(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r <= 0x9FFF, // CJK radicals, punctuation, kana, Han
		0xAC00 <= r && r <= 0xD7AF, // Hangul
		0xF900 <= r && r <= 0xFAFF, // compatibility ideographs
		0xFE30 <= r && r <= 0xFE4F, // vertical forms
		0xFF00 <= r && r <= 0xFFEF, // full-width forms
		0x20000 <= r && r <= 0x3FFFF:
		return true
	}
	return false
}

// IsUnit reports whether r is a searchable character in the search form:
// letters and digits of any script, Han included. Punctuation and spaces are not.
func IsUnit(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	if 0x4E00 <= r && r <= 0x9FFF { // the common Han block, checked first: it is most of the text
		return true
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// String returns the search form of s.
func String(s string) string {
	f, _ := fold(s, false, -1)
	return string(f)
}

// Map returns the search form of s as runes, and for each of them the index
// (in code points) of the rune of s it came from.
func Map(s string) (form []rune, src []int32) {
	return fold(s, true, -1)
}

// Locate returns the index (in code points) and the byte offset in s of the
// rune that gives the n-th rune of s's search form, reading s only that far.
// ok is false when the search form is shorter.
func Locate(s string, n int) (runeIndex, byteOffset int, ok bool) {
	_, src := fold(s, true, n+1)
	if n < 0 || n >= len(src) {
		return 0, 0, false
	}
	runeIndex = int(src[n])
	k := 0
	for b := range s {
		if k == runeIndex {
			return runeIndex, b, true
		}
		k++
	}
	return 0, 0, false
}

// fold implements String, Map and Locate. Line breaks are kept (they end
// paragraphs); other white space is dropped next to a wide character and
// otherwise becomes one space. With limit >= 0 it stops after that many runes.
func fold(s string, withSrc bool, limit int) ([]rune, []int32) {
	out := make([]rune, 0, len(s)/2+8)
	var src []int32
	if withSrc {
		src = make([]int32, 0, cap(out))
	}
	var prev rune = '\n' // last non-space rune written, as written
	pending := false     // white space seen since prev
	i := int32(-1)
	for _, r := range s {
		if limit >= 0 && len(out) >= limit {
			return out, src
		}
		i++
		if r == '\n' {
			pending = false
			prev = '\n'
			out = trimSpace(out, &src, withSrc)
			out = append(out, '\n')
			if withSrc {
				src = append(src, i)
			}
			continue
		}
		if unicode.IsSpace(r) || r == 0 {
			pending = true
			continue
		}
		if pending && prev != '\n' && !IsWide(prev) && !IsWide(r) {
			out = append(out, ' ')
			if withSrc {
				src = append(src, i-1)
			}
		}
		pending = false
		n := len(out)
		out = Rune(out, r)
		if withSrc {
			for range out[n:] {
				src = append(src, i)
			}
		}
		prev = r
	}
	return trimSpace(out, &src, withSrc), src
}

func trimSpace(out []rune, src *[]int32, withSrc bool) []rune {
	for len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
		if withSrc {
			*src = (*src)[:len(*src)-1]
		}
	}
	return out
}

// Runs splits a search form into maximal runs of units (see IsUnit): the
// pieces a query term is looked up by.
func Runs(form []rune) [][]rune {
	var runs [][]rune
	start := -1
	for i, r := range form {
		if IsUnit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			runs = append(runs, form[start:i])
			start = -1
		}
	}
	if start >= 0 {
		runs = append(runs, form[start:])
	}
	return runs
}

// Grams returns the index terms of one run: every character alone and every
// adjacent pair. Both are indexed so that one- and two-character queries are
// answered exactly from the index, and longer ones from pairs.
func Grams(run []rune, emit func(term string)) {
	var b strings.Builder
	for i, r := range run {
		emit(string(r))
		if i+1 < len(run) {
			b.Reset()
			b.WriteRune(r)
			b.WriteRune(run[i+1])
			emit(b.String())
		}
	}
}

// Pairs returns every adjacent pair of a run, or the run itself when it is
// one character: the terms that find all texts containing the run.
func Pairs(run []rune) []string {
	if len(run) == 1 {
		return []string{string(run)}
	}
	terms := make([]string, 0, len(run)-1)
	for i := 0; i+1 < len(run); i++ {
		terms = append(terms, string(run[i:i+2]))
	}
	return terms
}
