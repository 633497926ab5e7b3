#include "report/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/number_text.hpp"
#include "report/gap_handover.hpp"
#include "report/labels.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

using Entries = std::vector<SummaryCollector::Entry>;

bool profile_sets_cv_limits(const Profile& profile) {
    const auto any = [](const PerStage<Limit>& limits) {
        return std::any_of(limits.begin(), limits.end(), [](const auto& limit) { return limit; });
    };
    return any(profile.composite_limit) ||
           std::any_of(profile.indicators.begin(), profile.indicators.end(),
                       [&](const IndicatorDef& def) { return any(def.cv_limit); });
}

/// How far a ratio is from 1, either way: urban at 2× rural is as wide as at 0.5×.
double ratio_width(double ratio) {
    return std::fabs(std::log(ratio));
}

/// The paragraph's sentences, each from one part of the report, from the label tables.
class SummaryWriter {
  public:
    SummaryWriter(const Profile& profile, const Entries& groups, const Labels& text)
        : profile_(profile), groups_(groups), text_(text) {}

    std::string write(const std::vector<Trend>& trends) {
        if (groups_.empty()) return {};
        scope();
        verdicts();
        coefficients();
        schools();
        widest_gap();
        latest_changes(trends);
        while (!paragraph_.empty() && paragraph_.back() == ' ') paragraph_.pop_back();
        return std::move(paragraph_);
    }

    /// The gap analysis's paragraph: the scope, the coefficients over their limits and what
    /// floors do for them, the schools against the per-school rule, the entries' totals.
    std::string write_gaps(const std::vector<GapSummaryCollector::Entry>& entries) {
        if (groups_.empty()) return {};
        scope();
        coefficients();
        floors(entries);
        schools();
        entries_sentence(entries);
        while (!paragraph_.empty() && paragraph_.back() == ' ') paragraph_.pop_back();
        return std::move(paragraph_);
    }

  private:
    void floors(const std::vector<GapSummaryCollector::Entry>& entries) {
        long reachable = 0;
        long unreachable = 0;
        for (const auto& entry : entries) {
            reachable += entry.floors_reachable;
            unreachable += entry.floors_unreachable;
        }
        if (reachable + unreachable == 0) return;
        std::string text = reachable > 0 ? text_(Text::gaps_summary_floors, reachable)
                                         : std::string(text_[Text::gaps_summary_no_floor]);
        if (reachable > 0 && unreachable > 0) {
            text += text_(Text::gaps_summary_floors_not, unreachable);
        }
        sentence(text);
    }

    void entries_sentence(const std::vector<GapSummaryCollector::Entry>& entries) {
        GapSummaryCollector::Entry sum;
        const std::vector<std::string> units = detail::handover_units(profile_);
        sum.totals.assign(units.size(), 0);
        for (const auto& entry : entries) {
            sum.with_entry += entry.with_entry;
            sum.fixable += entry.fixable;
            sum.not_fixable += entry.not_fixable;
            for (std::size_t u = 0; u < units.size(); ++u) sum.totals[u] += entry.totals.at(u);
        }
        if (sum.with_entry == 0) {
            sentence(std::string(text_[Text::gaps_summary_no_entry]));
            return;
        }
        std::string text = text_(
            sum.with_entry == 1 ? Text::gaps_summary_entry : Text::gaps_summary_entries,
            text_.count(Text::summary_schools_one, Text::summary_schools_many, sum.with_entry));
        if (profile_.school_rule) {
            if (sum.fixable > 0 && sum.not_fixable > 0) {
                text += text_(Text::gaps_summary_fixable, sum.fixable, sum.not_fixable);
            } else if (sum.fixable > 0) {
                text += text_(Text::gaps_summary_fixable_only, sum.fixable);
            } else if (sum.not_fixable > 0) {
                text += text_(Text::gaps_summary_not_fixable_only, sum.not_fixable);
            }
        }
        sentence(text);
        std::string amounts;
        for (std::size_t u = 0; u < units.size(); ++u) {
            if (sum.totals[u] == 0) continue;
            if (!amounts.empty()) amounts += text_[Text::summary_list_comma];
            amounts += text_.amount(sum.totals[u], units[u]);
        }
        if (!amounts.empty()) sentence(text_(Text::gaps_summary_amounts, amounts));
    }

