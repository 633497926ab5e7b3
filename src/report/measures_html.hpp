#pragma once
// The measures beside the CV in the HTML report (internal): each group's table and chart of
// the Theil split, the Theil index across districts, and the Theil split over the years.
// Written only when the run computed them (--measures); every text is XML-escaped here.

#include <ostream>
#include <string>

#include "compute/trends.hpp"
#include "eduqb/report.hpp"
#include "report/labels.hpp"

namespace eduqb::detail {

/// The group's table: one row per indicator, Theil, its split by area type, Gini, McLoone,
/// range ratio. Nothing when the group carries no measures.
void write_html_measures(const Labels& text, const Profile& profile, const GroupResult& group,
                         std::ostream& out);

/// The chart of each indicator's Theil index within and between area types; `title` names
/// the group. Nothing when the group carries no measures.
void write_html_share_chart(const Labels& text, const Profile& profile, const GroupResult& group,
                            const std::string& title, std::ostream& out);

/// The section across districts, with the id `id` and, when `first`, the heading that opens
/// the report. False, writing nothing, when the report has no such measures.
bool write_html_across_districts(const Labels& text, const Report& report, const std::string& id,
                                 bool first, std::ostream& out);

/// The trend's Theil table and, with `charts`, a chart per indicator. Nothing when the trend
/// carries no Theil index.
void write_html_theil_trend(const Labels& text, const Profile& profile, const Trend& trend,
                            bool charts, std::ostream& out);

}  // namespace eduqb::detail
