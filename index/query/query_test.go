package query

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// show prints a tree compactly: AND(a,b) OR(a,b) NOT(a) title:a "phrase" date(lo..hi).
func show(n Node) string {
	switch n := n.(type) {
	case nil:
		return "<all>"
	case *Term:
		s := n.Text
		if n.Phrase {
			s = `"` + s + `"`
		}
		if n.Field != "" {
			s = n.Field + ":" + s
		}
		return s
	case *Not:
		return "NOT(" + show(n.X) + ")"
	case *And:
		return "AND(" + join(n.Xs) + ")"
	case *Or:
		return "OR(" + join(n.Xs) + ")"
	case *DateRange:
		return fmt.Sprintf("date(%d..%d)", n.From, n.To)
	}
	return "?"
}

func join(xs []Node) string {
	var s []string
	for _, x := range xs {
		s = append(s, show(x))
	}
	return strings.Join(s, ",")
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "<all>"},
		{"   ", "<all>"},
		{"鹏", "鹏"},
		{"疫情 复工", "AND(疫情,复工)"},
		{"口罩 OR 防护", "OR(口罩,防护)"},
		{"a b OR c", "OR(AND(a,b),c)"},
		{"疫情 -北京", "AND(疫情,NOT(北京))"},
		{`"复工 复产"`, `"复工 复产"`},
		{`“复工复产”`, `"复工复产"`},
		{"(口罩 OR 防护) 企业", "AND(OR(口罩,防护),企业)"},
		{"title:复工", "title:复工"},
		{"标题:复工", "title:复工"},
		{"标题：复工", "title:复工"},
		{"reporter:郭树勋", "reporter:郭树勋"},
		{"记者:郭树勋", "reporter:郭树勋"},
		{`title:"复工 复产"`, `title:"复工 复产"`},
		{"date:2020-02-26", "date(20200226..20200226)"},
		{"date:2020-02", "date(20200201..20200229)"},
		{"date:2019-02", "date(20190201..20190228)"},
		{"date:2020", "date(20200101..20201231)"},
		{"date:2020-02-24..2020-02-28", "date(20200224..20200228)"},
		{"日期:2020-2-26", "date(20200226..20200226)"},
		{"会议指出：", "会议指出："},
		{"2020-02-26", "2020-02-26"},
		{"示范区（高新区）", "示范区（高新区）"},
		{"-(a OR b)", "NOT(OR(a,b))"},
		{"a\x00b\tc", "AND(a,b,c)"},
		{"TITLE:x", "title:x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if got := show(n); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		mention string
	}{
		{`"复工`, 0, "quote"},
		{`疫情 "复工`, 3, "quote"},
		{"-", 0, "-"},
		{"疫情 -", 3, "-"},
		{"OR", 0, "OR"},
		{"疫情 OR", 3, "OR"},
		{"OR 疫情", 0, "OR"},
		{"a OR OR b", 2, "OR"},
		{"(疫情", 0, "parenthesis"},
		{"疫情)", 2, ")"},
		{"foo:bar", 0, "unknown field"},
		{"title:", 0, "value"},
		{"date:2020-13-01", 0, "month"},
		{"date:2020-02-30", 0, "day"},
		{"date:yesterday", 0, "date"},
		{"date:2020-03-01..2020-02-01", 0, "ends before"},
		{"a date:20-1-1", 2, "year"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.in, err)
			}
			if se.Pos != tt.pos {
				t.Errorf("Parse(%q) error at %d, want %d (%v)", tt.in, se.Pos, tt.pos, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Parse(%q) error %q does not mention %q", tt.in, err, tt.mention)
			}
			if se.Zh == "" || se.Zh == se.Msg {
				t.Errorf("Parse(%q) error has no Chinese message for the app (Zh = %q)", tt.in, se.Zh)
			}
		})
	}
}

func TestLongQuery(t *testing.T) {
	q := strings.Repeat("疫情防控 ", 2000)
	n, err := Parse(q)
	if err != nil {
		t.Fatalf("Parse(10,000 chars) error: %v", err)
	}
	if a, ok := n.(*And); !ok || len(a.Xs) != 2000 {
		t.Errorf("Parse(10,000 chars) = %T with wrong arity", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "疫情 -北京", `"a`, "(a OR b) c", "title:x date:2020-02-24..2020-02-28", "-", "OR", "a:b:c", "((((", `title:"x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		var se *SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("Parse(%q) error %v is not a *SyntaxError", q, err)
		}
		if se != nil && (se.Pos < 0 || se.Pos > len([]rune(q))) {
			t.Fatalf("Parse(%q) error position %d out of range", q, se.Pos)
		}
		if err == nil && n == nil && strings.TrimSpace(q) != "" && hasText(q) {
			t.Fatalf("Parse(%q) = nil without error", q)
		}
	})
}

func hasText(q string) bool {
	for _, t := range lex(q) {
		if t.kind == tWord || t.kind == tQuoted {
			return true
		}
	}
	return false
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		Parse(`(口罩 OR 防护) 企业 -北京 title:复工 date:2020-02-24..2020-02-28 "复工 复产"`)
	}
}
