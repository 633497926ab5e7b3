// Fuzz target: the .xlsx reader on arbitrary bytes, with small limits. An input that starts
// like a ZIP is opened as it is (the container, libzip's checks, then any part that survives
// them). Any other input is the parts of a workbook separated by NUL bytes: the sheet, the
// shared strings, the styles and the workbook part, each defaulting to a small valid one;
// they are packed uncompressed with correct CRCs, so mutations reach the XML handlers.
// Anything but rows or an InputError is a bug; so is a row that breaks the interface's rules.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../tests/stored_zip.hpp"
#include "eduqb/error.hpp"
#include "fuzz_support.hpp"
#include "input/workbook/workbook.hpp"

namespace {

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string package_of(std::string_view input) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; parts.size() < 4;) {
        const auto nul = input.find('\0', start);
        parts.emplace_back(input.substr(start, nul - start));
        if (nul == std::string_view::npos) break;
        start = nul + 1;
    }
    parts.resize(4);
    const std::string relationships =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const auto relationship = [&](const char* id, const char* type, const char* target) {
        return std::string("<Relationship Id=\"") + id + "\" Type=\"" + relationships + "/" + type +
               "\" Target=\"" + target + "\"/>";
    };
    if (parts[1].empty()) {
        parts[1] = std::string("<sst xmlns=\"") + kMain +
                   "\"><si><t>区县</t></si><si><r><t>红</t></r><r><t>旗</t></r></si></sst>";
    }
    if (parts[2].empty()) {
        parts[2] = std::string("<styleSheet xmlns=\"") + kMain +
                   "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
                   "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
                   "</cellXfs></styleSheet>";
    }
    if (parts[3].empty()) {
        parts[3] = std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + relationships +
                   "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"T\" "
                   "sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
    }
    return eduqb::test::stored_zip({
        {"_rels/.rels", "<Relationships>" +
                            relationship("rId1", "officeDocument", "xl/workbook.xml") +
                            "</Relationships>"},
        {"xl/workbook.xml", parts[3]},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships>" + relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
             relationship("rId2", "sharedStrings", "sharedStrings.xml") +
             relationship("rId3", "styles", "styles.xml") + "</Relationships>"},
        {"xl/worksheets/sheet1.xml", parts[0]},
        {"xl/sharedStrings.xml", parts[1]},
        {"xl/styles.xml", parts[2]},
    });
}

void read_everything(std::string_view bytes) {
    using namespace eduqb;
    WorkbookLimits limits;
    limits.max_rows = 300;
    limits.max_columns = 60;
    limits.max_part_bytes = 1 << 20;
    limits.max_ratio = 100;
    limits.max_cell_bytes = 1000;
    try {
        auto workbook = Workbook::open_bytes(bytes, "fuzz.xlsx", limits);
        if (workbook->sheets().empty()) fuzz::broken("a workbook without sheets");
        for (std::size_t s = 0; s < workbook->sheets().size(); ++s) {
            try {
                auto rows = workbook->rows(s);
                long row = 0, last = 0;
                std::vector<std::string> cells;
                while (rows->next(row, cells)) {
                    if (row <= last || row > limits.max_rows) fuzz::broken("a row out of order");
                    last = row;
                    if (cells.empty() || cells.back().empty()) {
                        fuzz::broken("an empty row or a trailing empty cell");
                    }
                    if (cells.size() > static_cast<std::size_t>(limits.max_columns)) {
                        fuzz::broken("a row past the column limit");
                    }
                    for (const std::string& cell : cells) {
                        if (cell.size() > limits.max_cell_bytes) fuzz::broken("a cell too long");
                    }
                }
            } catch (const InputError& error) {
                if (error.where().file != "fuzz.xlsx") fuzz::broken("an error naming no file");
            }
        }
    } catch (const InputError& error) {
        if (error.where().file != "fuzz.xlsx") fuzz::broken("an error naming no file");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (input.substr(0, 2) == "PK") {
        read_everything(input);
    } else {
        read_everything(package_of(input));
    }
    return 0;
}
