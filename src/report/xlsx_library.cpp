#include "report/xlsx_library.hpp"

#include <dlfcn.h>

#include <string>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

struct Loaded {
    XlsxLibrary functions;
    std::string error;  // empty when every function was found
};

Loaded load() {
    Loaded loaded;
    // Never closed: the functions stay in use until the program ends.
    void* handle = dlopen(EDUQB_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        loaded.error = std::string("cannot load ") + EDUQB_XLSXWRITER_SONAME +
                       " for the XLSX report (" + (why ? why : "unknown error") +
                       "); install libxlsxwriter (Debian: libxlsxwriter4), or choose another "
                       "--format";
        return loaded;
    }
#define EDUQB_XLSX_LOAD(name)                                                          \
    loaded.functions.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name)); \
    if (loaded.functions.name == nullptr && loaded.error.empty()) {                    \
        loaded.error = std::string(EDUQB_XLSXWRITER_SONAME) +                          \
                       " has no function " #name                                       \
                       "; eduqb needs libxlsxwriter 1.1 or later for XLSX reports";    \
    }
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

}  // namespace eduqb
