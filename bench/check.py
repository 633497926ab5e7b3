#!/usr/bin/env python3
"""Checks that district summaries agree with eduqb's, cell by cell.

    python3 bench/check.py EDUQB.csv PEER.csv [PEER.csv ...]

Rows are matched on (district, year, stage, indicator); the 17 columns the peers compute
(PEER_COLUMNS) must be present and agree. Columns eduqb's CSV gained later (missing counts,
urban/town/rural values, estimator, inputs) are compared where a peer has them. Numbers must agree to 1e-9 relative (exactly where one side is 0), text exactly,
empty cells (NA) on both sides. Exits 1 and names the first differences otherwise.
"""

import csv
import math
import sys

KEY = ("district", "year", "stage", "indicator")
RELATIVE = 1e-9
PEER_COLUMNS = (
    "profile", "district", "year", "stage", "schools", "students", "excluded", "indicator",
    "value", "cv", "na_reason", "limit_op", "limit", "pass", "schools_compliant",
    "schools_failing", "group_pass",
)


def load(path):
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = {}
        for row in reader:
            key = tuple(row[k] for k in KEY)
            if key in rows:
                raise SystemExit(f"{path}: duplicate row {key}")
            rows[key] = row
        return reader.fieldnames, rows


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def same(a, b):
    if a == b:
        return True
    x, y = number(a), number(b)
    if x is None or y is None:
        return False
    if x == 0 or y == 0:
        return x == y
    return math.isclose(x, y, rel_tol=RELATIVE, abs_tol=0.0)


def compare(reference_path, peer_path):
    columns, reference = load(reference_path)
    peer_columns, peer = load(peer_path)
    problems = [f"no column {c}" for c in PEER_COLUMNS if c not in peer_columns]
    columns = [c for c in columns if c in peer_columns]
    for key in reference.keys() - peer.keys():
        problems.append(f"missing row {key}")
    for key in peer.keys() - reference.keys():
        problems.append(f"extra row {key}")
    cells = 0
    for key in reference.keys() & peer.keys():
        for column in columns:
            want, got = reference[key][column], peer[key].get(column)
            cells += 1
            if got is None:
                problems.append(f"no column {column}")
            elif not same(want, got):
                problems.append(f"{key} {column}: eduqb {want!r}, peer {got!r}")
    return len(reference), cells, problems


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    failed = False
    for peer in argv[2:]:
        rows, cells, problems = compare(argv[1], peer)
        if problems:
            failed = True
            print(f"check: {peer}: {len(problems)} difference(s) with {argv[1]}:", file=sys.stderr)
            for line in sorted(problems)[:20]:
                print("  " + line, file=sys.stderr)
        else:
            print(f"check: {peer}: {rows} rows, {cells} cells agree with eduqb (1e-9 relative)",
                  file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
