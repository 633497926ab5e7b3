#pragma once
// A workbook a test writes, read back with eduqb's own workbook reader: each sheet's name and
// rows (the reader leaves empty rows out).

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "input/workbook/workbook.hpp"

namespace eduqb::test {

using SheetRows = std::vector<std::vector<std::string>>;

/// `write(path)` writes the workbook to a temporary file, removed after reading.
template <typename Write>
std::vector<std::pair<std::string, SheetRows>> read_back_workbook(Write write) {
    char path[] = "/tmp/eduqb-workbook-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    write(static_cast<const char*>(path));
    std::vector<std::pair<std::string, SheetRows>> sheets;
    {
        auto workbook = Workbook::open_file(path, "written.xlsx");
        for (std::size_t s = 0; s < workbook->sheets().size(); ++s) {
            SheetRows rows;
            auto reader = workbook->rows(s);
            long row = 0;
            std::vector<std::string> cells;
            while (reader->next(row, cells)) rows.push_back(cells);
            sheets.emplace_back(workbook->sheets()[s].name, rows);
        }
    }
    std::remove(path);
    return sheets;
}

}  // namespace eduqb::test
