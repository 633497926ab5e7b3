#include "compute/measures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace eduqb;

namespace {

/// The measures of sections given by their students, values and area types (all urban when
/// `areas` is empty).
InequalityMeasures measures_of(const std::vector<double>& students,
                               const std::vector<double>& values,
                               const std::vector<AreaType>& areas) {
    GroupValues group;
    for (std::size_t i = 0; i < values.size(); ++i) {
        group.add(values[i], students[i], areas.empty() ? AreaType::urban : areas[i]);
    }
    return group.measures();
}

constexpr AreaType kUrban = AreaType::urban;
constexpr AreaType kRural = AreaType::rural;

}  // namespace

// Equal weights: the textbook unweighted forms. Values 1, 2, 3, 6, mean 3.
//   Theil T = (1/4) Σ (x/3) ln(x/3) = 0.18744504820626945
//   Gini = Σ_i Σ_j |x_i − x_j| / (2 n² μ) = 32 / 96 = 1/3
//   McLoone: the median is 2 (cumulative share 1/2 at the second school): mean(1, 2) / 2 = 0.75
//   range ratio 6 / 1 = 6
//   by area: urban {1, 2} and rural {3, 6}, each T_a = ½((2/3) ln(2/3) + (4/3) ln(4/3))
//   = 0.056633012265132426; shares s = 300/1200 and 900/1200; between = ¼ ln(1.5/3) +
//   ¾ ln(4.5/3) = 0.13081203594113697.
TEST_CASE("measures: equal weights reduce to Theil T, Gini, McLoone and max/min") {
    const InequalityMeasures m =
        measures_of({100, 100, 100, 100}, {6, 1, 3, 2}, {kRural, kUrban, kRural, kUrban});
    CHECK(m.theil.value == doctest::Approx(0.18744504820626945).epsilon(1e-14));
    CHECK(m.gini.value == doctest::Approx(1.0 / 3).epsilon(1e-14));
    CHECK(m.mcloone.value == doctest::Approx(0.75).epsilon(1e-14));
    CHECK(m.range_ratio.value == 6);
    CHECK(m.theil_within_area.value == doctest::Approx(0.056633012265132426).epsilon(1e-14));
    CHECK(m.theil_between_area.value == doctest::Approx(0.13081203594113697).epsilon(1e-14));
    CHECK(m.theil_within_area.value + m.theil_between_area.value ==
          doctest::Approx(m.theil.value).epsilon(1e-15));
    for (const Measure* each : {&m.theil, &m.theil_within_area, &m.theil_between_area, &m.gini,
                                &m.mcloone, &m.range_ratio}) {
        CHECK(each->defined());
    }
}

// The worked example of domain.md (books per student, 5 schools), weighted by students; the
// numbers from exact fractions and 50-digit logarithms:
//   x ascending 160/76, 137/37, 279/45, 402/55, 935/89; cumulative shares 0.252, 0.374, 0.523
//   → median 279/45 = 6.2; McLoone = (160 + 137 + 279) / (76 + 37 + 45) / 6.2 = 0.587995100040833
//   Theil = Σ (R_i/R) ln(x_i/μ) = 0.1436295547965092
//   Gini (double sum) = 0.2883771891865694; range ratio (935/89)/(160/76) = 4.990168539325842
TEST_CASE("measures: the worked example, student-weighted") {
    const InequalityMeasures m = measures_of(
        {45, 37, 89, 76, 55}, {279.0 / 45, 137.0 / 37, 935.0 / 89, 160.0 / 76, 402.0 / 55}, {});
    CHECK(m.theil.value == doctest::Approx(0.1436295547965092).epsilon(1e-13));
    CHECK(m.gini.value == doctest::Approx(0.2883771891865694).epsilon(1e-13));
    CHECK(m.mcloone.value == doctest::Approx(0.587995100040833).epsilon(1e-13));
    CHECK(m.range_ratio.value == doctest::Approx(4.990168539325842).epsilon(1e-14));
    // One area type: nothing between, everything within.
    CHECK(m.theil_between_area.value == 0);
    CHECK(m.theil_within_area.value == doctest::Approx(m.theil.value).epsilon(1e-15));
}

