package article

import (
	"path/filepath"
	"strings"
)

// NameInfo is what a file name says about the page it holds.
type NameInfo struct {
	Year int  // 1900-2099; 0 when the name has none
	Date Date // the whole date, when the name has one (2020-02-28); else zero
	Page int  // the page number after the date (2020-02-28_03.pdf); 0 when none
}

// FromName reads the date and page that e-paper downloads carry in their
// names: 2020-02-28_03.pdf, 20200228-03.pdf, jzrb20200228003.pdf,
// 2020年2月28日第3版.txt, 2020.2.28-A03.txt; a folder named for the date
// (2020-02-28/03.pdf) counts too. A date is a year 1900-2099 with a valid
// month and day, written YYYYMMDD or with -, _, . or / or 年月日 between;
// the page is 1-3 digits after it (alone, or after a separator, p, A-Z or
// 第, before 版 or the end), so a time (20200228103045) is not a page.
// Without a whole date, Year is still read from a year alone
// (2020.txt, /pages/1999/page3.txt) or a year and month (202003).
func FromName(name string) NameInfo {
	name = strings.ReplaceAll(name, "\\", "/")
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if d, rest, ok := findDate(base); ok {
		return NameInfo{Year: d.Year, Date: d, Page: pageAfter(rest)}
	}
	if dir := filepath.Base(filepath.Dir(name)); dir != "." && dir != "/" {
		if d, rest, ok := findDate(dir); ok && pageAfter(rest) == 0 {
			return NameInfo{Year: d.Year, Date: d, Page: pageAfter(base)}
		}
	}
	y := yearIn(base)
	if y == 0 {
		y = yearIn(name)
	}
	return NameInfo{Year: y}
}

// YearFromName finds a year 1900-2099 in a file name such as 2020-03-01.txt
// or 人民日报20200301.txt; see FromName. It returns 0 if none.
func YearFromName(name string) int { return FromName(name).Year }

// findDate finds the first whole date in s and returns it with the text after it.
func findDate(s string) (Date, string, bool) {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		if d, n := dateAt(s[i:]); n > 0 {
			return d, s[i+n:], true
		}
	}
	return Date{}, "", false
}

// dateAt reads a date at the start of s: YYYYMMDD (then a page may follow
// straight on: 20200228003), YYYY-M-D with any of - _ . / as separators, or
// YYYY年M月D日. It returns the date and its length.
func dateAt(s string) (Date, int) {
	j := 0
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j >= 8 && j <= 11 {
		d := Date{atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8])}
		if validDate(d) {
			return d, 8
		}
		return Date{}, 0
	}
	if j != 4 {
		return Date{}, 0
	}
	if d, n := mastheadDate(s); n > 0 {
		return d, n
	}
	// YYYY_MM_DD and mixed separators, which mastheadDate does not read.
	var nums []int
	i := 4
	for k := 0; k < 2; k++ {
		if i >= len(s) || !strings.ContainsRune("-_./", rune(s[i])) {
			return Date{}, 0
		}
		i++
		k0 := i
		for i < len(s) && isDigit(s[i]) && i-k0 < 2 {
			i++
		}
		if i == k0 {
			return Date{}, 0
		}
		nums = append(nums, atoi(s[k0:i]))
	}
	if i < len(s) && isDigit(s[i]) {
		return Date{}, 0
	}
	d := Date{atoi(s[:4]), nums[0], nums[1]}
	if !validDate(d) {
		return Date{}, 0
	}
	return d, i
}

// pageAfter reads a page number at the start of what follows a date:
// 03, _03, -A03, _p3, 第3版; 0 if there is none.
func pageAfter(s string) int {
	s = strings.TrimLeft(s, "-_.# ")
	s = strings.TrimPrefix(s, "第")
	for _, p := range []string{"page", "Page", "PAGE", "p", "P", "版"} {
		if t, ok := strings.CutPrefix(s, p); ok && t != "" && isDigit(t[0]) {
			s = t
			break
		}
	}
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' && len(s) > 1 && isDigit(s[1]) {
		s = s[1:]
	}
	j := 0
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == 0 || j > 3 {
		return 0
	}
	rest := strings.TrimPrefix(s[j:], "版")
	if rest != "" && !strings.ContainsRune("-_. (（", rune(rest[0])) {
		return 0
	}
	return atoi(s[:j])
}

func yearIn(s string) int {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if y := atoi(s[i:min(i+4, j)]); y >= 1900 && y <= 2099 {
			if n := j - i; n == 4 || (n >= 6 && validMonth(atoi(s[i+4:i+6]))) {
				return y
			}
		}
		i = j
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func validMonth(m int) bool { return m >= 1 && m <= 12 }

// atoi converts a short run of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
