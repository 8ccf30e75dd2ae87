"""Counts the documents of a JSON Lines corpus that hold each query as plain
substrings of their decoded title or body: no folding, no index. The
reference our totals are held to (see qlist.py for the query subset).

usage: substr.py CORPUS.jsonl QUERIES   (prints {"docs": N, "counts": {query: N}})
"""

import json
import sys

import qlist


def main():
    corpus, qfile = sys.argv[1:3]
    queries = [(q, qlist.parse(q)) for _, q in qlist.load(qfile)]
    counts = {q: 0 for q, _ in queries}
    n = 0
    for title, body in qlist.docs(corpus):
        n += 1
        for q, groups in queries:
            if qlist.matches(groups, title, body):
                counts[q] += 1
    json.dump({"docs": n, "counts": counts}, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
