#include "eduqb/profile.hpp"

#include <doctest/doctest.h>

#include "eduqb/error.hpp"

using namespace eduqb;

namespace {

const IndicatorDef& indicator(const Profile& profile, const std::string& id) {
    for (const auto& def : profile.indicators) {
        if (def.id == id) return def;
    }
    FAIL("no indicator " << id);
    throw;
}

double standard(const Profile& profile, const std::string& id, Stage stage) {
    return for_stage(indicator(profile, id).standard, stage).value();
}

}  // namespace

TEST_CASE("profile: the built-ins are listed in a stable order") {
    CHECK(builtin_profile_ids() ==
          std::vector<std::string>{"national-2017", "national-2012", "beijing"});
}

TEST_CASE("profile: national-2017 numbers as in domain.md") {
    const Profile p = builtin_profile("national-2017");
    REQUIRE(p.indicators.size() == 7);
    CHECK(standard(p, "above_degree_per100", Stage::primary) == 4.2);
    CHECK(standard(p, "above_degree_per100", Stage::junior) == 5.3);
    CHECK(standard(p, "backbone_per100", Stage::primary) == 1);
    CHECK(standard(p, "pe_art_per100", Stage::junior) == 0.9);
    CHECK(standard(p, "teaching_area_per_student", Stage::primary) == 4.5);
    CHECK(standard(p, "teaching_area_per_student", Stage::junior) == 5.8);
    CHECK(standard(p, "sports_area_per_student", Stage::primary) == 7.5);
    CHECK(standard(p, "sports_area_per_student", Stage::junior) == 10.2);
    CHECK(standard(p, "equipment_per_student", Stage::primary) == 2000);
    CHECK(standard(p, "equipment_per_student", Stage::junior) == 2500);
    CHECK(standard(p, "multimedia_per100", Stage::primary) == 2.3);
    CHECK(standard(p, "multimedia_per100", Stage::junior) == 2.4);
    for (const auto& def : p.indicators) {
        CHECK(for_stage(def.cv_limit, Stage::primary)->value == 0.50);
        CHECK(for_stage(def.cv_limit, Stage::junior)->value == 0.45);
        CHECK(for_stage(def.cv_limit, Stage::junior)->op == Op::less_equal);
    }
    CHECK_FALSE(for_stage(p.composite_limit, Stage::primary));
    REQUIRE(p.school_rule);
    CHECK(p.school_rule->min_reached == 6);
    CHECK(p.school_rule->floor_fraction == 0.85);
    CHECK(p.split.weights.at(SchoolType::nine_year)[1] == 1.1);
    CHECK(p.split.weights.at(SchoolType::complete_middle)[2] == 1.2);
    CHECK(p.split.weights.at(SchoolType::twelve_year)[2] == 1.32);
}

TEST_CASE("profile: beijing numbers as in seed 004") {
    const Profile p = builtin_profile("beijing");
    CHECK(standard(p, "equipment_per_student", Stage::primary) == 5000);
    CHECK(standard(p, "equipment_per_student", Stage::junior) == 8000);
    CHECK(standard(p, "multimedia_per100", Stage::primary) == 2.5);
    CHECK(standard(p, "multimedia_per100", Stage::junior) == 2.5);
    CHECK(standard(p, "teaching_area_per_student", Stage::junior) == 5.8);
    CHECK(for_stage(p.composite_limit, Stage::primary)->value == 0.50);
    CHECK(for_stage(p.composite_limit, Stage::primary)->op == Op::less);
    CHECK(for_stage(p.composite_limit, Stage::junior)->value == 0.45);
    for (const auto& def : p.indicators) CHECK_FALSE(for_stage(def.cv_limit, Stage::primary));
}

TEST_CASE("profile: national-2012 has 8 equal-weight indicators and composite limits") {
    const Profile p = builtin_profile("national-2012");
    std::vector<std::string> ids;
    for (const auto& def : p.indicators) {
        ids.push_back(def.id);
        CHECK(def.weight == 1);
        CHECK_FALSE(for_stage(def.standard, Stage::primary));
    }
    CHECK(ids == std::vector<std::string>{"teaching_area_per_student", "sports_area_per_student",
                                          "equipment_per_student", "computers_per100",
                                          "books_per_student", "teachers_per100",
                                          "above_degree_per100", "senior_title_per100"});
    CHECK(for_stage(p.composite_limit, Stage::primary)->value == 0.65);
    CHECK(for_stage(p.composite_limit, Stage::junior)->value == 0.55);
    CHECK_FALSE(p.school_rule);
    CHECK(p.exclusions.size() == 3);
    CHECK_FALSE(p.exclusions[2].students_below);  // every teaching point, whatever its size
}

TEST_CASE("profile: unknown profile ids suggest the nearest") {
    CHECK_THROWS_WITH_AS(builtin_profile("beijng"),
                         "unknown profile 'beijng' (did you mean 'beijing'?); built-in profiles: "
                         "national-2017, national-2012, beijing",
                         UsageError);
}

TEST_CASE("profile: file errors name the line") {
    const std::string base =
        "id = \"x\"\ntitle = \"t\"\nsource = \"s\"\n[[indicator]]\nid = \"a\"\n"
        "column = \"books\"\n";
    CHECK_NOTHROW(parse_profile(base, "p.toml"));
    CHECK_THROWS_WITH_AS(parse_profile(base + "colour = 1\n", "p.toml"),
                         "p.toml:7:10: unknown key 'colour' (did you mean 'column'?)", InputError);
    CHECK_THROWS_WITH_AS(
        parse_profile("id = \"x\"\ntitle = \"t\"\nsource = \"s\"\n[[indicator]]\nid = \"a\"\n"
                      "column = \"bokks\"\n",
                      "p.toml"),
        "p.toml:6:10: 'bokks' is not a numeric resource column (did you mean 'books'?)",
        InputError);
    CHECK_THROWS_WITH_AS(
        parse_profile(base + "cv_limit = { primary = 0.5, op = \"=<\" }\n", "p.toml"),
        "p.toml:7:34: 'op' must be \"<=\" or \"<\"", InputError);
    CHECK_THROWS_WITH_AS(parse_profile("id = \"x\"\ntitle = \n", "p.toml"),
                         doctest::Contains("p.toml:2:"), InputError);
}
