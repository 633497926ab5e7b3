#!/usr/bin/env python3
"""Independent reference calculator for eduqb (stdlib only).

Implements /work/shared/domain.md (the eduqb domain reference) from scratch, without
looking at the C++ engine, so the two can cross-check each other.

Usage:
    python3 eduqb_ref.py --profile national-2017 FILE.csv        group results (CSV, stdout)
    python3 eduqb_ref.py --profile beijing --schools FILE.csv    per-section values (CSV)
    python3 eduqb_ref.py --profile national-2012 --verdicts FILE.csv
                                                                 adds limit,pass columns
    python3 eduqb_ref.py --profile national-2017 --exclusions FILE.csv
                                                                 exclusions to stderr
    python3 eduqb_ref.py --profile national-2017 --measures FILE.csv
                                                                 Theil, Gini, McLoone, range ratio
    python3 eduqb_ref.py --profile national-2017 --across-districts FILE.csv
                                                                 Theil over all districts
    python3 eduqb_ref.py --selftest                              domain.md worked examples

Arithmetic: every ratio, split share and variance is computed exactly with
fractions.Fraction; the square root is taken with decimal at 50 significant digits and
the result converted to float once, so printed values are the correctly rounded double
of the exact result (to within 1 ulp). Standards are compared exactly (value >= standard,
value >= 85/100 * standard).

Group output columns: profile,district,year,stage,schools,students,indicator,value,cv
  - one row per indicator: value = district value X̄ = ΣR/ΣP·m, cv = CV or NA
  - indicator=composite: value empty, cv = equal-weight mean of the defined CVs (NA if none)
  - indicator=schools_compliant / schools_failing (quality profiles only): value = count,
    cv empty
Groups are (district, year, stage) for stage in (primary, junior), ordered by first
appearance of (district, year) in the input, then primary before junior.
"""

import argparse
import csv
import decimal
import io
import sys
from fractions import Fraction as F

# ---------------------------------------------------------------------------------------
# Profiles (domain.md "Standards profiles")
# ---------------------------------------------------------------------------------------

# name -> (numerator column, multiplier m)
INDICATORS = {
    "above_degree_per100": ("teachers_above_degree", 100),
    "backbone_per100": ("teachers_backbone", 100),
    "pe_art_per100": ("teachers_pe_art", 100),
    "teaching_area_per_student": ("teaching_area_m2", 1),
    "sports_area_per_student": ("sports_area_m2", 1),
    "equipment_per_student": ("equipment_value_yuan", 1),
    "multimedia_per100": ("multimedia_rooms", 100),
    "computers_per100": ("computers", 100),
    "books_per_student": ("books", 1),
    "teachers_per100": ("teachers", 100),
    "senior_title_per100": ("teachers_senior_title", 100),
}

QUALITY7 = [
    "above_degree_per100",
    "backbone_per100",
    "pe_art_per100",
    "teaching_area_per_student",
    "sports_area_per_student",
    "equipment_per_student",
    "multimedia_per100",
]

NATIONAL_STANDARDS = {  # indicator -> (primary, junior)
    "above_degree_per100": ("4.2", "5.3"),
    "backbone_per100": ("1", "1"),
    "pe_art_per100": ("0.9", "0.9"),
    "teaching_area_per_student": ("4.5", "5.8"),
    "sports_area_per_student": ("7.5", "10.2"),
    "equipment_per_student": ("2000", "2500"),
    "multimedia_per100": ("2.3", "2.4"),
}
BEIJING_STANDARDS = dict(NATIONAL_STANDARDS)
BEIJING_STANDARDS["equipment_per_student"] = ("5000", "8000")
BEIJING_STANDARDS["multimedia_per100"] = ("2.5", "2.5")


def _std(table):
    return {
        stage: {k: F(v[i]) for k, v in table.items()}
        for i, stage in enumerate(("primary", "junior"))
    }


