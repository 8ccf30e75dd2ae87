package query

import (
	"fmt"
	"strconv"
	"strings"
)

// dateRange parses the value of date:, a day, month or year, or two of them
// joined by ".."; a month and day without a year (02-26) gives a MonthDay.
func (p *parser) dateRange(v string, pos int) Node {
	from, to, isRange := strings.Cut(v, "..")
	if !isRange {
		to = from
	}
	lo, _, md1, err := parseDay(from)
	var hi int
	var md2 bool
	if err == nil {
		_, hi, md2, err = parseDay(to)
	}
	switch {
	case err == nil && md1 != md2:
		err = fmt.Errorf("both ends need a year, or neither")
	case err == nil && hi < lo:
		err = fmt.Errorf("the range ends before it starts")
	}
	switch {
	case err != nil:
		p.fail(pos, fmt.Sprintf("bad date %q: %v (use 2020-02-26, 2020-02, 2020, 02-26 or 2020-02-24..2020-02-28)", v, err),
			fmt.Sprintf("日期“%s”无效，可写 2020-02-26、2020-02、2020、02-26（任一年）或 2020-02-24..2020-02-28", v))
		return nil
	case md1:
		return &MonthDay{From: lo, To: hi, Pos: pos}
	}
	return &DateRange{From: lo, To: hi, Pos: pos}
}

// parseDay parses one end of a date: value. A month and day alone (02-26,
// 2-6, 2月26日, --02-26) is monthDay, its numbers mmdd; else see ParseDate.
func parseDay(s string) (first, last int, monthDay bool, err error) {
	parts := dateParts(s)
	if len(parts) != 2 || len(parts[0]) > 2 {
		first, last, err = ParseDate(s)
		return first, last, false, err
	}
	m, err1 := strconv.Atoi(parts[0])
	d, err2 := strconv.Atoi(parts[1])
	switch {
	case err1 != nil || err2 != nil:
		return 0, 0, true, fmt.Errorf("not a date")
	case m < 1 || m > 12:
		return 0, 0, true, fmt.Errorf("there is no month %d", m)
	case d < 1 || d > daysIn(2000, m): // a leap year: 02-29 exists in some
		return 0, 0, true, fmt.Errorf("month %d has no day %d", m, d)
	}
	return m*100 + d, m*100 + d, true, nil
}

func dateParts(s string) []string {
	return strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == '年' || r == '月' || r == '日'
	})
}

// ParseDate parses 2020-02-26, 2020-2-6, 2020/02/26, 20200226, 2020-02 or 2020
// into the first and last yyyymmdd day it covers.
func ParseDate(s string) (first, last int, err error) {
	s = strings.TrimSpace(s)
	parts := dateParts(s)
	if len(parts) == 1 && len(s) == 8 {
		parts = []string{s[:4], s[4:6], s[6:]}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return 0, 0, fmt.Errorf("not a date")
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		if n[i], err = strconv.Atoi(p); err != nil || n[i] < 0 {
			return 0, 0, fmt.Errorf("%q is not a number", p)
		}
	}
	y := n[0]
	if y < 1000 || y > 9999 {
		return 0, 0, fmt.Errorf("the year must have four digits")
	}
	switch len(n) {
	case 1:
		return y*10000 + 101, y*10000 + 1231, nil
	case 2:
		if n[1] < 1 || n[1] > 12 {
			return 0, 0, fmt.Errorf("there is no month %d", n[1])
		}
		return y*10000 + n[1]*100 + 1, y*10000 + n[1]*100 + daysIn(y, n[1]), nil
	}
	if n[1] < 1 || n[1] > 12 {
		return 0, 0, fmt.Errorf("there is no month %d", n[1])
	}
	if n[2] < 1 || n[2] > daysIn(y, n[1]) {
		return 0, 0, fmt.Errorf("%d-%02d has no day %d", y, n[1], n[2])
	}
	d := y*10000 + n[1]*100 + n[2]
	return d, d, nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
