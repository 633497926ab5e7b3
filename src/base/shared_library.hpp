#pragma once
// Libraries opened by their soname when first needed (FreeXL, libzip and expat,
// libxlsxwriter): most runs need none of them, and linking them cost every start their
// loading. A library is never closed: its functions stay in use until the program ends.

#include <string>

namespace eduqb::shared_library {

/// Opens `soname`. On failure, sets `error` (when still empty) to `before` + the system's
/// reason + `after`, and returns nullptr.
void* open(const char* soname, std::string& error, const std::string& before,
           const std::string& after);

/// The address of the function `name` in `library`, or nullptr.
void* find(void* library, const char* name);

/// Finds `name` in `library` as `function`; when it is missing and `error` is still empty,
/// says so: "SONAME has no function NAME; eduqb needs REQUIREMENT".
template <typename Function>
void find(void* library, const char* soname, const char* name, const char* requirement,
          Function*& function, std::string& error) {
    function = reinterpret_cast<Function*>(find(library, name));
    if (function == nullptr && error.empty()) {
        error = std::string(soname) + " has no function " + name + "; eduqb needs " + requirement;
    }
}

}  // namespace eduqb::shared_library
