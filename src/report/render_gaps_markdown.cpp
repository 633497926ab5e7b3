// The gap analysis for people: per group the problem list (问题清单), the per-school plans
// (一校一案), the coefficients, the audit and floor plan of each failing one, and the totals.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "base/escape.hpp"
#include "base/text_stream.hpp"
#include "eduqb/render_gaps.hpp"
#include "report/gap_handover.hpp"
#include "report/gap_writer.hpp"
#include "report/labels.hpp"
#include "report/render_common.hpp"
#include "report/summary.hpp"

namespace eduqb {
namespace {

using detail::limit_text;
using detail::markdown_code;
using detail::markdown_row;
using detail::markdown_text;
using detail::rounded;

using detail::thousands;

/// The header row and the rule under it; `align` has one letter per column, l or r.
void table_head(std::ostream& out, const std::vector<std::string>& cells, std::string_view align) {
    markdown_row(out, cells);
    detail::markdown_rule(out, cells.size(), std::string(align) + std::string(cells.size(), 'l'));
}

/// About six significant digits in fixed notation (audit terms range from 1e-4 to 1e7).
std::string significant(double value) {
    if (value == 0 || !std::isfinite(value)) return fmt::format("{}", value);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
    std::string text = fmt::format("{:.{}f}", value, std::clamp(5 - magnitude, 0, 12));
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') text.pop_back();
    }
    return text;
}

/// A standard or target level as written in the rules: 4.2, 0.765, 2000.
std::string level_text(double level) {
    return fmt::format("{:g}", level);
}

std::string percent(double fraction) {
    return fmt::format("{:.1f} %", 100 * fraction);
}

/// Escaped for Markdown: the district comes from the input.
std::string group_title(const Labels& text, const GroupKey& key) {
    std::string title = key.district.empty() ? std::string() : markdown_text(key.district) + " ";
    if (key.year) title += std::to_string(*key.year) + " ";
    return title + std::string(text.stage(key.stage));
}

/// Column heads from the label table.
std::vector<std::string> heads(const Labels& text, std::initializer_list<Text> names) {
    std::vector<std::string> cells;
    for (Text name : names) cells.emplace_back(text[name]);
    return cells;
}

class Writer {
  public:
    Writer(const GapReport& gaps, const Labels& text, std::ostream& out)
        : gaps_(gaps), text_(text), out_(out) {}

  private:
    const IndicatorDef& def(std::size_t k) const { return gaps_.profile.indicators.at(k); }
    std::string name(std::size_t k) const { return text_.indicator(def(k)); }
    std::string unit(std::size_t k) const { return std::string(resource_unit(def(k).column)); }
    std::string value(std::size_t k, double x) const {
        return is_missing(x) ? std::string(text_[Text::missing_value])
                             : rounded(x, detail::value_decimals(def(k)));
    }
    std::string amount(std::size_t k, long long units) const {
        return text_.amount(units, unit(k));
    }
    std::string floor_percent() const {
        return gaps_.profile.school_rule
                   ? fmt::format("{:g} %", 100 * gaps_.profile.school_rule->floor_fraction)
                   : std::string("—");
    }
    std::string join(const std::vector<std::string>& items) const {
        std::string joined;
        for (const auto& item : items) {
            joined += (joined.empty() ? "" : std::string(text_[Text::clause_separator])) + item;
        }
        return joined;
    }
    void item(Text name, const std::string& value) {
        out_ << text_(Text::field, text_[name], value) << '\n';
    }