    void sentence(const std::string& text) {
        paragraph_ += text;
        paragraph_ += text_[Text::summary_sentence_end];
    }
    bool one_group() const { return groups_.size() == 1; }
    std::string group(const GroupKey& key) const {
        if (!key.year)
            return text_(Text::summary_group_name_no_year, key.district, text_.stage(key.stage));
        return text_(Text::summary_group_name, key.district, *key.year, text_.stage(key.stage));
    }
    std::string indicator(std::size_t k) const {
        if (k >= profile_.indicators.size()) return std::string(text_[Text::summary_composite]);
        return text_.indicator(profile_.indicators[k]);
    }

    void scope() {
        if (one_group()) {
            const auto& g = groups_.front();
            std::string text =
                text_(Text::summary_one_group, group(g.key),
                      text_.count(Text::summary_schools_one, Text::summary_schools_many, g.schools),
                      detail::thousands(g.students));
            if (g.excluded > 0) text += text_(Text::summary_excluded, g.excluded);
            sentence(text);
            return;
        }
        std::set<std::string> districts;
        for (const auto& g : groups_) districts.insert(g.key.district);
        if (districts.size() == 1) {
            sentence(text_(Text::summary_district_groups, *districts.begin(),
                           text_.count(Text::summary_groups_one, Text::summary_groups_many,
                                       static_cast<long long>(groups_.size()))));
            return;
        }
        sentence(text_(Text::summary_many_groups,
                       text_.count(Text::summary_districts_one, Text::summary_districts_many,
                                   static_cast<long long>(districts.size())),
                       text_.count(Text::summary_groups_one, Text::summary_groups_many,
                                   static_cast<long long>(groups_.size()))));
    }

    void verdicts() {
        const std::string profile = text_.profile_title(profile_);
        if (one_group()) {
            const auto& g = groups_.front();
            const Text verdict = !g.judged ? Text::summary_group_not_judged
                                 : g.pass  ? Text::summary_group_passes
                                           : Text::summary_group_fails;
            sentence(text_(verdict, profile, group(g.key)));
            return;
        }
        Verdicts verdicts;
        for (const auto& g : groups_) {
            ++verdicts.groups;
            verdicts.passed += g.pass;
            verdicts.not_judged += !g.judged;
        }
        std::string text =
            text_(Text::summary_groups_verdicts, profile, verdicts.passed, verdicts.failed());
        if (verdicts.not_judged > 0)
            text += text_(Text::summary_groups_not_judged, verdicts.not_judged);
        sentence(text);
    }

    /// An excess rounded as the tables round it: the coefficient to 3 decimals, its limit to 2.
    /// One that rounds to nothing is a coefficient on a strict limit (< 0.50 and 0.500), and
    /// says so rather than "over by 0.000".
    std::string excess_text(const SummaryCollector::Excess& excess, const GroupKey* key) const {
        const std::string over = fixed_text(std::fabs(excess.cv - excess.limit.value), 3);
        const bool on_limit = over == "0.000";
        const std::string name = indicator(excess.indicator);
        const std::string cv = fixed_text(excess.cv, 3);
        const std::string_view op = to_symbol(excess.limit.op);
        const std::string limit = fixed_text(excess.limit.value, 2);
        if (key == nullptr) {
            return on_limit ? text_(Text::summary_excess_at_limit, name, cv, op, limit)
                            : text_(Text::summary_excess, name, cv, op, limit, over);
        }
        return on_limit
                   ? text_(Text::summary_largest_at_limit, group(*key), name, cv, op, limit)
                   : text_(Text::summary_largest_excess, group(*key), name, cv, op, limit, over);
    }

    void coefficients() {
        long judged = 0;
        for (const auto& g : groups_) judged += g.judged_cvs;
        if (!profile_sets_cv_limits(profile_)) {
            sentence(std::string(text_[Text::summary_no_limit]));
        } else if (judged == 0) {
            sentence(std::string(text_[Text::summary_none_judged]));
        } else if (one_group()) {
            one_group_coefficients(groups_.front());
        } else {
            many_groups_coefficients();
        }
    }

