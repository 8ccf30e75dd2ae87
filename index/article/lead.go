package article

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// leadForm says how an article opens (or, for formEnd, closes).
type leadForm int

const (
	formPaper  leadForm = iota // 本报讯（记者X）M月D日, 本报北京3月1日讯, 本报综合消息
	formWire                   // 新华社北京3月1日电（记者X）, 据新华社电
	formReport                 // 本报记者 张伟 报道：
	formByline                 // a byline alone on its line: ■本报记者 陈静, 文/张三
	formEnd                    // a byline closing the text: （记者 刘洋）
)

// lead is what the opening of an article (or a byline) says.
type lead struct {
	form   leadForm
	text   string // the words that opened it, for Explain: 本报讯, 新华社北京3月1日电
	date   Date   // Year 0 unless the lead prints one
	people credits
	agency string // 新华社, 人民网
	place  string // 北京 in 新华社北京3月1日电 or 本报北京3月1日讯
}

// describe words the lead for Explain.
func (l *lead) describe() string {
	var parts []string
	switch l.form {
	case formWire:
		parts = append(parts, "wire dateline "+l.text)
	case formReport:
		parts = append(parts, "byline 报道")
	case formByline:
		parts = append(parts, "byline on its own line")
	case formEnd:
		parts = append(parts, "byline at the end of the text")
	default:
		parts = append(parts, l.text+" lead")
	}
	if len(l.people.reporters) > 0 {
		parts = append(parts, "reporter "+strings.Join(l.people.reporters, " "))
	}
	for _, c := range l.people.contributors {
		parts = append(parts, c)
	}
	if len(l.people.photographers) > 0 {
		parts = append(parts, "photographer "+strings.Join(l.people.photographers, " "))
	}
	if l.agency != "" {
		parts = append(parts, "agency "+l.agency)
	}
	if l.place != "" {
		parts = append(parts, "place "+l.place)
	}
	if !l.date.IsZero() {
		parts = append(parts, fmt.Sprintf("date %d月%d日", l.date.Month, l.date.Day))
	}
	return strings.Join(parts, ", ")
}