TEST_CASE("measures: NA with a reason where undefined") {
    SUBCASE("no schools, one school") {
        CHECK(measures_of({}, {}, {}).gini.na == NaReason::no_students);
        const InequalityMeasures m = measures_of({10}, {3}, {});
        for (const Measure* each : {&m.theil, &m.theil_within_area, &m.theil_between_area, &m.gini,
                                    &m.mcloone, &m.range_ratio}) {
            CHECK(each->na == NaReason::too_few_schools);
        }
    }
    SUBCASE("every value 0") {
        const InequalityMeasures m = measures_of({10, 20}, {0, 0}, {});
        CHECK(m.theil.na == NaReason::zero_mean);
        CHECK(m.range_ratio.na == NaReason::zero_mean);
    }
    // 0, 0, 0, 5 with equal weights: μ = 1.25, T = ¼ (5/1.25) ln(5/1.25) = ln 4,
    // Gini = 2·3·5 / (16 · 2 · 1.25) = 0.75; the median is 0, so is the lowest value.
    SUBCASE("a median of 0, a lowest value of 0") {
        const InequalityMeasures m = measures_of({7, 7, 7, 7}, {0, 5, 0, 0}, {});
        CHECK(m.theil.value == doctest::Approx(std::log(4.0)).epsilon(1e-15));
        CHECK(m.gini.value == doctest::Approx(0.75).epsilon(1e-15));
        CHECK(m.mcloone.na == NaReason::zero_median);
        CHECK(m.range_ratio.na == NaReason::zero_minimum);
    }
    SUBCASE("a section without an area type") {
        const InequalityMeasures m = measures_of({10, 10}, {1, 2}, {kUrban, AreaType::unknown});
        CHECK(m.theil.defined());
        CHECK(m.theil_within_area.na == NaReason::no_area_type);
        CHECK(m.theil_between_area.na == NaReason::no_area_type);
    }
}

// Two schools at 10^12 ± 10^6: T = δ²/2 + δ⁴/12 + … with δ = 1e-6. Σ r ln r alone would leave
// an error of about 1e-16 on a result of 5e-13.
TEST_CASE("measures: a tiny spread on huge values keeps its digits") {
    const InequalityMeasures m =
        measures_of({300, 300}, {1e12 - 1e6, 1e12 + 1e6}, {kUrban, kRural});
    CHECK(m.theil.value == doctest::Approx(5.000000000000833e-13).epsilon(1e-8));
    CHECK(m.theil_between_area.value == doctest::Approx(5.000000000000833e-13).epsilon(1e-8));
    CHECK(m.gini.value == doctest::Approx(0.5e-6).epsilon(1e-8));
    CHECK(theil_term(1) == 0);
    CHECK(theil_term(0) == 1);
}

// District A: 100 students, μ = 2, T = 0.1; B: 300 students, μ = 1, T = 0.05; C: one school
// (its T is NA: nothing inside it), 100 students, μ = 1.25. R ∝ 200 + 300 + 125 = 625 over
// 500 students: μ = 1.25, s = 200/625, 300/625, 125/625.
//   within = 0.32·0.1 + 0.48·0.05 = 0.056
//   between = 0.32 ln(2/1.25) + 0.48 ln(1/1.25) + 0.2 ln 1 = 0.043292256727814754
TEST_CASE("measures: the Theil index across districts") {
    auto group = [](std::string district, double students, double mean, long schools,
                    Measure theil) {
        GroupResult result;
        result.key = {std::move(district), 2024, Stage::primary};
        IndicatorResult indicator;
        indicator.id = "books_per_student";
        indicator.dispersion.schools = schools;
        indicator.dispersion.students = students;
        indicator.dispersion.value = {mean};
        indicator.measures.theil = theil;
        result.indicators = {indicator};
        return result;
    };
    Profile profile;
    profile.indicators.resize(1);
    profile.indicators[0].id = "books_per_student";
    AcrossDistrictsCollector collector;
    collector.reset(3);
    collector.add(0, group("A", 100, 2, 5, {0.1}));
    collector.add(2, group("C", 100, 1.25, 1, {0, NaReason::too_few_schools}));
    collector.add(1, group("B", 300, 1, 9, {0.05}));
    const auto across = collector.across_districts(profile);
    REQUIRE(across.size() == 1);
    CHECK(across[0].year == 2024);
    const DistrictsTheil& theil = across[0].indicators.at(0);
    CHECK(theil.within.value == doctest::Approx(0.056).epsilon(1e-14));
    CHECK(theil.between.value == doctest::Approx(0.043292256727814754).epsilon(1e-14));
    CHECK(theil.theil.value == doctest::Approx(theil.within.value + theil.between.value));

    SUBCASE("one district: no entries") {
        AcrossDistrictsCollector alone;
        alone.reset(1);
        alone.add(0, group("A", 100, 2, 5, {0.1}));
        CHECK(alone.across_districts(profile).empty());
    }
}

namespace {

bool same_bits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// Every measure and reason of `a` and `b` the same, to the bit.
void check_same(const InequalityMeasures& a, const InequalityMeasures& b) {
    const Measure* left[] = {&a.theil, &a.theil_within_area, &a.theil_between_area,
                             &a.gini,  &a.mcloone,           &a.range_ratio};
    const Measure* right[] = {&b.theil, &b.theil_within_area, &b.theil_between_area,
                              &b.gini,  &b.mcloone,           &b.range_ratio};
    for (std::size_t i = 0; i < std::size(left); ++i) {
        CHECK(left[i]->na == right[i]->na);
        CHECK(same_bits(left[i]->value, right[i]->value));
    }
}

}  // namespace

