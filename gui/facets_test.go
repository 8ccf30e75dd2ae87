package gui

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"baosou/index"
)

func shownReporters(f *facetPanel) []string {
	var out []string
	for _, h := range f.names {
		if h.Visible() {
			out = append(out, h.Text)
		}
	}
	return out
}

// The reporters and the timeline follow the query as it is typed; clicking
// a reporter or a bar sets that filter.
func TestFacetsFollowTheQueryAndFilter(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	f := u.facets
	if !f.box.Visible() {
		t.Fatal("no facets beside the results")
	}
	if got, want := shownReporters(f), []string{"郭树勋 2", "李明 1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reporters listing everything = %v, want %v", got, want)
	}
	if got := f.caption.Text; got != "2020-02" {
		t.Errorf("timeline of one month captioned %q, want 2020-02", got)
	}
	test.Type(u.search.entry, "口罩")
	if got, want := shownReporters(f), []string{"李明 1", "郭树勋 1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reporters for 口罩 = %v, want %v", got, want)
	}
	h := f.names[0]
	test.TapAt(h, fyne.NewPos(h.Size().Width/2, h.Size().Height/2))
	if got := u.search.reporter.Text; got != "李明" {
		t.Errorf("clicking 李明 set the reporter filter to %q", got)
	}
	if got := hitIDs(u); !reflect.DeepEqual(got, []string{"a3"}) {
		t.Errorf("hits after clicking 李明 = %v, want [a3]", got)
	}
	if got := f.timeline.bars; len(got) != 1 || got[0] != (bar{"2020-02", 1}) {
		t.Errorf("timeline = %v, want one bar for 2020-02", got)
	}
	f.timeline.Resize(fyne.NewSize(200, 40))
	test.TapAt(f.timeline, fyne.NewPos(5, 20))
	if u.search.from.Text != "2020-02" || u.search.to.Text != "2020-02" {
		t.Errorf("clicking the bar set the dates to %q–%q, want 2020-02", u.search.from.Text, u.search.to.Text)
	}
	test.Type(u.search.entry, "火星")
	if f.box.Visible() {
		t.Error("facets shown for a query without results")
	}
}

func TestTimelineBars(t *testing.T) {
	m := func(s string, n int) index.MonthCount { return index.MonthCount{Month: s, Count: n} }
	tests := []struct {
		name string
		in   []index.MonthCount
		want string
	}{
		{"gaps are empty months", []index.MonthCount{m("2020-02", 3), m("2020-05", 1)}, "2020-02:3 2020-03:0 2020-04:0 2020-05:1"},
		{"across a new year", []index.MonthCount{m("2019-12", 1), m("2020-01", 2)}, "2019-12:1 2020-01:2"},
		{"long ranges by year", []index.MonthCount{m("2001-03", 1), m("2001-09", 2), m("2020-01", 4)}, "2001:3"},
		{"unknown years left out", []index.MonthCount{m("--02", 5), m("2020-02", 1)}, "2020-02:1"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, b := range timelineBars(tt.in) {
				parts = append(parts, b.key+":"+strconv.Itoa(b.count))
			}
			got := strings.Join(parts, " ")
			if tt.name == "long ranges by year" {
				got = parts[0] // 2001 … 2020, twenty bars
				if len(parts) != 20 {
					t.Errorf("%d bars, want 20 years", len(parts))
				}
			}
			if got != tt.want {
				t.Errorf("timelineBars = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFacetsCanBeTurnedOff(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	u.facets.onToggle()
	if u.facets.box.Visible() {
		t.Error("the panel stays after View → turning it off")
	}
	test.Type(u.search.entry, "口罩")
	if u.facets.box.Visible() {
		t.Error("the panel came back with a new search")
	}
	u.facets.onToggle()
	if !u.facets.box.Visible() {
		t.Error("the panel does not come back")
	}
}
