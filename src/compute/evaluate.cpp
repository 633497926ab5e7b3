#include "eduqb/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "base/flat_index.hpp"
#include "base/ordered_worker.hpp"
#include "base/short_text.hpp"
#include "base/text_ids.hpp"
#include "compute/indicators.hpp"
#include "compute/kept_sections.hpp"
#include "compute/measures.hpp"
#include "eduqb/error.hpp"
#include "eduqb/judge.hpp"
#include "scope/scope.hpp"

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

Verdicts Report::verdicts() const {
    Verdicts verdicts;
    for (const GroupResult& group : groups) verdicts.add(group);
    return verdicts;
}

long Report::excluded_total() const {
    long total = 0;
    for (const auto& [rule, count] : excluded_by_rule) total += count;
    return total;
}

SchoolsByGroup::SchoolsByGroup(const std::vector<SchoolResult>& schools) {
    for (const auto& school : schools) groups_[school.key].push_back(&school);
}

const std::vector<const SchoolResult*>& SchoolsByGroup::of(const GroupKey& key) const {
    static const std::vector<const SchoolResult*> kNone;
    const auto found = groups_.find(key);
    return found == groups_.end() ? kNone : found->second;
}

namespace {

/// The measure a school check looks at, for one section; NaN when the data is missing.
double check_measure(const SchoolCheck& check, const SectionRow& row) {
    switch (check.measure) {
        case CheckMeasure::class_size: {
            const double classes = row.value(Column::classes);
            return classes > 0 ? row.students() / classes : kMissing;
        }
        case CheckMeasure::school_students: {
            double students = 0;
            for (std::size_t s = 0; s < check.counted_stages.size(); ++s) {
                if (!check.counted_stages[s]) continue;
                students += row.other_sections_students[s];
                if (s == static_cast<std::size_t>(row.stage)) students += row.students();
            }
            return students;
        }
        case CheckMeasure::per_student:
            return row.value(check.column) * check.multiplier / row.students();
    }
    return kMissing;
}

GroupKey key_of(const SectionRow& row) {
    return GroupKey{row.district, row.year, row.stage};
}

/// A group's key in four words: the district as an index into the interned names.
struct PackedKey {
    std::uint32_t district = 0;
    std::int32_t year = 0;
    bool has_year = false;
    Stage stage = Stage::primary;

    bool same(const PackedKey& other) const {
        return district == other.district && year == other.year && has_year == other.has_year &&
               stage == other.stage;
    }
    std::size_t hash() const {
        std::uint64_t h = district * 0x9E3779B97F4A7C15ULL;
        h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(year)) << 3 |
              static_cast<std::uint64_t>(has_year) << 2 | static_cast<std::uint64_t>(stage)) *
             0xC2B2AE3D27D4EB4FULL;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};

/// The running totals of every group, with nothing per school: one block of doubles and one
/// of counts per group, laid out by the profile and kept in chunks (no allocation per group,
/// no reallocation of everything when the number of groups doubles). A national file of 42
/// years has 245 000 groups; this keeps them in about 120 MB.
///
/// Doubles of a group: students; per indicator the moments of its values (shift K, mean of
/// x − K, Σw(x − x̄)², see WeightedMoments) and ΣR; per area type (urban, town, rural) its
/// students and ΣR per indicator. Counts: schools, excluded, compliant, failing, rural small,
/// township boarding, the schools of each area type, whether it has an `Unequal` block; per
/// indicator the schools without a
/// value; per school check the failing and missing schools.
///
/// Two sums are not stored: the students behind each indicator's moments and behind each
/// area's ΣR. As long as no value of the group is missing, each is the same sequence of
/// additions as the group's (area's) students, hence the same double. The first missing value
/// of a group gives it an `Unequal` block, started from those students, that tracks them
/// apart from then on.
class GroupStore {
  public:
    static constexpr std::size_t kAreas = 3;  ///< urban, town, rural (unknown is not reported)

    // A group's doubles: its students, then per indicator kMomentFields (moments()), then per
    // area type its students and ΣR per indicator (area()).
    static constexpr std::size_t kStudents = 0;
    static constexpr std::size_t kMomentFields = 4;  ///< K, mean of x − K, Σw(x − x̄)², ΣR
    // A group's counts: these, then per indicator and per school check (missing(),
    // checks_failing(), checks_missing(), below_standard()).
    enum Count : std::size_t {
        kSchools,
        kExcluded,
        kCompliant,
        kFailing,
        kRuralSmall,
        kTownshipBoarding,
        kAreaSchools,                         ///< one per area type
        kHasUnequal = kAreaSchools + kAreas,  ///< 1 when unequal() made its block
        kFixedCounts
    };