// cursor walks runes across lines as if they were one text with '\n'
// between them, so that a lead broken over a column (2月\n26日) matches.
type cursor struct {
	lines  []string
	i, j   int  // line, byte offset in it
	breaks int  // line breaks crossed
	skim   bool // only find where a lead ends: do not read its names
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
	save := *c
	c.skipSpace()
	r, _ := c.peek()
	if r < 0 || r == '\n' || !strings.ContainsRune(set, r) {
		*c = save
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
		case r == '\n' && digits > 0 && c.breaks < maxLeadBreaks: // a number wrapped by the column: 2月2\n4日
			save := *c
			for r, _ := c.peek(); r == '\n' && c.breaks < maxLeadBreaks; r, _ = c.peek() {
				c.next() // a column break may fall there too
			}
			if r, _ := c.peek(); (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
				continue
			}
			*c = save
			return n
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

// han reads up to max Han characters, with no spaces between them but
// maybe a line break (a dateline wrapped by the column).
func (c *cursor) han(max int) string {
	var b strings.Builder
	for n := 0; n < max; n++ {
		r, _ := c.peek()
		if r == '\n' && n > 0 && c.breaks < maxLeadBreaks {
			save := *c
			c.next()
			if r, _ = c.peek(); r < 0 || !unicode.Is(unicode.Han, r) {
				*c = save
				break
			}
		}
		if r < 0 || !unicode.Is(unicode.Han, r) {
			break
		}
		b.WriteRune(r)
		c.next()
	}
	return b.String()
}

// matchLead matches a lead of the 本报讯 family at lines[i][j:] (本报讯,
// 本报北京3月1日讯, 本报综合消息, then a byline in brackets or not, then a
// date), allowing white space and line breaks between the pieces. The end of
// the lead is not needed, as the lead stays in the text.
func matchLead(lines []string, i, j int) (lead, bool) {
	l, _, ok := matchLeadEnd(lines, i, j)
	return l, ok
}

// matchLeadEnd is matchLead that also returns where the lead ends.
func matchLeadEnd(lines []string, i, j int) (lead, *cursor, bool) {
	return matchLeadFrom(&cursor{lines: lines, i: i, j: j})
}

func matchLeadFrom(c *cursor) (lead, *cursor, bool) {
	if !c.accept("本") || !c.accept("报報") {
		return lead{}, nil, false
	}
	l := lead{form: formPaper, text: "本报讯"}
	if !c.accept("讯訊") && !c.paperDateline(&l) {
		return lead{}, nil, false
	}
	c.byline(&l)
	if l.date.IsZero() {
		l.date = c.date()
	}
	return l, c, true
}

// paperDateline reads what may stand between 本报 and 讯: a place and a
// date (本报北京3月1日讯), or 综合消息 and the like.
func (c *cursor) paperDateline(l *lead) bool {
	save := *c
	place := c.han(8)
	for _, w := range []string{"综合消息", "综合报道", "综合", "消息", "綜合消息"} {
		if place == w {
			r, _ := c.peek()
			if r < 0 || !unicode.Is(unicode.Han, r) {
				l.text = "本报" + w
				return true
			}
		}
	}
	date := c.date()
	if (place == "" && date.IsZero()) || utf8.RuneCountInString(place) > 6 || !c.accept("讯訊电電") {
		*c = save
		return false
	}
	l.place, l.date, l.text = place, date, "本报"+place+dateText(date)+"讯"
	return true
}

func dateText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d月%d日", d.Month, d.Day)
}

// byline reads the byline after a lead's opening words: （记者X 通讯员Y） in
// full- or half-width brackets, or 记者李明 before a date or 报道.
func (c *cursor) byline(l *lead) {
	save := *c
	if c.accept("（(") {
		if who, ok := c.bracket(); ok {
			if c.skim {
				return
			}
			if p, ok := parseByline(who); ok {
				l.people = p
			} else if n := cleanNames(who); validNames(n) {
				l.people = credits{reporters: []string{n}}
			}
			return
		}
		*c = save
		return
	}
	c.skipSpace()
	start := *c
	var b strings.Builder
	for n := 0; n < 30; n++ {
		r, _ := c.peek()
		if r < 0 || (r == '\n' && c.breaks >= maxLeadBreaks) || (r >= '0' && r <= '9') || (r >= '０' && r <= '９') {
			break
		}
		if strings.HasPrefix(c.lines[c.i][c.j:], "报道") {
			break
		}
		b.WriteRune(r)
		c.next()
	}
	if _, _, ok := roleAt(b.String()); ok {
		if p, ok := parseByline(b.String()); ok && (c.date() != Date{} || c.accept("报報")) {
			l.people = p
			*c = start
			for range utf8.RuneCountInString(b.String()) {
				c.next()
			}
			return
		}
	}
	*c = save
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

// agencies are the news agencies and outlets whose datelines open wire
// stories (新华社北京3月1日电), longest first where one is a prefix of another.
var agencies = []string{
	"中国新闻网", "中国日报网", "中国青年网", "中国经济网", "中央广播电视总台", "国际在线",
	"新华社", "中新社", "中新网", "人民网", "新华网", "央视网", "央视新闻", "光明网", "环球网",
	"澎湃新闻", "海外网", "中国网", "人民日报", "光明日报", "经济日报", "工人日报", "法制日报",
	"中国青年报", "新京报", "美联社", "路透社", "法新社", "共同社", "塔斯社", "韩联社", "德新社",
	"新華社", "中新網", "人民網", "新華網",
}

// agencyFirst holds the first rune of every agency, to skip most positions fast.
var agencyFirst = func() map[rune]bool {
	m := map[rune]bool{'据': true, '據': true}
	for _, a := range agencies {
		m[firstRune(a)] = true
	}
	return m
}()

// matchWire matches a wire dateline at lines[i][j:]: [据]AGENCY[PLACE][M月D日]电
// and a byline after it (新华社北京3月1日电（记者王芳、赵强）, 据新华社电).
// Inside a line (mid) only listed agencies count; at the start of a line
// another (2-5 characters ending in 社, 网 or 报) is accepted before a date.
func matchWire(lines []string, i, j int, mid bool) (lead, bool) {
	l, _, ok := matchWireEnd(lines, i, j, mid)
	return l, ok
}

// matchWireEnd is matchWire that also returns where the dateline ends.
func matchWireEnd(lines []string, i, j int, mid bool) (lead, *cursor, bool) {
	c := &cursor{lines: lines, i: i, j: j}
	if r, _ := c.peek(); !agencyFirst[r] && mid {
		return lead{}, nil, false
	}
	via := c.accept("据據")
	run := c.han(16)
	agency := ""
	for _, a := range agencies {
		if strings.HasPrefix(run, a) {
			agency = a
			break
		}
	}
	generic := agency == ""
	if generic && !mid {
		agency = genericAgency(run)
	}
	if agency == "" {
		return lead{}, nil, false
	}
	place := run[len(agency):]
	l := lead{form: formWire, agency: agency}
	if p, ok := strings.CutSuffix(place, "电"); ok && (via || p != "" || !mid) && !generic {
		place = p // 新华社电, 新华社北京电: no date
	} else {
		l.date = c.date()
		if l.date.IsZero() || !c.accept("电電") {
			return lead{}, nil, false
		}
	}
	if utf8.RuneCountInString(place) > 8 {
		return lead{}, nil, false
	}
	l.place = place
	l.text = strings.TrimSuffix(run, "电") + dateText(l.date) + "电"
	if via {
		l.text = "据" + l.text
	}
	c.byline(&l)
	return l, c, true
}

// genericAgency returns the longest start of run, 2-5 characters long, that
// ends in 社, 网 or 报 (an agency or paper not in the list), or "".
func genericAgency(run string) string {
	best := ""
	n := 0
	for k, r := range run {
		n++
		if n > 5 {
			break
		}
		if n >= 2 && strings.ContainsRune("社网报網報", r) {
			best = run[:k+utf8.RuneLen(r)]
		}
	}
	return best
}

// matchReport matches a byline that opens a paragraph and says 报道:
// 本报记者 张伟 报道：, at the start of line.
func matchReport(line string) (lead, bool) {
	i := strings.Index(line, "报道")
	if i <= 0 || i > 120 {
		return lead{}, false
	}
	p, ok := parseByline(line[:i])
	if !ok {
		return lead{}, false
	}
	l := lead{form: formReport, people: p}
	c := &cursor{lines: []string{line}, j: i + len("报道")}
	c.accept("：:，,")
	l.date = c.date()
	return l, true
}

// matchBylineLine matches a line that is only a byline: ■本报记者 陈静,
// 本报记者 陈静 通讯员 张虹, 张三/文 李四/图, 文/张三.
func matchBylineLine(line string) (lead, bool) {
	if strings.ContainsAny(line, "（()）") {
		return lead{}, false
	}
	p, ok := parseByline(line)
	if !ok {
		return lead{}, false
	}
	return lead{form: formByline, people: p}, true
}

// marked reports a byline opened by a mark (■本报记者 陈静), which always
// stands above its article's text.
func marked(line string) bool {
	return strings.ContainsRune(bylineMarks, firstRune(strings.TrimFunc(line, isSpace)))
}
