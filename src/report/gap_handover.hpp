#pragma once
// What the handover formats of the gap analysis (XLSX, HTML) say about a school and a group:
// which schools need action, each one's lines of what to add in natural units (一校一案), and
// per group the counts and the totals of those lines per unit, so that the summary adds up
// the blocks below it. Shared by render_gaps_xlsx.cpp and render_gaps_html.cpp (internal).

#include <optional>
#include <string>
#include <vector>

#include "eduqb/gaps.hpp"
#include "report/labels.hpp"

namespace eduqb::detail {

/// One line of a school's entry: an indicator raised to a level, or a school check closed.
struct HandoverLine {
    std::string item;                 ///< the indicator's or the check's name
    double value = kMissing;          ///< the value now
    int decimals = 2;                 ///< decimals people expect for `value`
    std::string target;               ///< "standard 4.2", "floor 0.85", "≤ 45"
    std::optional<long long> amount;  ///< in `unit`; empty when it cannot be known
    std::string unit;                 ///< resource_unit or check_unit
    std::string amount_text;          ///< "4.00 万元（40,000 元）", "+2 classes", "…to move"
};

/// True when the school has something to do: it fails or cannot be judged against the
/// per-school rule with a standard missed, or it fails a school check (class or school size).
/// A school that meets the rule and every check has no entry, even below a standard.
bool needs_action(const SchoolGaps& school);

/// The number of standards the profile sets for the group's stage.
int standards_of_stage(const Profile& profile, Stage stage);

/// The sentence under the school's title: where it stands and what the lines do.
std::string entry_status(const Profile& profile, const SchoolGaps& school, int standards,
                         const Labels& text);

/// The school's lines: the plan's actions when the plan makes it meet the rule, else every
/// standard it misses raised to the standard; then each failing check.
std::vector<HandoverLine> handover_lines(const Profile& profile, const SchoolGaps& school,
                                         const Labels& text);

/// The units of the summary's total columns: the indicators' units in profile order, then
/// the school checks' units not among them.
std::vector<std::string> handover_units(const Profile& profile);

/// A group's row in the district summary.
struct GroupHandover {
    long schools = 0;
    std::optional<long> failing;  ///< empty without a per-school rule
    long fixable = 0;
    long not_fixable = 0;
    long with_entry = 0;            ///< schools that need action
    std::vector<long long> totals;  ///< Σ line amounts per handover_units(), every entry
};

GroupHandover group_handover(const Profile& profile, const GroupGaps& group,
                             const std::vector<std::string>& units, const Labels& text);

/// "白水县 2024 小学": the group's name in the labels' language.
std::string group_name(const GroupKey& key, const Labels& text);

/// The plan's amounts added up per unit: "2 teachers, 40,000 yuan"; "—" without a plan.
std::string plan_amounts_text(const Profile& profile, const SchoolGaps& school, const Labels& text);

}  // namespace eduqb::detail
