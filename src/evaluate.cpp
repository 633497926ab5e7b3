#include "eduqb/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <utility>

#include "eduqb/error.hpp"
#include "eduqb/indicators.hpp"
#include "eduqb/scope.hpp"

namespace eduqb {

bool operator<(const GroupKey& a, const GroupKey& b) {
    return std::tie(a.district, a.year, a.stage) < std::tie(b.district, b.year, b.stage);
}
bool operator==(const GroupKey& a, const GroupKey& b) {
    return a.district == b.district && a.year == b.year && a.stage == b.stage;
}

std::string_view to_string(CheckStatus status) {
    switch (status) {
        case CheckStatus::pass:
            return "pass";
        case CheckStatus::fail:
            return "fail";
        case CheckStatus::missing:
            return "missing";
        case CheckStatus::not_applicable:
            return "not_applicable";
    }
    return "";
}

bool Report::all_pass() const {
    return !groups.empty() &&
           std::all_of(groups.begin(), groups.end(), [](const GroupResult& g) { return g.pass; });
}

namespace {

/// Students and resources of one area type within a group (urban/town/rural comparison).
struct AreaAccumulator {
    long schools = 0;
    double students = 0;
    std::vector<double> resource_totals;  ///< per indicator, over schools with data
    std::vector<double> students_with_data;
};

/// Running totals of one group: enough to produce its GroupResult, nothing per school.
struct GroupAccumulator {
    GroupAccumulator(std::size_t indicators, std::size_t checks)
        : moments(indicators),
          resource_totals(indicators, 0.0),
          missing(indicators, 0),
          checks_failing(checks, 0),
          checks_missing(checks, 0) {
        for (auto& area : areas) {
            area.resource_totals.assign(indicators, 0.0);
            area.students_with_data.assign(indicators, 0.0);
        }
    }

    long schools = 0;
    double students = 0;
    long excluded = 0;
    std::vector<WeightedMoments> moments;
    std::vector<double> resource_totals;
    std::vector<long> missing;
    long compliant = 0;
    long failing = 0;
    std::vector<long> checks_failing;
    std::vector<long> checks_missing;
    std::array<AreaAccumulator, 4> areas;  ///< indexed by AreaType
    long rural_small = 0;
    long township_boarding = 0;
};

/// The measure a school check looks at, for one section; NaN when the data is missing.
double check_measure(const SchoolCheck& check, const SectionRow& row) {
    switch (check.measure) {
        case CheckMeasure::class_size: {
            const double classes = row.value(Column::classes);
            return classes > 0 ? row.students() / classes : kMissing;
        }
        case CheckMeasure::school_students:
            return row.school_students;
        case CheckMeasure::per_student:
            return row.value(check.column) * check.multiplier / row.students();
    }
    return kMissing;
}

GroupKey key_of(const SectionRow& row) {
    return GroupKey{row.district, row.year, row.stage};
}

struct GroupKeyHash {
    std::size_t operator()(const GroupKey& key) const {
        std::size_t h = std::hash<std::string>()(key.district);
        h ^= static_cast<std::size_t>(key.year.value_or(-1)) * 0x9E3779B97F4A7C15ULL;
        h ^= static_cast<std::size_t>(key.stage) << 1;
        return h;
    }
};

/// What judging one school against one indicator's standard needs, per stage, computed once:
/// the thresholds judge_standard() would derive on every call.
struct StandardThresholds {
    bool has_standard = false;
    double reached_at = 0;  ///< value ≥ this: reached
    double floor_at = 0;    ///< value ≥ this: at or above the floor
};

StandardStatus judge_with(const StandardThresholds& t, double x) {
    if (!t.has_standard) return StandardStatus::no_standard;
    if (is_missing(x)) return StandardStatus::missing;
    if (x >= t.reached_at) return StandardStatus::reached;
    if (x >= t.floor_at) return StandardStatus::above_floor;
    return StandardStatus::below_floor;
}

}  // namespace

/// Rows with errors, listed when the user asked to leave them out (--skip-invalid).
const ExclusionRule kInvalidRow{
    "invalid", "row with errors (see the messages), left out", {}, {}, {}};

struct Evaluator::State {
    Profile profile;
    std::vector<std::string> inputs;
    EvaluationOptions options;
    /// Groups in order of first appearance; `index` finds them by key.
    std::vector<std::pair<GroupKey, GroupAccumulator>> groups;
    std::unordered_map<GroupKey, std::size_t, GroupKeyHash> index;
    /// The last group seen per stage: rows of one district arrive together, primary and
    /// junior interleaved, so most lookups end here.
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::array<std::size_t, 3> last_group{kNone, kNone, kNone};
    std::array<std::vector<StandardThresholds>, 3> thresholds;  ///< per stage, per indicator
    std::array<bool, 3> judges_schools{};  ///< the school rule applies to this stage
    std::vector<Exclusion> exclusions;
    std::vector<SchoolResult> schools;
    std::vector<SectionRow> batch;