    GroupStore(std::size_t indicators, std::size_t checks)
        : indicators_(indicators),
          checks_(checks),
          doubles_(1 + kMomentFields * indicators + kAreas * (1 + indicators)),
          counts_(kFixedCounts + 2 * indicators + 2 * checks) {}

    std::size_t size() const { return size_; }

    std::size_t add() {
        if (size_ % kChunk == 0) {
            double_chunks_.emplace_back(new double[kChunk * doubles_]());
            count_chunks_.emplace_back(new std::uint32_t[kChunk * counts_]());
        }
        return size_++;
    }
    double* doubles(std::size_t g) {
        return double_chunks_[g / kChunk].get() + (g % kChunk) * doubles_;
    }
    const double* doubles(std::size_t g) const {
        return double_chunks_[g / kChunk].get() + (g % kChunk) * doubles_;
    }
    std::uint32_t* counts(std::size_t g) {
        return count_chunks_[g / kChunk].get() + (g % kChunk) * counts_;
    }
    const std::uint32_t* counts(std::size_t g) const {
        return count_chunks_[g / kChunk].get() + (g % kChunk) * counts_;
    }

    /// Where indicator k's moment fields start in a group's doubles.
    std::size_t moments(std::size_t k) const { return 1 + kMomentFields * k; }
    /// Where area type a's students, then its ΣR per indicator, start.
    std::size_t area(std::size_t a) const {
        return 1 + kMomentFields * indicators_ + a * (1 + indicators_);
    }
    /// The count of schools without a value for indicator k.
    std::size_t missing(std::size_t k) const { return kFixedCounts + k; }
    /// The counts of schools failing, and without a value for, school check c.
    std::size_t checks_failing(std::size_t c) const { return kFixedCounts + indicators_ + c; }
    std::size_t checks_missing(std::size_t c) const {
        return kFixedCounts + indicators_ + checks_ + c;
    }
    /// The count of schools with a value below indicator k's per-school standard.
    std::size_t below_standard(std::size_t k) const {
        return kFixedCounts + indicators_ + 2 * checks_ + k;
    }

    /// The students behind each indicator's moments, then behind each area's ΣR per indicator.
    struct Unequal {
        std::vector<double> weights;
    };
    /// The group's Unequal block, created (from its students so far) when it has none.
    Unequal& unequal(std::size_t g) {
        auto [found, inserted] = unequal_.try_emplace(static_cast<std::uint32_t>(g));
        if (inserted) {
            counts(g)[kHasUnequal] = 1;
            const double* d = doubles(g);
            found->second.weights.assign(indicators_ * (1 + kAreas), d[kStudents]);
            for (std::size_t a = 0; a < kAreas; ++a) {
                std::fill_n(found->second.weights.begin() + (1 + a) * indicators_, indicators_,
                            d[area(a)]);
            }
        }
        return found->second;
    }
    Unequal* find_unequal(std::size_t g) {
        if (counts(g)[kHasUnequal] == 0) return nullptr;
        return &unequal_.find(static_cast<std::uint32_t>(g))->second;
    }
    const Unequal* find_unequal(std::size_t g) const {
        if (counts(g)[kHasUnequal] == 0) return nullptr;
        auto found = unequal_.find(static_cast<std::uint32_t>(g));
        return found == unequal_.end() ? nullptr : &found->second;
    }
    /// The students behind indicator k's moments.
    double moment_weight(std::size_t g, std::size_t k) const {
        const Unequal* u = find_unequal(g);
        return u ? u->weights[k] : doubles(g)[kStudents];
    }
    /// The students behind area a's ΣR of indicator k.
    double area_weight(std::size_t g, std::size_t a, std::size_t k) const {
        const Unequal* u = find_unequal(g);
        return u ? u->weights[(1 + a) * indicators_ + k] : doubles(g)[area(a)];
    }

  private:
    /// Groups per block: small, so that a small input touches little memory.
    static constexpr std::size_t kChunk = 64;
    std::size_t indicators_;
    std::size_t checks_;
    std::size_t doubles_;
    std::size_t counts_;
    std::size_t size_ = 0;
    std::vector<std::unique_ptr<double[]>> double_chunks_;
    std::vector<std::unique_ptr<std::uint32_t[]>> count_chunks_;
    std::unordered_map<std::uint32_t, Unequal> unequal_;
};

}  // namespace

