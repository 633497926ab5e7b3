#pragma once
// The paragraph a report opens with, in the voice of an inspection report (督导评估报告): which
// groups reach the standard, which coefficients exceed their limits and by how much, how many
// schools miss the per-school rule, the widest urban/rural gap, and the latest change over the
// years. Every figure is one of the report's own, rounded as its tables round it. The gap
// analysis opens with the same paragraph, read off its groups, and with what the schools'
// entries (一校一案) add up to.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "compute/trends.hpp"
#include "eduqb/gaps.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report.hpp"
#include "report/gap_handover.hpp"

namespace eduqb {

/// What the summary reads of each group, kept as the groups of a report stream past.
class SummaryCollector {
  public:
    /// Room for a report of `groups` groups.
    void reset(std::size_t groups) { groups_.assign(groups, Entry{}); }
    /// The group at `rank` in report order; calls for different ranks may run concurrently.
    void add(std::size_t rank, const GroupResult& group);
    /// The paragraph, in `language`; `trends` are the report's (compute/trends.hpp).
    std::string text(const Profile& profile, const std::vector<Trend>& trends,
                     Language language) const;

    /// A coefficient over its limit.
    struct Excess {
        std::size_t indicator = 0;  ///< profile order; the composite is indicators.size()
        double cv = 0;
        Limit limit;
    };
    /// The urban/rural ratio of one indicator that is furthest from 1.
    struct AreaGap {
        std::size_t indicator = 0;
        double ratio = 1;  ///< urban / rural
    };
    struct Entry {
        GroupKey key;
        bool judged = true;
        bool pass = true;
        long schools = 0;
        double students = 0;
        long excluded = 0;
        std::optional<long> schools_failing;
        long judged_cvs = 0;  ///< coefficients judged against a limit, the composite included
        std::vector<long> below_standard;  ///< per indicator, schools below its standard
        std::vector<Excess> excesses;
        std::optional<AreaGap> widest_gap;
    };

  private:
    std::vector<Entry> groups_;
};

/// What the gap analysis's summary reads of each group, kept as the groups stream past.
class GapSummaryCollector {
  public:
    void reset(std::size_t groups);
    /// The group at `rank`; calls for different ranks may run concurrently.
    void add(std::size_t rank, const GroupGaps& group, const Profile& profile);
    /// The same, with the group's handover row (gap_handover.hpp) the caller has made.
    void add(std::size_t rank, const GroupGaps& group, const Profile& profile,
             const detail::GroupHandover& handover);
    std::string text(const Profile& profile, Language language) const;

    /// What a group's entries and floor plans come to.
    struct Entry {
        long with_entry = 0;  ///< schools that need action (gap_handover.hpp)
        long fixable = 0;
        long not_fixable = 0;
        std::vector<long long> totals;  ///< Σ entry amounts per handover_units()
        long floors_reachable = 0;      ///< coefficients over their limit a floor brings within
        long floors_unreachable = 0;
    };

  private:
    std::vector<SummaryCollector::Entry> groups_;
    std::vector<Entry> entries_;
};

/// The summary of a finished report (SummaryCollector over its groups and its trends).
std::string report_summary(const Report& report, Language language);

}  // namespace eduqb
