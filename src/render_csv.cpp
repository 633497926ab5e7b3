// CSV reports: one tidy table per level, stable columns (docs/output-formats.md). Columns are
// added at the end, never renamed or reordered.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "eduqb/render.hpp"
#include "render_common.hpp"

namespace eduqb {
namespace {

using detail::exact_number;
using detail::verdict_text;
using detail::year_text;

std::string quoted(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out << ',';
        out << quoted(cells[i]);
    }
    out << '\n';
}

std::string measure_text(const Measure& measure) {
    return measure.defined() ? exact_number(measure.value) : std::string();
}

std::string count_text(const std::optional<long>& count) {
    return count ? std::to_string(*count) : std::string();
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

/// The district value over one area type's schools, or "" when the group has none.
std::string area_value(const GroupResult& group, AreaType area, std::size_t indicator) {
    for (const auto& summary : group.by_area) {
        if (summary.area == area) return measure_text(summary.values[indicator]);
    }
    return "";
}

void render_district(const Report& report, std::ostream& out) {
    write_row(out,
              {"profile",         "district",   "year",      "stage",       "schools",
               "students",        "excluded",   "indicator", "value",       "cv",
               "na_reason",       "limit_op",   "limit",     "pass",        "schools_compliant",
               "schools_failing", "group_pass", "missing",   "value_urban", "value_town",
               "value_rural",     "estimator",  "inputs"});
    // Every report states its estimator and inputs; in a table that means a column each.
    std::string inputs;
    for (const auto& input : report.inputs) inputs += (inputs.empty() ? "" : ";") + input;
    for (const auto& group : report.groups) {
        auto row = [&](std::string indicator, const Measure& value, const Measure& cv,
                       NaReason reason, const std::optional<Limit>& limit,
                       const std::optional<bool>& pass, std::vector<std::string> extra) {
            std::vector<std::string> cells = {
                report.profile.id,
                group.key.district,
                year_text(group.key.year),
                std::string(to_string(group.key.stage)),
                std::to_string(group.schools),
                exact_number(group.students),
                std::to_string(group.excluded),
                std::move(indicator),
                measure_text(value),
                measure_text(cv),
                std::string(to_string(reason)),
                limit ? std::string(to_string(limit->op)) : std::string(),
                limit ? exact_number(limit->value) : std::string(),
                verdict_text(pass),
                count_text(group.schools_compliant),
                count_text(group.schools_failing),
                detail::group_verdict(group)};
            cells.insert(cells.end(), extra.begin(), extra.end());
            cells.emplace_back(kEstimatorId);
            cells.push_back(inputs);
            write_row(out, cells);
        };
        for (std::size_t k = 0; k < group.indicators.size(); ++k) {
            const auto& indicator = group.indicators[k];
            row(indicator.id, indicator.dispersion.value, indicator.dispersion.cv,
                detail::na_reason(indicator.dispersion), indicator.limit, indicator.pass,
                {std::to_string(indicator.missing), area_value(group, AreaType::urban, k),
                 area_value(group, AreaType::town, k), area_value(group, AreaType::rural, k)});
        }
        // The composite has no district value of its own: the value cell stays empty.
        row("composite", Measure{0, NaReason::indicator_na}, group.composite.cv,
            group.composite.cv.na, group.composite.limit, group.composite.pass, {"", "", "", ""});
    }
}

void render_school(const Report& report, std::ostream& out) {
    const Profile& profile = report.profile;
    std::vector<std::string> header = {"profile",   "district",    "year",          "stage",
                                       "school_id", "school_name", "school_type",   "area_type",
                                       "students",  "status",      "exclusion_rule"};
    for (const auto& def : profile.indicators) {
        header.push_back(def.id);
        header.push_back(def.id + "_status");
    }
    for (const char* name : {"standards_reached", "compliant", "file", "line"}) {
        header.emplace_back(name);
    }
    for (const auto& check : profile.school_checks) {
        header.push_back(check.id);
        header.push_back(check.id + "_status");
    }
    for (const char* name : {"school_students", "boarding", "rural_small", "township_boarding"}) {
        header.emplace_back(name);
    }
    write_row(out, header);

    for (const auto& school : report.schools) {
        std::vector<std::string> cells = {profile.id,
                                          school.key.district,
                                          year_text(school.key.year),
                                          std::string(to_string(school.key.stage)),
                                          school.school_id,
                                          school.school_name,
                                          std::string(to_string(school.school_type)),
                                          std::string(to_string(school.area_type)),
                                          exact_number(school.students),
                                          "evaluated",
                                          ""};
        for (std::size_t k = 0; k < school.values.size(); ++k) {
            cells.push_back(exact_number(school.values[k]));
            cells.emplace_back(to_string(school.statuses[k]));
        }
        cells.push_back(std::to_string(school.reached));
        cells.push_back(school.compliant ? yes_no(*school.compliant) : "");
        cells.push_back(report.inputs.at(school.source.file));
        cells.push_back(std::to_string(school.source.line));
        for (std::size_t c = 0; c < school.check_values.size(); ++c) {
            cells.push_back(exact_number(school.check_values[c]));
            cells.emplace_back(to_string(school.check_statuses[c]));
        }
        cells.push_back(exact_number(school.school_students));
        cells.push_back(school.boarding ? yes_no(*school.boarding) : "");
        cells.push_back(yes_no(school.rural_small));
        cells.push_back(yes_no(school.township_boarding));
        write_row(out, cells);
    }
    for (const auto& excluded : report.exclusions) {
        std::vector<std::string> cells = {profile.id,
                                          excluded.key.district,
                                          year_text(excluded.key.year),
                                          std::string(to_string(excluded.key.stage)),
                                          excluded.school_id,
                                          excluded.school_name,
                                          std::string(to_string(excluded.school_type)),
                                          std::string(to_string(excluded.area_type)),
                                          exact_number(excluded.students),
                                          "excluded",
                                          excluded.rule_id};
        cells.resize(cells.size() + 2 * profile.indicators.size() + 2);
        cells.push_back(report.inputs.at(excluded.source.file));
        cells.push_back(std::to_string(excluded.source.line));
        cells.resize(header.size());
        write_row(out, cells);
    }
}

}  // namespace

void render_csv(const Report& report, Level level, std::ostream& out) {
    if (level == Level::school) {
        render_school(report, out);
    } else {
        render_district(report, out);
    }
}

}  // namespace eduqb