    void prepare() {
        const double floor = profile.school_rule ? profile.school_rule->floor_fraction : 0.0;
        auto lowered = [](double threshold) {  // the tolerance of at_least(), applied once
            return threshold - kBoundaryTolerance * std::max(std::abs(threshold), 1.0);
        };
        for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
            auto& per_stage = thresholds[static_cast<int>(stage)];
            for (const auto& def : profile.indicators) {
                StandardThresholds t;
                if (const auto& standard = for_stage(def.standard, stage)) {
                    t.has_standard = true;
                    t.reached_at = lowered(*standard);
                    t.floor_at = lowered(floor * *standard);
                }
                per_stage.push_back(t);
            }
            judges_schools[static_cast<int>(stage)] =
                profile.school_rule.has_value() && profile.has_standards(stage);
        }
    }

    GroupAccumulator& group(const SectionRow& row) {
        const auto stage = static_cast<int>(row.stage);
        const std::size_t last = last_group[stage];
        if (last != kNone) {
            const GroupKey& key = groups[last].first;
            if (key.year == row.year && key.district == row.district) return groups[last].second;
        }
        auto [found, inserted] = index.try_emplace(key_of(row), groups.size());
        if (inserted) {
            groups.emplace_back(found->first, GroupAccumulator(profile.indicators.size(),
                                                               profile.school_checks.size()));
        }
        last_group[stage] = found->second;
        return groups[found->second].second;
    }

    void exclude(const SectionRow& row, const ExclusionRule& rule) {
        if (profile.evaluates(row.stage)) ++group(row).excluded;
        if (!options.keep_exclusions) return;
        exclusions.push_back(Exclusion{key_of(row), row.school_id, row.school_name, row.school_type,
                                       row.area_type, row.students(), rule.id, rule.description,
                                       row.source});
    }

