// eduqb_csv2xlsx: one CSV file (eduqb_gen's output) as a one-sheet .xlsx workbook, written by
// libxlsxwriter.
//
//   eduqb_csv2xlsx [--shared-strings] IN.csv OUT.xlsx
//
// Identifier and name columns (school_id, school_name, district, school_type, stage, area_type)
// are written as text; every other cell that is a decimal number as a number, the rest as text;
// empty cells are left out, as a spreadsheet leaves them. By default the workbook is written in
// libxlsxwriter's constant_memory mode: one row in memory at a time, strings inline in the
// sheet (`t="inlineStr"`). --shared-strings writes them to xl/sharedStrings.xml, as Excel, WPS
// and openpyxl do; libxlsxwriter then holds the whole sheet in memory until it is closed.

#include <xlsxwriter.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void usage() {
    std::fputs("usage: eduqb_csv2xlsx [--shared-strings] IN.csv OUT.xlsx\n", stderr);
    std::exit(2);
}

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "eduqb_csv2xlsx: %s\n", message.c_str());
    std::exit(1);
}

/// Splits one CSV record (RFC 4180 quoting, no line breaks inside fields) into fields.
void split(std::string_view line, std::vector<std::string>& fields) {
    fields.clear();
    std::size_t i = 0;
    while (true) {
        std::string field;
        if (i < line.size() && line[i] == '"') {
            for (++i; i < line.size(); ++i) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        ++i;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    field += line[i];
                }
            }
        }
        while (i < line.size() && line[i] != ',') field += line[i++];
        fields.push_back(std::move(field));
        if (i >= line.size()) break;
        ++i;  // the comma
    }
}

bool is_text_column(std::string_view name) {
    for (const char* text :
         {"school_id", "school_name", "district", "school_type", "stage", "area_type"}) {
        if (name == text) return true;
    }
    return false;
}

void check(lxw_error error, const char* what) {
    if (error != LXW_NO_ERROR) fail(std::string(what) + ": " + lxw_strerror(error));
}

}  // namespace

int main(int argc, char** argv) {
    bool shared_strings = false;
    std::vector<const char*> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--shared-strings") {
            shared_strings = true;
        } else if (!arg.empty() && arg[0] == '-') {
            usage();
        } else {
            paths.push_back(argv[i]);
        }
    }
    if (paths.size() != 2) usage();

    std::FILE* in = std::fopen(paths[0], "rb");
    if (in == nullptr) fail(std::string("cannot open ") + paths[0]);

    // libxlsxwriter's temporary files go next to the output, not to a /tmp that may be memory.
    std::string out_dir = paths[1];
    const std::size_t slash = out_dir.rfind('/');
    out_dir = slash == std::string::npos ? "." : out_dir.substr(0, slash + 1);
    lxw_workbook_options options = {};
    options.constant_memory = shared_strings ? LXW_FALSE : LXW_TRUE;
    options.tmpdir = out_dir.data();
    lxw_workbook* workbook = workbook_new_opt(paths[1], &options);
    if (workbook == nullptr) fail(std::string("cannot create ") + paths[1]);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "district");
    if (sheet == nullptr) fail("cannot add a worksheet");

    std::vector<bool> text_column;
    std::vector<std::string> fields;
    char* buffer = nullptr;
    std::size_t capacity = 0;
    lxw_row_t row = 0;
    for (ssize_t length; (length = getline(&buffer, &capacity, in)) > 0;) {
        std::string_view line(buffer, static_cast<std::size_t>(length));
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
        if (line.empty()) continue;
        if (row >= LXW_ROW_MAX) fail("more rows than a sheet holds (1 048 576)");
        split(line, fields);
        if (row == 0) {
            for (const std::string& name : fields) text_column.push_back(is_text_column(name));
        }
        for (std::size_t c = 0; c < fields.size(); ++c) {
            const std::string& cell = fields[c];
            if (cell.empty()) continue;
            const auto col = static_cast<lxw_col_t>(c);
            double value = 0;
            const auto parsed = std::from_chars(cell.data(), cell.data() + cell.size(), value);
            const bool number = row > 0 && (c >= text_column.size() || !text_column[c]) &&
                                parsed.ec == std::errc() && parsed.ptr == cell.data() + cell.size();
            check(number ? worksheet_write_number(sheet, row, col, value, nullptr)
                         : worksheet_write_string(sheet, row, col, cell.c_str(), nullptr),
                  "write");
        }
        ++row;
    }
    std::free(buffer);
    if (std::ferror(in)) fail(std::string("cannot read ") + paths[0]);
    std::fclose(in);
    check(workbook_close(workbook), "close");
    return 0;
}
