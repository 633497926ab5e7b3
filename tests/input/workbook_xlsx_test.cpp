// The .xlsx reader on workbooks written by openpyxl (tests/data/workbooks/, made by
// make_workbooks.py there) and on packages crafted part by part: every cell's text, merged
// ranges, and each hostile package's exact message.

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "eduqb/error.hpp"
#include "input/workbook/workbook.hpp"
#include "stored_zip.hpp"

using namespace eduqb;

namespace {

std::string fixture(const std::string& name) {
    return std::string(EDUQB_SOURCE_DIR) + "/tests/data/workbooks/" + name;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A sheet as text: one line per row, "row: cell|cell|…".
std::string dump(Workbook& workbook, std::size_t sheet) {
    auto rows = workbook.rows(sheet);
    std::ostringstream out;
    long row = 0;
    std::vector<std::string> cells;
    while (rows->next(row, cells)) {
        out << row << ":";
        for (std::size_t c = 0; c < cells.size(); ++c) out << (c ? "|" : " ") << cells[c];
        out << "\n";
    }
    return out.str();
}

const std::string kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const std::string kRelationships =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string worksheet(const std::string& inside) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" +
           kMain + "\">" + inside + "</worksheet>";
}

std::string relationship(const std::string& id, const std::string& type,
                         const std::string& target) {
    return "<Relationship Id=\"" + id + "\" Type=\"" + kRelationships + "/" + type +
           "\" Target=\"" + target + "\"/>";
}

std::string relationships(const std::string& inside) {
    return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
           "relationships\">" +
           inside + "</Relationships>";
}

/// A package with one sheet named "S", and optionally shared strings, styles and a
/// <workbookPr>.
struct Crafted {
    std::string sheet;
    std::string shared_strings;
    std::string styles;
    std::string workbook_pr;

