#!/usr/bin/env python3
"""Derive district-2023.csv, the previous year of district.csv (stdlib only, seeded).

    python3 data-samples/previous_year.py       # rewrites data-samples/district-2023.csv

Same schools, same structure (combined schools keep their whole-school facility totals on
the same rows, empty cells stay empty), year 2023, and values drawn a little apart from
2024: students within -4 %..+2 %, resources within -20 %..+6 % per school and column, so
the district was somewhat less balanced the year before. With district.csv it makes the
two-year input of the trend reports: `eduqb compute data-samples/district-2023.csv
data-samples/district.csv`.

As in generate.py, no per-student value may fall within 1e-6 (relative) of a national-2017
standard or of 85 % of one; a draw that would is repeated.
"""

import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "district.csv")
TARGET = os.path.join(HERE, "district-2023.csv")
YEAR = "2023"

PEOPLE = ["teachers", "teachers_above_degree", "teachers_backbone", "teachers_pe_art",
          "teachers_senior_title"]
FACILITY = ["teaching_area_m2", "sports_area_m2", "equipment_value_yuan",
            "multimedia_rooms", "computers", "books"]
# The per-student checks of national-2017 (column, multiplier, primary, junior standard).
CHECKS = [
    ("teachers_above_degree", 100, 4.2, 5.3),
    ("teachers_backbone", 100, 1.0, 1.0),
    ("teachers_pe_art", 100, 0.9, 0.9),
    ("teaching_area_m2", 1, 4.5, 5.8),
    ("sports_area_m2", 1, 7.5, 10.2),
    ("equipment_value_yuan", 1, 2000, 2500),
    ("multimedia_rooms", 100, 2.3, 2.4),
]


def near_threshold(row):
    """True when a single-section row's value sits on a standard or its 85 % floor."""
    if row["stage"] not in ("primary", "junior") or not row["students"]:
        return False
    students = float(row["students"])
    for column, multiplier, primary, junior in CHECKS:
        if not row[column]:
            continue
        value = float(row[column]) / students * multiplier
        standard = primary if row["stage"] == "primary" else junior
        for threshold in (standard, 0.85 * standard):
            if abs(value - threshold) <= 1e-6 * threshold:
                return True
    return False


def main():
    rng = random.Random(2023)
    with open(SOURCE, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)

    facility_factor = {}  # (school_id, column) -> factor, shared by a school's sections
    out = []
    for row in rows:
        while True:
            new = dict(row, year=YEAR)
            new["students"] = str(max(1, round(int(row["students"]) * rng.uniform(0.96, 1.02))))
            for column in PEOPLE:
                if row[column]:
                    new[column] = str(round(int(row[column]) * rng.uniform(0.85, 1.03)))
            for column in PEOPLE[1:]:  # no subgroup of teachers outnumbers the teachers
                if row[column] and new["teachers"]:
                    new[column] = str(min(int(new[column]), int(new["teachers"])))
            for column in FACILITY:
                key = (row["school_id"], column)
                if key not in facility_factor:
                    facility_factor[key] = rng.uniform(0.80, 1.06)
                if row[column]:
                    new[column] = str(round(int(row[column]) * facility_factor[key]))
            if row["school_type"] in ("nine_year", "complete_middle", "twelve_year"):
                break  # split values are checked by the engines' tests, not here
            if not near_threshold(new):
                break
            for column in FACILITY:  # draw this school's factors again
                facility_factor.pop((row["school_id"], column), None)
        out.append(new)

    with open(TARGET, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)


if __name__ == "__main__":
    main()
