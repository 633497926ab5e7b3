#include "eduqb/dispersion.hpp"

#include <doctest/doctest.h>

using namespace eduqb;

TEST_CASE("dispersion: worked example CV 0.5153") {
    Eigen::ArrayXd students(5), books(5);
    students << 45, 37, 89, 76, 55;
    books << 279, 137, 935, 160, 402;
    const Dispersion d = weighted_dispersion(students, books, 1.0);
    CHECK(d.value.value == doctest::Approx(1913.0 / 302.0).epsilon(1e-15));
    CHECK(d.cv.value == doctest::Approx(0.5153).epsilon(5e-5));
}
