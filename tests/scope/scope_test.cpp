#include "scope/scope.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace eduqb;

namespace {

SectionRow section(SchoolType type, Stage stage, double students) {
    SectionRow row;
    row.values.fill(kMissing);
    row.school_type = type;
    row.stage = stage;
    row.value(Column::students) = students;
    return row;
}

ExclusionRule rule(std::string id, std::optional<SchoolType> type, std::optional<Stage> stage,
                   std::optional<double> students_below) {
    return ExclusionRule{std::move(id), "", "", "", type, stage, students_below};
}

/// Rules whose order matters: a bounded rule before and after an unbounded one of the same
/// school type, and rules on the stage alone.
Profile ordered_rules() {
    Profile profile;
    profile.stages = {Stage::primary, Stage::junior};
    profile.exclusions = {
        rule("tiny_point", SchoolType::teaching_point, std::nullopt, 10),
        rule("point", SchoolType::teaching_point, std::nullopt, std::nullopt),
        rule("small_point", SchoolType::teaching_point, std::nullopt, 50),
        rule("small_junior", std::nullopt, Stage::junior, 30),
        rule("vocational_senior", SchoolType::vocational, Stage::senior, std::nullopt),
    };
    return profile;
}

std::string id_of(const ExclusionRule* excluded) {
    return excluded ? excluded->id : "evaluated";
}

}  // namespace

TEST_CASE("scope: the first matching rule in file order, then the built-in ones") {
    const Profile profile = ordered_rules();
    const ScopeRules scope(profile);
    auto excluded_by = [&](SchoolType type, Stage stage, double students) {
        return id_of(scope.find_exclusion(section(type, stage, students)));
    };
    CHECK(excluded_by(SchoolType::teaching_point, Stage::primary, 5) == "tiny_point");
    CHECK(excluded_by(SchoolType::teaching_point, Stage::primary, 10) == "point");
    CHECK(excluded_by(SchoolType::teaching_point, Stage::primary, 40) == "point");
    CHECK(excluded_by(SchoolType::primary_school, Stage::primary, 40) == "evaluated");
    CHECK(excluded_by(SchoolType::junior_school, Stage::junior, 29) == "small_junior");
    CHECK(excluded_by(SchoolType::junior_school, Stage::junior, 30) == "evaluated");
    CHECK(excluded_by(SchoolType::vocational, Stage::senior, 500) == "vocational_senior");
    CHECK(excluded_by(SchoolType::complete_middle, Stage::senior, 500) == "stage_not_evaluated");
    CHECK(excluded_by(SchoolType::junior_school, Stage::junior, 0) == "small_junior");
    CHECK(excluded_by(SchoolType::primary_school, Stage::primary, 0) == "no_students");
    // No students known: no bound on students matches, but a rule without one does.
    CHECK(excluded_by(SchoolType::junior_school, Stage::junior, kMissing) == "no_students");
    CHECK(excluded_by(SchoolType::teaching_point, Stage::primary, kMissing) == "point");
    CHECK(scope.evaluates(Stage::junior));
    CHECK_FALSE(scope.evaluates(Stage::senior));
}

TEST_CASE("scope: the prepared rules agree with find_exclusion on every type, stage and size") {
    for (const Profile& profile :
         {ordered_rules(), builtin_profile("national-2017"), builtin_profile("beijing")}) {
        const ScopeRules scope(profile);
        for (int type = 0; type <= static_cast<int>(SchoolType::vocational); ++type) {
            for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
                for (double students : {kMissing, -1.0, 0.0, 5.0, 10.0, 29.0, 49.0, 50.0, 400.0}) {
                    const SectionRow row = section(static_cast<SchoolType>(type), stage, students);
                    CAPTURE(type);
                    CAPTURE(static_cast<int>(stage));
                    CAPTURE(students);
                    CHECK(scope.find_exclusion(row) == find_exclusion(row, profile));
                }
            }
        }
    }
}
