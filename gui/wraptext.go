package gui

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textRun is a stretch of text in one style.
type textRun struct {
	text  string
	style widget.RichTextStyle
}

// wrapText is styled text that breaks its own lines and hands a RichText
// the result with wrapping off. Fyne 2.7.1's RichText wrapping puts every
// following character on a line of its own when a styled run ends exactly at
// the end of a line, which highlighted matches hit all the time.
//
// Lines break between any two characters, as Chinese allows, except before
// closing punctuation (，。」…), after opening punctuation (（「“) and inside a
// run of Latin letters or digits. With maxLines set, the text is cut after
// that many lines with an ellipsis.
type wrapText struct {
	widget.BaseWidget
	runs     []textRun
	maxLines int
	text     *widget.RichText

	width    float32   // the width the lines were broken for
	textSize float32   // and the text size
	breaks   []int     // code point offsets where a new line starts
	widths   []float32 // each code point's width, as measured for the breaks

	selLo, selHi int // the selected code points [selLo, selHi); none when equal
}

func newWrapText(maxLines int) *wrapText {
	w := &wrapText{maxLines: maxLines, text: widget.NewRichText(), width: -1}
	w.ExtendBaseWidget(w)
	return w
}

// setRuns replaces the text.
func (w *wrapText) setRuns(runs []textRun) {
	w.runs = runs
	w.relayout(w.Size().Width)
	w.Refresh()
}

// Resize breaks the lines anew when the width changes.
func (w *wrapText) Resize(s fyne.Size) {
	if s.Width != w.width {
		w.relayout(s.Width)
		defer w.Refresh() // the height may have changed: let the parent know
	}
	w.BaseWidget.Resize(s)
}

func (w *wrapText) CreateRenderer() fyne.WidgetRenderer {
	return &wrapRenderer{w: w}
}

// String is the text without line breaks.
func (w *wrapText) String() string {
	var b strings.Builder
	for _, r := range w.runs {
		b.WriteString(r.text)
	}
	return b.String()
}

// lineOf is the line (from 0) holding code point offset i, and the number of lines.
func (w *wrapText) lineOf(i int) (line, lines int) {
	return sort.SearchInts(w.breaks, i+1), len(w.breaks) + 1
}

// setSelection marks code points [lo, hi) as selected; lo == hi clears it.
func (w *wrapText) setSelection(lo, hi int) {
	if lo == w.selLo && hi == w.selHi {
		return
	}
	w.selLo, w.selHi = lo, hi
	w.Refresh()
}

// lineBounds is line k's first code point and one past its last.
func (w *wrapText) lineBounds(k int) (start, end int) {
	if k > 0 {
		start = w.breaks[k-1]
	}
	end = len(w.widths)
	if k < len(w.breaks) {
		end = w.breaks[k]
	}
	return start, end
}

// lineHeight is the height of one line as the RichText lays them out: its
// rows touch, so the lines share its height less the padding.
func (w *wrapText) lineHeight() float32 {
	pad := w.Theme().Size(theme.SizeNameInnerPadding)
	return (w.text.MinSize().Height - 2*pad) / float32(len(w.breaks)+1)
}

// charAt is the code point offset nearest to p: the character whose left
// half holds p, or the end of the line past its last character.
func (w *wrapText) charAt(p fyne.Position) int {
	pad := w.Theme().Size(theme.SizeNameInnerPadding)
	lines := len(w.breaks) + 1
	k := min(max(int((p.Y-pad)/max(w.lineHeight(), 1)), 0), lines-1)
	start, end := w.lineBounds(k)
	x := pad
	for i := start; i < end; i++ {
		if p.X < x+w.widths[i]/2 {
			return i
		}
		x += w.widths[i]
	}
	return end
}

// selectionRects are the rectangles that cover the selected characters, a
// line each.
func (w *wrapText) selectionRects() []fyne.Position {
	if w.selLo >= w.selHi || len(w.widths) == 0 {
		return nil
	}
	pad := w.Theme().Size(theme.SizeNameInnerPadding)
	lineH := w.lineHeight()
	var out []fyne.Position // pairs: top-left, size
	for k := 0; k <= len(w.breaks); k++ {
		start, end := w.lineBounds(k)
		lo, hi := max(w.selLo, start), min(w.selHi, end)
		if lo >= hi {
			continue
		}
		x := pad
		for i := start; i < lo; i++ {
			x += w.widths[i]
		}
		wd := float32(0)
		for i := lo; i < hi; i++ {
			wd += w.widths[i]
		}
		out = append(out, fyne.NewPos(x, pad+lineH*float32(k)), fyne.NewPos(wd, lineH))
	}
	return out
}

type wrapRenderer struct {
	w     *wrapText
	rects []*canvas.Rectangle // the selection, behind the text
}

func (r *wrapRenderer) Layout(s fyne.Size) {
	r.w.text.Resize(s)
	r.w.text.Move(fyne.NewPos(0, 0))
	r.layoutSelection()
}

func (r *wrapRenderer) layoutSelection() {
	ps := r.w.selectionRects()
	n := len(ps) / 2
	for len(r.rects) < n {
		r.rects = append(r.rects, canvas.NewRectangle(nil))
	}
	r.rects = r.rects[:n]
	c := r.w.Theme().Color(theme.ColorNameSelection, fyne.CurrentApp().Settings().ThemeVariant())
	for i, rect := range r.rects {
		rect.FillColor = c
		rect.Move(ps[2*i])
		rect.Resize(fyne.NewSize(ps[2*i+1].X, ps[2*i+1].Y))
		rect.Refresh()
	}
}