PROFILES = {
    "national-2017": {
        "indicators": QUALITY7,
        "standards": _std(NATIONAL_STANDARDS),
        # every indicator CV <= limit
        "indicator_cv_limit": {"primary": F("0.50"), "junior": F("0.45")},
        "composite_limit": None,
        "composite_strict": False,
        "scope": "quality",
    },
    "national-2012": {
        "indicators": [
            "teaching_area_per_student",
            "sports_area_per_student",
            "equipment_per_student",
            "computers_per100",
            "books_per_student",
            "teachers_per100",
            "above_degree_per100",
            "senior_title_per100",
        ],
        "standards": None,
        "indicator_cv_limit": None,
        "composite_limit": {"primary": F("0.65"), "junior": F("0.55")},
        "composite_strict": False,  # composite <= limit
        "scope": "basic",
    },
    "beijing": {
        "indicators": QUALITY7,
        "standards": _std(BEIJING_STANDARDS),
        "indicator_cv_limit": None,
        "composite_limit": {"primary": F("0.50"), "junior": F("0.45")},
        "composite_strict": True,  # composite < limit (seed 004: 低于)
        "scope": "quality",
    },
}

# ---------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------

COLUMNS = [
    "school_id", "school_name", "district", "year", "school_type", "stage", "area_type",
    "students", "teachers", "teachers_above_degree", "teachers_backbone",
    "teachers_pe_art", "teachers_senior_title", "teaching_area_m2", "sports_area_m2",
    "equipment_value_yuan", "multimedia_rooms", "computers", "books", "classes",
]
NUMERIC = COLUMNS[7:]
FACILITY = [
    "teaching_area_m2", "sports_area_m2", "equipment_value_yuan",
    "multimedia_rooms", "computers", "books",
]
SCHOOL_TYPES = {
    "primary_school", "junior_school", "nine_year", "complete_middle", "twelve_year",
    "teaching_point", "special_education", "vocational",
}
STAGES = ("primary", "junior", "senior")
COMBINED_WEIGHTS = {
    "nine_year": {"primary": F(1), "junior": F("1.1")},
    "complete_middle": {"junior": F(1), "senior": F("1.2")},
    "twelve_year": {"primary": F(1), "junior": F("1.1"), "senior": F("1.32")},
}


class InputError(Exception):
    pass


def parse_number(text, where):
    """'' -> None; '1,234.5' -> Fraction('1234.5') (exact)."""
    t = text.strip().replace(",", "")
    if t == "":
        return None
    try:
        return F(t)
    except (ValueError, ZeroDivisionError):
        raise InputError(f"{where}: not a number: {text!r}")


