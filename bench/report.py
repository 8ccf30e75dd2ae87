"""Turns the measurements bench/run.sh left in its work folder into the
Markdown tables of bench/results.md: Baosou by corpus size, the peers,
the targets with ✓/✗, and every query's totals and timings at full size.

usage: report.py WORKDIR QUERIES
"""

import json
import os
import re
import statistics
import sys

import qlist

MB = 1 << 20


def read(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return default


def load_json(path):
    s = read(path)
    return json.loads(s) if s else None


def gnu_time(path):
    """Wall seconds, CPU seconds and peak RSS bytes from `/usr/bin/time -v` output."""
    s = read(path, "")
    def field(name):
        m = re.search(re.escape(name) + r": (.+)", s)
        return m.group(1).strip() if m else None
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    if wall:
        for part in wall.split(":"):
            secs = secs * 60 + float(part)
    cpu = float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0)
    return {"wall": secs, "cpu": cpu, "rss": int(field("Maximum resident set size (kbytes)") or 0) * 1024,
            "status": int(field("Exit status") or -1)}


def scale(work, name):
    d = os.path.join(work, name)
    s = {"name": name, "pct": int(name[1:]), "meta": load_json(os.path.join(d, "meta.json")),
         "imp": gnu_time(os.path.join(d, "import.time")), "fts_imp": gnu_time(os.path.join(d, "fts.time"))}
    for k in ("latency", "proc", "substr", "refcount", "fts"):
        s[k] = load_json(os.path.join(d, k + ".json"))
    s["text"] = s["meta"]["text_bytes"]
    m = re.search(r"(\d+) articles added", read(os.path.join(d, "import.out"), ""))
    s["added"] = int(m.group(1)) if m else None
    return s


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def f(x, nd=1):
    return "–" if x is None else f"{x:,.{nd}f}"


def ratio(a, b):
    return a / b if a and b else None


class Scale:
    """The figures of one corpus size, derived once."""

    def __init__(self, s, queries):
        self.s = s
        text = s["text"]
        self.mbps = ratio(text / MB, s["imp"]["wall"])
        self.fts_mbps = ratio(text / MB, s["fts_imp"]["wall"])
        self.size = ratio(s["meta"]["lib_bytes"], text)
        self.fts_size = ratio(s["meta"]["fts_bytes"], text)
        lat = {q["query"]: q for q in s["latency"]["queries"]}
        proc = {q["query"]: q for q in s["proc"]["queries"]}
        fts = {q["query"]: q for q in s["fts"]["queries"]}
        self.rows = []
        for label, q in queries:
            g = qlist.parse(q)
            self.rows.append({"label": label, "q": q, "groups": g, "lat": lat[q], "proc": proc[q], "fts": fts[q],
                              "ours": lat[q]["total"], "sub": s["substr"]["counts"][q],
                              "fold": s["refcount"]["counts"].get(q, 0)})
        self.proc_ms = median(r["proc"]["ours_ms"] for r in self.rows)
        self.rg_ms = median(r["proc"]["rg_ms"] for r in self.rows)
        answered = [r for r in self.rows if not r["fts"]["short"]]
        self.fts_ms = median(r["fts"]["median_ms"] for r in answered)
        self.ours_on_fts = median(r["lat"]["median_ms"] for r in answered)


def verdict(r):
    ours, sub, fold = r["ours"], r["sub"], r["fold"]
    if ours < sub:
        return "**FEWER**"
    if ours != fold:
        return f"**≠ folded ({ours - fold:+d})**"
    return "equal" if ours == sub else "more (folding)"


def header(meta, scales):
    m = meta
    lines = [f"Baosou benchmark, {m['date']}, commit {m['commit']}; {m['cpu']}, {m['nproc']} cores; "
             f"Go {m['go']}, {m['rg']}, SQLite {m['sqlite']}.",
             f"Corpus: {m['docs']:,} documents, {m['text_bytes'] / MB:.1f} MB of JSON Lines "
             f"(MB = 2^20 bytes). Load average before/after: {m['load_before']} / {scales[-1].s['meta']['load_after']}; "
             f"figures are medians, in-process from {scales[-1].s['latency']['runs']} runs of each query, "
             f"processes from {scales[-1].s['proc']['runs']}.", ""]
    return lines


