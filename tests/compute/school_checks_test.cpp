// Per-school checks, the two types of schools and the urban/rural comparison, on hand-made
// schools at and around each boundary.

#include <doctest/doctest.h>

#include <sstream>

#include "eduqb/pipeline.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

/// A primary school reaching every national standard, with the given students and classes.
std::string primary(const std::string& id, int students, int classes,
                    const std::string& area = "urban", const std::string& type = "primary_school",
                    const std::string& stage = "primary") {
    // Ratios: 6/100 above degree, 1.5/100 backbone, 1/100 PE/art, 5 m², 8 m², 2500 yuan,
    // 2.5 rooms per 100: all above the primary and junior standards... except junior's
    // 5.8 m² teaching area and 10.2 m² sports ground, so junior rows use bigger areas.
    const bool junior = stage == "junior";
    return id + ",s" + id + ",东区,2024," + type + "," + stage + "," + area + "," +
           std::to_string(students) + "," + std::to_string(students / 10) + "," +
           std::to_string(students * 6 / 100) + "," + std::to_string(students * 3 / 200) + "," +
           std::to_string(students / 100) + ",0," + std::to_string(students * (junior ? 6 : 5)) +
           "," + std::to_string(students * (junior ? 11 : 8)) + "," +
           std::to_string(students * 2600) + "," + std::to_string(students * 5 / 200) + ",0,0," +
           std::to_string(classes) + "\n";
}

/// The same row with the shared facility cells left empty (a combined school's other section).
std::string without_facilities(const std::string& row) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t comma; (comma = row.find(',', start)) != std::string::npos;
         start = comma + 1) {
        cells.push_back(row.substr(start, comma - start));
    }
    cells.push_back(row.substr(start));
    for (std::size_t c = 13; c <= 18; ++c) cells[c].clear();
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + cells[c];
    return out;
}

const SchoolResult& school(const Report& report, const std::string& id) {
    for (const auto& s : report.schools) {
        if (s.school_id == id && s.key.stage == Stage::primary) return s;
    }
    for (const auto& s : report.schools) {
        if (s.school_id == id) return s;
    }
    FAIL("no school " << id);
    throw;
}

CheckStatus status(const Report& report, const std::string& id, const std::string& check) {
    const SchoolResult& s = school(report, id);
    for (std::size_t c = 0; c < report.profile.school_checks.size(); ++c) {
        if (report.profile.school_checks[c].id == check) return s.check_statuses.at(c);
    }
    FAIL("no check " << check);
    throw;
}

EvaluationOptions keep_schools() {
    EvaluationOptions options;
    options.keep_schools = true;
    return options;
}

}  // namespace

TEST_CASE("checks: class size 45 primary, at and around the cap") {
    std::string csv = kHeader;
    csv += primary("1", 900, 20);   // 45.0: at the cap, passes ≤ 45
    csv += primary("2", 920, 20);   // 46.0: above
    csv += primary("3", 1100, 20);  // 55.0: above 45, below 56
    csv += primary("4", 1120, 20);  // 56.0: large classes for certain
    csv += primary("5", 1000, 0);   // no classes: cannot be judged
    const Report report = evaluate_text(csv, "national-2017", keep_schools());
    CHECK(status(report, "1", "class_size") == CheckStatus::pass);
    CHECK(school(report, "1").check_values[0] == 45);
    CHECK(status(report, "2", "class_size") == CheckStatus::fail);
    CHECK(status(report, "3", "class_size") == CheckStatus::fail);
    CHECK(status(report, "3", "large_classes") == CheckStatus::pass);
    CHECK(status(report, "4", "large_classes") == CheckStatus::fail);
    CHECK(status(report, "5", "class_size") == CheckStatus::missing);
    const GroupResult& group = report.groups.at(0);
    REQUIRE(group.checks.size() == 3);
    CHECK(group.checks[0].id == "class_size");
    CHECK(group.checks[0].failing == 3);
    CHECK(group.checks[0].missing == 1);
    CHECK(group.checks[1].failing == 1);
    // Checks are reported; in the built-in profiles they do not decide the group verdict.
    CHECK(group.schools_failing == 0);
    CHECK(group.pass);
}

TEST_CASE("checks: Beijing caps classes at 40") {
    std::string csv = kHeader;
    csv += primary("1", 800, 20);  // 40.0
    csv += primary("2", 820, 20);  // 41.0
    const Report report = evaluate_text(csv, "beijing", keep_schools());
    CHECK(status(report, "1", "class_size") == CheckStatus::pass);
    CHECK(status(report, "2", "class_size") == CheckStatus::fail);
    // No music/art column in the file: the check cannot be judged, it does not fail.
    CHECK(status(report, "1", "music_art_area") == CheckStatus::missing);
}

