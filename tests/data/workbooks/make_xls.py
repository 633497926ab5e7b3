#!/usr/bin/python3
"""Writes the legacy .xls fixtures of tests/input/workbook_xls_test.cpp into this directory.

Real spreadsheet writers make the good files: xlwt (Debian python3-xlwt) writes schools.xls,
LibreOffice (Debian libreoffice-calc-nogui) converts a flat ODF spreadsheet to
libreoffice.xls. small.xls is xlwt's smallest workbook moved into the compound file's mini
stream, where Excel keeps streams under 4096 bytes. The hostile files are schools.xls broken
on purpose, one way each. The .xls files are committed, so the tests need neither writer.

Usage: /usr/bin/python3 tests/data/workbooks/make_xls.py   (Debian's Python, which has xlwt)
"""

import datetime
import os
import shutil
import struct
import subprocess
import tempfile

import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF


def schools():
    book = xlwt.Workbook(encoding="utf-8")
    cover = book.add_sheet("封面")
    cover.write(0, 0, "2024年义务教育学校基本情况统计表")
    cover.write(2, 0, "填报单位：红旗县教育局")

    sheet = book.add_sheet("学校基本情况")
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    date_time = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    chinese_date = xlwt.easyxf(num_format_str='yyyy"年"m"月"d"日"')
    sheet.write_merge(0, 0, 0, 7, "2024年义务教育学校基本情况")
    for column, header in [(0, "区县"), (1, "学校代码"), (2, "学校名称"), (5, "生均面积"),
                           (6, "统计日期"), (7, "寄宿制")]:
        sheet.write_merge(1, 2, column, column, header)
    sheet.write_merge(1, 1, 3, 4, "专任教师")
    sheet.write(2, 3, "计")
    sheet.write(2, 4, "其中：骨干")
    sheet.write_merge(3, 5, 0, 0, "红旗县")
    rows = [
        (3623010001, "红旗县第一小学", 52, 12, 340.1371,
         (datetime.datetime(2024, 9, 1), date), True),
        (3623010002, "红旗县实验中学", 38, 7.5, 0.1,
         (datetime.datetime(2024, 9, 1, 8, 30), date_time), False),
        (3623010003, "东风乡中心小学", 9, 0, 12.25,
         (datetime.datetime(2024, 9, 1), chinese_date), None),
    ]
    for r, (school_id, name, teachers, core, area, (when, style), boarding) in enumerate(rows, 3):
        sheet.write(r, 1, school_id)
        sheet.write(r, 2, name)
        sheet.write(r, 3, teachers)
        sheet.write(r, 4, core)
        sheet.write(r, 5, area)
        sheet.write(r, 6, when, style)
        if boarding is None:
            sheet.row(r).set_cell_error(7, "#DIV/0!")
        else:
            sheet.write(r, 7, boarding)
    sheet.write_merge(6, 6, 0, 2, "合计")
    sheet.write(6, 3, 99)
    sheet.write(8, 0, "填表人：张三")

    hidden = book.add_sheet("隐藏")
    hidden.write(0, 0, "内部")
    hidden.write(1, 0, 1)
    hidden.visibility = 1
    path = os.path.join(HERE, "schools.xls")
    book.save(path)
    return path


def small_book():
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("小表")
    sheet.write(0, 0, "区县")
    sheet.write(0, 1, "学校代码")
    sheet.write(1, 0, "红旗县")
    sheet.write(1, 1, 3623010001)
    handle, path = tempfile.mkstemp(suffix=".xls")
    os.close(handle)
    book.save(path)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def read_cfb(data):
    """The sector size, the FAT, the directory entries and a stream reader of a file."""
    sector = 1 << struct.unpack_from("<H", data, 30)[0]
    fat_sectors = struct.unpack_from("<I", data, 44)[0]
    fat_ids = struct.unpack_from("<109I", data, 76)[:fat_sectors]
    fat = []
    for s in fat_ids:
        fat += struct.unpack_from("<%dI" % (sector // 4), data, (s + 1) * sector)

    def chain(start):
        ids = []
        while start != END_OF_CHAIN:
            ids.append(start)
            start = fat[start]
        return ids

    directory = b"".join(data[(s + 1) * sector:(s + 2) * sector]
                         for s in chain(struct.unpack_from("<I", data, 48)[0]))
    entries = []
    for at in range(0, len(directory), 128):
        raw = directory[at:at + 128]
        name_bytes = struct.unpack_from("<H", raw, 64)[0]
        name = raw[:max(name_bytes - 2, 0)].decode("utf-16-le")
        entries.append((name, struct.unpack_from("<I", raw, 116)[0],
                        struct.unpack_from("<I", raw, 120)[0]))

    def stream(name):
        for entry_name, start, size in entries:
            if entry_name == name:
                return b"".join(data[(s + 1) * sector:(s + 2) * sector] for s in chain(start))[:size]
        raise KeyError(name)

    return sector, fat, entries, chain, stream


def mini_stream_file(stream):
    """A version 3 compound file whose one stream (under 4096 bytes) lies in the mini stream:
    sector 0 the FAT, 1 the directory, 2 the mini FAT, 3.. the mini stream."""
    assert len(stream) < 4096
    mini_sectors = (len(stream) + 63) // 64
    mini_stream = stream.ljust(mini_sectors * 64, b"\0")
    container_sectors = (len(mini_stream) + 511) // 512
    fat = [0xFFFFFFFD, END_OF_CHAIN, END_OF_CHAIN]
    fat += [3 + i + 1 for i in range(container_sectors - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (128 - len(fat))
    mini_fat = [i + 1 for i in range(mini_sectors - 1)] + [END_OF_CHAIN]
    mini_fat += [FREE] * (128 - len(mini_fat))

    def entry(name, kind, child, start, size):
        encoded = name.encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded) + 2, kind, 1,
                                                       FREE, FREE, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, 3, len(mini_stream))
                 + entry("Workbook", 2, FREE, 0, len(stream)))
    directory = directory.ljust(512, b"\0")
    for e in (2, 3):  # unused entries: no siblings, no child
        at = e * 128 + 68
        directory = directory[:at] + struct.pack("<3I", FREE, FREE, FREE) + directory[at + 12:]
    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<9I", 0, 1, 1, 0, 4096, 2, 1, END_OF_CHAIN, 0)
              + struct.pack("<109I", 0, *([FREE] * 108)))
    return (header + struct.pack("<128I", *fat) + directory + struct.pack("<128I", *mini_fat)
            + mini_stream.ljust(container_sectors * 512, b"\0"))


