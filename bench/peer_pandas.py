#!/usr/bin/python3
"""The eduqb district summary (national-2017) in vectorised pandas, for bench/run.

    /usr/bin/python3 bench/peer_pandas.py FILE.csv > summary.csv
    /usr/bin/python3 bench/peer_pandas.py FILE.xlsx > summary.csv   # pandas.read_excel, openpyxl

Same output as `eduqb compute FILE --profile national-2017 --format csv`: one row per
district/year/stage and indicator (plus the composite) with the district value X̄ = m·ΣR/ΣP,
the student-weighted CV (divisor P), the limit verdicts and the per-school compliance counts.
Combined schools are split 1 : 1.1 / 1 : 1.2 / 1 : 1.1 : 1.32 before scope and indicators;
special-education and vocational schools, teaching points under 50 students, senior sections
and sections with no students are excluded and counted in their group.
"""

import sys

import numpy as np
import pandas as pd

PROFILE = "national-2017"
# id, column, multiplier, standard (primary, junior)
INDICATORS = [
    ("above_degree_per100", "teachers_above_degree", 100.0, (4.2, 5.3)),
    ("backbone_per100", "teachers_backbone", 100.0, (1.0, 1.0)),
    ("pe_art_per100", "teachers_pe_art", 100.0, (0.9, 0.9)),
    ("teaching_area_per_student", "teaching_area_m2", 1.0, (4.5, 5.8)),
    ("sports_area_per_student", "sports_area_m2", 1.0, (7.5, 10.2)),
    ("equipment_per_student", "equipment_value_yuan", 1.0, (2000.0, 2500.0)),
    ("multimedia_per100", "multimedia_rooms", 100.0, (2.3, 2.4)),
]
SHARED = ["teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_rooms"]
WEIGHTS = {
    ("nine_year", "primary"): 1.0,
    ("nine_year", "junior"): 1.1,
    ("complete_middle", "junior"): 1.0,
    ("complete_middle", "senior"): 1.2,
    ("twelve_year", "primary"): 1.0,
    ("twelve_year", "junior"): 1.1,
    ("twelve_year", "senior"): 1.32,
}
CV_LIMIT = {"primary": 0.50, "junior": 0.45}
MIN_REACHED, FLOOR = 6, 0.85
TOLERANCE = 1e-9  # eduqb's boundary tolerance, relative to max(|threshold|, 1)
KEYS = ["district", "year", "stage"]


def at_least(values, threshold):
    return values >= threshold - TOLERANCE * max(abs(threshold), 1.0)


def main(path):
    numeric = ["students"] + [column for _, column, _, _ in INDICATORS]
    columns = dict(
        usecols=["school_id", "district", "year", "school_type", "stage"] + numeric,
        dtype={"school_id": str, "district": str, "year": str, "school_type": "category",
               "stage": "category", **{c: "float64" for c in numeric}},
        keep_default_na=False, na_values=[""])
    if path.endswith(".xlsx"):  # the first sheet, through openpyxl (bench/run --xlsx)
        df = pd.read_excel(path, engine="openpyxl", **columns)
    else:
        df = pd.read_csv(path, encoding="utf-8-sig", **columns)

    # Combined schools: each section gets w_s·P_s / Σ w_t·P_t of the whole-school total.
    weight = pd.Series(
        pd.MultiIndex.from_arrays([df["school_type"], df["stage"]]).map(WEIGHTS),
        index=df.index, dtype="float64")
    combined = weight.notna()
    if combined.any():
        part = df.loc[combined, ["district", "year", "school_id"] + SHARED].copy()
        weighted = weight[combined] * df.loc[combined, "students"]
        part["_weighted"] = weighted
        school = part.groupby(["district", "year", "school_id"], sort=False)
        denominator = school["_weighted"].transform("sum")
        totals = school[SHARED].transform("max")  # the value the rows agree on
        share = np.where(denominator.to_numpy() > 0,
                         weighted.to_numpy() / denominator.to_numpy(), 0.0)
        df.loc[combined, SHARED] = totals.to_numpy() * share[:, None]

    # Scope: profile rules, then senior sections and sections with no students.
    school_type = df["school_type"]
    excluded = (school_type.isin(["special_education", "vocational"])
                | ((school_type == "teaching_point") & (df["students"] < 50))
                | (df["stage"] == "senior") | ~(df["students"] > 0))
    evaluated = df[~excluded]
    excluded_counts = (df[excluded & df["stage"].isin(["primary", "junior"])]
                       .groupby(KEYS, observed=True).size().rename("excluded"))

    # Per-school indicators and standards.
    students = evaluated["students"]
    junior = (evaluated["stage"] == "junior").to_numpy()
    columns = {"students": students}
    reached = np.zeros(len(evaluated), dtype=np.int64)
    below = np.zeros(len(evaluated), dtype=bool)
    for name, column, multiplier, (primary_std, junior_std) in INDICATORS:
        x = (evaluated[column] / students * multiplier).to_numpy()
        is_reached = np.where(junior, at_least(x, junior_std), at_least(x, primary_std))
        above_floor = np.where(junior, at_least(x, FLOOR * junior_std),
                               at_least(x, FLOOR * primary_std))
        reached += is_reached
        below |= ~above_floor
        columns["R_" + name] = evaluated[column]
        columns["X_" + name] = x
    compliant = (reached >= MIN_REACHED) & ~below
    columns["compliant"] = compliant.astype(np.int64)
    columns["failing"] = (~compliant).astype(np.int64)
    frame = pd.DataFrame(columns, index=evaluated.index)
    keys = [evaluated[k] for k in KEYS]

    sums = frame.groupby(keys, observed=True, sort=False).agg(
        schools=("students", "size"), students=("students", "sum"),
        compliant=("compliant", "sum"), failing=("failing", "sum"),
        **{"R_" + n: ("R_" + n, "sum") for n, _, _, _ in INDICATORS})
    # Second pass: Σ P_i (X_i − X̄)² with X̄ the group's m·ΣR/ΣP.
    group_of = frame.groupby(keys, observed=True, sort=False).ngroup().to_numpy()
    squares = {}
    for name, _, multiplier, _ in INDICATORS:
        mean = (multiplier * sums["R_" + name] / sums["students"]).to_numpy()
        squares[name] = np.bincount(
            group_of, weights=frame["students"].to_numpy()
            * (frame["X_" + name].to_numpy() - mean[group_of]) ** 2, minlength=len(sums))

    groups = sums.join(excluded_counts, how="outer")
    for name in squares:
        groups["S_" + name] = pd.Series(squares[name], index=sums.index)
    groups = groups.fillna({"schools": 0, "students": 0.0, "compliant": 0, "failing": 0,
                            "excluded": 0})
    groups = groups.reset_index()
    return long_table(groups)


