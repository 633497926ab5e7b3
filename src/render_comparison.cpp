// Several profiles in one run: a table of verdicts side by side, then each profile's report.

#include <fmt/format.h>

#include <map>
#include <sstream>

#include "eduqb/error.hpp"
#include "eduqb/render.hpp"
#include "render_common.hpp"

namespace eduqb {
namespace {

/// Every group of any report, in order, with each profile's result (nullptr where a profile
/// has no such group, e.g. when its scope rules leave out all of a group's schools).
std::map<GroupKey, std::vector<const GroupResult*>> side_by_side(
    const std::vector<Report>& reports) {
    std::map<GroupKey, std::vector<const GroupResult*>> rows;
    for (std::size_t p = 0; p < reports.size(); ++p) {
        for (const auto& group : reports[p].groups) {
            auto& row = rows[group.key];
            row.resize(reports.size(), nullptr);
            row[p] = &group;
        }
    }
    for (auto& [key, row] : rows) row.resize(reports.size(), nullptr);
    return rows;
}

std::string rendered(const Report& report, Format format, Level level) {
    std::ostringstream out;
    render(report, format, level, out);
    return out.str();
}

void comparison_markdown(const std::vector<Report>& reports, Level level, std::ostream& out) {
    out << "# Verdicts side by side (多标准对照)\n\n|  |";
    for (const auto& report : reports) out << " `" << report.profile.id << "` |";
    out << "\n|---|";
    for (std::size_t p = 0; p < reports.size(); ++p) out << "---|";
    out << '\n';
    for (const auto& [key, groups] : side_by_side(reports)) {
        out << "| " << key.district << (key.district.empty() ? "" : " ")
            << detail::year_text(key.year) << (key.year ? " " : "") << to_chinese(key.stage) << " ("
            << to_string(key.stage) << ") |";
        for (const GroupResult* group : groups) {
            if (!group) {
                out << " — |";
                continue;
            }
            std::string detail;
            if (group->schools_failing && *group->schools_failing > 0) {
                detail = fmt::format(", {} school(s) not meeting the standards",
                                     *group->schools_failing);
            }
            out << ' '
                << (!group->judged ? "NOT JUDGED"
                    : group->pass  ? "PASS"
                                   : "FAIL")
                << detail << " |";
        }
        out << '\n';
    }
    out << '\n';
    for (const auto& report : reports) out << rendered(report, Format::markdown, level);
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
                "school-level CSV cannot hold profiles with different indicators in one table; "
                "use --format json or markdown, or run once per profile");
        }
        out << text.substr(end_of_header);
    }
}

void comparison_json(const std::vector<Report>& reports, Level level, std::ostream& out) {
    out << "{\n  \"profiles\": [";
    for (std::size_t p = 0; p < reports.size(); ++p) {
        out << (p ? ", " : "") << '"' << reports[p].profile.id << '"';
    }
    out << "],\n  \"comparison\": [";
    bool first = true;
    for (const auto& [key, groups] : side_by_side(reports)) {
        out << (first ? "\n" : ",\n") << "    {\"district\": \"";
        first = false;
        for (char c : key.district) {
            if (c == '"' || c == '\\') out << '\\';
            out << c;
        }
        out << "\", \"year\": " << (key.year ? std::to_string(*key.year) : "null")
            << ", \"stage\": \"" << to_string(key.stage) << "\", \"verdicts\": [";
        for (std::size_t p = 0; p < groups.size(); ++p) {
            out << (p ? ", " : "") << "{\"profile\": \"" << reports[p].profile.id
                << "\", \"pass\": " << (groups[p] ? (groups[p]->pass ? "true" : "false") : "null")
                << '}';
        }
        out << "]}";
    }
    out << "\n  ],\n  \"reports\": [\n";
    for (std::size_t p = 0; p < reports.size(); ++p) {
        std::string text = rendered(reports[p], Format::json, level);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        out << text << (p + 1 < reports.size() ? ",\n" : "\n");
    }
    out << "  ]\n}\n";
}

}  // namespace

void render_comparison(const std::vector<Report>& reports, Format format, Level level,
                       std::ostream& out) {
    switch (format) {
        case Format::markdown:
            comparison_markdown(reports, level, out);
            break;
        case Format::csv:
            comparison_csv(reports, level, out);
            break;
        case Format::json:
            comparison_json(reports, level, out);
            break;
        default:
            throw UsageError(
                "html and xlsx reports take one profile; run once per profile, or use "
                "markdown, csv or json to compare profiles");
    }
}

}  // namespace eduqb