/// Rows with errors, listed when the user asked to leave them out (--skip-invalid).
const ExclusionRule kInvalidRow{
    "invalid", "row with errors (see the messages), left out", "", "", {}, {}, {}};

struct Evaluator::State {
    Profile profile;
    std::vector<std::string> inputs;
    EvaluationOptions options;
    ScopeRules scope;  ///< of `profile`
    std::unique_ptr<GroupStore> store;
    /// District names, interned: keys hold their id.
    TextIds districts;
    /// Group keys in order of first appearance (a group's index into `store`).
    std::vector<PackedKey> keys;
    /// Each key's index in `keys`.
    FlatIndex key_index;
    /// The last group seen per stage: rows of one district arrive together, primary and
    /// junior interleaved, so most lookups end here.
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::array<std::size_t, 3> last_group{kNone, kNone, kNone};
    std::array<std::vector<StandardCheck>, 3> standards;  ///< per stage, per indicator
    std::array<bool, 3> judges_schools{};                 ///< the school rule applies to this stage
    /// A school check with a limit for some (school type, stage), that limit prepared.
    struct ApplicableCheck {
        std::size_t index;  ///< in profile.school_checks
        const SchoolCheck* check;
        LimitCheck limit;
    };
    /// Per (school type, stage), the checks that have a limit for it: limit_for() once, not
    /// per row.
    static constexpr std::size_t kSchoolTypes = 8;
    static_assert(static_cast<std::size_t>(SchoolType::vocational) + 1 == kSchoolTypes);
    std::array<std::vector<ApplicableCheck>, kSchoolTypes * 3> applicable_checks;
    std::vector<Exclusion> exclusions;
    std::vector<ReadingNote> reading_notes;
    std::vector<RowNotRead> rows_not_read;
    /// Sections left out per rule: a profile has a handful of rules, found by address.
    std::vector<std::pair<const ExclusionRule*, long>> excluded_by_rule;
    std::vector<SchoolResult> schools;
    /// Sections of the current add() that are in scope (they stay where add() got them).
    std::vector<const SectionRow*> batch;
    /// The batch's inputs and indicator values: their memory serves batch after batch (taken
    /// afresh each time, it came from new pages, a third of the page faults of a run).
    IndicatorInputs inputs_of_batch;
    Eigen::ArrayXXd values;
    /// With options.measures, every evaluated section's students and values, for the measures
    /// that need them all (Gini, McLoone): a record of 1 + indicators doubles per section, in
    /// input order, with its group and area type beside it.
    KeptSections kept;
    /// The current row's standards and school checks, for its SchoolResult.
    std::vector<StandardStatus> statuses;
    std::vector<double> check_values;
    std::vector<CheckStatus> check_statuses;