def read_rows(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    header = [h.strip() for h in header]
    missing = [c for c in COLUMNS if c not in header and c not in ("area_type", "district", "year", "classes")]
    if missing:
        raise InputError(f"{path}: missing columns: {', '.join(missing)}")
    rows = []
    for lineno, rec in enumerate(reader, start=2):
        if not any(cell.strip() for cell in rec):
            continue
        if len(rec) != len(header):
            raise InputError(f"{path}:{lineno}: {len(rec)} fields, header has {len(header)}")
        d = dict(zip(header, rec))
        row = {"_line": lineno}
        for c in COLUMNS:
            v = d.get(c, "")
            if c in NUMERIC:
                row[c] = parse_number(v, f"{path}:{lineno}: {c}")
            else:
                row[c] = v.strip()
        if row["school_type"] not in SCHOOL_TYPES:
            raise InputError(f"{path}:{lineno}: unknown school_type {row['school_type']!r}")
        if row["stage"] not in STAGES:
            raise InputError(f"{path}:{lineno}: unknown stage {row['stage']!r}")
        if row["students"] is None:
            raise InputError(f"{path}:{lineno}: students is empty")
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# Scope and splitting
# ---------------------------------------------------------------------------------------

def scope_reason(row, scope):
    """Why a row is excluded before splitting, or None."""
    t = row["school_type"]
    if t == "special_education":
        return "special-education school"
    if t == "vocational":
        return "vocational school"
    if t == "teaching_point":
        if scope == "basic":
            return "teaching point (basic balance leaves teaching points out)"
        if row["students"] < 50:
            return "teaching point with fewer than 50 students"
    return None


def split_combined(rows):
    """Replace each combined school's facility totals by its section shares (in place).

    Returns a list of (school_id, stage, column, total, share) for inspection.
    """
    log = []
    by_school = {}
    for r in rows:
        if r["school_type"] in COMBINED_WEIGHTS:
            by_school.setdefault(r["school_id"], []).append(r)
    for sid, secs in by_school.items():
        stype = secs[0]["school_type"]
        if any(s["school_type"] != stype for s in secs):
            raise InputError(f"school {sid}: sections disagree on school_type")
        weights = COMBINED_WEIGHTS[stype]
        seen = set()
        for s in secs:
            if s["stage"] not in weights:
                raise InputError(f"school {sid}: {stype} has no {s['stage']} section")
            if s["stage"] in seen:
                raise InputError(f"school {sid}: two {s['stage']} rows")
            seen.add(s["stage"])
        denom = sum(weights[s["stage"]] * s["students"] for s in secs)
        for col in FACILITY:
            vals = {s[col] for s in secs if s[col] is not None}
            if len(vals) > 1:
                raise InputError(
                    f"school {sid}: {col} differs between section rows: "
                    + ", ".join(str(v) for v in sorted(vals)))
            total = vals.pop() if vals else None
            for s in secs:
                if total is None:
                    s[col] = None
                elif denom == 0:
                    s[col] = F(0)
                else:
                    s[col] = total * weights[s["stage"]] * s["students"] / denom
                log.append((sid, s["stage"], col, total, s[col]))
    return log


def prepare(rows, scope):
    """Exclude, split, drop senior and empty sections. Returns (sections, exclusions)."""
    exclusions = []
    kept = []
    for r in rows:
        why = scope_reason(r, scope)
        if why:
            exclusions.append((r, why))
        else:
            kept.append(r)
    # Non-combined schools must have one row per school_id.
    ids = {}
    for r in kept:
        if r["school_type"] not in COMBINED_WEIGHTS:
            if r["school_id"] in ids:
                raise InputError(f"school {r['school_id']}: duplicate row (line {r['_line']})")
            ids[r["school_id"]] = r
    split_combined(kept)
    sections = []
    for r in kept:
        if r["stage"] == "senior":
            exclusions.append((r, "senior section (not compulsory)"))
        elif r["students"] == 0:
            exclusions.append((r, "section with 0 students"))
        else:
            sections.append(r)
    return sections, exclusions


# ---------------------------------------------------------------------------------------
# Estimator
# ---------------------------------------------------------------------------------------

decimal.getcontext().prec = 50


def exact_sqrt(q):
    """sqrt of a non-negative Fraction as a Decimal (50 significant digits)."""
    return (decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator)).sqrt()


def difference_coefficient(pairs, m):
    """pairs = [(P_i, R_i)] (Fractions). Returns (xbar, cv, reason) with exact xbar.

    cv is a Decimal, or None with a reason.
    """
    if not pairs:
        return None, None, "no schools"
    P = sum(p for p, _ in pairs)
    xbar = sum(r for _, r in pairs) / P * m
    if len(pairs) < 2:
        return xbar, None, "fewer than 2 schools"
    if xbar == 0:
        return xbar, None, "district value is 0"
    var = sum((p / P) * (r / p * m - xbar) ** 2 for p, r in pairs)
    s = exact_sqrt(var)
    return xbar, s / (decimal.Decimal(xbar.numerator) / decimal.Decimal(xbar.denominator)), None


def school_value(sec, ind):
    col, m = INDICATORS[ind]
    r = sec[col]
    if r is None:
        return None
    return r / sec["students"] * m


