#!/usr/bin/python3
"""Writes the workbooks under tests/data/workbooks/ that tests/input/workbook_xlsx_test.cpp reads.

schools.xlsx and dates1904.xlsx are written by openpyxl (Debian python3-openpyxl), a real
spreadsheet writer; the others are hostile packages built with zipfile. Cases that need XML no
writer produces (shared and rich strings, cached formula values, missing attributes) are
crafted in the test itself.
Run from the repository root: /usr/bin/python3 tests/data/workbooks/make_workbooks.py
"""
import bz2
import datetime
import os
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
# Fixed timestamps, so that running the script again gives the same bytes.
STAMP = datetime.datetime(2024, 9, 1, 8, 0, 0)


def schools():
    """A county's table as statisticians keep it: a cover sheet, a chart sheet, the data
    with a merged title, a two-row header with a merged parent, a district merged down five
    rows, a totals row, a footer; and a hidden sheet."""
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = STAMP
    cover = wb.active
    cover.title = "封面"
    cover["A1"] = "2024年教育事业统计"
    cover.merge_cells("A1:D1")
    cover["A3"] = "填报单位：红旗县教育局"

    wb.create_chartsheet("图表")

    ws = wb.create_sheet("学校")
    ws["A1"] = "红旗县义务教育学校基本情况表"
    ws.merge_cells("A1:H1")
    for column, text in zip("ABCDGH", ["区县", "学校代码", "学校名称", "专任教师", "开学日期",
                                       "寄宿制"]):
        ws[f"{column}2"] = text
    ws.merge_cells("D2:F2")
    ws["D3"], ws["E3"], ws["F3"] = "计", "其中：本科", "研究生"
    ws["A4"] = "红旗县"
    ws.merge_cells("A4:A8")
    rows = [
        (3623010001, "红旗县第一小学", 111, 0.1, 12, datetime.date(2024, 9, 1), True),
        (3623010002, "红旗县第二小学", 85, 340.1371, 3, datetime.datetime(2024, 9, 1, 8, 30),
         False),
        (3623010003, "红旗镇中心小学", 40, 1e-7, 0, datetime.date(1900, 3, 1), True),
        (3623010004, "红旗县第一中学", 120, 123456789012345, 1.5, datetime.date(2024, 2, 29),
         False),
        (3623010005, "红旗乡教学点", 3, -2.5, 0, datetime.date(1999, 12, 31), True),
    ]
    for r, (school_id, name, teachers, degree, graduate, opened, boarding) in enumerate(rows, 4):
        ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"] = school_id, name, teachers
        ws[f"E{r}"], ws[f"F{r}"], ws[f"G{r}"], ws[f"H{r}"] = degree, graduate, opened, boarding
    ws["A9"] = "合计"
    ws["D9"] = "=SUM(D4:D8)"  # openpyxl writes no cached value
    ws["E9"] = "#DIV/0!"
    ws["A12"] = "填表人：张三"

    hidden = wb.create_sheet("备注")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "内部"
    wb.save(os.path.join(HERE, "schools.xlsx"))


def dates1904():
    """Dates in the 1904 date system, with built-in and custom formats."""
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = STAMP
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "日期"
    cells = [
        (datetime.date(2024, 9, 1), "mm-dd-yy"),  # built-in 14
        (datetime.datetime(2024, 9, 1, 8, 30), 'yyyy"年"m"月"d"日" h"时"mm"分"'),
        (datetime.date(1904, 1, 2), "[$-804]yyyy-mm-dd"),
        (45536, '0.00_);[Red]\\(0.00\\)'),  # brackets and escapes, but no date
        (45536, '#,##0 "days"'),  # a d and a y inside quotes only
    ]
    for r, (value, number_format) in enumerate(cells, 1):
        ws.cell(row=r, column=1, value=value).number_format = number_format
    wb.save(os.path.join(HERE, "dates1904.xlsx"))


def write_zip(name, entries, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", compression) as z:
        for part, content in entries:
            info = zipfile.ZipInfo(part, date_time=STAMP.timetuple()[:6])
            info.compress_type = compression
            z.writestr(info, content)


RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def workbook(sheets):
    return ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>')


def hostile():
    # A package with document properties but no workbook part.
    write_zip("no_workbook.xlsx", [
        ("_rels/.rels", RELS),
        ("docProps/core.xml", '<?xml version="1.0"?><coreProperties/>'),
    ])
    # A workbook whose <sheets> is empty.
    write_zip("no_sheets.xlsx", [
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", workbook("")),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ])
    # A zip bomb: one sheet of 5 GiB (past the 4 GiB part limit, too), almost all of it
    # blanks between two elements, bzip2-compressed to a few kilobytes.
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1">'
            b'<v>1</v></c></row>')
    blanks = b" " * (64 << 20)
    compressor = bz2.BZ2Compressor(9)
    compressed = [compressor.compress(head)]
    size = len(head)
    for _ in range(80):  # 80 × 64 MiB = 5 GiB
        compressed.append(compressor.compress(blanks))
        size += len(blanks)
    tail = b"</sheetData></worksheet>"
    compressed.append(compressor.compress(tail))
    compressed.append(compressor.flush())
    size += len(tail)
    # zipfile cannot store precompressed data: the entry's bytes are written into a ZIP64
    # archive by hand, with the CRC computed over the same stream.
    crc = zipfile.crc32(head)
    block_crc = blanks
    for _ in range(80):
        crc = zipfile.crc32(block_crc, crc)
    crc = zipfile.crc32(tail, crc)
    data = b"".join(compressed)
    write_bomb("bomb.xlsx", data, size, crc)


def write_bomb(name, data, size, crc):
    import struct
    parts = [
        ("_rels/.rels", RELS.encode()),
        ("xl/workbook.xml", workbook('<sheet name="炸弹" sheetId="1" r:id="rId1"/>').encode()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.encode()),
    ]
    out = bytearray()
    directory = bytearray()
    dos_time, dos_date = 0x4000, 0x5921  # 2024-09-01 08:00
    for part, content in parts:
        offset = len(out)
        c = zipfile.crc32(content)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 0, dos_time, dos_date, c,
                           len(content), len(content), len(part.encode()), 0)
        out += part.encode() + content
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 0, dos_time,
                                 dos_date, c, len(content), len(content), len(part.encode()), 0,
                                 0, 0, 0, 0, offset)
        directory += part.encode()
    # The bomb itself: bzip2 (method 12), sizes in a ZIP64 extra field.
    part = b"xl/worksheets/sheet1.xml"
    offset = len(out)
    extra = struct.pack("<HHQQ", 1, 16, size, len(data))
    out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 46, 0x800, 12, dos_time, dos_date, crc,
                       0xFFFFFFFF, 0xFFFFFFFF, len(part), len(extra))
    out += part + extra + data
    extra = struct.pack("<HHQQ", 1, 16, size, len(data))
    directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 46, 46, 0x800, 12, dos_time,
                             dos_date, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(part), len(extra), 0, 0,
                             0, 0, offset)
    directory += part + extra
    start = len(out)
    out += directory
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 4, 4, len(directory), start, 0)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out)


if __name__ == "__main__":
    schools()
    dates1904()
    hostile()
