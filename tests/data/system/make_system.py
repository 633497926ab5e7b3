#!/usr/bin/python3
"""Writes tests/data/system/: data-samples/city.csv laid out as county offices keep it.

The statistics system (教育事业统计) and inspection templates put a title and a unit line above
the table, split the header over two rows (a parent over 计 / 其中：… children), number the
columns (甲 乙 1 2 3 …), merge each district's cells down its schools, add a 合计 row per
district and a footer (填表人, 审核人, 填报日期), write area types as the classification's codes
and names (111 主城区 …), school types as 办学类型 names, equipment in 万元 and boarding as
是/否. Every file here holds exactly the rows of city.csv, so that eduqb must give the same
groups for each as for the clean CSV.

- city-system.csv: that layout saved as CSV (UTF-8 with BOM, CRLF), district cells blank
  below the first row of each district (as Excel saves merged cells): read with
  --fill-down district.
- city-system.xlsx: the same table written by openpyxl (python3-openpyxl) as a real workbook,
  with a cover sheet before the data, the title merged across the table, the parent headers
  merged over their children and the district cells merged down: read with no option.
- city-system.xls: the same by xlwt (python3-xlwt), BIFF8, when xlwt is installed.
- city-degrees.csv: city.csv with the teachers' degree breakdown (研究生毕业 / 本科毕业 /
  专科毕业 / 高中阶段毕业及以下) in place of teachers_above_degree, and PE / music / fine-art
  teachers in place of teachers_pe_art, summing exactly to city.csv's counts.

Run from the repository root with Debian's Python (python3-openpyxl, python3-xlwt):
/usr/bin/python3 tests/data/system/make_system.py
"""
import csv
import datetime
import os
from decimal import Decimal

HERE = "tests/data/system"
AREA = {"urban": ["111 主城区", "112 城乡结合区"], "town": ["121 镇中心区", "122 镇乡结合区"],
        "rural": ["210 乡中心区", "220 村庄"]}
TYPE = {"primary_school": "小学", "junior_school": "初级中学", "nine_year": "九年一贯制学校",
        "complete_middle": "完全中学", "twelve_year": "十二年一贯制学校",
        "teaching_point": "小学教学点", "special_education": "特殊教育学校",
        "vocational": "中等职业学校"}
STAGE = {"primary": "小学", "junior": "初中", "senior": "高中"}

# (parent, child) per column; a child of None means the header spans both rows.
COLUMNS = [
    ("学校标识码", None, "school_id"),
    ("学校名称", None, "school_name"),
    ("区县", None, "district"),
    ("学年", None, "year"),
    ("办学类型", None, "school_type"),
    ("学段", None, "stage"),
    ("城乡分类代码", None, "area_type"),
    ("寄宿制学校", None, "boarding"),
    ("在校学生数（人）", None, "students"),
    ("专任教师（人）", "计", "teachers"),
    ("专任教师（人）", "其中：高于规定学历", "teachers_above_degree"),
    ("专任教师（人）", "其中：县级及以上骨干教师", "teachers_backbone"),
    ("专任教师（人）", "#体育、艺术", "teachers_pe_art"),
    ("专任教师（人）", "#中级及以上职称", "teachers_senior_title"),
    ("校舍", "教学及辅助用房面积", "teaching_area_m2"),
    ("校舍", "体育运动场馆面积", "sports_area_m2"),
    ("教学仪器设备资产值", None, "equipment_value_yuan"),
    ("网络多媒体教室数（间）", None, "multimedia_rooms"),
    ("计算机台数（台）", None, "computers"),
    ("图书（册）", None, "books"),
    ("班级数（个）", None, "classes"),
]
NUMBERS = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"] + [
    str(i) for i in range(1, len(COLUMNS) - 7)]
TITLE = "2024学年某市义务教育学校办学条件统计表"
UNITS = "单位：平方米、万元"
FOOTER = ["填表人：张三", "", "审核人：李四", "", "填报日期：2024年9月30日"]


