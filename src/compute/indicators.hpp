#pragma once
// Stage 4: per-school indicator values, X_i = R_i / P_i × m, for a batch of sections at once.

#include <Eigen/Core>
#include <vector>

#include "eduqb/profile.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Resources R (one column per profile indicator) and students P of a batch, gathered
/// column by column so the arithmetic below runs vectorised. The arrays keep their memory from
/// batch to batch: a batch uses their first rows.
struct IndicatorInputs {
    Eigen::ArrayXd students;    ///< P_i
    Eigen::ArrayXXd resources;  ///< R_ik, NaN where the cell is missing
};

/// Gathers the inputs of `sections` into the first sections.size() rows of `inputs`, growing
/// it when it is too small (never shrinking: batch after batch, the same memory serves).
void gather_inputs(const std::vector<const SectionRow*>& sections, const Profile& profile,
                   IndicatorInputs& inputs);

/// X_ik = R_ik × m_k / P_i for the first `rows` rows of `inputs`, into the first `rows` rows of
/// `values` (grown when too small). Rows with P_i = 0 must have been left out by the scope
/// stage.
void compute_indicators(const IndicatorInputs& inputs, const Profile& profile, Eigen::Index rows,
                        Eigen::ArrayXXd& values);

}  // namespace eduqb
