#pragma once
// FreeXL, loaded when the first .xls workbook is read, as libxlsxwriter is for the first XLSX
// report (xlsx_library.hpp): runs that read CSV do not pay for loading it.

#include <freexl.h>

#include <string>

namespace eduqb {

// Every FreeXL function eduqb calls.
#define EDUQB_FREEXL_FUNCTIONS(X)     \
    X(freexl_open)                    \
    X(freexl_close)                   \
    X(freexl_get_info)                \
    X(freexl_select_active_worksheet) \
    X(freexl_worksheet_dimensions)    \
    X(freexl_get_cell_value)

struct FreexlLibrary {
#define EDUQB_FREEXL_MEMBER(name) decltype(&::name) name = nullptr;
    EDUQB_FREEXL_FUNCTIONS(EDUQB_FREEXL_MEMBER)
#undef EDUQB_FREEXL_MEMBER
};

/// The library's functions, loaded on the first call; throws InputError naming `name` (the
/// workbook being read) when the library cannot be loaded (then, and on every later call).
const FreexlLibrary& freexl_library(const std::string& name);

}  // namespace eduqb
