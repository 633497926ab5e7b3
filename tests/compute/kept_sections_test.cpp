#include "compute/kept_sections.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace eduqb;

namespace {

bool same_bits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

// Sections of three groups interleaved in input order, one batch after another: gather()
// hands each indicator of a group its sections with a value, in input order, so its measures
// are those of adding them one by one.
TEST_CASE("kept_sections: each group's values gathered in input order") {
    constexpr std::size_t kIndicators = 2;
    constexpr std::size_t kGroups = 3;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::mt19937_64 random(8);
    std::uniform_real_distribution<double> value(0, 30);
    KeptSections kept(kIndicators);
    std::vector<GroupValues> expected(kGroups * kIndicators);
    for (int batch = 0; batch < 4; ++batch) {
        const Eigen::Index rows = 25;
        Eigen::ArrayXXd values(rows, static_cast<Eigen::Index>(kIndicators));
        for (Eigen::Index r = 0; r < rows; ++r) {
            const std::size_t group = static_cast<std::size_t>(r * 7 + batch) % kGroups;
            const AreaType area = static_cast<AreaType>(1 + r % 3);
            const double students = 10.0 + static_cast<double>(r * 13 % 40);
            values(r, 0) = value(random);
            values(r, 1) = r % 4 == 0 ? nan : value(random);
            kept.add(group, area, students, values, r);
            for (std::size_t k = 0; k < kIndicators; ++k) {
                const double x = values(r, static_cast<Eigen::Index>(k));
                if (!is_missing(x)) expected[group * kIndicators + k].add(x, students, area);
            }
        }
    }
    kept.index(kGroups + 1);  // a last group without sections
    std::vector<GroupValues> gathered;
    for (std::size_t g = 0; g < kGroups; ++g) {
        kept.gather(g, gathered);
        REQUIRE(gathered.size() == kIndicators);
        for (std::size_t k = 0; k < kIndicators; ++k) {
            const InequalityMeasures a = gathered[k].measures();
            const InequalityMeasures b = expected[g * kIndicators + k].measures();
            CHECK(a.theil.defined());
            CHECK(same_bits(a.theil.value, b.theil.value));
            CHECK(same_bits(a.theil_between_area.value, b.theil_between_area.value));
            CHECK(same_bits(a.gini.value, b.gini.value));
            CHECK(same_bits(a.mcloone.value, b.mcloone.value));
            CHECK(same_bits(a.range_ratio.value, b.range_ratio.value));
        }
    }
    kept.gather(kGroups, gathered);
    CHECK(gathered[0].measures().theil.na == NaReason::no_students);
}
