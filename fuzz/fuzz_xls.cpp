// Fuzz target: the legacy .xls reader on arbitrary bytes. The compound file (sectors, FAT,
// DIFAT, mini stream, directory), the BIFF8 records walked by eduqb and what FreeXL decodes
// from the stream eduqb hands it, each sheet read row by row under small limits. An input that
// starts with a BOF record is taken as a bare Workbook stream and packed into a compound file
// first, so that mutations reach the records without breaking the container. Anything but
// rows or an InputError naming the file is a bug.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/error.hpp"
#include "fuzz_support.hpp"
#include "input/workbook/compound_file.hpp"
#include "input/workbook/workbook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace eduqb;
    std::string bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.compare(0, 2, "\x09\x08", 2) == 0) {
        bytes.resize(std::max<std::size_t>(bytes.size(), 4097), '\0');
        bytes = compound_file::write_single_stream("Workbook", bytes);
    }
    WorkbookLimits limits;
    limits.max_rows = 5000;
    limits.max_columns = 256;
    limits.max_part_bytes = std::uint64_t{1} << 24;
    limits.max_cell_bytes = 1 << 16;
    try {
        auto workbook = Workbook::open_bytes(bytes, "fuzz.xls", limits);
        if (workbook->sheets().empty()) fuzz::broken("a workbook without sheets");
        for (std::size_t s = 0; s < workbook->sheets().size(); ++s) {
            try {
                auto rows = workbook->rows(s);
                long row = 0;
                long previous = 0;
                std::vector<std::string> cells;
                while (rows->next(row, cells)) {
                    if (row <= previous || row > limits.max_rows) fuzz::broken("rows out of order");
                    previous = row;
                    if (cells.empty() || cells.back().empty()) {
                        fuzz::broken("a row with no cell or a trailing empty cell");
                    }
                    if (cells.size() > static_cast<std::size_t>(limits.max_columns)) {
                        fuzz::broken("a row over the column limit");
                    }
                    for (const std::string& cell : cells) {
                        if (cell.size() > limits.max_cell_bytes)
                            fuzz::broken("a cell over the limit");
                    }
                }
            } catch (const InputError& error) {
                if (error.where().file != "fuzz.xls")
                    fuzz::broken("an input error that names no file");
            }
        }
    } catch (const InputError& error) {
        if (error.where().file != "fuzz.xls") fuzz::broken("an input error that names no file");
    }
    return 0;
}
