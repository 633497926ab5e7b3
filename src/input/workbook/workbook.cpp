#include "input/workbook/workbook.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>

#include "eduqb/error.hpp"

namespace eduqb {

WorkbookKind sniff_workbook(std::string_view first_bytes) {
    if (first_bytes.size() < 8) return WorkbookKind::none;
    if (first_bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return WorkbookKind::xlsx;
    if (first_bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        return WorkbookKind::xls;
    }
    return WorkbookKind::none;
}

namespace {

std::string first_bytes_of(const std::string& path, const std::string& name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(Location{name, 0, 0}, "cannot open the workbook");
    char bytes[8] = {};
    in.read(bytes, sizeof bytes);
    return std::string(bytes, static_cast<std::size_t>(in.gcount()));
}

[[noreturn]] void not_a_workbook(const std::string& name) {
    throw InputError(Location{name, 0, 0},
                     "not an Excel workbook (expected an .xlsx ZIP package or an .xls "
                     "compound file)");
}

}  // namespace

std::unique_ptr<Workbook> Workbook::open_file(const std::string& path, const std::string& name,
                                              const WorkbookLimits& limits) {
    switch (sniff_workbook(first_bytes_of(path, name))) {
        case WorkbookKind::xlsx:
            return open_xlsx_file(path, name, limits);
        case WorkbookKind::xls:
            return open_xls_file(path, name, limits);
        case WorkbookKind::none:
            break;
    }
    not_a_workbook(name);
}

std::unique_ptr<Workbook> Workbook::open_bytes(std::string_view bytes, const std::string& name,
                                               const WorkbookLimits& limits) {
    switch (sniff_workbook(bytes)) {
        case WorkbookKind::xlsx:
            return open_xlsx_bytes(bytes, name, limits);
        case WorkbookKind::xls:
            return open_xls_bytes(bytes, name, limits);
        case WorkbookKind::none:
            break;
    }
    not_a_workbook(name);
}

}  // namespace eduqb
