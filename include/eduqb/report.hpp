#pragma once
// The result of an evaluation, as a value. Renderers turn it into Markdown, CSV or JSON.

#include <optional>
#include <string>
#include <vector>

#include "eduqb/dispersion.hpp"
#include "eduqb/judge.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Which group a section belongs to: every (district, year, stage) is evaluated on its own.
struct GroupKey {
    std::string district;
    std::optional<int> year;
    Stage stage = Stage::primary;

    friend bool operator<(const GroupKey& a, const GroupKey& b);
    friend bool operator==(const GroupKey& a, const GroupKey& b);
};

struct IndicatorResult {
    std::string id;
    Dispersion dispersion;
    std::optional<Limit> limit;  ///< the CV limit, if the profile sets one
    std::optional<bool> pass;    ///< empty when there is no limit or the CV is NA
    long missing = 0;            ///< schools left out of this indicator for an empty cell
};

struct CompositeResult {
    Measure cv;
    std::optional<Limit> limit;
    std::optional<bool> pass;
};

struct GroupResult {
    GroupKey key;
    long schools = 0;
    double students = 0;
    long excluded = 0;
    std::vector<IndicatorResult> indicators;  ///< in profile order
    CompositeResult composite;
    std::optional<long> schools_compliant;  ///< empty when the profile has no school rule
    std::optional<long> schools_failing;
    bool pass = true;  ///< no judged check failed
};

/// One evaluated school section (a combined school's sections are separate rows).
struct SchoolResult {
    GroupKey key;
    std::string school_id;
    std::string school_name;
    SchoolType school_type = SchoolType::primary_school;
    AreaType area_type = AreaType::unknown;
    double students = 0;
    std::vector<double> values;  ///< X_ik in profile order, NaN where missing
    std::vector<StandardStatus> statuses;
    int reached = 0;
    std::optional<bool> compliant;  ///< empty when the profile has no school rule
    SourceRef source;
};

/// One section left out, and why.
struct Exclusion {
    GroupKey key;
    std::string school_id;
    std::string school_name;
    SchoolType school_type = SchoolType::primary_school;
    AreaType area_type = AreaType::unknown;
    double students = 0;
    std::string rule_id;
    std::string rule;
    SourceRef source;
};

struct Report {
    Profile profile;
    std::vector<std::string> inputs;
    std::vector<GroupResult> groups;    ///< sorted by district, year, stage
    std::vector<SchoolResult> schools;  ///< filled for school-level reports; group order
    std::vector<Exclusion> exclusions;  ///< in input order

    /// True when every group passed.
    bool all_pass() const;
};

/// The estimator, stated in every report.
inline constexpr const char* kEstimatorText =
    "student-weighted difference coefficient: X̄ = m·ΣR/ΣP, S = sqrt(Σ (P_i/P)·(X_i − X̄)²), "
    "CV = S/X̄ (population form, divisor P)";

}  // namespace eduqb
