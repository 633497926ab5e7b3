#pragma once

#include <string>
#include <vector>

#include "eduqb/profile.hpp"

namespace eduqb::cli {

/// A built-in profile id, or a path to a profile file (anything ending in .toml or holding '/').
Profile load_profile_option(const std::string& spec);

/// "national-2017,beijing" → {"national-2017", "beijing"}; UsageError on an empty item or a
/// profile named twice.
std::vector<std::string> split_profile_list(const std::string& list);

}  // namespace eduqb::cli
