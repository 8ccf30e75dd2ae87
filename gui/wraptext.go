package gui

import (
	"image/color"
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

	selLo, selHi int        // the selected code points [selLo, selHi); none when equal
	marks        []backMark // painted behind the text

	rowH          float32   // a line's height
	shown         []textRun // the runs as shown (cut to maxLines)
	lazy          bool      // give the RichText its lines only on screen
	segmentsStale bool
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
	return w.rowH
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

// backMark is a stretch of code points [lo, hi) painted behind the text: a
// match, the current match, the selection.
type backMark struct {
	lo, hi int
	kind   markKind
}

type markKind int

const (
	markHit markKind = iota
	markCurrent
	markSelection
)

// setOnScreen shows or hides the text and its marks, the size kept: see
// detailView.cull.
func (w *wrapText) setOnScreen(on bool) {
	if on == w.text.Visible() {
		return
	}
	if on {
		w.setSegments()
		w.text.Show()
	} else {
		w.text.Hide()
	}
	w.Refresh()
}

// setMarks replaces the marks painted behind the text (not the selection).
func (w *wrapText) setMarks(marks []backMark) {
	w.marks = marks
	w.Refresh()
}

// spanRects are the rectangles that cover code points [lo, hi), a line
// each, as top-left and size pairs.
func (w *wrapText) spanRects(lo, hi int, out []fyne.Position) []fyne.Position {
	if lo >= hi || len(w.widths) == 0 {
		return out
	}
	pad := w.Theme().Size(theme.SizeNameInnerPadding)
	lineH := w.lineHeight()
	for k := w.lineIndex(lo); k <= len(w.breaks); k++ {
		start, end := w.lineBounds(k)
		if start >= hi {
			break
		}
		a, b := max(lo, start), min(hi, end)
		if a >= b {
			continue
		}
		x := pad
		for i := start; i < a; i++ {
			x += w.widths[i]
		}
		wd := float32(0)
		for i := a; i < b; i++ {
			wd += w.widths[i]
		}
		out = append(out, fyne.NewPos(x, pad+lineH*float32(k)), fyne.NewPos(wd, lineH))
	}
	return out
}

// lineIndex is the line holding code point i.
func (w *wrapText) lineIndex(i int) int { return sort.SearchInts(w.breaks, i+1) }

type wrapRenderer struct {
	w     *wrapText
	rects []*canvas.Rectangle // the marks and the selection, behind the text
}

func (r *wrapRenderer) Layout(s fyne.Size) {
	r.w.text.Resize(s)
	r.w.text.Move(fyne.NewPos(0, 0))
	r.layoutMarks()
}

// markColors are the fills behind matches and the selection: the
// highlight colours of the list, see through, so the text stays readable.
func (r *wrapRenderer) markColor(k markKind) color.Color {
	th, v := r.w.Theme(), fyne.CurrentApp().Settings().ThemeVariant()
	switch k {
	case markCurrent:
		return withAlpha(th.Color(theme.ColorNameWarning, v), 0xa0)
	case markHit:
		return withAlpha(th.Color(theme.ColorNamePrimary, v), 0x60)
	}
	return th.Color(theme.ColorNameSelection, v)
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// layoutMarks paints a rectangle behind each line of each mark: a match is
// one rectangle, not a text object of its own, which is what made an
// article with hundreds of matches slow to draw.
func (r *wrapRenderer) layoutMarks() {
	w := r.w
	marks := w.marks
	if w.selLo < w.selHi {
		marks = append(marks[:len(marks):len(marks)], backMark{w.selLo, w.selHi, markSelection})
	}
	var ps []fyne.Position
	var kinds []markKind
	for _, m := range marks {
		n := len(ps)
		ps = w.spanRects(m.lo, m.hi, ps)
		for range (len(ps) - n) / 2 {
			kinds = append(kinds, m.kind)
		}
	}
	n := len(ps) / 2
	if !w.text.Visible() {
		n = 0 // off screen: see detailView.cull
	}
	for len(r.rects) < n {
		r.rects = append(r.rects, canvas.NewRectangle(nil))
	}
	r.rects = r.rects[:n]
	for i, rect := range r.rects {
		rect.FillColor = r.markColor(kinds[i])
		rect.Move(ps[2*i])
		rect.Resize(fyne.NewSize(ps[2*i+1].X, ps[2*i+1].Y))
		rect.Refresh()
	}
}

// MinSize is as narrow as one character, so the text never holds its
// container wide, and as tall as the lines it was broken into.
func (r *wrapRenderer) MinSize() fyne.Size {
	th := r.w.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	one := charWidth('字', th.Size(theme.SizeNameText), fyne.TextStyle{})
	if r.w.rowH == 0 { // not laid out yet (a list's template row)
		r.w.rowH = r.w.rowHeight(th)
	}
	return fyne.NewSize(one+2*pad, float32(len(r.w.breaks)+1)*r.w.rowH+2*pad)
}

func (r *wrapRenderer) Refresh() {
	if r.w.Theme().Size(theme.SizeNameText) != r.w.textSize { // text size changed
		r.w.relayout(r.w.Size().Width)
	}
	if r.w.text.Visible() {
		r.w.text.Refresh()
	}
	r.layoutMarks()
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
	w.rowH = w.rowHeight(th)
	w.shown = runs
	w.segmentsStale = true
	if !w.lazy || w.text.Visible() {
		w.setSegments()
	}
}

// setSegments gives the RichText the lines as broken; a lazy wrapText
// (an article's paragraph) does it only once it comes on screen.
func (w *wrapText) setSegments() {
	if w.segmentsStale {
		w.text.Segments = segmentsWithBreaks(w.shown, w.breaks)
		w.segmentsStale = false
	}
}

// rowHeight is the height of a line: the RichText's rows touch, and a row
// is as tall as its tallest style (Fyne measures a font's line, not the
// characters in it).
func (w *wrapText) rowHeight(th fyne.Theme) float32 {
	h := float32(0)
	for _, r := range w.runs {
		size := th.Size(r.style.SizeName)
		if r.style.SizeName == "" {
			size = th.Size(theme.SizeNameText)
		}
		h = max(h, rowHeights(size, r.style.TextStyle))
	}
	if h == 0 {
		h = rowHeights(th.Size(theme.SizeNameText), fyne.TextStyle{})
	}
	return h
}

var rowHeightCache sync.Map // charKey -> float32

func rowHeights(size float32, style fyne.TextStyle) float32 {
	k := charKey{'字', size, style}
	if v, ok := rowHeightCache.Load(k); ok {
		return v.(float32)
	}
	h := fyne.MeasureText("字", size, style).Height
	rowHeightCache.Store(k, h)
	return h
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
