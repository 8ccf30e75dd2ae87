package main

import (
	"errors"
	"fmt"
	"io"

	"baosou/index"
	"baosou/index/cite"
)

// checkCiteFlags refuses --format beside --json or --cite: the formats are
// whole outputs of their own.
func (f *cmdFlags) checkCiteFlags() error {
	switch {
	case f.format != "" && f.json:
		return errors.New("--format and --json are two different outputs: give one")
	case f.format != "" && f.cite != "":
		return errors.New("--cite is for the text and --json output; --format writes its own")
	}
	return nil
}

// citedHit is a hit in `search --json`, with its citation under --cite.
type citedHit struct {
	index.Hit
	Citation string `json:"citation,omitempty"`
}

func citeHits(hits []index.Hit, style string) []citedHit {
	out := make([]citedHit, len(hits))
	for i, h := range hits {
		out[i] = citedHit{Hit: h, Citation: citeLine(style, cite.FromHit(h))}
	}
	return out
}

// citeLine is r's citation in the --cite style, or "" without --cite.
func citeLine(style string, r cite.Ref) string {
	if style == "" {
		return ""
	}
	s, _ := cite.ParseStyle(style) // checked when the flag was read
	return r.Format(s)
}

// exportSearch writes every match of q under opt (at most --limit when it was
// given) to stdout in --format.
func exportSearch(lib *index.Library, q string, opt index.SearchOptions, f *cmdFlags, stdout, stderr io.Writer) int {
	format, _ := cite.ParseFormat(f.format) // checked when the flag was read
	limit := 0
	if f.limitSet {
		limit = f.limit
	}
	ctx, stop := interrupted()
	defer stop()
	n, err := cite.Export(ctx, stdout, format, lib, q, opt, limit, nil)
	if err != nil && n == 0 { // the query itself failed, as in a plain search
		return searchError(stderr, q, err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "baosou search: %q: %v (after %d articles)\n", q, err, n)
		return 1
	}
	return 0
}