    std::vector<std::pair<std::string, std::string>> entries() const {
        std::string rels = relationship("rId1", "worksheet", "worksheets/sheet1.xml");
        if (!shared_strings.empty()) {
            rels += relationship("rId2", "sharedStrings", "sharedStrings.xml");
        }
        if (!styles.empty()) rels += relationship("rId3", "styles", "/xl/styles.xml");
        std::vector<std::pair<std::string, std::string>> parts = {
            {"_rels/.rels",
             relationships(relationship("rId1", "officeDocument", "xl/workbook.xml"))},
            {"xl/workbook.xml", "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kRelationships +
                                    "\">" + workbook_pr +
                                    "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                                    "</sheets></workbook>"},
            {"xl/_rels/workbook.xml.rels", relationships(rels)},
            {"xl/worksheets/sheet1.xml", sheet},
        };
        if (!shared_strings.empty()) parts.push_back({"xl/sharedStrings.xml", shared_strings});
        if (!styles.empty()) parts.push_back({"xl/styles.xml", styles});
        return parts;
    }
    std::string zip() const { return test::stored_zip(entries()); }
};

std::string sheet_rows(const std::string& rows) {
    return worksheet("<sheetData>" + rows + "</sheetData>");
}

/// The rows of the one sheet of a crafted package.
std::string read_crafted(const Crafted& crafted, const WorkbookLimits& limits = {}) {
    const std::string bytes = crafted.zip();
    auto workbook = Workbook::open_bytes(bytes, "c.xlsx", limits);
    return dump(*workbook, 0);
}

}  // namespace

TEST_CASE("workbook xlsx: openpyxl's workbook lists its worksheets in order, hidden marked") {
    auto workbook = Workbook::open_file(fixture("schools.xlsx"), "schools.xlsx");
    const auto& sheets = workbook->sheets();
    REQUIRE(sheets.size() == 3);  // the chart sheet 图表 is left out
    CHECK(sheets[0].name == "封面");
    CHECK_FALSE(sheets[0].hidden);
    CHECK(sheets[1].name == "学校");
    CHECK_FALSE(sheets[1].hidden);
    CHECK(sheets[2].name == "备注");
    CHECK(sheets[2].hidden);
    CHECK(dump(*workbook, 0) ==
          "1: 2024年教育事业统计|2024年教育事业统计|2024年教育事业统计|2024年教育事业统计\n"
          "3: 填报单位：红旗县教育局\n");
    CHECK(dump(*workbook, 2) == "1: 内部\n");
}

TEST_CASE("workbook xlsx: openpyxl's table with merged title, header and district") {
    const std::string bytes = file_bytes(fixture("schools.xlsx"));
    auto workbook = Workbook::open_bytes(bytes, "schools.xlsx");
    const std::string expected =
        "1: 红旗县义务教育学校基本情况表|红旗县义务教育学校基本情况表|红旗县义务教育学校基本情况表|"
        "红旗县义务教育学校基本情况表|红旗县义务教育学校基本情况表|红旗县义务教育学校基本情况表|"
        "红旗县义务教育学校基本情况表|红旗县义务教育学校基本情况表\n"
        "2: 区县|学校代码|学校名称|专任教师|专任教师|专任教师|开学日期|寄宿制\n"
        "3: |||计|其中：本科|研究生\n"
        "4: 红旗县|3623010001|红旗县第一小学|111|0.1|12|2024-09-01|TRUE\n"
        "5: 红旗县|3623010002|红旗县第二小学|85|340.1371|3|2024-09-01 08:30:00|FALSE\n"
        "6: 红旗县|3623010003|红旗镇中心小学|40|0.0000001|0|1900-03-01|TRUE\n"
        "7: 红旗县|3623010004|红旗县第一中学|120|123456789012345|1.5|2024-02-29|FALSE\n"
        "8: 红旗县|3623010005|红旗乡教学点|3|-2.5|0|1999-12-31|TRUE\n"
        "9: 合计||||#DIV/0!\n"
        "12: 填表人：张三\n";
    CHECK(dump(*workbook, 1) == expected);
    CHECK(dump(*workbook, 1) == expected);  // a sheet may be read again
}

TEST_CASE("workbook xlsx: openpyxl's 1904 dates, built-in and custom formats") {
    auto workbook = Workbook::open_file(fixture("dates1904.xlsx"), "dates1904.xlsx");
    CHECK(dump(*workbook, 0) ==
          "1: 2024-09-01\n"
          "2: 2024-09-01 08:30:00\n"
          "3: 1904-01-02\n"
          "4: 45536\n"
          "5: 45536\n");
}

TEST_CASE("workbook xlsx: shared strings, rich text, phonetic runs and _xHHHH_ escapes") {
    Crafted crafted;
    crafted.shared_strings =
        "<sst xmlns=\"" + kMain +
        "\" count=\"5\" uniqueCount=\"5\">"
        "<si><t>学校名称</t></si>"
        "<si><r><rPr><b/></rPr><t>红旗</t></r><r><t xml:space=\"preserve\"> 县</t></r>"
        "<rPh sb=\"0\" eb=\"2\"><t>ホンキ</t></rPh><phoneticPr fontId=\"1\"/></si>"
        "<si><t>a_x000D__x000A_b_x005F_x0041_ &amp; &lt;c&gt; _xD83D__xDE00_ _x41_</t></si>"
        "<si><t/></si>"
        "<si><t>last</t></si></sst>";
    crafted.sheet = sheet_rows(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
        "<c r=\"E1\" t=\"s\"><v> 4 </v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>内联</t></is></c>"
        "<c r=\"B2\" t=\"inlineStr\"><is><r><t>富</t></r><r><rPr/><t>文本_x0033_</t></r>"
        "<rPh><t>x</t></rPh></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>&#x4E00;&#20108;</t>"
        "</is></c></row>");
    CHECK(read_crafted(crafted) ==
          "1: 学校名称|红旗 县|a\r\nb_x0041_ & <c> 😀 _x41_||last\n"
          "2: 内联|富文本3|一二\n");
}

TEST_CASE("workbook xlsx: numbers keep full precision, never in exponent form below 1e21") {
    Crafted crafted;
    crafted.sheet = sheet_rows(
        "<row r=\"1\"><c r=\"A1\"><v>3623010001</v></c><c r=\"B1\"><v>0.1</v></c>"
        "<c r=\"C1\"><v>340.13709999999998</v></c><c r=\"D1\" t=\"n\"><v>3.623010001E9</v></c>"
        "<c r=\"E1\"><v>1E-3</v></c><c r=\"F1\"><v>-0</v></c><c r=\"G1\"><v>999999999999999</v>"
        "</c><c r=\"H1\"><v>1e15</v></c><c r=\"I1\"><v>6.02E23</v></c><c r=\"J1\"><v>1e-12</v>"
        "</c><c r=\"K1\"><v>0.30000000000000004</v></c><c r=\"L1\"><v>12,5</v></c>"
        "<c r=\"M1\"><v></v></c><c r=\"N1\"><v>-1234.5</v></c></row>");
    CHECK(read_crafted(crafted) ==
          "1: 3623010001|0.1|340.1371|3623010001|0.001|0|999999999999999|1000000000000000|"
          "6.02e+23|1e-12|0.30000000000000004|12,5||-1234.5\n");
}

TEST_CASE("workbook xlsx: cached formula values, booleans, errors and ISO dates") {
    Crafted crafted;
    crafted.sheet = sheet_rows(
        "<row r=\"1\"><c r=\"A1\"><f>B1*2</f><v>4</v></c><c r=\"B1\" t=\"str\"><f>\"a\"&amp;\"b\""
        "</f><v>ab_x0021_</v></c><c r=\"C1\" t=\"b\"><f>1&gt;0</f><v>1</v></c>"
        "<c r=\"D1\" t=\"b\"><v>0</v></c><c r=\"E1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
        "<c r=\"F1\" t=\"e\"><v>#N/A</v></c><c r=\"G1\" t=\"d\"><v>2024-09-01T08:30:00</v></c>"
        "<c r=\"H1\"><f>SUM(A1:B1)</f></c><c r=\"I1\" t=\"str\"><f>X</f><v></v></c>"
        "<c r=\"J1\" t=\"s\"/></row>");
    CHECK(read_crafted(crafted) == "1: 4|ab!|TRUE|FALSE|#DIV/0!|#N/A|2024-09-01T08:30:00\n");
}

TEST_CASE("workbook xlsx: dates from built-in and custom formats, the 1900 leap-year bug") {
    Crafted crafted;
    crafted.styles =
        "<styleSheet xmlns=\"" + kMain +
        "\"><numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00;&quot;day&quot;\"/>"
        "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/>"
        "<numFmt numFmtId=\"14\" formatCode=\"0.0\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"8\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\"/><xf numFmtId=\"20\"/>"
        "<xf numFmtId=\"31\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
        "<xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    crafted.sheet = sheet_rows(
        "<row r=\"1\"><c s=\"1\"><v>45536.354166666664</v></c><c s=\"2\"><v>0.5</v></c>"
        "<c s=\"3\"><v>45536</v></c><c s=\"4\"><v>45536.99999999</v></c><c s=\"5\"><v>45536</v>"
        "</c><c s=\"6\"><v>1.25</v></c><c s=\"7\"><v>45536</v></c><c s=\"9\"><v>45536</v></c>"
        "</row>"
        "<row r=\"2\"><c s=\"4\"><v>1</v></c><c s=\"4\"><v>59</v></c><c s=\"4\"><v>60</v></c>"
        "<c s=\"4\"><v>61</v></c><c s=\"4\"><v>0</v></c><c s=\"4\"><v>-1</v></c>"
        "<c s=\"4\"><v>2958465</v></c><c s=\"4\"><v>2958466</v></c></row>");
    CHECK(read_crafted(crafted) ==
          "1: 2024-09-01 08:30:00|12:00:00|2024-09-01|2024-09-02|45536|1900-01-01 06:00:00|"
          "45536|45536\n"
          "2: 1900-01-01|1900-02-28|1900-02-29|1900-03-01|00:00:00|-1|9999-12-31|2958466\n");

