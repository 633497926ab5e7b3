// The streaming estimator (WeightedMoments) against a two-pass long-double reference on data
// built to break one-pass formulas: values near 1e12 whose CV is ~1e-9, skewed weights.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "compute/weighted_dispersion.hpp"
#include "eduqb/dispersion.hpp"

using namespace eduqb;

namespace {

/// Deterministic test data: splitmix64 → uniform / normal.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    double uniform() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
    }
    double normal() {
        const double u1 = std::max(uniform(), 1e-300);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * uniform());
    }

  private:
    std::uint64_t state_;
};

struct Sample {
    std::vector<double> students;  // P_i
    std::vector<double> values;    // X_i
};

/// n schools, X_i = level·(1 + cv·z_i), P_i skewed (Pareto-like, 1 … ~1e5).
Sample make_sample(std::size_t n, double level, double cv, std::uint64_t seed) {
    Random random(seed);
    Sample sample;
    for (std::size_t i = 0; i < n; ++i) {
        sample.students.push_back(
            std::floor(1.0 / std::pow(1.0 - 0.99999 * random.uniform(), 1.0)));
        sample.values.push_back(level * (1.0 + cv * random.normal()));
    }
    return sample;
}

/// CV by the two-pass formula in long double: X̄ = ΣPX/ΣP, S² = Σ P (X − X̄)² / P.
long double reference_cv(const Sample& s) {
    long double p = 0, px = 0;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        p += s.students[i];
        px += static_cast<long double>(s.students[i]) * s.values[i];
    }
    const long double mean = px / p;
    long double squares = 0;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        const long double d = static_cast<long double>(s.values[i]) - mean;
        squares += s.students[i] * d * d;
    }
    return std::sqrt(squares / p) / mean;
}

/// CV by the streaming path the pipeline uses (resource totals summed as evaluate.cpp does).
double streaming_cv(const Sample& s, std::size_t first, std::size_t last, WeightedMoments& m) {
    double resources = 0;
    for (std::size_t i = first; i < last; ++i) {
        m.add(s.students[i], s.values[i]);
        resources += s.students[i] * s.values[i];
    }
    return dispersion_from(m, resources, 1.0).cv.value;
}

double streaming_cv(const Sample& s) {
    WeightedMoments moments;
    return streaming_cv(s, 0, s.values.size(), moments);
}

double relative_error(double value, long double reference) {
    return static_cast<double>(std::abs((value - reference) / reference));
}

}  // namespace

TEST_CASE("dispersion accuracy: tiny CV on huge values, many schools, skewed weights") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const Sample s = make_sample(100000, 1e12, 1e-9, seed);
        const long double reference = reference_cv(s);
        CHECK(reference > 1e-10L);
        CHECK(relative_error(streaming_cv(s), reference) < 1e-12);
    }
}

TEST_CASE("dispersion accuracy: tiny CV on huge values, few schools") {
    for (std::size_t n : {2u, 3u, 7u, 50u}) {
        const Sample s = make_sample(n, 3.7e12, 2e-9, 40 + n);
        CHECK(relative_error(streaming_cv(s), reference_cv(s)) < 1e-12);
    }
}

TEST_CASE("dispersion accuracy: values sorted ascending (a drifting mean)") {
    Sample s = make_sample(20000, 1e12, 1e-9, 7);
    std::sort(s.values.begin(), s.values.end());
    CHECK(relative_error(streaming_cv(s), reference_cv(s)) < 1e-12);
}

TEST_CASE("dispersion accuracy: a first school far from the mean") {
    Sample s = make_sample(10000, 1e12, 1e-9, 11);
    s.values[0] = 1e12 * (1 + 5e-8);  // 50 standard deviations out
    s.students[0] = 1;
    CHECK(relative_error(streaming_cv(s), reference_cv(s)) < 1e-12);
}

TEST_CASE("dispersion accuracy: merged accumulators match one pass") {
    const Sample s = make_sample(30000, 1e12, 1e-9, 5);
    WeightedMoments left, right;
    double resources = 0;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        (i < 12345 ? left : right).add(s.students[i], s.values[i]);
        resources += s.students[i] * s.values[i];
    }
    left.merge(right);
    CHECK(left.count() == 30000);
    CHECK(relative_error(dispersion_from(left, resources, 1.0).cv.value, reference_cv(s)) < 1e-12);
}

TEST_CASE("dispersion accuracy: two-pass Eigen kernel on the same data") {
    const Sample s = make_sample(100000, 1e12, 1e-9, 9);
    Eigen::ArrayXd students(static_cast<Eigen::Index>(s.values.size()));
    Eigen::ArrayXd resources(students.size());
    for (Eigen::Index i = 0; i < students.size(); ++i) {
        students(i) = s.students[static_cast<std::size_t>(i)];
        resources(i) =
            s.students[static_cast<std::size_t>(i)] * s.values[static_cast<std::size_t>(i)];
    }
    const Dispersion d = weighted_dispersion(students, resources, 1.0);
    // R_i/P_i reproduces X_i only to 1 ulp (1e-16 of 1e12 = 1e-4, against deviations of
    // 1e3): the kernel sees slightly different values, so 1e-7 is the honest bound here.
    CHECK(relative_error(d.cv.value, reference_cv(s)) < 1e-7);
}
