// Markdown reports shaped like the tables inspectors publish: per group, a row of district
// values and a row of difference coefficients, one column per indicator plus the composite.

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/escape.hpp"
#include "base/text_stream.hpp"
#include "compute/trends.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report_sink.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

using detail::limit_text;
using detail::markdown_code;
using detail::markdown_row;
using detail::markdown_text;
using detail::rounded;

using detail::thousands;

void table_rule(std::ostream& out, std::size_t columns) {
    detail::markdown_rule(out, columns);
}

std::string na_text(NaReason reason) {
    return fmt::format("NA ({})", describe(reason));
}

/// Escaped for Markdown: the district comes from the input.
std::string group_title(const GroupKey& key) {
    std::string title = key.district.empty() ? std::string() : markdown_text(key.district) + " ";
    if (key.year) title += std::to_string(*key.year) + " ";
    return title + fmt::format("{} ({})", to_chinese(key.stage), to_string(key.stage));
}

void write_preamble(const Report& report, const Verdicts& verdicts, std::ostream& out) {
    const Profile& profile = report.profile;
    out << "# Balance evaluation report (均衡发展评估报告)\n\n";
    // Every text from a profile or the input is escaped: a line break or a '|' in it must not
    // start a heading or break a table.
    out << "- **Profile:** " << markdown_code(profile.id) << " — " << markdown_text(profile.title);
    if (!profile.title_en.empty()) out << " (" << markdown_text(profile.title_en) << ")";
    out << "; source: " << markdown_text(profile.source);
    if (!profile.file.empty()) {
        out << (profile.edited ? "; **" : "; ") << markdown_text(profile_file_note(profile))
            << (profile.edited ? "**" : "");
    }
    out << '\n';
    out << "- **Estimator:** " << kEstimatorText << '\n';
    out << "- **Input:** ";
    for (std::size_t i = 0; i < report.inputs.size(); ++i) {
        out << (i ? ", " : "") << markdown_code(report.inputs[i]);
    }
    out << '\n';
    out << fmt::format("- **Result:** {} group(s): {} pass, {} fail", verdicts.groups,
                       verdicts.passed, verdicts.failed());
    if (verdicts.not_judged > 0) out << fmt::format(", {} not judged", verdicts.not_judged);
    out << '\n';
    out << "- **Excluded sections:** " << report.excluded_total();
    if (!report.excluded_by_rule.empty()) {
        out << " (";
        bool first = true;
        for (const auto& [rule, count] : report.excluded_by_rule) {
            out << (first ? "" : ", ") << rule << ": " << count;
            first = false;
        }
        out << ")";
    }
    out << "\n";
    for (const auto& note : report.reading_notes) {
        out << "- **Read:** " << markdown_text(note) << '\n';
    }
    if (!report.rows_not_read.empty()) {
        out << "- **Rows not read as schools:** " << report.rows_not_read.size() << " (";
        for (std::size_t i = 0; i < report.rows_not_read.size(); ++i) {
            const RowNotRead& row = report.rows_not_read[i];
            out << (i ? "; " : "") << markdown_text(row.input) << ':' << row.line << ' '
                << row.reason_id;
        }
        out << ")\n";
    }
    out << "- **eduqb:** " << eduqb_version() << "\n\n";
}

/// The header rows every group's tables repeat, escaped once per report.
struct TableHeads {
    std::string indicators;  ///< the coefficient table: indicators, then the composite
    std::string areas;       ///< the urban/rural comparison: indicators
    std::string schools;     ///< the school table (school level)

    explicit TableHeads(const Profile& profile) {
        std::vector<std::string> header = {""};
        for (const auto& def : profile.indicators) header.push_back(def.label_zh);
        areas = head_rows(header);
        header.emplace_back("综合差异系数 composite");
        indicators = head_rows(header);
        header = {"学校代码 id", "学校名称 name", "类型 type", "学生数 students"};
        for (const auto& def : profile.indicators) header.push_back(def.label_zh);
        header.emplace_back("达标 reached");
        header.emplace_back("结论 verdict");
        for (const auto& check : profile.school_checks) header.push_back(check.label_zh);
        schools = head_rows(header);
    }

