#pragma once

#include <string>

#include "eduqb/profile.hpp"

namespace eduqb::cli {

/// A built-in profile id, or a path to a profile file (anything ending in .toml or holding '/').
Profile load_profile_option(const std::string& spec);

}  // namespace eduqb::cli
