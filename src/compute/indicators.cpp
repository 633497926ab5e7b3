#include "compute/indicators.hpp"

#include <algorithm>

namespace eduqb {

namespace {

/// Makes `array` at least `rows` × `columns`, keeping its memory when it is large enough.
template <typename Array>
void ensure_rows(Array& array, Eigen::Index rows, Eigen::Index columns) {
    if (array.rows() < rows || array.cols() != columns) {
        array.resize(std::max(rows, array.rows()), columns);
    }
}

}  // namespace

void gather_inputs(const std::vector<const SectionRow*>& sections, const Profile& profile,
                   IndicatorInputs& inputs) {
    const auto rows = static_cast<Eigen::Index>(sections.size());
    const auto columns = static_cast<Eigen::Index>(profile.indicators.size());
    if (inputs.students.size() < rows) inputs.students.resize(rows);
    ensure_rows(inputs.resources, rows, columns);
    for (Eigen::Index i = 0; i < rows; ++i) {
        inputs.students(i) = sections[static_cast<std::size_t>(i)]->students();
    }
    for (Eigen::Index k = 0; k < columns; ++k) {
        const Column column = profile.indicators[static_cast<std::size_t>(k)].column;
        for (Eigen::Index i = 0; i < rows; ++i) {
            inputs.resources(i, k) = sections[static_cast<std::size_t>(i)]->value(column);
        }
    }
}

void compute_indicators(const IndicatorInputs& inputs, const Profile& profile, Eigen::Index rows,
                        Eigen::ArrayXXd& values) {
    const auto columns = static_cast<Eigen::Index>(profile.indicators.size());
    Eigen::ArrayXd multipliers(columns);
    for (Eigen::Index k = 0; k < columns; ++k) {
        multipliers(k) = profile.indicators[static_cast<std::size_t>(k)].multiplier;
    }
    ensure_rows(values, rows, columns);
    // R·m/P rather than R/P·m: whole-number data then gives exact ratios (28·100/400 = 7).
    values.topRows(rows) =
        (inputs.resources.topRows(rows).rowwise() * multipliers.transpose()).colwise() /
        inputs.students.head(rows);
}

}  // namespace eduqb
