#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/error.hpp"
#include "input/workbook/compound_file.hpp"
#include "input/workbook/workbook.hpp"
#include "input/workbook/xls_records.hpp"
#include "test_support.hpp"

using namespace eduqb;

namespace {

using Lines = std::vector<std::string>;

std::string fixture(const std::string& name) {
    std::ifstream in(test::source_path("tests/data/workbooks/" + name), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// Every row of a sheet as "row: cell|cell|...".
Lines dump(Workbook& workbook, std::size_t sheet) {
    Lines lines;
    auto rows = workbook.rows(sheet);
    long row = 0;
    std::vector<std::string> cells;
    while (rows->next(row, cells)) {
        std::string line = std::to_string(row) + ":";
        for (std::size_t c = 0; c < cells.size(); ++c) line += (c ? "|" : " ") + cells[c];
        lines.push_back(line);
    }
    return lines;
}

std::string open_error(const std::string& bytes, const std::string& name,
                       const WorkbookLimits& limits = {}) {
    try {
        auto workbook = Workbook::open_bytes(bytes, name, limits);
        for (std::size_t s = 0; s < workbook->sheets().size(); ++s) dump(*workbook, s);
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

std::string record(std::uint16_t type, const std::string& body) {
    std::string bytes{static_cast<char>(type & 0xFF), static_cast<char>(type >> 8),
                      static_cast<char>(body.size() & 0xFF), static_cast<char>(body.size() >> 8)};
    return bytes + body;
}

/// A compound file whose Workbook stream holds `records`, padded past the mini stream's size.
std::string xls_of(std::string records) {
    records.resize(std::max<std::size_t>(records.size(), 4097), '\0');
    return compound_file::write_single_stream("Workbook", records);
}

const std::string kGlobalsBof =
    record(0x0809, std::string("\x00\x06\x05\x00", 4) + std::string(12, '\0'));
const std::string kEof = record(0x000A, "");

std::string u16le(unsigned value) {
    return {static_cast<char>(value & 0xFF), static_cast<char>(value >> 8 & 0xFF)};
}

std::string u32le(std::uint32_t value) {
    return u16le(value & 0xFFFF) + u16le(value >> 16);
}

std::string f64le(double value) {
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return u32le(static_cast<std::uint32_t>(bits)) + u32le(static_cast<std::uint32_t>(bits >> 32));
}

/// A BOUNDSHEET record of a visible worksheet named `name` (ASCII), its BOF at `offset`.
std::string bound_sheet(std::uint32_t offset, const std::string& name) {
    return record(0x0085, u32le(offset) + std::string(2, '\0') + static_cast<char>(name.size()) +
                              '\0' + name);
}

const std::string kSheetBof = record(0x0809, u16le(0x0600) + u16le(0x0010) + std::string(12, '\0'));

/// A workbook of one sheet named S whose substream holds `records`.
std::string one_sheet(const std::string& globals, const std::string& records) {
    const std::size_t offset =
        kGlobalsBof.size() + globals.size() + bound_sheet(0, "S").size() + kEof.size();
    return xls_of(kGlobalsBof + globals + bound_sheet(static_cast<std::uint32_t>(offset), "S") +
                  kEof + kSheetBof + records + kEof);
}

const Lines kSchoolsSheet = {
    "1: 2024年义务教育学校基本情况|2024年义务教育学校基本情况|2024年义务教育学校基本情况|"
    "2024年义务教育学校基本情况|2024年义务教育学校基本情况|2024年义务教育学校基本情况|"
    "2024年义务教育学校基本情况|2024年义务教育学校基本情况",
    "2: 区县|学校代码|学校名称|专任教师|专任教师|生均面积|统计日期|寄宿制",
    "3: 区县|学校代码|学校名称|计|其中：骨干|生均面积|统计日期|寄宿制",
    "4: 红旗县|3623010001|红旗县第一小学|52|12|340.1371|2024-09-01|TRUE",
    "5: 红旗县|3623010002|红旗县实验中学|38|7.5|0.1|2024-09-01 08:30:00|FALSE",
    "6: 红旗县|3623010003|东风乡中心小学|9|0|12.25|2024-09-01|#DIV/0!",
    "7: 合计|合计|合计|99",
    "9: 填表人：张三",
};

}  // namespace

TEST_CASE("workbook_xls: a workbook written by xlwt, every sheet with its visibility") {
    const std::string bytes = fixture("schools.xls");
    auto workbook = Workbook::open_bytes(bytes, "schools.xls");
    const auto& sheets = workbook->sheets();
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[0].name == "封面");
    CHECK_FALSE(sheets[0].hidden);
    CHECK(sheets[1].name == "学校基本情况");
    CHECK_FALSE(sheets[1].hidden);
    CHECK(sheets[2].name == "隐藏");
    CHECK(sheets[2].hidden);
    CHECK(dump(*workbook, 0) ==
          Lines{"1: 2024年义务教育学校基本情况统计表", "3: 填报单位：红旗县教育局"});
    CHECK(dump(*workbook, 2) == Lines{"1: 内部", "2: 1"});
}

TEST_CASE("workbook_xls: cells as Excel shows them, merged ranges filled from their top-left") {
    // Shared strings in Chinese; a 10-digit id, 340.1371 and 0.1 (an RK number ×100) exact;
    // dates under yyyy-mm-dd, yyyy-mm-dd hh:mm:ss and yyyy"年"m"月"d"日"; booleans and an error;
    // the title merged across A1:H1, headers down two rows and 专任教师 across D2:E2, the
    // district down A4:A6 and 合计 across A7:C7.
    auto workbook = Workbook::open_bytes(fixture("schools.xls"), "schools.xls");
    CHECK(dump(*workbook, 1) == kSchoolsSheet);
}

TEST_CASE("workbook_xls: a file path reads as its bytes do; a sheet can be read twice") {
    auto workbook =
        Workbook::open_file(test::source_path("tests/data/workbooks/schools.xls"), "schools.xls");
    auto first = workbook->rows(1);
    CHECK(dump(*workbook, 0).size() == 2);  // another sheet read in between
    long row = 0;
    std::vector<std::string> cells;
    REQUIRE(first->next(row, cells));
    CHECK(row == 1);
    CHECK(dump(*workbook, 1) == kSchoolsSheet);
    CHECK(dump(*workbook, 1) == kSchoolsSheet);
}

TEST_CASE("workbook_xls: a workbook converted by LibreOffice, with cached formula results") {
    // LibreOffice stores booleans as numbers with a TRUE/FALSE format: they read 1 and 0.
    auto workbook = Workbook::open_bytes(fixture("libreoffice.xls"), "libreoffice.xls");
    REQUIRE(workbook->sheets().size() == 1);
    CHECK(workbook->sheets()[0].name == "学校");
    CHECK(dump(*workbook, 0) ==
          Lines{"1: 2024年学校情况|2024年学校情况|2024年学校情况|2024年学校情况",
                "2: 区县|学校代码|学生数|合格", "3: 红旗县|3623010001|1200|1",
                "4: 红旗县|3623010002|845|0", "5: 合计|0|2045|#DIV/0!"});
}

TEST_CASE("workbook_xls: a small workbook whose stream lies in the mini stream") {
    auto workbook = Workbook::open_bytes(fixture("small.xls"), "small.xls");
    REQUIRE(workbook->sheets().size() == 1);
    CHECK(workbook->sheets()[0].name == "小表");
    CHECK(dump(*workbook, 0) == Lines{"1: 区县|学校代码", "2: 红旗县|3623010001"});
}

TEST_CASE("workbook_xls: broken files are refused with what is wrong") {
    CHECK(open_error(fixture("truncated.xls"), "t.xls") ==
          "t.xls: the file is truncated or corrupt: a sector is missing");
    CHECK(open_error(fixture("garbage.xls"), "g.xls") ==
          "g.xls: the file is truncated or corrupt: a stream ends before its size");
    CHECK(open_error(fixture("fat_loop.xls"), "l.xls") ==
          "l.xls: the file is corrupt: a sector chain loops");
    CHECK(open_error(fixture("merged_count.xls"), "m.xls") ==
          "m.xls: the workbook is corrupt: sheet '学校基本情况': a MERGEDCELLS record counts more "
          "ranges than it holds");
    CHECK(open_error(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "h.xls") ==
          "h.xls: the file is too short for a compound file");
    CHECK(open_error(xls_of(kGlobalsBof + kEof), "n.xls") ==
          "n.xls: the workbook has no worksheets");
    CHECK(open_error(xls_of(kGlobalsBof + record(0x002F, std::string(6, '\1')) + kEof), "e.xls") ==
          "e.xls: the workbook is encrypted (protected by a password to open); remove the "
          "password in Excel and save it again");
    CHECK(open_error(xls_of(record(0x0809, std::string("\x00\x05\x05\x00", 4)) + kEof), "5.xls") ==
          "5.xls: the workbook is in an Excel format older than Excel 97 (BIFF5 or earlier); save "
          "it in Excel as .xlsx or as Excel 97-2003 .xls");
    // A sheet whose BOF lies nowhere.
    const std::string sheet = record(0x0085, std::string("\x40\0\0\0\0\0\x01\0S", 9));
    CHECK(open_error(xls_of(kGlobalsBof + sheet + kEof), "b.xls") ==
          "b.xls: the workbook is corrupt: sheet 'S' does not start at a BOF record");
}

TEST_CASE("workbook_xls: past a limit, reading stops with the sheet and the limit named") {
    WorkbookLimits limits;
    limits.max_rows = 5;
    CHECK(open_error(fixture("schools.xls"), "s.xls", limits) ==
          "s.xls: sheet '学校基本情况' reaches row 9, past the limit of 5 rows");
    limits = {};
    limits.max_columns = 4;
    CHECK(open_error(fixture("schools.xls"), "s.xls", limits) ==
          "s.xls: sheet '学校基本情况' reaches column H, past the limit of 4 columns");
    limits = {};
    limits.max_cell_bytes = 30;
    CHECK(open_error(fixture("schools.xls"), "s.xls", limits) ==
          "s.xls:1:1: sheet '封面', cell A1: 46 bytes of text, over the limit of 30");
    limits = {};
    limits.max_part_bytes = 1000;
    CHECK(open_error(fixture("schools.xls"), "s.xls", limits) ==
          "s.xls: the Workbook stream is over the size limit");
}

TEST_CASE("workbook_xls: date serials as Excel shows them, in both date systems") {
    CHECK(xls::date_text(1, true, false, false) == "1900-01-01");
    CHECK(xls::date_text(59, true, false, false) == "1900-02-28");
    CHECK(xls::date_text(60, true, false, false) == "1900-02-29");  // Excel's own leap day
    CHECK(xls::date_text(61, true, false, false) == "1900-03-01");
    CHECK(xls::date_text(45536, true, false, false) == "2024-09-01");
    CHECK(xls::date_text(45536.354166666664, true, true, false) == "2024-09-01 08:30:00");
    CHECK(xls::date_text(45536.99999999, true, true, false) == "2024-09-02 00:00:00");
    CHECK(xls::date_text(0.5, false, true, false) == "12:00:00");
    CHECK(xls::date_text(0, true, false, true) == "1904-01-01");
    CHECK(xls::date_text(44074, true, false, true) == "2024-09-01");
    CHECK(xls::date_text(-1, true, false, false) == "-1");
    CHECK(xls::date_text(1e300, true, false, false) == "1e+300");
}

TEST_CASE("workbook_xls: the compound file written for FreeXL reads back, FAT past the header") {
    for (const std::size_t size : {std::size_t{4097}, std::size_t{5} << 20, std::size_t{8} << 20}) {
        std::string stream(size, '\0');
        for (std::size_t i = 0; i < size; ++i) stream[i] = static_cast<char>(i * 31 / 7);
        const std::string file = compound_file::write_single_stream("Workbook", stream);
        CHECK(compound_file::read_stream(file, "WORKBOOK", "Book", size) == stream);
        CHECK_THROWS_WITH_AS(compound_file::read_stream(file, "Workbook", "Book", size - 1),
                             "the Workbook stream is over the size limit",
                             compound_file::FormatError);
    }
}

TEST_CASE("workbook_xls: formula results, labels, booleans, errors and dates decoded by eduqb") {
    const std::string xf_date = record(0x00E0, u16le(0) + u16le(14) + std::string(16, '\0'));
    const std::string cells =
        // A1: a formula whose text result follows in a STRING record (共2所, 16-bit).
        record(0x0006, u16le(0) + u16le(0) + u16le(0) + std::string("\0\0\0\0\0\0\xFF\xFF", 8) +
                           std::string(8, '\0')) +
        record(0x0207, u16le(3) + '\1' + std::string("\x71\x51\x32\x00\x40\x62", 6)) +
        record(0x0204, u16le(0) + u16le(1) + u16le(0) + u16le(3) + '\0' + "abc") +  // B1
        record(0x0203, u16le(0) + u16le(2) + u16le(0) + f64le(45536)) +             // C1, date
        record(0x0205, u16le(1) + u16le(0) + u16le(0) + '\1' + '\0') +              // A2 TRUE
        record(0x0006, u16le(1) + u16le(1) + u16le(0) + std::string("\1\0\0\0\0\0\xFF\xFF", 8) +
                           std::string(8, '\0')) +  // B2 FALSE
        record(0x0006, u16le(1) + u16le(2) + u16le(0) + std::string("\2\0\x2A\0\0\0\xFF\xFF", 8) +
                           std::string(8, '\0'));
    auto workbook = Workbook::open_bytes(one_sheet(xf_date, cells), "f.xls");
    CHECK(dump(*workbook, 0) == Lines{"1: 共2所|abc|2024-09-01", "2: TRUE|FALSE|#N/A"});
}

TEST_CASE("workbook_xls: sheets that share or overlap a substream are refused") {
    const std::size_t offset = kGlobalsBof.size() + 2 * bound_sheet(0, "A").size() + kEof.size();
    const std::string twice =
        kGlobalsBof + bound_sheet(offset, "A") + bound_sheet(offset, "B") + kEof + kSheetBof + kEof;
    CHECK(open_error(xls_of(twice), "o.xls") ==
          "o.xls: the workbook is corrupt: sheet 'B' overlaps the sheet before it");
    // Two ranges over the whole sheet: more merged cells than the sheet has.
    const std::string whole = u16le(0) + u16le(65535) + u16le(0) + u16le(255);
    CHECK(open_error(one_sheet("", record(0x00E5, u16le(2) + whole + whole)), "m.xls") ==
          "m.xls: the workbook is corrupt: sheet 'S': its merged ranges overlap");
}

TEST_CASE("workbook_xls: an empty sheet reads no rows") {
    auto workbook = Workbook::open_bytes(one_sheet("", ""), "e.xls");
    REQUIRE(workbook->sheets().size() == 1);
    CHECK(dump(*workbook, 0).empty());
}
