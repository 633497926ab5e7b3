#pragma once
// The measures beside the CV (eduqb/measures.hpp): from the kept values of one group's
// sections, and, across districts, from the groups' results.

#include <cstddef>
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
    void reserve(std::size_t sections) { points_.reserve(sections); }
    /// A section: its value x_i = m·R_i/P_i, its students P_i (above 0), its area type.
    void add(double value, double students, AreaType area) {
        points_.push_back({value, students});
        const double weighted = students * value;
        students_ += students;
        weighted_ += weighted;
        // Unknown first: no branch on the area type.
        TheilPart& part = areas_[static_cast<std::size_t>(area)];
        part.students += students;
        part.mean += weighted;  // Σ P_i x_i until measures() divides
    }
    /// The measures of the values added since clear(). Sorts them.
    InequalityMeasures measures();

  private:
    /// The Theil index split by area type, from measures' theil.
    void add_area_split(InequalityMeasures& measures) const;

    struct Point {
        double value;
        double students;
    };
    std::vector<Point> points_;
    double students_ = 0;
    double weighted_ = 0;      ///< Σ P_i x_i = m·R
    TheilPart areas_[4] = {};  ///< unknown, urban, town, rural
};

/// r ln r − (r − 1), the Theil term of a value r = x/μ less its first-order part: the parts
/// r − 1 sum to zero over a group, and without them the sum of small terms keeps its digits
/// where Σ r ln r would cancel. Never negative; 1 at r = 0 (0 ln 0 = 0).
double theil_term(double ratio);

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
