#pragma once
// Several profiles side by side (internal): the rows every format's comparison table shows,
// and the HTML comparison, which render_comparison hands to the HTML renderer.

#include <ostream>
#include <string>
#include <vector>

#include "eduqb/render.hpp"
#include "eduqb/report.hpp"
#include "report/labels.hpp"

namespace eduqb::detail {

/// One group of any of the reports, with each profile's result (nullptr where a profile has
/// no such group, e.g. when its scope rules leave out all of the group's schools).
struct ComparisonRow {
    GroupKey key;
    std::vector<const GroupResult*> groups;  ///< one per report, in report order
};

/// Every group of any report, in report order.
std::vector<ComparisonRow> side_by_side(const std::vector<Report>& reports);

/// "FAIL: 2 difference coefficient(s) over the limit": a group's verdict and why.
std::string comparison_verdict(const Labels& text, const GroupResult& group);

/// The comparison table, then each profile's report as a section of one HTML document.
void render_html_comparison(const std::vector<Report>& reports, Level level,
                            const ReportContext& context, std::ostream& out);

}  // namespace eduqb::detail
