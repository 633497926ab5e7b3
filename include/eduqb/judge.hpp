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

/// One indicator's standard for one stage, with its thresholds computed once: judging a
/// school against it is then two comparisons.
class StandardCheck {
  public:
    StandardCheck() = default;  ///< no standard
    StandardCheck(const std::optional<double>& standard, double floor_fraction)
        : has_standard_(standard.has_value()),
          reached_at_(standard ? at_least_bound(*standard) : 0.0),
          floor_at_(standard ? at_least_bound(floor_fraction * *standard) : 0.0) {}

    bool has_standard() const { return has_standard_; }
    /// at_least(x, standard); false for a missing x.
    bool reached(double x) const { return x >= reached_at_; }
    /// at_least(x, floor_fraction · standard); false for a missing x.
    bool at_or_above_floor(double x) const { return x >= floor_at_; }
    /// Below the floor; false for a missing x too.
    bool below_floor(double x) const { return x < floor_at_; }

    /// The status of `x`, without a branch: whether a school reaches a standard is close to
    /// random for the branch predictor.
    StandardStatus status(double x) const {
        using S = StandardStatus;
        // Index: no standard (8), missing (4), reached (2), at or above the floor (1).
        static constexpr S kStatus[16] = {
            S::below_floor, S::above_floor, S::reached,     S::reached,
            S::missing,     S::missing,     S::missing,     S::missing,
            S::no_standard, S::no_standard, S::no_standard, S::no_standard,
            S::no_standard, S::no_standard, S::no_standard, S::no_standard};
        const unsigned index = (static_cast<unsigned>(!has_standard_) << 3) |
                               (static_cast<unsigned>(is_missing(x)) << 2) |
                               (static_cast<unsigned>(reached(x)) << 1) |
                               static_cast<unsigned>(at_or_above_floor(x));
        return kStatus[index];
    }

  private:
    bool has_standard_ = false;
    double reached_at_ = 0;
    double floor_at_ = 0;
};

inline StandardStatus judge_standard(double value, const std::optional<double>& standard,
                                     double floor_fraction) {
    return StandardCheck(standard, floor_fraction).status(value);
}

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
