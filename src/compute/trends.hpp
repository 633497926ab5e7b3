#pragma once
// Year-over-year trends: each indicator's difference coefficient per year, for every district
// and stage that the report holds for more than one year.

#include <optional>
#include <string>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb {

/// One year of one indicator (or of the composite).
struct TrendPoint {
    int year = 0;
    Measure cv;
    std::optional<bool> pass;  ///< empty when not judged
    /// cv − the previous year's cv; empty for the first year or when either is NA.
    std::optional<double> change;
    /// The Theil index and its split by area type: whether a gap closes between urban, town
    /// and rural schools or within them. NA (indicator_na) for the composite.
    Measure theil;
    Measure theil_within_area;
    Measure theil_between_area;
};

struct IndicatorTrend {
    std::string id;                  ///< the indicator id, or "composite"
    std::optional<Limit> limit;      ///< the limit of the latest year that sets one
    std::vector<TrendPoint> points;  ///< one per year of the trend, oldest first
};

struct Trend {
    std::string district;
    Stage stage = Stage::primary;
    std::vector<int> years;                  ///< ascending, at least two
    std::vector<IndicatorTrend> indicators;  ///< profile order, then the composite
};

/// What the trends read of each group, kept as the groups of a report stream past.
class TrendCollector {
  public:
    /// Room for a report of `groups` groups.
    void reset(std::size_t groups) { groups_.assign(groups, Entry{}); }
    /// The group at `rank` in report order; calls for different ranks may run concurrently.
    void add(std::size_t rank, const GroupResult& group);
    /// Every (district, stage) whose groups span two or more years, in report group order.
    /// Groups without a year take no part.
    std::vector<Trend> trends(const Profile& profile) const;

  private:
    struct Point {
        Measure cv;
        std::optional<Limit> limit;
        std::optional<bool> pass;
    };
    struct TheilPoint {
        Measure theil;
        Measure within_area;
        Measure between_area;
    };
    struct Entry {
        GroupKey key;
        std::vector<Point> points;  ///< the indicators, then the composite; empty: no year
        /// The indicators' Theil index; empty when the run computed no measures (kept apart:
        /// every group of a report is held until its end, most of them for no trend).
        std::vector<TheilPoint> theil;
    };
    std::vector<Entry> groups_;
};

/// The trends of a finished report (TrendCollector over its groups).
std::vector<Trend> compute_trends(const Report& report);

}  // namespace eduqb
