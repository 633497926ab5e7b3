#include "input/workbook/freexl_library.hpp"

#include "base/shared_library.hpp"
#include "eduqb/error.hpp"

namespace eduqb {
namespace {

struct Loaded {
    FreexlLibrary functions;
    std::string error;  // empty when every function was found
};

Loaded load() {
    Loaded loaded;
    // Open workbooks hold FreeXL handles until the program ends.
    void* library = shared_library::open(
        EDUQB_FREEXL_SONAME, loaded.error,
        std::string("cannot load ") + EDUQB_FREEXL_SONAME + " to read the .xls workbook (",
        "); install FreeXL (Debian: libfreexl1), or save the workbook as .xlsx or CSV");
    if (library == nullptr) return loaded;
#define EDUQB_FREEXL_LOAD(name)                                                               \
    shared_library::find(library, EDUQB_FREEXL_SONAME, #name,                                 \
                         "FreeXL 1.0 or later to read .xls workbooks", loaded.functions.name, \
                         loaded.error);
    EDUQB_FREEXL_FUNCTIONS(EDUQB_FREEXL_LOAD)
#undef EDUQB_FREEXL_LOAD
    return loaded;
}

}  // namespace

const FreexlLibrary& freexl_library(const std::string& name) {
    static const Loaded loaded = load();
    if (!loaded.error.empty()) throw InputError(Location{name, 0, 0}, loaded.error);
    return loaded.functions;
}

}  // namespace eduqb
