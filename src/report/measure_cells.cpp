#include "report/measure_cells.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compute/measures.hpp"
#include "report/render_common.hpp"

namespace eduqb::detail {

bool measures_computed(const GroupResult& group) {
    return !group.indicators.empty() && computed(group.indicators.front().measures.theil);
}

bool measures_computed(const Trend& trend) {
    // The composite comes last and has no Theil index: the indicators before it decide.
    for (std::size_t k = 0; k + 1 < trend.indicators.size(); ++k) {
        for (const TrendPoint& point : trend.indicators[k].points) {
            if (computed(point.theil)) return true;
        }
    }
    return false;
}

std::vector<AcrossDistricts> computed_only(std::vector<AcrossDistricts> entries) {
    const bool any = std::any_of(entries.begin(), entries.end(), [](const AcrossDistricts& e) {
        return std::any_of(
            e.indicators.begin(), e.indicators.end(),
            [](const DistrictsTheil& indicator) { return computed(indicator.theil); });
    });
    if (!any) entries.clear();
    return entries;
}

std::vector<AcrossDistricts> across_districts_of(const Report& report) {
    const bool any = std::any_of(report.groups.begin(), report.groups.end(),
                                 [](const GroupResult& group) { return measures_computed(group); });
    if (!any) return {};
    AcrossDistrictsCollector collector;
    collector.reset(report.groups.size());
    for (std::size_t rank = 0; rank < report.groups.size(); ++rank) {
        collector.add(rank, report.groups[rank]);
    }
    return computed_only(collector.across_districts(report.profile));
}

std::optional<double> share_of(const Measure& part, const Measure& whole) {
    if (!part.defined() || !whole.defined() || !(whole.value > 0)) return std::nullopt;
    // within = T − between is never below 0, but between may pass T in its last digit.
    return std::clamp(part.value / whole.value, 0.0, 1.0);
}

std::string measure_cell(const Labels& text, const Measure& measure, int decimals) {
    return measure.defined() ? rounded(measure.value, decimals) : text.not_available(measure.na);
}

std::string share_cell(const Labels& text, const Measure& part, const Measure& whole) {
    if (!whole.defined()) return text.not_available(whole.na);
    if (!part.defined()) return text.not_available(part.na);
    const auto share = share_of(part, whole);
    if (!share) return std::string(text[Text::measures_no_inequality]);
    return rounded(*share * 100, 1) + "%";
}

std::string change_cell(double change, int decimals) {
    const std::string cell = fmt::format("{:+.{}f}", change, decimals);
    const bool zero = cell.find_first_not_of("+-0.") == std::string::npos;
    return zero ? cell.substr(1) : cell;
}

std::vector<std::string> measure_heads(const Labels& text) {
    std::vector<std::string> heads;
    for (Text head : {Text::measures_theil, Text::measures_within_area, Text::measures_between_area,
                      Text::measures_between_area_share, Text::measures_gini,
                      Text::measures_mcloone, Text::measures_range_ratio}) {
        heads.emplace_back(text[head]);
    }
    return heads;
}

std::vector<std::string> measure_cells(const Labels& text, const InequalityMeasures& measures) {
    return {measure_cell(text, measures.theil, kTheilDecimals),
            measure_cell(text, measures.theil_within_area, kTheilDecimals),
            measure_cell(text, measures.theil_between_area, kTheilDecimals),
            share_cell(text, measures.theil_between_area, measures.theil),
            measure_cell(text, measures.gini, kGiniDecimals),
            measure_cell(text, measures.mcloone, kMcLooneDecimals),
            measure_cell(text, measures.range_ratio, kRangeRatioDecimals)};
}

std::vector<std::string> across_heads(const Labels& text) {
    std::vector<std::string> heads;
    for (Text head : {Text::measures_theil, Text::measures_within_districts,
                      Text::measures_between_districts, Text::measures_between_districts_share}) {
        heads.emplace_back(text[head]);
    }
    return heads;
}

std::vector<std::string> across_cells(const Labels& text, const DistrictsTheil& indicator) {
    return {measure_cell(text, indicator.theil, kTheilDecimals),
            measure_cell(text, indicator.within, kTheilDecimals),
            measure_cell(text, indicator.between, kTheilDecimals),
            share_cell(text, indicator.between, indicator.theil)};
}

std::string year_stage(const Labels& text, const std::optional<int>& year, Stage stage) {
    const std::string name(text.stage(stage));
    return year ? text(Text::year_of, *year) + " " + name : name;
}

std::vector<TheilTrendRow> theil_trend_rows(const IndicatorTrend& indicator) {
    std::vector<TheilTrendRow> rows = {{Text::measures_theil, {}},
                                       {Text::measures_within_area, {}},
                                       {Text::measures_between_area, {}}};
    for (const TrendPoint& point : indicator.points) {
        rows[0].values.push_back(point.theil);
        rows[1].values.push_back(point.theil_within_area);
        rows[2].values.push_back(point.theil_between_area);
    }
    return rows;
}

}  // namespace eduqb::detail
