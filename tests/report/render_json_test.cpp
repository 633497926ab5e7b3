// The JSON document of the hand-made report (tests/hand_report.hpp): it parses (strict reader
// of tests/report_shape.hpp), and each object has the keys of docs/output-formats.md in their
// order with the values chosen there, numbers in shortest round-trip form, null and a reason
// for each NA.

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "eduqb/render.hpp"
#include "hand_report.hpp"
#include "report_shape.hpp"

using namespace eduqb;

namespace {

std::string json_of(const Report& report, Level level) {
    std::ostringstream out;
    render_json(report, level, out);
    return out.str();
}

/// The document's lines without their indentation.
std::vector<std::string> trimmed_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line.substr(std::min(line.find_first_not_of(' '), line.size())));
    }
    return lines;
}

/// True when `block` is a run of consecutive lines of `text`, indentation aside.
bool has_block(const std::string& text, const std::vector<std::string>& block) {
    const std::vector<std::string> lines = trimmed_lines(text);
    for (std::size_t at = 0; at + block.size() <= lines.size(); ++at) {
        if (std::equal(block.begin(), block.end(), lines.begin() + at)) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("render_json: strict JSON with the documented top-level keys") {
    for (Level level : {Level::district, Level::school}) {
        const std::string text = json_of(test::hand_report(), level);
        INFO(text);
        std::vector<std::string> strings;
        REQUIRE(shape::JsonReader(text).parse(strings));
        // The district's line break is an escape, the '|' as it is: both read back.
        CHECK(std::count(strings.begin(), strings.end(), "东|区\n北") >= 3);
        CHECK(has_block(text,
                        {"{", "\"profile\": \"test-two\",", "\"profile_title\": \"测试标准\",",
                         "\"profile_source\": \"test source, 2024\",", "\"profile_file\": null,",
                         "\"profile_edited\": false,", "\"profile_changes\": [],",
                         std::string("\"estimator\": \"") + kEstimatorText + "\",",
                         "\"eduqb_version\": \"" + std::string(eduqb_version()) + "\","}));
        CHECK(has_block(text, {std::string("\"level\": \"") +
                                   (level == Level::school ? "school" : "district") + "\",",
                               "\"inputs\": [", "\"a.csv\"", "],", "\"reading_notes\": [],",
                               "\"rows_not_read\": [],", "\"groups\": ["}));
        CHECK((text.find("\"schools\": [\n") != std::string::npos) == (level == Level::school));
        CHECK(text.find("\"exclusions\": [\n") != std::string::npos);
        CHECK(text.find("\"trends\": [\n") != std::string::npos);
    }
}

TEST_CASE("render_json: a group's indicators, composite, counts and verdict") {
    const std::string text = json_of(test::hand_report(), Level::district);
    INFO(text);
    CHECK(has_block(text, {"\"district\": \"东|区\\n北\",",
                           "\"year\": 2024,",
                           "\"stage\": \"primary\",",
                           "\"schools\": 4,",
                           "\"students\": 12345,",
                           "\"excluded\": 1,",
                           "\"indicators\": [",
                           "{",
                           "\"id\": \"above_degree_per100\",",
                           "\"value\": 5.126,",
                           "\"cv\": 0.12345,",
                           "\"limit\": 0.5,",
                           "\"op\": \"<=\",",
                           "\"pass\": true,",
                           "\"schools\": 4,",
                           "\"missing\": 0,",
                           "\"theil\": 0.01,",
                           "\"theil_within_area\": 0.004,",
                           "\"theil_between_area\": 0.006,",
                           "\"gini\": 0.08,",
                           "\"mcloone\": 0.95,",
                           "\"range_ratio\": 1.5,",
                           "\"measure_reasons\": {}",
                           "},",
                           "{",
                           "\"id\": \"equipment_per_student\",",
                           "\"value\": 3199.6,",
                           "\"cv\": 0.6044,",
                           "\"limit\": 0.5,",
                           "\"op\": \"<=\",",
                           "\"pass\": false,",
                           "\"schools\": 3,",
                           "\"missing\": 1,",
                           "\"theil\": 0.2,",
                           "\"theil_within_area\": 0.125,",
                           "\"theil_between_area\": 0.075,",
                           "\"gini\": 0.3,",
                           "\"mcloone\": null,",
                           "\"range_ratio\": null,",
                           "\"measure_reasons\": {",
                           "\"mcloone\": \"zero_median\",",
                           "\"range_ratio\": \"zero_minimum\"",
                           "}",
                           "}",
                           "],",
                           "\"composite\": {",
                           "\"value\": 0.363925,",
                           "\"limit\": 0.45,",
                           "\"op\": \"<\",",
                           "\"pass\": true",
                           "},",
                           "\"schools_compliant\": 2,",
                           "\"schools_failing\": 1,",
                           "\"pass\": false,",
                           "\"judged\": true,",
                           "\"schools_not_judged\": 1,",
                           "\"checks\": [",
                           "{",
                           "\"id\": \"class_size\",",
                           "\"failing\": 2,",
                           "\"missing\": 1",
                           "}",
                           "],",
                           "\"by_area\": ["}));
    // The town has no equipment value: null. urban − rural: 5 − 4 = 1, 3300 − 2640 = 660;
    // urban / rural 1.25 both.
    CHECK(has_block(
        text, {"\"area\": \"town\",", "\"schools\": 1,", "\"students\": 345,", "\"values\": [", "{",
               "\"id\": \"above_degree_per100\",", "\"value\": 6", "},", "{",
               "\"id\": \"equipment_per_student\",", "\"value\": null", "}", "]"}));
    CHECK(has_block(text, {"\"urban_rural_gap\": [",
                           "{",
                           "\"id\": \"above_degree_per100\",",
                           "\"urban\": 5,",
                           "\"rural\": 4,",
                           "\"difference\": 1,",
                           "\"ratio\": 1.25",
                           "},",
                           "{",
                           "\"id\": \"equipment_per_student\",",
                           "\"urban\": 3300,",
                           "\"rural\": 2640,",
                           "\"difference\": 660,",
                           "\"ratio\": 1.25",
                           "}",
                           "],",
                           "\"two_types\": {",
                           "\"rural_small\": 0,",
                           "\"township_boarding\": 0",
                           "}"}));
}

TEST_CASE("render_json: NA is null with its reason, a group not judged does not pass") {
    const std::string text = json_of(test::hand_report(), Level::district);
    INFO(text);
    CHECK(has_block(text, {"\"district\": \"西区\",",
                           "\"year\": null,",
                           "\"stage\": \"junior\",",
                           "\"schools\": 1,",
                           "\"students\": 500,",
                           "\"excluded\": 0,",
                           "\"indicators\": [",
                           "{",
                           "\"id\": \"above_degree_per100\",",
                           "\"value\": 5,",
                           "\"cv\": null,",
                           "\"limit\": null,",
                           "\"op\": null,",
                           "\"pass\": null,",
                           "\"reason\": \"too_few_schools\",",
                           "\"schools\": 1,",
                           "\"missing\": 0,",
                           "\"theil\": null,",
                           "\"theil_within_area\": null,",
                           "\"theil_between_area\": null,",
                           "\"gini\": null,",
                           "\"mcloone\": null,",
                           "\"range_ratio\": null,",
                           "\"measure_reasons\": {",
                           "\"theil\": \"too_few_schools\",",
                           "\"theil_within_area\": \"too_few_schools\",",
                           "\"theil_between_area\": \"too_few_schools\",",
                           "\"gini\": \"too_few_schools\",",
                           "\"mcloone\": \"too_few_schools\",",
                           "\"range_ratio\": \"too_few_schools\"",
                           "}",
                           "},",
                           "{",
                           "\"id\": \"equipment_per_student\",",
                           "\"value\": null,",
                           "\"cv\": null,",
                           "\"limit\": null,",
                           "\"op\": null,",
                           "\"pass\": null,",
                           "\"reason\": \"no_students\",",
                           "\"schools\": 0,",
                           "\"missing\": 1,",
                           "\"theil\": null,",
                           "\"theil_within_area\": null,",
                           "\"theil_between_area\": null,",
                           "\"gini\": null,",
                           "\"mcloone\": null,",
                           "\"range_ratio\": null,",
                           "\"measure_reasons\": {",
                           "\"theil\": \"no_students\",",
                           "\"theil_within_area\": \"no_students\",",
                           "\"theil_between_area\": \"no_students\",",
                           "\"gini\": \"no_students\",",
                           "\"mcloone\": \"no_students\",",
                           "\"range_ratio\": \"no_students\"",
                           "}",
                           "}",
                           "],",
                           "\"composite\": {",
                           "\"value\": null,",
                           "\"limit\": null,",
                           "\"op\": null,",
                           "\"pass\": null,",
                           "\"reason\": \"indicator_na\"",
                           "},",
                           "\"schools_compliant\": 0,",
                           "\"schools_failing\": 0,",
                           "\"pass\": false,",
                           "\"judged\": false,",
                           "\"schools_not_judged\": 1,"}));
    CHECK(has_block(text, {"\"by_area\": [],", "\"urban_rural_gap\": [],"}));
}

TEST_CASE("render_json: schools, exclusions and the trends of two years") {
    const std::string text = json_of(test::hand_report(), Level::school);
    INFO(text);
    CHECK(has_block(text, {"\"school_id\": \"0110230018\",",
                           "\"school_name\": \"乙小学\",",
                           "\"school_type\": \"primary_school\",",
                           "\"area_type\": \"town\",",
                           "\"students\": 500,",
                           "\"indicators\": [",
                           "{",
                           "\"id\": \"above_degree_per100\",",
                           "\"value\": 3.8,",
                           "\"standard\": 4.2,",
                           "\"status\": \"above_floor\"",
                           "},",
                           "{",
                           "\"id\": \"equipment_per_student\",",
                           "\"value\": null,",
                           "\"standard\": 2000,",
                           "\"status\": \"missing\"",
                           "}",
                           "],",
                           "\"standards_reached\": 0,",
                           "\"compliant\": null,",
                           "\"file\": \"a.csv\",",
                           "\"line\": 3,",
                           "\"checks\": [",
                           "{",
                           "\"id\": \"class_size\",",
                           "\"value\": null,",
                           "\"limit\": 45,",
                           "\"op\": \"<=\",",
                           "\"pass\": null,",
                           "\"status\": \"missing\"",
                           "}",
                           "],",
                           "\"school_students\": 500,",
                           "\"boarding\": null,",
                           "\"rural_small\": false,",
                           "\"township_boarding\": false"}));
    CHECK(has_block(text, {"\"school_id\": \"0110230017\",", "\"school_name\": \"甲|小学\","}));
    CHECK(has_block(text, {"\"compliant\": true,"}));
    CHECK(has_block(text, {"\"exclusions\": [", "{", "\"district\": \"东|区\\n北\",",
                           "\"year\": 2024,", "\"stage\": \"primary\",",
                           "\"school_id\": \"0110260041\",", "\"school_name\": \"李家村教学点\",",
                           "\"school_type\": \"teaching_point\",", "\"area_type\": \"rural\",",
                           "\"students\": 23,", "\"rule\": \"small_teaching_point\",",
                           "\"description\": \"teaching point with fewer than 50 students\",",
                           "\"file\": \"a.csv\",", "\"line\": 39", "}", "],"}));
    // 0.12345 − 0.2 = −0.07655 (its shortest form); the first year has no change.
    CHECK(has_block(text, {"\"trends\": [",
                           "{",
                           "\"district\": \"东|区\\n北\",",
                           "\"stage\": \"primary\",",
                           "\"years\": [",
                           "2023,",
                           "2024",
                           "],",
                           "\"indicators\": [",
                           "{",
                           "\"id\": \"above_degree_per100\",",
                           "\"limit\": 0.5,",
                           "\"op\": \"<=\",",
                           "\"points\": [",
                           "{",
                           "\"year\": 2023,",
                           "\"cv\": 0.2,",
                           "\"pass\": true,",
                           "\"change\": null,",
                           "\"theil\": 0.02,",
                           "\"theil_within_area\": 0.015,",
                           "\"theil_between_area\": 0.005",
                           "},",
                           "{",
                           "\"year\": 2024,",
                           "\"cv\": 0.12345,",
                           "\"pass\": true,",
                           "\"change\": -0.07655,",
                           "\"theil\": 0.01,",
                           "\"theil_within_area\": 0.004,",
                           "\"theil_between_area\": 0.006",
                           "}",
                           "]"}));
    CHECK(has_block(text, {"\"id\": \"composite\",", "\"limit\": 0.45,", "\"op\": \"<\","}));
}

// Two districts of one year at the same mean μ = 2: nothing between them; within =
// s_A T_A + s_B T_B = (200/800)·0.5 + (600/800)·0.25 = 0.3125, every step exact in binary.
TEST_CASE("render_json: the Theil index across districts") {
    Report report;
    report.profile = test::two_indicator_profile();
    report.inputs = {"a.csv"};
    for (const auto& [district, students, theil] :
         {std::tuple{"甲区", 100.0, 0.5}, std::tuple{"乙区", 300.0, 0.25}}) {
        GroupResult group;
        group.key = {district, 2024, Stage::primary};
        group.indicators = {
            test::hand_indicator("above_degree_per100", {2}, {0.3}, std::nullopt, std::nullopt, 3),
            test::hand_indicator("equipment_per_student", {0, NaReason::no_students},
                                 {0, NaReason::no_students}, std::nullopt, std::nullopt, 0)};
        group.indicators[0].dispersion.students = students;
        group.indicators[0].measures.theil = {theil};
        report.groups.push_back(group);
    }
    std::sort(report.groups.begin(), report.groups.end(),
              [](const GroupResult& a, const GroupResult& b) { return a.key < b.key; });
    const std::string text = json_of(report, Level::district);
    INFO(text);
    CHECK(has_block(text, {"\"across_districts\": [",
                           "{",
                           "\"year\": 2024,",
                           "\"stage\": \"primary\",",
                           "\"indicators\": [",
                           "{",
                           "\"id\": \"above_degree_per100\",",
                           "\"theil\": 0.3125,",
                           "\"theil_within_districts\": 0.3125,",
                           "\"theil_between_districts\": 0",
                           "},",
                           "{",
                           "\"id\": \"equipment_per_student\",",
                           "\"theil\": null,",
                           "\"theil_within_districts\": null,",
                           "\"theil_between_districts\": null,",
                           "\"reason\": \"no_students\"",
                           "}",
                           "]",
                           "}",
                           "]"}));
}