def libreoffice():
    """A flat ODF spreadsheet converted to .xls by LibreOffice, when it is installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: libreoffice.xls left as it is")
        return
    cells = [
        '<table:table-row>'
        '<table:table-cell table:number-columns-spanned="4" office:value-type="string">'
        '<text:p>2024年学校情况</text:p></table:table-cell>'
        '<table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>',
        '<table:table-row>'
        + "".join('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
                  '</table:table-cell>' % h for h in ["区县", "学校代码", "学生数", "合格"])
        + '</table:table-row>',
    ]
    data = [("3623010001", 1200, "true"), ("3623010002", 845, "false")]
    for i, (school_id, students, passed) in enumerate(data):
        district = ('<table:table-cell table:number-rows-spanned="2" office:value-type="string">'
                    '<text:p>红旗县</text:p></table:table-cell>' if i == 0
                    else '<table:covered-table-cell/>')
        cells.append(
            '<table:table-row>' + district
            + '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p>'
              '</table:table-cell>' % (school_id, school_id)
            + '<table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p>'
              '</table:table-cell>' % (students, students)
            + '<table:table-cell office:value-type="boolean" office:boolean-value="%s">'
              '<text:p>%s</text:p></table:table-cell>' % (passed, passed.upper())
            + '</table:table-row>')
    cells.append(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>合计</text:p>'
        '</table:table-cell><table:table-cell table:formula="of:=&quot;共&quot;&amp;COUNT([.B3:.B4])&amp;&quot;所&quot;" '
        'office:value-type="string" office:string-value="共2所"><text:p>共2所</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=SUM([.C3:.C4])" office:value-type="float" '
        'office:value="2045"><text:p>2045</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0">'
        '<text:p>#DIV/0!</text:p></table:table-cell></table:table-row>')
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
        'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        '<office:body><office:spreadsheet><table:table table:name="学校">'
        + "".join(cells) + '</table:table></office:spreadsheet></office:body></office:document>')
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "libreoffice.fods")
        with open(source, "w", encoding="utf-8") as f:
            f.write(document)
        subprocess.run([soffice, "-env:UserInstallation=file://" + work + "/profile",
                        "--headless", "--convert-to", "xls", "--outdir", work, source],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(work, "libreoffice.xls"), os.path.join(HERE, "libreoffice.xls"))


def hostile(path):
    with open(path, "rb") as f:
        good = f.read()
    sector, fat, entries, chain, stream = read_cfb(good)

    def save(name, data):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)

    save("truncated.xls", good[:len(good) // 2])
    # A valid header, then bytes that are no sectors of anything.
    noise = bytes((i * 7919 + 13) % 251 for i in range(len(good) - 512))
    save("garbage.xls", good[:512] + noise)
    # The Workbook stream's third sector points back to its first.
    workbook_start = next(start for name, start, size in entries if name == "Workbook")
    ids = chain(workbook_start)
    fat_id = struct.unpack_from("<I", good, 76)[0]
    looped = bytearray(good)
    struct.pack_into("<I", looped, (fat_id + 1) * sector + 4 * ids[2], ids[0])
    save("fat_loop.xls", bytes(looped))
    # The first MERGEDCELLS record claims 1000 ranges.
    workbook = stream("Workbook")
    at = workbook.index(b"\xE5\x00")
    while True:
        size = struct.unpack_from("<H", workbook, at + 2)[0]
        count = struct.unpack_from("<H", workbook, at + 4)[0]
        if size == 2 + 8 * count:
            break
        at = workbook.index(b"\xE5\x00", at + 1)
    file_at = (ids[at // sector] + 1) * sector + at % sector + 4
    assert (at + 4) // sector == (at + 5) // sector, "the count straddles two sectors"
    merged = bytearray(good)
    struct.pack_into("<H", merged, file_at, 1000)
    save("merged_count.xls", bytes(merged))


def biff_length(stream):
    """The bytes of a Workbook stream up to the zeros that pad it."""
    at = 0
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        if kind == 0 and size == 0:
            break
        at += 4 + size
    return at


def main():
    path = schools()
    small = read_cfb(small_book())[4]("Workbook")
    with open(os.path.join(HERE, "small.xls"), "wb") as f:
        f.write(mini_stream_file(small[:biff_length(small)]))
    libreoffice()
    hostile(path)


if __name__ == "__main__":
    main()