def school_status(sec, profile, stage):
    """Per indicator: (value, standard, status in reached/near/below/missing); compliant."""
    std = profile["standards"][stage]
    out = {}
    reached = 0
    others_ok = True
    for ind in profile["indicators"]:
        v = school_value(sec, ind)
        s = std[ind]
        if v is None:
            st = "missing"
        elif v >= s:
            st = "reached"
        elif v >= F(85, 100) * s:
            st = "near"
        else:
            st = "below"
        out[ind] = (v, s, st)
        if st == "reached":
            reached += 1
        elif st != "near":
            others_ok = False
    n = len(profile["indicators"])
    compliant = reached >= n - 1 and others_ok
    return out, compliant


def group_sections(sections):
    order = []
    groups = {}
    for s in sections:
        key = (s["district"], s["year"])
        if key not in groups:
            groups[key] = {"primary": [], "junior": []}
            order.append(key)
        groups[key][s["stage"]].append(s)
    for key in order:
        for stage in ("primary", "junior"):
            if groups[key][stage]:
                yield key[0], key[1], stage, groups[key][stage]


def fmt(x):
    if x is None:
        return "NA"
    return repr(float(x))


def evaluate(rows, profile_name, verdicts=False):
    profile = PROFILES[profile_name]
    sections, exclusions = prepare(rows, profile["scope"])
    out = []
    for district, year, stage, secs in group_sections(sections):
        n = len(secs)
        students = sum(s["students"] for s in secs)
        base = [profile_name, district, year, stage, str(n), fmt_int(students)]
        cvs = []
        for ind in profile["indicators"]:
            col, m = INDICATORS[ind]
            pairs = [(s["students"], s[col]) for s in secs if s[col] is not None]
            xbar, cv, _why = difference_coefficient(pairs, m)
            row = base + [ind, fmt(xbar) if xbar is not None else "NA", fmt(cv)]
            if cv is not None:
                cvs.append(cv)
            if verdicts:
                lim = profile["indicator_cv_limit"]
                if lim is None:
                    row += ["", ""]
                else:
                    row += [fmt(lim[stage]), verdict(cv, lim[stage], False)]
            out.append(row)
        comp = sum(cvs) / len(cvs) if cvs else None
        row = base + ["composite", "", fmt(comp)]
        if verdicts:
            lim = profile["composite_limit"]
            if lim is None:
                row += ["", ""]
            else:
                row += [fmt(lim[stage]), verdict(comp, lim[stage], profile["composite_strict"])]
        out.append(row)
        if profile["standards"] is not None:
            ok = sum(1 for s in secs if school_status(s, profile, stage)[1])
            extra = ["", ""] if verdicts else []
            out.append(base + ["schools_compliant", str(ok), ""] + extra)
            out.append(base + ["schools_failing", str(n - ok), ""] + extra)
    return out, exclusions


def verdict(cv, limit, strict):
    if cv is None:
        return "NA"
    lim = decimal.Decimal(limit.numerator) / decimal.Decimal(limit.denominator)
    ok = cv < lim if strict else cv <= lim
    return "pass" if ok else "fail"


def fmt_int(q):
    return str(q.numerator) if q.denominator == 1 else repr(float(q))


def school_rows(rows, profile_name):
    profile = PROFILES[profile_name]
    sections, _ = prepare(rows, profile["scope"])
    out = []
    for district, year, stage, secs in group_sections(sections):
        for s in secs:
            base = [profile_name, district, year, stage, s["school_id"], s["school_name"],
                    s["school_type"], fmt_int(s["students"])]
            if profile["standards"] is None:
                for ind in profile["indicators"]:
                    v = school_value(s, ind)
                    out.append(base + [ind, fmt(v) if v is not None else "NA", "", ""])
            else:
                st, comp = school_status(s, profile, stage)
                for ind in profile["indicators"]:
                    v, std, status = st[ind]
                    out.append(base + [ind, fmt(v) if v is not None else "NA", fmt(std), status])
                out.append(base + ["compliant", "", "", "yes" if comp else "no"])
    return out


