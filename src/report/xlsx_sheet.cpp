#include "report/xlsx_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "base/escape.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render.hpp"

namespace eduqb::detail {

void set_workbook_properties(lxw_workbook* workbook, std::string_view title, std::int64_t created) {
    // libxlsxwriter copies the texts.
    std::string safe_title = xlsx_text(title);
    std::string application = fmt::format("eduqb {}", eduqb_version());
    lxw_doc_properties properties{};
    properties.title = safe_title.data();
    properties.comments = application.data();
    properties.created = static_cast<time_t>(created);
    xlsx_library().workbook_set_properties(workbook, &properties);
}

XlsxSheet::XlsxSheet(lxw_workbook* workbook, const std::string& name)
    : name_(name), sheet_(xlsx_library().workbook_add_worksheet(workbook, name.c_str())) {
    if (sheet_ == nullptr) throw OutputError("cannot add the worksheet " + name);
}

void XlsxSheet::text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format) {
    const std::string safe = xlsx_text(value);
    check(xlsx_library().worksheet_write_string(sheet_, row, col, safe.c_str(), format));
}

void XlsxSheet::number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
    check(xlsx_library().worksheet_write_number(sheet_, row, col, value, format));
}

void XlsxSheet::blank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
    check(xlsx_library().worksheet_write_blank(sheet_, row, col, format));
}

void XlsxSheet::header(lxw_row_t row, const std::vector<std::string>& names, lxw_format* format) {
    for (std::size_t c = 0; c < names.size(); ++c) {
        text(row, static_cast<lxw_col_t>(c), names[c], format);
    }
}

void XlsxSheet::width(lxw_col_t first, lxw_col_t last, double width) {
    check(xlsx_library().worksheet_set_column(sheet_, first, last, width, nullptr));
}

void XlsxSheet::height(lxw_row_t row, double points) {
    check(xlsx_library().worksheet_set_row(sheet_, row, points, nullptr));
}

void XlsxSheet::freeze_and_filter(lxw_row_t header, lxw_row_t last_row, lxw_col_t last_col,
                                  lxw_col_t columns) {
    xlsx_library().worksheet_freeze_panes(sheet_, header + 1, columns);
    check(xlsx_library().worksheet_autofilter(sheet_, header, 0,
                                              std::max<lxw_row_t>(last_row, header + 1), last_col));
}

}  // namespace eduqb::detail
