#!/usr/bin/env python3
"""Writes the encoding and Excel variants of data-samples/district.csv used by the tests.

Every variant holds the same statistics, so eduqb must produce byte-identical reports:
  tests/data/encodings/district.{gbk,utf8-bom,utf16le,utf16be,crlf}.csv
  data-samples/district-excel-gbk.csv: what Chinese Excel/WPS saves: GBK, CRLF, a title row,
      Chinese headers, equipment in 万元, quoted thousands separators, full-width digits in a
      few cells, trailing empty columns and rows.
Run from the repository root: python3 tests/data/make_variants.py
"""
import csv
import io
from decimal import Decimal

SOURCE = "data-samples/district.csv"
CHINESE = {
    "school_id": "学校标识码", "school_name": "学校名称", "district": "所属区县", "year": "学年",
    "school_type": "办学类型", "stage": "学段", "area_type": "城乡分类", "students": "在校学生数",
    "teachers": "专任教师数", "teachers_above_degree": "高于规定学历教师数",
    "teachers_backbone": "县级以上骨干教师数", "teachers_pe_art": "体育、艺术专任教师数",
    "teachers_senior_title": "中级及以上专业技术职务教师数",
    "teaching_area_m2": "教学及辅助用房面积（平方米）", "sports_area_m2": "体育运动场馆面积(㎡)",
    "equipment_value_yuan": "教学仪器设备资产值（万元）", "multimedia_rooms": "网络多媒体教室数",
    "computers": "计算机台数", "books": "图书册数", "classes": "班级数",
}
TYPES = {"primary_school": "小学", "junior_school": "初级中学", "nine_year": "九年一贯制学校",
         "complete_middle": "完全中学", "twelve_year": "十二年一贯制学校",
         "teaching_point": "教学点", "special_education": "特殊教育学校",
         "vocational": "职业学校"}
STAGES = {"primary": "小学", "junior": "初中", "senior": "高中"}
AREAS = {"urban": "城区", "town": "镇区", "rural": "乡村", "": ""}
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def write(path, text, encoding, bom=b""):
    with open(path, "wb") as out:
        out.write(bom + text.encode(encoding))


def main():
    with open(SOURCE, encoding="utf-8", newline="") as f:
        text = f.read()
    write("tests/data/encodings/district.gbk.csv", text, "gbk")
    write("tests/data/encodings/district.utf8-bom.csv", text, "utf-8", b"\xef\xbb\xbf")
    write("tests/data/encodings/district.utf16le.csv", text, "utf-16-le", b"\xff\xfe")
    write("tests/data/encodings/district.utf16be.csv", text, "utf-16-be", b"\xfe\xff")
    write("tests/data/encodings/district.crlf.csv", text.replace("\n", "\r\n"), "utf-8")

    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["2024学年城关区义务教育学校办学条件统计表", "", ""])
    writer.writerow([CHINESE[name] for name in rows[0].keys()] + ["", ""])
    for i, row in enumerate(rows):
        cells = []
        for name, value in row.items():
            if name == "school_type":
                value = TYPES[value]
            elif name == "stage":
                value = STAGES[value]
            elif name == "area_type":
                value = AREAS[value]
            elif name == "year":
                value = value + "学年"
            elif name == "equipment_value_yuan" and value:
                value = str(Decimal(value) / Decimal(10000))  # exact: 6909505 → 690.9505
            elif name in ("sports_area_m2", "books") and value and int(value) >= 1000:
                value = f"{int(value):,}"  # Excel's thousands separator, quoted by csv
            elif name == "students" and value and i % 7 == 3:
                value = value.translate(FULL_WIDTH)  # typed with a Chinese IME
            elif name == "teachers" and value and i % 5 == 1:
                value = f" {value} "  # a number stored with spaces
            cells.append(value)
        writer.writerow(cells + ["", ""])
    writer.writerow([""] * (len(rows[0]) + 2))
    writer.writerow([""] * (len(rows[0]) + 2))
    write("data-samples/district-excel-gbk.csv", out.getvalue(), "gbk")


if __name__ == "__main__":
    main()
