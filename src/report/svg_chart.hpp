#pragma once
// Inline SVG charts for the HTML report (internal). Each function returns one <svg> element
// that is well-formed XML, sized by its viewBox, with colours as attributes so that it needs
// no stylesheet. No xmlns attribute: inline SVG in HTML needs none, and the report must not
// contain any URL. All text passed in is plain UTF-8; escaping happens here.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/escape.hpp"  // xml_escape
#include "eduqb/judge.hpp"

namespace eduqb::detail {

/// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above `value` (1 for
/// values ≤ 0): an axis end that divides into round ticks.
double nice_ceiling(double value);

/// One bar of the difference-coefficient chart.
struct CvBar {
    std::string label;
    std::optional<double> cv;  ///< empty when NA
    std::string cv_text;       ///< "0.204", or "NA (…)"
    std::optional<double> limit;
    std::optional<bool> pass;  ///< empty when not judged
};

/// Horizontal bars, one per indicator, each with its limit as a tick.
std::string cv_chart(const std::vector<CvBar>& bars, std::string_view title,
                     std::string_view limit_label);

/// One school in a per-indicator chart.
struct SchoolBar {
    std::string name;
    std::optional<double> value;  ///< empty when missing
    std::string value_text;
    StandardStatus status = StandardStatus::no_standard;
    bool noncompliant = false;  ///< the school fails the per-school rule
};

/// A vertical line across a school chart: the standard, its floor, the district value.
struct ReferenceLine {
    double value = 0;
    std::string label;  ///< legend text, value included
    enum class Style { standard, floor, district } style = Style::standard;
};

/// Legend texts of a school chart, in the report's language.
/// The labels of a school chart's legend; an empty label leaves its entry out (no floor in
/// the profile, no per-school rule, no standard for this indicator).
struct SchoolChartLegend {
    std::string reached;
    std::string above_floor;
    std::string below_floor;
    std::string noncompliant;
    std::string no_standard;  ///< bars of schools the profile sets no standard for
};

/// Horizontal bars, one per school in the given order, coloured by status, with the
/// reference lines; schools failing the per-school rule get a red marker and red name.
std::string school_chart(const std::vector<SchoolBar>& schools,
                         const std::vector<ReferenceLine>& lines, const SchoolChartLegend& legend,
                         std::string_view title);

/// One year of a trend line.
struct TrendMark {
    std::string year;
    std::optional<double> cv;
    std::string text;
    std::optional<bool> pass;
};

/// A small line chart of one indicator's CV over the years, with its limit as a dashed line.
std::string trend_chart(const std::vector<TrendMark>& marks, std::optional<double> limit,
                        std::string_view limit_label, std::string_view title);

/// The names of the two parts of a whole in a share or Theil chart, in the report's language.
struct PartsLegend {
    std::string first;   ///< within (area types, districts)
    std::string second;  ///< between
};

/// One bar of a share chart: a whole (an indicator's Theil index) split in two parts.
struct ShareBar {
    std::string label;
    std::optional<double> first;  ///< the first part's share of the whole, 0..1; empty: no bar
    std::string first_text;       ///< "75.0%"
    std::string second_text;      ///< "25.0%"
    std::string text;             ///< shown instead of the bar: "NA (…)"
};

/// Horizontal 100 % stacked bars, one per indicator: the first part's share of the whole and
/// the second's, each labelled with its percentage where it is wide enough.
std::string share_chart(const std::vector<ShareBar>& bars, const PartsLegend& legend,
                        std::string_view title);

/// One year of a Theil trend chart.
struct TheilYear {
    std::string year;
    std::optional<double> theil;  ///< empty when NA
    std::string theil_text;       ///< "0.0123", or "NA"
    /// The two parts, empty when the split is NA: the bar is then the whole, in grey.
    std::optional<double> first;
    std::optional<double> second;
    std::string first_text;
    std::string second_text;
};

/// A small chart of one indicator's Theil index over the years: a column per year, stacked
/// from its two parts, the whole written above it.
std::string theil_trend_chart(const std::vector<TheilYear>& years, const PartsLegend& legend,
                              std::string_view title);

}  // namespace eduqb::detail