  private:
    static std::string head_rows(const std::vector<std::string>& header) {
        TextStream out;
        markdown_row(out, header);
        table_rule(out, header.size());
        return out.str();
    }
};

/// Sentences naming every check that failed, so a reader need not scan the table; in Markdown.
std::vector<std::string> failures(const Report& report, const GroupResult& group) {
    std::vector<std::string> reasons;
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const auto& indicator = group.indicators[k];
        if (indicator.pass == false) {
            reasons.push_back(fmt::format("difference coefficient of {} is {:.3f}, limit {}",
                                          markdown_text(report.profile.indicators[k].label_zh),
                                          indicator.dispersion.cv.value,
                                          limit_text(*indicator.limit, 2)));
        }
    }
    if (group.composite.pass == false) {
        reasons.push_back(fmt::format("composite difference coefficient is {:.3f}, limit {}",
                                      group.composite.cv.value,
                                      limit_text(*group.composite.limit, 2)));
    }
    if (group.schools_failing && *group.schools_failing > 0) {
        reasons.push_back(fmt::format("{} school(s) do not meet the per-school standards",
                                      *group.schools_failing));
    }
    return reasons;
}

/// One line per school check: how many sections fail it (and how many lack the data).
void write_checks_summary(const Report& report, const GroupResult& group, std::ostream& out) {
    if (group.checks.empty() && !report.profile.two_types) return;
    out << "Per-school checks (学校其他指标):";
    for (std::size_t c = 0; c < group.checks.size(); ++c) {
        const auto& check = group.checks[c];
        out << fmt::format(" {} ({}): {} failing",
                           markdown_text(report.profile.school_checks[c].label_zh),
                           markdown_text(check.id), check.failing);
        if (check.missing > 0) out << fmt::format(", {} without data", check.missing);
        out << ';';
    }
    if (report.profile.two_types) {
        out << fmt::format(
            " 乡村小规模学校 rural small schools: {}; 乡镇寄宿制学校 township "
            "boarding schools: {}.",
            group.rural_small, group.township_boarding);
    }
    out << "\n\n";
}

/// Each indicator's value over the urban, town and rural schools, and the urban-rural gap.
void write_area_comparison(const Report& report, const TableHeads& heads, const GroupResult& group,
                           std::ostream& out) {
    if (group.by_area.size() < 2) return;
    const auto& defs = report.profile.indicators;
    out << "城乡比较 (values by area type):\n\n" << heads.areas;
    for (const auto& area : group.by_area) {
        std::vector<std::string> row = {fmt::format("{} {} ({} school{})", to_chinese(area.area),
                                                    to_string(area.area), area.schools,
                                                    area.schools == 1 ? "" : "s")};
        for (std::size_t k = 0; k < defs.size(); ++k) {
            row.push_back(area.values[k].defined()
                              ? rounded(area.values[k].value, detail::value_decimals(defs[k]))
                              : "NA");
        }
        markdown_row(out, row);
    }
    const auto gaps = detail::urban_rural_gaps(group);
    if (!gaps.empty()) {
        std::vector<std::string> difference(defs.size() + 1, "");
        std::vector<std::string> ratio(defs.size() + 1, "");
        difference[0] = "城乡差距 urban − rural";
        ratio[0] = "城乡比 urban / rural";
        for (const auto& gap : gaps) {
            difference[gap.indicator + 1] = detail::signed_rounded(
                gap.urban - gap.rural, detail::value_decimals(defs[gap.indicator]));
            ratio[gap.indicator + 1] = gap.rural != 0 ? rounded(gap.urban / gap.rural, 2) : "NA";
        }
        markdown_row(out, difference);
        markdown_row(out, ratio);
    }
    out << '\n';
}

