#include "eduqb/profile.hpp"

#include <doctest/doctest.h>

#include <array>

#include "eduqb/error.hpp"
#include "eduqb/pipeline.hpp"
#include "test_support.hpp"

#include <sstream>

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
        "p.toml:7:34: 'op' must be \"<=\", \"<\", \">=\" or \">\"", InputError);
    CHECK_THROWS_WITH_AS(parse_profile("id = \"x\"\ntitle = \n", "p.toml"),
                         doctest::Contains("p.toml:2:"), InputError);
}

TEST_CASE("profile: the built-ins' school checks and two types") {
    const Profile national = builtin_profile("national-2017");
    REQUIRE(national.school_checks.size() == 3);
    const SchoolCheck& class_size = national.school_checks[0];
    CHECK(class_size.id == "class_size");
    CHECK(class_size.measure == CheckMeasure::class_size);
    CHECK(class_size.limit_for(SchoolType::primary_school, Stage::primary)->value == 45);
    CHECK(class_size.limit_for(SchoolType::junior_school, Stage::junior)->value == 50);
    CHECK(national.school_checks[1].limit_for(SchoolType::primary_school, Stage::primary)->op ==
          Op::less);
    const SchoolCheck& size = national.school_checks[2];
    CHECK(size.limit_for(SchoolType::primary_school, Stage::primary)->value == 2000);
    CHECK(size.limit_for(SchoolType::nine_year, Stage::junior)->value == 2500);
    CHECK(size.limit_for(SchoolType::twelve_year, Stage::primary)->value == 2500);
    // 完全中学 is not named in the text: its junior section is a junior school.
    CHECK(size.limit_for(SchoolType::complete_middle, Stage::junior)->value == 2000);
    CHECK(size.counted_stages == std::array<bool, 3>{true, true, false});
    CHECK(class_size.counted_stages == std::array<bool, 3>{true, true, true});
    REQUIRE(national.two_types);
    CHECK(national.two_types->rural_small_below == 100);

    const Profile beijing = builtin_profile("beijing");
    REQUIRE(beijing.school_checks.size() == 2);
    CHECK(beijing.school_checks[0].limit_for(SchoolType::junior_school, Stage::junior)->value ==
          40);
    CHECK(beijing.school_checks[1].column == Column::music_art_area_m2);
    CHECK(beijing.school_checks[1].limit_for(SchoolType::primary_school, Stage::primary)->op ==
          Op::greater_equal);
    CHECK(builtin_profile("national-2012").school_checks.empty());
}

TEST_CASE("profile: a province raising the equipment standard changes the verdicts") {
    // Equipment per student 2800, 3200 and 2400 yuan; every other standard reached.
    // National (2000): all three reach it. A province at 3000: 2800 is 93 % (≥ 85 %, the
    // school still complies with 6 of 7), 2400 is 80 % (< 85 %): that school fails.
    std::string csv = test::kHeader;
    csv += "1,a,东区,2024,primary_school,primary,,1000,60,50,10,9,0,5000,8000,2800000,25,0,0,20\n";
    csv += "2,b,东区,2024,primary_school,primary,,1000,60,50,10,9,0,5000,8000,3200000,25,0,0,20\n";
    csv += "3,c,东区,2024,primary_school,primary,,1000,60,50,10,9,0,5000,8000,2400000,25,0,0,20\n";
    std::string text(*builtin_profile_text("national-2017"));
    const std::string national = "standard = { primary = 2000, junior = 2500 }";
    REQUIRE(text.find(national) != std::string::npos);
    text.replace(text.find(national), national.size(),
                 "standard = { primary = 3000, junior = 3500 }");
    text.replace(text.find("id = \"national-2017\""), 20, "id = \"province-x\"  ");
    const Profile province = parse_profile(text, "province.toml");

    std::istringstream in(csv);
    Diagnostics diagnostics;
    EvaluationOptions options;
    options.keep_schools = true;
    const Report report =
        evaluate_inputs({InputSource{"t.csv", &in}}, province, {}, options, diagnostics);
    CHECK(diagnostics.errors() == 0);
    REQUIRE(report.schools.size() == 3);
    CHECK(report.schools[0].statuses[5] == StandardStatus::above_floor);
    CHECK(report.schools[0].compliant == true);
    CHECK(report.schools[1].statuses[5] == StandardStatus::reached);
    CHECK(report.schools[2].statuses[5] == StandardStatus::below_floor);
    CHECK(report.schools[2].compliant == false);
    CHECK(report.groups[0].schools_failing == 1);

    const Report national_report = test::evaluate_text(csv, "national-2017");
    CHECK(national_report.groups[0].schools_failing == 0);
}

