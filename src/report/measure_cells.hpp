#pragma once
// The measures beside the CV (eduqb/measures.hpp) as the human reports show them (internal):
// whether a run computed them, and the text of their cells, shared by Markdown, HTML and XLSX
// so that the three agree on rounding and on the words of an NA.

#include <optional>
#include <string>
#include <vector>

#include "compute/trends.hpp"
#include "eduqb/measures.hpp"
#include "eduqb/report.hpp"
#include "report/labels.hpp"

namespace eduqb::detail {

/// Decimals on display: the Theil index and its parts are small numbers (about CV²/2).
inline constexpr int kTheilDecimals = 4;
inline constexpr int kGiniDecimals = 3;
inline constexpr int kMcLooneDecimals = 3;
inline constexpr int kRangeRatioDecimals = 2;

/// Whether the run computed this measure (--measures); a report without them shows nothing of
/// them, and is the report it was before they were added.
inline bool computed(const Measure& measure) {
    return measure.na != NaReason::not_computed;
}
/// Whether the group carries the measures (a group without indicators carries none).
bool measures_computed(const GroupResult& group);
/// Whether the trend's indicators carry the Theil index (the composite never does).
bool measures_computed(const Trend& trend);

/// The Theil index across districts of a finished report, when the run computed it and the
/// report holds two or more districts; empty otherwise.
std::vector<AcrossDistricts> across_districts_of(const Report& report);
/// The entries when any of them was computed, else none.
std::vector<AcrossDistricts> computed_only(std::vector<AcrossDistricts> entries);

/// `part` / `whole` in [0, 1], when both are defined and the whole is above 0.
std::optional<double> share_of(const Measure& part, const Measure& whole);

/// The value rounded to `decimals`, or "NA (reason in words)".
std::string measure_cell(const Labels& text, const Measure& measure, int decimals);
/// "25.0%"; "NA (reason)" when the part is NA; the no-inequality text when the whole is 0.
std::string share_cell(const Labels& text, const Measure& part, const Measure& whole);
/// "+0.0012", "-0.0030", or "0.0000" when the change rounds to nothing.
std::string change_cell(double change, int decimals);

/// The heads of a group's measures table after the indicator column, and one indicator's
/// cells under them: Theil, within and between area types, the between share, Gini,
/// McLoone, range ratio.
std::vector<std::string> measure_heads(const Labels& text);
std::vector<std::string> measure_cells(const Labels& text, const InequalityMeasures& measures);

/// The same for the table across districts: Theil, within and between districts, the between
/// share.
std::vector<std::string> across_heads(const Labels& text);
std::vector<std::string> across_cells(const Labels& text, const DistrictsTheil& indicator);

/// "2024 primary", or the stage alone for a report without years.
std::string year_stage(const Labels& text, const std::optional<int>& year, Stage stage);

/// One row of a trend's Theil table: which part, and its value in each year.
struct TheilTrendRow {
    Text part;  ///< measures_theil, measures_within_area, measures_between_area
    std::vector<Measure> values;
};
/// The three rows of one indicator's trend: the Theil index, its part within area types and
/// its part between them.
std::vector<TheilTrendRow> theil_trend_rows(const IndicatorTrend& indicator);

}  // namespace eduqb::detail
