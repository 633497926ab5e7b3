#include "report/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "base/number_text.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

/// The sentences of the summary in one language: fmt patterns, filled from the report.
struct SummaryTexts {
    const char* sentence_end;  ///< after each sentence
    const char* list_separator;
    // Scope.
    const char* one_group;    ///< {group} {schools} {students} {excluded}
    const char* excluded;     ///< {excluded}, appended to one_group when some were left out
    const char* many_groups;  ///< {districts} {groups}
    // Verdicts.
    const char* group_passes;       ///< {profile} {group}
    const char* group_fails;        ///< {profile} {group}
    const char* group_not_judged;   ///< {profile} {group}
    const char* groups_verdicts;    ///< {profile} {passed} {failed}
    const char* groups_not_judged;  ///< {not_judged}
    // Coefficients.
    const char* no_limit;        ///< the profile sets no CV limit
    const char* within_limits;   ///< one group, none over
    const char* excesses;        ///< {count}, then the list
    const char* excess;          ///< {indicator} {cv} {op} {limit} {over}
    const char* groups_within;   ///< many groups, none over
    const char* groups_excess;   ///< {groups} {indicator} {count}
    const char* largest_excess;  ///< {group} {indicator} {cv} {op} {limit} {over}
    const char* composite;       ///< the composite's name
    // Schools.
    const char* schools_failing;  ///< {schools} {failing} {min_reached} {floor}
    const char* schools_meet;     ///< {schools} {min_reached} {floor}
    // Urban and rural.
    const char* widest_gap;        ///< {indicator} {ratio}
    const char* widest_gap_where;  ///< {group} {indicator} {ratio}
    // Trends.
    const char* trend_one;   ///< {year} {narrowed} {widened}
    const char* trend_many;  ///< {trends} {narrowed} {widened}
};

constexpr SummaryTexts kChinese{
    "。",
    "；",
    "本报告评估{group}，共{schools}所学校、{students}名学生",
    "（另有{excluded}所按规定不参与评估）",
    "本报告评估{districts}个区县的{groups}个评估单元（每个区县每年每个学段为一个单元）",
    "按《{profile}》，{group}达到要求",
    "按《{profile}》，{group}未达到要求",
    "按《{profile}》，{group}无法判定（学校不足或缺少可判定的规则）",
    "按《{profile}》，{passed}个单元达到要求，{failed}个未达到",
    "，{not_judged}个无法判定",
    "本标准未设差异系数限值，差异系数仅供参考",
    "各项差异系数均未超过限值",
    "{count}项差异系数超过限值：",
    "{indicator}为{cv}，限值{op}{limit}，超出{over}",
    "各单元的差异系数均未超过限值",
    "{groups}个单元有差异系数超过限值，其中最常见的是{indicator}（{count}个单元）",
    "超出最多的是{group}的{indicator}：{cv}，限值{op}{limit}，超出{over}",
    "综合差异系数",
    "{schools}所学校中有{failing}所未达到校际达标要求（至少{min_reached}"
    "项达到标准，其余不低于标准的"
    "{floor}%）",
    "{schools}所学校均达到校际达标要求（至少{min_reached}项达到标准，其余不低于标准的{floor}%）",
    "城乡差距最大的是{indicator}：城区为乡村的{ratio}倍",
    "城乡差距最大的是{group}的{indicator}：城区为乡村的{ratio}倍",
    "与{year}年相比，{narrowed}项差异系数缩小，{widened}项扩大",
    "在{trends}个跨年度的区县学段中，与上一年相比共有{narrowed}项差异系数缩小，{widened}项扩大",
};

/// Counts are filled in as "4 schools" in English (SummaryWriter::count) and as "4" in
/// Chinese, whose patterns carry the measure word.
constexpr SummaryTexts kEnglish{
    ". ",
    "; ",
    "This report evaluates {group}: {schools} and {students} students",
    " ({excluded} more left out by the profile's rules)",
    "This report evaluates {groups} (each a district's stage in one year) in {districts}",
    "Under {profile}, {group} meets the requirements",
    "Under {profile}, {group} does not meet the requirements",
    "Under {profile}, {group} cannot be judged (too few schools, or no rule that applies)",
    "Under {profile}, groups meeting the requirements: {passed}; not meeting them: {failed}",
    "; not judged: {not_judged}",
    "The profile sets no limit on the difference coefficients; they are for reference only",
    "No difference coefficient exceeds its limit",
    "Over their limits ({count}): ",
    "{indicator} {cv}, limit {op} {limit}, over by {over}",
    "No group has a difference coefficient over its limit",
    "Groups with a difference coefficient over its limit: {groups}, most often on {indicator} "
    "({count})",
    "the largest excess is {indicator} in {group}: {cv}, limit {op} {limit}, over by {over}",
    "the composite coefficient",
    "Schools that do not meet the per-school rule: {failing} of {schools} (at least "
    "{min_reached} of the standards reached, the others at {floor} % or more)",
    "Every school meets the per-school rule ({schools}; at least {min_reached} of the "
    "standards reached, the others at {floor} % or more)",
    "The widest urban/rural gap is {indicator}: urban schools at {ratio} times the rural value",
    "The widest urban/rural gap is {indicator} in {group}: urban schools at {ratio} times the "
    "rural value",
    "Against {year}, difference coefficients narrowed: {narrowed}; widened: {widened}",
    "Against the year before, over {trends} with several years, difference coefficients "
    "narrowed: {narrowed}; widened: {widened}",
};