  public:
    void preamble(const GapCounts& counts) {
        const Profile& profile = gaps_.profile;
        out_ << "# " << text_[Text::gaps_title] << "\n\n";
        // Text from a profile or the input is escaped outside tables (table_row escapes cells).
        std::string profile_text =
            text_(Text::profile_source,
                  markdown_code(profile.id) + " — " + markdown_text(text_.profile_title(profile)),
                  markdown_text(profile.source));
        if (!profile.file.empty()) {
            profile_text +=
                std::string(text_[Text::clause_separator]) + (profile.edited ? "**" : "") +
                markdown_text(text_.profile_file_note(profile)) + (profile.edited ? "**" : "");
        }
        item(Text::profile, profile_text);
        item(Text::per_school_rule, profile.school_rule
                                        ? text_(Text::per_school_rule_text,
                                                profile.school_rule->min_reached, floor_percent())
                                        : std::string(text_[Text::no_school_rule]));
        std::string inputs;
        for (std::size_t i = 0; i < gaps_.inputs.size(); ++i) {
            inputs += (i ? ", " : "") + markdown_code(gaps_.inputs[i]);
        }
        item(Text::inputs, inputs);
        item(Text::result,
             text_(Text::gaps_result, counts.groups, counts.sections, counts.failing));
        item(Text::excluded, text_(Text::gaps_excluded, gaps_.excluded));
        item(Text::version, std::string(eduqb_version()));
        out_ << '\n' << text_[Text::gaps_amounts_note] << "\n\n";
    }

    void write_group(const GroupGaps& group) {
        out_ << "## " << group_title(text_, group.key) << "\n\n";
        long failing = 0;
        for (const auto& check : group.cv_checks) failing += check.pass == false;
        out_ << text_(Text::gaps_group_facts, group.schools, thousands(group.students));
        if (group.schools_compliant) {
            out_ << text_(Text::gaps_rule_facts, *group.schools_compliant, *group.schools_failing);
        }
        out_ << text_(Text::gaps_group_tail, group.gap_schools.size(), failing) << "\n\n";
        totals_sentence(group);
        problem_list(group);
        school_checks(group);
        school_plans(group);
        two_types(group);
        coefficients(group);
        for (const auto& check : group.cv_checks) {
            if (check.audit) audit(check);
            if (check.plan) floor_plan(check);
        }
        totals_table(group);
    }

  private:
    std::string unit_list(const Totals& totals) const {
        std::string list;
        for (const auto& total : totals.by_unit) {
            list += (list.empty() ? "" : std::string(text_[Text::list_separator])) +
                    text_.amount(total.amount, total.unit);
        }
        return list;
    }

    std::string checks_clause(const GroupTotals& totals) const {
        std::string checks;
        for (std::size_t c = 0; c < totals.checks.size(); ++c) {
            if (totals.checks[c] == 0) continue;
            const SchoolCheck& check = check_def(c);
            const Text form = check.measure == CheckMeasure::school_students
                                  ? Text::check_amount_over_caps
                                  : Text::check_amount;
            checks += (checks.empty() ? "" : std::string(text_[Text::list_separator])) +
                      text_(form, markdown_text(text_.check(check)),
                            text_.amount(totals.checks[c], check_unit(check)));
        }
        return checks;
    }

    void totals_sentence(const GroupGaps& group) {
        const auto& totals = group.totals;
        bool any_plan = false;
        for (const auto& check : group.cv_checks) any_plan |= check.plan.has_value();
        std::vector<std::string> clauses;
        if (gaps_.profile.has_standards(group.key.stage)) {
            clauses.push_back(text_(Text::clause_to_standards, unit_list(totals.to_standard)));
            if (gaps_.profile.school_rule) {
                clauses.push_back(
                    text_(Text::clause_to_floors, floor_percent(), unit_list(totals.to_floor)));
                clauses.push_back(text_(Text::clause_school_plans, unit_list(totals.school_plans)));
            }
        }
        if (any_plan) {
            clauses.push_back(text_(Text::clause_floor_plans, unit_list(totals.floor_plans)));
        }
        const std::string checks = checks_clause(totals);
        if (!checks.empty()) clauses.push_back(text_(Text::clause_checks, checks));
        if (clauses.empty()) return;
        // An English sentence starts with a capital whichever clause comes first.
        char& first = clauses.front()[0];
        if (first >= 'a' && first <= 'z') first = static_cast<char>(first - 'a' + 'A');
        out_ << text_(Text::district_totals, join(clauses)) << "\n\n";
    }

    std::string status_text(StandardStatus status) const {
        if (status == StandardStatus::missing) return std::string(text_[Text::status_missing]);
        return std::string(text_[status == StandardStatus::below_floor ? Text::status_below_floor
                                                                       : Text::status_above_floor]);
    }

