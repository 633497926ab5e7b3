#include "base/edit_distance.hpp"

#include <algorithm>
#include <numeric>

#include "base/utf8.hpp"

namespace eduqb {
namespace {

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> points;
    points.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const detail::CodePoint point = detail::decode_utf8(text, i);
        points.push_back(point.value);
        i += point.size;
    }
    return points;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int max_distance) {
    const std::vector<char32_t> x = code_points(a);
    const std::vector<char32_t> y = code_points(b);
    // One row of the distance matrix: row[j] is the distance between the first i code points
    // of x and the first j of y.
    std::vector<int> row(y.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= x.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        int row_best = row[0];
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1])});
            diagonal = above;
            row_best = std::min(row_best, row[j]);
        }
        // The distance is at least the smallest value of any row.
        if (max_distance > 0 && row_best > max_distance) return max_distance + 1;
    }
    const int distance = row.back();
    return max_distance > 0 && distance > max_distance ? max_distance + 1 : distance;
}

int suggestion_distance(std::string_view word) {
    return detail::count_code_points(word) <= 4 ? 1 : 2;
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string_view>& candidates,
                                   int max_distance) {
    const int length = static_cast<int>(detail::count_code_points(word));
    const int limit = std::min(max_distance, length - 1);
    if (limit < 0) return std::nullopt;
    std::optional<std::string> best;
    int best_distance = limit + 1;
    for (std::string_view candidate : candidates) {
        const int distance = edit_distance(word, candidate, std::max(limit, 1));
        if (distance < best_distance) {
            best_distance = distance;
            best = std::string(candidate);
        }
    }
    return best;
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string_view>& candidates) {
    return closest(word, candidates, suggestion_distance(word));
}

}  // namespace eduqb
