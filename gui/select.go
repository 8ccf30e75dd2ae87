package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The article's text is selected with the mouse where it is shown, its
// highlights kept: Fyne 2.7's selectable Label has one style and its
// RichText cannot be selected, but wrapText breaks its own lines and knows
// each character's width, so it can tell which character is under the mouse
// and draw the selection behind the text.

// textPos is a place in the article: a paragraph and a code point in it.
type textPos struct{ para, char int }

func (a textPos) before(b textPos) bool {
	return a.para < b.para || a.para == b.para && a.char < b.char
}

// selection is the text selected in the article, from anchor (where the
// drag began) to end, in either order. active is set once the article's text
// has been clicked, so Ctrl+A selects the article rather than the search box.
type selection struct {
	anchor, end textPos
	has         bool // a drag has begun
	active      bool
}

// ordered is the selection start first.
func (s selection) ordered() (textPos, textPos) {
	if s.end.before(s.anchor) {
		return s.end, s.anchor
	}
	return s.anchor, s.end
}

func (s selection) empty() bool { return !s.has || s.anchor == s.end }

// paraText is one paragraph of the article: a wrapText that takes the mouse.
type paraText struct {
	wrapText
	d     *detailView
	index int
}

func newParaText(d *detailView, i int) *paraText {
	p := &paraText{d: d, index: i}
	p.wrapText = wrapText{text: widget.NewRichText(), width: -1, lazy: true}
	p.text.Hide() // until detailView.cull finds it on screen
	p.ExtendBaseWidget(p)
	return p
}

// Dragged selects from where the drag began to the character under the mouse,
// across paragraphs.
func (p *paraText) Dragged(ev *fyne.DragEvent) {
	d := p.d
	if !d.dragging {
		d.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		d.sel = selection{anchor: textPos{p.index, p.charAt(start)}, has: true, active: true}
	}
	d.sel.end = d.posAt(p.Position().Add(ev.Position))
	d.drawSelection()
}

// DragEnd keeps the selection; the next drag starts a new one.
func (p *paraText) DragEnd() {
	p.d.dragging = false
}

// Tapped clears the selection and makes the article the place Ctrl+A selects.
func (p *paraText) Tapped(*fyne.PointEvent) {
	p.d.sel = selection{active: true}
	p.d.drawSelection()
}

// DoubleTapped selects the sentence under the mouse.
func (p *paraText) DoubleTapped(ev *fyne.PointEvent) {
	t := []rune(p.d.paraTexts[p.index])
	i := min(p.charAt(ev.Position), max(len(t)-1, 0))
	if len(t) == 0 {
		return
	}
	p.d.sel = selection{anchor: textPos{p.index, sentenceStart(t, i)}, end: textPos{p.index, sentenceEnd(t, i)}, has: true, active: true}
	p.d.drawSelection()
}

// Cursor is the text cursor: the text can be selected.
func (p *paraText) Cursor() desktop.Cursor { return desktop.TextCursor }

// posAt is the place in the article at y (and x) of the paragraphs' box;
// above the first paragraph is its start, below the last its end.
func (d *detailView) posAt(at fyne.Position) textPos {
	var last *paraText
	for _, p := range d.paraViews {
		if p == nil {
			continue
		}
		if at.Y < p.Position().Y {
			if last == nil {
				return textPos{p.index, 0}
			}
			return textPos{last.index, len([]rune(d.paraTexts[last.index]))}
		}
		last = p
		if at.Y < p.Position().Y+p.Size().Height {
			return textPos{p.index, p.charAt(at.Subtract(p.Position()))}
		}
	}
	if last == nil {
		return textPos{}
	}
	return textPos{last.index, len([]rune(d.paraTexts[last.index]))}
}

// drawSelection shows the selection in every paragraph it covers.
func (d *detailView) drawSelection() {
	a, b := d.sel.ordered()
	for _, p := range d.paraViews {
		if p == nil {
			continue
		}
		lo, hi := 0, 0
		if !d.sel.empty() && p.index >= a.para && p.index <= b.para {
			hi = len([]rune(d.paraTexts[p.index]))
			if p.index == a.para {
				lo = a.char
			}
			if p.index == b.para {
				hi = b.char
			}
		}
		p.setSelection(lo, hi)
	}
}

// selecting reports whether the article's text was clicked or selected last,
// rather than the search box.
func (d *detailView) selecting() bool { return d.doc != nil && d.sel.active }

// deactivate gives Ctrl+A and Ctrl+C back to the search box.
func (d *detailView) deactivate() { d.sel.active = false }

// selectAll selects the whole article.
func (d *detailView) selectAll() {
	first, last := -1, -1
	for _, p := range d.paraViews {
		if p != nil {
			if first < 0 {
				first = p.index
			}
			last = p.index
		}
	}
	if first < 0 {
		return
	}
	d.sel = selection{anchor: textPos{first, 0}, end: textPos{last, len([]rune(d.paraTexts[last]))}, has: true, active: true}
	d.drawSelection()
}

// selectedText is the selected text, a line per paragraph.
func (d *detailView) selectedText() string {
	if d.doc == nil || d.sel.empty() {
		return ""
	}
	a, b := d.sel.ordered()
	var parts []string
	for i := a.para; i <= b.para && i < len(d.paraTexts); i++ {
		t := []rune(d.paraTexts[i])
		lo, hi := 0, len(t)
		if i == a.para {
			lo = min(a.char, len(t))
		}
		if i == b.para {
			hi = min(b.char, len(t))
		}
		if s := strings.TrimSpace(string(t[lo:hi])); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}

// copySelection copies the selected text with its citation; false when
// nothing is selected.
func (d *detailView) copySelection() bool {
	sel := d.selectedText()
	if sel == "" {
		return false
	}
	d.ui.copied(withCitation(sel, d.citeDoc()), "copied.selection")
	return true
}
