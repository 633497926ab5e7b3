#include "eduqb/split.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

Location location_of(const SectionRow& row, const std::vector<std::string>& files) {
    std::string file =
        row.source.file < static_cast<int>(files.size()) ? files[row.source.file] : std::string();
    return Location{file, row.source.line, 0};
}

}  // namespace

void split_combined_school(std::vector<SectionRow>& sections, const SplitRules& rules,
                           const std::vector<std::string>& files) {
    if (sections.empty()) return;
    const SchoolType type = sections.front().school_type;
    auto found = rules.weights.find(type);
    if (found == rules.weights.end()) return;
    const PerStage<double>& weights = found->second;

    double weighted_students = 0;
    for (const auto& section : sections) {
        const auto& weight = for_stage(weights, section.stage);
        if (!weight) {
            throw InputError(
                location_of(section, files),
                fmt::format("school {}: a {} school has no {} section", section.school_id,
                            to_string(type), to_string(section.stage)));
        }
        weighted_students += *weight * section.students();
    }

    for (Column column : rules.columns) {
        double total = kMissing;
        const SectionRow* total_row = nullptr;
        for (const auto& section : sections) {
            double value = section.value(column);
            if (is_missing(value)) continue;
            if (total_row && value != total) {
                throw InputError(
                    location_of(section, files),
                    fmt::format(
                        "school {}: rows disagree on the whole-school {} ({} on line {}, {} "
                        "here); a combined school's facility columns hold the whole-school "
                        "total",
                        section.school_id, column_name(column), total, total_row->source.line,
                        value));
            }
            total = value;
            total_row = &section;
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
}

CombinedSchoolSplitter::CombinedSchoolSplitter(const SplitRules& rules,
                                               const std::vector<std::string>& files)
    : rules_(rules), files_(files) {}

void CombinedSchoolSplitter::push(SectionRow row, std::vector<SectionRow>& ready) {
    auto weights = rules_.weights.find(row.school_type);
    if (weights == rules_.weights.end()) {
        ready.push_back(std::move(row));
        return;
    }
    Key key{row.district, row.year.value_or(0), row.school_id};
    auto [school, inserted] = waiting_.try_emplace(std::move(key));
    for (const auto& section : school->second) {
        if (section.stage == row.stage) {
            throw InputError(location_of(row, files_),
                             fmt::format("school {}: a second {} section (the first is on line {})",
                                         row.school_id, to_string(row.stage), section.source.line));
        }
        if (section.school_type != row.school_type) {
            throw InputError(location_of(row, files_),
                             fmt::format("school {}: school type {} here but {} on line {}",
                                         row.school_id, to_string(row.school_type),
                                         to_string(section.school_type), section.source.line));
        }
    }
    school->second.push_back(std::move(row));

    std::size_t expected = std::count_if(weights->second.begin(), weights->second.end(),
                                         [](const auto& weight) { return weight.has_value(); });
    if (school->second.size() == expected) release(school, ready);
}

void CombinedSchoolSplitter::finish(std::vector<SectionRow>& ready) {
    while (!waiting_.empty()) release(waiting_.begin(), ready);
}

void CombinedSchoolSplitter::release(std::map<Key, std::vector<SectionRow>>::iterator school,
                                     std::vector<SectionRow>& ready) {
    auto& sections = school->second;
    split_combined_school(sections, rules_, files_);
    for (auto& section : sections) ready.push_back(std::move(section));
    waiting_.erase(school);
}

}  // namespace eduqb