void write_group(const Report& report, const TableHeads& heads, const GroupResult& group,
                 std::ostream& out) {
    out << "## " << group_title(group.key) << ": "
        << (!group.judged ? "NOT JUDGED"
            : group.pass  ? "PASS"
                          : "FAIL")
        << "\n\n";
    if (!group.judged && detail::no_section_judged(group)) {
        out << "No section could be judged by the per-school rule: each lacks a value it needs "
               "(an empty cell, --missing skip), and the difference coefficients alone do not "
               "make the group pass.\n\n";
    } else if (!group.judged) {
        out << "No rule could be applied: a difference coefficient needs at least 2 schools, "
               "and no school here could be judged by a per-school rule.\n\n";
    }
    out << fmt::format("{} schools · {} students · {} excluded", group.schools,
                       thousands(group.students), group.excluded);
    if (group.schools_compliant) {
        out << fmt::format(" · per-school standards met by {}, not met by {}",
                           *group.schools_compliant, *group.schools_failing);
        if (group.schools_not_judged > 0) {
            out << fmt::format(", not judged {} (a value is missing)", group.schools_not_judged);
        }
    }
    out << "\n\n";

    const auto& defs = report.profile.indicators;
    out << heads.indicators;

    std::vector<std::string> values = {"区县值 district value"};
    std::vector<std::string> cvs = {"差异系数 CV"};
    std::vector<std::string> limits = {"限值 limit"};
    std::vector<std::string> verdicts = {"结论 verdict"};
    for (std::size_t k = 0; k < defs.size(); ++k) {
        const auto& indicator = group.indicators[k];
        const auto& dispersion = indicator.dispersion;
        values.push_back(dispersion.value.defined()
                             ? rounded(dispersion.value.value, detail::value_decimals(defs[k]))
                             : na_text(dispersion.value.na));
        cvs.push_back(dispersion.cv.defined() ? rounded(dispersion.cv.value, 3)
                                              : na_text(dispersion.cv.na));
        limits.push_back(indicator.limit ? limit_text(*indicator.limit, 2) : "—");
        verdicts.push_back(indicator.pass ? detail::verdict_text(indicator.pass) : "—");
    }
    const auto& composite = group.composite;
    values.emplace_back("");
    // A method that sets no composite limit leaves the column blank, as published tables do.
    if (!composite.limit) {
        cvs.emplace_back("");
    } else {
        cvs.push_back(composite.cv.defined() ? rounded(composite.cv.value, 3)
                                             : na_text(composite.cv.na));
    }
    limits.push_back(composite.limit ? limit_text(*composite.limit, 2) : "—");
    verdicts.push_back(composite.pass ? detail::verdict_text(composite.pass) : "—");
    for (const auto* row : {&values, &cvs, &limits, &verdicts}) markdown_row(out, *row);
    out << '\n';

    bool any_missing = false;
    for (const auto& indicator : group.indicators) any_missing |= indicator.missing > 0;
    if (any_missing) {
        out << "Schools left out for empty cells:";
        for (std::size_t k = 0; k < defs.size(); ++k) {
            if (group.indicators[k].missing > 0) {
                out << ' ' << markdown_text(defs[k].id) << ": " << group.indicators[k].missing
                    << ';';
            }
        }
        out << "\n\n";
    }
    const auto reasons = failures(report, group);
    for (const auto& reason : reasons) out << "- FAIL: " << reason << '\n';
    if (!reasons.empty()) out << '\n';
    write_checks_summary(report, group, out);
    write_area_comparison(report, heads, group, out);
}

std::string status_mark(StandardStatus status) {
    switch (status) {
        case StandardStatus::above_floor:
            return " ▽";
        case StandardStatus::below_floor:
            return " ✗";
        default:
            return "";
    }
}

std::string check_text(const SchoolCheck& check, double value, CheckStatus status) {
    const int decimals = check.measure == CheckMeasure::school_students ? 0
                         : check.measure == CheckMeasure::class_size    ? 1
                                                                        : 2;
    switch (status) {
        case CheckStatus::not_applicable:
            return "—";
        case CheckStatus::missing:
            return "NA";
        case CheckStatus::pass:
            return rounded(value, decimals);
        case CheckStatus::fail:
            return rounded(value, decimals) + " ✗";
    }
    return "";
}