    void problem_list(const GroupGaps& group) {
        out_ << "### " << text_[Text::problem_list] << "\n\n";
        if (!gaps_.profile.has_standards(group.key.stage)) {
            out_ << text_[Text::no_standards_for_stage] << "\n\n";
            return;
        }
        if (!any_indicator_gap(group)) {
            out_ << text_[Text::every_standard_reached] << "\n\n";
            return;
        }
        std::vector<std::string> head =
            heads(text_,
                  {Text::school_id, Text::school_name, Text::students, Text::indicator, Text::value,
                   Text::standard, Text::of_standard, Text::status, Text::to_standard});
        head.push_back(text_(Text::to_floor, floor_percent()));
        table_head(out_, head, "llrlrrrlrr");
        for (const auto& school : group.gap_schools) {
            for (const auto& gap : school.gaps) {
                const std::size_t k = gap.indicator;
                const bool missing = gap.status == StandardStatus::missing;
                markdown_row(
                    out_, {school.school_id, school.school_name, thousands(school.students),
                           name(k), value(k, gap.value), level_text(gap.standard),
                           missing ? "—" : percent(gap.value / gap.standard),
                           status_text(gap.status), missing ? "—" : amount(k, gap.to_standard),
                           missing || !gaps_.profile.school_rule ? "—" : amount(k, gap.to_floor)});
            }
        }
        out_ << '\n';
    }

    static bool any_indicator_gap(const GroupGaps& group) {
        for (const auto& school : group.gap_schools) {
            if (!school.gaps.empty()) return true;
        }
        return false;
    }

    const SchoolCheck& check_def(std::size_t c) const { return gaps_.profile.school_checks.at(c); }

    /// "+2 classes", "138 students over the cap", "+560 m²".
    std::string check_amount_text(const CheckGap& gap) const {
        if (!gap.amount) return "—";
        const SchoolCheck& check = check_def(gap.check);
        const std::string amount = text_.amount(*gap.amount, check_unit(check));
        if (check.measure == CheckMeasure::school_students) {
            return text_(Text::over_the_cap, amount);
        }
        return text_(Text::added, amount);
    }

    std::string check_value_text(const CheckGap& gap) const {
        if (is_missing(gap.value)) return std::string(text_[Text::missing_value]);
        return check_def(gap.check).measure == CheckMeasure::class_size ? rounded(gap.value, 2)
                                                                        : significant(gap.value);
    }

    std::string check_limit_text(const CheckGap& gap) const {
        return fmt::format("{} {}", to_symbol(gap.limit.op), level_text(gap.limit.value));
    }

    /// "平均班额 52.00 (limit ≤ 45): +2 classes".
    std::string check_gap_text(const CheckGap& gap) const {
        return text_(Text::lack_check_add, text_.check(check_def(gap.check)), check_value_text(gap),
                     check_limit_text(gap), check_amount_text(gap));
    }

    void write_check_table(const GroupGaps& group) {
        table_head(out_,
                   heads(text_, {Text::school_id, Text::school_name, Text::students, Text::check,
                                 Text::value, Text::limit, Text::what_closes_it}),
                   "llrlrrr");
        for (const auto& school : group.gap_schools) {
            for (const auto& gap : school.checks) {
                markdown_row(out_,
                             {school.school_id, school.school_name, thousands(school.students),
                              text_.check(check_def(gap.check)), check_value_text(gap),
                              check_limit_text(gap), check_amount_text(gap)});
            }
        }
        out_ << '\n' << text_[Text::check_note] << "\n\n";
    }

    void school_checks(const GroupGaps& group) {
        bool any = false;
        for (const auto& school : group.gap_schools) any |= !school.checks.empty();
        std::vector<std::string> missing;
        for (std::size_t c = 0; c < group.checks_missing.size(); ++c) {
            if (group.checks_missing[c] == 0) continue;
            missing.push_back(text_(Text::check_missing_item,
                                    markdown_text(text_.check(check_def(c))),
                                    group.checks_missing[c]));
        }
        if (!any && missing.empty()) return;
        out_ << "### " << text_[Text::school_checks] << "\n\n";
        if (any) write_check_table(group);
        if (!missing.empty()) out_ << text_(Text::not_judged_for_lack, join(missing)) << "\n\n";
    }

