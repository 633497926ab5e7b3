#include "eduqb/split.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace eduqb {
namespace {

Location location_of(const SectionRow& row, const std::vector<std::string>& files) {
    std::string file =
        row.source.file < static_cast<int>(files.size()) ? files[row.source.file] : std::string();
    return Location{file, row.source.line, 0};
}

}  // namespace

bool split_combined_school(std::vector<SectionRow>& sections, const SplitRules& rules,
                           const std::vector<std::string>& files, Diagnostics& diagnostics) {
    if (sections.empty()) return true;
    const SchoolType type = sections.front().school_type;
    auto found = rules.weights.find(type);
    if (found == rules.weights.end()) return true;
    const PerStage<double>& weights = found->second;

    bool ok = true;
    double weighted_students = 0;
    for (const auto& section : sections) {
        const auto& weight = for_stage(weights, section.stage);
        if (!weight) {
            diagnostics.error(
                location_of(section, files), "stage",
                fmt::format("school {}: the profile gives a {} school no {} "
                            "section to split facilities with",
                            section.school_id, to_string(type), to_string(section.stage)));
            ok = false;
            continue;
        }
        weighted_students += *weight * section.students();
    }

    for (Column column : rules.columns) {
        const SectionRow* total_row = nullptr;
        for (const auto& section : sections) {
            const double value = section.value(column);
            if (is_missing(value)) continue;
            if (total_row && value != total_row->value(column)) {
                diagnostics.error(
                    location_of(section, files), std::string(column_name(column)),
                    fmt::format("school {}: the rows of this combined school disagree on the "
                                "whole-school total ({} on line {}, {} here); put the same "
                                "total on every section row, or on one row only",
                                section.school_id, total_row->value(column), total_row->source.line,
                                value));
                ok = false;
                break;
            }
            if (!total_row) total_row = &section;
        }
    }
    if (!ok) return false;

    double school_students = 0;
    for (const auto& section : sections) school_students += section.students();
    for (auto& section : sections) section.school_students = school_students;

    for (Column column : rules.columns) {
        double total = kMissing;
        for (const auto& section : sections) {
            if (!is_missing(section.value(column))) total = section.value(column);
        }
        for (auto& section : sections) {
            if (is_missing(total)) {
                section.value(column) = kMissing;
            } else if (weighted_students > 0) {
                section.value(column) = total * *for_stage(weights, section.stage) *
                                        section.students() / weighted_students;
            } else {
                section.value(column) = 0;  // no students anywhere: the sections are left out
            }
        }
    }
    return true;
}

CombinedSchoolSplitter::CombinedSchoolSplitter(const SplitRules& rules,
                                               const std::vector<std::string>& files,
                                               Diagnostics& diagnostics)
    : rules_(rules), files_(files), diagnostics_(diagnostics) {
    static_assert(static_cast<std::size_t>(SchoolType::vocational) + 1 == 8);
    for (const auto& [type, weights] : rules.weights) {
        sections_of_[static_cast<std::size_t>(type)] = static_cast<std::size_t>(std::count_if(
            weights.begin(), weights.end(), [](const auto& weight) { return weight.has_value(); }));
    }
}

void CombinedSchoolSplitter::push(SectionRow&& row, std::vector<SectionRow>& ready,
                                  std::vector<SectionRow>& rejected) {
    // Most rows are of schools with one section: no lookup for them.
    const std::size_t expected = sections_of_[static_cast<std::size_t>(row.school_type)];
    if (expected == 0 && rules_.weights.count(row.school_type) == 0) {
        ready.push_back(std::move(row));
        return;
    }
    Key key{row.district, row.year.value_or(0), row.school_id};
    auto [school, inserted] = waiting_.try_emplace(std::move(key));
    for (const auto& section : school->second) {
        if (section.school_type != row.school_type) {
            diagnostics_.error(location_of(row, files_), "school_type",
                               fmt::format("school {} is a {} here but a {} on line {}",
                                           row.school_id, to_string(row.school_type),
                                           to_string(section.school_type), section.source.line));
            rejected.push_back(std::move(row));
            return;
        }
        if (section.stage == row.stage) {
            diagnostics_.error(
                location_of(row, files_), "stage",
                fmt::format("school {}: a second {} section (the first is on "
                            "line {})",
                            row.school_id, to_string(row.stage), section.source.line));
            rejected.push_back(std::move(row));
            return;
        }
    }
    school->second.push_back(std::move(row));
    if (school->second.size() == expected) release(school, ready, rejected);
}

void CombinedSchoolSplitter::finish(std::vector<SectionRow>& ready,
                                    std::vector<SectionRow>& rejected) {
    while (!waiting_.empty()) {
        // Every school still waiting lacks a section: its shares go to the sections present.
        const auto& sections = waiting_.begin()->second;
        std::string present;
        for (const auto& section : sections) {
            present += (present.empty() ? "" : " and ") + std::string(to_string(section.stage));
        }
        diagnostics_.warning(
            location_of(sections.front(), files_), "stage",
            fmt::format("school {} is a {} school but only its {} section{} in the input; the "
                        "whole-school facilities are split among {} alone",
                        sections.front().school_id, to_string(sections.front().school_type),
                        present, sections.size() == 1 ? " is" : "s are",
                        sections.size() == 1 ? "it" : "them"));
        release(waiting_.begin(), ready, rejected);
    }
}

void CombinedSchoolSplitter::release(std::map<Key, std::vector<SectionRow>>::iterator school,
                                     std::vector<SectionRow>& ready,
                                     std::vector<SectionRow>& rejected) {
    auto& sections = school->second;
    auto& into = split_combined_school(sections, rules_, files_, diagnostics_) ? ready : rejected;
    for (auto& section : sections) into.push_back(std::move(section));
    waiting_.erase(school);
}

}  // namespace eduqb