const SummaryTexts& texts_in(Language language) {
    return language == Language::zh ? kChinese : kEnglish;
}

std::string group_name(const GroupKey& key, Language language) {
    if (language == Language::zh) {
        std::string name = key.district;
        if (key.year) name += std::to_string(*key.year) + "年";
        return name += std::string(to_chinese(key.stage));
    }
    std::string name = key.district;
    if (key.year) name += " " + std::to_string(*key.year);
    return name += " " + std::string(to_string(key.stage));
}

std::string indicator_name(const Profile& profile, std::size_t k, Language language) {
    if (k >= profile.indicators.size()) return texts_in(language).composite;
    const IndicatorDef& def = profile.indicators[k];
    return language == Language::zh || def.label_en.empty() ? def.label_zh : def.label_en;
}

std::string profile_name(const Profile& profile, Language language) {
    if (language == Language::en && !profile.title_en.empty()) return profile.title_en;
    return profile.title.empty() ? profile.id : profile.title;
}

struct Figures {
    std::string cv, limit, over, op;
};

Figures figures_of(const SummaryCollector::Excess& excess) {
    return {fixed_text(excess.cv, 3), fixed_text(excess.limit.value, 2),
            fixed_text(excess.cv - excess.limit.value, 3), std::string(to_symbol(excess.limit.op))};
}

bool profile_sets_cv_limits(const Profile& profile) {
    const auto any = [](const PerStage<Limit>& limits) {
        return std::any_of(limits.begin(), limits.end(), [](const auto& limit) { return limit; });
    };
    return any(profile.composite_limit) ||
           std::any_of(profile.indicators.begin(), profile.indicators.end(),
                       [&](const IndicatorDef& def) { return any(def.cv_limit); });
}

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
        if (indicator.pass == false) {
            entry.excesses.push_back({k, indicator.dispersion.cv.value, *indicator.limit});
        }
    }
    if (group.composite.pass == false) {
        entry.excesses.push_back(
            {group.indicators.size(), group.composite.cv.value, *group.composite.limit});
    }
    for (const auto& gap : detail::urban_rural_gaps(group)) {
        if (gap.rural == 0 || gap.urban == 0) continue;
        const double ratio = gap.urban / gap.rural;
        if (!entry.widest_gap ||
            std::fabs(std::log(ratio)) > std::fabs(std::log(entry.widest_gap->ratio))) {
            entry.widest_gap = AreaGap{gap.indicator, ratio};
        }
    }
}

namespace {

using Entries = std::vector<SummaryCollector::Entry>;

/// The paragraph's sentences, each from one part of the report.
class SummaryWriter {
  public:
    SummaryWriter(const Profile& profile, const Entries& groups, Language language)
        : profile_(profile), groups_(groups), language_(language), texts_(texts_in(language)) {}

    std::string write(const std::vector<Trend>& trends) {
        if (groups_.empty()) return {};
        scope();
        verdicts();
        coefficients();
        schools();
        widest_gap();
        latest_changes(trends);
        while (!text_.empty() && text_.back() == ' ') text_.pop_back();
        return std::move(text_);
    }

  private:
    template <typename... Args>
    void sentence(const char* pattern, Args&&... args) {
        text_ += fmt::format(fmt::runtime(pattern), std::forward<Args>(args)...);
        text_ += texts_.sentence_end;
    }
    bool one_group() const { return groups_.size() == 1; }
    /// "4 schools" in English; "4" in Chinese, whose patterns add the measure word.
    std::string count(long n, const char* one, const char* many) const {
        if (language_ == Language::zh) return std::to_string(n);
        return std::to_string(n) + " " + (n == 1 ? one : many);
    }
    std::string group(const GroupKey& key) const { return group_name(key, language_); }
    std::string indicator(std::size_t k) const { return indicator_name(profile_, k, language_); }

    void scope() {
        if (one_group()) {
            const auto& g = groups_.front();
            std::string text =
                fmt::format(fmt::runtime(texts_.one_group), fmt::arg("group", group(g.key)),
                            fmt::arg("schools", count(g.schools, "school", "schools")),
                            fmt::arg("students", detail::thousands(g.students)));
            if (g.excluded > 0) {
                text +=
                    fmt::format(fmt::runtime(texts_.excluded), fmt::arg("excluded", g.excluded));
            }
            sentence("{}", text);
            return;
        }
        std::set<std::string> districts;
        for (const auto& g : groups_) districts.insert(g.key.district);
        sentence(texts_.many_groups,
                 fmt::arg("districts",
                          count(static_cast<long>(districts.size()), "district", "districts")),
                 fmt::arg("groups", count(static_cast<long>(groups_.size()), "group", "groups")));
    }

