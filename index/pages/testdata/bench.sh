#!/usr/bin/env bash
# Runs index/pages' benchmarks, each in a process of its own so that the
# tools' peak memory is its own, and prints each benchmark's runs and median.
#   bash index/pages/testdata/bench.sh [COUNT] [OCR_COUNT]
# COUNT runs of the text-layer benchmarks (default 5), OCR_COUNT of the OCR
# one (default 1: a page takes a minute or more).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
ocr=${2:-1}
bin=$(mktemp -d)/pages.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" .
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for b in Text20Pages:$count Text500Pages:$count OCRPage:$ocr; do
  name=${b%%:*} n=${b##*:}
  out=$(for i in $(seq "$n"); do "$bin" -test.run '^$' -test.bench "^Benchmark$name\$" -test.benchtime 1x; done | grep "^Benchmark")
  echo "$out"
  echo "$out" | awk '{for (i=3; i<NF; i+=2) print $(i+1), $i}' | sort -k1,1 -s | awk '{print $1}' | uniq | while read -r unit; do
    printf '  median %s: %s\n' "$unit" "$(echo "$out" | awk -v u="$unit" '{for (i=3; i<NF; i+=2) if ($(i+1)==u) print $i}' | median)"
  done
done
