#include "profile_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "eduqb/error.hpp"

namespace eduqb::cli {

Profile load_profile_option(const std::string& spec) {
    const bool is_path = spec.find('/') != std::string::npos ||
                         (spec.size() > 5 && spec.compare(spec.size() - 5, 5, ".toml") == 0);
    if (!is_path) return builtin_profile(spec);
    std::error_code error;
    const auto status = std::filesystem::status(spec, error);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        // A directory reads as nothing, a device such as /dev/zero as an endless stream.
        throw InputError(Location{spec, 0, 0},
                         std::filesystem::is_directory(status)
                             ? "is a directory, not a profile file"
                             : "is not a regular file (a profile is a .toml file)");
    }
    std::ifstream file(spec, std::ios::binary);
    if (!file) throw InputError(Location{spec, 0, 0}, "cannot open the profile file");
    // One byte past the bound is enough for parse_profile to refuse it.
    std::string text(kMaxProfileBytes + 1, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (file.bad()) throw InputError(Location{spec, 0, 0}, "cannot read the profile file");
    text.resize(static_cast<std::size_t>(file.gcount()));
    Profile profile = parse_profile(text, spec);
    profile.file = spec;
    // `profiles show ID > my.toml`, then edited: the same id, other rules.
    if (const auto builtin = builtin_profile_text(profile.id)) {
        profile.changes = profile_changes(*builtin, text);
        profile.edited = !profile.changes.empty();
    }
    return profile;
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
