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
#include "report/gap_writer.hpp"
#include "report/render_common.hpp"

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
std::string group_title(const GroupKey& key) {
    std::string title = key.district.empty() ? std::string() : markdown_text(key.district) + " ";
    if (key.year) title += std::to_string(*key.year) + " ";
    return title + fmt::format("{} ({})", to_chinese(key.stage), to_string(key.stage));
}

class Writer {
  public:
    Writer(const GapReport& gaps, std::ostream& out) : gaps_(gaps), out_(out) {}

  private:
    const IndicatorDef& def(std::size_t k) const { return gaps_.profile.indicators.at(k); }
    std::string unit(std::size_t k) const { return std::string(resource_unit(def(k).column)); }
    std::string value(std::size_t k, double x) const {
        return is_missing(x) ? "NA" : rounded(x, detail::value_decimals(def(k)));
    }
    std::string amount(std::size_t k, long long units) const { return amount_text(units, unit(k)); }
    /// "1 teacher", "2 teachers", "1 class", "1,274 m²"; money from 10,000 yuan up in 万元 as
    /// offices budget it, rounded up, with the exact yuan: "27.31 万元 (273,011 yuan)".
    static std::string amount_text(long long units, std::string unit) {
        if (unit == "yuan" && units >= 10000) {
            const long long hundreds = (units + 99) / 100;
            return fmt::format("{}.{:02d} 万元 ({} yuan)", thousands(hundreds / 100),
                               hundreds % 100, thousands(units));
        }
        if (units == 1 && unit.size() > 1 && unit.back() == 's') {
            unit.pop_back();
            if (unit.size() > 2 && unit.compare(unit.size() - 2, 2, "se") == 0) unit.pop_back();
        }
        return thousands(units) + " " + unit;
    }
    std::string floor_percent() const {
        return gaps_.profile.school_rule
                   ? fmt::format("{:g} %", 100 * gaps_.profile.school_rule->floor_fraction)
                   : std::string("—");
    }

  public:
    void preamble(const GapCounts& counts) {
        const Profile& profile = gaps_.profile;
        out_ << "# Gap analysis (问题清单与一校一案)\n\n";
        // Text from a profile or the input is escaped outside tables (table_row escapes cells).
        out_ << "- **Profile:** " << markdown_code(profile.id) << " — "
             << markdown_text(profile.title);
        if (!profile.title_en.empty()) out_ << " (" << markdown_text(profile.title_en) << ")";
        out_ << "; source: " << markdown_text(profile.source);
        if (!profile.file.empty()) {
            out_ << (profile.edited ? "; **" : "; ") << markdown_text(profile_file_note(profile))
                 << (profile.edited ? "**" : "");
        }
        out_ << '\n';
        out_ << "- **Per-school rule:** ";
        if (profile.school_rule) {
            out_ << fmt::format(
                "at least {} standards reached and every other one at least {} of its "
                "standard (the floor)\n",
                profile.school_rule->min_reached, floor_percent());
        } else {
            out_ << "none in this profile\n";
        }
        out_ << "- **Input:** ";
        for (std::size_t i = 0; i < gaps_.inputs.size(); ++i) {
            out_ << (i ? ", " : "") << markdown_code(gaps_.inputs[i]);
        }
        out_ << '\n';
        out_ << fmt::format(
            "- **Result:** {} group(s); {} section(s) miss a standard or fail a check; {} "
            "difference "
            "coefficient(s) over their limit\n",
            counts.groups, counts.sections, counts.failing);
        out_ << fmt::format(
            "- **Excluded sections:** {} (eduqb compute --level school lists them)\n",
            gaps_.excluded);
        out_ << "- **eduqb:** " << eduqb_version() << "\n\n";
        out_ << "Amounts are in natural units, rounded up: whole teachers, m², yuan (from 10,000 "
                "yuan up in 万元, with the exact yuan), rooms. Rules and formulas: "
                "docs/gaps.md.\n\n";
    }

