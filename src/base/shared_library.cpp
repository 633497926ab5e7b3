#include "base/shared_library.hpp"

#include <dlfcn.h>

namespace eduqb::shared_library {

void* open(const char* soname, std::string& error, const std::string& before,
           const std::string& after) {
    void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr && error.empty()) {
        const char* why = dlerror();
        error = before + (why ? why : "unknown error") + after;
    }
    return library;
}

void* find(void* library, const char* name) {
    return dlsym(library, name);
}

}  // namespace eduqb::shared_library
