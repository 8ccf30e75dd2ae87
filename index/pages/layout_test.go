package pages

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// A page drawn on a grid: body lines 10 high and up to 140 wide (a column of
// 14 characters), 15 apart, columns 160 apart; headlines 24 high.
const (
	pitch = 15.0
	colW  = 140.0
	colAt = 160.0
)

// column is n lines of body text in column c from y, named name.1, name.2,
// ...; the lines listed in starts are indented paragraph starts, those in ends
// stop short as a paragraph's last line does.
func column(name string, c int, y float64, n int, starts, ends []int) []line {
	var ls []line
	for i := 1; i <= n; i++ {
		x0, x1 := float64(c)*colAt, float64(c)*colAt+colW
		if contains(starts, i) {
			x0 += 20
		}
		if contains(ends, i) {
			x1 -= 60
		}
		top := y + float64(i-1)*pitch
		ls = append(ls, line{x0, top, x1, top + 10, fmt.Sprintf("%s.%d", name, i)})
	}
	return ls
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// headline is a headline w wide centred over columns c to c+span-1 at y.
func headline(text string, c, span int, y, w float64) line {
	mid := float64(c)*colAt + (float64(span)*colAt-20)/2
	return line{mid - w/2, y, mid + w/2, y + 24, text}
}

func TestReadingOrder(t *testing.T) {
	tests := []struct {
		name  string
		lines []line
		want  string
	}{{
		// A headline narrower than its three columns leaves gaps on either side.
		name: "short headline over three columns",
		lines: concat(
			[]line{headline("H", 0, 3, 0, 60)},
			column("a", 0, 40, 3, []int{1}, nil), column("b", 1, 40, 3, nil, nil), column("c", 2, 40, 3, nil, []int{3}),
		),
		want: "H\n\na.1\na.2\na.3\nb.1\nb.2\nb.3\nc.1\nc.2\nc.3\n",
	}, {
		// Headlines side by side at one height: each stays over its own article.
		name: "a row of one-line headlines",
		lines: concat(
			[]line{headline("H1", 0, 2, 0, 200), headline("H2", 2, 2, 0, 200)},
			column("a", 0, 40, 2, []int{1}, nil), column("b", 1, 40, 2, nil, []int{2}),
			column("c", 2, 40, 2, []int{1}, nil), column("d", 3, 40, 2, nil, []int{2}),
		),
		want: "H1\n\na.1\na.2\nb.1\nb.2\n\nH2\n\nc.1\nc.2\nd.1\nd.2\n",
	}, {
		// Rows of articles: the first row read whole before the second.
		name: "two rows",
		lines: concat(
			[]line{headline("H1", 0, 2, 0, 200)},
			column("a", 0, 40, 2, []int{1}, nil), column("b", 1, 40, 2, nil, []int{2}),
			[]line{headline("H2", 0, 2, 100, 200)},
			column("c", 0, 140, 2, []int{1}, nil), column("d", 1, 140, 2, nil, []int{2}),
		),
		want: "H1\n\na.1\na.2\nb.1\nb.2\n\nH2\n\nc.1\nc.2\nd.1\nd.2\n",
	}, {
		// A caption under a photo beside an article's columns is read after
		// the article, not taken for one of its columns.
		name: "caption beside an article",
		lines: concat(
			[]line{headline("H", 0, 2, 0, 200)},
			column("a", 0, 40, 6, []int{1}, nil), column("b", 1, 40, 6, nil, []int{6}),
			column("cap", 2, 100, 2, []int{1}, []int{2}),
		),
		want: "H\n\na.1\na.2\na.3\na.4\na.5\na.6\nb.1\nb.2\nb.3\nb.4\nb.5\nb.6\n\ncap.1\ncap.2\n",
	}, {
		// A paragraph ending at the foot of a full column: the indent of the
		// next column's first line still starts a new one.
		name: "paragraph ending at a column's foot",
		lines: concat(
			column("a", 0, 0, 2, []int{1}, nil), column("b", 1, 0, 2, []int{1}, nil),
		),
		want: "a.1\na.2\n\nb.1\nb.2\n",
	}, {
		// Paragraphs set flush left: a short line ends one.
		name:  "flush-left paragraphs",
		lines: column("a", 0, 0, 4, nil, []int{2}),
		want:  "a.1\na.2\n\na.3\na.4\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(3) { // the order lines come in must not matter
				ls := append([]line(nil), tt.lines...)
				rand.New(rand.NewPCG(seed, 7)).Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
				if got := pageText(ls); got != tt.want {
					t.Fatalf("pageText(shuffle %d) =\n%s\nwant\n%s", seed, got, tt.want)
				}
			}
		})
	}
}

func concat(parts ...[]line) []line {
	var out []line
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestPageTextEmpty: a page with no text gives no text.
func TestPageTextEmpty(t *testing.T) {
	if got := pageText([]line{{0, 0, 10, 10, "  "}}); got != "" {
		t.Errorf("pageText(blank line) = %q, want \"\"", got)
	}
	if got := pageText(nil); got != "" {
		t.Errorf("pageText(nil) = %q, want \"\"", got)
	}
	if strings.Contains(pageText([]line{{0, 0, 10, 10, " 本报讯 "}}), " ") {
		t.Error("pageText kept the spaces around a line")
	}
}
