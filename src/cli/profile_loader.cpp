#include "profile_loader.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "eduqb/error.hpp"

namespace eduqb::cli {

Profile load_profile_option(const std::string& spec) {
    const bool is_path = spec.find('/') != std::string::npos ||
                         (spec.size() > 5 && spec.compare(spec.size() - 5, 5, ".toml") == 0);
    if (!is_path) return builtin_profile(spec);
    std::ifstream file(spec, std::ios::binary);
    if (!file) throw InputError(Location{spec, 0, 0}, "cannot open the profile file");
    std::ostringstream text;
    text << file.rdbuf();
    return parse_profile(text.str(), spec);
}

}  // namespace eduqb::cli
