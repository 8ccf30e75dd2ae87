#!/usr/bin/env bash
# Baosou's benchmark (`make bench`): imports a corpus of real Chinese text at
# 25%, 50% and 100% of its size with `baosou import`, times searches in process
# (bench/latency) and as whole `baosou search` processes, checks every total
# against a brute-force substring count, and runs the same work with two peers:
# ripgrep over the JSON Lines file (no index) and SQLite FTS5 with the trigram
# tokenizer. Prints the tables and writes them to bench/results.md.
#
# usage: bench/run.sh DIR
#   DIR/corpus.jsonl is the corpus, built by make-corpus.sh when missing (keep DIR
#   outside the repository); DIR/run/ is scratch, and keeps the full-size library
#   for `BAOSOU_BENCH_LIB=DIR/run/s100/lib go test -bench SearchLibrary ./index/`.
# Settings (environment): SCALES="25 50 100", RUNS=20 (in-process runs of each
#   query), PROC_RUNS=5 and FTS_RUNS=5, MAKE_CORPUS=path of make-corpus.sh.
# Needs: go, python3, rg (ripgrep), /usr/bin/time (GNU time). ~10 minutes on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
D=${1:?usage: bench/run.sh DIR}
SCALES=${SCALES:-"25 50 100"}
RUNS=${RUNS:-20}
PROC_RUNS=${PROC_RUNS:-5}
FTS_RUNS=${FTS_RUNS:-5}
MAKE_CORPUS=${MAKE_CORPUS:-$repo/../shared/bench/make-corpus.sh}
export PATH="$PATH:/usr/local/go/bin" PYTHONDONTWRITEBYTECODE=1
Q="$here/queries.tsv"

# The peers and tools, from Debian's packages when missing.
need=""
command -v rg >/dev/null || need="$need ripgrep"
[ -x /usr/bin/time ] || need="$need time"
command -v python3 >/dev/null || need="$need python3"
if [ -n "$need" ]; then
	SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
fi
for c in go python3 rg /usr/bin/time du; do
	command -v "$c" >/dev/null || { echo "bench: $c is needed" >&2; exit 1; }
done
python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("create virtual table t using fts5(a, tokenize=trigram)")' ||
	{ echo "bench: python3's sqlite3 lacks FTS5 with the trigram tokenizer (SQLite >= 3.34)" >&2; exit 1; }

mkdir -p "$D"
D=$(cd "$D" && pwd)
if [ ! -s "$D/corpus.jsonl" ]; then
	echo "bench: building the corpus with $MAKE_CORPUS (a few minutes)" >&2
	bash "$MAKE_CORPUS" "$D" >&2
fi
corpus="$D/corpus.jsonl"
W="$D/run"
rm -rf "$W"
mkdir -p "$W/bin"

log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
size() { if [ -e "$1" ]; then du -sb "$1" | cut -f1; else echo 0; fi; }

log "building baosou, bench/latency and bench/refcount"
(cd "$repo" && go build -o "$W/bin/baosou" . && go build -o "$W/bin/latency" ./bench/latency &&
	go build -o "$W/bin/refcount" ./bench/refcount)

docs=$(wc -l <"$corpus")
commit=$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(cd "$repo" && git status --porcelain 2>/dev/null)" ] || commit="$commit (with uncommitted changes)"
python3 - "$W/meta.json" <<EOF
import json, sqlite3, sys, time
json.dump({"date": time.strftime("%Y-%m-%d %H:%M"), "commit": "$commit",
           "cpu": """$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')""",
           "nproc": $(nproc), "go": "$(go env GOVERSION | sed 's/^go//')", "rg": "$(rg --version | sed -n 1p)",
           "sqlite": sqlite3.sqlite_version, "docs": $docs, "text_bytes": $(wc -c <"$corpus"),
           "load_before": "$(load)"}, open(sys.argv[1], "w"))
EOF

for pct in $SCALES; do
	S="$W/s$pct"
	mkdir -p "$S"
	n=$((docs * pct / 100))
	head -n "$n" "$corpus" >"$S/corpus.jsonl"
	log "$pct%: baosou import of $n documents"
	/usr/bin/time -v -o "$S/import.time" "$W/bin/baosou" import --no-sample --data "$S/lib" "$S/corpus.jsonl" \
		>"$S/import.out" 2>"$S/import.err" || log "$pct%: baosou import failed: see $S/import.err"
	log "$pct%: in-process latency, $RUNS runs of each query"
	"$W/bin/latency" -data "$S/lib" -queries "$Q" -n "$RUNS" >"$S/latency.json"
	log "$pct%: baosou search and rg processes, $PROC_RUNS runs of each query"
	python3 "$here/proctime.py" "$W/bin/baosou" "$S/lib" "$S/corpus.jsonl" "$Q" "$PROC_RUNS" >"$S/proc.json"
	log "$pct%: reference counts"
	python3 "$here/substr.py" "$S/corpus.jsonl" "$Q" >"$S/substr.json"
	"$W/bin/refcount" "$S/corpus.jsonl" "$Q" >"$S/refcount.json"
	log "$pct%: SQLite FTS5 import and searches"
	/usr/bin/time -v -o "$S/fts.time" python3 "$here/fts5.py" import "$S/fts.db" "$S/corpus.jsonl" >/dev/null
	python3 "$here/fts5.py" search "$S/fts.db" "$Q" "$FTS_RUNS" >"$S/fts.json"
	cat >"$S/meta.json" <<-EOF
		{"text_bytes": $(wc -c <"$S/corpus.jsonl"), "docs": $n, "lib_bytes": $(size "$S/lib"),
		 "index_bytes": $(size "$S/lib/grams"), "docs_bytes": $(size "$S/lib/docs"),
		 "sources_bytes": $(size "$S/lib/sources"), "fts_bytes": $(size "$S/fts.db"), "load_after": "$(load)"}
	EOF
	rm -f "$S/fts.db" "$S/corpus.jsonl"
	[ "$pct" = 100 ] || rm -rf "$S/lib"
done

log "done"
python3 "$here/report.py" "$W" "$Q" | tee "$here/results.md"
