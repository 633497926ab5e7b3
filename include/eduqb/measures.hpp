#pragma once
// Measures of inequality beside the official coefficient (docs/methodology.md §17): where the
// inequality of a group sits (Theil index, split by area type) and how it is shaped (Gini,
// McLoone, range ratio). All use the CV's student weighting: w_i = P_i/P, x_i = m·R_i/P_i,
// μ = m·ΣR/ΣP.

#include <optional>
#include <string>
#include <vector>

#include "eduqb/dispersion.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// The measures of one indicator in one group, each NA with its reason where undefined.
struct InequalityMeasures {
    // Until computed, not computed.
    Measure theil{0, NaReason::not_computed};  ///< Theil T = Σ w_i (x_i/μ) ln(x_i/μ)
    /// Σ s_a T_a over urban, town, rural (s_a = R_a/R)
    Measure theil_within_area{0, NaReason::not_computed};
    /// Σ s_a ln(μ_a/μ); within + between = theil
    Measure theil_between_area{0, NaReason::not_computed};
    Measure gini{0, NaReason::not_computed};  ///< Σ_i Σ_j w_i w_j |x_i − x_j| / (2μ)
    /// The mean of the values up to the median, over the median
    Measure mcloone{0, NaReason::not_computed};
    Measure range_ratio{0, NaReason::not_computed};  ///< max x / min x

    /// Every measure NA for the same reason.
    static InequalityMeasures undefined(NaReason reason);
};

/// The Theil index of one indicator over the sections of several districts, and its split
/// into the part inside the districts and the part between them.
struct DistrictsTheil {
    std::string id;  ///< the indicator id
    Measure theil;
    Measure within;   ///< Σ s_d T_d
    Measure between;  ///< Σ s_d ln(μ_d/μ)
};

/// One (year, stage) over every district of a report.
struct AcrossDistricts {
    std::optional<int> year;
    Stage stage = Stage::primary;
    std::vector<DistrictsTheil> indicators;  ///< profile order
};

}  // namespace eduqb
