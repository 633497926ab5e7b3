#!/usr/bin/env python3
"""Checks a teacher-exchange plan against `eduqb compute` run on the input and on the
--adjusted file (school-level JSON): every "after" coefficient of the plan is compute's on
the adjusted file, exactly; each teacher column's total per district, year and stage is kept;
at most `share` of the full-time teachers move; no compliant section becomes non-compliant;
failing teacher coefficients do not increase (and fall, with --fewer).
Usage: rotate_after.py PLAN.json BEFORE.json AFTER.json INPUT.csv ADJUSTED.csv [--fewer]"""
import csv
import json
import sys

TEACHERS = ["teachers", "teachers_above_degree", "teachers_backbone", "teachers_pe_art",
            "teachers_senior_title"]
TEACHER_INDICATORS = {"above_degree_per100", "backbone_per100", "pe_art_per100"}


def totals(path):
    """Σ of each teacher column per (district, year, stage): UTF-8 or GB18030, rows above
    the header skipped."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("school_id,"))
    sums = {}
    for row in csv.DictReader(lines[start:]):
        key = (row["district"], row["year"], row["stage"])
        group = sums.setdefault(key, [0] * len(TEACHERS))
        for i, column in enumerate(TEACHERS):
            group[i] += int(row[column].replace(",", ""))
    return sums


def failing(report):
    return sum(1 for g in report["groups"] for i in g["indicators"]
               if i["id"] in TEACHER_INDICATORS and i["pass"] is False)


def main():
    plan, before, after = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:4])
    cvs = {(g["district"], g["year"], g["stage"], i["id"]): i["cv"]
           for g in after["groups"] for i in g["indicators"]}
    checked = 0
    for group in plan["groups"]:
        key = (group["district"], group["year"], group["stage"])
        assert group["moved"] <= plan["share"] * group["teachers"], group
        for cv in group["cvs"]:
            assert cvs[key + (cv["indicator"],)] == cv["cv_after"], (key, cv)
            checked += 1
    assert checked > 0
    assert totals(sys.argv[4]) == totals(sys.argv[5])
    # One input file: a section is its line.
    compliant = {s["line"] for s in before["schools"] if s["compliant"] is True}
    assert compliant
    for school in after["schools"]:
        if school["line"] in compliant:
            assert school["compliant"] is True, school
    assert failing(after) <= failing(before)
    if "--fewer" in sys.argv:
        assert failing(after) < failing(before), (failing(before), failing(after))
    print(f"{checked} coefficients as compute gives them; failing teacher coefficients "
          f"{failing(before)} -> {failing(after)}")


if __name__ == "__main__":
    main()