def long_table(g):
    n = len(g)
    P = g["students"].to_numpy(dtype=float)
    schools = g["schools"].to_numpy(dtype=np.int64)
    limit = g["stage"].map(CV_LIMIT).to_numpy(dtype=float)
    failing = g["failing"].to_numpy(dtype=np.int64)
    group_pass = failing == 0
    pieces, cvs, cv_defined = [], [], np.ones(n, dtype=bool)
    for name, _, multiplier, _ in INDICATORS:
        with np.errstate(divide="ignore", invalid="ignore"):
            value = multiplier * g["R_" + name].to_numpy(dtype=float) / P
            cv = np.sqrt(np.maximum(g["S_" + name].to_numpy(dtype=float), 0.0) / P) / value
        reason = np.select([~(P > 0), schools < 2, value == 0], ["no_students",
                           "too_few_schools", "zero_mean"], "")
        value = np.where(P > 0, value, np.nan)
        cv = np.where(reason == "", cv, np.nan)
        passed = cv <= limit + TOLERANCE * np.maximum(np.abs(limit), 1.0)
        verdict = np.where(np.isnan(cv), "", np.where(passed, "pass", "fail"))
        group_pass &= verdict != "fail"
        cv_defined &= reason == ""
        cvs.append(cv)
        pieces.append((name, value, cv, reason, "<=", limit, verdict))
    composite = np.where(cv_defined, np.mean(cvs, axis=0), np.nan)
    pieces.append(("composite", np.full(n, np.nan), composite,
                   np.where(cv_defined, "", "indicator_na"), "", np.full(n, np.nan), ""))
    frames = []
    for order, (name, value, cv, reason, op, lim, verdict) in enumerate(pieces):
        frames.append(pd.DataFrame({
            "profile": PROFILE, "district": g["district"], "year": g["year"],
            "stage": g["stage"].astype(str), "schools": schools, "students": P,
            "excluded": g["excluded"].to_numpy(dtype=np.int64), "indicator": name,
            "value": value, "cv": cv, "na_reason": reason, "limit_op": op, "limit": lim,
            "pass": verdict, "schools_compliant": g["compliant"].to_numpy(dtype=np.int64),
            "schools_failing": failing, "group_pass": np.where(group_pass, "pass", "fail"),
            "_order": order}))
    out = pd.concat(frames, ignore_index=True)
    out["_stage"] = out["stage"].map({"primary": 0, "junior": 1})
    out = out.sort_values(["district", "year", "_stage", "_order"], kind="stable")
    return out.drop(columns=["_order", "_stage"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: peer_pandas.py FILE.csv")
    main(sys.argv[1]).to_csv(sys.stdout, index=False, float_format="%.17g", na_rep="")