    void write_group(const GroupGaps& group) {
        out_ << "## " << group_title(group.key) << "\n\n";
        long failing = 0;
        for (const auto& check : group.cv_checks) failing += check.pass == false;
        out_ << fmt::format("{} schools · {} students", group.schools, thousands(group.students));
        if (group.schools_compliant) {
            out_ << fmt::format(" · per-school rule met by {}, not met by {}",
                                *group.schools_compliant, *group.schools_failing);
        }
        out_ << fmt::format(" · {} section(s) with gaps · {} coefficient(s) over the limit\n\n",
                            group.gap_schools.size(), failing);
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
        std::string text;
        for (const auto& total : totals.by_unit) {
            text += (text.empty() ? "" : ", ") + amount_text(total.amount, total.unit);
        }
        return text;
    }

    void totals_sentence(const GroupGaps& group) {
        const auto& totals = group.totals;
        bool any_plan = false;
        for (const auto& check : group.cv_checks) any_plan |= check.plan.has_value();
        std::vector<std::string> clauses;
        if (gaps_.profile.has_standards(group.key.stage)) {
            clauses.push_back("to bring every section to the standards the district needs " +
                              unit_list(totals.to_standard));
            if (gaps_.profile.school_rule) {
                clauses.push_back("to the floors (" + floor_percent() + ") " +
                                  unit_list(totals.to_floor));
                clauses.push_back("for the per-school plans (一校一案) " +
                                  unit_list(totals.school_plans));
            }
        }
        if (any_plan) {
            clauses.push_back("for the floor plans of the failing coefficients " +
                              unit_list(totals.floor_plans));
        }
        std::string checks;
        for (std::size_t c = 0; c < totals.checks.size(); ++c) {
            if (totals.checks[c] == 0) continue;
            const SchoolCheck& check = check_def(c);
            checks +=
                fmt::format("{}{} {}{}", checks.empty() ? "" : ", ", markdown_text(check.label_zh),
                            amount_text(totals.checks[c], std::string(check_unit(check))),
                            check.measure == CheckMeasure::school_students ? " over the caps" : "");
        }
        if (!checks.empty()) clauses.push_back("for the school checks " + checks);
        if (clauses.empty()) return;
        clauses.front()[0] = static_cast<char>(std::toupper(clauses.front()[0]));
        out_ << "**District totals (合计).** ";
        for (std::size_t i = 0; i < clauses.size(); ++i) out_ << (i ? "; " : "") << clauses[i];
        out_ << ".\n\n";
    }