TEST_CASE("profile: every kind of error in a profile file has its message") {
    const std::string head = "id = \"x\"\ntitle = \"t\"\nsource = \"s\"\n";
    const std::string indicator = "[[indicator]]\nid = \"a\"\ncolumn = \"books\"\n";
    const std::string check =
        "[[school_check]]\nid = \"c\"\nmeasure = \"class_size\"\nlimit = { primary = 45 }\n";
    struct Case {
        std::string text;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"title = \"t\"\nsource = \"s\"\n" + indicator, "p.toml:1:1: missing key 'id'"},
        {head, "p.toml:1:1: a profile needs at least one [[indicator]]"},
        {head + "stages = [\"primary\", \"middle\"]\n" + indicator,
         "p.toml:4:22: unknown stage 'middle' (expected primary, junior or senior)"},
        {head + "cv_limit = { primary = -1 }\n" + indicator,
         "p.toml:4:12: a limit must not be negative"},
        {head + indicator + "multiplier = 0\n", "p.toml:7:14: 'multiplier' must be positive"},
        {head + indicator + "weight = \"one\"\n", "p.toml:7:10: 'weight' must be a number"},
        {head + indicator + indicator, "p.toml:7:1: indicator 'a' is defined twice"},
        {head + indicator + "standard = { primary = 1, kindergarten = 2 }\n",
         "p.toml:7:42: unknown stage 'kindergarten' (expected primary, junior or senior)"},
        {head + "[school_rule]\nmin_reached = 2\nfloor_fraction = 0.85\n" + indicator +
             "standard = { primary = 1, junior = 1 }\n",
         "p.toml:4:1: min_reached is 2 but only 1 indicators have a primary standard"},
        {head + "[school_rule]\nmin_reached = 1\nfloor_fraction = 85\n" + indicator,
         "p.toml:6:18: floor_fraction must be between 0 and 1"},
        {head + "[scope]\nexclude = [{ id = \"x\" }]\n" + indicator,
         "p.toml:5:12: an exclusion rule needs school_type, stage or students_below"},
        {head + "[scope]\nexclude = [{ id = \"x\", school_type = \"college\" }]\n" + indicator,
         "p.toml:5:38: unknown school type 'college'"},
        {head + "[split]\nnine_yaer = { primary = 1, junior = 1.1 }\n" + indicator,
         "p.toml:5:13: unknown key 'nine_yaer' in [split] (expected columns, nine_year, "
         "complete_middle or twelve_year) (did you mean 'nine_year'?)"},
        {head + "[split]\nnine_year = { primary = 1 }\n" + indicator,
         "p.toml:5:13: a combined school needs weights for at least two stages"},
        {head + "[split]\nnine_year = { primary = 1, junior = 0 }\n" + indicator,
         "p.toml:5:13: split weights must be positive"},
        {head + indicator +
             "[[school_check]]\nid = \"c\"\nmeasure = \"class_sise\"\nlimit = "
             "{ primary = 45 }\n",
         "p.toml:9:11: unknown measure 'class_sise' (expected class_size, school_students or "
         "per_student) (did you mean 'class_size'?)"},
        {head + indicator + "[[school_check]]\nid = \"c\"\nmeasure = \"class_size\"\n",
         "p.toml:7:1: a school_check needs a limit"},
        {head + indicator +
             "[[school_check]]\nid = \"c\"\nmeasure = \"class_size\"\ncount_stages = "
             "[\"primary\"]\nlimit = { primary = 45 }\n",
         "p.toml:10:16: 'count_stages' applies to measure school_students only"},
        {head + indicator +
             "[[school_check]]\nid = \"c\"\nmeasure = \"school_students\"\ncount_stages = "
             "[\"primary\", \"juinor\"]\nlimit = { primary = 2000 }\n",
         "p.toml:10:28: unknown stage 'juinor' (expected primary, junior or senior) (did you "
         "mean 'junior'?)"},
        {head + indicator +
             "[[school_check]]\nid = \"c\"\nmeasure = \"school_students\"\ncount_stages = "
             "[]\nlimit = { primary = 2000 }\n",
         "p.toml:10:16: 'count_stages' must be a non-empty array of stages"},
        {head + indicator + "[two_types]\ntownship_boarding = \"yes\"\n",
         "p.toml:8:21: 'township_boarding' must be true or false"},
        {head + "id = \"again\"\n" + indicator,
         "p.toml:4:6: Error while parsing key-value pair: cannot redefine existing string 'id'"},
        {head + "[school_rule]\nmin_reached = 4294967304\nfloor_fraction = 0.85\n" + indicator,
         "p.toml:5:15: 'min_reached' must be between 0 and 64"},
        {head + "[school_rule]\nmin_reached = -1\nfloor_fraction = 0.85\n" + indicator,
         "p.toml:5:15: 'min_reached' must be between 0 and 64"},
        {head + indicator + "multiplier = 1e-300\n",
         "p.toml:7:14: 'multiplier' is too small (0, or at least 1e-6)"},
        {head + indicator + "multiplier = -2\n", "p.toml:7:14: 'multiplier' must be positive"},
        {head + indicator + "weight = 1e-9\n",
         "p.toml:7:10: 'weight' is too small (0, or at least 1e-6)"},
        {head + indicator + "standard = { primary = -1 }\n",
         "p.toml:7:12: a standard must not be negative"},
        {head + "cv_limit = { primary = 1e-300 }\n" + indicator,
         "p.toml:4:24: 'primary' is too small (0, or at least 1e-6)"},
        {head + "[scope]\nexclude = [{ id = \"x\", students_below = -5 }]\n" + indicator,
         "p.toml:5:41: 'students_below' must not be negative"},
        {head + "[two_types]\nrural_small_students_below = -1\n" + indicator,
         "p.toml:5:30: 'rural_small_students_below' must not be negative"},
        {head + "[exchange]\nshare = 0\n" + indicator,
         "p.toml:5:9: 'share' must be above 0 and at most 1"},
        {head + "[exchange]\nshare = 1.5\n" + indicator,
         "p.toml:5:9: 'share' must be above 0 and at most 1"},
        {head + "[exchange]\nportion = 0.1\n" + indicator, "p.toml:5:11: unknown key 'portion'"},
        {head + "[[indicator]]\nid = \"\"\ncolumn = \"books\"\n",
         "p.toml:5:6: 'id' must not be empty"},
        {head + indicator + check + check, "p.toml:11:1: school check 'c' is defined twice"},
        {head + indicator + "[[school_check]]\nid = \"a\"\nmeasure = \"class_size\"\n" +
             "limit = { primary = 45 }\n",
         "p.toml:4:1: 'a' is the id of both an indicator and a school check; they name report "
         "columns, so they must differ"},
        {head + "a" + std::string(40, '.') + "b = 1\n" + indicator,
         "p.toml:4: a key nested more than 32 levels deep (a dotted key or [table.header]); no "
         "profile needs more than a few"},
        {head + indicator + "[a" + std::string(40, '.') + "b]\n",
         "p.toml:7: a key nested more than 32 levels deep (a dotted key or [table.header]); no "
         "profile needs more than a few"},
        {head + "title_en = \"\"\"\n" + std::string(40, '.') + "\n\"\"\"\n" + indicator +
             "[\"q.q\"." + std::string(32, '.') + "]\n",
         "p.toml:10: a key nested more than 32 levels deep (a dotted key or [table.header]); no "
         "profile needs more than a few"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK_THROWS_WITH_AS(parse_profile(c.text, "p.toml"), c.message.c_str(), InputError);
    }
}

