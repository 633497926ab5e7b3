#include "base/spelling.hpp"

#include "base/edit_distance.hpp"
#include "base/utf8.hpp"

namespace eduqb {

std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates) {
    std::string best;
    // Beyond this it is not a typo.
    int best_distance = static_cast<int>(detail::count_code_points(typed)) / 3 + 2;
    for (const auto& candidate : candidates) {
        int distance = edit_distance(typed, candidate, best_distance);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
    std::string best = closest_match(typed, candidates);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

}  // namespace eduqb