    void problem_list(const GroupGaps& group) {
        out_ << "### Problem list (问题清单)\n\n";
        if (!gaps_.profile.has_standards(group.key.stage)) {
            out_ << "The profile sets no per-school standards for this stage.\n\n";
            return;
        }
        if (!any_indicator_gap(group)) {
            out_ << "Every section reaches every standard.\n\n";
            return;
        }
        table_head(out_,
                   {"学校代码 id", "学校名称 name", "学生数 students", "指标 indicator",
                    "现值 value", "标准 standard", "达成 of standard", "状态 status",
                    "补至标准 to standard", fmt::format("补至底线 to floor ({})", floor_percent())},
                   "llrlrrrlrr");
        for (const auto& school : group.gap_schools) {
            for (const auto& gap : school.gaps) {
                const std::size_t k = gap.indicator;
                const bool missing = gap.status == StandardStatus::missing;
                markdown_row(
                    out_, {school.school_id, school.school_name, thousands(school.students),
                           def(k).label_zh, value(k, gap.value), level_text(gap.standard),
                           missing ? "—" : percent(gap.value / gap.standard),
                           missing                                     ? "missing"
                           : gap.status == StandardStatus::below_floor ? "✗ below floor"
                                                                       : "▽ above floor",
                           missing ? "—" : amount(k, gap.to_standard),
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
        const std::string unit(check_unit(check));
        if (check.measure == CheckMeasure::school_students) {
            return amount_text(*gap.amount, unit) + " over the cap";
        }
        return "+" + amount_text(*gap.amount, unit);
    }

    std::string check_value_text(const CheckGap& gap) const {
        if (is_missing(gap.value)) return "NA";
        return check_def(gap.check).measure == CheckMeasure::class_size ? rounded(gap.value, 2)
                                                                        : significant(gap.value);
    }

    std::string check_limit_text(const CheckGap& gap) const {
        return fmt::format("{} {}", to_symbol(gap.limit.op), level_text(gap.limit.value));
    }

    void write_check_table(const GroupGaps& group) {
        table_head(out_,
                   {"学校代码 id", "学校名称 name", "学生数 students", "检查 check", "现值 value",
                    "限值 limit", "补什么 what closes it"},
                   "llrlrrr");
        for (const auto& school : group.gap_schools) {
            for (const auto& gap : school.checks) {
                markdown_row(out_,
                             {school.school_id, school.school_name, thousands(school.students),
                              check_def(gap.check).label_zh, check_value_text(gap),
                              check_limit_text(gap), check_amount_text(gap)});
            }
        }
        out_ << "\nClasses: classes to add at the same number of students so that the average "
                "class meets the cap; students: students the size cap counts above it.\n\n";
    }

    void school_checks(const GroupGaps& group) {
        bool any = false;
        for (const auto& school : group.gap_schools) any |= !school.checks.empty();
        std::string missing;
        for (std::size_t c = 0; c < group.checks_missing.size(); ++c) {
            if (group.checks_missing[c] == 0) continue;
            missing += fmt::format("{}{}: {} section(s)", missing.empty() ? "" : "; ",
                                   markdown_text(check_def(c).label_zh), group.checks_missing[c]);
        }
        if (!any && missing.empty()) return;
        out_ << "### School checks (班额、规模等)\n\n";
        if (any) write_check_table(group);
        if (!missing.empty()) out_ << "Not judged for lack of data: " << missing << ".\n\n";
    }

    /// 两类学校 with 缺什么、补什么: every standard missed and check failed, with its amount.
    void two_types(const GroupGaps& group) {
        if (group.two_types.empty()) return;
        out_ << "### 两类学校 (rural small schools and township boarding schools)\n\n";
        table_head(out_,
                   {"学校代码 id", "学校名称 name", "类别 type", "学生数 students",
                    "缺什么、补什么 what it lacks, what to add (to the standard)"},
                   "lllrl");
        for (const auto& entry : group.two_types) {
            std::vector<std::string> lacks;
            if (entry.gaps) {
                const SchoolGaps& school = group.gap_schools.at(*entry.gaps);
                for (const auto& gap : school.gaps) {
                    const std::size_t k = gap.indicator;
                    if (gap.status == StandardStatus::missing) {
                        lacks.push_back(def(k).label_zh + " NA");
                        continue;
                    }
                    lacks.push_back(fmt::format("{} {} < {}: +{}", def(k).label_zh,
                                                value(k, gap.value), level_text(gap.standard),
                                                amount(k, gap.to_standard)));
                }
                for (const auto& gap : school.checks) {
                    lacks.push_back(fmt::format(
                        "{} {} (limit {}): {}", check_def(gap.check).label_zh,
                        check_value_text(gap), check_limit_text(gap), check_amount_text(gap)));
                }
            }
            std::string kind = entry.rural_small && entry.township_boarding
                                   ? "乡村小规模, 乡镇寄宿制"
                                   : (entry.rural_small ? "乡村小规模学校" : "乡镇寄宿制学校");
            std::string text;
            for (const auto& item : lacks) text += (text.empty() ? "" : "; ") + item;
            markdown_row(
                out_, {entry.school_id, entry.school_name, kind, thousands(entry.students),
                       text.empty() ? "nothing: every standard reached, every check met" : text});
        }
        out_ << '\n';
    }

    std::string plan_text(const SchoolGaps& school) const {
        switch (school.verdict) {
            case SchoolVerdict::passes: {
                // The rule is met; a failed school check (class size, school size) still
                // needs action, and must not read as nothing to do.
                std::string checks;
                for (const auto& gap : school.checks) {
                    checks += fmt::format("; {} {} (limit {}): {}", check_def(gap.check).label_zh,
                                          check_value_text(gap), check_limit_text(gap),
                                          check_amount_text(gap));
                }
                return checks.empty() ? "none needed" : "per-school rule met" + checks;
            }
            case SchoolVerdict::not_fixable:
                return "cannot pass: the stage sets fewer standards than the rule asks to reach";
            case SchoolVerdict::not_judged:
                return gaps_.profile.school_rule ? "not judged: a value is missing"
                                                 : "no per-school rule";
            case SchoolVerdict::fixable:
                break;
        }
        std::string text;
        for (const auto& action : school.plan) {
            const std::size_t k = action.indicator;
            text += fmt::format("{}{} → {} {}: +{}", text.empty() ? "" : "; ", def(k).label_zh,
                                to_string(action.target), level_text(action.level),
                                amount(k, action.amount));
        }
        return text;
    }

    void school_plans(const GroupGaps& group) {
        if (!any_indicator_gap(group)) return;
        out_ << "### Per-school plan (一校一案)\n\n";
        out_ << "The cheapest set of fixes that makes each section meet the per-school rule: "
                "every indicator below its floor raised to the floor, and the missing standards "
                "reached where the shortfall beyond the floor is smallest.\n\n";
        table_head(out_,
                   {"学校代码 id", "学校名称 name", "达标 reached", "现状 now",
                    "方案 plan (cheapest)", "代价 cost (share of standard)"},
                   "llrllr");
        int standards = 0;
        for (const auto& d : gaps_.profile.indicators) {
            standards += for_stage(d.standard, group.key.stage).has_value();
        }
        for (const auto& school : group.gap_schools) {
            if (school.gaps.empty()) continue;
            const char* now = school.verdict == SchoolVerdict::passes       ? "meets"
                              : school.verdict == SchoolVerdict::not_judged ? "not judged"
                                                                            : "does not meet";
            markdown_row(
                out_, {school.school_id, school.school_name,
                       fmt::format("{} of {}", school.reached, standards), now, plan_text(school),
                       school.verdict == SchoolVerdict::fixable ? percent(school.plan_cost) : "—"});
        }
        out_ << '\n';
    }

    std::string limit_with_source(const CvCheck& check) const {
        return limit_text(check.limit, 2) +
               (check.source == LimitSource::composite ? " (composite limit)" : "");
    }

    void coefficients(const GroupGaps& group) {
        if (group.cv_checks.empty()) return;
        out_ << "### Difference coefficients (差异系数)\n\n";
        table_head(out_, {"指标 indicator", "CV", "限值 limit", "结论 verdict"}, "lrrl");
        bool composite = false;
        for (const auto& check : group.cv_checks) {
            composite |= check.source == LimitSource::composite;
            markdown_row(out_, {def(check.indicator).label_zh,
                                check.cv.defined() ? rounded(check.cv.value, 3)
                                                   : fmt::format("NA ({})", describe(check.cv.na)),
                                limit_with_source(check),
                                check.pass ? (*check.pass ? "pass" : "fail") : "—"});
        }
        out_ << '\n';
        bool left_out = false;
        for (const auto& check : group.cv_checks) left_out |= check.left_out > 0;
        if (left_out) {
            out_ << "Schools left out for empty cells:";
            for (const auto& check : group.cv_checks) {
                if (check.left_out > 0) {
                    out_ << ' ' << markdown_text(def(check.indicator).id) << ": " << check.left_out
                         << ';';
                }
            }
            out_ << "\n\n";
        }
        if (composite) {
            out_ << "The profile judges only the composite coefficient; an indicator whose own "
                    "coefficient exceeds the composite limit is treated as failing here, to "
                    "show which indicators raise the composite.\n\n";
        }
    }

    void audit(const CvCheck& check) {
        const std::size_t k = check.indicator;
        const Audit& audit = *check.audit;
        out_ << fmt::format("### Audit (差异系数核算): {} — CV {:.3f}, limit {}\n\n",
                            markdown_text(def(k).label_zh), check.cv.value,
                            limit_with_source(check));
        out_ << fmt::format(
            "P = {} students · X̄ = {} {} · Σ P_i/P·(X_i − X̄)² = S² = {} · S = {} · "
            "CV = S/X̄ = {:.6f}",
            thousands(audit.students), significant(audit.mean), markdown_text(def(k).unit),
            significant(audit.sum_terms), significant(audit.sd), audit.cv);
        if (check.left_out > 0) {
            out_ << fmt::format(" · {} school(s) without a value left out", check.left_out);
        }
        out_ << "\n\n";
        double driver_share = audit.drivers ? audit.rows[audit.drivers - 1].cumulative : 0;
        out_ << fmt::format(
            "★ drivers: the {} largest contributor(s), {} of the sum (the fewest reaching {}).\n\n",
            audit.drivers, percent(driver_share), percent(gaps_.options.driver_share));
        table_head(out_,
                   {"#", "学校代码 id", "学校名称 name", "P_i", "X_i", "X_i − X̄",
                    "P_i/P·(X_i − X̄)²", "share", "cumulative", "driver"},
                   "rllrrrrrrl");
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
        out_ << fmt::format("### Floor plan (补短板方案): {}\n\n", markdown_text(def(k).label_zh));
        if (!plan.reachable) {
            out_ << fmt::format(
                "No floor up to the largest value ({} {}) brings the coefficient within {}.\n\n",
                value(k, plan.level), markdown_text(def(k).unit), limit_with_source(check));
            return;
        }
        const std::string limit = limit_with_source(check);
        out_ << fmt::format(
            "Raise every school below L = {:.4f} {} to L (the others unchanged): {} school(s), "
            "{} in total.\n\n",
            plan.level, markdown_text(def(k).unit), plan.schools.size(), amount(k, plan.total));
        out_ << fmt::format("- CV with every school at least L: {:.9f} (limit {})\n",
                            plan.cv_at_level, limit);
        out_ << fmt::format("- CV with the floor at L·(1 − 10⁻⁶): {:.9f} ({})\n",
                            plan.cv_just_below,
                            satisfies(plan.cv_just_below, check.limit) ? "within" : "over");
        out_ << fmt::format("- CV after the rounded amounts below: {:.9f} ({})\n\n", plan.cv_after,
                            plan.pass_after ? "pass" : "fail");
        if (plan.schools.empty()) return;
        table_head(out_, {"学校代码 id", "学校名称 name", "P_i", "X_i", "补充 add", "X_i after"},
                   "llrrrr");
        for (const auto& row : plan.schools) {
            markdown_row(
                out_, {row.school_id, row.school_name, thousands(row.students), value(k, row.value),
                       "+" + amount(k, row.amount), value(k, row.new_value)});
        }
        out_ << '\n';
    }

    void totals_table(const GroupGaps& group) {
        if (gaps_.profile.indicators.empty()) return;
        const auto& totals = group.totals;
        out_ << "### Totals (合计)\n\n";
        table_head(out_,
                   {"指标 indicator", "unit", "to standards", "to floors", "per-school plans",
                    "floor plans"},
                   "llrrrr");
        for (std::size_t k = 0; k < gaps_.profile.indicators.size(); ++k) {
            markdown_row(out_,
                         {def(k).label_zh, unit(k), thousands(totals.to_standard.by_indicator[k]),
                          thousands(totals.to_floor.by_indicator[k]),
                          thousands(totals.school_plans.by_indicator[k]),
                          thousands(totals.floor_plans.by_indicator[k])});
        }
        for (std::size_t u = 0; u < totals.to_standard.by_unit.size(); ++u) {
            markdown_row(out_, {"**all " + totals.to_standard.by_unit[u].unit + "**",
                                totals.to_standard.by_unit[u].unit,
                                thousands(totals.to_standard.by_unit[u].amount),
                                thousands(totals.to_floor.by_unit[u].amount),
                                thousands(totals.school_plans.by_unit[u].amount),
                                thousands(totals.floor_plans.by_unit[u].amount)});
        }
        out_ << "\nThe **all** lines add the indicators counted in the same unit.";
        int teacher_indicators = 0;
        for (const auto& d : gaps_.profile.indicators) {
            teacher_indicators += resource_unit(d.column) == "teachers";
        }
        if (teacher_indicators > 1) {
            out_ << " Teacher categories overlap (a backbone teacher may also hold a degree above "
                    "the required one), so the teachers line counts positions by category, an "
                    "upper bound on the head count.";
        }
        out_ << "\n\n";
    }

    const GapReport& gaps_;
    std::ostream& out_;
};

class MarkdownGapWriter final : public GapWriter {
  public:
    using GapWriter::GapWriter;
    bool head_needs_counts() const override { return true; }
    void head(const GapReport& gaps, const GapCounts& counts) override {
        Writer(gaps, out_).preamble(counts);
    }
    void group(const GapReport& gaps, const GroupGaps& group, std::size_t,
               std::string& text) const override {
        TextStream out;
        Writer(gaps, out).write_group(group);
        text += out.str();
    }
    void tail(const GapReport&, const GapCounts& counts) override {
        if (counts.groups == 0) out_ << "No school section was evaluated.\n";
    }
};

}  // namespace

std::unique_ptr<GapWriter> make_gap_markdown_writer(std::ostream& out) {
    return std::make_unique<MarkdownGapWriter>(out);
}

}  // namespace eduqb
