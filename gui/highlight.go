package gui

import (
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// mark is a highlight span local to one piece of text; n is its number among
// all the matches of the article, so the current one can be told apart.
type mark struct {
	start, end, n int
}

// cleanSpans sorts spans, clips them to [0, length) and drops empty and
// overlapping ones, so every later step can trust them.
func cleanSpans(spans []index.Span, length int) []index.Span {
	out := make([]index.Span, 0, len(spans))
	for _, s := range spans {
		s.Start, s.End = max(s.Start, 0), min(s.End, length)
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	kept := out[:0]
	for _, s := range out {
		if n := len(kept); n > 0 && s.Start < kept[n-1].End {
			kept[n-1].End = max(kept[n-1].End, s.End)
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

// splitParagraphs cuts body at its line breaks and hands each paragraph the
// spans that fall in it, in the paragraph's own code points. It also returns
// where each paragraph starts in body.
func splitParagraphs(body string, spans []index.Span) (paras []string, marks [][]mark, starts []int) {
	paras = strings.Split(body, "\n")
	marks = make([][]mark, len(paras))
	starts = make([]int, len(paras))
	off := 0
	for i, p := range paras {
		starts[i] = off
		n := len([]rune(p))
		for k, s := range spans {
			lo, hi := max(s.Start, off), min(s.End, off+n)
			if lo < hi {
				marks[i] = append(marks[i], mark{lo - off, hi - off, k})
			}
		}
		off += n + 1
	}
	return paras, marks, starts
}

// Highlight styles: matches in the accent colour and bold; the current match
// in the warning colour and bold, so it stands out from the rest. (Fyne 2.7
// draws no underline or background for RichText, so colour must do.)
var (
	stylePlain = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameForeground,
		SizeName: theme.SizeNameText}
	styleHit = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary,
		SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Bold: true}}
	styleMeta = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder,
		SizeName: theme.SizeNameCaptionText}
	styleCurrent = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameWarning,
		SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Bold: true}}
)

// markRuns cuts text into runs at its marks: plain text in base, marks in
// hit, the mark numbered current in cur.
func markRuns(text string, marks []mark, current int, base, hit, cur widget.RichTextStyle) []textRun {
	t := []rune(text)
	var runs []textRun
	add := func(s string, st widget.RichTextStyle) {
		if s != "" {
			runs = append(runs, textRun{s, st})
		}
	}
	at := 0
	for _, m := range marks {
		if m.start < at || m.end > len(t) {
			continue
		}
		add(string(t[at:m.start]), base)
		st := hit
		if m.n == current {
			st = cur
		}
		add(string(t[m.start:m.end]), st)
		at = m.end
	}
	add(string(t[at:]), base)
	return runs
}

// spanMarks turns spans over text into marks numbered in order.
func spanMarks(spans []index.Span, length int) []mark {
	spans = cleanSpans(spans, length)
	marks := make([]mark, len(spans))
	for i, s := range spans {
		marks[i] = mark{s.Start, s.End, i}
	}
	return marks
}

// withSize returns style s drawn at the theme size n.
func withSize(s widget.RichTextStyle, n fyne.ThemeSizeName) widget.RichTextStyle {
	s.SizeName = n
	return s
}

// withBold returns style s in bold.
func withBold(s widget.RichTextStyle) widget.RichTextStyle {
	s.TextStyle.Bold = true
	return s
}

// squeezeSpaces turns each run of white space in a headline into one space
// (page text pads headlines to centre them) and trims it, moving the
// highlight spans with the text.
func squeezeSpaces(s string, spans []index.Span) (string, []index.Span) {
	rs := []rune(s)
	keep := make([]int, len(rs)+1) // new offset of each old one
	var out []rune
	for i, r := range rs {
		keep[i] = len(out)
		space := unicode.IsSpace(r)
		if space && (len(out) == 0 || i+1 == len(rs) || unicode.IsSpace(rs[i+1])) {
			continue
		}
		if space {
			r = ' '
		}
		out = append(out, r)
	}
	keep[len(rs)] = len(out)
	for len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	moved := make([]index.Span, 0, len(spans))
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(rs) || sp.Start >= sp.End {
			continue
		}
		moved = append(moved, index.Span{Start: keep[sp.Start], End: min(keep[sp.End], len(out))})
	}
	return string(out), moved
}
