#include "input/workbook/xlsx_reader_library.hpp"

#include "base/shared_library.hpp"
#include "eduqb/error.hpp"

namespace eduqb {
namespace {

struct Loaded {
    XlsxReaderLibrary functions;
    std::string error;  // empty when every function was found
};

void* open_library(const char* soname, const char* package, Loaded& loaded) {
    return shared_library::open(
        soname, loaded.error, std::string("cannot load ") + soname + " to read .xlsx workbooks (",
        std::string("); install it (Debian: ") + package + "), or save the sheet as CSV");
}

Loaded load() {
    Loaded loaded;
    void* zip = open_library(EDUQB_LIBZIP_SONAME, "libzip4", loaded);
    void* expat = open_library(EDUQB_LIBEXPAT_SONAME, "libexpat1", loaded);
    if (!loaded.error.empty()) return loaded;
    constexpr const char* kNeeds = "libzip 1.0 and libexpat 2.0 or later";
#define EDUQB_ZIP_LOAD(name)                                                             \
    shared_library::find(zip, EDUQB_LIBZIP_SONAME, #name, kNeeds, loaded.functions.name, \
                         loaded.error);
#define EDUQB_EXPAT_LOAD(name)                                                               \
    shared_library::find(expat, EDUQB_LIBEXPAT_SONAME, #name, kNeeds, loaded.functions.name, \
                         loaded.error);
    EDUQB_ZIP_FUNCTIONS(EDUQB_ZIP_LOAD)
    EDUQB_EXPAT_FUNCTIONS(EDUQB_EXPAT_LOAD)
#undef EDUQB_EXPAT_LOAD
#undef EDUQB_ZIP_LOAD
    return loaded;
}

}  // namespace

const XlsxReaderLibrary& xlsx_reader_library(const std::string& file) {
    static const Loaded loaded = load();
    if (!loaded.error.empty()) throw InputError(Location{file, 0, 0}, loaded.error);
    return loaded.functions;
}

}  // namespace eduqb
