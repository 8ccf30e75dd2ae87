package gui

import (
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// searchFor puts q in the box, as typing or pasting it would.
func searchFor(u *UI, q string) {
	u.search.entry.SetText(q)
}

func recentLabels(r *recentSearches) []string {
	var out []string
	for _, it := range r.sub.Items {
		out = append(out, it.Label)
	}
	return out
}

func TestRecentSearchesShownAndCleared(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	r := u.toolbox().recent
	r.hold = 0
	for _, q := range []string{"口罩", "会议", "口罩 企业", "口罩"} {
		searchFor(u, q)
	}
	want := []string{"口罩", "口罩 企业", "会议"}
	if got := r.list(); !reflect.DeepEqual(got, want) {
		t.Fatalf("recent = %v, want %v (newest first, once each)", got, want)
	}
	if got := u.app.Preferences().StringList(prefRecent); !reflect.DeepEqual(got, want) {
		t.Errorf("Preferences keep %v, want %v", got, want)
	}
	if got, want := recentLabels(r), []string{"口罩", "口罩 企业", "会议", "", "清除最近的搜索"}; !reflect.DeepEqual(got, want) {
		t.Errorf("编辑 → 最近的搜索 = %q, want %q", got, want)
	}

	// ↓ in the empty box lists them under it, the newest highlighted.
	u.onCanvasKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.search.entry.Text != "" {
		t.Fatalf("Esc left %q in the box", u.search.entry.Text)
	}
	u.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if r.pop == nil || !r.pop.Visible() {
		t.Fatal("↓ in the empty search box showed no recent searches")
	}
	if w.Canvas().Focused() != r.pop {
		t.Errorf("focus is on %T, want the list of recent searches", w.Canvas().Focused())
	}
	// ↓ moves to the second, Enter searches it.
	r.pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	r.pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := u.search.entry.Text; got != "口罩 企业" {
		t.Errorf("picked %q, want 口罩 企业", got)
	}
	if got, want := hitIDs(u), []string{"a3", "a1"}; !reflect.DeepEqual(got, want) || u.results.query != "口罩 企业" {
		t.Errorf("results for %q: %v, want %v", u.results.query, got, want)
	}
	if r.pop != nil || w.Canvas().Focused() != u.search.entry {
		t.Errorf("after picking: list still shown %v, focus on %T; want it gone and the search box focused", r.pop != nil, w.Canvas().Focused())
	}

	// Clearing from the menu forgets them, here and in Preferences.
	menuItem(t, w, "编辑", "清除最近的搜索").Action()
	if got := r.list(); len(got) != 0 {
		t.Errorf("after clearing: %v", got)
	}
	if got := recentLabels(r); !reflect.DeepEqual(got, []string{"（还没有）"}) {
		t.Errorf("编辑 → 最近的搜索 after clearing = %q", got)
	}
	if u.status.label.Text != "已清除最近的搜索" {
		t.Errorf("status = %q", u.status.label.Text)
	}
}

// With nothing to offer, or once offered, ↓ in the empty box moves through
// the results as it always did.
func TestDownStillMovesTheList(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	r := u.toolbox().recent
	down := &fyne.KeyEvent{Name: fyne.KeyDown}
	u.search.entry.TypedKey(down)
	if r.pop != nil || u.results.selected != 1 {
		t.Fatalf("no recent searches: ↓ gave list %v, selected %d; want the second result", r.pop != nil, u.results.selected)
	}

	r.hold = 0
	searchFor(u, "会议")
	searchFor(u, "")
	u.search.entry.TypedKey(down)
	if r.pop == nil {
		t.Fatal("↓ in the empty box did not offer 会议")
	}
	r.pop.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	u.search.entry.TypedKey(down)
	if r.pop != nil || u.results.selected != 1 {
		t.Errorf("↓ after Esc: list %v, selected %d; want the list closed and the second result", r.pop != nil, u.results.selected)
	}
	// Text in the box: ↓ moves, never offers.
	searchFor(u, "口罩")
	u.search.entry.TypedKey(down)
	if r.pop != nil || u.results.selected != 1 {
		t.Errorf("↓ with text: list %v, selected %d", r.pop != nil, u.results.selected)
	}
}

// Results follow each keystroke; a query is kept only once its results have
// stayed on screen with the box unchanged.
func TestRecentKeepsOnlyWhatStayed(t *testing.T) {
	u, _ := newTestUI(t, newFakeLib())
	r := u.toolbox().recent
	r.hold = 20 * time.Millisecond
	p := signalPost(u)
	p.do(func() {
		u.search.entry.Text = "口罩"
		r.noteShown("口")
		r.noteShown("口罩")
	})
	p.wait(t, 2) // both timers post; only the newer keeps its query
	p.do(func() {
		if got := r.list(); !reflect.DeepEqual(got, []string{"口罩"}) {
			t.Errorf("recent = %v, want [口罩] alone", got)
		}
		u.search.entry.Text = "口罩企业" // typed on, no results for 疫情 any more
		r.noteShown("疫情")
	})
	p.wait(t, 1)
	p.do(func() {
		if got := r.list(); !reflect.DeepEqual(got, []string{"口罩"}) {
			t.Errorf("recent = %v; a query whose box changed was kept", got)
		}
	})
}
