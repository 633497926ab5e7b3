// CSV reports: one tidy table per level, stable columns (docs/output-formats.md). Columns are
// added at the end, never renamed or reordered.

#include <fmt/format.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/render.hpp"
#include "render_common.hpp"

namespace eduqb {
namespace {

using detail::exact_number;
using detail::verdict_text;
using detail::year_text;

void append_cell(std::string& line, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        line += text;
        return;
    }
    line += '"';
    for (char c : text) {
        if (c == '"') line += '"';
        line += c;
    }
    line += '"';
}

/// One record, written with a single call: per-cell stream insertion dominated the profile.
void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    std::string line;
    line.reserve(256);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += ',';
        append_cell(line, cells[i]);
    }
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
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
    DistrictCsvWriter writer(report.profile, report.inputs, out);
    for (const auto& group : report.groups) writer.write(group);
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

DistrictCsvWriter::DistrictCsvWriter(const Profile& profile, const std::vector<std::string>& inputs,
                                     std::ostream& out)
    : profile_id_(profile.id), out_(out) {
    write_row(out_,
              {"profile",         "district",   "year",      "stage",       "schools",
               "students",        "excluded",   "indicator", "value",       "cv",
               "na_reason",       "limit_op",   "limit",     "pass",        "schools_compliant",
               "schools_failing", "group_pass", "missing",   "value_urban", "value_town",
               "value_rural",     "estimator",  "inputs"});
    // Every report states its estimator and inputs; in a table that means a column each.
    std::string joined;
    for (const auto& input : inputs) joined += (joined.empty() ? "" : ";") + input;
    append_cell(tail_, kEstimatorId);
    tail_ += ',';
    append_cell(tail_, joined);
    tail_ += '\n';
}

void DistrictCsvWriter::write(const GroupResult& group) {
    // The cells every record of the group shares are formatted once.
    std::string head;
    for (const std::string& cell :
         {profile_id_, group.key.district, year_text(group.key.year),
          std::string(to_string(group.key.stage)), std::to_string(group.schools),
          exact_number(group.students), std::to_string(group.excluded)}) {
        append_cell(head, cell);
        head += ',';
    }
    std::string verdicts = ",";
    for (const std::string& cell :
         {count_text(group.schools_compliant), count_text(group.schools_failing),
          detail::group_verdict(group)}) {
        append_cell(verdicts, cell);
        verdicts += ',';
    }
    std::string& line = line_;
    auto record = [&](std::string_view indicator, const Measure& value, const Measure& cv,
                      NaReason reason, const std::optional<Limit>& limit,
                      const std::optional<bool>& pass) {
        line = head;
        append_cell(line, indicator);
        for (const std::string& cell :
             {measure_text(value), measure_text(cv), std::string(to_string(reason)),
              limit ? std::string(to_string(limit->op)) : std::string(),
              limit ? exact_number(limit->value) : std::string(), verdict_text(pass)}) {
            line += ',';
            append_cell(line, cell);
        }
        line += verdicts;
    };
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const auto& indicator = group.indicators[k];
        record(indicator.id, indicator.dispersion.value, indicator.dispersion.cv,
               detail::na_reason(indicator.dispersion), indicator.limit, indicator.pass);
        line += std::to_string(indicator.missing);
        for (AreaType area : {AreaType::urban, AreaType::town, AreaType::rural}) {
            line += ',';
            append_cell(line, area_value(group, area, k));
        }
        line += ',';
        line += tail_;
        out_.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
    // The composite has no district value of its own: the value cell stays empty.
    record("composite", Measure{0, NaReason::indicator_na}, group.composite.cv,
           group.composite.cv.na, group.composite.limit, group.composite.pass);
    line += ",,,,";
    line += tail_;
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void render_csv(const Report& report, Level level, std::ostream& out) {
    if (level == Level::school) {
        render_school(report, out);
    } else {
        render_district(report, out);
    }
}

}  // namespace eduqb
