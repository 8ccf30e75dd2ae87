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
	case *MonthDay:
		return fmt.Sprintf("monthday(%04d..%04d)", n.From, n.To)
	case *PageRange:
		return fmt.Sprintf("page(%d..%d)", n.From, n.To)
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
		// Typed with a Chinese input method: full-width brackets group when
		// they open a term, and stay text inside one.
		{"（口罩 OR 防护） 企业", "AND(OR(口罩,防护),企业)"},
		{"（口罩 OR 防护）企业", "AND(OR(口罩,防护),企业)"},
		{"企业 -（口罩 OR 防护）", "AND(企业,NOT(OR(口罩,防护)))"},
		{"(示范区（高新区）)", "示范区（高新区）"},
		{"（示范区（高新区） OR 企业）", "OR(示范区（高新区）,企业)"},
		{"高新区）", "高新区）"},
		// AND and NOT spelt out; lower case between Chinese terms works too.
		{"疫情 AND 复工", "AND(疫情,复工)"},
		{"疫情 NOT 北京", "AND(疫情,NOT(北京))"},
		{"NOT 北京", "NOT(北京)"},
		{"口罩 or 防护", "OR(口罩,防护)"},
		{"疫情 and 复工", "AND(疫情,复工)"},
		{"疫情 not 北京", "AND(疫情,NOT(北京))"},
		{`"口罩" or 防护`, `OR("口罩",防护)`},
		{"rock or roll", "AND(rock,or,roll)"},
		{"not", "not"},
		{"OR疫情", "OR疫情"},
		// An unknown field name is text: a web address, a typo.
		{"http://www.debian.org", "http://www.debian.org"},
		{"https://example.com/a:b", "https://example.com/a:b"},
		{"foo:bar", "foo:bar"},
		{"titel:复工", "titel:复工"},
		{"foo:", "foo:"},
		// The page metadata fields.
		{"photographer:郭树勋", "photographer:郭树勋"},
		{"摄影:郭树勋", "photographer:郭树勋"},
		{"newspaper:焦作日报", "newspaper:焦作日报"},
		{"报名：焦作日报", "newspaper:焦作日报"},
		{"page:3", "page(3..3)"},
		{"版:03", "page(3..3)"},
		{"版:1..4", "page(1..4)"},
		{"page:第3版", "page(3..3)"},
		// Month and day in any year, the unknown year included.
		{"date:02-26", "monthday(0226..0226)"},
		{"date:2-6", "monthday(0206..0206)"},
		{"日期:2月26日", "monthday(0226..0226)"},
		{"date:--02-26", "monthday(0226..0226)"},
		{"date:02-29", "monthday(0229..0229)"},
		{"date:02-24..03-01", "monthday(0224..0301)"},
		{"date:2020-02..2020-03", "date(20200201..20200331)"},
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
		{"AND", 0, "AND"},
		{"疫情 AND", 3, "AND"},
		{"AND 疫情", 0, "AND"},
		{"疫情 AND OR 复工", 3, "AND"},
		{"NOT", 0, "NOT"},
		{"疫情 NOT", 3, "NOT"},
		{"（疫情", 0, "parenthesis"},
		{"page:三", 0, "page"},
		{"版:", 0, "value"},
		{"page:4..2", 0, "ends before"},
		{"page:0", 0, "page"},
		{"date:02-30", 0, "day"},
		{"date:13-01", 0, "month"},
		{"date:02-28..02-01", 0, "ends before"},
		{"date:2020-02-01..03-01", 0, "date"},
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

func TestHints(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		mention string // in the English message; "" = no hint
	}{
		{"疫情 复工", 0, ""},
		{"口罩 or 防护", 3, "OR"},
		{"rock or roll", 5, "OR"},
		{"疫情 not 北京", 3, "NOT"},
		{"titel:复工", 0, "titel"},
		{"http://www.debian.org", 0, ""},
		{`"口罩 or 防护"`, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			hs := Hints(tt.in)
			if tt.mention == "" {
				if len(hs) != 0 {
					t.Errorf("Hints(%q) = %+v, want none", tt.in, hs)
				}
				return
			}
			if len(hs) != 1 {
				t.Fatalf("Hints(%q) = %+v, want one", tt.in, hs)
			}
			if h := hs[0]; h.Pos != tt.pos || !strings.Contains(h.Msg, tt.mention) || h.Zh == "" {
				t.Errorf("Hints(%q) = %+v, want at %d mentioning %q, with Chinese", tt.in, h, tt.pos, tt.mention)
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
	for _, s := range []string{"", "疫情 -北京", `"a`, "(a OR b) c", "title:x date:2020-02-24..2020-02-28", "-", "OR", "a:b:c", "((((", `title:"x`,
		"（口罩 OR 防护） 企业", "a AND NOT b", "x or y", "http://a.b", "page:1..3", "date:02-26..03-01", "（（", "）"} {
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
		for _, h := range Hints(q) {
			if h.Pos < 0 || h.Pos > len([]rune(q)) || h.Zh == "" {
				t.Fatalf("Hints(%q) has %+v: position out of range or no Chinese", q, h)
			}
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