    void prepare() {
        scope = ScopeRules(profile);
        store =
            std::make_unique<GroupStore>(profile.indicators.size(), profile.school_checks.size());
        const double floor = profile.school_rule ? profile.school_rule->floor_fraction : 0.0;
        for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
            auto& per_stage = standards[static_cast<int>(stage)];
            for (const auto& def : profile.indicators) {
                per_stage.emplace_back(for_stage(def.standard, stage), floor);
            }
            judges_schools[static_cast<int>(stage)] =
                profile.school_rule.has_value() && profile.has_standards(stage);
        }
        statuses.resize(profile.indicators.size());
        kept = KeptSections(profile.indicators.size());
        for (std::size_t c = 0; c < profile.school_checks.size(); ++c) {
            const SchoolCheck& check = profile.school_checks[c];
            for (std::size_t type = 0; type < kSchoolTypes; ++type) {
                for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
                    if (auto limit = check.limit_for(static_cast<SchoolType>(type), stage)) {
                        applicable_checks[type * 3 + static_cast<std::size_t>(stage)].push_back(
                            ApplicableCheck{c, &check, LimitCheck(*limit)});
                    }
                }
            }
        }
    }

    /// Every group's index, in report order (district, year, stage); ends the accumulation.
    std::vector<std::uint32_t> report_order();
    /// The report but for its groups.
    Report report_without_groups();

    GroupKey key_at(std::size_t g) const {
        const PackedKey& key = keys[g];
        return GroupKey{districts.text(key.district),
                        key.has_year ? std::optional<int>(key.year) : std::nullopt, key.stage};
    }

    /// The index of the row's group, created when it is new.
    std::size_t group(const SectionRow& row) {
        const std::size_t last = last_group[static_cast<int>(row.stage)];
        if (last != kNone) {
            const PackedKey& key = keys[last];
            if (key.has_year == row.year.has_value() && key.year == row.year.value_or(0) &&
                same_short_text(districts.text(key.district), row.district)) {
                return last;
            }
        }
        return look_up_group(row);
    }

    /// group() when the row's group is not the last one of its stage.
    std::size_t look_up_group(const SectionRow& row) {
        const PackedKey key{districts.intern(row.district).first, row.year.value_or(0),
                            row.year.has_value(), row.stage};
        if (keys.size() >= std::numeric_limits<std::uint32_t>::max() - 2) {
            throw InputError(Location{inputs.at(row.source.file), row.source.line, 0},
                             "more than 4 billion district/year/stage groups");
        }
        const auto [g, added] = key_index.find_or_insert(
            key.hash(), [&](std::uint32_t candidate) { return keys[candidate].same(key); });
        if (added) {
            keys.push_back(key);
            store->add();
        }
        last_group[static_cast<int>(row.stage)] = g;
        return g;
    }

    void exclude(const SectionRow& row, const ExclusionRule& rule) {
        if (scope.evaluates(row.stage)) ++store->counts(group(row))[GroupStore::kExcluded];
        auto counted = std::find_if(excluded_by_rule.begin(), excluded_by_rule.end(),
                                    [&](const auto& entry) { return entry.first == &rule; });
        if (counted == excluded_by_rule.end()) {
            counted = excluded_by_rule.insert(excluded_by_rule.end(), {&rule, 0});
        }
        ++counted->second;
        if (!options.keep_exclusions) return;
        Exclusion excluded{key_of(row),     row.school_id,    row.school_name,
                           row.school_type, row.area_type,    row.students(),
                           rule.id,         rule.description, row.source};
        if (options.sections) {
            options.sections->exclusion(excluded);
        } else {
            exclusions.push_back(std::move(excluded));
        }
    }

    void accumulate_batch() {
        if (batch.empty()) return;
        const auto rows = static_cast<Eigen::Index>(batch.size());
        gather_inputs(batch, profile, inputs_of_batch);
        compute_indicators(inputs_of_batch, profile, rows, values);
        const bool keeps_schools = options.keep_schools;
        for (std::size_t i = 0; i < batch.size(); ++i) accumulate_row(i, keeps_schools);
        batch.clear();
    }

    /// Folds row `i` of the batch into its group; with `keeps_schools`, also hands on (or
    /// keeps) its SchoolResult.
    void accumulate_row(std::size_t i, bool keeps_schools) {
        const SectionRow& row = *batch[i];
        const auto r = static_cast<Eigen::Index>(i);
        const std::size_t g = group(row);
        std::uint32_t* n = store->counts(g);
        const double students = inputs_of_batch.students(r);

        bool any_missing = false;
        const StandardCounts standards =
            judge_standards(r, row.stage, n, any_missing, keeps_schools);
        add_to_group(r, row, g, students, any_missing);

        std::optional<bool> compliant;
        if (judges_schools[static_cast<int>(row.stage)] && standards.missing == 0) {
            compliant = school_complies(standards, *profile.school_rule);
            ++n[*compliant ? GroupStore::kCompliant : GroupStore::kFailing];
        }
        judge_checks(row, n, keeps_schools);
        const TwoTypes two_types = two_types_of(row);
        n[GroupStore::kRuralSmall] += two_types.rural_small;
        n[GroupStore::kTownshipBoarding] += two_types.township_boarding;
        if (keeps_schools) keep_school(r, row, g, students, standards, compliant, two_types);
    }

    /// The row's students and values into its group's sums: all of them, and its area type's.
    [[gnu::always_inline]] void add_to_group(Eigen::Index r, const SectionRow& row, std::size_t g,
                                             double students, bool any_missing) {
        GroupStore& groups = *store;
        double* d = groups.doubles(g);
        std::uint32_t* n = groups.counts(g);
        // The first missing value of a group: its sums of students part from here. A missing
        // resource leaves its value missing too (NaN · m / P is NaN).
        GroupStore::Unequal* unequal = any_missing ? &groups.unequal(g) : groups.find_unequal(g);
        ++n[GroupStore::kSchools];
        d[GroupStore::kStudents] += students;
        if (options.measures) kept.add(g, row.area_type, students, values, r);
        const int area = static_cast<int>(row.area_type) - 1;  // -1: unknown, not reported
        double* area_totals = nullptr;                         // students, then ΣR per indicator
        if (area >= 0) {
            const auto a = static_cast<std::size_t>(area);
            ++n[GroupStore::kAreaSchools + a];
            area_totals = d + groups.area(a);
            area_totals[0] += students;
        }
        if (unequal) {
            add_moments_apart(r, d, n, students, *unequal);
            if (area_totals) {
                add_to_area_apart(r, static_cast<std::size_t>(area), area_totals, students,
                                  *unequal);
            }
        } else {
            add_complete(r, d, n, students, area_totals ? area_totals + 1 : nullptr);
        }
    }

    /// Whether a section is one of the two types of schools the profile singles out.
    struct TwoTypes {
        bool rural_small = false;
        bool township_boarding = false;
    };
    TwoTypes two_types_of(const SectionRow& row) const {
        TwoTypes types;
        if (!profile.two_types) return types;
        types.rural_small = row.area_type == AreaType::rural &&
                            row.school_students < profile.two_types->rural_small_below;
        types.township_boarding =
            profile.two_types->township_boarding && row.boarding.value_or(false) &&
            (row.area_type == AreaType::town || row.area_type == AreaType::rural);
        return types;
    }

    /// The section's result, handed to the sections' sink or kept for the report.
    void keep_school(Eigen::Index r, const SectionRow& row, std::size_t g, double students,
                     const StandardCounts& standards, const std::optional<bool>& compliant,
                     const TwoTypes& two_types) {
        SchoolResult school;
        school.key = key_of(row);
        school.school_id = row.school_id;
        school.school_name = row.school_name;
        school.school_type = row.school_type;
        school.area_type = row.area_type;
        school.students = students;
        school.values.assign(values.row(r).begin(), values.row(r).end());
        school.statuses = statuses;
        school.reached = standards.reached;
        school.compliant = compliant;
        school.check_values = check_values;
        school.check_statuses = check_statuses;
        school.school_students = row.school_students;
        school.boarding = row.boarding;
        school.rural_small = two_types.rural_small;
        school.township_boarding = two_types.township_boarding;
        school.source = row.source;
        if (options.sections) {
            options.sections->school(static_cast<std::uint32_t>(g), school);
        } else {
            schools.push_back(std::move(school));
        }
    }

    /// Row r into a group that has never missed a value, nor has the row: WeightedMoments::add
    /// of each value, whose weights are then the group's students and its count the group's
    /// schools, and each resource into `area_totals` (ΣR of the row's area type, if known).
    void add_complete(Eigen::Index r, double* d, const std::uint32_t* n, double students,
                      double* area_totals) {
        const GroupStore& groups = *store;
        const bool first = n[GroupStore::kSchools] == 1;
        const double weight_total = d[GroupStore::kStudents];
        const bool weighted = weight_total > 0;
        const double share = weighted ? students / weight_total : 0.0;
        for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
            const auto c = static_cast<Eigen::Index>(k);
            const double x = values(r, c);
            const double resource = inputs_of_batch.resources(r, c);
            double* m = d + groups.moments(k);
            if (first) m[0] = x;
            if (weighted) WeightedMoments::step(m[1], m[2], x - m[0], students, share);
            m[3] += resource;
            if (area_totals) area_totals[k] += resource;
        }
    }

    /// WeightedMoments::add of row r's values, in a group whose weights are kept apart.
    void add_moments_apart(Eigen::Index r, double* d, std::uint32_t* n, double students,
                           GroupStore::Unequal& unequal) {
        const GroupStore& groups = *store;
        for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
            const auto c = static_cast<Eigen::Index>(k);
            const double x = values(r, c);
            if (is_missing(x)) {
                ++n[groups.missing(k)];
                continue;
            }
            double* m = d + groups.moments(k);
            const std::uint32_t count = n[GroupStore::kSchools] - 1 - n[groups.missing(k)];
            if (count == 0) m[0] = x;
            const double weight_total = unequal.weights[k] += students;
            if (weight_total > 0) {
                WeightedMoments::step(m[1], m[2], x - m[0], students, students / weight_total);
            }
            m[3] += inputs_of_batch.resources(r, c);
        }
    }

    /// Row r's resources into `totals` (of area type `a`), in a group whose weights are kept
    /// apart.
    void add_to_area_apart(Eigen::Index r, std::size_t a, double* totals, double students,
                           GroupStore::Unequal& unequal) {
        const std::size_t indicator_count = profile.indicators.size();
        for (std::size_t k = 0; k < indicator_count; ++k) {
            const double resource = inputs_of_batch.resources(r, static_cast<Eigen::Index>(k));
            if (is_missing(resource)) continue;
            totals[1 + k] += resource;
            unequal.weights[(1 + a) * indicator_count + k] += students;
        }
    }

    /// How row r's values stand against their standards, counted; sets `any_missing` when some
    /// value is missing, whether or not it has a standard. With `keeps_statuses`, also each
    /// verdict, into `statuses`. The counts are sums of comparisons: StandardCheck::status()'s
    /// table lookup, on a chain of dependent loads, was a third of accumulating a row, and only a
    /// school-level report needs the verdicts themselves.
    StandardCounts judge_standards(Eigen::Index r, Stage stage, std::uint32_t* n, bool& any_missing,
                                   bool keeps_statuses) {
        const auto& checks = standards[static_cast<int>(stage)];
        std::uint32_t* below_standard = n + store->below_standard(0);
        StandardCounts counts;
        bool missing_any = false;
        for (std::size_t k = 0; k < checks.size(); ++k) {
            const double x = values(r, static_cast<Eigen::Index>(k));
            const StandardCheck& check = checks[k];
            const bool has_standard = check.has_standard();
            const bool missing = is_missing(x);
            const bool reached = check.reached(x);
            const bool below_floor = check.below_floor(x);
            missing_any |= missing;
            counts.reached += has_standard & reached;
            counts.below_floor += has_standard & !reached & below_floor;
            counts.missing += has_standard & missing;
            below_standard[k] += has_standard & !reached & !missing;
        }
        any_missing = missing_any;
        if (keeps_statuses) {
            for (std::size_t k = 0; k < checks.size(); ++k) {
                statuses[k] = checks[k].status(values(r, static_cast<Eigen::Index>(k)));
            }
        }
        return counts;
    }

    /// Counts the school checks the row fails or has no value for; with `keeps_schools`, puts
    /// every check's value and status in check_values and check_statuses.
    void judge_checks(const SectionRow& row, std::uint32_t* n, bool keeps_schools) {
        const GroupStore& groups = *store;
        if (keeps_schools) {
            check_values.clear();
            for (const SchoolCheck& check : profile.school_checks) {
                check_values.push_back(check_measure(check, row));
            }
            check_statuses.assign(profile.school_checks.size(), CheckStatus::not_applicable);
        }
        const std::size_t type_and_stage =
            static_cast<std::size_t>(row.school_type) * 3 + static_cast<std::size_t>(row.stage);
        for (const ApplicableCheck& applicable : applicable_checks[type_and_stage]) {
            const double value = check_measure(*applicable.check, row);
            CheckStatus status = CheckStatus::pass;
            if (is_missing(value)) {
                status = CheckStatus::missing;
                ++n[groups.checks_missing(applicable.index)];
            } else if (!applicable.limit.satisfied_by(value)) {
                status = CheckStatus::fail;
                ++n[groups.checks_failing(applicable.index)];
            }
            if (keeps_schools) check_statuses[applicable.index] = status;
        }
    }

    /// Group g's result. `recycled` lends its room to the result's indicators: every field of
    /// each is assigned, and the ids (longer than a short string) are then not allocated
    /// afresh for each of a national file's groups.
    GroupResult result_of(std::size_t g, std::vector<IndicatorResult> recycled = {}) const {
        const std::uint32_t* n = store->counts(g);
        GroupResult result;
        result.key = key_at(g);
        result.schools = n[GroupStore::kSchools];
        result.students = store->doubles(g)[GroupStore::kStudents];
        result.excluded = n[GroupStore::kExcluded];
        result.indicators = std::move(recycled);
        add_coefficients(g, result);
        add_school_checks(g, result);
        add_areas(g, result);
        result.rural_small = n[GroupStore::kRuralSmall];
        result.township_boarding = n[GroupStore::kTownshipBoarding];
        judge_group(g, result);
        return result;
    }

    /// Each indicator's coefficient against its limit, and the composite: the weighted mean of
    /// the coefficients (none when one it weighs is NA).
    void add_coefficients(std::size_t g, GroupResult& result) const {
        const GroupStore& groups = *store;
        const double* d = groups.doubles(g);
        const std::uint32_t* n = groups.counts(g);
        const Stage stage = result.key.stage;
        double weighted = 0;
        double weights = 0;
        bool composite_defined = true;
        result.indicators.resize(profile.indicators.size());
        // Each indicator's values: their room kept from group to group on each thread.
        thread_local std::vector<GroupValues> values;
        if (options.measures) kept.gather(g, values);
        for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
            const IndicatorDef& def = profile.indicators[k];
            const double* m = d + groups.moments(k);
            const long missing = n[groups.missing(k)];
            IndicatorResult& indicator = result.indicators[k];
            indicator.id.assign(def.id);
            indicator.dispersion = dispersion_from(
                result.schools - missing, groups.moment_weight(g, k), m[2], m[3], def.multiplier);
            indicator.limit = for_stage(def.cv_limit, stage);
            indicator.pass = judge_limit(indicator.dispersion.cv, indicator.limit);
            indicator.missing = missing;
            indicator.below_standard = n[groups.below_standard(k)];
            indicator.measures = options.measures
                                     ? values[k].measures()
                                     : InequalityMeasures::undefined(NaReason::not_computed);
            if (def.weight > 0) {
                if (indicator.dispersion.cv.defined()) {
                    weighted += def.weight * indicator.dispersion.cv.value;
                    weights += def.weight;
                } else {
                    composite_defined = false;
                }
            }
            if (indicator.pass == false) result.pass = false;
        }
        if (composite_defined && weights > 0) {
            result.composite.cv.value = weighted / weights;
        } else {
            result.composite.cv.na = NaReason::indicator_na;
        }
        result.composite.limit = for_stage(profile.composite_limit, stage);
        result.composite.pass = judge_limit(result.composite.cv, result.composite.limit);
        if (result.composite.pass == false) result.pass = false;
    }

    /// Per school check, the sections failing it and those without its data.
    void add_school_checks(std::size_t g, GroupResult& result) const {
        const std::uint32_t* n = store->counts(g);
        // Sized once: a national file has tens of thousands of groups.
        result.checks.reserve(profile.school_checks.size());
        for (std::size_t c = 0; c < profile.school_checks.size(); ++c) {
            const long failing = n[store->checks_failing(c)];
            result.checks.push_back(
                CheckCount{profile.school_checks[c].id, failing, n[store->checks_missing(c)]});
            if (profile.school_checks[c].affects_verdict && failing > 0) result.pass = false;
        }
    }

    /// The district value of each indicator over each area type's schools (城乡比较).
    void add_areas(std::size_t g, GroupResult& result) const {
        const GroupStore& groups = *store;
        const std::uint32_t* n = groups.counts(g);
        result.by_area.reserve(GroupStore::kAreas);
        for (AreaType area : {AreaType::urban, AreaType::town, AreaType::rural}) {
            const auto a = static_cast<std::size_t>(area) - 1;
            const long area_schools = n[GroupStore::kAreaSchools + a];
            if (area_schools == 0) continue;
            const double* totals = groups.doubles(g) + groups.area(a);
            AreaSummary summary{area, area_schools, totals[0], {}};
            summary.values.reserve(profile.indicators.size());
            for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
                Measure value;
                const double students_with_data = groups.area_weight(g, a, k);
                if (students_with_data > 0) {
                    value.value =
                        profile.indicators[k].multiplier * totals[1 + k] / students_with_data;
                } else {
                    value.na = NaReason::no_students;
                }
                summary.values.push_back(value);
            }
            result.by_area.push_back(std::move(summary));
        }
    }

    /// The per-school rule's counts, and whether any rule could judge the group: one no rule
    /// could judge has not passed anything (docs/methodology.md §11).
    void judge_group(std::size_t g, GroupResult& result) const {
        const std::uint32_t* n = store->counts(g);
        const long compliant = n[GroupStore::kCompliant];
        const long failing = n[GroupStore::kFailing];
        const bool rule_judges = profile.school_rule && profile.has_standards(result.key.stage);
        if (rule_judges) {
            result.schools_compliant = compliant;
            result.schools_failing = failing;
            result.schools_not_judged = result.schools - compliant - failing;
            if (failing > 0) result.pass = false;
        }
        // No schools, or one school and no per-school rule: say so rather than print PASS.
        bool judged = result.composite.pass.has_value() || (rule_judges && compliant + failing > 0);
        for (const auto& indicator : result.indicators) judged |= indicator.pass.has_value();
        // Nor has a group whose sections the per-school rule, part of its verdict, could judge
        // none of (each lacks a value): its coefficients alone cannot make it pass. A failure
        // found elsewhere still makes it FAIL.
        if (rule_judges && compliant + failing == 0 && result.pass) judged = false;
        if (!judged) {
            result.pass = false;
            result.judged = false;
        }
    }
};

