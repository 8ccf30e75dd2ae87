#!/usr/bin/env bash
# Runs index/pages' benchmarks, each run in a process of its own (so that
# memory figures are that run's), Read and its peer (pdftotext alone)
# alternating so that both see the same load, and prints every run and the
# medians.
#   bash index/pages/testdata/bench.sh [COUNT] [OCR_COUNT]
# COUNT runs of the text-layer benchmarks (default 5), OCR_COUNT of the OCR
# one (default 1: a page takes a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
ocr=${2:-1}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go test -c -o "$dir/pages.test" .
mkdir "$dir/runs"
run() { # run BENCHMARK: one run, appended to its file
  "$dir/pages.test" -test.run '^$' -test.bench "^Benchmark$1\$" -test.benchtime 1x | grep "^Benchmark" | tee -a "$dir/runs/$1"
}
for _ in $(seq "$count"); do run Text20Pages; run Pdftotext20Pages; done
for _ in $(seq "$count"); do run Text500Pages; done
for _ in $(seq "$ocr"); do run OCRPage; done
echo "medians:"
for f in "$dir"/runs/*; do
  for unit in $(awk '{for (i = 4; i <= NF; i += 2) print $i}' "$f" | sort -u); do
    awk -v u="$unit" '{for (i = 4; i <= NF; i += 2) if ($i == u) print $(i-1)}' "$f" | sort -g |
      awk -v b="$(basename "$f")" -v u="$unit" '{v[NR] = $1}
        END {printf "  %-18s %-14s %g\n", b, u, NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
  done
done
