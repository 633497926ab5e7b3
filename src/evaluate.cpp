#include "eduqb/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <utility>

#include "eduqb/error.hpp"
#include "eduqb/judge.hpp"
#include "eduqb/scope.hpp"

namespace eduqb {

bool operator<(const GroupKey& a, const GroupKey& b) {
    return std::tie(a.district, a.year, a.stage) < std::tie(b.district, b.year, b.stage);
}
bool operator==(const GroupKey& a, const GroupKey& b) {
    return a.district == b.district && a.year == b.year && a.stage == b.stage;
}

bool Report::all_pass() const {
    return std::all_of(groups.begin(), groups.end(), [](const GroupResult& g) { return g.pass; });
}

namespace {

/// Running totals of one group: enough to produce its GroupResult, nothing per school.
struct GroupAccumulator {
    explicit GroupAccumulator(std::size_t indicators)
        : moments(indicators), resource_totals(indicators, 0.0), missing(indicators, 0) {}

    long schools = 0;
    double students = 0;
    long excluded = 0;
    std::vector<WeightedMoments> moments;
    std::vector<double> resource_totals;
    std::vector<long> missing;
    long compliant = 0;
    long failing = 0;
};

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
/// the same thresholds judge_standard() derives on every call.
struct StandardThresholds {
    bool has_standard = false;
    double reached_at = 0;  ///< value ≥ this: reached
    double floor_at = 0;    ///< value ≥ this: at or above the floor
};

}  // namespace

struct Evaluator::State {
    Profile profile;
    std::vector<std::string> inputs;
    EvaluationOptions options;
    /// Groups in order of first appearance; `index` finds them by key.
    std::vector<std::pair<GroupKey, GroupAccumulator>> groups;
    std::unordered_map<GroupKey, std::size_t, GroupKeyHash> index;
    /// The last group seen per stage: rows of one district arrive together, primary and
    /// junior interleaved, so most lookups end here.
    std::array<std::size_t, 3> last_group{kNone, kNone, kNone};
    std::vector<Exclusion> exclusions;
    std::vector<SchoolResult> schools;

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t indicator_count = 0;
    std::vector<double> multipliers;
    std::vector<Column> columns;
    std::array<std::vector<StandardThresholds>, 3> thresholds;  ///< per stage, per indicator
    std::array<bool, 3> judges_schools{};  ///< school rule applies to this stage
    std::vector<double> values;            ///< X_k of the current row
    std::vector<StandardStatus> statuses;  ///< statuses of the current row

    void prepare() {
        indicator_count = profile.indicators.size();
        for (const auto& def : profile.indicators) {
            multipliers.push_back(def.multiplier);
            columns.push_back(def.column);
        }
        const double floor = profile.school_rule ? profile.school_rule->floor_fraction : 0.0;
        for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
            auto& per_stage = thresholds[static_cast<int>(stage)];
            for (const auto& def : profile.indicators) {
                StandardThresholds t;
                if (const auto& standard = for_stage(def.standard, stage)) {
                    t.has_standard = true;
                    t.reached_at =
                        *standard - kBoundaryTolerance * std::max(std::abs(*standard), 1.0);
                    const double floor_value = floor * *standard;
                    t.floor_at =
                        floor_value - kBoundaryTolerance * std::max(std::abs(floor_value), 1.0);
                }
                per_stage.push_back(t);
            }
            judges_schools[static_cast<int>(stage)] =
                profile.school_rule.has_value() && profile.has_standards(stage);
        }
        values.resize(indicator_count);
        statuses.resize(indicator_count);
    }

    GroupAccumulator& group(const SectionRow& row) {
        const auto stage = static_cast<int>(row.stage);
        const std::size_t last = last_group[stage];
        if (last != kNone) {
            const GroupKey& key = groups[last].first;
            if (key.year == row.year && key.district == row.district) return groups[last].second;
        }
        GroupKey key = key_of(row);
        auto [found, inserted] = index.try_emplace(std::move(key), groups.size());
        if (inserted) groups.emplace_back(found->first, GroupAccumulator(indicator_count));
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

    [[noreturn]] void missing_cell(const SectionRow& row, const IndicatorDef& def) const {
        throw InputError(
            Location{inputs.at(row.source.file), row.source.line, 0},
            fmt::format("school {} ({}): {} is empty, and indicator {} needs it (an empty cell "
                        "is missing, never zero)",
                        row.school_id, to_string(row.stage), column_name(def.column), def.id));
    }

    /// Folds one evaluated section into its group (and keeps it when schools are reported).
    void accumulate(SectionRow& row) {
        GroupAccumulator& acc = group(row);
        const auto stage = static_cast<int>(row.stage);
        const std::vector<StandardThresholds>& standards = thresholds[stage];
        const double students = row.students();
        ++acc.schools;
        acc.students += students;
        int reached = 0;
        int below = 0;
        int missing = 0;
        for (std::size_t k = 0; k < indicator_count; ++k) {
            const double resource = row.value(columns[k]);
            // (R / P) · m, the order compute_indicators() uses, so values are bit-identical.
            const double x = resource / students * multipliers[k];
            values[k] = x;
            if (is_missing(x)) {
                if (options.missing == MissingPolicy::error) {
                    missing_cell(row, profile.indicators[k]);
                }
                ++acc.missing[k];
            } else {
                acc.moments[k].add(students, x);
                acc.resource_totals[k] += resource;
            }
            const StandardThresholds& t = standards[k];
            StandardStatus status;
            if (!t.has_standard) {
                status = StandardStatus::no_standard;
            } else if (is_missing(x)) {
                status = StandardStatus::missing;
                ++missing;
            } else if (x >= t.reached_at) {
                status = StandardStatus::reached;
                ++reached;
            } else if (x >= t.floor_at) {
                status = StandardStatus::above_floor;
            } else {
                status = StandardStatus::below_floor;
                ++below;
            }
            statuses[k] = status;
        }
        std::optional<bool> compliant;
        if (judges_schools[stage] && missing == 0) {
            compliant = reached >= profile.school_rule->min_reached && below == 0;
            ++(*compliant ? acc.compliant : acc.failing);
        }
        if (options.keep_schools) {
            SchoolResult school;
            school.key = key_of(row);
            school.school_id = std::move(row.school_id);
            school.school_name = std::move(row.school_name);
            school.school_type = row.school_type;
            school.area_type = row.area_type;
            school.students = students;
            school.values = values;
            school.statuses = statuses;
            school.reached = reached;
            school.compliant = compliant;
            school.source = row.source;
            schools.push_back(std::move(school));
        }
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
        if (profile.school_rule && profile.has_standards(key.stage)) {
            result.schools_compliant = acc.compliant;
            result.schools_failing = acc.failing;
            if (acc.failing > 0) result.pass = false;
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
    for (auto& row : sections) {
        if (const ExclusionRule* rule = find_exclusion(row, state_->profile)) {
            state_->exclude(row, *rule);
            continue;
        }
        state_->accumulate(row);
    }
    sections.clear();
}

Report Evaluator::finish() {
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
        group->second = GroupAccumulator(0);
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
