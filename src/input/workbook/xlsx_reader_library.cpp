#include "input/workbook/xlsx_reader_library.hpp"

#include <dlfcn.h>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

struct Loaded {
    XlsxReaderLibrary functions;
    std::string error;  // empty when every function was found
};

/// Opens `soname` (never closed: its functions stay in use until the program ends), or says
/// why not in `loaded.error`.
void* open_library(const char* soname, const char* package, Loaded& loaded) {
    void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr && loaded.error.empty()) {
        const char* why = dlerror();
        loaded.error = std::string("cannot load ") + soname + " to read .xlsx workbooks (" +
                       (why ? why : "unknown error") + "); install it (Debian: " + package +
                       "), or save the sheet as CSV";
    }
    return handle;
}

Loaded load() {
    Loaded loaded;
    void* zip = open_library(EDUQB_LIBZIP_SONAME, "libzip4", loaded);
    void* expat = open_library(EDUQB_LIBEXPAT_SONAME, "libexpat1", loaded);
    if (!loaded.error.empty()) return loaded;
#define EDUQB_XLSX_READER_LOAD(handle, soname, name)                                   \
    loaded.functions.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name)); \
    if (loaded.functions.name == nullptr && loaded.error.empty()) {                    \
        loaded.error = std::string(soname) + " has no function " #name                 \
                                             "; eduqb needs "                          \
                                             "libzip 1.0 and libexpat 2.0 or later";   \
    }
#define EDUQB_ZIP_LOAD(name) EDUQB_XLSX_READER_LOAD(zip, EDUQB_LIBZIP_SONAME, name)
#define EDUQB_EXPAT_LOAD(name) EDUQB_XLSX_READER_LOAD(expat, EDUQB_LIBEXPAT_SONAME, name)
    EDUQB_ZIP_FUNCTIONS(EDUQB_ZIP_LOAD)
    EDUQB_EXPAT_FUNCTIONS(EDUQB_EXPAT_LOAD)
#undef EDUQB_EXPAT_LOAD
#undef EDUQB_ZIP_LOAD
#undef EDUQB_XLSX_READER_LOAD
    return loaded;
}

}  // namespace

const XlsxReaderLibrary& xlsx_reader_library(const std::string& file) {
    static const Loaded loaded = load();
    if (!loaded.error.empty()) throw InputError(Location{file, 0, 0}, loaded.error);
    return loaded.functions;
}

}  // namespace eduqb
