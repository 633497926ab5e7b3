#include "eduqb/split.hpp"

#include <doctest/doctest.h>

#include "eduqb/error.hpp"

using namespace eduqb;

namespace {

SectionRow section(SchoolType type, Stage stage, double students, double books, long line) {
    SectionRow row;
    row.values.fill(kMissing);
    row.school_id = "9100000001";
    row.school_type = type;
    row.stage = stage;
    row.value(Column::students) = students;
    row.value(Column::books) = books;
    row.value(Column::teachers) = students / 15;
    row.source = SourceRef{0, line};
    return row;
}

const std::vector<std::string> kFiles = {"test.csv"};

}  // namespace

TEST_CASE("split: nine-year school 166 + 210 students, 23 226 books (domain.md)") {
    const Profile profile = builtin_profile("national-2017");
    Diagnostics diagnostics;
    std::vector<SectionRow> school = {
        section(SchoolType::nine_year, Stage::primary, 166, 23226, 2),
        section(SchoolType::nine_year, Stage::junior, 210, kMissing, 3)};
    split_combined_school(school, profile.split, kFiles, diagnostics);
    // Denominator 166 + 1.1 × 210 = 397: primary 166/397, junior 231/397 of 23 226.
    CHECK(school[0].value(Column::books) == doctest::Approx(23226.0 * 166 / 397).epsilon(1e-14));
    CHECK(school[1].value(Column::books) == doctest::Approx(23226.0 * 231 / 397).epsilon(1e-14));
    CHECK(school[0].value(Column::books) == doctest::Approx(9711.6).epsilon(1e-5));
    CHECK(school[1].value(Column::books) == doctest::Approx(13514.4).epsilon(1e-5));
    // Conserved, and teacher columns stay per section.
    CHECK(school[0].value(Column::books) + school[1].value(Column::books) ==
          doctest::Approx(23226).epsilon(1e-15));
    CHECK(school[0].value(Column::teachers) == doctest::Approx(166.0 / 15));
    // A shared column empty on every row stays missing.
    CHECK(is_missing(school[0].value(Column::computers)));
}

TEST_CASE("split: complete middle school 1 : 1.2 and twelve-year 1 : 1.1 : 1.32") {
    const Profile profile = builtin_profile("national-2017");
    Diagnostics diagnostics;
    std::vector<SectionRow> middle = {
        section(SchoolType::complete_middle, Stage::junior, 600, 22000, 2),
        section(SchoolType::complete_middle, Stage::senior, 500, 22000, 3)};
    split_combined_school(middle, profile.split, kFiles, diagnostics);
    // 600 + 1.2 × 500 = 1200: junior gets half.
    CHECK(middle[0].value(Column::books) == doctest::Approx(11000).epsilon(1e-14));
    CHECK(middle[1].value(Column::books) == doctest::Approx(11000).epsilon(1e-14));

    std::vector<SectionRow> twelve = {
        section(SchoolType::twelve_year, Stage::primary, 100, 7420, 2),
        section(SchoolType::twelve_year, Stage::junior, 200, kMissing, 3),
        section(SchoolType::twelve_year, Stage::senior, 250, kMissing, 4)};
    split_combined_school(twelve, profile.split, kFiles, diagnostics);
    // 100 + 220 + 330 = 650 weighted students: 7420 × 100/650, × 220/650, × 330/650.
    CHECK(twelve[0].value(Column::books) == doctest::Approx(1141.5384615384614).epsilon(1e-13));
    CHECK(twelve[1].value(Column::books) == doctest::Approx(2511.3846153846152).epsilon(1e-13));
    CHECK(twelve[2].value(Column::books) == doctest::Approx(3767.0769230769229).epsilon(1e-13));
}

TEST_CASE("split: rows that disagree on a whole-school total are an error") {
    const Profile profile = builtin_profile("national-2017");
    Diagnostics diagnostics;
    std::vector<SectionRow> school = {section(SchoolType::nine_year, Stage::primary, 166, 23226, 2),
                                      section(SchoolType::nine_year, Stage::junior, 210, 23000, 3)};
    CHECK_FALSE(split_combined_school(school, profile.split, kFiles, diagnostics));
    REQUIRE(diagnostics.errors() == 1);
    CHECK(format_problem(diagnostics.problems()[0]) ==
          "test.csv:3: error: books: school 9100000001: the rows of this combined school "
          "disagree on the whole-school total (23226 on line 2, 23000 here); put the same total "
          "on every section row, or on one row only");
    // Nothing was split.
    CHECK(school[0].value(Column::books) == 23226);
}

TEST_CASE("split: the splitter waits for every section, then releases the school") {
    const Profile profile = builtin_profile("national-2017");
    Diagnostics diagnostics;
    CombinedSchoolSplitter splitter(profile.split, kFiles, diagnostics);
    std::vector<SectionRow> rejected;
    std::vector<SectionRow> ready;
    splitter.push(section(SchoolType::nine_year, Stage::primary, 166, 23226, 2), ready, rejected);
    CHECK(ready.empty());
    splitter.push(section(SchoolType::primary_school, Stage::primary, 300, 9000, 3), ready,
                  rejected);
    CHECK(ready.size() == 1);
    splitter.push(section(SchoolType::nine_year, Stage::junior, 210, kMissing, 4), ready, rejected);
    REQUIRE(ready.size() == 3);
    CHECK(ready[1].value(Column::books) == doctest::Approx(23226.0 * 166 / 397));

    SUBCASE("a second section of the same stage is an error") {
        splitter.push(section(SchoolType::nine_year, Stage::primary, 166, 23226, 5), ready,
                      rejected);
        splitter.push(section(SchoolType::nine_year, Stage::primary, 166, 23226, 6), ready,
                      rejected);
        CHECK(rejected.size() == 1);
        CHECK(diagnostics.errors() == 1);
    }
    SUBCASE("a school whose other section never comes is released at the end") {
        splitter.push(section(SchoolType::nine_year, Stage::primary, 100, 5000, 5), ready,
                      rejected);
        CHECK(ready.size() == 3);
        splitter.finish(ready, rejected);
        REQUIRE(ready.size() == 4);
        CHECK(ready[3].value(Column::books) == doctest::Approx(5000));
    }
}
