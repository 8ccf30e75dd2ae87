"""The SQLite FTS5 peer: one table with the trigram tokenizer, the way a
program would add substring search to SQLite. Trigrams cannot look up a
string of fewer than three characters, so FTS5 finds nothing for 1-2
character terms; the report says so instead of hiding it.

usage: fts5.py import DB CORPUS.jsonl
       fts5.py search DB QUERIES RUNS   (prints JSON: per-query total and median, p50/p99)
"""

import json
import sqlite3
import statistics
import sys
import time

import qlist


def do_import(db, corpus):
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')")
    with con:
        con.executemany("INSERT INTO docs(title, body) VALUES (?, ?)", qlist.docs(corpus))
    n = con.execute("SELECT count(*) FROM docs").fetchone()[0]
    con.close()
    print(json.dumps({"docs": n}))


def fts_query(groups):
    """The FTS5 MATCH expression of a query: quoted strings, AND/OR/NOT."""
    def s(t):
        return '"' + t.replace('"', '""') + '"'

    parts = []
    for g in groups:
        pos = " AND ".join(s(t) for neg, t in g if not neg)
        for neg, t in g:
            if neg:
                pos = f"({pos}) NOT {s(t)}"
        parts.append(f"({pos})")
    return " OR ".join(parts)


def search(con, expr):
    total = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (expr,)).fetchone()[0]
    con.execute(
        "SELECT rowid, title, snippet(docs, -1, '[', ']', '…', 24) FROM docs "
        "WHERE docs MATCH ? ORDER BY rank LIMIT 20", (expr,)).fetchall()
    return total


def do_search(db, qfile, runs):
    con = sqlite3.connect(db)
    queries = [(q, qlist.parse(q)) for _, q in qlist.load(qfile)]
    exprs = {q: fts_query(g) for q, g in queries}
    out = {q: {"query": q, "expr": exprs[q], "total": search(con, exprs[q]),
               "short": qlist.chars(g) < 3, "times": []} for q, g in queries}
    for q in exprs:  # warm up
        search(con, exprs[q])
    allt = []
    for _ in range(runs):
        for q in exprs:
            t = time.perf_counter()
            search(con, exprs[q])
            ms = (time.perf_counter() - t) * 1000
            out[q]["times"].append(ms)
            allt.append(ms)
    for r in out.values():
        r["median_ms"] = statistics.median(r.pop("times"))
    print(json.dumps({"runs": runs, "p50_ms": pct(allt, 50), "p99_ms": pct(allt, 99),
                      "queries": list(out.values())}, ensure_ascii=False))


def pct(xs, p):
    """The nearest-rank percentile p of xs."""
    xs = sorted(xs)
    return xs[max((p * len(xs) + 99) // 100 - 1, 0)] if xs else 0.0


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "import" and len(sys.argv) == 4:
        do_import(sys.argv[2], sys.argv[3])
    elif cmd == "search" and len(sys.argv) == 5:
        do_search(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
