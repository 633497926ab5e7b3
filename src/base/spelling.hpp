#pragma once
// "Did you mean ...?" for unknown names typed by a user.

#include <string>
#include <string_view>
#include <vector>

namespace eduqb {

/// The candidate closest to `typed`, if it is close enough to be a plausible typo (fewer
/// than a third of its characters plus two edits), or "".
std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace eduqb
