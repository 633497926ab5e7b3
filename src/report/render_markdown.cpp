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
#include "compute/measures.hpp"
#include "compute/trends.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report_sink.hpp"
#include "report/labels.hpp"
#include "report/measure_cells.hpp"
#include "report/render_common.hpp"
#include "report/school_lacks.hpp"
#include "report/summary.hpp"

namespace eduqb {
namespace {

using detail::limit_text;
using detail::markdown_code;
using detail::markdown_row;
using detail::markdown_text;
using detail::MarkdownRowWriter;
using detail::rounded;

using detail::thousands;

void table_rule(std::ostream& out, std::size_t columns) {
    detail::markdown_rule(out, columns);
}

/// Escaped for Markdown: the district comes from the input.
std::string group_title(const Labels& text, const GroupKey& key) {
    std::string title = key.district.empty() ? std::string() : markdown_text(key.district) + " ";
    if (key.year) title += std::to_string(*key.year) + " ";
    return title + std::string(text.stage(key.stage));
}

std::string verdict_heading(const Labels& text, const GroupResult& group) {
    if (!group.judged) return std::string(text[Text::heading_not_judged]);
    return std::string(text[group.pass ? Text::heading_pass : Text::heading_fail]);
}

std::string verdict_cell(const Labels& text, const std::optional<bool>& pass) {
    if (!pass) return "—";
    return std::string(text[*pass ? Text::pass : Text::fail]);
}

std::string profile_text(const Labels& text, const Profile& profile) {
    // Every text from a profile or the input is escaped: a line break or a '|' in it must not
    // start a heading or break a table.
    std::string line =
        text(Text::profile_source,
             markdown_code(profile.id) + " — " + markdown_text(text.profile_title(profile)),
             markdown_text(profile.source));
    if (!profile.file.empty()) {
        const std::string note = markdown_text(text.profile_file_note(profile));
        line += std::string(text[Text::clause_separator]) +
                (profile.edited ? "**" + note + "**" : note);
    }
    return line;
}

void write_field(const Labels& text, Text name, const std::string& value, std::ostream& out) {
    out << text(Text::field, text[name], value) << '\n';
}

void write_preamble(const Labels& text, const Report& report, const Verdicts& verdicts,
                    std::ostream& out) {
    out << "# " << text[Text::report_title] << "\n\n";
    write_field(text, Text::profile, profile_text(text, report.profile), out);
    if (!report.profile.changes.empty()) {
        std::string changes;
        for (const auto& change : report.profile.changes) {
            changes += (changes.empty() ? "" : "; ") + markdown_code(change);
        }
        write_field(text, Text::profile_changes, changes, out);
    }
    write_field(text, Text::estimator, std::string(text[Text::estimator_text]), out);
    std::string inputs;
    for (std::size_t i = 0; i < report.inputs.size(); ++i) {
        inputs += (i ? ", " : "") + markdown_code(report.inputs[i]);
    }
    write_field(text, Text::inputs, inputs, out);
    std::string result =
        text(Text::result_text, verdicts.groups, verdicts.passed, verdicts.failed());
    if (verdicts.not_judged > 0) result += text(Text::result_not_judged, verdicts.not_judged);
    write_field(text, Text::result, result, out);
    write_field(text, Text::excluded, text.excluded_summary(report), out);
    for (const auto& note : report.reading_notes) {
        write_field(text, Text::reading, markdown_text(text.reading_note(note)), out);
    }
    if (!report.rows_not_read.empty()) {
        std::string rows;
        for (const RowNotRead& row : report.rows_not_read) {
            if (!rows.empty()) rows += text[Text::clause_separator];
            rows += markdown_text(row.input) + ':' + std::to_string(row.line) + ' ' +
                    std::string(text[row.reason_id == "footer" ? Text::footer : Text::totals_row]);
        }
        write_field(text, Text::rows_not_read, rows, out);
    }
    write_field(text, Text::version, std::string(eduqb_version()), out);
    out << '\n';
}

/// The header rows every group's tables repeat, escaped once per report.
struct TableHeads {
    std::string indicators;  ///< the coefficient table: indicators, then the composite
    std::string areas;       ///< the urban/rural comparison: indicators
    std::string schools;     ///< the school table (school level)
    std::string measures;    ///< the measures beside the CV (--measures)