# ---------------------------------------------------------------------------------------
# Measures beside the difference coefficient (domain.md "Measures beside the official
# coefficient"), straight from their definitions: exact fractions, logarithms in decimal at
# 50 digits, the Gini index as the full double sum.
# ---------------------------------------------------------------------------------------

MEASURES = ["theil", "theil_within_area", "theil_between_area", "gini", "mcloone", "range_ratio"]


def dec(q):
    return decimal.Decimal(q.numerator) / decimal.Decimal(q.denominator)


def theil_index(parts):
    """parts = [(P_i, R_i)] with ΣR > 0: Σ w_i (x_i/μ) ln(x_i/μ) = Σ (R_i/R) ln(x_i/μ)."""
    P = sum(p for p, _ in parts)
    R = sum(r for _, r in parts)
    total = decimal.Decimal(0)
    for p, r in parts:
        if r != 0:  # 0·ln 0 = 0
            total += dec(r / R) * dec((r / p) / (R / P)).ln()
    return total


def theil_split(parts, key):
    """Within and between parts of the Theil index over the classes key(i) of parts[i]."""
    P = sum(p for p, _ in parts)
    R = sum(r for _, r in parts)
    classes = {}
    for i, pr in enumerate(parts):
        classes.setdefault(key(i), []).append(pr)
    within = decimal.Decimal(0)
    between = decimal.Decimal(0)
    for members in classes.values():
        Pa = sum(p for p, _ in members)
        Ra = sum(r for _, r in members)
        if Ra == 0:
            continue  # s_a = 0
        sa = Ra / R
        within += dec(sa) * theil_index(members)
        between += dec(sa) * dec((Ra / Pa) / (R / P)).ln()
    return within, between


def measures(secs, col, m):
    """{measure: Decimal or None}, {measure: reason} for one indicator of one group."""
    rows = [(s["students"], s[col], s["area_type"]) for s in secs if s[col] is not None]
    values = {k: None for k in MEASURES}
    if not rows or sum(p for p, _, _ in rows) == 0:
        return values, {k: "no_students" for k in MEASURES}
    if len(rows) < 2:
        return values, {k: "too_few_schools" for k in MEASURES}
    parts = [(p, r) for p, r, _ in rows]
    P = sum(p for p, _ in parts)
    mu = sum(r for _, r in parts) / P * m
    if mu == 0:
        return values, {k: "zero_mean" for k in MEASURES}
    reasons = {}
    values["theil"] = theil_index(parts)
    areas = [a for _, _, a in rows]
    if any(a not in ("urban", "town", "rural") for a in areas):
        reasons["theil_within_area"] = reasons["theil_between_area"] = "no_area_type"
    else:
        within, between = theil_split(parts, lambda i: areas[i])
        values["theil_within_area"], values["theil_between_area"] = within, between
    w = [dec(p / P) for p, _ in parts]
    x = [dec(r / p * m) for p, r in parts]
    double_sum = sum(w[i] * w[j] * abs(x[i] - x[j])
                     for i in range(len(x)) for j in range(len(x)))
    values["gini"] = double_sum / (2 * dec(mu))
    # McLoone: M = the value of the first school, ascending, at which the cumulative student
    # share reaches 1/2 (within 1e-12, as domain.md allows).
    exact = sorted(((r / p * m, p / P) for p, r in parts), key=lambda t: t[0])
    cumulative = F(0)
    median = None
    for xi, wi in exact:
        cumulative += wi
        if cumulative >= F(1, 2) - F(1, 10**12):
            median = xi
            break
    if median == 0:
        reasons["mcloone"] = "zero_median"
    else:
        below = [(xi, wi) for xi, wi in exact if xi <= median]
        values["mcloone"] = dec(sum(xi * wi for xi, wi in below) / (median * sum(wi for _, wi in below)))
    low, high = exact[0][0], exact[-1][0]
    if low == 0:
        reasons["range_ratio"] = "zero_minimum"
    else:
        values["range_ratio"] = dec(high / low)
    return values, reasons