TEST_CASE("profile: the teacher exchange's share is 10 % unless a profile sets it") {
    for (const auto& id : builtin_profile_ids()) {
        CAPTURE(id);
        CHECK(builtin_profile(id).exchange.share == 0.10);
    }
    const std::string text =
        "id = \"x\"\ntitle = \"t\"\nsource = \"s\"\n[exchange]\nshare = 0.15\n"
        "[[indicator]]\nid = \"b\"\ncolumn = \"books\"\n";
    CHECK(parse_profile(text, "p.toml").exchange.share == 0.15);
    CHECK(parse_profile("id = \"x\"\ntitle = \"t\"\nsource = \"s\"\n[[indicator]]\nid = "
                        "\"b\"\ncolumn = \"books\"\n",
                        "p.toml")
              .exchange.share == 0.10);
}

TEST_CASE("profile: bounds on size, key depth and the number of indicators and checks") {
    const std::string head = "id = \"x\"\ntitle = \"t\"\nsource = \"s\"\n";
    CHECK_THROWS_WITH_AS(parse_profile(std::string(kMaxProfileBytes + 1, '#'), "p.toml"),
                         "p.toml: the profile file is larger than 1 MiB; no profile needs a "
                         "tenth of that",
                         InputError);
    // 31 dots (32 levels) is the deepest key allowed; a hostile profile fails fast.
    std::string key = "a";
    for (int i = 0; i < 31; ++i) key += ".a";
    CHECK_THROWS_WITH_AS(parse_profile(head + key + " = 1\n", "p.toml"),
                         doctest::Contains("unknown key 'a'"), InputError);
    CHECK_THROWS_WITH_AS(parse_profile(head + key + ".a = 1\n", "p.toml"),
                         doctest::Contains("more than 32 levels deep"), InputError);
    std::string hostile = head;
    for (int i = 0; i < 300000; ++i) hostile += "a.";
    hostile += "a = 1\n";
    CHECK_THROWS_WITH_AS(parse_profile(hostile, "p.toml"),
                         doctest::Contains("p.toml:4: a key nested more than 32 levels deep"),
                         InputError);

    auto indicators = [&](std::size_t count) {
        std::string text = head;
        for (std::size_t i = 0; i < count; ++i) {
            text += "[[indicator]]\nid = \"i" + std::to_string(i) + "\"\ncolumn = \"books\"\n";
        }
        return text;
    };
    CHECK(parse_profile(indicators(kMaxIndicators), "p.toml").indicators.size() == 64);
    CHECK_THROWS_WITH_AS(parse_profile(indicators(20000), "p.toml"),
                         "p.toml:4:1: 20000 indicators: a profile has at most 64", InputError);
    std::string checks = indicators(1);
    for (std::size_t i = 0; i <= kMaxSchoolChecks; ++i) {
        checks += "[[school_check]]\nid = \"c" + std::to_string(i) +
                  "\"\nmeasure = \"class_size\"\nlimit = { primary = 45 }\n";
    }
    CHECK_THROWS_WITH_AS(parse_profile(checks, "p.toml"),
                         "p.toml:7:1: 65 school checks: a profile has at most 64", InputError);
}
