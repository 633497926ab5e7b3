#pragma once
// The measures beside the CV (eduqb/measures.hpp): from the kept values of one group's
// sections, and, across districts, from the groups' results.

#include <cmath>
#include <cstddef>
#include <memory>
#include <vector>

#include "eduqb/measures.hpp"
#include "eduqb/report.hpp"

namespace eduqb {

/// One part of a whole (an area type of a group, a district of a year): its students, its
/// mean μ_a = m·R_a/P_a and its own Theil index T_a.
struct TheilPart {
    double students = 0;
    double mean = 0;
    double theil = 0;
};

/// One indicator's values over the sections of a group that have one, gathered for its
/// measures: each section's value and students, and, as they are added, the totals the
/// measures start from.
class GroupValues {
  public:
    /// Empty, keeping the room for the next group.
    void clear();
    /// Room for `sections` values.
    void reserve(std::size_t sections);
    /// A section: its value x_i = m·R_i/P_i, its students P_i (above 0), its area type.
    void add(double value, double students, AreaType area) {
        if (size_ == capacity_) reserve(capacity_ < 8 ? 8 : 2 * capacity_);
        add_within_reserve(value, students, area);
    }
    /// add() where reserve() has made room for it.
    void add_within_reserve(double value, double students, AreaType area) {
        points_[size_++] = Point{value, students};
        const double weighted = students * value;
        students_ += students;
        weighted_ += weighted;
        // Unknown first: no branch on the area type.
        TheilPart& part = areas_[static_cast<std::size_t>(area)];
        part.students += students;
        part.mean += weighted;  // Σ P_i x_i until measures() divides
    }
    /// add() of every section of `records` (n pointers to a section's doubles: its students at
    /// [0], its value at [column], NaN where missing) that has a value, with its area type from
    /// `areas`.
    void add_column(const double* const* records, const AreaType* areas, std::size_t n,
                    std::size_t column);
    /// The measures of the values added since clear(). Sorts them.
    InequalityMeasures measures();

  private:
    /// The Theil index split by area type, from measures' theil.
    void add_area_split(InequalityMeasures& measures) const;
    /// Σ P_i theil_term(x_i/μ), in input order. A function of its own, not inlined: around
    /// the call of log() every register holding a double is lost, and inlined into measures()
    /// the loop would save measures' values too at each section.
    [[gnu::noinline]] double theil_sum(double inverse_mean);

    struct Point {
        double value;
        double students;
    };
    /// The values, in input order until measures() sorts them; one allocation that only
    /// grows, reused group after group.
    std::unique_ptr<Point[]> points_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
    double students_ = 0;
    double weighted_ = 0;      ///< Σ P_i x_i = m·R
    TheilPart areas_[4] = {};  ///< unknown, urban, town, rural
};

/// r ln r − (r − 1), the Theil term of a value r = x/μ less its first-order part: the parts
/// r − 1 sum to zero over a group, and without them the sum of small terms keeps its digits
/// where Σ r ln r would cancel. Never negative; 1 at r = 0 (0 ln 0 = 0).
double theil_term(double ratio);

/// theil_term(ratio) given `log_ratio` = std::log(ratio), which it reads only where it needs it
/// (away from 1 and 0): the same bits, with the logarithm taken apart.
inline double theil_term(double ratio, double log_ratio) {
    const double d = ratio - 1;
    // Near 1 the series Σ_{k≥2} (−d)^k / (k(k−1)): the closed form would lose the leading
    // digits of d²/2 to the cancellation of r ln r against r − 1. Its remainder past d⁶ is
    // below 1e-16 of the sum for |d| < 1e-3.
    if (std::abs(d) < 1e-3) {
        return d * d * (1.0 / 2 - d * (1.0 / 6 - d * (1.0 / 12 - d * (1.0 / 20 - d / 30))));
    }
    if (ratio == 0) return 1;
    return ratio * log_ratio - d;
}

/// Whether theil_term(ratio, log_ratio) reads log_ratio.
inline bool theil_term_needs_log(double ratio) {
    return !(std::abs(ratio - 1) < 1e-3) && ratio != 0;
}

/// The Theil index of the whole made of the parts [first, last), in its two parts: within =
/// Σ s_a T_a, between = Σ s_a ln(μ_a/μ) with s_a = P_a μ_a / (P μ). Defined when the whole
/// has students and a mean above 0.
struct TheilSplit {
    double within = 0;
    double between = 0;
};
TheilSplit theil_split(const TheilPart* first, const TheilPart* last);

/// The Theil index of each (year, stage) over all districts, collected from the groups of a
/// report as they stream past (as TrendCollector does).
class AcrossDistrictsCollector {
  public:
    /// Room for a report of `groups` groups.
    void reset(std::size_t groups) { groups_.assign(groups, Entry{}); }
    /// The group at `rank` in report order; calls for different ranks may run concurrently.
    void add(std::size_t rank, const GroupResult& group);
    /// One entry per (year, stage), by year then stage, when the groups span two or more
    /// districts; none otherwise.
    std::vector<AcrossDistricts> across_districts(const Profile& profile) const;

  private:
    struct Part {
        TheilPart theil;
        long schools = 0;
        NaReason na = NaReason::none;  ///< no_students: no part; not_computed: no measures
    };
    struct Entry {
        GroupKey key;
        std::vector<Part> parts;  ///< per indicator; empty: no such group
    };
    std::vector<Entry> groups_;
};

}  // namespace eduqb
