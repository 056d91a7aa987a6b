#!/usr/bin/env python3
"""Straightforward reference of the consistent sampler (Rivest, arXiv:1808.10016), without replacement,
as written in the handbook (sampler.md): every id's full first ticket, one sort, the first N printed.
Used by test/bench/cli-process.bench.ts to compare the `pingcha sample` process with Python.

Usage: python3 sampler-reference.py SEED TAKE < ids.txt   (prints ticket<TAB>id<TAB>1, 9 ticket digits)
"""
import hashlib
import sys


def H(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def U(s):
    return "0." + str(int(H(s), 16)).rjust(64, "0")[::-1]


def trim(x, d):
    p = 2
    while p < len(x) and x[p] == "9":
        p += 1
    return x[: p + d]


def main():
    seed, take = sys.argv[1], int(sys.argv[2])
    data = sys.stdin.buffer.read().decode("utf-8")
    if data.startswith("\ufeff"):
        data = data[1:]
    ids = data.split("\n")
    if ids and ids[-1] == "":
        ids.pop()
    ids = [i[:-1] if i.endswith("\r") else i for i in ids]
    if len(set(ids)) != len(ids):
        sys.exit("duplicate ids")
    h = H(seed)
    tickets = sorted((U(h + i), i) for i in ids)
    out = sys.stdout
    for t, i in tickets[:take]:
        out.write(f"{trim(t, 9)}\t{i}\t1\n")


main()
