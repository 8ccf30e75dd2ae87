"""The benchmark's query list and the part of Baosou's query language it uses.

A query is groups joined by OR; a group is terms joined by white space (AND);
a term is a word, a "quoted phrase" (spaces kept), or -term (NOT). No
parentheses or fields: bench/queries.tsv keeps to this subset, so substr.py,
fts5.py and the ripgrep pipelines can read it without Baosou's parser.
"""

import json


def load(path):
    """Return [(label, query)] from a queries.tsv file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            label, _, q = line.rpartition("\t")
            out.append((label, q))
    return out


def parse(q):
    """Return the groups of q: [[(negated, text), ...], ...]."""
    groups, group, i = [], [], 0
    while i < len(q):
        c = q[i]
        if c.isspace():
            i += 1
            continue
        neg = c == "-"
        if neg:
            i += 1
        if i < len(q) and q[i] == '"':
            j = q.find('"', i + 1)
            j = len(q) if j < 0 else j
            text, i = q[i + 1 : j], j + 1
        else:
            j = i
            while j < len(q) and not q[j].isspace():
                j += 1
            text, i = q[i:j], j
        if text == "OR" and not neg:
            groups.append(group)
            group = []
        elif text:
            group.append((neg, text))
    groups.append(group)
    return [g for g in groups if g]


def matches(groups, title, body):
    """Report whether a document has the query's terms as plain substrings."""
    def has(t):
        return t in title or t in body

    return any(all(has(t) != neg for neg, t in g) for g in groups)


def docs(path):
    """Yield (title, body) of each line of a JSON Lines corpus."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                yield d.get("title") or "", d.get("body") or ""


def chars(groups):
    """The length of the shortest positive term, in characters."""
    return min((len(t) for g in groups for neg, t in g if not neg), default=0)