    /// What a school of the two types lacks, and what to add (缺什么、补什么).
    std::string lacks_text(const GroupGaps& group, const TwoTypesSchool& entry) const {
        std::vector<std::string> lacks;
        if (entry.gaps) {
            const SchoolGaps& school = group.gap_schools.at(*entry.gaps);
            for (const auto& gap : school.gaps) {
                const std::size_t k = gap.indicator;
                if (gap.status == StandardStatus::missing) {
                    lacks.push_back(text_(Text::lack_missing, name(k)));
                    continue;
                }
                lacks.push_back(text_(Text::lack_standard_add, name(k), value(k, gap.value),
                                      level_text(gap.standard), amount(k, gap.to_standard)));
            }
            for (const auto& gap : school.checks) lacks.push_back(check_gap_text(gap));
        }
        if (lacks.empty()) return std::string(text_[Text::lacks_nothing_checks]);
        return join(lacks);
    }

    /// 两类学校 with 缺什么、补什么: every standard missed and check failed, with its amount.
    void two_types(const GroupGaps& group) {
        if (group.two_types.empty()) return;
        out_ << "### " << text_[Text::two_types] << "\n\n";
        table_head(out_,
                   heads(text_, {Text::school_id, Text::school_name, Text::kind, Text::students,
                                 Text::lacks_and_adds}),
                   "lllrl");
        for (const auto& entry : group.two_types) {
            const Text kind = entry.rural_small && entry.township_boarding ? Text::both_types
                              : entry.rural_small                          ? Text::rural_small
                                                  : Text::township_boarding;
            markdown_row(out_, {entry.school_id, entry.school_name, std::string(text_[kind]),
                                thousands(entry.students), lacks_text(group, entry)});
        }
        out_ << '\n';
    }

    std::string plan_text(const SchoolGaps& school) const {
        switch (school.verdict) {
            case SchoolVerdict::passes: {
                // The rule is met; a failed school check (class size, school size) still
                // needs action, and must not read as nothing to do.
                if (school.checks.empty()) return std::string(text_[Text::none_needed]);
                std::vector<std::string> items = {std::string(text_[Text::rule_met])};
                for (const auto& gap : school.checks) items.push_back(check_gap_text(gap));
                return join(items);
            }
            case SchoolVerdict::not_fixable:
                return std::string(text_[Text::cannot_pass]);
            case SchoolVerdict::not_judged:
                return std::string(text_[gaps_.profile.school_rule ? Text::plan_not_judged
                                                                   : Text::no_rule_for_plan]);
            case SchoolVerdict::fixable:
                break;
        }
        std::vector<std::string> steps;
        for (const auto& action : school.plan) {
            const std::size_t k = action.indicator;
            steps.push_back(
                text_(Text::plan_step, name(k),
                      text_[action.target == PlanTarget::standard ? Text::target_standard
                                                                  : Text::target_floor],
                      level_text(action.level), amount(k, action.amount)));
        }
        return join(steps);
    }

    void school_plans(const GroupGaps& group) {
        if (!any_indicator_gap(group)) return;
        out_ << "### " << text_[Text::school_plans] << "\n\n"
             << text_[Text::school_plans_intro] << "\n\n";
        table_head(out_,
                   heads(text_, {Text::school_id, Text::school_name, Text::reached_column,
                                 Text::now, Text::plan, Text::plan_amounts}),
                   "llrllr");
        int standards = 0;
        for (const auto& d : gaps_.profile.indicators) {
            standards += for_stage(d.standard, group.key.stage).has_value();
        }
        for (const auto& school : group.gap_schools) {
            if (school.gaps.empty()) continue;
            const Text now = school.verdict == SchoolVerdict::passes       ? Text::meets
                             : school.verdict == SchoolVerdict::not_judged ? Text::school_not_judged
                                                                           : Text::does_not_meet;
            markdown_row(
                out_, {school.school_id, school.school_name,
                       text_(Text::reached_of, school.reached, standards), std::string(text_[now]),
                       plan_text(school), detail::plan_amounts_text(gaps_.profile, school, text_)});
        }
        out_ << '\n';
    }

    std::string limit_with_source(const CvCheck& check) const {
        const std::string limit = limit_text(check.limit, 2);
        return check.source == LimitSource::composite ? text_(Text::composite_limit_note, limit)
                                                      : limit;
    }