TEST_CASE("measures: theil_term with its logarithm taken apart gives the same bits") {
    std::mt19937_64 random(22);
    std::uniform_real_distribution<double> spread(0, 8);
    std::uniform_real_distribution<double> near_one(-2e-3, 2e-3);
    for (int i = 0; i < 100000; ++i) {
        for (double ratio : {spread(random), 1 + near_one(random)}) {
            CHECK(same_bits(theil_term(ratio, std::log(ratio)), theil_term(ratio)));
        }
    }
    // Where it does not read the logarithm: at 0 (0 ln 0 = 0) and within 1e-3 of 1.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(theil_term(0, nan) == 1);
    CHECK(same_bits(theil_term(1 + 5e-4, nan), theil_term(1 + 5e-4)));
    CHECK(!theil_term_needs_log(0));
    CHECK(!theil_term_needs_log(1 - 5e-4));
    CHECK(theil_term_needs_log(1 + 2e-3));
}

TEST_CASE("measures: add_column gives the measures of add(), bit for bit") {
    std::mt19937_64 random(2017);
    std::uniform_real_distribution<double> value(0, 50);
    std::uniform_int_distribution<int> students(1, 2000);
    std::uniform_int_distribution<int> area(1, 3);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    GroupValues by_column;  // reused group after group, as the evaluator does
    for (const std::size_t sections : std::vector<std::size_t>{40, 3, 200, 1, 0, 77}) {
        // Records of students and two indicators; the second one missing at every third
        // section, and values repeated so that the sort meets ties.
        std::vector<double> records(3 * sections);
        std::vector<const double*> pointers(sections);
        std::vector<AreaType> areas(sections);
        for (std::size_t i = 0; i < sections; ++i) {
            records[3 * i] = students(random);
            records[3 * i + 1] = i % 5 == 0 ? 7.5 : value(random);
            records[3 * i + 2] = i % 3 == 0 ? nan : value(random);
            pointers[i] = &records[3 * i];
            areas[i] = static_cast<AreaType>(area(random));
        }
        if (sections == 77) areas[5] = AreaType::unknown;
        for (const std::size_t column : std::vector<std::size_t>{1, 2}) {
            GroupValues by_section;
            for (std::size_t i = 0; i < sections; ++i) {
                const double x = records[3 * i + column];
                if (!is_missing(x)) by_section.add(x, records[3 * i], areas[i]);
            }
            by_column.clear();
            by_column.add_column(pointers.data(), areas.data(), sections, column);
            check_same(by_column.measures(), by_section.measures());
        }
    }
}

// Gini and McLoone by their definitions, with no sort: Gini = Σ_i Σ_j P_i P_j |x_i − x_j| /
// (2 P² μ); the median M is the least value whose students and those below reach half of
// all; McLoone = Σ_{x ≤ M} P x / (M Σ_{x ≤ M} P). Groups of every size up to 300 (runs of
// the merge sort that do not halve evenly), many with tied values.
TEST_CASE("measures: Gini and McLoone agree with their definitions, ties and any size") {
    std::mt19937_64 random(22);
    for (std::size_t n = 2; n <= 300; n += (n < 40 ? 1 : 13)) {
        CAPTURE(n);
        std::vector<double> students(n), values(n);
        const bool ties = n % 2 == 0;
        for (std::size_t i = 0; i < n; ++i) {
            students[i] = static_cast<double>(20 + random() % 900);
            values[i] = ties ? static_cast<double>(1 + random() % 5)
                             : static_cast<double>(random() % 100000) / 977.0 + 0.5;
        }
        double total = 0, weighted = 0, pairs = 0;
        for (std::size_t i = 0; i < n; ++i) {
            total += students[i];
            weighted += students[i] * values[i];
            for (std::size_t j = 0; j < n; ++j) {
                pairs += students[i] * students[j] * std::abs(values[i] - values[j]);
            }
        }
        const double mean = weighted / total;
        double median = std::numeric_limits<double>::infinity();
        for (double candidate : values) {
            double at_most = 0;
            for (std::size_t j = 0; j < n; ++j) {
                if (values[j] <= candidate) at_most += students[j];
            }
            if (at_most >= (0.5 - 1e-12) * total) median = std::min(median, candidate);
        }
        double below = 0, below_students = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (values[j] <= median) {
                below += students[j] * values[j];
                below_students += students[j];
            }
        }
        const InequalityMeasures m = measures_of(students, values, {});
        CHECK(m.gini.value == doctest::Approx(pairs / (2 * total * total * mean)).epsilon(1e-12));
        CHECK(m.mcloone.value == doctest::Approx(below / (median * below_students)).epsilon(1e-12));
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        CHECK(m.range_ratio.value == *high / *low);
    }
}
