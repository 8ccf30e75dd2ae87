package fold

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"２月２６日", "2月26日"},
		{"復工復產", "复工复产"},
		{"COVID-19 Hello", "covid-19 hello"},
		{"房 地 产", "房地产"},
		{"2月\n26 日", "2月\n26日"},
		{"汽车 4S 店", "汽车4s店"},
		{"hello   world", "hello world"},
		{"  示范区 （高新区）  ", "示范区(高新区)"},
		{"Ａｂｃ１２３", "abc123"},
		{"a\u3000b", "a b"},
		{"", ""},
		{"\x00\x00", ""},
		{"无题・其二", "无题·其二"},
		{"无题‧其二 无题•其二 无题･其二", "无题·其二无题·其二无题·其二"},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMapPointsBackToTheDisplayedText(t *testing.T) {
	in := "建 设 和 房 地 产 ２０２０"
	form, src := Map(in)
	if string(form) != "建设和房地产2020" {
		t.Fatalf("Map(%q) form = %q", in, string(form))
	}
	if len(src) != len(form) {
		t.Fatalf("len(src) = %d, want %d", len(src), len(form))
	}
	rs := []rune(in)
	// 房地产 is form[3:6]; it must map to the displayed "房 地 产".
	got := string(rs[src[3] : src[5]+1])
	if got != "房 地 产" {
		t.Errorf("form[3:6] maps to %q, want %q", got, "房 地 产")
	}
	if got := string(rs[src[6]]); got != "２" {
		t.Errorf("form[6] maps to %q, want full-width ２", got)
	}
}

func TestGramsAndPairs(t *testing.T) {
	var got []string
	Grams([]rune("疫情防"), func(s string) { got = append(got, s) })
	want := []string{"疫", "疫情", "情", "情防", "防"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Grams(疫情防) = %q, want %q", got, want)
	}
	pairs := []struct {
		in   string
		want []string
	}{
		{"鹏", []string{"鹏"}},
		{"疫情", []string{"疫情"}},
		{"房地产", []string{"房地", "地产"}},
		{"疫情防控", []string{"疫情", "情防", "防控"}},
	}
	for _, c := range pairs {
		if got := Pairs([]rune(c.in)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Pairs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRuns(t *testing.T) {
	got := Runs([]rune("4s店,疫情。a b"))
	var s []string
	for _, r := range got {
		s = append(s, string(r))
	}
	want := []string{"4s店", "疫情", "a", "b"}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Runs = %q, want %q", s, want)
	}
}

func FuzzMap(f *testing.F) {
	for _, s := range []string{"２月 ２６日", "復 工", "a  b\nc", "\x00", "ﬁ ㈠ 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		form, src := Map(s)
		if len(form) != len(src) {
			t.Fatalf("Map(%q): %d runes but %d sources", s, len(form), len(src))
		}
		n := int32(len([]rune(s)))
		for i, k := range src {
			if k < 0 || k >= n || i > 0 && k < src[i-1] {
				t.Fatalf("Map(%q): src[%d] = %d out of order or range", s, i, k)
			}
		}
		if String(s) != string(form) {
			t.Fatalf("String(%q) != Map form", s)
		}
	})
}

func BenchmarkString(b *testing.B) {
	s := "本报讯（记者郭树勋）2月24日下午，省、市统筹推进新冠肺炎疫情防控和經濟社會發展工作部署会议召开后，示范区立即召开"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		String(s)
	}
}

var diffCases = []string{
	"", "abc", "ABC Data 2020", "復工復產", "房 地 产", "  前后空格  ", "a\tb\n\nc  d", "２０２０年２月",
	"㍻ ﬁ ½", "Ⅻ 𠮷 😀 İstanbul", "line\r\nbreak", "\x00nul", "台灣 臺灣 颱風", "\u00a0nbsp\u3000ideo",
	" ", "文 ", // found by FuzzDiff: trailing spaces fold to nothing
}

// TestDiffRoundTrip: a text comes back exactly from its search form and Diff.
func TestDiffRoundTrip(t *testing.T) {
	for _, s := range diffCases {
		d := Diff(nil, s)
		got, err := Undiff(String(s), d)
		if err != nil || got != s {
			t.Errorf("Undiff(String(%q), Diff) = %q, %v", s, got, err)
		}
	}
	for _, s := range diffCases {
		checkRanges(t, s)
	}
	if d := Diff(nil, "疫情防控工作"); len(d) != 0 {
		t.Errorf("Diff of simplified text = %v, want nothing", d)
	}
	if d := Diff(nil, "復工復產"); len(d) > 8 {
		t.Errorf("Diff of 4 traditional characters is %d bytes, want about 2 each", len(d))
	}
}

func FuzzDiff(f *testing.F) {
	for _, s := range diffCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got, err := Undiff(String(s), Diff(nil, s))
		if err != nil || got != s {
			t.Fatalf("round trip of %q: %q, %v", s, got, err)
		}
		checkRanges(t, s)
		Undiff(String(s), []byte(s)) // garbage must not panic
		UndiffRange(String(s), []byte(s), 1, 9)
	})
}

// The middle dots fold together, and the displayed text still comes back.
func TestMiddleDots(t *testing.T) {
	want := String("无题·其二")
	for _, in := range []string{"无题・其二", "无题‧其二", "无题•其二", "无题･其二", "无题·其二"} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q as for 无题·其二", in, got, want)
		}
		if back, err := Undiff(String(in), Diff(nil, in)); back != in || err != nil {
			t.Errorf("Undiff(Diff(%q)) = %q, %v", in, back, err)
		}
	}
}
