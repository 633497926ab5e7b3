#include "eduqb/dispersion.hpp"
#include "compute/weighted_dispersion.hpp"

#include <cmath>

namespace eduqb {

std::string_view to_string(NaReason reason) {
    switch (reason) {
        case NaReason::none:
            return "";
        case NaReason::no_students:
            return "no_students";
        case NaReason::too_few_schools:
            return "too_few_schools";
        case NaReason::zero_mean:
            return "zero_mean";
        case NaReason::indicator_na:
            return "indicator_na";
        case NaReason::zero_median:
            return "zero_median";
        case NaReason::zero_minimum:
            return "zero_minimum";
        case NaReason::no_area_type:
            return "no_area_type";
        case NaReason::not_computed:
            return "not_computed";
    }
    return "";
}

std::string_view describe(NaReason reason) {
    switch (reason) {
        case NaReason::none:
            return "";
        case NaReason::no_students:
            return "no students with data";
        case NaReason::too_few_schools:
            return "fewer than 2 schools";
        case NaReason::zero_mean:
            return "district value is 0";
        case NaReason::indicator_na:
            return "an indicator coefficient is NA";
        case NaReason::zero_median:
            return "the student-weighted median is 0";
        case NaReason::zero_minimum:
            return "the lowest school value is 0";
        case NaReason::no_area_type:
            return "a school has no area type";
        case NaReason::not_computed:
            return "not computed";
    }
    return "";
}

void WeightedMoments::merge(const WeightedMoments& other) {
    if (other.weight_ <= 0) {
        count_ += other.count_;
        return;
    }
    if (weight_ <= 0) {
        long count = count_ + other.count_;
        *this = other;
        count_ = count;
        return;
    }
    const double total = weight_ + other.weight_;
    // The other mean relative to this shift; the shifts are data values, so the difference of
    // nearby values is exact.
    const double delta = (other.shift_ - shift_) + (other.mean_ - mean_);

    squares_ += other.squares_ + delta * delta * weight_ * other.weight_ / total;
    mean_ += delta * other.weight_ / total;
    weight_ = total;
    count_ += other.count_;
}

namespace {

Dispersion finish(long schools, double students, double resource_total, double squares,
                  double multiplier) {
    Dispersion result;
    result.schools = schools;
    result.students = students;
    if (!(students > 0)) {
        result.value.na = NaReason::no_students;
        result.cv.na = NaReason::no_students;
        return result;
    }
    result.value.value = multiplier * resource_total / students;
    if (schools < 2) {
        result.cv.na = NaReason::too_few_schools;
    } else if (result.value.value == 0) {
        result.cv.na = NaReason::zero_mean;
    } else {
        result.cv.value = std::sqrt(std::max(squares, 0.0) / students) / result.value.value;
    }
    return result;
}

}  // namespace

Dispersion dispersion_from(const WeightedMoments& moments, double resource_total,
                           double multiplier) {
    return finish(moments.count(), moments.weight(), resource_total, moments.squares(), multiplier);
}

Dispersion dispersion_from(long count, double weight, double squares, double resource_total,
                           double multiplier) {
    return finish(count, weight, resource_total, squares, multiplier);
}

Dispersion weighted_dispersion(const Eigen::Ref<const Eigen::ArrayXd>& students,
                               const Eigen::Ref<const Eigen::ArrayXd>& resources,
                               double multiplier) {
    const double total_students = students.sum();
    const double total_resource = resources.sum();
    double squares = 0;
    if (total_students > 0) {
        const double mean = multiplier * total_resource / total_students;
        const Eigen::ArrayXd values = multiplier * resources / students;
        squares = (students * (values - mean).square()).sum();
    }
    return finish(students.size(), total_students, total_resource, squares, multiplier);
}

}  // namespace eduqb
