// Command latency measures search latency inside one process: it opens a
// library once, warms it up, runs every query of a list n times (round robin,
// so a burst of machine noise is spread over all queries instead of landing
// on one), and prints each query's median and the p50/p99 of all runs as JSON.
//
// usage: latency -data DIR -queries FILE [-n 20] [-warmup 2] [-limit 20] [-facets=true]
//
// FILE holds one query a line, optionally after a label and a tab; blank lines
// and lines starting with # are skipped (see bench/queries.tsv).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"baosou/bench/queries"
	"baosou/index"
)

type queryResult struct {
	Query    string  `json:"query"`
	Total    int     `json:"total"`
	Hits     int     `json:"hits"`
	Snippets int     `json:"snippets"`  // hits with a non-empty snippet
	Marked   int     `json:"marked"`    // hits with a highlight in the snippet or the title
	MedianMS float64 `json:"median_ms"` //
	MinMS    float64 `json:"min_ms"`    //
	Error    string  `json:"error,omitempty"`
}

type report struct {
	Docs    int           `json:"docs"`
	OpenMS  float64       `json:"open_ms"`
	Runs    int           `json:"runs"`
	P50MS   float64       `json:"p50_ms"`
	P99MS   float64       `json:"p99_ms"`
	Queries []queryResult `json:"queries"`
}

func main() {
	data := flag.String("data", "", "library folder")
	qfile := flag.String("queries", "", "query list")
	n := flag.Int("n", 20, "timed runs of each query")
	warm := flag.Int("warmup", 2, "untimed runs of the whole list first")
	limit := flag.Int("limit", 20, "hits per search")
	facets := flag.Bool("facets", true, "count reporters, months and sources too, as the app asks")
	flag.Parse()
	if *data == "" || *qfile == "" {
		flag.Usage()
		os.Exit(2)
	}
	qs, err := queries.Read(*qfile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
	rep, err := measure(*data, qs, *n, *warm, index.SearchOptions{Limit: *limit, Facets: *facets})
	if err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(rep)
}

func measure(dir string, qs []string, n, warm int, opt index.SearchOptions) (*report, error) {
	start := time.Now()
	l, err := index.OpenWith(dir, index.Options{NoSample: true})
	if err != nil {
		return nil, err
	}
	defer l.Close()
	rep := &report{Docs: l.Articles(), OpenMS: ms(time.Since(start)), Runs: n, Queries: make([]queryResult, len(qs))}
	ctx := context.Background()
	for i, q := range qs {
		r := &rep.Queries[i]
		r.Query = q
		res, err := l.Search(ctx, q, opt)
		if err != nil {
			r.Error = err.Error()
			continue
		}
		r.Total, r.Hits = res.Total, len(res.Hits)
		for _, h := range res.Hits {
			if h.Snippet != "" {
				r.Snippets++
			}
			if len(h.SnippetHighlights)+len(h.TitleHighlights) > 0 {
				r.Marked++
			}
		}
	}
	for range warm {
		for _, q := range qs {
			l.Search(ctx, q, opt)
		}
	}
	times := make([][]float64, len(qs))
	var all []float64
	for range n {
		for i, q := range qs {
			if rep.Queries[i].Error != "" {
				continue
			}
			t := time.Now()
			if _, err := l.Search(ctx, q, opt); err != nil {
				return nil, fmt.Errorf("%q: %w", q, err)
			}
			d := ms(time.Since(t))
			times[i] = append(times[i], d)
			all = append(all, d)
		}
	}
	for i := range qs {
		if len(times[i]) > 0 {
			rep.Queries[i].MedianMS = percentile(times[i], 50)
			rep.Queries[i].MinMS = slices.Min(times[i])
		}
	}
	rep.P50MS, rep.P99MS = percentile(all, 50), percentile(all, 99)
	return rep, nil
}

// percentile is the nearest-rank percentile p of xs (which it sorts).
func percentile(xs []float64, p int) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	k := (p*len(xs)+99)/100 - 1
	return xs[max(k, 0)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
