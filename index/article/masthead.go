package article

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// masthead is what the running head of a page says about it.
type masthead struct {
	date      Date   // the publication date
	page      int    // 版次
	section   string // 版名: 要闻
	newspaper string // 焦作日报
}

func (m masthead) String() string {
	var parts []string
	if !m.date.IsZero() {
		parts = append(parts, "published "+m.date.String())
	}
	if m.page > 0 {
		parts = append(parts, fmt.Sprintf("page %d", m.page))
	}
	if m.section != "" {
		parts = append(parts, "section "+m.section)
	}
	if m.newspaper != "" {
		parts = append(parts, "newspaper "+m.newspaper)
	}
	return strings.Join(parts, ", ")
}

// merge fills what m lacks from n.
func (m *masthead) merge(n masthead) {
	if m.date.IsZero() {
		m.date = n.date
	}
	if m.page == 0 {
		m.page = n.page
	}
	if m.section == "" {
		m.section = n.section
	}
	if m.newspaper == "" {
		m.newspaper = n.newspaper
	}
}

// editorWords open the editors' credits a masthead may carry (责任编辑：张三).
var editorWords = []string{"责任编辑", "責任編輯", "图片编辑", "版式设计", "责编", "编辑", "美编", "校对", "版式", "组版", "审读", "排版", "视觉"}

// mastheadLine reads a line of a page's running head: a date
// (2020年2月28日, 二〇二〇年二月二十八日, 2020-02-28), the weekday, the
// lunar date, the page (第3版, A3版, 03版, 第三版), its section (要闻), the
// paper's name (焦作日报), issue numbers and editors, in any order. strong is
// false for a line that says only a name or section, which counts only
// beside a strong one.
func mastheadLine(line string) (m masthead, strong, ok bool) {
	fields := strings.FieldsFunc(line, func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("|｜·•、，,：:　", r)
	})
	if len(fields) == 0 || len(fields) > 12 {
		return masthead{}, false, false
	}
	var s mastheadScan
	for k := 0; k < len(fields); k++ {
		if s.editor && validNames(fields[k]) { // the name after 责任编辑：
			s.editor = false
			continue
		}
		s.editor = false
		if !s.field(fields[k]) {
			return masthead{}, false, false
		}
	}
	if s.m.page == 0 && s.bare > 0 && (!s.m.date.IsZero() || s.m.section != "") {
		s.m.page = s.bare
	}
	strong = !s.m.date.IsZero() || s.m.page > 0 || (s.weekday && s.m.section != "")
	return s.m, strong, strong || s.m.section != "" || s.m.newspaper != ""
}

type mastheadScan struct {
	m        masthead
	weekday  bool
	editor   bool // the last field was an editor's role: a name may follow
	bare     int  // a lone number, the page when nothing else says it
	sections int
	words    bool // a name or section may come next: at a field's start, or after the page (第3版要闻)
}

// field consumes one field of a masthead line, which may hold several
// tokens printed together (2020年2月28日星期五第3版).
func (s *mastheadScan) field(f string) bool {
	s.words = true
	for f != "" {
		n := s.token(f)
		if n <= 0 {
			return false
		}
		f = f[n:]
	}
	return true
}

// token reads one token at the start of f and returns its length, 0 if none.
func (s *mastheadScan) token(f string) int {
	words := s.words
	s.words = false
	if d, n := mastheadDate(f); n > 0 {
		s.m.date = d
		return n
	}
	if n := weekdayLen(f); n > 0 {
		s.weekday = true
		return n
	}
	if p, n := pageToken(f); n > 0 {
		s.m.page = p
		s.words = true
		return n
	}
	for _, w := range editorWords {
		if strings.HasPrefix(f, w) {
			s.editor = true
			rest := f[len(w):]
			if validNames(rest) {
				return len(f)
			}
			return len(w)
		}
	}
	if n := issueLen(f); n > 0 {
		return n
	}
	if isDigits(f) && len(f) <= 3 && atoi(f) > 0 {
		s.bare = atoi(f)
		return len(f)
	}
	run := hanPrefix(f)
	if strings.HasPrefix(run, "农历") || strings.HasPrefix(run, "農曆") {
		return len(run)
	}
	if !words {
		return 0
	}
	return s.name(run, len(run) == len(f))
}

