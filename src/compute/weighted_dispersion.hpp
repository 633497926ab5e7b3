#pragma once
// The student-weighted difference coefficient of a whole group in two passes, with Eigen:
// for gaps, which recomputes it after each planned change, and as the reference of the
// streaming accumulator (eduqb/dispersion.hpp) in tests.

#include <Eigen/Core>

#include "eduqb/dispersion.hpp"

namespace eduqb {

/// Two-pass over a whole group: students P_i and resources R_i (schools with P_i > 0).
Dispersion weighted_dispersion(const Eigen::Ref<const Eigen::ArrayXd>& students,
                               const Eigen::Ref<const Eigen::ArrayXd>& resources,
                               double multiplier);

}  // namespace eduqb
