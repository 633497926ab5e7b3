#!/usr/bin/env python3
"""Writes tests/data/messy/: the careless files county offices send, one problem each.

Each file is a small part of data-samples/ with one thing done as a real export or a hurried
hand does it. tests/cli/cases/messy_* run eduqb on them and pin the exact messages; where the
problem is one eduqb must read through, the groups must equal those of the clean rows.
Run from the repository root: python3 tests/data/messy/make_messy.py
"""
import csv
import os

HERE = "tests/data/messy"


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write(name, header, rows, trailing=""):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        f.write(trailing)


def main():
    city_header, city = read("data-samples/city.csv")
    header, district = read("data-samples/district.csv")
    col = {name: i for i, name in enumerate(city_header)}
    # Two districts, six schools each: small enough to pin every message.
    # Each with schools of the two types: boarding town schools, a rural teaching point.
    def of(district, count, extra_ids):
        rows = [r for r in city if r[col["district"]] == district]
        return rows[:count] + [r for r in rows if r[col["school_id"]] in extra_ids]
    two = of("河东区", 6, {"3205020216", "3205020219"}) + of("河西区", 6, {"3205030627"})
    write("two-districts.csv", city_header, two)

    merged = [list(r) for r in two]
    for i in range(1, len(merged)):
        if merged[i][col["district"]] == two[i - 1][col["district"]]:
            merged[i][col["district"]] = ""
    write("merged-district.csv", city_header, merged)

    # 合计 at the bottom, summing the numeric columns, as a clerk adds it.
    numeric = range(header.index("students"), len(header))
    total = [""] * len(header)
    total[header.index("school_name")] = "合计"
    for i in numeric:
        total[i] = str(sum(int(r[i] or 0) for r in district))
    write("totals-row.csv", header, district + [total])

    traditional = [list(r) for r in two]
    traditional[9][col["district"]] = "河西區"
    write("traditional-district.csv", city_header, traditional)

    codes = {"urban": "111 主城区", "town": "121 镇中心区", "rural": "220 村庄"}
    area = header.index("area_type")
    coded = [list(r) for r in district]
    for r in coded:
        r[area] = codes[r[area]]
    write("area-codes.csv", header, coded)

    # 城乡 and 寄宿制学校 as the inspection templates head them.
    renamed = ["城乡" if h == "area_type" else "寄宿制学校" if h == "boarding" else h
               for h in city_header]
    write("template-headers.csv", renamed, two)

    # A header ending in empty cells, and 12,500 unquoted: the cells shift right by one.
    shifted = [list(r) for r in district[:4]]
    sports = header.index("sports_area_m2")
    line = ",".join(shifted[2][:sports]) + ",12,500," + ",".join(shifted[2][sports + 1:])
    with open(os.path.join(HERE, "shifted-comma.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + ",,\n")
        f.write(",".join(shifted[0]) + ",,\n")
        f.write(",".join(shifted[1]) + ",,\n")
        f.write(line + ",\n")
        f.write(",".join(shifted[3]) + ",,\n")

    # Header problems all at once: a typo, a unit that does not fit, a column named twice.
    bad_header = list(header)
    bad_header[header.index("area_type")] = "城乡类形"
    bad_header[header.index("students")] = "在校生数(万元)"
    bad_header[header.index("books")] = "教学及辅助用房面积"
    write("header-problems.csv", bad_header, district[:3])

    # One school under two ids.
    twice = [list(r) for r in district[:5]]
    twice[3][header.index("school_name")] = twice[1][header.index("school_name")]
    write("same-name-two-ids.csv", header, twice)

    # A footer, with a school row someone pasted below it.
    write("footer.csv", header, district[:6] + [["填表人：张三", "", "审核人：李四"]],
          trailing=",".join(district[6]) + "\n")

    # A senior-only school type among compulsory schools.
    senior = [list(r) for r in district[:3]]
    senior[2][header.index("school_type")] = "342 高级中学"
    write("senior-school-type.csv", header, senior)


if __name__ == "__main__":
    main()
