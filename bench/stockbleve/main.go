// Command stockbleve is the benchmark's stock Bleve peer: what Bleve does
// with its default index mapping and its cjk analyzer (character pairs),
// the way its documentation shows, with none of Baosou's tuning. It is a
// measuring tool, not part of Baosou (which only reaches Bleve through
// package index).
//
//	stockbleve import DIR CORPUS.jsonl     index the corpus into DIR (batches of 100)
//	stockbleve search DIR QUERIES RUNS     time each query (a MatchQuery per term, AND-ed)
//
// search prints JSON: per query the total and the median in ms.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/query"

	"baosou/bench/queries"
)

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: stockbleve import DIR CORPUS | search DIR QUERIES RUNS")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "import":
		err = load(os.Args[2], os.Args[3])
	case "search":
		runs, _ := strconv.Atoi(os.Args[4])
		err = search(os.Args[2], os.Args[3], max(runs, 1))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stockbleve:", err)
		os.Exit(1)
	}
}

func load(dir, corpus string) error {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = cjk.AnalyzerName
	idx, err := bleve.New(dir, m)
	if err != nil {
		return err
	}
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	b := idx.NewBatch()
	for n := 0; sc.Scan(); n++ {
		var doc map[string]interface{}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return err
		}
		b.Index(strconv.Itoa(n), doc)
		if b.Size() == 100 {
			if err := idx.Batch(b); err != nil {
				return err
			}
			b = idx.NewBatch()
		}
	}
	if err := idx.Batch(b); err != nil {
		return err
	}
	return idx.Close()
}

type result struct {
	Query    string  `json:"query"`
	Total    uint64  `json:"total"`
	MedianMS float64 `json:"median_ms"`
}

func search(dir, list string, runs int) error {
	idx, err := bleve.Open(dir)
	if err != nil {
		return err
	}
	defer idx.Close()
	qs, err := queries.Read(list)
	if err != nil {
		return err
	}
	var out []result
	for _, q := range qs {
		var parts []query.Query
		for _, t := range strings.Fields(strings.Trim(q, `"`)) {
			if t == "OR" || strings.HasPrefix(t, "-") {
				continue // the stock way has no such syntax without the query string language
			}
			parts = append(parts, bleve.NewMatchQuery(t))
		}
		req := bleve.NewSearchRequest(bleve.NewConjunctionQuery(parts...))
		var times []float64
		var total uint64
		for range runs {
			t := time.Now()
			res, err := idx.SearchInContext(context.Background(), req)
			if err != nil {
				return err
			}
			times = append(times, float64(time.Since(t).Microseconds())/1000)
			total = res.Total
		}
		slices.Sort(times)
		out = append(out, result{q, total, times[len(times)/2]})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