    std::string verdict(const std::optional<bool>& pass) const {
        if (!pass) return "—";
        return std::string(text_[*pass ? Text::pass : Text::fail]);
    }

    void coefficients(const GroupGaps& group) {
        if (group.cv_checks.empty()) return;
        out_ << "### " << text_[Text::coefficients] << "\n\n";
        table_head(out_, heads(text_, {Text::indicator, Text::cv, Text::limit, Text::verdict}),
                   "lrrl");
        bool composite = false;
        for (const auto& check : group.cv_checks) {
            composite |= check.source == LimitSource::composite;
            markdown_row(out_, {name(check.indicator),
                                check.cv.defined() ? rounded(check.cv.value, 3)
                                                   : text_.not_available(check.cv.na),
                                limit_with_source(check), verdict(check.pass)});
        }
        out_ << '\n';
        std::vector<std::string> left_out;
        for (const auto& check : group.cv_checks) {
            if (check.left_out > 0) {
                left_out.push_back(text_(Text::left_out_item, markdown_text(name(check.indicator)),
                                         check.left_out));
            }
        }
        if (!left_out.empty()) {
            out_ << text_(Text::left_out_for_empty_cells, join(left_out)) << "\n\n";
        }
        if (composite) out_ << text_[Text::composite_only_note] << "\n\n";
    }

    std::string unit_text(std::size_t k) const { return markdown_text(text_.unit(def(k))); }

    void audit(const CvCheck& check) {
        const std::size_t k = check.indicator;
        const Audit& audit = *check.audit;
        out_ << "### "
             << text_(Text::audit_heading, markdown_text(name(k)), rounded(check.cv.value, 3),
                      limit_with_source(check))
             << "\n\n";
        out_ << text_(Text::audit_line, thousands(audit.students), significant(audit.mean),
                      unit_text(k), significant(audit.sum_terms), significant(audit.sd),
                      rounded(audit.cv, 6));
        if (check.left_out > 0) out_ << text_(Text::audit_left_out, check.left_out);
        out_ << "\n\n";
        double driver_share = audit.drivers ? audit.rows[audit.drivers - 1].cumulative : 0;
        out_ << text_(Text::drivers_line, audit.drivers, percent(driver_share),
                      percent(gaps_.options.driver_share))
             << "\n\n";
        std::vector<std::string> head = {"#",
                                         std::string(text_[Text::school_id]),
                                         std::string(text_[Text::school_name]),
                                         "P_i",
                                         "X_i",
                                         "X_i − X̄",
                                         "P_i/P·(X_i − X̄)²"};
        for (Text column : {Text::share, Text::cumulative, Text::driver}) {
            head.emplace_back(text_[column]);
        }
        table_head(out_, head, "rllrrrrrrl");
        for (std::size_t r = 0; r < audit.rows.size(); ++r) {
            const AuditRow& row = audit.rows[r];
            markdown_row(out_, {std::to_string(r + 1), row.school_id, row.school_name,
                                thousands(row.students), value(k, row.value),
                                fmt::format("{:+.{}f}", row.value - audit.mean,
                                            detail::value_decimals(def(k))),
                                significant(row.term), percent(row.share), percent(row.cumulative),
                                row.driver ? "★" : ""});
        }
        out_ << '\n';
    }

    void floor_plan(const CvCheck& check) {
        const std::size_t k = check.indicator;
        const FloorPlan& plan = *check.plan;
        out_ << "### " << text_(Text::floor_plan_heading, markdown_text(name(k))) << "\n\n";
        const std::string limit = limit_with_source(check);
        if (!plan.reachable) {
            out_ << text_(Text::floor_unreachable, value(k, plan.level), unit_text(k), limit)
                 << "\n\n";
            return;
        }
        out_ << text_(Text::floor_raise, rounded(plan.level, 4), unit_text(k), plan.schools.size(),
                      amount(k, plan.total))
             << "\n\n";
        out_ << "- " << text_(Text::cv_at_level, rounded(plan.cv_at_level, 9), limit) << '\n';
        out_ << "- "
             << text_(Text::cv_just_below, rounded(plan.cv_just_below, 9),
                      text_[satisfies(plan.cv_just_below, check.limit) ? Text::within : Text::over])
             << '\n';
        out_ << "- " << text_(Text::cv_after, rounded(plan.cv_after, 9), verdict(plan.pass_after))
             << "\n\n";
        if (plan.schools.empty()) return;
        std::vector<std::string> head = {std::string(text_[Text::school_id]),
                                         std::string(text_[Text::school_name]),
                                         "P_i",
                                         "X_i",
                                         std::string(text_[Text::add]),
                                         std::string(text_[Text::value_after])};
        table_head(out_, head, "llrrrr");
        for (const auto& row : plan.schools) {
            markdown_row(
                out_, {row.school_id, row.school_name, thousands(row.students), value(k, row.value),
                       text_(Text::added, amount(k, row.amount)), value(k, row.new_value)});
        }
        out_ << '\n';
    }

