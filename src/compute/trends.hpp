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

/// Every (district, stage) whose groups span two or more years, in report group order.
/// Groups without a year take no part.
std::vector<Trend> compute_trends(const Report& report);

}  // namespace eduqb