/// 两类学校: the rural small and township boarding schools, each with what it lacks
/// (缺什么): the standards it misses and the checks it fails.
void write_two_types(const Report& report, const GroupResult& group,
                     const std::vector<const SchoolResult*>& schools, std::ostream& out) {
    if (!report.profile.two_types || group.rural_small + group.township_boarding == 0) return;
    const auto& defs = report.profile.indicators;
    out << "### 两类学校 (rural small schools and township boarding schools)\n\n";
    markdown_row(out, {"学校代码 id", "学校名称 name", "类别 type", "学生数 students",
                       "缺什么 what it lacks"});
    table_rule(out, 5);
    for (const SchoolResult* each : schools) {
        const SchoolResult& school = *each;
        if (!school.two_types()) continue;
        std::vector<std::string> lacks;
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const auto& standard = for_stage(defs[k].standard, school.key.stage);
            if (school.statuses[k] == StandardStatus::above_floor ||
                school.statuses[k] == StandardStatus::below_floor) {
                lacks.push_back(
                    fmt::format("{} {} < {}", defs[k].label_zh,
                                rounded(school.values[k], detail::value_decimals(defs[k])),
                                rounded(*standard, detail::value_decimals(defs[k]))));
            } else if (school.statuses[k] == StandardStatus::missing) {
                lacks.push_back(fmt::format("{} NA (no value)", defs[k].label_zh));
            }
        }
        for (std::size_t c = 0; c < school.check_statuses.size(); ++c) {
            if (school.check_statuses[c] != CheckStatus::fail) continue;
            const SchoolCheck& check = report.profile.school_checks[c];
            const auto limit = check.limit_for(school.school_type, school.key.stage);
            lacks.push_back(fmt::format("{} {} (limit {})", check.label_zh,
                                        rounded(school.check_values[c], 1), limit_text(*limit, 0)));
        }
        std::string kind = school.rural_small && school.township_boarding
                               ? "乡村小规模, 乡镇寄宿制"
                               : (school.rural_small ? "乡村小规模学校" : "乡镇寄宿制学校");
        if (detail::school_not_judged(report.profile, school)) {
            lacks.emplace_back("not judged by the per-school rule");
        }
        markdown_row(out, {school.school_id, school.school_name, kind, thousands(school.students),
                           lacks.empty() ? "nothing: every standard reached"
                                         : fmt::format("{}", fmt::join(lacks, "; "))});
    }
    out << '\n';
}

void write_school_table(const Report& report, const TableHeads& heads, const GroupResult& group,
                        const std::vector<const SchoolResult*>& schools, std::ostream& out) {
    const auto& defs = report.profile.indicators;
    out << "### Schools (学校)\n\n" << heads.schools;
    for (const SchoolResult* each : schools) {
        const SchoolResult& school = *each;
        std::vector<std::string> row = {school.school_id, school.school_name,
                                        std::string(to_chinese(school.school_type)),
                                        thousands(school.students)};
        for (std::size_t k = 0; k < defs.size(); ++k) {
            row.push_back(is_missing(school.values[k])
                              ? "NA"
                              : rounded(school.values[k], detail::value_decimals(defs[k])) +
                                    status_mark(school.statuses[k]));
        }
        row.push_back(std::to_string(school.reached));
        row.push_back(school.compliant ? (*school.compliant ? "meets" : "does not meet")
                      : detail::school_not_judged(report.profile, school) ? "not judged"
                                                                          : "—");
        for (std::size_t c = 0; c < school.check_values.size(); ++c) {
            row.push_back(check_text(report.profile.school_checks[c], school.check_values[c],
                                     school.check_statuses[c]));
        }
        markdown_row(out, row);
    }
    out << "\n▽ below the standard but at least the floor; ✗ below the floor (or a failed "
           "check).\n\n";
    write_two_types(report, group, schools, out);
}

void write_exclusions(const Report& report, std::ostream& out) {
    if (report.exclusions.empty()) return;
    out << "## Excluded sections (未纳入评估)\n\n";
    markdown_row(out, {"学校代码 id", "学校名称 name", "区县 district", "学段 stage",
                       "学生数 students", "rule", "reason", "line"});
    table_rule(out, 8);
    for (const auto& excluded : report.exclusions) {
        markdown_row(out, {excluded.school_id, excluded.school_name, excluded.key.district,
                           std::string(to_string(excluded.key.stage)), thousands(excluded.students),
                           excluded.rule_id, excluded.rule,
                           fmt::format("{}:{}", report.inputs.at(excluded.source.file),
                                       excluded.source.line)});
    }
    out << '\n';
}