Evaluator::Evaluator(Profile profile, std::vector<std::string> inputs, EvaluationOptions options)
    : state_(std::make_unique<State>()) {
    state_->profile = std::move(profile);
    state_->inputs = std::move(inputs);
    state_->options = options;
    state_->prepare();
    if (options.sections) options.sections->sections_begin(state_->inputs);
}

Evaluator::~Evaluator() = default;

const Profile& Evaluator::profile() const {
    return state_->profile;
}

const std::vector<std::string>& Evaluator::inputs() const {
    return state_->inputs;
}

long Evaluator::excluded_total() const {
    long total = 0;
    for (const auto& [rule, count] : state_->excluded_by_rule) total += count;
    return total;
}

void Evaluator::add(const SectionRow* first, const SectionRow* last) {
    constexpr std::size_t kBatchSize = 1024;
    for (const SectionRow* row = first; row != last; ++row) {
        if (const ExclusionRule* rule = state_->scope.find_exclusion(*row)) {
            state_->exclude(*row, *rule);
            continue;
        }
        state_->batch.push_back(row);
        if (state_->batch.size() >= kBatchSize) state_->accumulate_batch();
    }
    state_->accumulate_batch();  // the batch points into the rows
}

void Evaluator::add(std::vector<SectionRow>& sections) {
    add(sections.data(), sections.data() + sections.size());
    sections.clear();
}

