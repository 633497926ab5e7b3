#include "eduqb/dispersion.hpp"
#include "compute/weighted_dispersion.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>

using namespace eduqb;

namespace {

// The public method sheet's books-per-student example (domain.md): 5 primary schools.
const double kStudents[] = {45, 37, 89, 76, 55};
const double kBooks[] = {279, 137, 935, 160, 402};

}  // namespace

TEST_CASE("dispersion: worked example CV 0.5153") {
    Eigen::ArrayXd students = Eigen::Map<const Eigen::ArrayXd>(kStudents, 5);
    Eigen::ArrayXd books = Eigen::Map<const Eigen::ArrayXd>(kBooks, 5);
    const Dispersion d = weighted_dispersion(students, books, 1.0);
    // By hand: X̄ = 1913/302; Σ (P_i/P)(X_i − X̄)² = 10.65 (terms 0.003, 0.85, 5.13, 4.50, 0.17).
    CHECK(d.value.value == doctest::Approx(1913.0 / 302.0).epsilon(1e-15));
    CHECK(d.cv.value == doctest::Approx(0.5153).epsilon(1e-4));
    CHECK(d.cv.value == doctest::Approx(std::sqrt(10.6509) / (1913.0 / 302.0)).epsilon(1e-4));
    CHECK(d.schools == 5);
    CHECK(d.students == 302);

    // The unweighted CV of the same data is 0.4888: it would pass a 0.50 limit the official
    // estimator fails. Make sure we are not computing that.
    CHECK(d.cv.value > 0.50);
}

TEST_CASE("dispersion: streaming accumulator equals the two-pass kernel") {
    WeightedMoments moments;
    double resources = 0;
    for (int i = 0; i < 5; ++i) {
        moments.add(kStudents[i], kBooks[i] / kStudents[i]);
        resources += kBooks[i];
    }
    const Dispersion streamed = dispersion_from(moments, resources, 1.0);
    Eigen::ArrayXd students = Eigen::Map<const Eigen::ArrayXd>(kStudents, 5);
    Eigen::ArrayXd books = Eigen::Map<const Eigen::ArrayXd>(kBooks, 5);
    const Dispersion two_pass = weighted_dispersion(students, books, 1.0);
    CHECK(streamed.cv.value == doctest::Approx(two_pass.cv.value).epsilon(1e-14));
    CHECK(streamed.value.value == two_pass.value.value);
}

TEST_CASE("dispersion: merging accumulators equals adding every observation") {
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> size(30, 2500), ratio(1, 40);
    WeightedMoments all, left, right;
    for (int i = 0; i < 1000; ++i) {
        double w = std::floor(size(random));
        double x = ratio(random);
        all.add(w, x);
        (i % 3 ? left : right).add(w, x);
    }
    left.merge(right);
    CHECK(left.count() == all.count());
    CHECK(left.weight() == doctest::Approx(all.weight()).epsilon(1e-15));
    CHECK(left.mean() == doctest::Approx(all.mean()).epsilon(1e-13));
    CHECK(left.squares() == doctest::Approx(all.squares()).epsilon(1e-12));
}

TEST_CASE("dispersion: multiplier scales the value, not the CV") {
    Eigen::ArrayXd students(3), rooms(3);
    students << 400, 800, 1200;
    rooms << 8, 20, 30;
    const Dispersion per_student = weighted_dispersion(students, rooms, 1.0);
    const Dispersion per_100 = weighted_dispersion(students, rooms, 100.0);
    CHECK(per_100.value.value == doctest::Approx(100 * 58.0 / 2400.0).epsilon(1e-15));
    CHECK(per_100.cv.value == doctest::Approx(per_student.cv.value).epsilon(1e-14));
}

TEST_CASE("dispersion: NA cases carry their reason") {
    SUBCASE("fewer than 2 schools") {
        Eigen::ArrayXd students(1), books(1);
        students << 300;
        books << 9000;
        const Dispersion d = weighted_dispersion(students, books, 1.0);
        CHECK(d.value.defined());
        CHECK(d.value.value == 30);
        CHECK(d.cv.na == NaReason::too_few_schools);
    }
    SUBCASE("zero mean") {
        Eigen::ArrayXd students(2), rooms(2);
        students << 300, 200;
        rooms << 0, 0;
        const Dispersion d = weighted_dispersion(students, rooms, 100.0);
        CHECK(d.value.value == 0);
        CHECK(d.cv.na == NaReason::zero_mean);
    }
    SUBCASE("no students") {
        const Dispersion d = dispersion_from(WeightedMoments{}, 0, 1.0);
        CHECK(d.value.na == NaReason::no_students);
        CHECK(d.cv.na == NaReason::no_students);
    }
    SUBCASE("identical ratios give exactly 0") {
        Eigen::ArrayXd students(3), area(3);
        students << 100, 250, 400;
        area << 450, 1125, 1800;
        const Dispersion d = weighted_dispersion(students, area, 1.0);
        CHECK(d.cv.defined());
        CHECK(d.cv.value == 0);
    }
}
