// The renderers of the teacher-exchange plan on the district computed by hand
// (tests/compute/rotate_test.cpp): the JSON document whole, the XLSX workbook read back with
// eduqb's own reader, in both languages.

#include "eduqb/render_rotate.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "rotate_support.hpp"
#include "test_support.hpp"
#include "workbook_read_back.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

Rotation example_rotation() {
    std::ifstream in(source_path("tests/fixtures/rotate_example.csv"));
    std::stringstream text;
    text << in.rdbuf();
    return rotate_text(text.str(), builtin_profile("national-2017"));
}

using Rows = test::SheetRows;

/// Each sheet's name and rows, as eduqb reads the workbook back.
std::vector<std::pair<std::string, Rows>> read_back(const RotateReport& plan, Language language) {
    return test::read_back_workbook([&](const char* path) {
        render_rotate_xlsx(plan, ReportContext{language, 1717113600}, path);
    });
}

}  // namespace

TEST_CASE("render_rotate: JSON of the district computed by hand") {
    const Rotation rotation = example_rotation();
    std::ostringstream out;
    render_rotate_json(rotation.plan, out);
    const std::string json = out.str();
    CHECK(json.find("\"outcome\": \"brought_within\"") != std::string::npos);
    CHECK(json.find("\"budget\": 7") != std::string::npos);
    CHECK(json.find("\"moved\": 3") != std::string::npos);
    CHECK(json.find("\"from_name\": \"甲小学\",\n          \"to_id\": \"4200000002\"") !=
          std::string::npos);
    CHECK(json.find("\"cv_before\": 0.8164965809277259,\n          \"cv_after\": "
                    "0.40824829046386296") != std::string::npos);
    CHECK(json.back() == '\n');
}

TEST_CASE("render_rotate: XLSX sheets of groups, moves and coefficients, in each language") {
    const Rotation rotation = example_rotation();
    const auto english = read_back(rotation.plan, Language::en);
    REQUIRE(english.size() == 3);
    CHECK(english[0].first == "Groups");
    CHECK(english[1].first == "Moves");
    CHECK(english[2].first == "Coefficients");
    const Rows& moves = english[1].second;
    REQUIRE(moves.size() == 3);
    CHECK(moves[0] == std::vector<std::string>{"District", "Year", "Stage", "From id", "From",
                                               "To id", "To", "Category", "Teachers"});
    CHECK(moves[1] == std::vector<std::string>{"交流区", "2024", "小学 primary", "4200000001",
                                               "甲小学", "4200000002", "乙小学",
                                               "county-level backbone", "2"});
    const Rows& coefficients = english[2].second;
    REQUIRE(coefficients.size() == 4);
    // A workbook holds 15 significant digits, as Excel shows them.
    CHECK(std::stod(coefficients[2][5]) == doctest::Approx(0.8164965809277259).epsilon(1e-14));
    CHECK(std::stod(coefficients[2][6]) == doctest::Approx(0.40824829046386296).epsilon(1e-14));
    CHECK(coefficients[2][8] == "pass");

    const auto chinese = read_back(rotation.plan, Language::zh);
    CHECK(chinese[0].first == "分组");
    CHECK(chinese[1].second[1][7] == "县级以上骨干教师");
    CHECK(chinese[2].second[2][7] == "未达标");
}

TEST_CASE("render_rotate: HTML and XLSX are not stream formats") {
    const Rotation rotation = example_rotation();
    std::ostringstream out;
    CHECK_THROWS_AS(render_rotate(rotation.plan, Format::html, Language::en, out), UsageError);
    CHECK_THROWS_AS(render_rotate(rotation.plan, Format::xlsx, Language::en, out), UsageError);
}