    void verdicts() {
        const std::string profile = profile_name(profile_, language_);
        if (one_group()) {
            const auto& g = groups_.front();
            const char* pattern = !g.judged ? texts_.group_not_judged
                                  : g.pass  ? texts_.group_passes
                                            : texts_.group_fails;
            sentence(pattern, fmt::arg("profile", profile), fmt::arg("group", group(g.key)));
            return;
        }
        Verdicts verdicts;
        for (const auto& g : groups_) {
            ++verdicts.groups;
            verdicts.passed += g.pass;
            verdicts.not_judged += !g.judged;
        }
        std::string text =
            fmt::format(fmt::runtime(texts_.groups_verdicts), fmt::arg("profile", profile),
                        fmt::arg("passed", verdicts.passed), fmt::arg("failed", verdicts.failed()));
        if (verdicts.not_judged > 0) {
            text += fmt::format(fmt::runtime(texts_.groups_not_judged),
                                fmt::arg("not_judged", verdicts.not_judged));
        }
        sentence("{}", text);
    }

    std::string excess_text(const char* pattern, const SummaryCollector::Excess& excess,
                            const GroupKey& key) const {
        const Figures f = figures_of(excess);
        return fmt::format(fmt::runtime(pattern), fmt::arg("group", group(key)),
                           fmt::arg("indicator", indicator(excess.indicator)), fmt::arg("cv", f.cv),
                           fmt::arg("op", f.op), fmt::arg("limit", f.limit),
                           fmt::arg("over", f.over));
    }

    void coefficients() {
        if (!profile_sets_cv_limits(profile_)) {
            sentence(texts_.no_limit);
        } else if (one_group()) {
            one_group_coefficients(groups_.front());
        } else {
            many_groups_coefficients();
        }
    }

    void one_group_coefficients(const SummaryCollector::Entry& g) {
        if (g.excesses.empty()) {
            sentence(texts_.within_limits);
            return;
        }
        std::string text =
            fmt::format(fmt::runtime(texts_.excesses), fmt::arg("count", g.excesses.size()));
        for (std::size_t i = 0; i < g.excesses.size(); ++i) {
            if (i > 0) text += texts_.list_separator;
            text += excess_text(texts_.excess, g.excesses[i], g.key);
        }
        sentence("{}", text);
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
            sentence(texts_.groups_within);
            return;
        }
        // The first indicator in profile order among those most often over.
        const auto most = std::max_element(by_indicator.begin(), by_indicator.end());
        std::string text = fmt::format(
            fmt::runtime(texts_.groups_excess), fmt::arg("groups", groups_over),
            fmt::arg("indicator", indicator(static_cast<std::size_t>(most - by_indicator.begin()))),
            fmt::arg("count", *most));
        text += texts_.list_separator;
        text += excess_text(texts_.largest_excess, *largest, *largest_in);
        sentence("{}", text);
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
        sentence(failing > 0 ? texts_.schools_failing : texts_.schools_meet,
                 fmt::arg("schools", schools), fmt::arg("failing", failing),
                 fmt::arg("min_reached", profile_.school_rule->min_reached),
                 fmt::arg("floor", shortest_text(profile_.school_rule->floor_fraction * 100)));
    }

    void widest_gap() {
        const SummaryCollector::Entry* widest = nullptr;
        for (const auto& g : groups_) {
            if (!g.widest_gap) continue;
            if (!widest || std::fabs(std::log(g.widest_gap->ratio)) >
                               std::fabs(std::log(widest->widest_gap->ratio))) {
                widest = &g;
            }
        }
        if (widest == nullptr) return;
        const auto& gap = *widest->widest_gap;
        sentence(one_group() ? texts_.widest_gap : texts_.widest_gap_where,
                 fmt::arg("group", group(widest->key)),
                 fmt::arg("indicator", indicator(gap.indicator)),
                 fmt::arg("ratio", fixed_text(gap.ratio, 2)));
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
            sentence(texts_.trend_one, fmt::arg("year", years[years.size() - 2]),
                     fmt::arg("narrowed", narrowed), fmt::arg("widened", widened));
        } else {
            sentence(texts_.trend_many,
                     fmt::arg("trends", count(static_cast<long>(trends.size()), "district's stage",
                                              "districts' stages")),
                     fmt::arg("narrowed", narrowed), fmt::arg("widened", widened));
        }
    }

    const Profile& profile_;
    const Entries& groups_;
    Language language_;
    const SummaryTexts& texts_;
    std::string text_;
};

}  // namespace

std::string SummaryCollector::text(const Profile& profile, const std::vector<Trend>& trends,
                                   Language language) const {
    return SummaryWriter(profile, groups_, language).write(trends);
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
