// Several profiles in one run: a table of verdicts side by side, then each profile's report.
// HTML is render_html.cpp's and XLSX render_xlsx.cpp's; the rows of the table are made here.

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "base/escape.hpp"
#include "base/text_stream.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render.hpp"
#include "report/comparison.hpp"
#include "report/json_writer.hpp"
#include "report/labels.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

std::string rendered(const Report& report, Format format, Level level,
                     const ReportContext& context = {}) {
    TextStream out;
    render(report, format, level, out, context);
    return out.str();
}

void comparison_markdown(const std::vector<Report>& reports, Level level,
                         const ReportContext& context, std::ostream& out) {
    const Labels& text = labels_for(context.language);
    out << "# " << text[Text::comparison_title] << "\n\n|  |";
    for (const auto& report : reports) {
        out << ' ' << detail::markdown_code(report.profile.id, true) << " |";
    }
    out << "\n|---|";
    for (std::size_t p = 0; p < reports.size(); ++p) out << "---|";
    out << '\n';
    for (const auto& [key, groups] : detail::side_by_side(reports)) {
        out << "| " << detail::markdown_text(key.district) << (key.district.empty() ? "" : " ")
            << detail::year_text(key.year) << (key.year ? " " : "") << text.stage(key.stage)
            << " |";
        for (const GroupResult* group : groups) {
            out << ' ' << (group ? detail::comparison_verdict(text, *group) : "—") << " |";
        }
        out << '\n';
    }
    out << '\n';
    for (const auto& report : reports) out << rendered(report, Format::markdown, level, context);
}

void comparison_csv(const std::vector<Report>& reports, Level level, std::ostream& out) {
    std::string header;
    for (const auto& report : reports) {
        const std::string text = rendered(report, Format::csv, level);
        const auto end_of_header = text.find('\n') + 1;
        if (header.empty()) {
            header = text.substr(0, end_of_header);
            out << header;
        } else if (text.compare(0, end_of_header, header) != 0) {
            throw UsageError(
                "school-level CSV cannot hold profiles with different columns (indicators or "
                "school checks) in one table; use --format json or markdown, or run once per "
                "profile");
        }
        out << text.substr(end_of_header);
    }
}

void comparison_json(const std::vector<Report>& reports, Level level, std::ostream& out) {
    detail::JsonWriter json(out);
    json.begin_object();
    json.key("profiles").begin_array();
    for (const auto& report : reports) json.string(report.profile.id);
    json.end_array();
    json.key("comparison").begin_array();
    for (const auto& [key, groups] : detail::side_by_side(reports)) {
        json.begin_object();
        json.key("district").string(key.district);
        json.key("year");
        json.integer_or_null(key.year);
        json.key("stage").string(to_string(key.stage));
        json.key("verdicts").begin_array();
        for (std::size_t p = 0; p < groups.size(); ++p) {
            json.begin_object();
            json.key("profile").string(reports[p].profile.id);
            json.key("pass");
            if (groups[p]) {
                json.boolean(groups[p]->pass);
            } else {
                json.null();
            }
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    // Each report is the single-profile document, embedded as it is.
    json.key("reports").begin_array();
    for (const auto& report : reports) json.raw(rendered(report, Format::json, level));
    json.end_array();
    json.end_object();
}

}  // namespace

namespace detail {

std::vector<ComparisonRow> side_by_side(const std::vector<Report>& reports) {
    std::map<GroupKey, std::vector<const GroupResult*>> rows;
    for (std::size_t p = 0; p < reports.size(); ++p) {
        for (const auto& group : reports[p].groups) {
            auto& row = rows[group.key];
            row.resize(reports.size(), nullptr);
            row[p] = &group;
        }
    }
    std::vector<ComparisonRow> ordered;
    for (auto& [key, groups] : rows) {
        groups.resize(reports.size(), nullptr);
        ordered.push_back(ComparisonRow{key, std::move(groups)});
    }
    return ordered;
}

std::string comparison_verdict(const Labels& text, const GroupResult& group) {
    std::vector<std::string> reasons;
    long failed_cvs = 0;
    for (const auto& indicator : group.indicators) failed_cvs += indicator.pass == false;
    if (failed_cvs > 0) reasons.push_back(text(Text::cvs_over, failed_cvs));
    if (group.composite.pass == false) reasons.emplace_back(text[Text::composite_over]);
    if (group.schools_failing && *group.schools_failing > 0) {
        reasons.push_back(text(Text::schools_not_meeting, *group.schools_failing));
    }
    const std::string verdict(text[!group.judged ? Text::heading_not_judged
                                   : group.pass  ? Text::heading_pass
                                                 : Text::heading_fail]);
    if (reasons.empty()) return verdict;
    std::string detail;
    for (const auto& reason : reasons) {
        detail += (detail.empty() ? "" : std::string(text[Text::list_separator])) + reason;
    }
    return text(Text::group_heading, verdict, detail);
}

}  // namespace detail

void render_comparison(const std::vector<Report>& reports, Format format, Level level,
                       std::ostream& out, const ReportContext& context) {
    switch (format) {
        case Format::markdown:
            comparison_markdown(reports, level, context, out);
            break;
        case Format::csv:
            comparison_csv(reports, level, out);
            break;
        case Format::json:
            comparison_json(reports, level, out);
            break;
        case Format::html:
            detail::render_html_comparison(reports, level, context, out);
            break;
        case Format::xlsx:
            throw UsageError("the xlsx format is written to a file: give -o FILE.xlsx");
    }
}

}  // namespace eduqb
