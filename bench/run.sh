#!/usr/bin/env bash
# Baosou's benchmark (`make bench`): the figures of issue 9's targets, each
# beside peers measured in the same run, written to bench/results.md.
#  - Baosou at 25%, 50% and 100% of a corpus of real Chinese text: `baosou
#    import` (wall, CPU, peak RSS), the data folder (bleve/, docs/, sources/),
#    searches in process with facets (bench/latency) and as whole `baosou
#    search` processes, every total against a brute-force substring count and
#    the folded count (bench/substr.py, bench/refcount).
#  - Peers: ripgrep over the JSON Lines file (no index) and SQLite FTS5 with
#    the trigram tokenizer at every scale; stock Bleve (default mapping, cjk
#    analyzer: bench/stockbleve) at STOCK_SCALES.
#  - One shard against SHARDS shards (BAOSOU_SHARDS at import) at the largest
#    scale: import, size, in-process latency.
#  - A 20-page text PDF (index/pages' test newspaper) imported by a whole
#    `baosou import` process, PDF_RUNS times into a fresh library.
#  - With OCR=1, index/pages/testdata/bench.sh (OCR pages/minute, PDF reading).
#
# usage: bench/run.sh DIR
#   DIR/corpus.jsonl is the corpus, built by make-corpus.sh when missing (keep DIR
#   outside the repository); DIR/run/ is scratch, and keeps the full-size library
#   for `BAOSOU_BENCH_LIB=DIR/run/s100/lib go test -bench SearchLibrary ./index/`.
# Settings (environment):
#   SCALES="25 50 100"   percentages of the corpus (its first lines)
#   STOCK_SCALES="25"    where stock Bleve is measured too (each must be in SCALES;
#                        "25 100" adds the full size, several minutes more; "" skips it)
#   SHARDS=2             the shard count compared with one, at the largest scale
#   RUNS=20              in-process runs of each query (Baosou and stock Bleve)
#   PROC_RUNS=5, FTS_RUNS=5, PDF_RUNS=3
#   OCR=0                1 also runs index/pages/testdata/bench.sh (OCR_ARGS are
#                        its arguments: COUNT OCR_COUNT, default 5 1)
#   MAKE_CORPUS=path of make-corpus.sh
# Needs: go, python3 (sqlite3 with FTS5), rg (ripgrep), /usr/bin/time (GNU time),
#   pdftotext/pdfinfo (poppler-utils); tesseract with chi_sim for OCR=1.
# Takes about 10 minutes of both cores on 2 cores at the defaults; OCR=1 adds
# about 4 (one OCR page is a minute), STOCK_SCALES="25 100" several more. Run
# it on a quiet machine: the figures are compared across the run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
D=${1:?usage: bench/run.sh DIR}
SCALES=${SCALES:-"25 50 100"}
STOCK_SCALES=${STOCK_SCALES-"25"}
SHARDS=${SHARDS:-2}
RUNS=${RUNS:-20}
PROC_RUNS=${PROC_RUNS:-5}
FTS_RUNS=${FTS_RUNS:-5}
PDF_RUNS=${PDF_RUNS:-3}
OCR=${OCR:-0}
OCR_ARGS=${OCR_ARGS:-}
MAKE_CORPUS=${MAKE_CORPUS:-$repo/../shared/bench/make-corpus.sh}
export PATH="$PATH:/usr/local/go/bin" PYTHONDONTWRITEBYTECODE=1
Q="$here/queries.tsv"

# The peers and tools, from Debian's packages when missing.
need=""
command -v rg >/dev/null || need="$need ripgrep"
[ -x /usr/bin/time ] || need="$need time"
command -v python3 >/dev/null || need="$need python3"
command -v pdftotext >/dev/null || need="$need poppler-utils"
if [ -n "$need" ]; then
	SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
fi
for c in go python3 rg /usr/bin/time du pdftotext; do
	command -v "$c" >/dev/null || { echo "bench: $c is needed" >&2; exit 1; }
done
python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("create virtual table t using fts5(a, tokenize=trigram)")' ||
	{ echo "bench: python3's sqlite3 lacks FTS5 with the trigram tokenizer (SQLite >= 3.34)" >&2; exit 1; }

log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
size() { if [ -e "$1" ]; then du -sb "$1" | cut -f1; else echo 0; fi; }
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; } # has LIST WORD
largest=$(printf '%s\n' $SCALES | sort -n | tail -n 1)
for p in $STOCK_SCALES; do
	has "$SCALES" "$p" || log "stock Bleve at $p% is skipped: $p is not in SCALES ($SCALES)"
done

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

log "building baosou, bench/latency, bench/refcount and bench/stockbleve"
(cd "$repo" && go build -o "$W/bin/baosou" . && go build -o "$W/bin/latency" ./bench/latency &&
	go build -o "$W/bin/refcount" ./bench/refcount && go build -o "$W/bin/stockbleve" ./bench/stockbleve)

docs=$(wc -l <"$corpus")
commit=$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(cd "$repo" && git status --porcelain 2>/dev/null)" ] || commit="$commit (with uncommitted changes)"
python3 - "$W/meta.json" <<EOF
import json, sqlite3, sys, time
json.dump({"date": time.strftime("%Y-%m-%d %H:%M"), "commit": "$commit",
           "cpu": """$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')""",
           "nproc": $(nproc), "go": "$(go env GOVERSION | sed 's/^go//')", "rg": "$(rg --version | sed -n 1p)",
           "sqlite": sqlite3.sqlite_version, "docs": $docs, "text_bytes": $(wc -c <"$corpus"),
           "scales": "$SCALES", "stock_scales": "$STOCK_SCALES", "shards": $SHARDS, "ocr": "$OCR" == "1",
           "load_before": "$(load)"}, open(sys.argv[1], "w"))
