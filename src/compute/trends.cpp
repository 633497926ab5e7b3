#include "compute/trends.hpp"

#include <map>
#include <tuple>

namespace eduqb {
namespace {

/// The point of `year` after those of the previous years.
void add_point(IndicatorTrend& trend, int year, const TrendPoint& measured,
               const std::optional<Limit>& limit) {
    TrendPoint point = measured;
    point.year = year;
    if (!trend.points.empty()) {
        const Measure& previous = trend.points.back().cv;
        if (previous.defined() && measured.cv.defined()) {
            point.change = measured.cv.value - previous.value;
        }
    }
    if (limit) trend.limit = limit;
    trend.points.push_back(point);
}

}  // namespace

void TrendCollector::add(std::size_t rank, const GroupResult& group) {
    if (!group.key.year) return;
    Entry& entry = groups_[rank];
    entry.key = group.key;
    entry.points.clear();
    entry.points.reserve(group.indicators.size() + 1);
    for (const auto& indicator : group.indicators) {
        entry.points.push_back(Point{indicator.dispersion.cv, indicator.limit, indicator.pass});
    }
    entry.points.push_back(Point{group.composite.cv, group.composite.limit, group.composite.pass});
    entry.theil.clear();
    const bool computed = !group.indicators.empty() &&
                          group.indicators.front().measures.theil.na != NaReason::not_computed;
    if (!computed) return;
    entry.theil.reserve(group.indicators.size());
    for (const auto& indicator : group.indicators) {
        const InequalityMeasures& measures = indicator.measures;
        entry.theil.push_back(
            TheilPoint{measures.theil, measures.theil_within_area, measures.theil_between_area});
    }
}

std::vector<Trend> TrendCollector::trends(const Profile& profile) const {
    // Groups are sorted by district, year, stage: collect each (district, stage) in order.
    std::map<std::tuple<std::string, Stage>, std::vector<const Entry*>> series;
    std::vector<std::tuple<std::string, Stage>> order;
    for (const auto& entry : groups_) {
        if (entry.points.empty()) continue;
        auto key = std::make_tuple(entry.key.district, entry.key.stage);
        auto& entries = series[key];
        if (entries.empty()) order.push_back(key);
        entries.push_back(&entry);
    }

    const auto point_of = [](const Point& point, const TheilPoint& theil) {
        return TrendPoint{0,           point.cv,          point.pass,        std::nullopt,
                          theil.theil, theil.within_area, theil.between_area};
    };
    std::vector<Trend> trends;
    for (const auto& key : order) {
        const auto& entries = series[key];
        if (entries.size() < 2) continue;
        Trend trend;
        trend.district = std::get<0>(key);
        trend.stage = std::get<1>(key);
        for (const auto& def : profile.indicators) {
            trend.indicators.push_back(IndicatorTrend{def.id, std::nullopt, {}});
        }
        trend.indicators.push_back(IndicatorTrend{"composite", std::nullopt, {}});
        for (const Entry* entry : entries) {
            const int year = *entry->key.year;
            trend.years.push_back(year);
            // The composite is the last point and the last trend, whatever the count.
            const std::size_t indicators = entry->points.size() - 1;
            // The composite has no Theil index; when the run computed no measures, no point has.
            const bool computed = !entry->theil.empty();
            const Measure none{0, computed ? NaReason::indicator_na : NaReason::not_computed};
            const TheilPoint no_theil{none, none, none};
            for (std::size_t k = 0; k < indicators; ++k) {
                const Point& point = entry->points[k];
                add_point(trend.indicators[k], year,
                          point_of(point, computed ? entry->theil[k] : no_theil), point.limit);
            }
            const Point& composite = entry->points.back();
            add_point(trend.indicators.back(), year, point_of(composite, no_theil),
                      composite.limit);
        }
        trends.push_back(std::move(trend));
    }
    return trends;
}

std::vector<Trend> compute_trends(const Report& report) {
    TrendCollector collector;
    collector.reset(report.groups.size());
    for (std::size_t rank = 0; rank < report.groups.size(); ++rank) {
        collector.add(rank, report.groups[rank]);
    }
    return collector.trends(report.profile);
}

}  // namespace eduqb