    void totals_table(const GroupGaps& group) {
        if (gaps_.profile.indicators.empty()) return;
        const auto& totals = group.totals;
        out_ << "### " << text_[Text::totals] << "\n\n";
        table_head(out_,
                   heads(text_, {Text::indicator, Text::unit, Text::to_standards, Text::to_floors,
                                 Text::per_school_plans, Text::floor_plans}),
                   "llrrrr");
        for (std::size_t k = 0; k < gaps_.profile.indicators.size(); ++k) {
            markdown_row(out_, {name(k), std::string(text_.unit_name(unit(k))),
                                thousands(totals.to_standard.by_indicator[k]),
                                thousands(totals.to_floor.by_indicator[k]),
                                thousands(totals.school_plans.by_indicator[k]),
                                thousands(totals.floor_plans.by_indicator[k])});
        }
        for (std::size_t u = 0; u < totals.to_standard.by_unit.size(); ++u) {
            const std::string unit_name(text_.unit_name(totals.to_standard.by_unit[u].unit));
            markdown_row(out_, {"**" + text_(Text::all_of_unit, unit_name) + "**", unit_name,
                                thousands(totals.to_standard.by_unit[u].amount),
                                thousands(totals.to_floor.by_unit[u].amount),
                                thousands(totals.school_plans.by_unit[u].amount),
                                thousands(totals.floor_plans.by_unit[u].amount)});
        }
        out_ << '\n' << text_[Text::all_note];
        int teacher_indicators = 0;
        for (const auto& d : gaps_.profile.indicators) {
            teacher_indicators += resource_unit(d.column) == "teachers";
        }
        if (teacher_indicators > 1) out_ << text_[Text::teacher_overlap_note];
        out_ << "\n\n";
    }

    const GapReport& gaps_;
    const Labels& text_;
    std::ostream& out_;
};

class MarkdownGapWriter final : public GapWriter {
  public:
    MarkdownGapWriter(std::ostream& out, const ReportContext& context)
        : GapWriter(out), text_(labels_for(context.language)), summary_(context.summary) {}
    bool head_needs_counts() const override { return true; }
    void head(const GapReport& gaps, const GapCounts& counts) override {
        Writer(gaps, text_, out_).preamble(counts);
        if (!summary_) return;
        const std::string paragraph = summaries_.text(gaps.profile, text_.language());
        if (paragraph.empty()) return;
        out_ << "## " << text_[Text::summary_heading] << "\n\n"
             << markdown_text(paragraph) << "\n\n";
    }
    void expect_groups(std::size_t groups) override {
        if (summary_) summaries_.reset(groups);
    }
    void group(const GapReport& gaps, const GroupGaps& group, std::size_t rank,
               std::string& text) const override {
        TextStream out;
        Writer(gaps, text_, out).write_group(group);
        text += out.str();
        if (summary_) summaries_.add(rank, group, gaps.profile);
    }
    void tail(const GapReport&, const GapCounts& counts) override {
        if (counts.groups == 0) out_ << text_[Text::no_groups] << '\n';
    }

  private:
    const Labels& text_;
    bool summary_;
    /// Filled by group(), a slot per group: concurrent calls write different slots.
    mutable GapSummaryCollector summaries_;
};

}  // namespace

std::unique_ptr<GapWriter> make_gap_markdown_writer(std::ostream& out,
                                                    const ReportContext& context) {
    return std::make_unique<MarkdownGapWriter>(out, context);
}

}  // namespace eduqb
