#include "report/xlsx_library.hpp"

#include <fmt/format.h>

#include <string>

#include "base/shared_library.hpp"
#include "eduqb/error.hpp"

namespace eduqb {
namespace {

struct Loaded {
    XlsxLibrary functions;
    std::string error;  // empty when every function was found
};

Loaded load() {
    Loaded loaded;
    void* library = shared_library::open(
        EDUQB_XLSXWRITER_SONAME, loaded.error,
        std::string("cannot load ") + EDUQB_XLSXWRITER_SONAME + " for the XLSX report (",
        "); install libxlsxwriter (Debian: libxlsxwriter4), or choose another --format");
    if (library == nullptr) return loaded;
#define EDUQB_XLSX_LOAD(name)                                                                  \
    shared_library::find(library, EDUQB_XLSXWRITER_SONAME, #name,                              \
                         "libxlsxwriter 1.1 or later for XLSX reports", loaded.functions.name, \
                         loaded.error);
    EDUQB_XLSX_FUNCTIONS(EDUQB_XLSX_LOAD)
#undef EDUQB_XLSX_LOAD
    return loaded;
}

}  // namespace

const XlsxLibrary& xlsx_library() {
    static const Loaded loaded = load();
    if (!loaded.error.empty()) throw OutputError(loaded.error);
    return loaded.functions;
}

void check_sheet_write(lxw_error error, const std::string& sheet) {
    if (error != LXW_NO_ERROR) {
        throw OutputError(fmt::format("cannot write the worksheet {}: {}", sheet,
                                      xlsx_library().lxw_strerror(error)));
    }
}

}  // namespace eduqb
