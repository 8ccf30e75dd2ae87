"""Reads what bench/run.sh left in its work folder and derives the figures
report.py prints: one Scale per corpus size (Baosou, FTS5, rg, stock Bleve
where measured, the shards library at the largest size), the PDF import and
the OCR medians.
"""

import json
import os
import re
import statistics

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
    """Wall seconds, CPU seconds and peak RSS bytes from `/usr/bin/time -v`
    output, or None when the file is missing (the step did not run)."""
    s = read(path)
    if s is None:
        return None

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


def import_counts(path):
    """(articles added, duplicates skipped) from `baosou import`'s output."""
    s = read(path, "")
    added = re.search(r"(\d+) articles added", s)
    dups = re.search(r"(\d+) duplicate article", s)
    return (int(added.group(1)) if added else None), (int(dups.group(1)) if dups else 0)


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def ratio(a, b):
    return a / b if a and b else None


def verdict(r):
    """Our total against the plain and the folded substring counts."""
    ours, sub, fold = r["ours"], r["sub"], r["fold"]
    if ours < sub:
        return "**FEWER**"
    if ours != fold:
        return f"**≠ folded ({ours - fold:+d})**"
    return "equal" if ours == sub else "more (folding)"


def exact(r):
    return verdict(r) in ("equal", "more (folding)")


def short(r):
    """A query whose terms are all of 1 or 2 characters."""
    return max(len(t) for g in r["groups"] for _, t in g) <= 2


def stock_verdict(r):
    """Stock Bleve's total against the folded count. Its query is one
    MatchQuery per term, AND-ed: OR and NOT are dropped, so those totals
    answer another question and are not compared."""
    if len(r["groups"]) > 1 or any(neg for g in r["groups"] for neg, _ in g):
        return "n/a (no OR/NOT)"
    st, fold = r["stock"]["total"], r["fold"]
    if st == fold:
        return "equal"
    if st == 0:
        return "**finds nothing**"
    return f"{'more' if st > fold else '**fewer**'} ({st - fold:+d})"


class Scale:
    """The figures of one corpus size, derived once."""

    def __init__(self, work, name, queries):
        d = os.path.join(work, name)
        self.pct = int(name[1:])
        self.meta = load_json(os.path.join(d, "meta.json"))
        self.text = self.meta["text_bytes"]
        self.imp = gnu_time(os.path.join(d, "import.time"))
        self.added, _ = import_counts(os.path.join(d, "import.out"))
        self.fts_imp = gnu_time(os.path.join(d, "fts.time"))
        for k in ("latency", "proc", "substr", "refcount", "fts", "stock"):
            setattr(self, k, load_json(os.path.join(d, k + ".json")))
        self.mbps = ratio(self.text / MB, self.imp["wall"])
        self.fts_mbps = ratio(self.text / MB, self.fts_imp["wall"])
        self.size = ratio(self.meta["lib_bytes"], self.text)
        self.fts_size = ratio(self.meta["fts_bytes"], self.text)
        self._rows(queries)
        self._stock(d)
        self._shards(d)

    def _rows(self, queries):
        lat = {q["query"]: q for q in self.latency["queries"]}
        proc = {q["query"]: q for q in self.proc["queries"]}
        fts = {q["query"]: q for q in self.fts["queries"]}
        stock = {q["query"]: q for q in self.stock or []}
        self.rows = []
        for label, q in queries:
            self.rows.append({"label": label, "q": q, "groups": qlist.parse(q), "lat": lat[q], "proc": proc[q],
                              "fts": fts[q], "stock": stock.get(q), "ours": lat[q]["total"],
                              "sub": self.substr["counts"][q], "fold": self.refcount["counts"].get(q, 0)})
        self.proc_ms = median(r["proc"]["ours_ms"] for r in self.rows)
        self.rg_ms = median(r["proc"]["rg_ms"] for r in self.rows)
        self.rg_ratio_q = median(ratio(r["proc"]["rg_ms"], r["proc"]["ours_ms"]) for r in self.rows)
        answered = [r for r in self.rows if not r["fts"]["short"]]
        self.fts_ms = median(r["fts"]["median_ms"] for r in answered)
        self.ours_on_fts = median(r["lat"]["median_ms"] for r in answered)
        self.ours_ms = median(r["lat"]["median_ms"] for r in self.rows)

    def _stock(self, d):
        """Stock Bleve's figures, when it was measured at this size."""
        self.stock_imp = gnu_time(os.path.join(d, "stock.time"))
        if not self.stock_imp:
            return
        self.stock_mbps = ratio(self.text / MB, self.stock_imp["wall"])
        self.stock_size = ratio(self.meta["stock_bytes"], self.text)
        if self.stock:
            self.stock_ms = median(r["stock"]["median_ms"] for r in self.rows)
            self.stock_verdicts = [stock_verdict(r) for r in self.rows]

    def _shards(self, d):
        """The library imported into several shards, at the largest size."""
        self.shards_imp = gnu_time(os.path.join(d, "shards.time"))
        self.shards_lat = load_json(os.path.join(d, "shards-latency.json"))
        if not self.shards_imp:
            return
        self.shards_added, _ = import_counts(os.path.join(d, "shards.out"))
        self.shards_mbps = ratio(self.text / MB, self.shards_imp["wall"])


def scales(work, queries):
    names = sorted((n for n in os.listdir(work) if re.fullmatch(r"s\d+", n)), key=lambda n: int(n[1:]))
    return [Scale(work, n, queries) for n in names]


def pdf(work):
    """The 20-page PDF imports: medians of wall and peak RSS over the runs."""
    d = os.path.join(work, "pdf")
    meta = load_json(os.path.join(d, "meta.json"))
    if not meta:
        return None
    runs = [gnu_time(os.path.join(d, f"import{i}.time")) for i in range(1, meta["runs"] + 1)]
    runs = [t for t in runs if t]
    added, dups = import_counts(os.path.join(d, "import1.out"))
    return dict(meta, done=len(runs), ok=sum(t["status"] == 0 for t in runs), added=added, dups=dups,
                wall=median(t["wall"] for t in runs), rss=median(t["rss"] for t in runs))


def ocr(work):
    """The medians index/pages/testdata/bench.sh printed: [(benchmark, unit, value)]."""
    s = read(os.path.join(work, "ocr.txt"))
    if s is None:
        return None
    _, _, tail = s.partition("medians:")
    out = []
    for line in tail.splitlines():
        parts = line.split()
        if len(parts) == 3:
            out.append((re.sub(r"-\d+$", "", parts[0]), parts[1], float(parts[2])))
    return out