TEST_CASE("checks: Beijing music and art space, at least 2 m² per student") {
    std::string csv =
        std::string(kHeader).substr(0, std::string(kHeader).size() - 1) + ",music_art_area_m2\n";
    auto with_music = [](std::string row, int area) {
        row.pop_back();
        return row + "," + std::to_string(area) + "\n";
    };
    csv += with_music(primary("1", 800, 20), 1600);  // 2.0: at the minimum
    csv += with_music(primary("2", 800, 20), 1599);  // 1.99875: below
    const Report report = evaluate_text(csv, "beijing", keep_schools());
    CHECK(status(report, "1", "music_art_area") == CheckStatus::pass);
    CHECK(status(report, "2", "music_art_area") == CheckStatus::fail);
    CHECK(school(report, "2").check_values[1] == doctest::Approx(1599.0 / 800));
}

TEST_CASE("checks: school size 2000, 2500 for nine-year schools, over both their sections") {
    std::string csv = kHeader;
    csv += primary("1", 2000, 50);  // at the limit
    csv += primary("2", 2001, 50);  // above
    // A nine-year school of 1300 + 1200 = 2500 students: at its limit.
    csv += primary("3", 1300, 30, "urban", "nine_year", "primary");
    csv += without_facilities(primary("3", 1200, 30, "urban", "nine_year", "junior"));
    // 1300 + 1201 = 2501: above, on both sections.
    csv += primary("4", 1300, 30, "urban", "nine_year", "primary");
    csv += without_facilities(primary("4", 1201, 30, "urban", "nine_year", "junior"));
    const Report report = evaluate_text(csv, "national-2017", keep_schools());
    CHECK(status(report, "1", "school_size") == CheckStatus::pass);
    CHECK(status(report, "2", "school_size") == CheckStatus::fail);
    CHECK(school(report, "3").school_students == 2500);
    CHECK(status(report, "3", "school_size") == CheckStatus::pass);
    CHECK(status(report, "4", "school_size") == CheckStatus::fail);
}

namespace {

/// The section of school `id` at `stage`.
const SchoolResult& section_of(const Report& report, const std::string& id, Stage stage) {
    for (const auto& s : report.schools) {
        if (s.school_id == id && s.key.stage == stage) return s;
    }
    FAIL("no section " << id << " " << to_string(stage));
    throw;
}

std::size_t check_index(const Report& report, const std::string& check) {
    for (std::size_t c = 0; c < report.profile.school_checks.size(); ++c) {
        if (report.profile.school_checks[c].id == check) return c;
    }
    FAIL("no check " << check);
    throw;
}

/// Combined schools whose size the 2017 text judges on compulsory students only.
std::string combined_schools() {
    std::string csv = kHeader;
    // Twelve-year: 1 200 primary + 1 100 junior = 2 300 compulsory students, ≤ 2 500; the
    // 1 500 senior students make 3 800 in all but do not count.
    csv += primary("T", 1200, 30, "urban", "twelve_year", "primary");
    csv += without_facilities(primary("T", 1100, 25, "urban", "twelve_year", "junior"));
    csv += without_facilities(primary("T", 1500, 30, "urban", "twelve_year", "senior"));
    // Nine-year: 1 400 + 1 200 = 2 600 > 2 500, on both sections.
    csv += primary("N", 1400, 35, "urban", "nine_year", "primary");
    csv += without_facilities(primary("N", 1200, 30, "urban", "nine_year", "junior"));
    // Complete middle schools: the junior section is a junior school, ≤ 2 000 junior students.
    csv += primary("M", 1900, 40, "urban", "complete_middle", "junior");
    csv += without_facilities(primary("M", 1200, 25, "urban", "complete_middle", "senior"));
    csv += primary("L", 2100, 45, "urban", "complete_middle", "junior");
    csv += without_facilities(primary("L", 1000, 20, "urban", "complete_middle", "senior"));
    return csv;
}

}  // namespace

TEST_CASE("checks: school size counts the compulsory stages only (教督〔2017〕6号)") {
    const Report report = evaluate_text(combined_schools(), "national-2017", keep_schools());
    const std::size_t size = check_index(report, "school_size");
    struct Expected {
        const char* id;
        Stage stage;
        double value;
        double whole_school;
        CheckStatus status;
    };
    for (const Expected& e : {Expected{"T", Stage::primary, 2300, 3800, CheckStatus::pass},
                              Expected{"T", Stage::junior, 2300, 3800, CheckStatus::pass},
                              Expected{"N", Stage::primary, 2600, 2600, CheckStatus::fail},
                              Expected{"N", Stage::junior, 2600, 2600, CheckStatus::fail},
                              Expected{"M", Stage::junior, 1900, 3100, CheckStatus::pass},
                              Expected{"L", Stage::junior, 2100, 3100, CheckStatus::fail}}) {
        CAPTURE(e.id);
        CAPTURE(to_string(e.stage));
        const SchoolResult& section = section_of(report, e.id, e.stage);
        CHECK(section.check_values.at(size) == e.value);
        CHECK(section.check_statuses.at(size) == e.status);
        CHECK(section.school_students == e.whole_school);
    }
    // The caps: 2 500 for the nine- and twelve-year schools the text names, 2 000 for the
    // junior section of a complete middle school.
    const SchoolCheck& check = report.profile.school_checks[size];
    CHECK(check.limit_for(SchoolType::twelve_year, Stage::junior)->value == 2500);
    CHECK(check.limit_for(SchoolType::nine_year, Stage::primary)->value == 2500);
    CHECK(check.limit_for(SchoolType::complete_middle, Stage::junior)->value == 2000);
    REQUIRE(report.groups.size() == 2);
    CHECK(report.groups[0].key.stage == Stage::primary);
    CHECK(report.groups[0].checks.at(size).failing == 1);  // N
    CHECK(report.groups[1].checks.at(size).failing == 2);  // N and L
}