    crafted.workbook_pr = "<workbookPr date1904=\"true\"/>";
    crafted.sheet = sheet_rows(
        "<row><c s=\"4\"><v>0</v></c><c s=\"4\"><v>44074</v></c><c s=\"1\"><v>0.75</v></c>"
        "</row>");
    CHECK(read_crafted(crafted) == "1: 1904-01-01|2024-09-01|1904-01-01 18:00:00\n");
}

TEST_CASE("workbook xlsx: rows and cells without r attributes are counted in order") {
    Crafted crafted;
    crafted.sheet = sheet_rows(
        "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c></row>"
        "<row><c><v>2</v></c><c r=\"D2\"><v>4</v></c><c><v>5</v></c></row>"
        "<row r=\"5\"><c><v>x</v></c></row><row/><row><c r=\"B7\"><v>7</v></c></row>");
    CHECK(read_crafted(crafted) == "1: a|1\n2: 2|||4|5\n5: x\n7: |7\n");
}

TEST_CASE("workbook xlsx: merged ranges fill every cell, rows missing from the XML too") {
    Crafted crafted;
    // A3:A7 has rows 4 and 6 missing and row 5 with only an empty cell; B1:D1 is a header
    // merged across three columns; F2:F3's top-left cell is empty; C9:C11 reaches past the
    // last row; a stray value inside a range is replaced by the range's value.
    crafted.sheet = worksheet(
        "<dimension ref=\"A1:F11\"/><sheetData>"
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>专任教师</t>"
        "</is></c><c r=\"C1\"/><c r=\"D1\"/></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>红旗县</t></is></c><c r=\"B3\">"
        "<v>3</v></c><c r=\"F3\"><v>9</v></c></row>"
        "<row r=\"5\"><c r=\"A5\"/></row>"
        "<row r=\"7\"><c r=\"A7\"><v>99</v></c><c r=\"B7\"><v>7</v></c></row>"
        "<row r=\"9\"><c r=\"C9\" t=\"inlineStr\"><is><t>合并</t></is></c></row>"
        "</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A3:A7\"/>"
        "<mergeCell ref=\"B1:D1\"/><mergeCell ref=\"F2:F3\"/><mergeCell ref=\"C9:C11\"/>"
        "</mergeCells><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
        "header=\"0.3\" footer=\"0.3\"/>");
    CHECK(read_crafted(crafted) ==
          "1: 1|专任教师|专任教师|专任教师\n"
          "3: 红旗县|3\n"
          "4: 红旗县\n"
          "5: 红旗县\n"
          "6: 红旗县\n"
          "7: 红旗县|7\n"
          "9: ||合并\n"
          "10: ||合并\n"
          "11: ||合并\n");
}