// MinSize is as narrow as one character, so the text never holds its
// container wide, and as tall as the lines it was broken into.
func (r *wrapRenderer) MinSize() fyne.Size {
	th := r.w.Theme()
	one := fyne.MeasureText("字", th.Size(theme.SizeNameText), fyne.TextStyle{})
	return fyne.NewSize(one.Width+2*th.Size(theme.SizeNameInnerPadding), r.w.text.MinSize().Height)
}

func (r *wrapRenderer) Refresh() {
	if r.w.Theme().Size(theme.SizeNameText) != r.w.textSize { // text size changed
		r.w.relayout(r.w.Size().Width)
	}
	r.w.text.Refresh()
	r.layoutSelection()
}

func (r *wrapRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, len(r.rects)+1)
	for _, rect := range r.rects {
		objs = append(objs, rect)
	}
	return append(objs, r.w.text)
}
func (r *wrapRenderer) Destroy() {}

// relayout breaks the text into lines for width and rebuilds the segments.
func (w *wrapText) relayout(width float32) {
	th := w.Theme()
	w.width, w.textSize = width, th.Size(theme.SizeNameText)
	text, widths := w.measure(th)
	w.widths = widths
	avail := width - 2*th.Size(theme.SizeNameInnerPadding)
	w.breaks = nil
	if width > 0 {
		w.breaks = breakLines(text, widths, avail)
	}
	runs := w.runs
	if w.maxLines > 0 && len(w.breaks) >= w.maxLines {
		runs = cutRuns(runs, w.breaks[w.maxLines-1])
		w.breaks = w.breaks[:w.maxLines-1]
	}
	w.text.Segments = segmentsWithBreaks(runs, w.breaks)
}

// measure flattens the runs and measures each character in its style.
func (w *wrapText) measure(th fyne.Theme) ([]rune, []float32) {
	var text []rune
	var widths []float32
	for _, r := range w.runs {
		size := th.Size(r.style.SizeName)
		if r.style.SizeName == "" {
			size = th.Size(theme.SizeNameText)
		}
		for _, c := range r.text {
			text = append(text, c)
			widths = append(widths, charWidth(c, size, r.style.TextStyle))
		}
	}
	return text, widths
}

type charKey struct {
	r     rune
	size  float32
	style fyne.TextStyle
}

var charWidths sync.Map // charKey -> float32; measuring is the slow part

func charWidth(r rune, size float32, style fyne.TextStyle) float32 {
	k := charKey{r, size, style}
	if v, ok := charWidths.Load(k); ok {
		return v.(float32)
	}
	wd := fyne.MeasureText(string(r), size, style).Width
	charWidths.Store(k, wd)
	return wd
}

// breakLines returns where each new line starts so that no line is wider
// than avail; a '\n' always starts one.
func breakLines(t []rune, widths []float32, avail float32) []int {
	var breaks []int
	start, x := 0, float32(0)
	for i := 0; i < len(t); i++ {
		if t[i] == '\n' {
			breaks = append(breaks, i+1)
			start, x = i+1, 0
			continue
		}
		if x+widths[i] <= avail || i == start {
			x += widths[i]
			continue
		}
		b := goodBreak(t, start, i)
		breaks = append(breaks, b)
		start, x = b, 0
		for k := b; k <= i; k++ {
			x += widths[k]
		}
	}
	return breaks
}

// goodBreak moves a break before i back to where the rules allow one,
// keeping at least one character on the line that began at start.
func goodBreak(t []rune, start, i int) int {
	b := i
	for n := 0; n < 3 && b > start+1 && (noLineStart(t[b]) || noLineEnd(t[b-1])); n++ {
		b--
	}
	if noLineStart(t[b]) || noLineEnd(t[b-1]) {
		b = i // no allowed break nearby: break anyway
	}
	if isWordChar(t[b]) && isWordChar(t[b-1]) {
		j := b
		for j > start && isWordChar(t[j-1]) {
			j--
		}
		if j > start {
			b = j
		}
	}
	return b
}

func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』”’】〕…—·%,.;:?!)]}", r)
}

func noLineEnd(r rune) bool {
	return strings.ContainsRune("（《「『“‘【〔([{", r)
}

func isWordChar(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// cutRuns keeps the text before code point offset at, ending in an ellipsis
// that replaces the last kept character.
func cutRuns(runs []textRun, at int) []textRun {
	var out []textRun
	n := 0
	for _, r := range runs {
		rs := []rune(r.text)
		if n+len(rs) >= at {
			keep := max(at-n-1, 0)
			out = append(out, textRun{string(rs[:keep]) + "…", r.style})
			return out
		}
		out = append(out, r)
		n += len(rs)
	}
	return out
}

// segmentsWithBreaks turns runs into RichText segments with a line break
// before each offset in breaks (sorted).
func segmentsWithBreaks(runs []textRun, breaks []int) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	n, k := 0, 0
	for _, r := range runs {
		rs := []rune(r.text)
		var b strings.Builder
		for i, c := range rs {
			b.WriteRune(c)
			for k < len(breaks) && breaks[k] == n+i+1 {
				if c != '\n' {
					b.WriteByte('\n')
				}
				k++
			}
		}
		n += len(rs)
		segs = append(segs, &widget.TextSegment{Text: b.String(), Style: r.style})
	}
	if len(segs) == 0 { // an empty RichText has no height; keep the line
		segs = append(segs, &widget.TextSegment{Style: stylePlain})
	}
	return segs
}
