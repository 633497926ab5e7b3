#!/usr/bin/env python3
"""Writes tests/data/bad/: malformed inputs, one problem each (and a few with many).

Each case is NAME.csv; its expected `eduqb validate` output and exit code live in
NAME.expected (first line "exit: N"), checked by tests/cli/run_bad_case.sh. The .expected
files are written by hand-review, not by this script: after changing a case, run the test,
read the new message and only then update the expectation.
Run from the repository root: python3 tests/data/make_bad_corpus.py
"""
HEADER = ("school_id,school_name,district,year,school_type,stage,area_type,students,teachers,"
          "teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,"
          "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,computers,books,"
          "classes")
GOOD = [
    "3101010001,城关第一小学,城关区,2024,primary_school,primary,urban,1850,111,96,25,22,63,9010,14661,6909505,48,199,40591,41",
    "3101010002,城关第二小学,城关区,2024,primary_school,primary,urban,1620,101,91,18,17,40,9911,15036,5682150,43,311,52772,38",
    "3101020001,城关中学,城关区,2024,junior_school,junior,urban,1200,95,80,15,12,50,7200,12600,3600000,30,200,36000,25",
    "3101030001,东湖九年一贯制学校,城关区,2024,nine_year,primary,town,600,36,30,7,6,20,6800,11000,3300000,26,150,27000,14",
    "3101030001,东湖九年一贯制学校,城关区,2024,nine_year,junior,town,400,34,28,5,4,18,,,,,,,9",
]


def replace_cell(row, index, value):
    cells = row.split(",")
    cells[index] = value
    return ",".join(cells)


def case(name, rows=None, header=HEADER, raw=None):
    path = f"tests/data/bad/{name}.csv"
    if raw is not None:
        data = raw
    else:
        data = (header + "\n" + "\n".join(GOOD if rows is None else rows) + "\n").encode("utf-8")
    with open(path, "wb") as out:
        out.write(data)


def with_row(index, row):
    rows = list(GOOD)
    rows[index] = row
    return rows


def main():
    g = GOOD
    case("non_numeric_students", with_row(0, replace_cell(g[0], 7, "一千八")))
    case("negative_teachers", with_row(1, replace_cell(g[1], 8, "-101")))
    case("zero_students", with_row(1, replace_cell(g[1], 7, "0")))
    case("fractional_students", with_row(1, replace_cell(g[1], 7, "1620.5")))
    case("empty_students", with_row(2, replace_cell(g[2], 7, "")))
    case("teachers_more_than_students", with_row(2, replace_cell(g[2], 8, "1300")))
    case("above_degree_more_than_teachers", with_row(0, replace_cell(g[0], 9, "120")))
    case("backbone_more_than_teachers", with_row(0, replace_cell(g[0], 10, "112")))
    case("classes_more_than_students", with_row(2, replace_cell(g[2], 19, "1250")))
    case("duplicate_section", g + [g[1]])
    case("combined_disagree_total", with_row(4, replace_cell(g[4], 13, "6000")))
    case("combined_type_conflict", with_row(4, replace_cell(g[4], 4, "complete_middle")))
    case("type_stage_impossible", with_row(0, replace_cell(g[0], 5, "junior")))
    case("unknown_school_type", with_row(0, replace_cell(g[0], 4, "private_school")))
    case("unknown_stage", with_row(0, replace_cell(g[0], 5, "kindergarten")))
    case("unknown_area_type", with_row(0, replace_cell(g[0], 6, "suburb")))
    case("bad_year", with_row(0, replace_cell(g[0], 3, "二〇二四")))
    case("empty_school_id", with_row(1, replace_cell(g[1], 0, "")))
    case("excel_scientific_id", with_row(1, replace_cell(g[1], 0, "3.10101E+09")))
    case("bad_thousands_separator", with_row(0, replace_cell(g[0], 14, '"14,66,1"')))
    case("missing_cell_needed", with_row(1, replace_cell(g[1], 16, "")))
    case("combined_missing_everywhere", [g[0], g[1], g[2], replace_cell(g[3], 16, ""), g[4]])
    # One bad cell on the only row with a nine-year school's facilities: one error, not also
    # the empty facility cells of its primary section and a warning that its junior is absent.
    facilities = g[3].split(",")[13:19]
    primary_row, junior_row = g[3], g[4]
    for i, value in enumerate(facilities):
        primary_row = replace_cell(primary_row, 13 + i, "")
        junior_row = replace_cell(junior_row, 13 + i, value)
    case("combined_bad_cell_one_error",
         [g[0], g[1], g[2], primary_row, replace_cell(junior_row, 13, "abc")])
    no_stage = [",".join(c for i, c in enumerate(r.split(",")) if i != 5) for r in [HEADER] + g]
    case("missing_required_column", no_stage[1:], header=no_stage[0])
    no_rooms = [",".join(c for i, c in enumerate(r.split(",")) if i != 16) for r in [HEADER] + g]
    case("missing_profile_column", no_rooms[1:], header=no_rooms[0])
    case("duplicate_column_alias", [r + "," + r.split(",")[7] for r in g], header=HEADER + ",在校生数")
    case("unit_mismatch", g, header=HEADER.replace("equipment_value_yuan", "教学仪器设备值(平方米)"))
    case("empty_file", raw=b"")
    case("unclosed_quote", with_row(2, replace_cell(g[2], 1, '"城关中学')))
    valid = (HEADER + "\n" + "\n".join(g[:3]) + "\n").encode("utf-8")
    gbk_row = ("3101030002,西山小学,城关区,2024,primary_school,primary,rural,300,19,15,4,3,8,1560,3300,690000,8,42,9600,7\n").encode("gbk")
    case("mixed_utf8_and_gbk", raw=valid + gbk_row)
    case("not_text", raw=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x80\x81\x82")
    # 1e308 is a double, but sums of such values overflow (the CV printed as -nan before).
    case("too_large_number", with_row(0, replace_cell(g[0], 18, "1e308")))
    # A NUL inside a number: read as text up to the NUL, 18\x0050 would be 18 students.
    case("nul_in_number", raw=(HEADER + "\n" + "\n".join(g[:2]) + "\n").encode("utf-8").replace(
        b",1850,", b",18\x0050,"))
    # Warnings only: the file is valid, but something looks wrong.
    case("implausible_area", with_row(2, replace_cell(g[2], 14, "312600")))
    case("equipment_in_wan_yuan", with_row(0, replace_cell(g[0], 15, "690.9505")))
    # Many problems at once: every one is listed, not just the first.
    case("many_problems", [
        replace_cell(replace_cell(g[0], 7, "abc"), 8, "-3"),
        replace_cell(g[1], 5, "senior"),
        g[2],
        g[2],
        replace_cell(g[3], 13, "7000"),
        g[4],
        replace_cell(replace_cell(g[1], 0, "3101010009"), 6, "郊区"),
    ])
    case("many_problems_gbk", raw=(HEADER + "\n" + "\n".join([
        replace_cell(g[0], 4, "大学"),
        replace_cell(g[1], 9, "200"),
        replace_cell(g[2], 16, ""),
    ]) + "\n").encode("gbk"))


if __name__ == "__main__":
    main()