TEST_CASE("workbook xlsx: sheet order from workbook.xml, targets and namespace prefixes") {
    const std::string second = relationship("rId7", "worksheet", "/xl/worksheets/sheet1.xml");
    const std::string first = relationship("rId8", "worksheet", "./worksheets/../sheets/a.xml");
    const std::string chart = relationship("rId9", "chartsheet", "chartsheets/sheet1.xml");
    const std::string bytes = test::stored_zip({
        {"[Content_Types].xml", "<Types/>"},
        {"_rels/.rels", relationships(relationship("r", "officeDocument", "/xl/book.xml"))},
        {"xl/book.xml", "<x:workbook xmlns:x=\"" + kMain + "\" xmlns:rel=\"" + kRelationships +
                            "\"><x:sheets><x:sheet name=\"第一\" sheetId=\"2\" rel:id=\"rId8\"/>"
                            "<x:sheet name=\"图\" sheetId=\"3\" rel:id=\"rId9\"/>"
                            "<x:sheet name=\"第二\" sheetId=\"1\" state=\"veryHidden\" "
                            "rel:id=\"rId7\"/></x:sheets></x:workbook>"},
        {"xl/_rels/book.xml.rels", relationships(second + first + chart)},
        {"xl/worksheets/sheet1.xml",
         "<x:worksheet xmlns:x=\"" + kMain +
             "\"><x:sheetData><x:row r=\"2\"><x:c r=\"B2\"><x:v>2</x:v></x:c></x:row>"
             "</x:sheetData></x:worksheet>"},
        {"xl/sheets/a.xml", sheet_rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
        {"xl/chartsheets/sheet1.xml", "<chartsheet/>"},
    });
    auto workbook = Workbook::open_bytes(bytes, "order.xlsx");
    REQUIRE(workbook->sheets().size() == 2);
    CHECK(workbook->sheets()[0].name == "第一");
    CHECK_FALSE(workbook->sheets()[0].hidden);
    CHECK(workbook->sheets()[1].name == "第二");
    CHECK(workbook->sheets()[1].hidden);
    CHECK(dump(*workbook, 0) == "1: 1\n");
    CHECK(dump(*workbook, 1) == "2: |2\n");
}

TEST_CASE("workbook xlsx: hostile containers get a clear message") {
    // A bzip2 part of 5 GiB in a file of a few kilobytes.
    auto bomb = Workbook::open_file(fixture("bomb.xlsx"), "bomb.xlsx");
    CHECK_THROWS_WITH_AS(bomb->rows(0),
                         "bomb.xlsx: sheet '炸弹' (xl/worksheets/sheet1.xml): decompresses to "
                         "more than 1000 times its 3952 compressed bytes, which no real "
                         "workbook does (a zip bomb)",
                         InputError);
    WorkbookLimits no_ratio;
    no_ratio.max_ratio = std::uint64_t{1} << 40;
    no_ratio.max_part_bytes = std::uint64_t{64} << 20;
    bomb = Workbook::open_file(fixture("bomb.xlsx"), "bomb.xlsx", no_ratio);
    CHECK_THROWS_WITH_AS(bomb->rows(0),
                         "bomb.xlsx: sheet '炸弹' (xl/worksheets/sheet1.xml): decompresses to "
                         "more than 67108864 bytes, the limit for one part of a workbook",
                         InputError);

    const std::string schools = file_bytes(fixture("schools.xlsx"));
    CHECK_THROWS_WITH_AS(Workbook::open_bytes(schools.substr(0, schools.size() / 2), "cut.xlsx"),
                         "cut.xlsx: not a readable .xlsx workbook: the file is damaged or "
                         "truncated (Not a zip archive)",
                         InputError);
    CHECK_THROWS_WITH_AS(Workbook::open_file(fixture("no_workbook.xlsx"), "no_workbook.xlsx"),
                         "no_workbook.xlsx: not an .xlsx workbook: the package has no "
                         "xl/workbook.xml",
                         InputError);
    CHECK_THROWS_WITH_AS(Workbook::open_file(fixture("no_sheets.xlsx"), "no_sheets.xlsx"),
                         "no_sheets.xlsx: the workbook has no worksheets", InputError);
    CHECK_THROWS_WITH_AS(Workbook::open_file(fixture("missing.xlsx"), "missing.xlsx"),
                         "missing.xlsx: cannot open the workbook", InputError);

    // A byte of the sheet changed after its CRC was taken.
    Crafted crafted;
    crafted.sheet = sheet_rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    std::string damaged = crafted.zip();
    damaged[damaged.find("<v>1</v>") + 3] = '2';
    auto workbook = Workbook::open_bytes(damaged, "crc.xlsx");
    CHECK_THROWS_WITH_AS(workbook->rows(0),
                         "crc.xlsx: sheet 'S' (xl/worksheets/sheet1.xml): the file is damaged "
                         "or truncated (CRC error)",
                         InputError);

    // Entries flagged as encrypted (traditional PKWARE encryption).
    std::string encrypted = crafted.zip();
    for (std::size_t at = 0; (at = encrypted.find("PK\x03\x04", at)) != std::string::npos;) {
        encrypted[at + 6] |= 1;
        at += 4;
    }
    for (std::size_t at = 0; (at = encrypted.find("PK\x01\x02", at)) != std::string::npos;) {
        encrypted[at + 8] |= 1;
        at += 4;
    }
    CHECK_THROWS_WITH_AS(Workbook::open_bytes(encrypted, "locked.xlsx"),
                         "locked.xlsx: _rels/.rels: it is encrypted; save the workbook without "
                         "a password",
                         InputError);

    // A word-processing document is a package too.
    const std::string docx = test::stored_zip({
        {"_rels/.rels", relationships(relationship("rId1", "officeDocument", "word/document.xml"))},
        {"word/document.xml", "<w:document xmlns:w=\"urn:w\"/>"},
    });
    CHECK_THROWS_WITH_AS(Workbook::open_bytes(docx, "report.docx"),
                         "report.docx: not an .xlsx workbook: its main part word/document.xml "
                         "holds <document>, not <workbook>",
                         InputError);
}

TEST_CASE("workbook xlsx: limits on rows, columns, cells and parts") {
    Crafted crafted;
    std::string rows;
    for (int r = 1; r <= 8; ++r) {
        rows +=
            "<row r=\"" + std::to_string(r) + "\"><c><v>" + std::to_string(r) + "</v></c></row>";
    }
    crafted.sheet = sheet_rows(rows);
    WorkbookLimits limits;
    limits.max_rows = 5;
    const std::string bytes = crafted.zip();
    auto workbook = Workbook::open_bytes(bytes, "c.xlsx", limits);
    auto sheet = workbook->rows(0);
    long row = 0;
    std::vector<std::string> cells;
    for (int r = 1; r <= 5; ++r) {
        REQUIRE(sheet->next(row, cells));
        CHECK(row == r);
    }
    CHECK_THROWS_WITH_AS(sheet->next(row, cells),
                         "c.xlsx: sheet 'S': row 6 is beyond the limit of 5 rows", InputError);

    // A merged range past the limit is refused before any row is read.
    auto schools = Workbook::open_file(fixture("schools.xlsx"), "schools.xlsx", limits);
    CHECK_THROWS_WITH_AS(schools->rows(1),
                         "schools.xlsx: sheet '学校': merged range A4:A8 reaches beyond the limit "
                         "of 5 rows",
                         InputError);

    crafted.sheet = sheet_rows("<row r=\"99999999999\"><c><v>1</v></c></row>");
    CHECK_THROWS_WITH_AS(read_crafted(crafted),
                         "c.xlsx: sheet 'S': row 99999999999 is beyond the limit of 1048576 rows",
                         InputError);

    limits = {};
    limits.max_columns = 3;
    crafted.sheet =
        sheet_rows("<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"D2\"><v>1</v></c></row>");
    CHECK_THROWS_WITH_AS(read_crafted(crafted, limits),
                         "c.xlsx: sheet 'S': cell D2 is beyond the limit of 3 columns", InputError);
    crafted.sheet = sheet_rows("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>");
    CHECK_THROWS_WITH_AS(read_crafted(crafted),
                         "c.xlsx: sheet 'S': cell XFE2 is beyond the limit of 16384 columns",
                         InputError);

    limits = {};
    limits.max_cell_bytes = 10;
    crafted.sheet = sheet_rows(
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>0123456789</t></is></c><c t=\"inlineStr\"><is>"
        "<r><t>012345</t></r><r><t>6789A</t></r></is></c></row>");
    CHECK_THROWS_WITH_AS(read_crafted(crafted, limits),
                         "c.xlsx: sheet 'S': cell B1 is longer than 10 bytes", InputError);
    crafted.sheet = sheet_rows("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>");
    crafted.shared_strings = "<sst><si><t>012345678</t></si><si><t>三四五六</t></si></sst>";
    CHECK_THROWS_WITH_AS(read_crafted(crafted, limits),
                         "c.xlsx: xl/sharedStrings.xml: string 1 is longer than 10 bytes",
                         InputError);

    limits = {};
    limits.max_part_bytes = 1000;
    CHECK_THROWS_WITH_AS(Workbook::open_file(fixture("schools.xlsx"), "schools.xlsx", limits),
                         "schools.xlsx: xl/styles.xml: decompresses to more than 1000 bytes, the "
                         "limit for one part of a workbook",
                         InputError);
}

TEST_CASE("workbook xlsx: malformed sheets get the sheet, the part and the place") {
    Crafted crafted;
    const auto fails = [&](const std::string& sheet, const std::string& message) {
        crafted.sheet = sheet;
        CHECK_THROWS_WITH_AS(read_crafted(crafted), message.c_str(), InputError);
    };
    fails(sheet_rows("<row r=\"1\"><c><v>1</v></c>"),
          "c.xlsx: sheet 'S' (xl/worksheets/sheet1.xml): malformed XML at line 2, column 117 "
          "(mismatched tag)");
    fails("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet/>",
          "c.xlsx: sheet 'S' (xl/worksheets/sheet1.xml): has a DOCTYPE declaration, which no "
          "workbook part has");
    fails(sheet_rows("<row r=\"3\"/><row r=\"2\"/>"),
          "c.xlsx: sheet 'S': row 2 comes after row 3; rows must be in order");
    fails(sheet_rows("<row r=\"3\"/><row r=\"3\"/>"), "c.xlsx: sheet 'S': row 3 appears twice");
    fails(sheet_rows("<row r=\"x\"/>"), "c.xlsx: sheet 'S': row number 'x' is not valid");
    fails(sheet_rows("<row r=\"4\"><c r=\"C4\"/><c r=\"B4\"/></row>"),
          "c.xlsx: sheet 'S': cell B4 comes after C4; cells must be in order");
    fails(sheet_rows("<row r=\"4\"><c r=\"C4\"/><c r=\"C4\"/></row>"),
          "c.xlsx: sheet 'S': cell C4 appears twice");
    fails(sheet_rows("<row r=\"4\"><c r=\"4C\"/></row>"),
          "c.xlsx: sheet 'S': cell reference '4C' in row 4 is not valid");
    fails(sheet_rows("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>"),
          "c.xlsx: sheet 'S': cell A1 refers to shared string 0, but the workbook has 0");
    fails(sheet_rows("<row r=\"1\"><c t=\"s\"><v>-1</v></c></row>"),
          "c.xlsx: sheet 'S': cell A1 refers to shared string '-1', which is not a number");
    fails(worksheet("<sheetData/><mergeCells><mergeCell ref=\"A1:\"/></mergeCells>"),
          "c.xlsx: sheet 'S': merged range 'A1:' is not a cell range");

    // Expat holds a comment whole until it ends: past a bound, the part is refused.
    WorkbookLimits limits;
    limits.max_cell_bytes = 10;
    crafted.sheet = sheet_rows("<row r=\"1\"><c><v>1</v></c></row><!--" +
                               std::string(std::size_t{3} << 20, 'x') + "-->");
    CHECK_THROWS_WITH_AS(read_crafted(crafted, limits),
                         "c.xlsx: sheet 'S' (xl/worksheets/sheet1.xml): has an XML tag, comment "
                         "or attribute of more than 1049216 bytes",
                         InputError);
}