// name reads the paper's name (…报) or the section's (要闻), which stand
// at the start of a field, the section alone in it.
func (s *mastheadScan) name(run string, whole bool) int {
	n := utf8.RuneCountInString(run)
	switch {
	case n >= 2 && n <= 10 && (strings.HasSuffix(run, "报") || strings.HasSuffix(run, "報")) && s.m.newspaper == "":
		s.m.newspaper = run
	case n >= 2 && n <= 8 && s.sections < 2 && whole:
		s.sections++
		if s.m.section == "" {
			s.m.section = run
		} else {
			s.m.section += " " + run
		}
	default:
		return 0
	}
	return len(run)
}

// mastheadDate reads a full date at the start of f: 2020年2月28日,
// 二〇二〇年二月二十八日, 2020-02-28, 2020.2.28, 2020/02/28.
func mastheadDate(f string) (Date, int) {
	c := &cursor{lines: []string{f}}
	if d := c.date(); d.Year > 0 {
		if !validDate(d) {
			return Date{}, 0
		}
		return d, c.j
	}
	if d, n := cnDate(f); n > 0 {
		return d, n
	}
	if len(f) < 8 || !isDigits(f[:4]) {
		return Date{}, 0
	}
	i := 4
	sep := f[i]
	if sep != '-' && sep != '.' && sep != '/' {
		return Date{}, 0
	}
	nums := []int{atoi(f[:4])}
	for k := 0; k < 2; k++ {
		i++
		j := i
		for j < len(f) && j-i < 2 && isDigit(f[j]) {
			j++
		}
		if j == i {
			return Date{}, 0
		}
		nums = append(nums, atoi(f[i:j]))
		i = j
		if k == 0 && (i >= len(f) || f[i] != sep) {
			return Date{}, 0
		}
	}
	d := Date{nums[0], nums[1], nums[2]}
	if !validDate(d) {
		return Date{}, 0
	}
	return d, i
}

func validDate(d Date) bool {
	return d.Year >= 1900 && d.Year <= 2099 && validMonth(d.Month) && d.Day >= 1 &&
		d.Day <= time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// cnDigits are the digits of dates written in Chinese: 二〇二〇年.
const cnDigits = "〇一二三四五六七八九"

// cnDate reads 二〇二〇年二月二十八日.
func cnDate(f string) (Date, int) {
	y, n := 0, 0
	i := 0
	for _, r := range f {
		k := strings.IndexRune(cnDigits, r)
		if r == '零' || r == 'Ｏ' || r == 'O' || r == '○' {
			k = 0
		}
		if k < 0 {
			break
		}
		if k > 0 {
			k = utf8.RuneCountInString(cnDigits[:k])
		}
		y = y*10 + k
		n++
		i += utf8.RuneLen(r)
	}
	if n != 4 || !strings.HasPrefix(f[i:], "年") {
		return Date{}, 0
	}
	i += len("年")
	m, j := cnSmall(f[i:])
	if j == 0 || !strings.HasPrefix(f[i+j:], "月") {
		return Date{}, 0
	}
	i += j + len("月")
	d, j := cnSmall(f[i:])
	if j == 0 || !(strings.HasPrefix(f[i+j:], "日") || strings.HasPrefix(f[i+j:], "号")) {
		return Date{}, 0
	}
	date := Date{y, m, d}
	if !validDate(date) {
		return Date{}, 0
	}
	return date, i + j + len("日")
}

// cnSmall reads a number under 100 in Chinese (二十八, 十二, 三十一).
func cnSmall(s string) (int, int) {
	n, tens, i := 0, false, 0
	for _, r := range s {
		k := strings.IndexRune(cnDigits, r)
		switch {
		case r == '十':
			if n == 0 {
				n = 1
			}
			n *= 10
			tens = true
		case k > 0:
			d := utf8.RuneCountInString(cnDigits[:k])
			if tens {
				n += d
			} else {
				n = n*10 + d
			}
		default:
			return n, i
		}
		i += utf8.RuneLen(r)
	}
	return n, i
}

// weekdayLen returns the length of 星期五, 周五 or 礼拜五 at the start of f.
func weekdayLen(f string) int {
	for _, p := range []string{"星期", "礼拜", "禮拜", "周", "週"} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			r := firstRune(rest)
			if strings.ContainsRune("一二三四五六日天1234567", r) {
				return len(p) + utf8.RuneLen(r)
			}
		}
	}
	return 0
}

