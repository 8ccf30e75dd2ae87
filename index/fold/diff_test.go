package fold

import "testing"

// TestUndiffRange: the window of a text rebuilt from its search form is the
// displayed runes that gave that part of the search form, for every window.
func TestUndiffRange(t *testing.T) {
	texts := []string{
		"本報訊（記者郭樹勳）２月２６日，建 設 和 房 地 產 COVID 19。",
		"Ｄｅｂｉａｎ 手冊  第三章\n\n復工復產",
		"ﬁve ﬁgures ﬂow",
		"plain simplified 文字 only",
		"  leading and trailing  ",
		"",
	}
	for _, s := range texts {
		checkRanges(t, s)
	}
}

// checkRanges: every window UndiffRange gives of s is the displayed runes
// of s that gave that part of its search form.
func checkRanges(t *testing.T, s string) {
	t.Helper()
	form, src := Map(s)
	diff := Diff(nil, s)
	disp := []rune(s)
	step := max(1, len(form)/24) // every window of short texts, a sample of long ones
	for from := 0; from <= len(form)+1; from += step {
		for to := from; to <= len(form)+2; to += step {
			got, err := UndiffRange(string(form), diff, from, to)
			want := ""
			if from < len(form) && to > from {
				last := min(to, len(form)) - 1
				want = string(disp[src[from] : src[last]+1])
			}
			if err != nil || got != want {
				t.Fatalf("UndiffRange(%q, %d, %d) = %q, %v; want %q", s, from, to, got, err, want)
			}
		}
	}
}
