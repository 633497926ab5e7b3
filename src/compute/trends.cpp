#include "compute/trends.hpp"

#include <map>
#include <tuple>

namespace eduqb {
namespace {

void add_point(IndicatorTrend& trend, int year, const Measure& cv,
               const std::optional<Limit>& limit, const std::optional<bool>& pass) {
    TrendPoint point{year, cv, pass, std::nullopt};
    if (!trend.points.empty()) {
        const Measure& previous = trend.points.back().cv;
        if (previous.defined() && cv.defined()) point.change = cv.value - previous.value;
    }
    if (limit) trend.limit = limit;
    trend.points.push_back(point);
}

}  // namespace

std::vector<Trend> compute_trends(const Report& report) {
    // Groups are sorted by district, year, stage: collect each (district, stage) in order.
    std::map<std::tuple<std::string, Stage>, std::vector<const GroupResult*>> series;
    std::vector<std::tuple<std::string, Stage>> order;
    for (const auto& group : report.groups) {
        if (!group.key.year) continue;
        auto key = std::make_tuple(group.key.district, group.key.stage);
        auto& groups = series[key];
        if (groups.empty()) order.push_back(key);
        groups.push_back(&group);
    }

    std::vector<Trend> trends;
    for (const auto& key : order) {
        const auto& groups = series[key];
        if (groups.size() < 2) continue;
        Trend trend;
        trend.district = std::get<0>(key);
        trend.stage = std::get<1>(key);
        for (const auto& def : report.profile.indicators) {
            trend.indicators.push_back(IndicatorTrend{def.id, std::nullopt, {}});
        }
        trend.indicators.push_back(IndicatorTrend{"composite", std::nullopt, {}});
        for (const GroupResult* group : groups) {
            const int year = *group->key.year;
            trend.years.push_back(year);
            for (std::size_t k = 0; k < group->indicators.size(); ++k) {
                const auto& indicator = group->indicators[k];
                add_point(trend.indicators[k], year, indicator.dispersion.cv, indicator.limit,
                          indicator.pass);
            }
            add_point(trend.indicators.back(), year, group->composite.cv, group->composite.limit,
                      group->composite.pass);
        }
        trends.push_back(std::move(trend));
    }
    return trends;
}

}  // namespace eduqb
