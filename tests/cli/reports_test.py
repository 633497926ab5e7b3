#!/usr/bin/env python3
"""Black-box tests of the report formats: the real eduqb binary on the data samples.

    python3 tests/cli/reports_test.py EDUQB_BINARY SOURCE_DIR

Expected numbers come from the independent reference calculator's fixtures
(tests/fixtures/expected/), never from eduqb itself. Each test runs in a fresh directory.
Prints 'N passed, N failed' and exits non-zero on any failure.
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET

EDUQB = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
SAMPLES = os.path.join(ROOT, "data-samples")
EXPECTED = os.path.join(ROOT, "tests", "fixtures", "expected")
EPOCH = "1717113600"  # 2024-05-31
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def run(args, cwd, env_extra=None, expect=0):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, LANG="C", LC_ALL="", LC_MESSAGES="")
    env.update(env_extra or {})
    result = subprocess.run([EDUQB] + args, cwd=cwd, env=env, capture_output=True)
    assert result.returncode == expect, (
        f"eduqb {' '.join(args)}: exit {result.returncode}, expected {expect}\n"
        f"{result.stderr.decode('utf-8', 'replace')}")
    return result


def reference(name):
    """Rows of a reference fixture as dicts."""
    with open(os.path.join(EXPECTED, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sample(name):
    return os.path.join(SAMPLES, name)


# ---------------------------------------------------------------- HTML

def html_of(cwd, files, extra=()):
    run(["compute", *[sample(f) for f in files], "-o", "r.html", *extra], cwd)
    with open(os.path.join(cwd, "r.html"), encoding="utf-8") as f:
        return f.read()


def test_html_numbers_urls_and_svg(cwd):
    html = html_of(cwd, ["city.csv"], ["--lang", "zh"])
    assert re.search(r"https?:", html) is None, "the report refers to a URL"
    assert "<script" not in html and "src=" not in html and "href=" not in html
    assert "@page" in html and "@media print" in html
    for row in reference("city.national-2017.csv"):
        if row["indicator"] in ("schools_compliant", "schools_failing"):
            continue
        if row["cv"]:
            cv = f"{float(row['cv']):.3f}"
            assert f">{cv}<" in html, f"CV {cv} of {row['district']} {row['stage']} {row['indicator']}"
        if row["value"] and row["indicator"] != "composite":
            decimals = 0 if row["indicator"] == "equipment_per_student" else 2
            value = f"{float(row['value']):.{decimals}f}"
            assert f">{value}<" in html, f"value {value} of {row['indicator']}"
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    groups = {(r["district"], r["stage"]) for r in reference("city.national-2017.csv")}
    assert len(svgs) == len(groups) * (1 + 7), len(svgs)
    for svg in svgs:
        ET.fromstring(svg)  # well-formed XML, or this raises


def test_html_school_charts_mark_failing_schools(cwd):
    html = html_of(cwd, ["district.csv"], ["--lang", "en"])
    schools = reference("district.national-2017.schools.csv")
    verdicts = [r for r in schools if r["indicator"] == "compliant"]
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    school_svgs = [s for s in svgs if "reaches the standard" in s]
    assert len(school_svgs) == 2 * 7, len(school_svgs)
    for stage, charts in (("primary", school_svgs[:7]), ("junior", school_svgs[7:])):
        stage_verdicts = [r for r in verdicts if r["stage"] == stage]
        failing = sum(r["status"] == "no" for r in stage_verdicts)
        for svg in charts:
            root = ET.fromstring(svg)
            bars = [r for r in root.iter("rect") if r.find("title") is not None]
            assert len(bars) == len(stage_verdicts), (stage, len(bars))
            markers = [c for c in root.iter("circle") if c.get("r") == "3.5"]
            assert len(markers) == failing, (stage, len(markers), failing)
    # Red bars: sections below 85 % of a standard, one per (section, indicator).
    below = sum(r["status"] == "below" for r in schools)
    assert html.count('fill="#d62728"><title>') == below, below


def test_html_language_from_locale(cwd):
    run(["compute", sample("district.csv"), "-o", "zh.html"], cwd, {"LANG": "zh_CN.UTF-8"})
    run(["compute", sample("district.csv"), "-o", "en.html"], cwd, {"LANG": "en_US.UTF-8"})
    run(["compute", sample("district.csv"), "-o", "all.html"], cwd,
        {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"})
    read = lambda name: open(os.path.join(cwd, name), encoding="utf-8").read()
    assert '<html lang="zh-CN">' in read("zh.html")
    assert '<html lang="en">' in read("en.html")
    assert '<html lang="zh-CN">' in read("all.html")


def test_html_reproducible_with_source_date_epoch(cwd):
    first = html_of(cwd, ["district.csv"])
    second = html_of(cwd, ["district.csv"])
    assert first == second
    assert "2024-05-31" in first
    run(["compute", sample("district.csv"), "-o", "x.html"], cwd,
        {"SOURCE_DATE_EPOCH": "yesterday"}, expect=2)
    assert not os.path.exists(os.path.join(cwd, "x.html"))


# ---------------------------------------------------------------- trends

def test_two_years_just_work(cwd):
    result = run(["compute", sample("district-2023.csv"), sample("district.csv")], cwd)
    text = result.stdout.decode("utf-8")
    assert "## Trends: 城关区 primary" in text
    assert "## Trends: 城关区 junior" in text
    before = {(r["stage"], r["indicator"]): float(r["cv"])
              for r in reference("district-2023.national-2017.csv") if r["cv"]}
    after = {(r["stage"], r["indicator"]): float(r["cv"])
             for r in reference("district.national-2017.csv") if r["cv"]}
    for key, cv in after.items():
        change = f"{cv - before[key]:+.3f}"
        change = "0.000" if change in ("+0.000", "-0.000") else change
        row = f"| {before[key]:.3f} | {cv:.3f} | {change} |"
        assert row in text, (key, row)
    html = html_of(cwd, ["district-2023.csv", "district.csv"], ["--lang", "zh"])
    assert "历年变化" in html and "2023→2024 变化" in html
    trend_svgs = [s for s in re.findall(r"<svg\b.*?</svg>", html, re.S) if "<polyline" in s]
    assert len(trend_svgs) == 2 * 8, len(trend_svgs)  # 7 indicators + composite, per stage
    limit_lines = [s for s in trend_svgs if 'stroke-dasharray="6 3"' in s]
    assert len(limit_lines) == 2 * 7  # national-2017 sets no composite limit


# ---------------------------------------------------------------- XLSX

def unzip(path, member):
    result = subprocess.run(["unzip", "-p", path, member], capture_output=True, check=True)
    return result.stdout


def shared_strings(path):
    """The shared string table, empty when strings are inline (constant-memory workbooks)."""
    members = subprocess.run(["unzip", "-Z1", path], capture_output=True, check=True).stdout
    if b"xl/sharedStrings.xml" not in members.split():
        return []
    root = ET.fromstring(unzip(path, "xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
            for si in root.findall("m:si", NS)]


def sheet_rows(path, number, strings):
    """Rows of sheet N as lists of (value, type, style) per column letter."""
    root = ET.fromstring(unzip(path, f"xl/worksheets/sheet{number}.xml"))
    rows = []
    for row in root.iter(f"{{{NS['m']}}}row"):
        cells = {}
        for c in row.findall("m:c", NS):
            column = re.match(r"[A-Z]+", c.get("r")).group(0)
            v = c.find("m:v", NS)
            kind = c.get("t", "n")
            value = v.text if v is not None else None
            if kind == "s":
                value = strings[int(value)]
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
            cells[column] = (value, kind, int(c.get("s", "0")))
        rows.append(cells)
    return root, rows


def failing_styles(path):
    """Indexes of the cell styles whose fill is the failing shade (FFC7CE)."""
    root = ET.fromstring(unzip(path, "xl/styles.xml"))
    fills = root.find("m:fills", NS).findall("m:fill", NS)
    red = {i for i, fill in enumerate(fills)
           if any((fg.get("rgb") or "").endswith("FFC7CE") for fg in fill.iter(f"{{{NS['m']}}}fgColor"))}
    xfs = root.find("m:cellXfs", NS).findall("m:xf", NS)
    return {i for i, xf in enumerate(xfs) if int(xf.get("fillId", "0")) in red}


def test_xlsx_codes_numbers_and_shading(cwd):
    run(["compute", sample("city.csv"), "-o", "r.xlsx", "--lang", "zh"], cwd)
    path = os.path.join(cwd, "r.xlsx")
    workbook = unzip(path, "xl/workbook.xml").decode("utf-8")
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    # The overview (the summary paragraph) opens the workbook.
    assert names == ["概述", "汇总", "小学", "初中", "城乡比较", "两类学校", "未纳入", "参数"], names
    _, rows = sheet_rows(path, 1, shared_strings(path))
    assert rows[0]["A"][0] == "评估结论摘要" and rows[1]["A"][0].startswith("本报告评估"), rows
    strings = shared_strings(path)
    red = failing_styles(path)
    assert red, "no style with the failing fill"

    # Summary: the CV row of every group holds the reference CVs as numbers; failing CVs shaded.
    _, rows = sheet_rows(path, 2, strings)
    columns = [rows[0][c][0] for c in sorted(rows[0], key=lambda c: (len(c), c))]
    expected = reference("city.national-2017.csv")
    labels = {  # indicator id -> header label (national-2017 profile)
        "sports_area_per_student": "生均体育运动场馆面积",
        "equipment_per_student": "生均教学仪器设备值",
        "above_degree_per100": "每百名学生拥有高于规定学历教师数",
    }
    letter = {label: chr(ord("A") + columns.index(label)) for label in labels.values()}
    stages = {"小学": "primary", "初中": "junior"}
    cv_rows = {(r["A"][0], stages[r["C"][0]]): r for r in rows[1:] if r["D"][0] == "差异系数"}
    assert len(cv_rows) == 8, cv_rows.keys()
    shaded = 0
    for row in expected:
        if row["indicator"] not in labels:
            continue
        cell = cv_rows[(row["district"], row["stage"])][letter[labels[row["indicator"]]]]
        assert cell[1] == "n", cell
        assert abs(float(cell[0]) - float(row["cv"])) < 1e-12, (row, cell)
        limit = 0.50 if row["stage"] == "primary" else 0.45
        assert (cell[2] in red) == (float(row["cv"]) > limit), (row, cell)
        shaded += cell[2] in red
    assert shaded == 4  # 白水县 sports and 河西区 equipment, both stages

    # Stage sheets: codes as strings (leading zeros intact), students as numbers, header
    # frozen, autofilter; sections below 85 % of a standard shaded.
    schools = reference("city.national-2017.schools.csv")
    for number, stage in ((3, "primary"), (4, "junior")):
        root, rows = sheet_rows(path, number, strings)
        pane = root.find(".//m:pane", NS)
        assert pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1"
        assert root.find("m:autoFilter", NS) is not None
        codes = [r["C"] for r in rows[1:]]
        want = {(r["school_id"], r["school_name"]) for r in schools if r["stage"] == stage}
        assert len(codes) == len(want), (stage, len(codes), len(want))
        assert all(kind in ("s", "inlineStr") for _, kind, _ in codes)
        assert {(r["C"][0], r["D"][0]) for r in rows[1:]} == want
        assert any(code.startswith("0") for code, _, _ in codes) or stage == "junior"
        assert all(r["G"][1] == "n" for r in rows[1:])
        red_cells = sum(1 for r in rows[1:] for c, cell in r.items()
                        if "H" <= c <= "N" and len(c) == 1 and cell[2] in red)
        below = sum(r["status"] == "below" for r in schools if r["stage"] == stage)
        assert red_cells == below, (stage, red_cells, below)

    # Exclusions: every section the reference calculator leaves out (by input line), plus the
    # senior sections of combined schools, which eduqb lists too.
    _, rows = sheet_rows(path, 7, strings)
    listed = subprocess.run(
        [sys.executable, os.path.join(ROOT, "tests", "reference", "eduqb_ref.py"), "--profile",
         "national-2017", "--exclusions", sample("city.csv")], capture_output=True, check=True)
    want = set(re.findall(r"line (\d+) (\S+)", listed.stderr.decode("utf-8")))
    got = {(r["K"][0], r["D"][0]) for r in rows[1:]}
    assert all(r["D"][1] in ("s", "inlineStr") for r in rows[1:])
    assert want <= got, want - got
    assert all(r["H"][0] == "stage_not_evaluated" for r in rows[1:] if (r["K"][0], r["D"][0]) not in want)
    _, rows = sheet_rows(path, 8, strings)
    text = [cell[0] for r in rows for cell in r.values()]
    for needle in ("national-2017", "0.1.0", "2024-05-31", "九年一贯制学校",
                   "学校标准：其余指标不低于标准的比例", "city.csv"):
        assert any(needle in str(t) for t in text), needle
    numbers = {float(cell[0]) for r in rows for cell in r.values() if cell[1] == "n"}
    assert {0.85, 1.1, 1.32, 4.2, 10.2, 2500.0, 0.5, 0.45} <= numbers, numbers


def test_xlsx_sections_and_groups_not_judged(cwd):
    # Under --missing skip every primary section lacks its multimedia rooms: the per-school rule
    # judges none, so the groups are not judged and each section says so, never "是 yes".
    data = os.path.join(ROOT, "tests", "cli", "data", "not_judged_missing.csv")
    run(["compute", data, "--missing", "skip", "-l", "school", "-o", "r.xlsx", "--lang", "zh"],
        cwd)
    path = os.path.join(cwd, "r.xlsx")
    strings = shared_strings(path)
    _, rows = sheet_rows(path, 2, strings)
    verdict = chr(ord("A") + len(rows[0]) - 1)
    assert rows[0][verdict][0] == "结论", rows[0][verdict]
    verdicts = [(r["A"][0], r["C"][0], r[verdict][0]) for r in rows[1:] if r["D"][0] == "结论"]
    assert verdicts == [("乙区", "小学", "不评判"),
                        ("甲区", "小学", "不评判"),
                        ("甲区", "初中", "达到要求")], verdicts
    for number, want in ((3, [("5100000005", "未评判"), ("5100000001", "未评判"),
                              ("5100000002", "未评判")]),
                         (4, [("5100000003", "达标"), ("5100000004", "未评判")])):
        _, rows = sheet_rows(path, number, strings)
        assert rows[0]["P"][0] == "结论", rows[0]["P"]
        assert [(r["C"][0], r["P"][0]) for r in rows[1:]] == want, number


def json_report(cwd, files, extra=()):
    result = run(["compute", *files, "-f", "json", "-l", "school", *extra], cwd)
    return json.loads(result.stdout)


def by_header(rows):
    """Each data row as {header: value}."""
    header = {column: cell[0] for column, cell in rows[0].items()}
    return [{header[c]: cell for c, cell in r.items() if c in header} for r in rows[1:]]


def test_xlsx_checks_areas_and_two_types(cwd):
    # The school checks, 城乡比较 and 两类学校 in the workbook hold what the JSON report holds.
    run(["compute", sample("city.csv"), "-o", "r.xlsx", "--lang", "zh"], cwd)
    path = os.path.join(cwd, "r.xlsx")
    strings = shared_strings(path)
    red = failing_styles(path)
    report = json_report(cwd, [sample("city.csv")])
    schools = {(s["school_id"], s["stage"]): s for s in report["schools"]}
    verdicts = {"pass": "达标", "fail": "未达标"}
    kinds = {(True, False): "乡村小规模学校", (False, True): "乡镇寄宿制学校",
             (True, True): "乡村小规模、乡镇寄宿制", (False, False): None}
    checked = 0
    for number, stage in ((3, "primary"), (4, "junior")):
        _, rows = sheet_rows(path, number, strings)
        header = [rows[0][c][0] for c in sorted(rows[0], key=lambda c: (len(c), c))]
        # Each check: its value column, then "<check>结论", in the profile's order.
        checks = [h[:-2] for h in header if h.endswith("结论") and h != "结论"]
        for row in by_header(rows):
            school = schools[(row["学校代码"][0], stage)]
            assert len(checks) == len(school["checks"]), (checks, school["checks"])
            for name, check in zip(checks, school["checks"]):
                value, verdict = row[name], row[name + "结论"]
                if check["status"] in verdicts:
                    assert value[1] == "n", (school, check)
                    assert abs(float(value[0]) - check["value"]) < 1e-9 * check["value"], check
                    assert verdict[0] == verdicts[check["status"]], (school, check, verdict)
                    assert (value[2] in red) == (check["status"] == "fail"), (school, check)
                    checked += 1
            kind = row["两类学校"][0] if "两类学校" in row else None
            assert kind == kinds[(school["rural_small"], school["township_boarding"])], school
    assert checked > 50, checked

    # 城乡比较: a row per group and area type, then the urban − rural difference and ratio.
    _, rows = sheet_rows(path, 5, strings)
    areas = {"urban": "城区", "town": "镇区", "rural": "乡村"}
    stages = {"primary": "小学", "junior": "初中"}
    got = by_header(rows)
    want = []
    for group in report["groups"]:
        if len(group["by_area"]) < 2:
            continue
        for area in group["by_area"]:
            want.append((group["district"], stages[group["stage"]], areas[area["area"]],
                         area["schools"], area["values"][0]["value"]))
        if group["urban_rural_gap"]:
            gap = group["urban_rural_gap"][0]
            assert gap["id"] == "above_degree_per100"
            want.append((group["district"], stages[group["stage"]], "城乡差距（城区 − 乡村）", None,
                         gap["difference"]))
            want.append((group["district"], stages[group["stage"]], "城乡比（城区 ÷ 乡村）", None,
                         gap["ratio"]))
    first = "每百名学生拥有高于规定学历教师数"
    assert len(got) == len(want), (len(got), len(want))
    for row, expected in zip(got, want):
        cells = (row["区县"][0], row["学段"][0], row["城乡类型或差距"][0],
                 int(row["学校数"][0]) if "学校数" in row else None)
        assert cells == expected[:4], (cells, expected)
        assert abs(float(row[first][0]) - expected[4]) < 1e-9 * abs(expected[4]), (row, expected)

    # 两类学校: every such section of the JSON report, with what it lacks.
    _, rows = sheet_rows(path, 6, strings)
    listed = {(r["学校代码"][0], r["类别"][0]) for r in by_header(rows)}
    want = {(s["school_id"], kinds[(s["rural_small"], s["township_boarding"])])
            for s in report["schools"] if s["rural_small"] or s["township_boarding"]}
    assert want and listed == want, (listed, want)
    assert all(r["缺什么"][0] for r in by_header(rows))


def test_html_checks_areas_and_two_types(cwd):
    html = html_of(cwd, ["city.csv"], ("--lang", "zh"))
    report = json_report(cwd, [sample("city.csv")])
    for heading in ("班额、规模等学校其他指标", "城乡比较", "两类学校"):
        assert f"<h3>{heading}</h3>" in html, heading
    # Every group with two area types or more has its table; every section of the two types
    # is listed by its code.
    assert html.count('<table class="areas">') == sum(len(g["by_area"]) >= 2
                                                      for g in report["groups"])
    for school in report["schools"]:
        if school["rural_small"] or school["township_boarding"]:
            assert f"<tr><td>{school['school_id']}</td>" in html, school["school_id"]


def test_several_profiles_in_html_and_xlsx(cwd):
    html = html_of(cwd, ["city.csv"], ("--profile", "national-2017,beijing",
                                               "--lang", "en"))
    assert "<h1>Verdicts side by side</h1>" in html
    assert "<h1>Report under national-2017</h1>" in html
    assert "<h1>Report under beijing</h1>" in html
    assert html.index("Verdicts side by side") < html.index("Report under national-2017")
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "anchors repeat"
    run(["compute", sample("city.csv"), "--profile", "national-2017,beijing", "-o", "r.xlsx",
         "--lang", "en"], cwd)
    path = os.path.join(cwd, "r.xlsx")
    names = re.findall(r'<sheet name="([^"]+)"', unzip(path, "xl/workbook.xml").decode("utf-8"))
    assert names[0] == "Profiles compared", names
    assert "Summary national-2017" in names and "Summary beijing" in names, names
    assert all(len(n) <= 31 for n in names) and len(set(names)) == len(names), names
    _, rows = sheet_rows(path, 1, shared_strings(path))
    assert [rows[0][c][0] for c in "DE"] == ["national-2017", "beijing"], rows[0]


def reference_measures(option, path):
    """The measures of the reference calculator (tests/reference/eduqb_ref.py) on `path`."""
    script = os.path.join(ROOT, "tests", "reference", "eduqb_ref.py")
    out = subprocess.run([sys.executable, script, "--profile", "national-2017", option, path],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(out.splitlines()))


def sheet_by_name(path, name):
    """The rows of the sheet called `name`, as sheet_rows gives them."""
    workbook = unzip(path, "xl/workbook.xml").decode("utf-8")
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    return sheet_rows(path, names.index(name) + 1, shared_strings(path))[1]


def assert_close(cell, expected, what):
    if expected in ("", None):
        assert cell[1] != "n", (what, cell)  # NA: text with its reason
        return
    assert cell[1] == "n", (what, cell)
    actual, wanted = float(cell[0]), float(expected)
    assert abs(actual - wanted) <= 1e-9 * abs(wanted) + 1e-15, (what, actual, wanted)


def test_xlsx_measures_match_the_reference(cwd):
    run(["compute", sample("city.csv"), "--measures", "-o", "m.xlsx", "--lang", "en"], cwd)
    path = os.path.join(cwd, "m.xlsx")
    stages = {"primary": "primary", "junior": "junior"}
    rows = sheet_by_name(path, "Measures")
    got = {(r["A"][0], r["C"][0], r["D"][0]): r for r in rows[1:]}
    expected = reference_measures("--measures", sample("city.csv"))
    assert len(got) == len(expected) == 8 * 7, (len(got), len(expected))
    for row in expected:
        cells = got[(row["district"], stages[row["stage"]], row["indicator"])]
        for column, key in zip("FGHJKL", ["theil", "theil_within_area", "theil_between_area",
                                          "gini", "mcloone", "range_ratio"]):
            assert_close(cells[column], row[key], (row["district"], row["indicator"], key))
        if row["theil_between_area"] and row["theil"] and float(row["theil"]) > 0:
            share = float(row["theil_between_area"]) / float(row["theil"])
            assert_close(cells["I"], str(share), (row["district"], "share"))
    rows = sheet_by_name(path, "Across districts")
    got = {(r["B"][0], r["C"][0]): r for r in rows[1:]}
    expected = reference_measures("--across-districts", sample("city.csv"))
    assert len(got) == len(expected) == 2 * 7, (len(got), len(expected))
    for row in expected:
        cells = got[(stages[row["stage"]], row["indicator"])]
        for column, key in zip("EFG", ["theil", "theil_within_districts",
                                        "theil_between_districts"]):
            assert_close(cells[column], row[key], (row["stage"], row["indicator"], key))


def test_xlsx_needs_a_file(cwd):
    result = run(["compute", sample("district.csv"), "-f", "xlsx"], cwd, expect=2)
    assert result.stdout == b""
    assert b"-o FILE.xlsx" in result.stderr


# ---------------------------------------------------------------- language

# Latin words a Chinese report may hold: the symbols of the estimator's formula and of the
# audit (X̄ = m·ΣR/ΣP, P_i, L), the coefficient's abbreviation and the program's name; and the
# commands and the document path that the gaps analysis quotes as typed.
LATIN_IN_CHINESE = {"CV", "X", "X_i", "P_i", "m", "R", "P", "S", "sqrt", "L", "eduqb"}
QUOTED_AS_TYPED = ["eduqb compute --level school", "--missing skip", "docs/gaps.md"]


def ids_of_profiles_and_columns(cwd):
    """Codes a Chinese workbook keeps beside their names: profile, indicator, check and rule
    ids, and column names."""
    ids = set()
    for profile in ("national-2017", "national-2012", "beijing"):
        text = run(["profiles", "show", profile], cwd).stdout.decode("utf-8")
        ids.update(re.findall(r'\bid = "([^"]+)"', text))
    ids.update(run(["template", "--lang", "en"], cwd).stdout.decode("utf-8")
               .splitlines()[0].split(","))
    return ids | {"composite", "stage_not_evaluated", "no_students", "invalid"}


def latin_words(text, allowed, inputs):
    """The Latin words of `text` outside the allow-list, once each; input paths removed first."""
    for name in sorted(inputs, key=len, reverse=True) + QUOTED_AS_TYPED:
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", text)
    return sorted({w.rstrip("-") for w in words} - allowed)


def html_text(html):
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<!DOCTYPE[^>]*>|<[^>]+>", " ", html)
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def xlsx_text(path):
    """Every sheet name and text cell of the workbook."""
    workbook = unzip(path, "xl/workbook.xml").decode("utf-8")
    cells = re.findall(r'<sheet name="([^"]+)"', workbook)
    cells += shared_strings(path)
    members = subprocess.run(["unzip", "-Z1", path], capture_output=True, check=True).stdout
    for member in members.decode("utf-8").split():
        if member.startswith("xl/worksheets/sheet"):
            root = ET.fromstring(unzip(path, member))
            cells += [t.text or "" for t in root.iter(f"{{{NS['m']}}}t")]
    return "\n".join(cells)


def test_chinese_reports_have_no_english_words(cwd):
    env = {"LANG": "zh_CN.UTF-8"}
    files = [sample("district-2023.csv"), sample("district.csv")]
    city = [sample("city.csv")]
    allowed = LATIN_IN_CHINESE | {"national-2017", "national-2012", "beijing"}
    texts = {}
    for level in ("district", "school"):
        texts[f"markdown {level}"] = run(["compute", *files, "-l", level], cwd, env).stdout
        texts[f"markdown city {level}"] = run(["compute", *city, "-l", level], cwd, env).stdout
    texts["markdown two profiles"] = run(
        ["compute", *files, "-p", "national-2017,beijing,national-2012", "-l", "school"], cwd,
        env).stdout
    # The measures beside the CV (--measures): their tables, the split over the years and
    # across districts.
    texts["markdown measures"] = run(["compute", *files, "--measures"], cwd, env).stdout
    texts["markdown city measures"] = run(["compute", *city, "--measures"], cwd, env).stdout
    for name, inputs in (("html measures", files), ("html city measures", city)):
        run(["compute", *inputs, "--measures", "-o", "m.html"], cwd, env)
        with open(os.path.join(cwd, "m.html"), encoding="utf-8") as f:
            texts[name] = html_text(f.read())
    texts["gaps"] = run(["gaps", *files], cwd, env).stdout
    texts["gaps beijing"] = run(["gaps", *city, "-p", "beijing"], cwd, env).stdout
    # Inputs with reading notes: titles, two header rows, a unit line, column numbers, and
    # columns derived from their parts.
    system = [os.path.join(ROOT, "tests", "data", "system", name)
              for name in ("city-system.xlsx", "city-degrees.csv")]
    for path in system:
        texts[f"markdown {path}"] = run(["compute", path], cwd, env).stdout
        assert "读取说明".encode() in texts[f"markdown {path}"]
    for profile in ("national-2017", "beijing", "national-2012"):
        run(["compute", *files, "-p", profile, "-l", "school", "-o", "r.html"], cwd, env)
        with open(os.path.join(cwd, "r.html"), encoding="utf-8") as f:
            texts[f"html {profile}"] = html_text(f.read())
    texts = {k: v if isinstance(v, str) else v.decode("utf-8") for k, v in texts.items()}
    assert "# 义务教育均衡发展评估报告" in texts["markdown district"]
    for name, text in texts.items():
        found = latin_words(text, allowed, files + city + system)
        assert not found, f"{name}: {found}"
    # The workbook keeps codes in columns of their own (rule, indicator, column names).
    codes = allowed | ids_of_profiles_and_columns(cwd)
    for profile in ("national-2017", "beijing"):
        run(["compute", *files, "-p", profile, "-o", "r.xlsx"], cwd, env)
        found = latin_words(xlsx_text(os.path.join(cwd, "r.xlsx")), codes, files + city)
        assert not found, f"xlsx {profile}: {found}"
    for inputs in (files, city):
        run(["compute", *inputs, "--measures", "-o", "m.xlsx"], cwd, env)
        found = latin_words(xlsx_text(os.path.join(cwd, "m.xlsx")), codes, files + city)
        assert not found, f"xlsx measures: {found}"


def test_english_reports_have_no_chinese_labels(cwd):
    text = run(["compute", sample("district.csv"), "-l", "school", "--lang", "en"], cwd).stdout
    text = text.decode("utf-8")
    # Names from the input (schools, districts) and the cited document stay as they are; no
    # label of the report is Chinese.
    for label in ("差异系数", "区县值", "结论", "限值", "学校代码", "城乡", "未纳入", "达标"):
        assert label not in text, label
    assert "# Compulsory-education balance evaluation report" in text


# ---------------------------------------------------------------- CSV: BOM and GBK

BOM = b"\xef\xbb\xbf"


def test_csv_bom(cwd):
    run(["compute", sample("district.csv"), "-o", "a.csv"], cwd)
    run(["compute", sample("district.csv"), "-o", "b.csv", "--no-bom"], cwd)
    plain = run(["compute", sample("district.csv"), "-f", "csv"], cwd).stdout
    marked = run(["compute", sample("district.csv"), "-f", "csv", "--bom"], cwd).stdout
    a = open(os.path.join(cwd, "a.csv"), "rb").read()
    b = open(os.path.join(cwd, "b.csv"), "rb").read()
    assert a == BOM + b and plain == b and marked == a
    assert not plain.startswith(BOM)
    run(["compute", sample("district.csv"), "-o", "r.json", "--bom"], cwd, expect=2)
    run(["compute", sample("district.csv"), "-f", "csv", "--bom", "--no-bom"], cwd, expect=2)


def test_csv_gbk_round_trip(cwd):
    utf8 = run(["compute", sample("city.csv"), "-l", "school", "-f", "csv"], cwd).stdout
    run(["compute", sample("city.csv"), "-l", "school", "-o", "g.csv", "--output-encoding", "gbk"],
        cwd)
    gbk = open(os.path.join(cwd, "g.csv"), "rb").read()
    assert not gbk.startswith(BOM)
    assert gbk != utf8 and gbk.decode("gbk") == utf8.decode("utf-8")
    assert "河西区".encode("gbk") in gbk


def test_csv_gbk_unrepresentable(cwd):
    with open(sample("district.csv"), encoding="utf-8") as f:
        text = f.read().replace("城关第一小学", "城关第一小学😀", 1)
    with open(os.path.join(cwd, "in.csv"), "w", encoding="utf-8") as f:
        f.write(text)
    result = run(["compute", "in.csv", "-l", "school", "-o", "g.csv", "--output-encoding", "gbk"],
                 cwd, expect=4)
    assert "'😀' (U+1F600)" in result.stderr.decode("utf-8")
    assert sorted(os.listdir(cwd)) == ["in.csv"], os.listdir(cwd)  # nothing half-written
    result = run(["compute", "in.csv", "-l", "school", "-f", "csv", "--output-encoding", "gbk"],
                 cwd, expect=4)
    assert result.stdout == b""
    run(["compute", "in.csv", "-o", "r.md", "--output-encoding", "gbk"], cwd, expect=2)


# ---------------------------------------------------------------- gaps handover

def needing_action(cwd, files):
    """Ids of the sections that need action, from the JSON analysis (docs/gaps.md): a failed
    school check, or a standard missed without meeting the per-school rule."""
    analysis = json.loads(run(["gaps", *files, "-f", "json"], cwd).stdout)
    return {s["school_id"] for g in analysis["groups"] for s in g["gap_schools"]
            if s["checks"] or (s["gaps"] and s["verdict"] != "passes")}


def test_gaps_handover_names_every_school_in_chinese(cwd):
    env = {"LANG": "zh_CN.UTF-8"}
    files = [sample("city.csv")]
    expected = needing_action(cwd, files)
    assert expected
    run(["gaps", *files, "-o", "plan.xlsx"], cwd, env)
    path = os.path.join(cwd, "plan.xlsx")
    workbook = unzip(path, "xl/workbook.xml").decode("utf-8")
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == ["概述", "区县汇总", "一校一案"]
    _, rows = sheet_rows(path, 3, shared_strings(path))
    assert {row["G"][0] for row in rows[1:]} == expected
    _, summary = sheet_rows(path, 2, shared_strings(path))
    assert len([row for row in summary if row.get("C", (None,))[0] in ("小学", "初中")]) == 8
    run(["gaps", *files, "-o", "plan.html"], cwd, env)
    with open(os.path.join(cwd, "plan.html"), encoding="utf-8") as f:
        html = f.read()
    assert "<script" not in html and re.search(r"https?:", html) is None
    assert set(re.findall(r"<h3>(\d{10}) ", html)) == expected
    allowed = LATIN_IN_CHINESE | {"national-2017"}
    assert not latin_words(html_text(html), allowed, files)
    assert not latin_words(xlsx_text(path), allowed, files)


def main():
    tests = [(name, fn) for name, fn in sorted(globals().items()) if name.startswith("test_")]
    passed = failed = 0
    for name, fn in tests:
        with tempfile.TemporaryDirectory(prefix="eduqb-reports-") as cwd:
            try:
                fn(cwd)
                passed += 1
                print(f"ok   {name}")
            except Exception:  # report every failure, then go on
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