/// "+0.012", "-0.025", or "0.000" when the change rounds to nothing (never "-0.000").
std::string change_text(double change) {
    const std::string text = fmt::format("{:+.3f}", change);
    return text == "+0.000" || text == "-0.000" ? "0.000" : text;
}

/// Each indicator's CV per year and the change from the year before, per district and stage.
void write_trends(const Report& report, const std::vector<Trend>& trends, std::ostream& out) {
    for (const auto& trend : trends) {
        out << "## Trends (历年变化): "
            << (trend.district.empty() ? "" : markdown_text(trend.district) + " ")
            << fmt::format("{} ({})", to_chinese(trend.stage), to_string(trend.stage)) << "\n\n";
        std::vector<std::string> header = {"差异系数 CV"};
        for (int year : trend.years) header.push_back(std::to_string(year));
        for (std::size_t i = 1; i < trend.years.size(); ++i) {
            header.push_back(fmt::format("变化 change {}→{}", trend.years[i - 1], trend.years[i]));
        }
        header.emplace_back("限值 limit");
        markdown_row(out, header);
        table_rule(out, header.size());
        for (std::size_t k = 0; k < trend.indicators.size(); ++k) {
            const auto& indicator = trend.indicators[k];
            std::vector<std::string> row = {k < report.profile.indicators.size()
                                                ? report.profile.indicators[k].label_zh
                                                : "综合差异系数 composite"};
            for (const auto& point : indicator.points) {
                std::string text = point.cv.defined() ? rounded(point.cv.value, 3) : "NA";
                if (point.pass == false) text += " ✗";
                row.push_back(text);
            }
            for (std::size_t i = 1; i < indicator.points.size(); ++i) {
                const auto& change = indicator.points[i].change;
                row.push_back(change ? change_text(*change) : "—");
            }
            row.push_back(indicator.limit ? limit_text(*indicator.limit, 2) : "—");
            markdown_row(out, row);
        }
        out << "\n✗ above the limit. Changes are computed from unrounded coefficients.\n\n";
    }
}

/// The Markdown report as a sink. Its result line counts the verdicts of every group, so the
/// groups' text, formatted where each group is built, waits in memory until end().
class MarkdownSink final : public ReportSink {
  public:
    MarkdownSink(Level level, std::ostream& out) : level_(level), out_(out) {}

    void begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>&) override {
        head_ = &head;
        heads_.emplace(head.profile);
        trends_.reset(groups);
        if (level_ == Level::school) schools_.emplace(head.schools);
    }

    void group(std::size_t rank, const GroupResult& group, std::string& text) override {
        TextStream out;
        write_group(*head_, *heads_, group, out);
        if (schools_) write_school_table(*head_, *heads_, group, schools_->of(group.key), out);
        text += out.str();
        trends_.add(rank, group);
    }

    void write(const std::string& text) override { groups_text_ += text; }

    void end(const Verdicts& verdicts) override {
        write_preamble(*head_, verdicts, out_);
        out_ << groups_text_;
        if (verdicts.groups == 0) out_ << "No school section was evaluated.\n\n";
        write_trends(*head_, trends_.trends(head_->profile), out_);
        if (level_ == Level::school) write_exclusions(*head_, out_);
    }

  private:
    Level level_;
    std::ostream& out_;
    const Report* head_ = nullptr;
    std::optional<TableHeads> heads_;
    std::optional<SchoolsByGroup> schools_;
    std::string groups_text_;
    TrendCollector trends_;
};

}  // namespace

std::unique_ptr<ReportSink> make_markdown_sink(Level level, std::ostream& out) {
    return std::make_unique<MarkdownSink>(level, out);
}

void render_markdown(const Report& report, Level level, std::ostream& out) {
    MarkdownSink sink(level, out);
    replay(report, sink);
}

}  // namespace eduqb