void Evaluator::reject(std::vector<SectionRow>& rows) {
    if (state_->options.skip_invalid) {
        for (const auto& row : rows) state_->exclude(row, kInvalidRow);
    }
    rows.clear();
}

std::vector<std::uint32_t> Evaluator::State::report_order() {
    accumulate_batch();
    key_index = FlatIndex();
    if (options.measures) kept.index(keys.size());
    std::vector<std::uint32_t> order(keys.size());
    for (std::size_t g = 0; g < order.size(); ++g) order[g] = static_cast<std::uint32_t>(g);
    // District names compared once: sort them, then groups by (district rank, year, stage).
    std::vector<std::uint32_t> by_name(districts.size());
    for (std::size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<std::uint32_t>(i);
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
        return districts.text(a) < districts.text(b);
    });
    std::vector<std::uint32_t> rank(by_name.size());
    for (std::size_t i = 0; i < by_name.size(); ++i)
        rank[by_name[i]] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const PackedKey& x = keys[a];
        const PackedKey& y = keys[b];
        return std::make_tuple(rank[x.district], x.has_year, x.year, x.stage) <
               std::make_tuple(rank[y.district], y.has_year, y.year, y.stage);
    });
    return order;
}

Report Evaluator::State::report_without_groups() {
    Report report;
    report.profile = profile;
    report.inputs = inputs;
    report.reading_notes = std::move(reading_notes);
    report.rows_not_read = std::move(rows_not_read);
    report.exclusions = std::move(exclusions);
    for (const auto& [rule, count] : excluded_by_rule) report.excluded_by_rule[rule->id] += count;
    report.schools = std::move(schools);
    std::stable_sort(report.schools.begin(), report.schools.end(),
                     [](const SchoolResult& a, const SchoolResult& b) {
                         return std::tie(a.key, a.source.file, a.source.line) <
                                std::tie(b.key, b.source.file, b.source.line);
                     });
    return report;
}