def table_ours(scales):
    out = ["### Baosou by corpus size", "",
           "| corpus | docs | text MB | import MB/s | import wall s | import CPU s | peak RSS MB | data folder "
           "| in-process p50 / p99 ms | `baosou search` process median ms |",
           "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for x in scales:
        s = x.s
        out.append(f"| {s['pct']}% | {s['latency']['docs']:,} | {s['text'] / MB:.1f} | {f(x.mbps, 2)} | "
                   f"{f(s['imp']['wall'])} | {f(s['imp']['cpu'])} | {s['imp']['rss'] / MB:,.0f} | "
                   f"{s['meta']['lib_bytes'] / MB:,.0f} MB = {f(x.size, 2)}× | "
                   f"{f(s['latency']['p50_ms'], 2)} / {f(s['latency']['p99_ms'], 1)} | {f(x.proc_ms)} |")
    m, text = scales[-1].s["meta"], scales[-1].s["text"]
    parts = [(d, m.get(k + "_bytes", 0)) for k, d in (("index", "grams"), ("docs", "docs"), ("sources", "sources"))]
    out += ["", f"Data folder at {scales[-1].s['pct']}%: " + ", ".join(
        f"{k}/ {v / MB:,.0f} MB ({v / text:.2f}×)" for k, v in parts) + "."]
    return out + [""]


def table_peers(scales):
    out = ["### Peers in the same run", "",
           "| corpus | FTS5 import MB/s | ours ÷ FTS5 | FTS5 size | FTS5 peak RSS MB "
           "| FTS5 median ms (≥3-char queries) | ours, same queries | rg process median ms | ours | rg ÷ ours |",
           "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for x in scales:
        s = x.s
        out.append(f"| {s['pct']}% | {f(x.fts_mbps, 2)} | {f(ratio(x.mbps, x.fts_mbps), 2)}× | "
                   f"{f(x.fts_size, 2)}× | {s['fts_imp']['rss'] / MB:,.0f} | {f(x.fts_ms, 2)} | "
                   f"{f(x.ours_on_fts, 2)} | {f(x.rg_ms)} | {f(x.proc_ms)} | {f(ratio(x.rg_ms, x.proc_ms), 2)}× |")
    short = sum(1 for r in scales[-1].rows if r["fts"]["short"])
    out += ["", f"FTS5's trigram tokenizer finds nothing for a term under 3 characters: {short} of "
            f"{len(scales[-1].rows)} queries return 0 there (see the per-query table), so its latency "
            "is compared on the queries it can answer.", ""]
    return out


def table_targets(x):
    s = x.s
    short = [r for r in x.rows if qlist.chars(r["groups"]) <= 2 and
             max(len(t) for g in r["groups"] for _, t in g) <= 2]
    exact = all(verdict(r) in ("equal", "more (folding)") for r in short)
    rows = [
        ("import ≥ 5 MB/s", f"{f(x.mbps, 2)} MB/s", x.mbps and x.mbps >= 5),
        ("import ≥ 2× FTS5", f"{f(ratio(x.mbps, x.fts_mbps), 2)}×", (ratio(x.mbps, x.fts_mbps) or 0) >= 2),
        ("data folder ≤ 2× text", f"{f(x.size, 2)}×", x.size and x.size <= 2),
        ("peak RSS importing ≤ 600 MB", f"{s['imp']['rss'] / MB:,.0f} MB", s["imp"]["rss"] <= 600 * MB),
        ("in-process p50 ≤ 3 ms", f"{f(s['latency']['p50_ms'], 2)} ms", s["latency"]["p50_ms"] <= 3),
        ("in-process p99 ≤ 20 ms", f"{f(s['latency']['p99_ms'], 1)} ms", s["latency"]["p99_ms"] <= 20),
        ("process median ≤ 25 ms", f"{f(x.proc_ms)} ms", x.proc_ms is not None and x.proc_ms <= 25),
        ("process ≥ 4× faster than rg", f"{f(ratio(x.rg_ms, x.proc_ms), 2)}×", (ratio(x.rg_ms, x.proc_ms) or 0) >= 4),
        ("1–2 char queries exact", f"{sum(verdict(r) in ('equal', 'more (folding)') for r in short)}/{len(short)}",
         exact),
    ]
    out = [f"### Targets ({s['pct']}% corpus)", "", "| target | measured | |", "|---|--:|:-:|"]
    out += [f"| {t} | {m} | {'✓' if ok else '✗'} |" for t, m, ok in rows]
    return out + [""]


def table_queries(x):
    out = [f"### Per query ({x.s['pct']}% corpus; top 20 with snippets and highlights)", "",
           "| kind | query | ours | substring | folded | recall | FTS5 | in-process ms | process ms | rg ms "
           "| FTS5 ms |", "|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|"]
    for r in x.rows:
        fts = "n/a (<3)" if r["fts"]["short"] and not r["fts"]["total"] else f"{r['fts']['total']:,}"
        q = r["q"].replace("|", "\\|")
        out.append(f"| {r['label']} | `{q}` | {r['ours']:,} | {r['sub']:,} | {r['fold']:,} | {verdict(r)} | "
                   f"{fts} | {f(r['lat']['median_ms'], 2)} | {f(r['proc']['ours_ms'])} | "
                   f"{f(r['proc']['rg_ms'])} | {'–' if r['fts']['short'] else f(r['fts']['median_ms'], 2)} |")
    out += ["", "ours: our total; substring: documents holding the query as plain substrings of title or body "
            "(bench/substr.py); folded: the same after width/case/traditional→simplified/OCR-space folding "
            "(bench/refcount). more (folding): ours = folded > substring, allowed; FEWER is a bug.", ""]
    return out


def recall_summary(scales):
    out = ["### Recall", ""]
    bad = []
    for x in scales:
        v = [verdict(r) for r in x.rows]
        out.append(f"- {x.s['pct']}%: {v.count('equal')} equal, {v.count('more (folding)')} more through folding, "
                   f"{sum(s.startswith('**≠') for s in v)} differ from the folded count, {v.count('**FEWER**')} fewer.")
        for r, s in zip(x.rows, v):
            if s not in ("equal", "more (folding)"):
                bad.append(f"  - {x.s['pct']}% `{r['q']}`: ours {r['ours']}, substring {r['sub']}, folded {r['fold']}")
        if x.s["imp"]["status"] != 0 or x.s["added"] != x.s["meta"]["docs"]:
            bad.append(f"  - {x.s['pct']}%: baosou import exited {x.s['imp']['status']} having added "
                       f"{x.s['added']} of {x.s['meta']['docs']} documents")
        for r in x.rows:
            lat = r["lat"]
            if lat.get("error"):
                bad.append(f"  - {x.s['pct']}% `{r['q']}`: error {lat['error']}")
            elif lat["hits"] and (lat["snippets"] < lat["hits"] or lat["marked"] < lat["hits"]):
                bad.append(f"  - {x.s['pct']}% `{r['q']}`: {lat['hits']} hits, {lat['snippets']} with a snippet, "
                           f"{lat['marked']} with a highlight")
            if r["proc"]["total"] != r["ours"]:
                bad.append(f"  - {x.s['pct']}% `{r['q']}`: `baosou search` total {r['proc']['total']} ≠ in-process {r['ours']}")
    if bad:
        out += ["", "Problems:"] + bad
    return out + [""]


def main():
    work, qfile = sys.argv[1:3]
    queries = qlist.load(qfile)
    names = sorted((n for n in os.listdir(work) if re.fullmatch(r"s\d+", n)), key=lambda n: int(n[1:]))
    scales = [Scale(scale(work, n), queries) for n in names]
    if not scales:
        sys.exit("report.py: no measurements in " + work)
    meta = load_json(os.path.join(work, "meta.json"))
    lines = header(meta, scales) + table_targets(scales[-1]) + table_ours(scales) + table_peers(scales)
    lines += recall_summary(scales) + table_queries(scales[-1])
    print("\n".join(lines))


if __name__ == "__main__":
    main()
