#include "profile_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
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

std::vector<std::string> split_profile_list(const std::string& list) {
    std::vector<std::string> specs;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = list.find(',', start);
        std::string spec = list.substr(start, comma == std::string::npos ? comma : comma - start);
        if (spec.empty()) throw UsageError(fmt::format("empty profile name in '{}'", list));
        if (std::find(specs.begin(), specs.end(), spec) != specs.end()) {
            throw UsageError(fmt::format("profile '{}' is named twice", spec));
        }
        specs.push_back(std::move(spec));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return specs;
}

}  // namespace eduqb::cli
