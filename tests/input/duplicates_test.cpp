#include "input/duplicates.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <tuple>

using namespace eduqb;

namespace {

SectionRow section(const std::string& district, int year, const std::string& school, Stage stage) {
    SectionRow row;
    row.district = district;
    row.year = year;
    row.school_id = school;
    row.stage = stage;
    return row;
}

}  // namespace

TEST_CASE("duplicates: a second row of a section, whatever lies between the two") {
    DuplicateDetector detector;
    CHECK_FALSE(detector.seen_before(section("东城区", 2024, "1001", Stage::primary)));
    CHECK_FALSE(detector.seen_before(section("东城区", 2024, "1001", Stage::junior)));
    CHECK_FALSE(detector.seen_before(section("东城区", 2023, "1001", Stage::primary)));
    CHECK_FALSE(detector.seen_before(section("西城区", 2024, "1001", Stage::primary)));
    CHECK(detector.seen_before(section("东城区", 2024, "1001", Stage::primary)));
    CHECK(detector.seen_before(section("西城区", 2024, "1001", Stage::primary)));
}

TEST_CASE("duplicates: district-years moved to the temporary file are checked as well") {
    // 40 hashes in memory at most (a district-year and a half); 40 district-years interleaved
    // in runs of 30 rows, each seen three times, so that every one is stored and read back.
    // Every repeat is found, and nothing else.
    DuplicateDetector detector(40);
    std::set<std::tuple<int, int, int>> seen;
    std::uint64_t state = 7;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>(state >> 40);
    };
    for (int round = 0; round < 3; ++round) {
        for (int district = 0; district < 20; ++district) {
            for (int year = 2023; year <= 2024; ++year) {
                for (int row = 0; row < 30; ++row) {
                    const int school = next() % 60;
                    const bool repeated = !seen.emplace(district, year, school).second;
                    CHECK(detector.seen_before(section("区" + std::to_string(district), year,
                                                       std::to_string(school), Stage::primary)) ==
                          repeated);
                }
            }
        }
    }
    CHECK(detector.spills() > 40);
    CHECK(detector.reloads() > 40);
}