    void accumulate_batch() {
        if (batch.empty()) return;
        const IndicatorInputs inputs_of_batch = gather_inputs(batch, profile);
        const Eigen::ArrayXXd values = compute_indicators(inputs_of_batch, profile);
        const std::size_t indicator_count = profile.indicators.size();

        std::vector<StandardStatus> statuses(indicator_count);
        std::vector<double> check_values;
        std::vector<CheckStatus> check_statuses;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const SectionRow& row = batch[i];
            const auto r = static_cast<Eigen::Index>(i);
            GroupAccumulator& acc = group(row);
            const auto& standards = thresholds[static_cast<int>(row.stage)];
            const double students = inputs_of_batch.students(r);
            ++acc.schools;
            acc.students += students;
            for (std::size_t k = 0; k < indicator_count; ++k) {
                const auto c = static_cast<Eigen::Index>(k);
                const double x = values(r, c);
                if (is_missing(x)) {
                    ++acc.missing[k];
                } else {
                    acc.moments[k].add(students, x);
                    acc.resource_totals[k] += inputs_of_batch.resources(r, c);
                }
                statuses[k] = judge_with(standards[k], x);
            }
            std::optional<bool> compliant;
            if (judges_schools[static_cast<int>(row.stage)] &&
                std::find(statuses.begin(), statuses.end(), StandardStatus::missing) ==
                    statuses.end()) {
                compliant = school_complies(statuses, *profile.school_rule);
                ++(*compliant ? acc.compliant : acc.failing);
            }
            AreaAccumulator& area = acc.areas[static_cast<int>(row.area_type)];
            ++area.schools;
            area.students += students;
            for (std::size_t k = 0; k < indicator_count; ++k) {
                const double resource = inputs_of_batch.resources(r, static_cast<Eigen::Index>(k));
                if (is_missing(resource)) continue;
                area.resource_totals[k] += resource;
                area.students_with_data[k] += students;
            }

            check_values.resize(profile.school_checks.size());
            check_statuses.resize(profile.school_checks.size());
            for (std::size_t c = 0; c < profile.school_checks.size(); ++c) {
                const SchoolCheck& check = profile.school_checks[c];
                const auto limit = check.limit_for(row.school_type, row.stage);
                check_values[c] = check_measure(check, row);
                if (!limit) {
                    check_statuses[c] = CheckStatus::not_applicable;
                } else if (is_missing(check_values[c])) {
                    check_statuses[c] = CheckStatus::missing;
                    ++acc.checks_missing[c];
                } else if (satisfies(check_values[c], *limit)) {
                    check_statuses[c] = CheckStatus::pass;
                } else {
                    check_statuses[c] = CheckStatus::fail;
                    ++acc.checks_failing[c];
                }
            }

            bool rural_small = false;
            bool township_boarding = false;
            if (profile.two_types) {
                rural_small = row.area_type == AreaType::rural &&
                              row.school_students < profile.two_types->rural_small_below;
                township_boarding =
                    profile.two_types->township_boarding && row.boarding.value_or(false) &&
                    (row.area_type == AreaType::town || row.area_type == AreaType::rural);
                acc.rural_small += rural_small;
                acc.township_boarding += township_boarding;
            }

            if (options.keep_schools) {
                SchoolResult school;
                school.key = key_of(row);
                school.school_id = row.school_id;
                school.school_name = row.school_name;
                school.school_type = row.school_type;
                school.area_type = row.area_type;
                school.students = students;
                school.values.assign(values.row(r).begin(), values.row(r).end());
                school.statuses = statuses;
                school.reached = static_cast<int>(
                    std::count(statuses.begin(), statuses.end(), StandardStatus::reached));
                school.compliant = compliant;
                school.check_values = check_values;
                school.check_statuses = check_statuses;
                school.school_students = row.school_students;
                school.boarding = row.boarding;
                school.rural_small = rural_small;
                school.township_boarding = township_boarding;
                school.source = row.source;
                schools.push_back(std::move(school));
            }
        }
        batch.clear();
    }

    GroupResult result_of(const GroupKey& key, const GroupAccumulator& acc) const {
        GroupResult result;
        result.key = key;
        result.schools = acc.schools;
        result.students = acc.students;
        result.excluded = acc.excluded;
        double weighted = 0;
        double weights = 0;
        bool composite_defined = true;
        for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
            const IndicatorDef& def = profile.indicators[k];
            IndicatorResult indicator;
            indicator.id = def.id;
            indicator.dispersion =
                dispersion_from(acc.moments[k], acc.resource_totals[k], def.multiplier);
            indicator.dispersion.schools = acc.schools - acc.missing[k];
            indicator.limit = for_stage(def.cv_limit, key.stage);
            indicator.pass = judge_limit(indicator.dispersion.cv, indicator.limit);
            indicator.missing = acc.missing[k];
            if (def.weight > 0) {
                if (indicator.dispersion.cv.defined()) {
                    weighted += def.weight * indicator.dispersion.cv.value;
                    weights += def.weight;
                } else {
                    composite_defined = false;
                }
            }
            if (indicator.pass == false) result.pass = false;
            result.indicators.push_back(std::move(indicator));
        }
        if (!composite_defined) {
            result.composite.cv.na = NaReason::indicator_na;
        } else if (weights > 0) {
            result.composite.cv.value = weighted / weights;
        } else {
            result.composite.cv.na = NaReason::indicator_na;
        }
        result.composite.limit = for_stage(profile.composite_limit, key.stage);
        result.composite.pass = judge_limit(result.composite.cv, result.composite.limit);
        if (result.composite.pass == false) result.pass = false;
        for (std::size_t c = 0; c < profile.school_checks.size(); ++c) {
            result.checks.push_back(CheckCount{profile.school_checks[c].id, acc.checks_failing[c],
                                               acc.checks_missing[c]});
            if (profile.school_checks[c].affects_verdict && acc.checks_failing[c] > 0) {
                result.pass = false;
            }
        }
        for (AreaType area : {AreaType::urban, AreaType::town, AreaType::rural}) {
            const AreaAccumulator& totals = acc.areas[static_cast<int>(area)];
            if (totals.schools == 0) continue;
            AreaSummary summary{area, totals.schools, totals.students, {}};
            for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
                Measure value;
                if (totals.students_with_data[k] > 0) {
                    value.value = profile.indicators[k].multiplier * totals.resource_totals[k] /
                                  totals.students_with_data[k];
                } else {
                    value.na = NaReason::no_students;
                }
                summary.values.push_back(value);
            }
            result.by_area.push_back(std::move(summary));
        }
        result.rural_small = acc.rural_small;
        result.township_boarding = acc.township_boarding;
        if (profile.school_rule && profile.has_standards(key.stage)) {
            result.schools_compliant = acc.compliant;
            result.schools_failing = acc.failing;
            result.schools_not_judged = acc.schools - acc.compliant - acc.failing;
            if (acc.failing > 0) result.pass = false;
        }
        // A group where no rule could be applied (no schools, or one school and no per-school
        // rule) has not passed anything: say so rather than print PASS.
        bool judged = result.composite.pass.has_value() ||
                      (result.schools_compliant && *result.schools_compliant + acc.failing > 0);
        for (const auto& indicator : result.indicators) judged |= indicator.pass.has_value();
        if (!judged) {
            result.pass = false;
            result.judged = false;
        }
        return result;
    }
};

