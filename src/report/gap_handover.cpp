#include "report/gap_handover.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "eduqb/error.hpp"
#include "report/render_common.hpp"

namespace eduqb::detail {
namespace {

/// A standard or a limit as the rules write it: 4.2, 0.765, 2000.
std::string level_text(double level) {
    return fmt::format("{:g}", level);
}

/// total += amount, refusing a total beyond kMaxGapAmount rather than wrapping it.
void add_amount(long long& total, long long amount) {
    if (amount > kMaxGapAmount - total) {
        throw InputError(
            fmt::format("a gap total exceeds {} units; check the input's values", kMaxGapAmount));
    }
    total += amount;
}

const IndicatorGap* gap_of(const SchoolGaps& school, std::size_t indicator) {
    for (const auto& gap : school.gaps) {
        if (gap.indicator == indicator) return &gap;
    }
    return nullptr;
}

HandoverLine action_line(const Profile& profile, const SchoolGaps& school, const GapAction& action,
                         const Labels& text) {
    const IndicatorDef& def = profile.indicators.at(action.indicator);
    const IndicatorGap* gap = gap_of(school, action.indicator);
    HandoverLine line;
    line.item = text.indicator(def);
    line.value = gap ? gap->value : kMissing;
    line.decimals = value_decimals(def);
    line.target = text(
        Text::target_level,
        text[action.target == PlanTarget::standard ? Text::target_standard : Text::target_floor],
        level_text(action.level));
    line.amount = action.amount;
    line.unit = std::string(resource_unit(def.column));
    line.amount_text = text(Text::added, text.amount(action.amount, line.unit));
    return line;
}

HandoverLine standard_line(const Profile& profile, const IndicatorGap& gap, const Labels& text) {
    const IndicatorDef& def = profile.indicators.at(gap.indicator);
    HandoverLine line;
    line.item = text.indicator(def);
    line.value = gap.value;
    line.decimals = value_decimals(def);
    line.target = text(Text::target_level, text[Text::target_standard], level_text(gap.standard));
    line.unit = std::string(resource_unit(def.column));
    if (gap.status == StandardStatus::missing) {
        line.amount_text = std::string(text[Text::status_missing]);
    } else {
        line.amount = gap.to_standard;
        line.amount_text = text(Text::added, text.amount(gap.to_standard, line.unit));
    }
    return line;
}

HandoverLine check_line(const Profile& profile, const CheckGap& gap, const Labels& text) {
    const SchoolCheck& check = profile.school_checks.at(gap.check);
    HandoverLine line;
    line.item = text.check(check);
    line.value = gap.value;
    line.decimals = check.measure == CheckMeasure::school_students ? 0 : 2;
    line.target = fmt::format("{} {}", to_symbol(gap.limit.op), level_text(gap.limit.value));
    line.unit = std::string(check_unit(check));
    line.amount = gap.amount;
    if (!gap.amount) {
        line.amount_text = "—";
    } else if (check.measure == CheckMeasure::school_students) {
        // The students the size cap counts above it: to move to other schools.
        line.amount_text = text(Text::students_to_move, text.amount(*gap.amount, line.unit));
    } else {
        line.amount_text = text(Text::added, text.amount(*gap.amount, line.unit));
    }
    return line;
}

}  // namespace

bool needs_action(const SchoolGaps& school) {
    return !school.checks.empty() ||
           (!school.gaps.empty() && school.verdict != SchoolVerdict::passes);
}

int standards_of_stage(const Profile& profile, Stage stage) {
    int standards = 0;
    for (const auto& def : profile.indicators) {
        standards += for_stage(def.standard, stage).has_value();
    }
    return standards;
}

std::string entry_status(const Profile& profile, const SchoolGaps& school, int standards,
                         const Labels& text) {
    switch (school.verdict) {
        case SchoolVerdict::fixable:
            return text(Text::entry_fixable, school.reached, standards);
        case SchoolVerdict::not_fixable:
            return text(Text::entry_not_fixable, school.reached, standards);
        case SchoolVerdict::not_judged:
            return std::string(
                text[profile.school_rule ? Text::entry_not_judged : Text::entry_no_rule]);
        case SchoolVerdict::passes:
            break;
    }
    return std::string(text[Text::entry_checks_only]);
}

std::vector<HandoverLine> handover_lines(const Profile& profile, const SchoolGaps& school,
                                         const Labels& text) {
    std::vector<HandoverLine> lines;
    if (school.verdict == SchoolVerdict::fixable) {
        for (const auto& action : school.plan) {
            lines.push_back(action_line(profile, school, action, text));
        }
    } else if (school.verdict != SchoolVerdict::passes) {
        for (const auto& gap : school.gaps) lines.push_back(standard_line(profile, gap, text));
    }
    for (const auto& gap : school.checks) lines.push_back(check_line(profile, gap, text));
    return lines;
}

std::vector<std::string> handover_units(const Profile& profile) {
    std::vector<std::string> units;
    const auto add = [&units](std::string_view unit) {
        if (std::find(units.begin(), units.end(), unit) == units.end()) units.emplace_back(unit);
    };
    for (const auto& def : profile.indicators) add(resource_unit(def.column));
    for (const auto& check : profile.school_checks) add(check_unit(check));
    return units;
}

GroupHandover group_handover(const Profile& profile, const GroupGaps& group,
                             const std::vector<std::string>& units, const Labels& text) {
    GroupHandover row;
    row.schools = group.schools;
    row.failing = group.schools_failing;
    row.totals.assign(units.size(), 0);
    for (const auto& school : group.gap_schools) {
        row.fixable += school.verdict == SchoolVerdict::fixable;
        row.not_fixable += school.verdict == SchoolVerdict::not_fixable;
        if (!needs_action(school)) continue;
        ++row.with_entry;
        for (const auto& line : handover_lines(profile, school, text)) {
            if (!line.amount) continue;
            const auto u = std::find(units.begin(), units.end(), line.unit) - units.begin();
            add_amount(row.totals.at(static_cast<std::size_t>(u)), *line.amount);
        }
    }
    return row;
}

std::string group_name(const GroupKey& key, const Labels& text) {
    std::string name = key.district.empty() ? std::string() : key.district + " ";
    if (key.year) name += std::to_string(*key.year) + " ";
    return name + std::string(text.stage(key.stage));
}

std::string plan_amounts_text(const Profile& profile, const SchoolGaps& school,
                              const Labels& text) {
    if (school.verdict != SchoolVerdict::fixable || school.plan.empty()) return "—";
    std::vector<std::string> units;
    std::vector<long long> totals;
    for (const auto& action : school.plan) {
        const std::string unit(resource_unit(profile.indicators.at(action.indicator).column));
        const auto at = std::find(units.begin(), units.end(), unit) - units.begin();
        if (static_cast<std::size_t>(at) == units.size()) {
            units.push_back(unit);
            totals.push_back(0);
        }
        add_amount(totals[static_cast<std::size_t>(at)], action.amount);
    }
    std::string joined;
    for (std::size_t u = 0; u < units.size(); ++u) {
        if (u) joined += text[Text::list_separator];
        joined += text.amount(totals[u], units[u]);
    }
    return joined;
}

}  // namespace eduqb::detail
