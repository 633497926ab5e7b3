#pragma once
// Stage 4: per-school indicator values, X_i = R_i / P_i × m, for a batch of sections at once.

#include <Eigen/Core>
#include <vector>

#include "eduqb/profile.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Resources R (one column per profile indicator) and students P of a batch, gathered
/// column by column so the arithmetic below runs vectorised.
struct IndicatorInputs {
    Eigen::ArrayXd students;    ///< P_i
    Eigen::ArrayXXd resources;  ///< R_ik, NaN where the cell is missing
};

IndicatorInputs gather_inputs(const std::vector<SectionRow>& sections, const Profile& profile);
/// The same for sections held elsewhere.
IndicatorInputs gather_inputs(const std::vector<const SectionRow*>& sections,
                              const Profile& profile);

/// X_ik = R_ik × m_k / P_i. Rows with P_i = 0 must have been left out by the scope stage.
Eigen::ArrayXXd compute_indicators(const IndicatorInputs& inputs, const Profile& profile);

}  // namespace eduqb
