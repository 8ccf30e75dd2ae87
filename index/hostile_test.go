package index

// Hostile queries: nothing a user types crashes a search or takes long. See reliability_test.go for the
// generated corpora and the child processes these tests use.

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// TestHostileQueries sends queries a user may type or paste by mistake to
// the sample library: each gets results or a clear message, and none blows
// up (a second is forty times the slowest, BenchmarkLongQueries).
func TestHostileQueries(t *testing.T) {
	l, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	relSearch(t, l, "疫情", SearchOptions{}) // the first search loads what all need

	rng := rand.New(rand.NewPCG(relSeed(t), 10))
	long := relWords(rng, 10000)
	spaced := strings.Join(strings.Split(relWords(rng, 5000), ""), " ") // pasted OCR text: 建 设 和 房 地 产
	ors := strings.Repeat("疫 OR ", 1666) + "疫"
	tests := []struct {
		name, q string
		opt     SearchOptions
		want    string // "results", or what the error must say (alternatives split by |)
	}{
		{name: "empty", q: "", want: "results"},
		{name: "spaces", q: "   ", want: "results"},
		{name: "ideographic spaces and tabs", q: "　\t　\n", want: "results"},
		{name: "punctuation", q: "，。！？", want: "letters"},
		{name: "ASCII punctuation", q: "!?.,;", want: "letters"},
		{name: "10000 Han characters", q: long, want: "results"},
		{name: "10000 characters in 5000 terms", q: spaced, want: "results"},
		{name: "one term 5000 times", q: strings.Repeat("疫 ", 5000), want: "results"},
		{name: "10000 characters of ORs", q: ors, want: "results"},
		{name: "10000 opening brackets", q: strings.Repeat("(", 10000), want: "missing|never closed"},
		{name: "10000 minus signs", q: strings.Repeat("- ", 5000), want: "needs a term"},
		{name: "10000 quotes", q: strings.Repeat(`"`, 10001), want: "quote"},
		{name: "unclosed quote", q: `"疫情`, want: "quote"},
		{name: "unclosed Chinese quote", q: `“疫情`, want: "quote"},
		{name: "quote closed only", q: `疫情"`, want: "quote"},
		{name: "unclosed bracket", q: "(疫情", want: "never closed"},
		{name: "unopened bracket", q: "疫情)", want: ")"},
		{name: "empty brackets", q: "()", want: ")"},
		{name: "lone minus", q: "-", want: "needs a term"},
		{name: "lone OR", q: "OR", want: "OR"},
		{name: "trailing OR", q: "疫情 OR", want: "OR"},
		{name: "only a negation", q: "-疫情", want: "results"},
		{name: "field without a value", q: "title:", want: "needs a value"},
		{name: "empty field", q: "title:", want: "value"},
		{name: "bad day", q: "date:2020-02-30", want: "day"},
		{name: "bad month", q: "date:2020-13", want: "month"},
		{name: "not a date", q: "date:yesterday", want: "date"},
		{name: "reversed range", q: "date:2020-02-28..2020-02-24", want: "range"},
		{name: "huge year", q: "date:99999999999999999999", want: "date"},
		{name: "bad date filter", q: "疫情", opt: SearchOptions{From: "2020-13-45"}, want: "date"},
		{name: "bad date filter end", q: "疫情", opt: SearchOptions{To: "soon"}, want: "date"},
		{name: "control characters", q: "\x00疫情\x07\x1b[31m", want: "results"},
		{name: "only control characters", q: "\x00\x01\x7f", want: "results"},
		{name: "invalid UTF-8", q: "\xff\xfe疫情\xc3", want: "results"},
		{name: "emoji", q: "😀", want: "letters"},
		{name: "emoji in a term", q: "疫情😀", want: "results"},
		{name: "relZero-width joiner and marks", q: "疫\u200d情\u200f", want: "results"},
		{name: "mixed scripts", q: "COVID-19疫情 Москва ＡＢＣ 한국 العربية", want: "results"},
		{name: "negative offset and limit", q: "疫情", opt: SearchOptions{Offset: -5, Limit: -1}, want: "results"},
		{name: "offset past the end", q: "疫情", opt: SearchOptions{Offset: 1 << 30}, want: "results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res *Results
			var err error
			best := time.Hour
			// The best of three, so that a pause of the machine is not taken for a slow query.
			for range 3 {
				start := time.Now()
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("Search(%.40q, %+v) panicked: %v\n%s", tt.q, tt.opt, p, relOurFrames(string(debug.Stack())))
						}
					}()
					res, err = l.Search(context.Background(), tt.q, tt.opt)
				}()
				best = min(best, time.Since(start))
			}
			t.Logf("best of 3: %v", best.Round(100*time.Microsecond))
			if best > time.Second { // a query that blows up, not a speed target (they take 5-30 ms)
				t.Errorf("Search(%.40q) took %v: it blows up", tt.q, best)
			}
			switch {
			case tt.want == "results" && err != nil:
				t.Errorf("Search(%.40q) error %v, want results", tt.q, err)
			case tt.want == "results" && res == nil:
				t.Errorf("Search(%.40q) = nil results and no error", tt.q)
			case tt.want != "results" && err == nil:
				t.Errorf("Search(%.40q) = %d results, want an error about %q", tt.q, res.Total, tt.want)
			case err != nil && !relSays(err.Error(), tt.want):
				t.Errorf("Search(%.40q) error %q, want it to say %q", tt.q, err, tt.want)
			case err != nil && len(err.Error()) > 500:
				t.Errorf("Search(%.40q) error is %d bytes long; want a message a user can read", tt.q, len(err.Error()))
			}
			var se *SyntaxError
			if errors.As(err, &se) && (se.Pos < 0 || se.Pos > len([]rune(tt.q))) {
				t.Errorf("Search(%.40q) syntax error at rune %d, outside the %d-rune query", tt.q, se.Pos, len([]rune(tt.q)))
			}
			if res != nil && len(res.Hits) > 0 && tt.opt.Offset > 0 && res.Total < tt.opt.Offset {
				t.Errorf("Search(%.40q) offset %d past the %d results gave %d hits", tt.q, tt.opt.Offset, res.Total, len(res.Hits))
			}
		})
	}
}

// relSays reports whether msg contains one of the |-separated alternatives in want.
func relSays(msg, want string) bool {
	for _, w := range strings.Split(want, "|") {
		if strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// relOurFrames keeps the frames of package index from a stack trace.
func relOurFrames(stack string) string {
	lines := strings.Split(stack, "\n")
	var out []string
	for k := 0; k+1 < len(lines); k++ {
		if strings.HasPrefix(lines[k], "baosou/index.") && !strings.Contains(lines[k], "Test") && !strings.Contains(lines[k], "relOurFrames") {
			out = append(out, "  "+lines[k]+" "+strings.TrimSpace(lines[k+1]))
		}
	}
	return strings.Join(out, "\n")
}