    TableHeads(const Labels& text, const Profile& profile) {
        std::vector<std::string> header = {""};
        for (const auto& def : profile.indicators) header.push_back(text.indicator(def));
        areas = head_rows(header);
        header.emplace_back(text[Text::composite]);
        indicators = head_rows(header);
        header = {std::string(text[Text::school_id]), std::string(text[Text::school_name]),
                  std::string(text[Text::school_type]), std::string(text[Text::students])};
        for (const auto& def : profile.indicators) header.push_back(text.indicator(def));
        header.emplace_back(text[Text::reached_count]);
        header.emplace_back(text[Text::verdict]);
        for (const auto& check : profile.school_checks) header.push_back(text.check(check));
        schools = head_rows(header);
        header = {""};
        for (auto& head : detail::measure_heads(text)) header.push_back(std::move(head));
        measures = head_rows(header);
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
std::vector<std::string> failures(const Labels& text, const Report& report,
                                  const GroupResult& group) {
    std::vector<std::string> reasons;
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const auto& indicator = group.indicators[k];
        if (indicator.pass == false) {
            reasons.push_back(text(
                Text::fail_indicator, markdown_text(text.indicator(report.profile.indicators[k])),
                rounded(indicator.dispersion.cv.value, 3), limit_text(*indicator.limit, 2)));
        }
    }
    if (group.composite.pass == false) {
        reasons.push_back(text(Text::fail_composite, rounded(group.composite.cv.value, 3),
                               limit_text(*group.composite.limit, 2)));
    }
    if (group.schools_failing && *group.schools_failing > 0) {
        reasons.push_back(text(Text::fail_schools, *group.schools_failing));
    }
    return reasons;
}

/// One line: how many sections fail each school check (and how many lack the data), and the
/// two types of schools.
void write_checks_summary(const Labels& text, const Report& report, const GroupResult& group,
                          std::ostream& out) {
    if (group.checks.empty() && !report.profile.two_types) return;
    std::string items;
    for (std::size_t c = 0; c < group.checks.size(); ++c) {
        const auto& check = group.checks[c];
        if (!items.empty()) items += text[Text::clause_separator];
        items += text(Text::check_failing,
                      markdown_text(text.check(report.profile.school_checks[c])), check.failing);
        if (check.missing > 0) items += text(Text::check_without_data, check.missing);
    }
    if (report.profile.two_types) {
        if (!items.empty()) items += text[Text::clause_separator];
        items += text(Text::two_types_counts, group.rural_small, group.township_boarding);
    }
    out << text(Text::checks_summary, items) << text[Text::sentence_end] << "\n\n";
}

std::string area_row_title(const Labels& text, const AreaSummary& area) {
    return area.schools == 1 ? text(Text::area_school_one, text.area(area.area))
                             : text(Text::area_schools, text.area(area.area), area.schools);
}

/// Each indicator's value over the urban, town and rural schools, and the urban-rural gap.
void write_area_comparison(const Labels& text, const Report& report, const TableHeads& heads,
                           const GroupResult& group, std::ostream& out) {
    if (group.by_area.size() < 2) return;
    const auto& defs = report.profile.indicators;
    out << "### " << text[Text::area_comparison] << "\n\n" << heads.areas;
    MarkdownRowWriter row(out);
    for (const auto& area : group.by_area) {
        row.cell(area_row_title(text, area));
        for (std::size_t k = 0; k < defs.size(); ++k) {
            if (area.values[k].defined()) {
                row.fixed(area.values[k].value, detail::value_decimals(defs[k]));
            } else {
                row.cell(text[Text::missing_value]);
            }
        }
        row.end();
    }
    const auto gaps = detail::urban_rural_gaps(group);
    if (!gaps.empty()) {
        // An indicator without both values has no gap, and an empty cell.
        std::vector<const detail::UrbanRuralGap*> gap_of(defs.size(), nullptr);
        for (const auto& gap : gaps) gap_of[gap.indicator] = &gap;
        row.cell(text[Text::urban_minus_rural]);
        for (std::size_t k = 0; k < defs.size(); ++k) {
            if (!gap_of[k]) {
                row.cell("");
            } else {
                row.signed_fixed(gap_of[k]->urban - gap_of[k]->rural,
                                 detail::value_decimals(defs[k]));
            }
        }
        row.end();
        row.cell(text[Text::urban_over_rural]);
        for (std::size_t k = 0; k < defs.size(); ++k) {
            if (!gap_of[k]) {
                row.cell("");
            } else if (gap_of[k]->rural == 0) {
                row.cell(text[Text::missing_value]);
            } else {
                row.fixed(gap_of[k]->urban / gap_of[k]->rural, 2);
            }
        }
        row.end();
    }
    out << '\n';
}

/// The measures beside the CV, one row per indicator, when the run computed them.
void write_measures(const Labels& text, const Report& report, const TableHeads& heads,
                    const GroupResult& group, std::ostream& out) {
    if (!detail::measures_computed(group)) return;
    const auto& defs = report.profile.indicators;
    out << "### " << text[Text::measures_heading] << "\n\n" << heads.measures;
    for (std::size_t k = 0; k < defs.size(); ++k) {
        std::vector<std::string> row = {text.indicator(defs[k])};
        for (auto& cell : detail::measure_cells(text, group.indicators[k].measures)) {
            row.push_back(std::move(cell));
        }
        markdown_row(out, row);
    }
    out << '\n' << text[Text::measures_note] << "\n\n";
}

void write_group_facts(const Labels& text, const GroupResult& group, std::ostream& out) {
    out << "## "
        << text(Text::group_heading, group_title(text, group.key), verdict_heading(text, group))
        << "\n\n";
    if (!group.judged && detail::no_section_judged(group)) {
        out << text[Text::no_section_judged_note] << "\n\n";
    } else if (!group.judged) {
        out << text[Text::no_rule_applied_note] << "\n\n";
    }
    out << text(Text::group_facts, group.schools, thousands(group.students), group.excluded);
    if (group.schools_compliant) {
        out << text(Text::school_rule_facts, *group.schools_compliant, *group.schools_failing);
        if (group.schools_not_judged > 0) {
            out << text(Text::not_judged_facts, group.schools_not_judged);
        }
    }
    out << "\n\n";
}

/// The table of the published county reports: district value, coefficient, limit and
/// verdict of each indicator and the composite.
void write_coefficients(const Labels& text, const Report& report, const TableHeads& heads,
                        const GroupResult& group, std::ostream& out) {
    const auto& defs = report.profile.indicators;
    const auto& indicators = group.indicators;
    const auto& composite = group.composite;
    out << heads.indicators;
    MarkdownRowWriter row(out);
    row.cell(text[Text::district_value]);
    for (std::size_t k = 0; k < defs.size(); ++k) {
        const Measure& value = indicators[k].dispersion.value;
        if (value.defined()) {
            row.fixed(value.value, detail::value_decimals(defs[k]));
        } else {
            row.cell(text.not_available(value.na));
        }
    }
    row.cell("").end();
    const auto cv_cell = [&](const Measure& cv) {
        if (cv.defined()) {
            row.fixed(cv.value, 3);
        } else {
            row.cell(text.not_available(cv.na));
        }
    };
    row.cell(text[Text::cv]);
    for (const auto& indicator : indicators) cv_cell(indicator.dispersion.cv);
    // A method that sets no composite limit leaves the column blank, as published tables do.
    if (!composite.limit) {
        row.cell("");
    } else {
        cv_cell(composite.cv);
    }
    row.end();
    row.cell(text[Text::limit]);
    for (const auto& indicator : indicators) {
        row.cell(indicator.limit ? limit_text(*indicator.limit, 2) : "—");
    }
    row.cell(composite.limit ? limit_text(*composite.limit, 2) : "—").end();
    row.cell(text[Text::verdict]);
    for (const auto& indicator : indicators) row.cell(verdict_cell(text, indicator.pass));
    row.cell(verdict_cell(text, composite.pass)).end();
    out << '\n';
}

void write_left_out(const Labels& text, const Report& report, const GroupResult& group,
                    std::ostream& out) {
    std::string items;
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        if (group.indicators[k].missing == 0) continue;
        if (!items.empty()) items += text[Text::clause_separator];
        items +=
            text(Text::left_out_item, markdown_text(text.indicator(report.profile.indicators[k])),
                 group.indicators[k].missing);
    }
    if (!items.empty()) out << text(Text::left_out_for_empty_cells, items) << "\n\n";
}

void write_group(const Labels& text, const Report& report, const TableHeads& heads,
                 const GroupResult& group, std::ostream& out) {
    write_group_facts(text, group, out);
    write_coefficients(text, report, heads, group, out);
    write_left_out(text, report, group, out);
    const auto reasons = failures(text, report, group);
    for (const auto& reason : reasons) out << "- " << text(Text::failure_item, reason) << '\n';
    if (!reasons.empty()) out << '\n';
    write_checks_summary(text, report, group, out);
    write_area_comparison(text, report, heads, group, out);
    write_measures(text, report, heads, group, out);
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

std::string check_text(const Labels& text, const SchoolCheck& check, double value,
                       CheckStatus status) {
    const int decimals = detail::check_decimals(check);
    switch (status) {
        case CheckStatus::not_applicable:
            return "—";
        case CheckStatus::missing:
            return std::string(text[Text::missing_value]);
        case CheckStatus::pass:
            return rounded(value, decimals);
        case CheckStatus::fail:
            return rounded(value, decimals) + " ✗";
    }
    return "";
}

/// 两类学校: the rural small and township boarding schools, each with what it lacks.
void write_two_types(const Labels& text, const Report& report, const GroupResult& group,
                     const std::vector<const SchoolResult*>& schools, std::ostream& out) {
    if (!report.profile.two_types || group.rural_small + group.township_boarding == 0) return;
    out << "### " << text[Text::two_types] << "\n\n";
    markdown_row(out, {std::string(text[Text::school_id]), std::string(text[Text::school_name]),
                       std::string(text[Text::kind]), std::string(text[Text::students]),
                       std::string(text[Text::what_it_lacks])});
    table_rule(out, 5);
    for (const SchoolResult* each : schools) {
        const SchoolResult& school = *each;
        if (!school.two_types()) continue;
        const Text kind = detail::two_types_kind(school);
        markdown_row(
            out, {school.school_id, school.school_name, std::string(text[kind]),
                  thousands(school.students), detail::lacks_text(text, report.profile, school)});
    }
    out << '\n';
}

std::string compliance_text(const Labels& text, const Profile& profile,
                            const SchoolResult& school) {
    if (school.compliant)
        return std::string(text[*school.compliant ? Text::meets : Text::does_not_meet]);
    if (detail::school_not_judged(profile, school))
        return std::string(text[Text::school_not_judged]);
    return "—";
}

void write_school_table(const Labels& text, const Report& report, const TableHeads& heads,
                        const GroupResult& group, const std::vector<const SchoolResult*>& schools,
                        std::ostream& out) {
    const auto& defs = report.profile.indicators;
    out << "### " << text[Text::schools] << "\n\n" << heads.schools;
    for (const SchoolResult* each : schools) {
        const SchoolResult& school = *each;
        std::vector<std::string> row = {school.school_id, school.school_name,
                                        std::string(text.school_type(school.school_type)),
                                        thousands(school.students)};
        for (std::size_t k = 0; k < defs.size(); ++k) {
            row.push_back(is_missing(school.values[k])
                              ? std::string(text[Text::missing_value])
                              : rounded(school.values[k], detail::value_decimals(defs[k])) +
                                    status_mark(school.statuses[k]));
        }
        row.push_back(std::to_string(school.reached));
        row.push_back(compliance_text(text, report.profile, school));
        for (std::size_t c = 0; c < school.check_values.size(); ++c) {
            row.push_back(check_text(text, report.profile.school_checks[c], school.check_values[c],
                                     school.check_statuses[c]));
        }
        markdown_row(out, row);
    }
    out << '\n' << text[Text::school_legend] << "\n\n";
    write_two_types(text, report, group, schools, out);
}

void write_exclusions(const Labels& text, const Report& report, std::ostream& out) {
    if (report.exclusions.empty()) return;
    out << "## " << text[Text::excluded] << "\n\n";
    std::vector<std::string> header;
    for (Text head : {Text::school_id, Text::school_name, Text::district, Text::stage,
                      Text::students, Text::rule, Text::line}) {
        header.emplace_back(text[head]);
    }
    markdown_row(out, header);
    table_rule(out, header.size());
    for (const auto& excluded : report.exclusions) {
        markdown_row(
            out,
            {excluded.school_id, excluded.school_name, excluded.key.district,
             std::string(text.stage(excluded.key.stage)), thousands(excluded.students),
             text.exclusion_rule(report.profile, excluded.rule_id, excluded.rule),
             fmt::format("{}:{}", report.inputs.at(excluded.source.file), excluded.source.line)});
    }
    out << '\n';
}

/// "+0.012", "-0.025", or "0.000" when the change rounds to nothing (never "-0.000").
std::string change_text(double change) {
    const std::string text = fmt::format("{:+.3f}", change);
    return text == "+0.000" || text == "-0.000" ? "0.000" : text;
}

/// Each indicator's Theil index, and its parts within and between area types, per year and
/// the change from the year before: whether a gap closes between the area types or inside
/// them.
void write_theil_trend(const Labels& text, const Report& report, const Trend& trend,
                       std::ostream& out) {
    if (!detail::measures_computed(trend)) return;
    out << "### " << text[Text::measures_trend_heading] << "\n\n";
    std::vector<std::string> header = {std::string(text[Text::indicator]),
                                       std::string(text[Text::measures_part])};
    for (int year : trend.years) header.push_back(std::to_string(year));
    for (std::size_t i = 1; i < trend.years.size(); ++i) {
        header.push_back(text(Text::change, trend.years[i - 1], trend.years[i]));
    }
    markdown_row(out, header);
    detail::markdown_rule(out, header.size(), "ll");
    const auto& defs = report.profile.indicators;
    for (std::size_t k = 0; k < defs.size() && k < trend.indicators.size(); ++k) {
        bool first = true;
        for (const auto& part : detail::theil_trend_rows(trend.indicators[k])) {
            std::vector<std::string> row = {first ? text.indicator(defs[k]) : std::string(),
                                            std::string(text[part.part])};
            first = false;
            for (const Measure& value : part.values) {
                row.push_back(detail::measure_cell(text, value, detail::kTheilDecimals));
            }
            for (std::size_t i = 1; i < part.values.size(); ++i) {
                const Measure& before = part.values[i - 1];
                const Measure& after = part.values[i];
                row.push_back(
                    before.defined() && after.defined()
                        ? detail::change_cell(after.value - before.value, detail::kTheilDecimals)
                        : "—");
            }
            markdown_row(out, row);
        }
    }
    out << '\n' << text[Text::measures_trend_note] << "\n\n";
}

/// Each indicator's CV per year and the change from the year before, per district and stage.
void write_trends(const Labels& text, const Report& report, const std::vector<Trend>& trends,
                  std::ostream& out) {
    for (const auto& trend : trends) {
        const std::string place =
            (trend.district.empty() ? "" : markdown_text(trend.district) + " ") +
            std::string(text.stage(trend.stage));
        out << "## " << text(Text::trends_heading, place) << "\n\n";
        std::vector<std::string> header = {std::string(text[Text::cv])};
        for (int year : trend.years) header.push_back(std::to_string(year));
        for (std::size_t i = 1; i < trend.years.size(); ++i) {
            header.push_back(text(Text::change, trend.years[i - 1], trend.years[i]));
        }
        header.emplace_back(text[Text::limit]);
        markdown_row(out, header);
        table_rule(out, header.size());
        for (std::size_t k = 0; k < trend.indicators.size(); ++k) {
            const auto& indicator = trend.indicators[k];
            std::vector<std::string> row = {k < report.profile.indicators.size()
                                                ? text.indicator(report.profile.indicators[k])
                                                : std::string(text[Text::composite])};
            for (const auto& point : indicator.points) {
                std::string cell = point.cv.defined() ? rounded(point.cv.value, 3)
                                                      : std::string(text[Text::missing_value]);
                if (point.pass == false) cell += " ✗";
                row.push_back(cell);
            }
            for (std::size_t i = 1; i < indicator.points.size(); ++i) {
                const auto& change = indicator.points[i].change;
                row.push_back(change ? change_text(*change) : "—");
            }
            row.push_back(indicator.limit ? limit_text(*indicator.limit, 2) : "—");
            markdown_row(out, row);
        }
        out << '\n' << text[Text::trends_note] << "\n\n";
        write_theil_trend(text, report, trend, out);
    }
}

/// The Theil index of each (year, stage) over every district, split into the part within the
/// districts and the part between them.
void write_across_districts(const Labels& text, const Report& report,
                            const std::vector<AcrossDistricts>& entries, std::ostream& out) {
    if (entries.empty()) return;
    out << "## " << text[Text::measures_across_heading] << "\n\n"
        << text[Text::measures_across_intro] << "\n\n";
    std::vector<std::string> header = {""};
    for (auto& head : detail::across_heads(text)) header.push_back(std::move(head));
    for (const AcrossDistricts& across : entries) {
        out << "### " << detail::year_stage(text, across.year, across.stage) << "\n\n";
        markdown_row(out, header);
        table_rule(out, header.size());
        for (std::size_t k = 0; k < across.indicators.size(); ++k) {
            std::vector<std::string> row = {text.indicator(report.profile.indicators[k])};
            for (auto& cell : detail::across_cells(text, across.indicators[k])) {
                row.push_back(std::move(cell));
            }
            markdown_row(out, row);
        }
        out << '\n';
    }
}

/// The Markdown report as a sink. Its result line counts the verdicts of every group, so the
/// groups' text, formatted where each group is built, waits in memory until end().
class MarkdownSink final : public ReportSink {
  public:
    MarkdownSink(Level level, std::ostream& out, const ReportContext& context)
        : level_(level),
          out_(out),
          text_(labels_for(context.language)),
          language_(context.language),
          summary_(context.summary) {}

    void begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>&) override {
        head_ = &head;
        heads_.emplace(text_, head.profile);
        trends_.reset(groups);
        across_.reset(groups);
        if (summary_) summaries_.reset(groups);
        if (level_ == Level::school) schools_.emplace(head.schools);
    }

    void group(std::size_t rank, const GroupResult& group, std::string& text) override {
        AppendStream out(text);
        write_group(text_, *head_, *heads_, group, out);
        if (schools_) {
            write_school_table(text_, *head_, *heads_, group, schools_->of(group.key), out);
        }
        trends_.add(rank, group);
        if (detail::measures_computed(group)) across_.add(rank, group);
        if (summary_) summaries_.add(rank, group);
    }

    void write(std::string& text) override {
        // Taken as it is: made on a formatting thread, it is not copied on this one, which
        // would otherwise write the whole report into fresh memory while they wait.
        groups_text_.emplace_back().swap(text);
    }

    void end(const Verdicts& verdicts) override {
        write_preamble(text_, *head_, verdicts, out_);
        const std::vector<Trend> trends = trends_.trends(head_->profile);
        if (summary_) write_summary(summaries_.text(head_->profile, trends, language_));
        for (const std::string& piece : groups_text_) out_ << piece;
        if (verdicts.groups == 0) out_ << text_[Text::no_groups] << "\n\n";
        write_trends(text_, *head_, trends, out_);
        write_across_districts(
            text_, *head_, detail::computed_only(across_.across_districts(head_->profile)), out_);
        if (level_ == Level::school) write_exclusions(text_, *head_, out_);
    }

  private:
    void write_summary(const std::string& paragraph) {
        if (paragraph.empty()) return;
        out_ << "## " << text_[Text::summary_heading] << "\n\n"
             << markdown_text(paragraph) << "\n\n";
    }

    Level level_;
    std::ostream& out_;
    const Labels& text_;
    Language language_;
    bool summary_;
    SummaryCollector summaries_;
    const Report* head_ = nullptr;
    std::optional<TableHeads> heads_;
    std::optional<SchoolsByGroup> schools_;
    std::vector<std::string> groups_text_;
    TrendCollector trends_;
    AcrossDistrictsCollector across_;
};

}  // namespace

std::unique_ptr<ReportSink> make_markdown_sink(Level level, std::ostream& out,
                                               const ReportContext& context) {
    return std::make_unique<MarkdownSink>(level, out, context);
}

void render_markdown(const Report& report, Level level, std::ostream& out,
                     const ReportContext& context) {
    MarkdownSink sink(level, out, context);
    replay(report, sink);
}

}  // namespace eduqb
