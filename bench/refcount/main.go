// Command refcount counts, by brute force, the documents of a JSON Lines
// corpus that match each query after folding: query and text both in search
// form (package fold), terms matched as substrings, queries parsed by package
// query. It is what the index should answer; bench/substr.py counts the same
// without folding, so a total between the two is explained by folding alone.
//
// usage: refcount CORPUS.jsonl QUERIES   (prints {"docs": N, "counts": {query: N}})
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"baosou/bench/queries"
	"baosou/index/fold"
	"baosou/index/query"
)

type doc struct{ title, body, reporter string }

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: refcount CORPUS.jsonl QUERIES")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "refcount:", err)
		os.Exit(1)
	}
}

func run(corpus, qfile string) error {
	qs, err := queries.Read(qfile)
	if err != nil {
		return err
	}
	nodes := make([]query.Node, len(qs))
	for i, q := range qs {
		if nodes[i], err = query.Parse(q); err != nil {
			return fmt.Errorf("%q: %w", q, err)
		}
	}
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	counts := make(map[string]int, len(qs))
	docs := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rec struct{ Title, Body, Reporter string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("line %d: %w", docs+1, err)
		}
		docs++
		d := doc{fold.String(strings.TrimSpace(rec.Title)), fold.String(paragraphs(rec.Body)), fold.String(rec.Reporter)}
		for i, n := range nodes {
			if match(n, &d) {
				counts[qs[i]]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"docs": docs, "counts": counts})
}

// paragraphs is the body as the importer keeps it: lines trimmed, blank ones dropped.
func paragraphs(body string) string {
	var ps []string
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return strings.Join(ps, "\n")
}

func match(n query.Node, d *doc) bool {
	switch n := n.(type) {
	case *query.Term:
		s := fold.String(n.Text)
		switch n.Field {
		case "title":
			return strings.Contains(d.title, s)
		case "reporter":
			return strings.Contains(d.reporter, s)
		}
		return strings.Contains(d.title, s) || strings.Contains(d.body, s)
	case *query.Not:
		return !match(n.X, d)
	case *query.And:
		for _, x := range n.Xs {
			if !match(x, d) {
				return false
			}
		}
		return true
	case *query.Or:
		for _, x := range n.Xs {
			if match(x, d) {
				return true
			}
		}
		return false
	}
	return true // a date range: the corpus's dates are not queried
}
