#!/usr/bin/env python3
"""The measures beside the CV against the independent reference (eduqb_ref.py).

    python3 tests/reference/measures_test.py EDUQB_BINARY EDUQB_GEN SOURCE_DIR

Generates 40 districts × 2 years with eduqb_gen, evaluates them with eduqb (JSON and the
district CSV), and checks every group's Theil index (and its split by area type), Gini,
McLoone and range ratio, and each year's Theil index over all districts (split by district),
against the reference to a relative 1e-9; the reasons of NA measures must be the same. The
reference takes one year at a time (it knows school ids per file, not per year).
"""

import csv
import json
import math
import os
import subprocess
import sys
import tempfile

EDUQB, GEN, ROOT = (os.path.abspath(a) for a in sys.argv[1:4])
REF = os.path.join(ROOT, "tests", "reference", "eduqb_ref.py")
MEASURES = ["theil", "theil_within_area", "theil_between_area", "gini", "mcloone", "range_ratio"]
DISTRICTS = 40
PROFILES = ["national-2017", "national-2012"]

checked = 0
largest = 0.0  # the largest relative difference seen
failures = []


def close(actual, expected, what):
    """Both NA, or within a relative 1e-9 (absolute 1e-15 near 0)."""
    global checked, largest
    checked += 1
    if actual is None or expected is None:
        if actual is not expected:
            failures.append(f"{what}: eduqb {actual}, reference {expected}")
        return
    if expected != 0:
        largest = max(largest, abs(actual - expected) / abs(expected))
    if not math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-15):
        failures.append(f"{what}: eduqb {actual!r}, reference {expected!r}")


def number(text):
    return None if text in ("", "NA") else float(text)


def reference(args, path):
    out = subprocess.run([sys.executable, REF, *args, path], check=True, capture_output=True,
                         text=True).stdout
    return list(csv.DictReader(out.splitlines()))


def generate(directory):
    """The two latest years of 40 districts, complete, and each year in a file of its own."""
    text = subprocess.run([GEN, "--rows", "7000", "--districts", str(DISTRICTS), "--seed", "22"],
                          check=True, capture_output=True, text=True).stdout
    records = list(csv.reader(text.splitlines(keepends=True)))
    year_column = records[0].index("year")
    years = sorted({record[year_column] for record in records[1:]})[-2:]
    files = {}
    for year in [None] + years:
        path = os.path.join(directory, f"{year or 'both'}.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(records[0])
            out.writerows(r for r in records[1:] if r[year_column] in ([year] if year else years))
        files[year] = path
    return years, files


def check_profile(profile, years, files, directory):
    json_path = os.path.join(directory, f"{profile}.json")
    csv_path = os.path.join(directory, f"{profile}.csv")
    for fmt, path in (("json", json_path), ("csv", csv_path)):
        subprocess.run([EDUQB, "compute", files[None], "-p", profile, "-f", fmt, "-q", "-o", path],
                       check=True)
    with open(json_path, encoding="utf-8") as f:
        report = json.load(f)
    with open(csv_path, newline="", encoding="utf-8") as f:
        csv_rows = {(r["district"], r["year"], r["stage"], r["indicator"]): r
                    for r in csv.DictReader(f)}
    groups = {(g["district"], str(g["year"]), g["stage"]): g for g in report["groups"]}
    assert len({key[0] for key in groups}) == DISTRICTS, "not 40 districts"
    across = {(str(a["year"]), a["stage"]): a for a in report["across_districts"]}
    for year in years:
        for expected in reference(["--profile", profile, "--measures"], files[year]):
            key = (expected["district"], expected["year"], expected["stage"])
            indicator = next(i for i in groups[key]["indicators"]
                             if i["id"] == expected["indicator"])
            row = csv_rows[key + (expected["indicator"],)]
            what = f"{profile} {'/'.join(key)} {expected['indicator']}"
            reasons = {}
            for name in MEASURES:
                close(indicator[name], number(expected[name]), f"{what} {name} (JSON)")
                close(number(row[name]), number(expected[name]), f"{what} {name} (CSV)")
            for name, reason in indicator["measure_reasons"].items():
                reasons.setdefault(reason, name)
            json_reasons = ";".join(sorted(reasons))
            expected_reasons = ";".join(sorted(filter(None, expected["measures_na_reason"].split(";"))))
            if json_reasons != expected_reasons or row["measures_na_reason"].split(";") != \
                    (expected["measures_na_reason"].split(";")):
                failures.append(f"{what}: reasons {json_reasons!r} / {row['measures_na_reason']!r}, "
                                f"reference {expected['measures_na_reason']!r}")
        for expected in reference(["--profile", profile, "--across-districts"], files[year]):
            entry = across[(expected["year"], expected["stage"])]
            indicator = next(i for i in entry["indicators"] if i["id"] == expected["indicator"])
            what = f"{profile} {expected['year']}/{expected['stage']} {expected['indicator']}"
            for name in ("theil", "theil_within_districts", "theil_between_districts"):
                close(indicator[name], number(expected[name]), f"{what} {name} (across)")
    # The trends carry each year's Theil split of the groups.
    for trend in report["trends"]:
        for indicator in trend["indicators"][:-1]:
            for point in indicator["points"]:
                group = groups[(trend["district"], str(point["year"]), trend["stage"])]
                measured = next(i for i in group["indicators"] if i["id"] == indicator["id"])
                for name in ("theil", "theil_within_area", "theil_between_area"):
                    if point[name] != measured[name]:
                        failures.append(f"trend {trend['district']} {indicator['id']} {name}")


def main():
    with tempfile.TemporaryDirectory() as directory:
        years, files = generate(directory)
        assert len(years) == 2, years
        for profile in PROFILES:
            check_profile(profile, years, files, directory)
    for failure in failures[:20]:
        print("FAIL", failure)
    print(f"{checked} values checked, {len(failures)} failed; "
          f"largest relative difference {largest:.1e}")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