def measure_rows(rows, profile_name):
    profile = PROFILES[profile_name]
    sections, _ = prepare(rows, profile["scope"])
    out = []
    for district, year, stage, secs in group_sections(sections):
        for ind in profile["indicators"]:
            col, m = INDICATORS[ind]
            values, reasons = measures(secs, col, m)
            distinct = []
            for k in MEASURES:
                if k in reasons and reasons[k] not in distinct:
                    distinct.append(reasons[k])
            out.append([profile_name, district, year, stage, ind]
                       + [fmt(values[k]) for k in MEASURES] + [";".join(distinct)])
    return out


def across_district_rows(rows, profile_name):
    """Theil over every district's sections of each (year, stage), split by district; none
    unless the input has two or more districts."""
    profile = PROFILES[profile_name]
    sections, _ = prepare(rows, profile["scope"])
    if len({s["district"] for s in sections}) < 2:
        return []
    by_year = {}
    for s in sections:
        by_year.setdefault((s["year"], s["stage"]), []).append(s)
    out = []
    for (year, stage) in sorted(by_year, key=lambda k: (k[0], STAGE_ORDER[k[1]])):
        secs = by_year[(year, stage)]
        for ind in profile["indicators"]:
            col, _m = INDICATORS[ind]
            kept = [s for s in secs if s[col] is not None]
            parts = [(s["students"], s[col]) for s in kept]
            if len(parts) < 2 or sum(r for _, r in parts) == 0:
                theil = within = between = None
            else:
                theil = theil_index(parts)
                within, between = theil_split(parts, lambda i: kept[i]["district"])
            out.append([profile_name, year, stage, ind, fmt(theil), fmt(within), fmt(between)])
    return out


STAGE_ORDER = {"primary": 0, "junior": 1}


def measures_selftest():
    """Equal weights: the textbook unweighted forms, by hand."""
    secs = [{"students": F(10), "books": F(10 * x), "area_type": a}
            for x, a in [(1, "urban"), (2, "urban"), (3, "rural"), (6, "rural")]]
    values, reasons = measures(secs, "books", 1)
    assert reasons == {}, reasons
    # mean 3; Theil = (1/4) Σ (x/3) ln(x/3)
    import math
    t = sum(x / 3 * math.log(x / 3) for x in (1, 2, 3, 6)) / 4
    assert abs(float(values["theil"]) - t) < 1e-15
    assert abs(float(values["theil_within_area"] + values["theil_between_area"]) - t) < 1e-15
    # Gini: Σ|x_i − x_j| over ordered pairs = 2·(1+2+5+1+4+3) = 32; 32 / (16 · 2 · 3)
    assert abs(float(values["gini"]) - 32 / 96) < 1e-15
    # McLoone: median 2 (cumulative share 1/2 at the second school): (1 + 2)/2 / 2
    assert abs(float(values["mcloone"]) - 0.75) < 1e-15
    assert float(values["range_ratio"]) == 6.0


# ---------------------------------------------------------------------------------------
# Self-test: the worked examples of domain.md
# ---------------------------------------------------------------------------------------

