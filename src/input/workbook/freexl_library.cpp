#include "input/workbook/freexl_library.hpp"

#include <dlfcn.h>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

struct Loaded {
    FreexlLibrary functions;
    std::string error;  // empty when every function was found
};

Loaded load() {
    Loaded loaded;
    // Never closed: open workbooks hold FreeXL handles until the program ends.
    void* handle = dlopen(EDUQB_FREEXL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        loaded.error = std::string("cannot load ") + EDUQB_FREEXL_SONAME +
                       " to read the .xls workbook (" + (why ? why : "unknown error") +
                       "); install FreeXL (Debian: libfreexl1), or save the workbook as .xlsx "
                       "or CSV";
        return loaded;
    }
#define EDUQB_FREEXL_LOAD(name)                                                        \
    loaded.functions.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name)); \
    if (loaded.functions.name == nullptr && loaded.error.empty()) {                    \
        loaded.error = std::string(EDUQB_FREEXL_SONAME) +                              \
                       " has no function " #name                                       \
                       "; eduqb needs FreeXL 1.0 or later to read .xls workbooks";     \
    }
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