    void one_group_coefficients(const SummaryCollector::Entry& g) {
        if (g.excesses.empty()) {
            sentence(std::string(text_[Text::summary_within_limits]));
            return;
        }
        std::string text = text_(Text::summary_excesses, g.excesses.size());
        for (std::size_t i = 0; i < g.excesses.size(); ++i) {
            if (i > 0) text += text_[Text::summary_list_separator];
            text += excess_text(g.excesses[i], nullptr);
        }
        sentence(text);
    }

    void many_groups_coefficients() {
        std::vector<long> by_indicator(profile_.indicators.size() + 1, 0);
        long groups_over = 0;
        const SummaryCollector::Excess* largest = nullptr;
        const GroupKey* largest_in = nullptr;
        for (const auto& g : groups_) {
            groups_over += !g.excesses.empty();
            for (const auto& excess : g.excesses) {
                ++by_indicator.at(excess.indicator);
                if (!largest ||
                    excess.cv - excess.limit.value > largest->cv - largest->limit.value) {
                    largest = &excess;
                    largest_in = &g.key;
                }
            }
        }
        if (largest == nullptr) {
            sentence(std::string(text_[Text::summary_groups_within]));
            return;
        }
        // The first indicator in profile order among those most often over.
        const auto most = std::max_element(by_indicator.begin(), by_indicator.end());
        std::string text =
            text_(Text::summary_groups_excess, groups_over,
                  indicator(static_cast<std::size_t>(most - by_indicator.begin())), *most);
        text += text_[Text::summary_list_separator];
        text += excess_text(*largest, largest_in);
        sentence(text);
    }

    void schools() {
        if (!profile_.school_rule) return;
        long schools = 0;
        long failing = 0;
        bool judged = false;
        for (const auto& g : groups_) {
            if (!g.schools_failing) continue;
            judged = true;
            schools += g.schools;
            failing += *g.schools_failing;
        }
        if (!judged) return;
        const std::string counted =
            text_.count(Text::summary_schools_one, Text::summary_schools_many, schools);
        const int min_reached = profile_.school_rule->min_reached;
        const std::string floor = shortest_text(profile_.school_rule->floor_fraction * 100);
        std::string text =
            failing > 0 ? text_(Text::summary_schools_failing, counted, failing, min_reached, floor)
                        : text_(Text::summary_schools_meet, counted, min_reached, floor);
        if (failing > 0) text += most_missed();
        sentence(text);
    }

    /// The standards most often not reached, with how many schools miss each: at most three,
    /// the most missed first (profile order on a tie).
    std::string most_missed() const {
        std::vector<long> below(profile_.indicators.size(), 0);
        for (const auto& g : groups_) {
            for (std::size_t k = 0; k < g.below_standard.size() && k < below.size(); ++k) {
                below[k] += g.below_standard[k];
            }
        }
        std::vector<std::size_t> order(below.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return below[a] > below[b]; });
        std::string list;
        for (std::size_t i = 0; i < order.size() && i < 3 && below[order[i]] > 0; ++i) {
            if (i > 0) list += text_[Text::summary_list_comma];
            list += text_(Text::summary_missed_item, indicator(order[i]),
                          text_.count(Text::summary_schools_one, Text::summary_schools_many,
                                      below[order[i]]));
        }
        return list.empty() ? list : text_(Text::summary_most_missed, list);
    }

    void widest_gap() {
        const SummaryCollector::Entry* widest = nullptr;
        for (const auto& g : groups_) {
            if (!g.widest_gap) continue;
            if (!widest ||
                ratio_width(g.widest_gap->ratio) > ratio_width(widest->widest_gap->ratio)) {
                widest = &g;
            }
        }
        if (widest == nullptr) return;
        const auto& gap = *widest->widest_gap;
        const std::string ratio = fixed_text(gap.ratio, 2);
        sentence(one_group() ? text_(Text::summary_widest_gap, indicator(gap.indicator), ratio)
                             : text_(Text::summary_widest_gap_where, group(widest->key),
                                     indicator(gap.indicator), ratio));
    }

    /// Each trend's last step: the indicators' coefficients against the year before.
    void latest_changes(const std::vector<Trend>& trends) {
        long narrowed = 0;
        long widened = 0;
        for (const auto& trend : trends) {
            for (const auto& series : trend.indicators) {
                if (series.id == "composite" || series.points.empty()) continue;
                const auto& change = series.points.back().change;
                if (!change) continue;
                narrowed += *change < 0;
                widened += *change > 0;
            }
        }
        if (trends.empty() || narrowed + widened == 0) return;
        if (trends.size() == 1) {
            const auto& years = trends.front().years;
            sentence(text_(Text::summary_trend_one, years[years.size() - 2], narrowed, widened));
        } else {
            sentence(text_(Text::summary_trend_many,
                           text_.count(Text::summary_trends_one, Text::summary_trends_many,
                                       static_cast<long long>(trends.size())),
                           narrowed, widened));
        }
    }

    const Profile& profile_;
    const Entries& groups_;
    const Labels& text_;
    std::string paragraph_;
};

}  // namespace

