#pragma once
// Stage 6: compare values with the profile's limits and standards.

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "eduqb/dispersion.hpp"
#include "eduqb/profile.hpp"

namespace eduqb {

/// Relative tolerance within which a computed value counts as equal to its limit. It keeps
/// rounding noise (0.49999999999999994 for an exact 0.5) from deciding a verdict: at the
/// boundary the profile's operator decides, as it would on paper.
inline constexpr double kBoundaryTolerance = 1e-9;

/// The tolerance around `reference` (a limit, a threshold, an amount's scale): relative, and
/// absolute below 1.
inline double boundary_tolerance(double reference) {
    return kBoundaryTolerance * std::max(std::abs(reference), 1.0);
}

/// The lowest value at_least() counts as reaching `threshold`.
inline double at_least_bound(double threshold) {
    return threshold - boundary_tolerance(threshold);
}

/// value <= limit or value < limit, as the limit's operator says.
bool satisfies(double value, const Limit& limit);

/// satisfies() against one limit for many values: the tolerance is applied to the limit once.
class LimitCheck {
  public:
    explicit LimitCheck(const Limit& limit);
    bool satisfied_by(double value) const {
        switch (op_) {
            case Op::less:
                return value < bound_;
            case Op::less_equal:
                return value <= bound_;
            case Op::greater:
                return value > bound_;
            case Op::greater_equal:
                return value >= bound_;
        }
        return false;
    }

  private:
    double bound_;  ///< the limit moved by the tolerance: a value within it counts as on the limit
    Op op_;
};

/// value ≥ threshold (the comparison behind "reaches the standard" and "≥ 85 %").
bool at_least(double value, double threshold);

/// Where one school stands against one standard.
enum class StandardStatus {
    reached,      ///< value ≥ standard
    above_floor,  ///< floor_fraction·standard ≤ value < standard
    below_floor,  ///< value < floor_fraction·standard
    no_standard,  ///< the profile sets no standard for this indicator and stage
    missing,      ///< the school has no value
};
std::string_view to_string(StandardStatus status);

StandardStatus judge_standard(double value, const std::optional<double>& standard,
                              double floor_fraction);

/// How many of a school's standards are reached, below the floor, or without a value.
struct StandardCounts {
    int reached = 0;
    int below_floor = 0;
    int missing = 0;

    void add(StandardStatus status) {
        reached += status == StandardStatus::reached;
        below_floor += status == StandardStatus::below_floor;
        missing += status == StandardStatus::missing;
    }
};

/// The per-school rule: at least min_reached standards reached and none below the floor.
bool school_complies(const std::vector<StandardStatus>& statuses, const SchoolRule& rule);
/// The same rule on counts made while judging, without a second look at the statuses.
inline bool school_complies(const StandardCounts& counts, const SchoolRule& rule) {
    return counts.reached >= rule.min_reached && counts.below_floor == 0 && counts.missing == 0;
}

/// An indicator or composite checked against an optional limit: empty when not judged.
std::optional<bool> judge_limit(const Measure& measure, const std::optional<Limit>& limit);

}  // namespace eduqb
