// Per-school checks, the two types of schools and the urban/rural comparison, on hand-made
// schools at and around each boundary.

#include <doctest/doctest.h>

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

TEST_CASE("checks: school size 2000, 2500 for nine-year schools, counted over the whole school") {
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