Evaluator::Evaluator(Profile profile, std::vector<std::string> inputs, EvaluationOptions options)
    : state_(std::make_unique<State>()) {
    state_->profile = std::move(profile);
    state_->inputs = std::move(inputs);
    state_->options = options;
    state_->prepare();
}

Evaluator::~Evaluator() = default;

void Evaluator::add(std::vector<SectionRow>& sections) {
    constexpr std::size_t kBatchSize = 4096;
    for (auto& row : sections) {
        if (const ExclusionRule* rule = find_exclusion(row, state_->profile)) {
            state_->exclude(row, *rule);
            continue;
        }
        state_->batch.push_back(std::move(row));
        if (state_->batch.size() >= kBatchSize) state_->accumulate_batch();
    }
    sections.clear();
}

void Evaluator::reject(std::vector<SectionRow>& rows) {
    if (state_->options.skip_invalid) {
        for (const auto& row : rows) state_->exclude(row, kInvalidRow);
    }
    rows.clear();
}

Report Evaluator::finish() {
    state_->accumulate_batch();
    Report report;
    report.profile = state_->profile;
    report.inputs = state_->inputs;
    // Lookup structures go first, and each accumulator as soon as its result is built, so
    // the peak is about the report itself, not the report plus every accumulator.
    decltype(state_->index)().swap(state_->index);
    std::vector<std::pair<GroupKey, GroupAccumulator>*> sorted;
    sorted.reserve(state_->groups.size());
    for (auto& group : state_->groups) sorted.push_back(&group);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    report.groups.reserve(sorted.size());
    for (auto* group : sorted) {
        report.groups.push_back(state_->result_of(group->first, group->second));
        group->second = GroupAccumulator(0, 0);
    }
    decltype(state_->groups)().swap(state_->groups);
    report.exclusions = std::move(state_->exclusions);
    report.schools = std::move(state_->schools);
    std::stable_sort(report.schools.begin(), report.schools.end(),
                     [](const SchoolResult& a, const SchoolResult& b) {
                         return std::tie(a.key, a.source.file, a.source.line) <
                                std::tie(b.key, b.source.file, b.source.line);
                     });
    return report;
}

}  // namespace eduqb