def read_city():
    with open("data-samples/city.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cell_value(row, key, index):
    value = row[key]
    if key == "area_type":
        return AREA[value][index % 2]
    if key == "school_type":
        return TYPE[value]
    if key == "stage":
        return STAGE[value]
    if key == "boarding":
        return {"yes": "是", "no": "否", "": ""}[value]
    if key == "equipment_value_yuan" and value:
        return format(Decimal(value) / 10000, "f")
    return value


def table_rows(rows, blank_merged_district):
    """Header rows, column numbers, districts with their 合计 rows, the total, the footer."""
    width = len(COLUMNS)
    out = [[TITLE] + [""] * (width - 1), [UNITS] + [""] * (width - 1)]
    parents, children = [], []
    previous = None
    for parent, child, _ in COLUMNS:
        parents.append("" if parent == previous and child else parent)
        children.append(child or "")
        previous = parent
    out.append(parents)
    out.append(children)
    out.append(NUMBERS[:width])
    numeric = [i for i, (_, _, key) in enumerate(COLUMNS) if key in (
        "students", "teachers", "teachers_above_degree", "teachers_backbone", "teachers_pe_art",
        "teachers_senior_title", "multimedia_rooms", "computers", "books", "classes")]
    district_rows = []
    for index, row in enumerate(rows):
        if district_rows and row["district"] != district_rows[-1]["district"]:
            out.extend(district_block(district_rows, numeric, blank_merged_district))
            district_rows = []
        district_rows.append(dict(row, _index=index))
    out.extend(district_block(district_rows, numeric, blank_merged_district))
    total = [""] * width
    total[1] = "总计"
    for i in numeric:
        total[i] = str(sum(int(r[COLUMNS[i][2]] or 0) for r in rows))
    out.append(total)
    out.append([""] * width)
    out.append(FOOTER + [""] * (width - len(FOOTER)))
    return out


def district_block(rows, numeric, blank_merged_district):
    block = []
    for n, row in enumerate(rows):
        cells = [cell_value(row, key, row["_index"]) for _, _, key in COLUMNS]
        if blank_merged_district and n > 0:
            cells[2] = ""
        block.append(cells)
    subtotal = [""] * len(COLUMNS)
    subtotal[1] = rows[0]["district"] + "合计"
    if not blank_merged_district:
        subtotal[2] = rows[0]["district"]
    for i in numeric:
        subtotal[i] = str(sum(int(r[COLUMNS[i][2]] or 0) for r in rows))
    block.append(subtotal)
    return block


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def merges(rows, city):
    """Ranges (first_row, first_col, last_row, last_col), 0-based, of the workbook layout."""
    width = len(COLUMNS)
    ranges = [(0, 0, 0, width - 1), (1, 0, 1, width - 1)]
    # Parents over their children, headers without children down both header rows.
    c = 0
    while c < width:
        parent, child, _ = COLUMNS[c]
        if child is None:
            ranges.append((2, c, 3, c))
            c += 1
            continue
        end = c
        while end + 1 < width and COLUMNS[end + 1][0] == parent:
            end += 1
        ranges.append((2, c, 2, end))
        c = end + 1
    # Each district's cells down its schools (and its 合计 row).
    r = 5
    start = 0
    for i in range(1, len(city) + 1):
        if i == len(city) or city[i]["district"] != city[start]["district"]:
            count = i - start
            ranges.append((r, 2, r + count, 2))
            r += count + 1
            start = i
    return ranges


def write_xlsx(path, rows, ranges):
    import openpyxl
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["A1"] = "某市2024学年义务教育优质均衡发展督导评估 学校数据"
    cover["A3"] = "报送单位：某市教育局"
    sheet = book.create_sheet("学校办学条件")
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells, start=1):
            if value == "":
                continue
            sheet.cell(row=r, column=c, value=typed(value, c - 1, r))
    for first_row, first_col, last_row, last_col in ranges:
        sheet.merge_cells(start_row=first_row + 1, start_column=first_col + 1,
                          end_row=last_row + 1, end_column=last_col + 1)
    book.properties.created = datetime.datetime(2024, 9, 30)
    book.properties.modified = datetime.datetime(2024, 9, 30)
    book.save(path)


def typed(value, column, row):
    """Numbers as numbers, as a spreadsheet holds them; ids and codes stay text."""
    key = COLUMNS[column][2] if column < len(COLUMNS) else ""
    if row <= 5 or key in ("school_id", "school_name", "district", "school_type", "stage",
                           "area_type", "boarding"):
        return value
    if key == "year":
        return int(value)
    try:
        number = Decimal(value)
    except Exception:
        return value
    return int(number) if number == number.to_integral_value() else float(number)


def write_xls(path, rows, ranges):
    try:
        import xlwt
    except ImportError:
        print("xlwt not installed: city-system.xls not written")
        return
    book = xlwt.Workbook(encoding="utf-8")
    cover = book.add_sheet("封面")
    cover.write(0, 0, "某市2024学年义务教育优质均衡发展督导评估 学校数据")
    sheet = book.add_sheet("学校办学条件")
    covered = {}
    for first_row, first_col, last_row, last_col in ranges:
        for r in range(first_row, last_row + 1):
            for c in range(first_col, last_col + 1):
                covered[(r, c)] = (first_row, first_col, last_row, last_col)
    done = set()
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if (r, c) in covered:
                merge = covered[(r, c)]
                if merge in done:
                    continue
                done.add(merge)
                top = rows[merge[0]][merge[1]]
                sheet.write_merge(merge[0], merge[2], merge[1], merge[3], typed(top, merge[1], merge[0] + 1))
                continue
            if value != "":
                sheet.write(r, c, typed(value, c, r + 1))
    book.save(path)


def write_degrees(city):
    header = list(city[0].keys())
    out_header = []
    for key in header:
        if key == "teachers_above_degree":
            out_header += ["研究生毕业", "本科毕业", "专科毕业", "高中阶段毕业及以下"]
        elif key == "teachers_pe_art":
            out_header += ["体育教师数", "音乐教师数", "美术教师数"]
        else:
            out_header.append(key)
    rows = []
    for row in city:
        teachers = int(row["teachers"])
        above = int(row["teachers_above_degree"])
        out = []
        for key in header:
            if key == "teachers_above_degree":
                postgraduate = above // 10
                if row["stage"] == "primary":
                    bachelor = above * 6 // 10
                    associate = above - postgraduate - bachelor
                else:
                    bachelor = above - postgraduate
                    associate = (teachers - above) // 2
                below = teachers - postgraduate - bachelor - associate
                assert below >= 0
                out += [postgraduate, bachelor, associate, below]
            elif key == "teachers_pe_art":
                pe_art = int(row["teachers_pe_art"])
                pe = pe_art // 2
                music = (pe_art - pe) // 2
                out += [pe, music, pe_art - pe - music]
            else:
                out.append(row[key])
        rows.append(out)
    with open(os.path.join(HERE, "city-degrees.csv"), "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(out_header)
        writer.writerows(rows)


def main():
    city = read_city()
    write_csv(os.path.join(HERE, "city-system.csv"), table_rows(city, blank_merged_district=True))
    rows = table_rows(city, blank_merged_district=False)
    ranges = merges(rows, city)
    write_xlsx(os.path.join(HERE, "city-system.xlsx"), rows, ranges)
    write_xls(os.path.join(HERE, "city-system.xls"), rows, ranges)
    write_degrees(city)


if __name__ == "__main__":
    main()
