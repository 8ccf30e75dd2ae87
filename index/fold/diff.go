package fold

import (
	"encoding/binary"
	"errors"
	"math"
	"sort"
	"unicode/utf8"
)

// Diff and Undiff let a library keep an article's text once: its search form,
// plus what Undiff needs to give the displayed text back. Most characters are
// their own search form; each one that is not (traditional, upper case, full
// width, a dropped OCR space) is recorded as the number of characters since
// the previous one (or the start) that are, and a code: 2k for "the k-th rune whose search form is this search-form
// rune" (see variants), or 2c+1 and the rune itself for a rune that gave c
// runes of search form. Traditional text costs about two bytes a traditional
// character, before compression; simplified text almost nothing.

// ErrDiff is a diff that does not fit the search form it is applied to.
var ErrDiff = errors.New("fold: diff does not match the search form")

// variants returns the runes other than f whose search form is f alone, in
// order (upper case, traditional, full width ...), from variantTable.
func variants(f rune) []folded {
	i := sort.Search(len(variantTable), func(i int) bool { return variantTable[i].r >= f })
	j := i
	for j < len(variantTable) && variantTable[j].r == f {
		j++
	}
	return variantTable[i:j]
}

// variantIndex returns the position of r among the variants of f, or -1.
func variantIndex(f, r rune) int {
	var buf [utf8.UTFMax]byte
	s := string(buf[:utf8.EncodeRune(buf[:], r)])
	for k, v := range variants(f) {
		if v.f == s {
			return k
		}
	}
	return -1
}

// Diff appends to dst what Undiff needs to rebuild s from String(s).
func Diff(dst []byte, s string) []byte {
	form, src := Map(s)
	j, same, i := 0, 0, 0
	for _, r := range s {
		c := 0
		for j+c < len(form) && int(src[j+c]) == i {
			c++
		}
		if c == 1 && form[j] == r {
			same++
		} else {
			dst = binary.AppendUvarint(dst, uint64(same))
			same = 0
			if k := variantIfOne(form, j, c, r); k >= 0 {
				dst = binary.AppendUvarint(dst, uint64(2*k))
			} else {
				dst = binary.AppendUvarint(dst, uint64(2*c+1))
				dst = binary.AppendUvarint(dst, uint64(r))
			}
		}
		j += c
		i++
	}
	return dst
}

func variantIfOne(form []rune, j, c int, r rune) int {
	if c != 1 {
		return -1
	}
	return variantIndex(form[j], r)
}

// Undiff rebuilds a text from its search form and its Diff.
func Undiff(form string, diff []byte) (string, error) {
	return undiff(form, diff, 0, math.MaxInt, true)
}

// UndiffRange rebuilds only the part of a text that gives runes [from, to)
// of its search form: a hit's snippet needs a window of its article, and
// rebuilding everything before the window cost more than the search.
// White space dropped between two runes of the window is kept; a rune that
// gave several runes of search form is kept when any of them is in it.
func UndiffRange(form string, diff []byte, from, to int) (string, error) {
	return undiff(form, diff, from, to, false)
}

// undiff implements Undiff and UndiffRange: with whole, also the runes that
// gave no search form before the first rune or after the last.
func undiff(form string, diff []byte, from, to int, whole bool) (string, error) {
	if from >= to {
		return "", nil
	}
	var out []byte
	if whole {
		out = make([]byte, 0, min(len(form)+len(form)/4, 1<<20))
	}
	j, b := 0, 0 // runes and bytes of form used
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(diff)
		if n <= 0 {
			return 0, false
		}
		diff = diff[n:]
		return v, true
	}
	// skip passes over n runes of form, copying those in the window.
	skip := func(n uint64) bool {
		for ; n > 0; n-- {
			if b >= len(form) {
				return false
			}
			size := 1
			if form[b] >= utf8.RuneSelf {
				_, size = utf8.DecodeRuneInString(form[b:])
			}
			if j >= from && j < to {
				out = append(out, form[b:b+size]...)
			}
			b += size
			j++
		}
		return true
	}
	for len(diff) > 0 && j < to {
		gap, ok := next()
		if !ok || !skip(min(gap, uint64(max(to-j, 0)))) {
			return "", ErrDiff
		}
		if j >= to {
			break
		}
		code, ok := next()
		if !ok {
			return "", ErrDiff
		}
		if code%2 == 0 {
			if b >= len(form) {
				return "", ErrDiff
			}
			f, size := utf8.DecodeRuneInString(form[b:])
			if j >= from {
				v := variants(f)
				if code/2 >= uint64(len(v)) {
					return "", ErrDiff
				}
				out = append(out, v[code/2].f...)
			}
			b += size
			j++
			continue
		}
		r, ok := next()
		if !ok || r > utf8.MaxRune {
			return "", ErrDiff
		}
		c := int(code / 2)
		// r gave runes [j, j+c) of the form; none (c == 0) when it was dropped.
		inside := j > from && b < len(form)
		if c == 0 && (whole || inside) || c > 0 && j+c > from {
			out = utf8.AppendRune(out, rune(r))
		}
		for ; c > 0; c-- {
			if b >= len(form) {
				return "", ErrDiff
			}
			_, size := utf8.DecodeRuneInString(form[b:])
			b += size
			j++
		}
	}
	switch {
	case j >= to:
	case whole:
		out = append(out, form[b:]...) // the rest is its own search form
	default:
		skip(uint64(to - j)) // stops at the form's end, which is fine
	}
	return string(out), nil
}
