package gui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// ones gives every character of s width 1.
func ones(s string) ([]rune, []float32) {
	t := []rune(s)
	w := make([]float32, len(t))
	for i := range w {
		w[i] = 1
	}
	return t, w
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		avail float32
		want  []int
	}{
		{"any character", "一二三四五六七八", 3, []int{3, 6}},
		{"fits", "一二三", 3, nil},
		{"newline", "一二\n三四", 3, []int{3}},
		{"comma never starts a line", "一二三，四五", 3, []int{2, 5}},
		{"closing quote and stop both pulled", "一二三”。四", 4, []int{2}},
		{"opening bracket never ends a line", "一二（三四五", 3, []int{2, 5}},
		{"digits stay together", "一2020年", 3, []int{1, 4}},
		{"a word longer than the line breaks", "abcdefg", 3, []int{3, 6}},
		{"all punctuation breaks anyway", "一，，，，，", 3, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, w := ones(tt.text)
			if got := breakLines(text, w, tt.avail); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("breakLines(%q, %v) = %v, want %v", tt.text, tt.avail, got, tt.want)
			}
		})
	}
}

func TestSegmentsWithBreaks(t *testing.T) {
	runs := []textRun{{"一二", stylePlain}, {"口罩", styleHit}, {"三四", stylePlain}}
	segs := segmentsWithBreaks(runs, []int{2, 4, 5})
	var got []string
	for _, s := range segs {
		got = append(got, s.(*widget.TextSegment).Text)
	}
	if want := []string{"一二\n", "口罩\n", "三\n四"}; !reflect.DeepEqual(got, want) {
		t.Errorf("segments = %q, want %q", got, want)
	}
}

func TestCutRuns(t *testing.T) {
	runs := []textRun{{"一二", stylePlain}, {"口罩", styleHit}, {"三四", stylePlain}}
	got := cutRuns(runs, 4)
	want := []textRun{{"一二", stylePlain}, {"口…", styleHit}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cutRuns(…, 4) = %v, want %v", got, want)
	}
}

// A highlight ending exactly at a line end must not make the rest of the
// paragraph one character a line, as RichText's own wrapping does.
func TestWrapTextHighlightAtLineEnd(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newTheme(1))
	text := []rune(strings.Repeat("字", 100))
	wt := newWrapText(0)
	w := test.NewTempWindow(t, wt)
	w.Resize(fyne.NewSize(400, 600))
	var heights []float32
	for k := 1; k < 40; k++ {
		wt.setRuns([]textRun{{string(text[:k]), stylePlain}, {string(text[k : k+2]), styleHit}, {string(text[k+2:]), stylePlain}})
		wt.Resize(fyne.NewSize(300, 10))
		heights = append(heights, wt.MinSize().Height)
		_, lines := wt.lineOf(0)
		if got := strings.Count(wt.text.String(), "\n") + 1; got != lines {
			t.Errorf("highlight at %d: RichText has %d lines, want %d", k, got, lines)
		}
	}
	for k, h := range heights {
		if h != heights[0] {
			t.Errorf("highlight at %d: height %v, want %v like the others", k+1, h, heights[0])
		}
	}
}

func TestWrapTextMaxLines(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(newTheme(1))
	wt := newWrapText(2)
	test.NewTempWindow(t, wt)
	wt.setRuns([]textRun{{strings.Repeat("字", 100), stylePlain}})
	wt.Resize(fyne.NewSize(200, 10))
	s := wt.text.String()
	if got := strings.Count(s, "\n"); got != 1 {
		t.Errorf("%q has %d line breaks, want 1 (two lines)", s, got)
	}
	if !strings.HasSuffix(s, "…") {
		t.Errorf("%q does not end in an ellipsis", s)
	}
}