EOF

# baosou_import NAME LIB CORPUS [ENV...]: a timed `baosou import` into LIB,
# its output in $S/NAME.{time,out,err}.
baosou_import() {
	local name=$1 lib=$2 input=$3
	shift 3
	env "$@" /usr/bin/time -v -o "$S/$name.time" "$W/bin/baosou" import --no-sample --data "$lib" "$input" \
		>"$S/$name.out" 2>"$S/$name.err" || log "$name: baosou import failed: see $S/$name.err"
}

for pct in $SCALES; do
	S="$W/s$pct"
	mkdir -p "$S"
	n=$((docs * pct / 100))
	head -n "$n" "$corpus" >"$S/corpus.jsonl"
	log "$pct%: baosou import of $n documents"
	baosou_import import "$S/lib" "$S/corpus.jsonl"
	log "$pct%: in-process latency with facets, $RUNS runs of each query"
	"$W/bin/latency" -data "$S/lib" -queries "$Q" -n "$RUNS" -facets=true >"$S/latency.json"
	log "$pct%: baosou search and rg processes, $PROC_RUNS runs of each query"
	python3 "$here/proctime.py" "$W/bin/baosou" "$S/lib" "$S/corpus.jsonl" "$Q" "$PROC_RUNS" >"$S/proc.json"
	log "$pct%: reference counts"
	python3 "$here/substr.py" "$S/corpus.jsonl" "$Q" >"$S/substr.json"
	"$W/bin/refcount" "$S/corpus.jsonl" "$Q" >"$S/refcount.json"
	log "$pct%: SQLite FTS5 import and searches"
	/usr/bin/time -v -o "$S/fts.time" python3 "$here/fts5.py" import "$S/fts.db" "$S/corpus.jsonl" >/dev/null
	python3 "$here/fts5.py" search "$S/fts.db" "$Q" "$FTS_RUNS" >"$S/fts.json"
	if has "$STOCK_SCALES" "$pct"; then
		log "$pct%: stock Bleve import and searches, $RUNS runs of each query"
		/usr/bin/time -v -o "$S/stock.time" "$W/bin/stockbleve" import "$S/stock" "$S/corpus.jsonl" \
			>/dev/null 2>"$S/stock.err" || log "$pct%: stock Bleve import failed: see $S/stock.err"
		"$W/bin/stockbleve" search "$S/stock" "$Q" "$RUNS" >"$S/stock.json" 2>>"$S/stock.err" ||
			log "$pct%: stock Bleve searches failed: see $S/stock.err"
	fi
	if [ "$pct" = "$largest" ]; then
		log "$pct%: baosou import into $SHARDS shards, and its in-process latency"
		baosou_import shards "$S/lib$SHARDS" "$S/corpus.jsonl" BAOSOU_SHARDS="$SHARDS"
		"$W/bin/latency" -data "$S/lib$SHARDS" -queries "$Q" -n "$RUNS" -facets=true >"$S/shards-latency.json"
	fi
	cat >"$S/meta.json" <<-EOF
		{"text_bytes": $(wc -c <"$S/corpus.jsonl"), "docs": $n, "lib_bytes": $(size "$S/lib"),
		 "index_bytes": $(size "$S/lib/bleve"), "docs_bytes": $(size "$S/lib/docs"),
		 "sources_bytes": $(size "$S/lib/sources"), "fts_bytes": $(size "$S/fts.db"),
		 "stock_bytes": $(size "$S/stock"), "shards": $SHARDS, "shards_lib_bytes": $(size "$S/lib$SHARDS"),
		 "shards_index_bytes": $(size "$S/lib$SHARDS/bleve"), "load_after": "$(load)"}
	EOF
	rm -rf "$S/fts.db" "$S/corpus.jsonl" "$S/stock" "$S/lib$SHARDS"
	[ "$pct" = "$largest" ] || rm -rf "$S/lib"
done

S="$W/pdf"
mkdir -p "$S"
log "pdf: a 20-page text PDF, imported $PDF_RUNS times by a whole baosou import"
(cd "$repo" && BAOSOU_PDF_OUT="$S/sample.pdf" PAGES=20 go test -count=1 -run TestWriteSample ./index/pages >"$S/write.out")
for i in $(seq "$PDF_RUNS"); do
	rm -rf "$S/lib"
	baosou_import "import$i" "$S/lib" "$S/sample.pdf"
done
echo "{\"pages\": 20, \"pdf_bytes\": $(size "$S/sample.pdf"), \"lib_bytes\": $(size "$S/lib"), \"runs\": $PDF_RUNS}" >"$S/meta.json"
rm -rf "$S/lib"

if [ "$OCR" = 1 ]; then
	log "ocr: index/pages/testdata/bench.sh $OCR_ARGS (a minute an OCR page)"
	(cd "$repo" && bash index/pages/testdata/bench.sh $OCR_ARGS) >"$W/ocr.txt" 2>"$W/ocr.err" ||
		log "ocr: bench.sh failed: see $W/ocr.err"
fi

log "done"
python3 "$here/report.py" "$W" "$Q" | tee "$here/results.md"
