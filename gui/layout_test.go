package gui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// settle lays the window out at size, twice: the rows that wrap tell their
// parents their height on the second pass, as they do on the next frame.
func settle(w fyne.Window, s fyne.Size) {
	for range 2 {
		w.Resize(s)
		w.Content().Refresh()
		w.Resize(s.AddWidthHeight(1, 1))
		w.Resize(s)
	}
}

// absRect is o's rectangle in the window.
func absRect(w fyne.Window, o fyne.CanvasObject) (fyne.Position, fyne.Size) {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size()
}

func overlap(w fyne.Window, a, b fyne.CanvasObject) bool {
	pa, sa := absRect(w, a)
	pb, sb := absRect(w, b)
	return pa.X < pb.X+sb.Width && pb.X < pa.X+sa.Width && pa.Y < pb.Y+sb.Height && pb.Y < pa.Y+sa.Height
}

// At 640×480 every control is whole and none covers another; at 190% text
// the window still fits a 1280-pixel screen, and Ctrl+0 gives the width back.
func TestLayoutSmallWindowAndLargeText(t *testing.T) {
	u, w := newTestUI(t, newFakeLib())
	test.Type(u.search.entry, "复工")
	u.results.total = 120 // as if there were more to show
	u.results.updateMore()
	small := fyne.NewSize(640, 480)
	settle(w, small)
	if min := w.Content().MinSize(); min.Width > small.Width || min.Height > small.Height {
		t.Errorf("at 640×480 the window needs %v", min)
	}
	d := u.detail
	controls := []fyne.CanvasObject{d.prev, d.matches, d.next, d.copyExcerpt, d.copyArticle}
	for i, a := range controls {
		for _, b := range controls[i+1:] {
			if a.Visible() && b.Visible() && overlap(w, a, b) {
				t.Errorf("at 640×480 %T %q overlaps %T %q", a, text(a), b, text(b))
			}
		}
	}
	if m := u.results.more; m.Size().Width < m.MinSize().Width-0.5 {
		t.Errorf("显示更多 is %v wide, needs %v: cut off", m.Size().Width, m.MinSize().Width)
	}
	for _, e := range []fyne.CanvasObject{u.search.entry, u.search.from, u.search.to, u.search.reporter, u.search.sort} {
		if p, s := absRect(w, e); p.X+s.Width > small.Width+0.5 {
			t.Errorf("%T ends at %v, past the 640-pixel window", e, p.X+s.Width)
		}
	}

	for range 9 {
		u.onTextSize(1)
	}
	if u.scale < 1.89 {
		t.Fatalf("scale %v, want 1.9 or more", u.scale)
	}
	settle(w, fyne.NewSize(1280, 760))
	if min := w.Content().MinSize(); min.Width > 1280 {
		t.Errorf("at %d%% text the window needs %v wide, more than a 1280-pixel screen", int(u.scale*100), min.Width)
	}
	u.onTextSize(0)
	settle(w, small)
	if min := w.Content().MinSize(); min.Width > small.Width {
		t.Errorf("after Ctrl+0 the window still needs %v wide", min.Width)
	}
}

func text(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Button:
		return v.Text
	case *widget.Label:
		return v.Text
	}
	return ""
}

// longDoc is an article of many paragraphs with 口罩 in the last ones.
func longDoc() *index.Doc {
	var paras []string
	for i := range 40 {
		p := fmt.Sprintf("第%d段。", i) + strings.Repeat("会议要求各单位切实落实防控责任，做好各项工作。", 4)
		if i >= 30 {
			p += "口罩供应充足。"
		}
		paras = append(paras, p)
	}
	return &index.Doc{ID: "long", Title: "很长的文章", Date: "2020-03-01", Source: "long.txt", SourceID: "long.txt",
		Paragraphs: paras, Body: strings.Join(paras, "\n")}
}

// Changing the text size keeps the current match where it was on screen.
func TestTextSizeKeepsTheMatchInView(t *testing.T) {
	lib := newFakeLib()
	lib.docs = []*index.Doc{longDoc()}
	u, w := newTestUI(t, lib)
	settle(w, fyne.NewSize(1100, 700))
	test.Type(u.search.entry, "口罩")
	d := u.detail
	d.jump(5)
	inView := func(step string) {
		t.Helper()
		y, lineH, ok := d.matchY()
		off, view := d.scroll.Offset.Y, d.scroll.Size().Height
		if !ok || y < off || y+lineH > off+view {
			t.Errorf("%s: match at %v–%v, view %v–%v: out of sight", step, y, y+lineH, off, off+view)
		}
	}
	inView("before")
	for k := range 4 {
		u.onTextSize(1)
		inView(fmt.Sprintf("after Ctrl+= ×%d", k+1))
	}
	u.onTextSize(0)
	inView("after Ctrl+0")
}

// A result row is as tall as its headline, its date line and two lines of
// snippet: the template row Fyne sizes every row by has no text yet.
func TestResultRowHeight(t *testing.T) {
	newTestUI(t, newFakeLib())
	row := newHitItem().(*fyne.Container)
	th := fyne.CurrentApp().Settings().Theme()
	line := fyne.MeasureText("报", th.Size("text"), fyne.TextStyle{}).Height
	if h := row.MinSize().Height; h < 3.5*line {
		t.Errorf("an empty result row is %v tall, want room for 4 lines of %v", h, line)
	}
}

// Paragraphs far from view are not drawn, and come back when the article
// is scrolled to them, by Page Down or by F3.
func TestLongArticleDrawsWhatIsInView(t *testing.T) {
	lib := newFakeLib()
	lib.docs = []*index.Doc{longDoc()}
	u, w := newTestUI(t, lib)
	settle(w, fyne.NewSize(1100, 700))
	d := u.detail
	drawn := func() (first, last int) {
		first, last = -1, -1
		for i, p := range d.paraViews {
			if p != nil && p.text.Visible() {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		return first, last
	}
	if first, last := drawn(); first != 0 || last >= 39 {
		t.Errorf("at the top paragraphs %d–%d are drawn, want the first ones only", first, last)
	}
	for range 12 {
		press(w, fyne.KeyPageDown)
	}
	off := d.scroll.Offset.Y
	for _, p := range d.paraViews {
		if y := p.Position().Y; y+p.Size().Height > off && y < off+d.scroll.Size().Height && !p.text.Visible() {
			t.Errorf("after Page Down paragraph %d is in view but not drawn", p.index)
		}
	}
	test.Type(u.search.entry, "口罩")
	d.jump(9)
	y, _, _ := d.matchY()
	if p, _ := d.paraAt(y); p == nil || !p.text.Visible() {
		t.Error("the current match's paragraph is not drawn")
	}
}
