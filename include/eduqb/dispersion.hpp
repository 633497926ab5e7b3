#pragma once
// Stage 5: the student-weighted difference coefficient (差异系数) of one indicator.
//
//   X̄ = m·ΣR_i / P,   S = sqrt( Σ (P_i/P)·(X_i − X̄)² ),   CV = S / X̄,   P = ΣP_i
//
// The streaming accumulator the pipeline uses (weighted Welford, shifted by the first value,
// numerically stable, constant memory). A two-pass kernel over a whole group, for audits and
// as the reference in tests, is in src/compute/weighted_dispersion.hpp: it is the one use of
// Eigen, which callers of the library do not need.

#include <string_view>

namespace eduqb {

/// Why a number could not be computed. Reports print NA and this reason, never 0 or NaN.
enum class NaReason {
    none,
    no_students,      ///< the group has no students (or no school has data for the indicator)
    too_few_schools,  ///< fewer than 2 schools: there is no dispersion to measure
    zero_mean,        ///< X̄ = 0: the coefficient divides by zero
    indicator_na,     ///< a composite whose indicators are not all defined
    // The measures beside the CV (eduqb/measures.hpp):
    zero_median,   ///< McLoone: the student-weighted median is 0
    zero_minimum,  ///< range ratio: the lowest value is 0
    no_area_type,  ///< Theil split by area type: a section has no area type
    not_computed,  ///< the measures were not asked for (EvaluationOptions::measures)
};
std::string_view to_string(NaReason reason);
/// A sentence for reports.
std::string_view describe(NaReason reason);

/// A value that may be NA, with the reason when it is.
struct Measure {
    double value = 0;
    NaReason na = NaReason::none;
    bool defined() const { return na == NaReason::none; }
};

/// Weighted mean and sum of squared deviations, one observation at a time (West 1979).
///
/// Observations are taken relative to a shift K (the first observation): x − K is exact for
/// values within a factor 2 of K, so a tiny spread on huge values (CV 1e-9 at 1e12) keeps all
/// its digits; plain Welford would lose them in the running mean (relative errors of 1e-6 on
/// the CV, tests/compute/dispersion_accuracy_test.cpp).
class WeightedMoments {
  public:
    void add(double weight, double x) {
        if (count_++ == 0) shift_ = x;
        weight_ += weight;
        if (weight_ <= 0) return;
        step(mean_, squares_, x - shift_, weight, weight / weight_);
    }

    /// The update itself, on a mean and sum of squares of values shifted by K, kept by the
    /// caller: `d` = x − K, `share` = weight / Σweight with this observation's weight counted.
    /// The evaluator's per-group totals are updated by this same step.
    static void step(double& mean, double& squares, double d, double weight, double share) {
        const double delta = d - mean;
        mean += delta * share;
        squares += weight * delta * (d - mean);
    }
    /// Combines two accumulators (Chan et al.), as if every observation had been added here.
    void merge(const WeightedMoments& other);

    long count() const { return count_; }
    double weight() const { return weight_; }
    double mean() const { return shift_ + mean_; }
    /// Σ w_i (x_i − x̄)²
    double squares() const { return squares_; }

  private:
    long count_ = 0;
    double shift_ = 0;  ///< K, the first value added
    double weight_ = 0;
    double mean_ = 0;  ///< weighted mean of x − K
    double squares_ = 0;
};

/// The district value and difference coefficient of one indicator in one group.
struct Dispersion {
    long schools = 0;
    double students = 0;
    Measure value;  ///< X̄ = m·ΣR/P
    Measure cv;     ///< S / X̄
};

/// From a streaming accumulator over (P_i, X_i) plus the resource total ΣR_i.
Dispersion dispersion_from(const WeightedMoments& moments, double resource_total,
                           double multiplier);

/// From the state of a streaming accumulator: its count, Σw, Σw(x − x̄)², plus ΣR.
Dispersion dispersion_from(long count, double weight, double squares, double resource_total,
                           double multiplier);

}  // namespace eduqb