TEST_CASE("checks: which stages a school size counts is the profile's, not the code's") {
    // A province that counts the whole school, seniors included, and caps complete middle
    // schools at 2 500 writes so in its profile: M (3 100 students) and T (3 800) then fail.
    std::string text(*builtin_profile_text("national-2017"));
    const std::string counted = "count_stages = [\"primary\", \"junior\"]";
    const std::string caps = "limit_by_type = { nine_year = 2500, twelve_year = 2500 }";
    REQUIRE(text.find(counted) != std::string::npos);
    REQUIRE(text.find(caps) != std::string::npos);
    text.replace(text.find(counted), counted.size(),
                 "count_stages = [\"primary\", \"junior\", \"senior\"]");
    text.replace(
        text.find(caps), caps.size(),
        "limit_by_type = { nine_year = 2500, complete_middle = 2500, twelve_year = 2500 }");
    const Profile whole_school = parse_profile(text, "whole-school.toml");
    std::istringstream in(combined_schools());
    InputSource input;
    input.name = "test.csv";
    input.stream = &in;
    Diagnostics diagnostics;
    const Report report =
        evaluate_inputs({input}, whole_school, ReadOptions{}, keep_schools(), diagnostics);
    CHECK(diagnostics.errors() == 0);
    const std::size_t size = check_index(report, "school_size");
    CHECK(section_of(report, "T", Stage::junior).check_values.at(size) == 3800);
    CHECK(section_of(report, "T", Stage::junior).check_statuses.at(size) == CheckStatus::fail);
    CHECK(section_of(report, "M", Stage::junior).check_values.at(size) == 3100);
    CHECK(section_of(report, "M", Stage::junior).check_statuses.at(size) == CheckStatus::fail);
    CHECK(section_of(report, "L", Stage::junior).check_statuses.at(size) == CheckStatus::fail);
}

TEST_CASE("two types: rural small schools under 100 students, township boarding schools") {
    std::string csv =
        std::string(kHeader).substr(0, std::string(kHeader).size() - 1) + ",boarding\n";
    auto row = [](std::string text, const char* boarding) {
        text.pop_back();
        return text + "," + boarding + "\n";
    };
    csv += row(primary("1", 99, 3, "rural"), "no");     // rural small
    csv += row(primary("2", 100, 3, "rural"), "no");    // 100: not small
    csv += row(primary("3", 99, 3, "town"), "no");      // small but not rural
    csv += row(primary("4", 600, 15, "town"), "是");    // township boarding
    csv += row(primary("5", 600, 15, "urban"), "yes");  // boarding, but in a city
    csv += row(primary("6", 60, 3, "rural"), "yes");    // both
    const Report report = evaluate_text(csv, "national-2017", keep_schools());
    CHECK(school(report, "1").rural_small);
    CHECK_FALSE(school(report, "2").rural_small);
    CHECK_FALSE(school(report, "3").rural_small);
    CHECK(school(report, "4").township_boarding);
    CHECK_FALSE(school(report, "5").township_boarding);
    CHECK(school(report, "6").rural_small);
    CHECK(school(report, "6").township_boarding);
    CHECK(report.groups.at(0).rural_small == 2);
    CHECK(report.groups.at(0).township_boarding == 2);
}

TEST_CASE("area comparison: each area's value is its own total over its own students") {
    std::string csv = kHeader;
    csv +=
        "1,a,东区,2024,primary_school,primary,urban,400,24,20,4,4,0,2000,4000,1000000,10,0,0,9\n";
    csv +=
        "2,b,东区,2024,primary_school,primary,urban,600,36,30,6,6,0,3600,6000,1500000,15,0,0,13\n";
    csv += "3,c,东区,2024,primary_school,primary,rural,200,12,9,2,2,0,900,2400,400000,5,0,0,5\n";
    const Report report = evaluate_text(csv, "national-2017");
    const GroupResult& group = report.groups.at(0);
    REQUIRE(group.by_area.size() == 2);
    CHECK(group.by_area[0].area == AreaType::urban);
    CHECK(group.by_area[0].schools == 2);
    // Urban teaching area: (2000 + 3600) / (400 + 600) = 5.6; rural 900 / 200 = 4.5.
    CHECK(group.by_area[0].values[3].value == doctest::Approx(5.6).epsilon(1e-15));
    CHECK(group.by_area[1].values[3].value == doctest::Approx(4.5).epsilon(1e-15));
    // Urban above degree per 100: 50·100/1000 = 5; rural 9·100/200 = 4.5.
    CHECK(group.by_area[0].values[0].value == doctest::Approx(5.0).epsilon(1e-15));
    CHECK(group.by_area[1].values[0].value == doctest::Approx(4.5).epsilon(1e-15));
}
