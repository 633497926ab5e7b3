#pragma once
// One worksheet of a workbook being written (internal): every write checked, text cells
// always strings, the header row frozen and filtered; and the workbook's document properties.
// The compute, gaps and rotate workbooks each lay out their sheets on it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/xlsx_library.hpp"

namespace eduqb::detail {

/// The document's title, application ("eduqb VERSION") and creation time: the report's
/// (ReportContext::time), so that SOURCE_DATE_EPOCH makes the workbook reproducible.
void set_workbook_properties(lxw_workbook* workbook, std::string_view title, std::int64_t created);

class XlsxSheet {
  public:
    /// OutputError when the workbook refuses the sheet.
    XlsxSheet(lxw_workbook* workbook, const std::string& name);

    lxw_worksheet* get() const { return sheet_; }

    /// Always a string cell, never a formula: "=1+1" from the input stays text.
    void text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format);
    void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format);
    void blank(lxw_row_t row, lxw_col_t col, lxw_format* format);
    /// `names` from column 0 on.
    void header(lxw_row_t row, const std::vector<std::string>& names, lxw_format* format);
    void width(lxw_col_t first, lxw_col_t last, double width);
    void height(lxw_row_t row, double points);
    /// Freezes the rows down to `header` and the first `columns` columns, and filters the
    /// table from `header` to `last_row` (one row below the header at least).
    void freeze_and_filter(lxw_row_t header, lxw_row_t last_row, lxw_col_t last_col,
                           lxw_col_t columns);

  private:
    void check(lxw_error error) const { check_sheet_write(error, name_); }

    std::string name_;
    lxw_worksheet* sheet_;
};

}  // namespace eduqb::detail
