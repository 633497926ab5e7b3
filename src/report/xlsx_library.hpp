#pragma once
// libxlsxwriter, loaded when the first XLSX report is written. Most runs write none, and
// linking it (with zlib, minizip and libcrypto) made every start load and relocate them.

#include <xlsxwriter.h>

#include <string>

namespace eduqb {

// Every libxlsxwriter function eduqb calls.
#define EDUQB_XLSX_FUNCTIONS(X) \
    X(format_set_align)         \
    X(format_set_bg_color)      \
    X(format_set_bold)          \
    X(format_set_border)        \
    X(format_set_font_color)    \
    X(format_set_font_size)     \
    X(format_set_num_format)    \
    X(format_set_text_wrap)     \
    X(lxw_strerror)             \
    X(lxw_workbook_free)        \
    X(workbook_add_format)      \
    X(workbook_add_worksheet)   \
    X(workbook_close)           \
    X(workbook_new_opt)         \
    X(workbook_set_properties)  \
    X(worksheet_autofilter)     \
    X(worksheet_freeze_panes)   \
    X(worksheet_set_column)     \
    X(worksheet_set_row)        \
    X(worksheet_write_blank)    \
    X(worksheet_write_number)   \
    X(worksheet_write_string)

struct XlsxLibrary {
#define EDUQB_XLSX_MEMBER(name) decltype(&::name) name = nullptr;
    EDUQB_XLSX_FUNCTIONS(EDUQB_XLSX_MEMBER)
#undef EDUQB_XLSX_MEMBER
};

/// The library's functions, loaded on the first call; throws OutputError when the library
/// cannot be loaded (then, and on every later call).
const XlsxLibrary& xlsx_library();

/// OutputError naming the worksheet when a write to it returned `error`.
void check_sheet_write(lxw_error error, const std::string& sheet);

}  // namespace eduqb
