#pragma once
// The measures beside the CV (eduqb/measures.hpp): from the kept values of one group's
// sections, and, across districts, from the groups' results.

#include <cstddef>
#include <vector>

#include "eduqb/measures.hpp"
#include "eduqb/report.hpp"

namespace eduqb {

/// One section's part in its group's measures.
struct SectionValue {
    double students = 0;  ///< P_i, above 0
    double value = 0;     ///< x_i = m·R_i/P_i
    AreaType area = AreaType::unknown;
};

/// The measures of one indicator over the sections that have a value for it. Sorts `sections`
/// by value.
InequalityMeasures inequality_measures(std::vector<SectionValue>& sections);

/// r ln r − (r − 1), the Theil term of a value r = x/μ less its first-order part: the parts
/// r − 1 sum to zero over a group, and without them the sum of small terms keeps its digits
/// where Σ r ln r would cancel. Never negative; 1 at r = 0 (0 ln 0 = 0).
double theil_term(double ratio);

/// One part of a whole (an area type of a group, a district of a year): its students, its
/// mean μ_a = m·R_a/P_a and its own Theil index T_a.
struct TheilPart {
    double students = 0;
    double mean = 0;
    double theil = 0;
};

/// The Theil index of the whole, in its two parts: within = Σ s_a T_a, between =
/// Σ s_a ln(μ_a/μ) with s_a = P_a μ_a / (P μ). Defined when the whole has students and a mean
/// above 0.
struct TheilSplit {
    double within = 0;
    double between = 0;
};
TheilSplit theil_split(const std::vector<TheilPart>& parts);

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