void SummaryCollector::add(std::size_t rank, const GroupResult& group) {
    Entry& entry = groups_.at(rank);
    entry.key = group.key;
    entry.judged = group.judged;
    entry.pass = group.pass;
    entry.schools = group.schools;
    entry.students = group.students;
    entry.excluded = group.excluded;
    entry.schools_failing = group.schools_failing;
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const IndicatorResult& indicator = group.indicators[k];
        entry.below_standard.push_back(indicator.below_standard);
        entry.judged_cvs += indicator.pass.has_value();
        if (indicator.pass == false) {
            entry.excesses.push_back({k, indicator.dispersion.cv.value, *indicator.limit});
        }
    }
    entry.judged_cvs += group.composite.pass.has_value();
    if (group.composite.pass == false) {
        entry.excesses.push_back(
            {group.indicators.size(), group.composite.cv.value, *group.composite.limit});
    }
    for (const auto& gap : detail::urban_rural_gaps(group)) {
        if (gap.rural == 0 || gap.urban == 0) continue;
        const double ratio = gap.urban / gap.rural;
        if (!entry.widest_gap || ratio_width(ratio) > ratio_width(entry.widest_gap->ratio)) {
            entry.widest_gap = AreaGap{gap.indicator, ratio};
        }
    }
}

std::string SummaryCollector::text(const Profile& profile, const std::vector<Trend>& trends,
                                   Language language) const {
    return SummaryWriter(profile, groups_, labels_for(language)).write(trends);
}

void GapSummaryCollector::reset(std::size_t groups) {
    groups_.assign(groups, SummaryCollector::Entry{});
    entries_.assign(groups, Entry{});
}

void GapSummaryCollector::add(std::size_t rank, const GroupGaps& group, const Profile& profile) {
    add(rank, group, profile,
        detail::group_handover(profile, group, detail::handover_units(profile),
                               labels_for(Language::en)));
}

void GapSummaryCollector::add(std::size_t rank, const GroupGaps& group, const Profile& profile,
                              const detail::GroupHandover& handover) {
    SummaryCollector::Entry& summary = groups_.at(rank);
    summary.key = group.key;
    summary.schools = group.schools;
    summary.students = group.students;
    summary.schools_failing = group.schools_failing;
    summary.below_standard.assign(profile.indicators.size(), 0);
    for (const auto& school : group.gap_schools) {
        for (const auto& gap : school.gaps) {
            summary.below_standard.at(gap.indicator) += gap.status != StandardStatus::missing;
        }
    }
    Entry& entry = entries_.at(rank);
    for (const auto& check : group.cv_checks) {
        summary.judged_cvs += check.pass.has_value();
        if (check.pass != false) continue;
        summary.excesses.push_back({check.indicator, check.cv.value, check.limit});
        if (check.plan) {
            entry.floors_reachable += check.plan->reachable;
            entry.floors_unreachable += !check.plan->reachable;
        }
    }
    entry.with_entry = handover.with_entry;
    entry.fixable = handover.fixable;
    entry.not_fixable = handover.not_fixable;
    entry.totals = handover.totals;
}

std::string GapSummaryCollector::text(const Profile& profile, Language language) const {
    return SummaryWriter(profile, groups_, labels_for(language)).write_gaps(entries_);
}

std::string report_summary(const Report& report, Language language) {
    SummaryCollector collector;
    collector.reset(report.groups.size());
    for (std::size_t rank = 0; rank < report.groups.size(); ++rank) {
        collector.add(rank, report.groups[rank]);
    }
    return collector.text(report.profile, compute_trends(report), language);
}

}  // namespace eduqb
