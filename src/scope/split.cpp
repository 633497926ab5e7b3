#include "scope/split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace eduqb {
namespace {

Location location_of(const SectionRow& row, const std::vector<std::string>& files) {
    std::string file =
        row.source.file < static_cast<int>(files.size()) ? files[row.source.file] : std::string();
    return Location{file, row.source.line, 0};
}

bool same_school(const SectionRow& a, const SectionRow& b) {
    return a.school_id == b.school_id && a.year.value_or(0) == b.year.value_or(0) &&
           a.district == b.district;
}

/// The sections of one school, where they lie.
struct Sections {
    SectionRow* first;
    SectionRow* last;
    SectionRow* begin() const { return first; }
    SectionRow* end() const { return last; }
};

bool split_sections(Sections sections, const SplitRules& rules,
                    const std::vector<std::string>& files, Diagnostics& diagnostics) {
    if (sections.begin() == sections.end()) return true;
    const SchoolType type = sections.begin()->school_type;
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
    std::array<double, 3> stage_students{};
    for (const auto& section : sections) {
        school_students += section.students();
        stage_students[static_cast<std::size_t>(section.stage)] += section.students();
    }
    for (auto& section : sections) {
        section.school_students = school_students;
        section.other_sections_students = stage_students;
        section.other_sections_students[static_cast<std::size_t>(section.stage)] -=
            section.students();
    }

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

}  // namespace

bool split_combined_school(std::vector<SectionRow>& sections, const SplitRules& rules,
                           const std::vector<std::string>& files, Diagnostics& diagnostics) {
    return split_sections(Sections{sections.data(), sections.data() + sections.size()}, rules,
                          files, diagnostics);
}

CombinedSchoolSplitter::CombinedSchoolSplitter(const SplitRules& rules,
                                               const std::vector<std::string>& files,
                                               Diagnostics& diagnostics)
    : rules_(rules), files_(files), diagnostics_(diagnostics) {
    static_assert(static_cast<std::size_t>(SchoolType::vocational) + 1 == 8);
    for (const auto& [type, weights] : rules.weights) {
        sections_of_[static_cast<std::size_t>(type)] = static_cast<std::size_t>(std::count_if(
            weights.begin(), weights.end(), [](const auto& weight) { return weight.has_value(); }));
        waits_[static_cast<std::size_t>(type)] = true;
    }
}

void CombinedSchoolSplitter::push(SectionRow&& row, SectionBatch& ready,
                                  std::vector<SectionRow>& rejected) {
    // Most rows are of schools with one section: no lookup for them.
    if (!waits_[static_cast<std::size_t>(row.school_type)]) {
        ready.take(row);
        return;
    }
    if (!open_.empty() && same_school(open_.front(), row)) {
        add_section(open_, std::move(row), ready, rejected);
        return;
    }
    if (!rejected_schools_.empty() &&
        rejected_schools_.count(KeyView{row.district, row.year.value_or(0), row.school_id})) {
        rejected.push_back(std::move(row));
        return;
    }
    if (!waiting_.empty()) {
        auto school = waiting_.find(KeyView{row.district, row.year.value_or(0), row.school_id});
        if (school != waiting_.end()) {
            if (add_section(school->second, std::move(row), ready, rejected)) {
                waiting_.erase(school);
            }
            return;
        }
    }
    // A new school: the open one, still incomplete, waits among the others.
    park_open_school();
    add_section(open_, std::move(row), ready, rejected);
}

bool CombinedSchoolSplitter::add_section(std::vector<SectionRow>& sections, SectionRow&& row,
                                         SectionBatch& ready, std::vector<SectionRow>& rejected) {
    for (const auto& section : sections) {
        if (section.school_type != row.school_type) {
            diagnostics_.error(location_of(row, files_), "school_type",
                               fmt::format("school {} is a {} here but a {} on line {}",
                                           row.school_id, to_string(row.school_type),
                                           to_string(section.school_type), section.source.line));
            // Which of the two types is right is unknown: the school cannot be split.
            reject_school(sections, std::move(row), rejected);
            return true;
        }
        if (section.stage == row.stage) {
            diagnostics_.error(
                location_of(row, files_), "stage",
                fmt::format("school {}: a second {} section (the first is on "
                            "line {})",
                            row.school_id, to_string(row.stage), section.source.line));
            rejected.push_back(std::move(row));
            return false;
        }
    }
    // A type with no stage weights (0 sections) waits for the end of the input.
    if (sections.size() + 1 != sections_of_[static_cast<std::size_t>(row.school_type)]) {
        sections.push_back(std::move(row));
        return false;
    }
    release(sections, &row, ready, rejected);
    return true;
}

void CombinedSchoolSplitter::reject(SectionRow&& row, std::vector<SectionRow>& rejected) {
    std::vector<SectionRow>* sections = nullptr;
    auto school = waiting_.end();
    if (!open_.empty() && same_school(open_.front(), row)) {
        sections = &open_;
    } else if (!waiting_.empty()) {
        school = waiting_.find(KeyView{row.district, row.year.value_or(0), row.school_id});
        if (school != waiting_.end()) sections = &school->second;
    }
    if (sections && std::any_of(sections->begin(), sections->end(),
                                [&](const SectionRow& s) { return s.stage == row.stage; })) {
        rejected.push_back(std::move(row));
        return;
    }
    std::vector<SectionRow> none;
    reject_school(sections ? *sections : none, std::move(row), rejected);
    if (school != waiting_.end()) waiting_.erase(school);
}

void CombinedSchoolSplitter::reject_school(std::vector<SectionRow>& sections, SectionRow&& row,
                                           std::vector<SectionRow>& rejected) {
    rejected_schools_.emplace(row.district, row.year.value_or(0), row.school_id);
    for (auto& section : sections) rejected.push_back(std::move(section));
    sections.clear();
    rejected.push_back(std::move(row));
}

void CombinedSchoolSplitter::finish(SectionBatch& ready, std::vector<SectionRow>& rejected) {
    park_open_school();
    while (!waiting_.empty()) {
        // Every school still waiting lacks a section: its shares go to the sections present.
        auto& sections = waiting_.begin()->second;
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
        release(sections, nullptr, ready, rejected);
        waiting_.erase(waiting_.begin());
    }
}

void CombinedSchoolSplitter::park_open_school() {
    if (open_.empty()) return;
    const SectionRow& front = open_.front();
    waiting_.emplace(Key{front.district, front.year.value_or(0), front.school_id},
                     std::move(open_));
    open_.clear();
}

void CombinedSchoolSplitter::release(std::vector<SectionRow>& sections, SectionRow* last,
                                     SectionBatch& ready, std::vector<SectionRow>& rejected) {
    // Split where the rows end up, so that the last section is moved once, not twice.
    const std::size_t first = ready.size();
    for (auto& section : sections) ready.take(section);
    if (last) ready.take(*last);
    sections.clear();
    if (split_sections(Sections{ready.begin() + first, ready.end()}, rules_, files_,
                       diagnostics_)) {
        return;
    }
    for (std::size_t i = first; i < ready.size(); ++i) rejected.push_back(std::move(ready[i]));
    ready.truncate(first);
}

}  // namespace eduqb