// pageToken reads 第3版, 第A3版, A3版, 03版, 第三版, 版次3 at the start of f.
func pageToken(f string) (int, int) {
	i := 0
	if rest, ok := strings.CutPrefix(f, "版次"); ok {
		j := len(f) - len(rest)
		k := j
		for k < len(f) && isDigit(f[k]) {
			k++
		}
		if k > j && k-j <= 3 && atoi(f[j:k]) > 0 {
			return atoi(f[j:k]), k
		}
		return 0, 0
	}
	if strings.HasPrefix(f, "第") {
		i = len("第")
	}
	if i < len(f) && f[i] >= 'A' && f[i] <= 'Z' {
		i++
	}
	j := i
	for j < len(f) && isDigit(f[j]) {
		j++
	}
	n := 0
	switch {
	case j > i && j-i <= 3:
		n = atoi(f[i:j])
	case j == i:
		v, k := cnSmall(f[i:])
		n, j = v, i+k
	}
	if n <= 0 || !strings.HasPrefix(f[j:], "版") {
		return 0, 0
	}
	return n, j + len("版")
}

// issueLen returns the length of an issue number at the start of f: 第12345期,
// 总第12345期, 今日8版, CN41-0021.
func issueLen(f string) int {
	for _, p := range []string{"总第", "第", "今日", "CN", "cn"} {
		rest, ok := strings.CutPrefix(f, p)
		if !ok {
			continue
		}
		j := 0
		for j < len(rest) && (isDigit(rest[j]) || rest[j] == '-' || rest[j] == '/') {
			j++
		}
		if j == 0 {
			continue
		}
		for _, end := range []string{"期", "版", "号", ""} {
			if strings.HasPrefix(rest[j:], end) && (end != "" || p == "CN" || p == "cn") {
				return len(p) + j + len(end)
			}
		}
	}
	return 0
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// hanPrefix returns the run of Han characters that starts s.
func hanPrefix(s string) string {
	for i, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return s[:i]
		}
	}
	return s
}

// maxMastheadRows bounds the lines a running head may take at the top or
// the bottom of a page.
const maxMastheadRows = 4

// findMasthead marks the running head at the top and at the bottom of the
// page: the first (or last) blocks of lines, up to maxMastheadRows lines,
// while every line of a block is a masthead line and one of them is strong
// (a line with only a name or section stands beside a strong one, so that a
// short headline below the masthead is not taken into it). It returns what
// they say.
func (p *page) findMasthead() masthead {
	var m masthead
	for _, top := range []bool{true, false} {
		taken := 0
		for _, blk := range p.edgeBlocks(top) {
			var got masthead
			strong := false
			ok := taken+len(blk) <= maxMastheadRows
			for _, i := range blk {
				mh, st, isHead := mastheadLine(p.rows[i].raw)
				ok = ok && isHead && p.rows[i].lead == nil && p.rows[i].credit == ""
				strong = strong || st
				got.merge(mh)
			}
			if !ok || !strong {
				break
			}
			taken += len(blk)
			for _, i := range blk {
				p.rows[i].role, p.rows[i].why = RoleMasthead, "running head: "+got.String()+" (metadata of every document)"
			}
			m.merge(got)
		}
	}
	return m
}

// edgeBlocks returns the row indexes of the first (or last) two blocks of
// non-blank rows not yet given a role, in reading order within each block.
func (p *page) edgeBlocks(top bool) [][]int {
	var blocks [][]int
	var cur []int
	n := len(p.rows)
	for k := 0; k < n && len(blocks) < 2; k++ {
		i := k
		if !top {
			i = n - 1 - k
		}
		r := p.rows[i]
		if r.fixed == "" || r.role != "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		if len(cur) > maxMastheadRows {
			break
		}
		if top {
			cur = append(cur, i)
		} else {
			cur = append([]int{i}, cur...)
		}
	}
	if len(cur) > 0 && len(blocks) < 2 {
		blocks = append(blocks, cur)
	}
	return blocks
}
