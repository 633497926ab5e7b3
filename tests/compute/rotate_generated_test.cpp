// The teacher-exchange plan on generated data, 40 districts × 2 years, both stages, with
// combined schools: what issue 22 asks of `eduqb rotate --adjusted`, asserted group by group.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <tuple>

#include "eduqb/rotate.hpp"
#include "rotate_support.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

/// One county's sections: town schools with many backbone and PE/art teachers, village
/// schools with few, facilities near the standards so that some sections miss one.
class CountyGenerator {
  public:
    explicit CountyGenerator(std::uint32_t seed) : random_(seed) {}

    std::string csv() {
        std::string text = test::kHeader;
        for (int district = 1; district <= 40; ++district) {
            const double skew = real(0.2, 1.0);  // how unequal the county's teachers are
            for (int year : {2024, 2023}) {
                for (int school = 1; school <= integer(8, 18); ++school) {
                    section_rows(text, district, year, school, skew);
                }
            }
        }
        return text;
    }

  private:
    int integer(int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random_);
    }
    double real(double low, double high) {
        return std::uniform_real_distribution<double>(low, high)(random_);
    }

    /// One school: a primary or junior school, or a nine-year school with both sections.
    void section_rows(std::string& text, int district, int year, int school, double skew) {
        const int kind = integer(0, 9);
        const bool town = integer(0, 2) == 0;
        const std::string id = fmt::format("{:04}{:03}", district, school);
        const std::string key =
            fmt::format("{},校{}-{},县{},{}", id, district, school, district, year);
        if (kind < 7) {
            const bool primary = kind < 4;
            text += row(key, primary ? "primary_school" : "junior_school", primary, town, skew,
                        facilities(town ? 1200 : 300, primary));
        } else {
            // One whole-school total of each facility, on both section rows.
            const std::string shared = facilities(town ? 2400 : 600, false);
            text += row(key, "nine_year", true, town, skew, shared);
            text += row(key, "nine_year", false, town, skew, shared);
        }
    }

    /// Teaching area, sports ground, equipment and multimedia rooms for `students`, at the
    /// junior or primary standards times a factor that leaves a few sections short.
    std::string facilities(int students, bool primary) {
        const double factor = students * real(0.9, 1.6);
        return fmt::format("{:.0f},{:.0f},{:.0f},{}", factor * (primary ? 4.5 : 5.8),
                           factor * (primary ? 7.5 : 10.2), factor * (primary ? 2000 : 2500),
                           static_cast<int>(factor * 2.6 / 100) + 1);
    }

    std::string row(const std::string& key, const char* type, bool primary, bool town, double skew,
                    const std::string& facilities) {
        const int students = town ? integer(600, 1800) : integer(80, 500);
        const int teachers = static_cast<int>(students / (primary ? 17.0 : 12.5)) + integer(1, 4);
        const double strong = town ? 1 + skew : 1 - 0.8 * skew;
        auto per100 = [&](double rate, double low, double high) {
            const double count = students / 100.0 * rate * strong * real(low, high);
            return std::min(teachers, static_cast<int>(std::lround(count)));
        };
        const int backbone = per100(1.3, 0.7, 1.3);
        const int pe_art = per100(1.3, 0.6, 1.4);
        const int degree = std::min(
            teachers, static_cast<int>(students / 100.0 * (primary ? 5.5 : 6.5) * real(0.8, 1.3)));
        return fmt::format("{},{},{},,{},{},{},{},{},{},{},0,0,{}\n", key, type,
                           primary ? "primary" : "junior", students, teachers, degree, backbone,
                           pe_art, teachers / 3, facilities, students / 40 + 1);
    }

    std::mt19937 random_;
};

using GroupTotals =
    std::map<std::tuple<std::string, std::string, std::string>, std::array<long, 5>>;