void Evaluator::add_reading_notes(std::vector<ReadingNote> notes,
                                  std::vector<RowNotRead> rows_not_read) {
    state_->reading_notes = std::move(notes);
    state_->rows_not_read = std::move(rows_not_read);
}

Verdicts Evaluator::finish(ReportSink& sink, int threads) {
    State& state = *state_;
    const std::vector<std::uint32_t> order = state.report_order();
    std::vector<std::uint32_t> ranks(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) ranks[order[i]] = static_cast<std::uint32_t>(i);
    Report head = state.report_without_groups();
    sink.begin(head, order.size(), ranks);

    constexpr std::size_t kBlock = 16;  // groups per piece of text
    const std::size_t blocks = (order.size() + kBlock - 1) / kBlock;
    std::vector<Verdicts> verdicts_of_block(blocks);
    produce_in_order(
        blocks, threads,
        [&](std::size_t block, std::string& text) {
            const std::size_t end = std::min(order.size(), (block + 1) * kBlock);
            std::vector<IndicatorResult> recycled;
            for (std::size_t rank = block * kBlock; rank < end; ++rank) {
                GroupResult result = state.result_of(order[rank], std::move(recycled));
                verdicts_of_block[block].add(result);
                sink.group(rank, result, text);
                recycled = std::move(result.indicators);
            }
        },
        [&](std::size_t, std::string& text) { sink.write(text); });

    Verdicts verdicts;
    for (const Verdicts& block : verdicts_of_block) verdicts.add(block);
    sink.end(verdicts);
    return verdicts;
}

Report Evaluator::finish() {
    ReportCollector collector;
    finish(collector);
    return collector.take();
}

}  // namespace eduqb