def selftest():
    students = [45, 37, 89, 76, 55]
    books = [279, 137, 935, 160, 402]
    pairs = [(F(p), F(b)) for p, b in zip(students, books)]
    xbar, cv, _ = difference_coefficient(pairs, 1)
    assert xbar == F(1913, 302), xbar
    assert round(float(xbar), 3) == 6.334
    P = sum(students)
    terms = [F(p, P) * (F(b, p) - xbar) ** 2 for p, b in zip(students, books)]
    shown = [round(float(t), 3) for t in terms]
    assert [round(t, 2) for t in shown] == [0.0, 0.85, 5.13, 4.50, 0.17], shown
    assert round(float(sum(terms)), 2) == 10.65
    assert round(float(cv), 4) == 0.5153, cv
    assert round(float(cv), 2) == 0.52
    # Unweighted CV: plain mean and population SD of the 5 school values.
    xs = [F(b, p) for p, b in zip(students, books)]
    mean = sum(xs) / len(xs)
    sd = exact_sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))
    unweighted = float(sd) / float(mean)
    assert round(unweighted, 4) == 0.4888, unweighted
    # Splitting: 166 primary + 210 junior, 23 226 books, nine-year weights 1 : 1.1.
    rows = [
        {"school_id": "X", "school_type": "nine_year", "stage": "primary",
         "students": F(166), **{c: F(23226) if c == "books" else None for c in FACILITY}},
        {"school_id": "X", "school_type": "nine_year", "stage": "junior",
         "students": F(210), **{c: None for c in FACILITY}},
    ]
    split_combined(rows)
    # domain.md prints the shares to 1 d.p.; exact values are 3855516/397 and 5365206/397
    assert rows[0]["books"] == F(23226 * 166, 397), rows[0]["books"]
    assert rows[1]["books"] == F(23226 * 231, 397), rows[1]["books"]
    assert round(float(rows[0]["books"]), 1) == 9711.6
    assert round(float(rows[1]["books"]), 1) == 13514.4
    assert 166 + F("1.1") * 210 == 397
    print(f"worked example: xbar={float(xbar):.3f} terms={shown} sum={float(sum(terms)):.2f} "
          f"CV={float(cv):.4f} unweighted={unweighted:.4f}")
    print(f"split example: primary={float(rows[0]['books']):.3f} "
          f"junior={float(rows[1]['books']):.3f}")
    measures_selftest()
    print("selftest OK")


# ---------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--profile", choices=sorted(PROFILES))
    ap.add_argument("--schools", action="store_true", help="per-section values instead of groups")
    ap.add_argument("--verdicts", action="store_true", help="append limit,pass columns")
    ap.add_argument("--exclusions", action="store_true", help="list exclusions on stderr")
    ap.add_argument("--measures", action="store_true",
                    help="Theil (split by area type), Gini, McLoone, range ratio per group")
    ap.add_argument("--across-districts", action="store_true",
                    help="Theil over all districts per (year, stage), split by district")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("file", nargs="?")
    a = ap.parse_args(argv)
    if a.selftest:
        selftest()
        return 0
    if not a.profile or not a.file:
        ap.error("--profile and FILE are required")
    try:
        rows = read_rows(a.file)
        w = csv.writer(sys.stdout, lineterminator="\n")
        if a.measures:
            w.writerow(["profile", "district", "year", "stage", "indicator"] + MEASURES
                       + ["measures_na_reason"])
            w.writerows(measure_rows(rows, a.profile))
        elif a.across_districts:
            w.writerow(["profile", "year", "stage", "indicator", "theil",
                        "theil_within_districts", "theil_between_districts"])
            w.writerows(across_district_rows(rows, a.profile))
        elif a.schools:
            out = school_rows(rows, a.profile)
            w.writerow(["profile", "district", "year", "stage", "school_id", "school_name",
                        "school_type", "students", "indicator", "value", "standard", "status"])
            w.writerows(out)
        else:
            out, excl = evaluate(rows, a.profile, a.verdicts)
            head = ["profile", "district", "year", "stage", "schools", "students",
                    "indicator", "value", "cv"]
            if a.verdicts:
                head += ["limit", "pass"]
            w.writerow(head)
            w.writerows(out)
            if a.exclusions:
                for r, why in excl:
                    print(f"excluded: line {r['_line']} {r['school_id']} {r['school_name']} "
                          f"({r['stage']}): {why}", file=sys.stderr)
    except InputError as e:
        print(f"eduqb_ref: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
