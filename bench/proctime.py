"""Times whole processes per query: `baosou search` (open + search + print)
against ripgrep scanning the JSON Lines file (no index). Runs alternate
between the two and across queries, so machine noise falls on both alike.

ripgrep counts lines, and one line is one document: an AND query is a
pipeline of rg filters, NOT is `rg -v`, OR of single terms is `-e a -e b`.

usage: proctime.py BAOSOU LIBRARY CORPUS.jsonl QUERIES RUNS
  (prints JSON: per query our total, rg's count, and both medians in ms)
"""

import json
import statistics
import subprocess
import sys
import time

import qlist


def rg_pipeline(groups, corpus):
    """The argv of each stage of the ripgrep pipeline counting a query's documents."""
    if len(groups) > 1:
        if any(len(g) != 1 or g[0][0] for g in groups):
            return None  # not needed by the query list
        args = ["rg", "-c", "-F"]
        for g in groups:
            args += ["-e", g[0][1]]
        return [args + [corpus]]
    terms = sorted(groups[0], key=lambda t: t[0])  # positives first
    stages = []
    for i, (neg, t) in enumerate(terms):
        stages.append(["rg", "-F"] + (["-v"] if neg else []) + ["-e", t] + ([corpus] if i == 0 else []))
    stages[-1].insert(1, "-c")
    return stages


def run_pipeline(stages):
    """Run the stages connected by pipes; return (seconds, last stage's stdout)."""
    t = time.perf_counter()
    procs, prev = [], None
    for argv in stages:
        p = subprocess.Popen(argv, stdin=prev, stdout=subprocess.PIPE)
        if prev is not None:
            prev.close()  # so a stage sees EOF when the one before it ends
        prev = p.stdout
        procs.append(p)
    out = procs[-1].stdout.read()
    for p in procs:
        p.wait()
    return time.perf_counter() - t, out


def run_ours(argv):
    t = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    baosou, lib, corpus, qfile, runs = sys.argv[1:5] + [int(sys.argv[5])]
    res = []
    for _, q in qlist.load(qfile):
        argv = [baosou, "search", "--data", lib, "--json", "--limit", "20", q]
        stages = rg_pipeline(qlist.parse(q), corpus)
        _, r = run_ours(argv)  # also the warm-up
        total = json.loads(r.stdout)["total"] if r.returncode == 0 else None
        count = None
        if stages:
            _, out = run_pipeline(stages)
            count = int(out.strip() or 0)
        res.append({"query": q, "argv": argv, "rg": stages, "total": total, "rg_count": count,
                    "ours": [], "rg_times": []})
    for _ in range(runs):
        for r in res:
            r["ours"].append(run_ours(r["argv"])[0] * 1000)
            if r["rg"]:
                r["rg_times"].append(run_pipeline(r["rg"])[0] * 1000)
    for r in res:
        r["ours_ms"] = statistics.median(r.pop("ours"))
        ts = r.pop("rg_times")
        r["rg_ms"] = statistics.median(ts) if ts else None
        del r["argv"]
    json.dump({"runs": runs, "queries": res}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
