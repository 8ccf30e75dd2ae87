package article

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lead is what the opening 本报讯（记者X）M月D日 of an article says.
type lead struct {
	date     Date // Year 0 unless the lead prints one
	reporter string
}

// cursor walks runes across lines as if they were one text with '\n'
// between them, so that a lead broken over a column (2月\n26日) matches.
type cursor struct {
	lines  []string
	i, j   int // line, byte offset in it
	breaks int // line breaks crossed
}

// maxLeadBreaks bounds how many line breaks a lead may span (a blank line
// from a column break counts two), which also bounds the work per lead.
const maxLeadBreaks = 3

// peek returns the rune at the cursor, '\n' at the end of a line that has a
// successor, and -1 at the end of the text.
func (c *cursor) peek() (rune, int) {
	if c.i >= len(c.lines) {
		return -1, 0
	}
	if c.j >= len(c.lines[c.i]) {
		if c.i+1 >= len(c.lines) {
			return -1, 0
		}
		return '\n', 0
	}
	return utf8.DecodeRuneInString(c.lines[c.i][c.j:])
}

func (c *cursor) next() {
	r, size := c.peek()
	switch {
	case r == '\n':
		c.i, c.j = c.i+1, 0
		c.breaks++
	case r >= 0:
		c.j += size
	}
}

// skipSpace moves past white space and line breaks, within maxLeadBreaks.
func (c *cursor) skipSpace() {
	for {
		r, _ := c.peek()
		if r < 0 || !isSpace(r) || (r == '\n' && c.breaks >= maxLeadBreaks) {
			return
		}
		c.next()
	}
}

// accept consumes the next non-space rune if it is one of set.
func (c *cursor) accept(set string) bool {
	c.skipSpace()
	r, _ := c.peek()
	if r < 0 || r == '\n' || !strings.ContainsRune(set, r) {
		return false
	}
	c.next()
	return true
}

// number reads up to maxDigits ASCII or full-width digits; -1 if there are none.
func (c *cursor) number(maxDigits int) int {
	c.skipSpace()
	n, digits := 0, 0
	for digits < maxDigits {
		r, _ := c.peek()
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			if digits == 0 {
				return -1
			}
			return n
		}
		digits++
		c.next()
	}
	return n
}

// matchLead matches 本报讯（记者X）M月D日 at lines[i][j:], allowing white
// space and line breaks between the pieces. The brackets and the date are
// optional; the end of the lead is not needed, as the lead stays in the text.
func matchLead(lines []string, i, j int) (lead, bool) {
	l, _, ok := matchLeadEnd(lines, i, j)
	return l, ok
}

// matchLeadEnd is matchLead that also returns where the lead ends.
func matchLeadEnd(lines []string, i, j int) (lead, *cursor, bool) {
	c := &cursor{lines: lines, i: i, j: j}
	if !c.accept("本") || !c.accept("报報") || !c.accept("讯訊") {
		return lead{}, nil, false
	}
	var l lead
	save := *c
	if c.accept("（(") {
		if who, ok := c.bracket(); ok {
			l.reporter = cleanNames(stripRoles(who))
		} else {
			*c = save
		}
	}
	l.date = c.date()
	return l, c, true
}

// bracket reads up to the closing bracket of a lead, at most 60 runes.
func (c *cursor) bracket() (string, bool) {
	var b strings.Builder
	for n := 0; n < 60; n++ {
		r, _ := c.peek()
		switch {
		case r < 0 || (r == '\n' && c.breaks >= maxLeadBreaks):
			return "", false
		case r == '）' || r == ')':
			c.next()
			return b.String(), true
		case r == '\n':
			r = ' '
		}
		b.WriteRune(r)
		c.next()
	}
	return "", false
}

// date reads [YYYY年]M月D日; the zero Date, the cursor unmoved, if there is none.
func (c *cursor) date() Date {
	save := *c
	y := 0
	if n := c.number(4); n >= 1900 && c.accept("年") {
		y = n
	} else {
		*c = save
	}
	m := c.number(2)
	ok := m >= 1 && m <= 12 && c.accept("月")
	d := -1
	if ok {
		d = c.number(2)
	}
	if !ok || d < 1 || d > 31 || !c.accept("日号") {
		*c = save
		return Date{}
	}
	return Date{Year: y, Month: m, Day: d}
}

// roles are the job titles printed before names in bylines and credits.
var roles = []string{"本报特约记者", "本报见习记者", "本报通讯员", "本报记者", "特约记者", "见习记者", "实习记者",
	"记者", "通讯员", "实习生", "本報記者", "記者", "通訊員"}

// stripRoles blanks out the job titles in a byline, keeping the names.
func stripRoles(s string) string {
	for _, r := range roles {
		s = strings.ReplaceAll(s, r, " ")
	}
	return s
}

// cleanNames tidies the names of a byline: OCR-spaced single characters
// (郭 树 勋) are joined, names printed apart (张三 李四) keep one space,
// other separators (张三、李四) stay as printed.
func cleanNames(s string) string {
	var out []string
	single := false // the last name so far was built from single runes
	for _, f := range strings.FieldsFunc(s, isSpace) {
		one := utf8.RuneCountInString(f) == 1 && isCJK(firstRune(f))
		if one && single {
			out[len(out)-1] += f
			continue
		}
		out = append(out, f)
		single = one
	}
	return strings.Trim(strings.Join(out, " "), "、，, ")
}

// parseCredit recognises a photo credit at the end of a line: 本报记者 郭树勋 摄,
// 记者 X 摄, X/摄, X 摄. It returns the photographer and the text before the
// credit. A role, a slash or a space before 摄 must be there, and without a
// role the name must be 2-3 characters, so that a line merely ending in 拍摄
// is not taken for a credit.
func parseCredit(line string) (who, before string, ok bool) {
	s := strings.TrimFunc(line, isSpace)
	s, ok = cutSuffix(s, "摄影", "摄", "攝")
	if !ok {
		return "", "", false
	}
	marked := s != strings.TrimRightFunc(s, isSpace)
	s = strings.TrimFunc(s, isSpace)
	if t := strings.TrimRight(s, "/／"); t != s {
		s, marked = t, true
	}
	at := 0 // the credit starts at the line start or after a sentence
	for i, r := range s {
		if strings.ContainsRune("。！？!?", r) {
			at = i + utf8.RuneLen(r)
		}
	}
	names := stripRoles(s[at:])
	role := names != s[at:]
	who = cleanNames(names)
	if !(marked || role) || !validNames(who) || (!role && utf8.RuneCountInString(who) > 3) {
		return "", "", false
	}
	return who, strings.TrimFunc(s[:at], isSpace), true
}

// validNames reports whether s looks like one or a few personal names.
func validNames(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 20 {
		return false
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '、' }) {
		n := utf8.RuneCountInString(f)
		if n < 2 || (n > 4 && !strings.ContainsRune(f, '·')) {
			return false
		}
		for _, r := range f {
			if !unicode.Is(unicode.Han, r) && r != '·' {
				return false
			}
		}
	}
	return true
}

func cutSuffix(s string, suffixes ...string) (string, bool) {
	for _, x := range suffixes {
		if t, ok := strings.CutSuffix(s, x); ok {
			return t, true
		}
	}
	return s, false
}

// YearFromName finds a year 1900-2099 in a file name such as 2020-03-01.txt
// or 人民日报20200301.txt: a run of exactly four digits, or the first four of
// a longer run that continues with a month (YYYYMM…). It returns 0 if none.
func YearFromName(name string) int {
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if y := yearIn(base); y > 0 {
		return y
	}
	return yearIn(name)
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