/// Σ of each teacher column per district, year and stage, from the CSV text.
GroupTotals teacher_totals(const std::string& csv) {
    GroupTotals totals;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
        auto& sums = totals[{cells[2], cells[3], cells[5]}];
        for (std::size_t c = 0; c < 5; ++c) sums[c] += std::stol(cells[8 + c]);
    }
    return totals;
}

/// Teacher coefficients over their limit, per group.
std::map<GroupKey, long> failing_teacher_cvs(const Report& report) {
    std::map<GroupKey, long> failing;
    for (const GroupResult& group : report.groups) {
        long count = 0;
        for (std::size_t k = 0; k < group.indicators.size(); ++k) {
            if (teacher_slot(report.profile.indicators[k].column)) {
                count += group.indicators[k].pass == false;
            }
        }
        failing[group.key] = count;
    }
    return failing;
}

}  // namespace

TEST_CASE(
    "rotate: 40 districts × 2 years — totals kept, ≤ 10 % moved, none made "
    "non-compliant, fewer failing teacher coefficients, compute reproduces the plan") {
    const std::string csv = CountyGenerator(22).csv();
    const Profile profile = builtin_profile("national-2017");
    const Rotation rotation = rotate_text(csv, profile);
    REQUIRE(rotation.before.groups.size() == 160);

    // 1. Each teacher column's total per district, year and stage is kept.
    CHECK(teacher_totals(rotation.adjusted) == teacher_totals(csv));

    // 2. At most 10 % of the full-time teachers move; the plan's count is the cells' change.
    long long moved = 0;
    for (const GroupRotation& group : rotation.plan.groups) {
        CAPTURE(group.key.district);
        CHECK(group.moved <= group.budget);
        CHECK(static_cast<double>(group.moved) <= 0.1 * static_cast<double>(group.teachers));
        long long left = 0;
        for (const CountChange& change : group.changes) {
            if (change.column == Column::teachers && change.after < change.before) {
                left += change.before - change.after;
            }
        }
        // A section may take a teacher of one category and give one of another: its
        // full-time teachers do not change, though two teachers moved.
        CHECK(left <= group.moved);
        moved += group.moved;
    }

    // 3. No compliant section is made non-compliant, and none loses a standard it reached.
    CHECK(sections_made_non_compliant(rotation.before, rotation.after) == 0);
    REQUIRE(rotation.before.schools.size() == rotation.after.schools.size());
    long compliant_before = 0, compliant_after = 0;
    for (std::size_t i = 0; i < rotation.before.schools.size(); ++i) {
        const SchoolResult& before = rotation.before.schools[i];
        const SchoolResult& after = rotation.after.schools[i];
        REQUIRE(before.source.line == after.source.line);
        compliant_before += before.compliant == true;
        compliant_after += after.compliant == true;
        for (std::size_t k = 0; k < before.statuses.size(); ++k) {
            if (before.statuses[k] == StandardStatus::reached) {
                CHECK(after.statuses[k] == StandardStatus::reached);
            }
        }
    }

    // 4. Fewer failing teacher coefficients, and more in no group.
    const auto failing_before = failing_teacher_cvs(rotation.before);
    const auto failing_after = failing_teacher_cvs(rotation.after);
    long total_before = 0, total_after = 0;
    for (const auto& [key, count] : failing_before) {
        CHECK(failing_after.at(key) <= count);
        total_before += count;
        total_after += failing_after.at(key);
    }
    CHECK(total_after < total_before);

    // 5. The plan's "after" is what the pipeline computes on the adjusted input, and the
    // planner's own arithmetic agrees with it.
    for (const GroupRotation& group : rotation.plan.groups) {
        for (const CvChange& cv : group.cvs) {
            if (!cv.after.defined()) continue;
            CHECK(cv.planned.value == doctest::Approx(cv.after.value).epsilon(1e-12));
        }
    }
    MESSAGE(
        fmt::format("{} teachers moved; failing teacher coefficients {} → {}; compliant "
                    "sections {} → {}",
                    moved, total_before, total_after, compliant_before, compliant_after));
}
