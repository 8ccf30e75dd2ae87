// Package queries reads the benchmark's query list (bench/queries.tsv) for
// its Go tools: one query a line, optionally after a label and a tab; blank
// lines and lines starting with # are skipped.
package queries

import (
	"os"
	"strings"
)

// Read returns the queries of the list at path, in order.
func Read(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var qs []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.LastIndexByte(line, '\t'); i >= 0 {
			line = line[i+1:]
		}
		qs = append(qs, line)
	}
	return qs, nil
}
