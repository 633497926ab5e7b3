#include "scope/split.hpp"

#include <doctest/doctest.h>

#include <array>

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
    // Each section knows the students of the others, by stage, for the school-size check.
    CHECK(twelve[0].school_students == 550);
    CHECK(twelve[0].other_sections_students == std::array<double, 3>{0, 200, 250});
    CHECK(twelve[1].other_sections_students == std::array<double, 3>{100, 0, 250});
    CHECK(twelve[2].other_sections_students == std::array<double, 3>{100, 200, 0});
    CHECK(middle[0].other_sections_students == std::array<double, 3>{0, 0, 500});
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

namespace {

/// A national-2017 splitter and the two lists it fills, as the tests below start.
struct SplitterRun {
    Profile profile = builtin_profile("national-2017");
    Diagnostics diagnostics;
    CombinedSchoolSplitter splitter{profile.split, kFiles, diagnostics};
    SectionBatch ready;
    std::vector<SectionRow> rejected;
};

}  // namespace

TEST_CASE_FIXTURE(SplitterRun,
                  "split: the splitter waits for every section, then releases the school") {
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

namespace {

SectionRow section_of(std::string school_id, SchoolType type, Stage stage, double students,
                      double books, long line) {
    SectionRow row = section(type, stage, students, books, line);
    row.school_id = std::move(school_id);
    row.district = "示例区";
    row.year = 2024;
    return row;
}

/// "school_id/stage" of each row, in order.
template <typename Rows>
std::vector<std::string> sections_in(const Rows& rows) {
    std::vector<std::string> names;
    for (const auto& row : rows) {
        names.push_back(row.school_id + "/" + std::string(to_string(row.stage)));
    }
    return names;
}

std::vector<std::string> messages_in(const Diagnostics& diagnostics) {
    std::vector<std::string> messages;
    for (const auto& problem : diagnostics.problems()) messages.push_back(problem.message);
    return messages;
}

}  // namespace

TEST_CASE_FIXTURE(SplitterRun, "split: sections of interleaved schools find their school") {
    using T = SchoolType;
    splitter.push(section_of("A", T::nine_year, Stage::primary, 100, 1000, 2), ready, rejected);
    splitter.push(section_of("B", T::twelve_year, Stage::senior, 100, 3000, 3), ready, rejected);
    splitter.push(section_of("C", T::nine_year, Stage::junior, 100, 2000, 4), ready, rejected);
    splitter.push(section_of("P", T::primary_school, Stage::primary, 100, 500, 5), ready, rejected);
    CHECK(sections_in(ready) == std::vector<std::string>{"P/primary"});
    splitter.push(section_of("B", T::twelve_year, Stage::primary, 100, kMissing, 6), ready,
                  rejected);
    splitter.push(section_of("A", T::nine_year, Stage::junior, 100, kMissing, 7), ready, rejected);
    CHECK(sections_in(ready) == std::vector<std::string>{"P/primary", "A/primary", "A/junior"});
    // Nine-year: 100 + 1.1 × 100 = 210 weighted students share A's 1000 books.
    CHECK(ready[1].value(Column::books) == doctest::Approx(1000.0 * 100 / 210));
    CHECK(ready[2].value(Column::books) == doctest::Approx(1000.0 * 110 / 210));
    CHECK(ready[2].school_students == 200);
    splitter.push(section_of("B", T::twelve_year, Stage::junior, 100, kMissing, 8), ready,
                  rejected);
    REQUIRE(ready.size() == 6);
    // Twelve-year: 100 + 110 + 132 = 342; rows leave in the order they came.
    CHECK(sections_in(ready)[3] == "B/senior");
    CHECK(ready[3].value(Column::books) == doctest::Approx(3000.0 * 132 / 342));
    CHECK(ready[5].value(Column::books) == doctest::Approx(3000.0 * 110 / 342));
    CHECK(rejected.empty());
    CHECK(diagnostics.problems().empty());

    SUBCASE("schools still incomplete at the end leave in the order of their keys") {
        // C waits since line 4; E and D come after it, E first.
        splitter.push(section_of("E", T::nine_year, Stage::junior, 100, 600, 9), ready, rejected);
        splitter.push(section_of("D", T::complete_middle, Stage::senior, 100, 700, 10), ready,
                      rejected);
        splitter.finish(ready, rejected);
        CHECK(sections_in(ready) == std::vector<std::string>{"P/primary", "A/primary", "A/junior",
                                                             "B/senior", "B/primary", "B/junior",
                                                             "C/junior", "D/senior", "E/junior"});
        // Each alone: it keeps the whole-school total.
        CHECK(ready[7].value(Column::books) == 700);
        CHECK(rejected.empty());
        const auto messages = messages_in(diagnostics);
        REQUIRE(messages.size() == 3);
        CHECK(messages[0].rfind("school C is a nine_year school but only its junior section is",
                                0) == 0);
        CHECK(messages[1].rfind("school D is a complete_middle school", 0) == 0);
        CHECK(messages[2].rfind("school E is a nine_year school", 0) == 0);
    }
}

TEST_CASE_FIXTURE(SplitterRun,
                  "split: a school that cannot be split goes to the rejected rows, whole") {
    using T = SchoolType;
    splitter.push(section_of("P", T::primary_school, Stage::primary, 100, 500, 2), ready, rejected);
    splitter.push(section_of("A", T::nine_year, Stage::primary, 100, 1000, 3), ready, rejected);

    SUBCASE("rows that disagree on a total") {
        splitter.push(section_of("A", T::nine_year, Stage::junior, 100, 999, 4), ready, rejected);
        CHECK(sections_in(rejected) == std::vector<std::string>{"A/primary", "A/junior"});
        CHECK(rejected[0].value(Column::books) == 1000);  // not split
        CHECK(rejected[1].value(Column::books) == 999);
        CHECK(diagnostics.errors() == 1);
    }
    SUBCASE("a stage the type has no weight for completes the school, and is an error") {
        splitter.push(section_of("A", T::nine_year, Stage::senior, 100, kMissing, 4), ready,
                      rejected);
        CHECK(sections_in(rejected) == std::vector<std::string>{"A/primary", "A/senior"});
        CHECK(diagnostics.errors() == 1);
        // The junior section that comes later starts a school of its own.
        splitter.push(section_of("A", T::nine_year, Stage::junior, 100, 800, 5), ready, rejected);
        splitter.finish(ready, rejected);
        CHECK(sections_in(ready) == std::vector<std::string>{"P/primary", "A/junior"});
        CHECK(ready[1].value(Column::books) == 800);
    }
    SUBCASE("a section of another type rejects the school, and its rows still to come") {
        splitter.push(section_of("A", T::twelve_year, Stage::junior, 100, 1000, 4), ready,
                      rejected);
        CHECK(sections_in(rejected) == std::vector<std::string>{"A/primary", "A/junior"});
        splitter.push(section_of("A", T::twelve_year, Stage::senior, 100, kMissing, 5), ready,
                      rejected);
        splitter.finish(ready, rejected);
        CHECK(sections_in(rejected) ==
              std::vector<std::string>{"A/primary", "A/junior", "A/senior"});
        CHECK(sections_in(ready) == std::vector<std::string>{"P/primary"});
        // One error, and no warning that the school lacks a section.
        CHECK(messages_in(diagnostics).size() == 1);
    }
    CHECK(sections_in(ready).front() == "P/primary");
}

TEST_CASE_FIXTURE(SplitterRun, "split: a rejected row takes its whole school with it, silently") {
    using T = SchoolType;
    SUBCASE("its other section came first: it leaves the waiting school") {
        splitter.push(section_of("A", T::nine_year, Stage::primary, 100, kMissing, 2), ready,
                      rejected);
        splitter.push(section_of("B", T::nine_year, Stage::primary, 100, 900, 3), ready, rejected);
        splitter.reject(section_of("A", T::nine_year, Stage::junior, 100, 1000, 4), rejected);
        CHECK(sections_in(rejected) == std::vector<std::string>{"A/primary", "A/junior"});
        splitter.push(section_of("B", T::nine_year, Stage::junior, 100, kMissing, 5), ready,
                      rejected);
        CHECK(sections_in(ready) == std::vector<std::string>{"B/primary", "B/junior"});
    }
    SUBCASE("its other section comes later: it follows") {
        splitter.reject(section_of("A", T::nine_year, Stage::junior, 100, 1000, 2), rejected);
        splitter.push(section_of("A", T::nine_year, Stage::primary, 100, kMissing, 3), ready,
                      rejected);
        CHECK(sections_in(rejected) == std::vector<std::string>{"A/junior", "A/primary"});
    }
    SUBCASE("the open school: the rows of the school started last") {
        splitter.push(section_of("A", T::twelve_year, Stage::primary, 100, 1000, 2), ready,
                      rejected);
        splitter.reject(section_of("A", T::twelve_year, Stage::junior, 100, kMissing, 3), rejected);
        splitter.push(section_of("A", T::twelve_year, Stage::senior, 100, kMissing, 4), ready,
                      rejected);
        CHECK(sections_in(rejected) ==
              std::vector<std::string>{"A/primary", "A/junior", "A/senior"});
    }
    splitter.finish(ready, rejected);
    for (const auto& row : ready) CHECK(row.school_id != "A");
    CHECK(diagnostics.problems().empty());
}

TEST_CASE_FIXTURE(SplitterRun, "split: a rejected duplicate section leaves its school alone") {
    using T = SchoolType;
    splitter.push(section_of("A", T::nine_year, Stage::primary, 100, 1000, 2), ready, rejected);
    splitter.reject(section_of("A", T::nine_year, Stage::primary, 100, 1000, 3), rejected);
    CHECK(sections_in(rejected) == std::vector<std::string>{"A/primary"});
    CHECK(rejected[0].source.line == 3);
    splitter.push(section_of("A", T::nine_year, Stage::junior, 100, kMissing, 4), ready, rejected);
    CHECK(sections_in(ready) == std::vector<std::string>{"A/primary", "A/junior"});
    CHECK(ready[0].value(Column::books) == doctest::Approx(1000.0 * 100 / 210));
    // A school of one section: nothing waits, the row is simply rejected.
    splitter.reject(section_of("P", T::primary_school, Stage::primary, 100, 500, 5), rejected);
    CHECK(sections_in(rejected) == std::vector<std::string>{"A/primary", "P/primary"});
    CHECK(diagnostics.problems().empty());
}

TEST_CASE("SectionBatch: rows in order, kept when emptied, their memory traded") {
    const std::string long_name(64, 'x');  // past a string's inline room
    SectionBatch batch;
    SectionRow row;
    row.school_id = "1";
    row.school_name = long_name;
    batch.take(row);
    row.clear();
    row.school_id = "2";
    batch.take(row);
    REQUIRE(batch.size() == 2);
    CHECK(batch[0].school_id == "1");
    CHECK(batch[0].school_name == long_name);
    CHECK(batch[1].school_id == "2");
    batch.truncate(1);
    CHECK(batch.size() == 1);
    CHECK(batch.end() - batch.begin() == 1);

    batch.clear();
    CHECK(batch.empty());
    row.clear();
    row.school_id = "3";
    row.school_name = std::string(32, 'y');
    batch.take(row);  // into the spent row that held the long name
    CHECK(batch[0].school_name == std::string(32, 'y'));
#if defined(__GLIBCXX__)
    // libstdc++'s move-assignment hands the spent string's memory back to the row moved from.
    CHECK(row.school_name.capacity() >= long_name.size());
#endif

    SectionBatch moved = std::move(batch);
    CHECK(moved.size() == 1);
    CHECK(batch.empty());  // NOLINT(bugprone-use-after-move): a moved-from batch is empty
}
