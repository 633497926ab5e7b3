#include "compute/rotation_state.hpp"

#include <algorithm>
#include <cmath>

namespace eduqb::detail {
namespace {

constexpr double kUnknown = kMissing;

double as_count(const std::optional<long long>& count) {
    return count ? static_cast<double>(*count) : kUnknown;
}

/// Equal counts, an unknown one (NaN) equal to itself.
bool same_counts(const std::array<double, 5>& a, const std::array<double, 5>& b) {
    for (std::size_t slot = 0; slot < a.size(); ++slot) {
        if (a[slot] != b[slot] && !(is_missing(a[slot]) && is_missing(b[slot]))) return false;
    }
    return true;
}

}  // namespace

RotationState::RotationState(const GroupResult& group, const std::vector<RotateMember>& members,
                             const Profile& profile, const std::vector<TeacherCategory>& categories)
    : profile_(&profile), categories_(categories) {
    for (TeacherCategory category : categories_) {
        category_slots_.push_back(*teacher_slot(category_column(category)));
    }
    read_counts(members);
    add_tracked(profile, group.key.stage);
    changed_by_.resize(categories_.size());
    for (std::size_t c = 0; c < categories_.size(); ++c) {
        for (std::size_t t = 0; t < tracked_.size(); ++t) {
            const std::size_t slot = tracked_[t].slot;
            if (slot == 0 || slot == category_slots_[c]) changed_by_[c].push_back(t);
        }
    }
    sums_.resize(tracked_.size());
    for (std::size_t t = 0; t < tracked_.size(); ++t) {
        Sums& sums = sums_[t];
        for (std::size_t i = 0; i < sections(); ++i) {
            const double x = value(t, i);
            if (is_missing(x)) continue;
            ++sums.sections;
            sums.students += students_[i];
            sums.resource += students_[i] * x;
        }
    }
    resum();
}

void RotationState::read_counts(const std::vector<RotateMember>& members) {
    for (const RotateMember& member : members) {
        schools_.push_back(member.school);
        students_.push_back(member.school->students);
        std::array<double, 5> counts{};
        std::array<bool, 5> editable{};
        for (std::size_t slot = 0; slot < kTeacherColumns.size(); ++slot) {
            counts[slot] = as_count(member.counts.count[slot]);
            editable[slot] = member.counts.editable[slot] && member.counts.count[slot];
        }
        counts_.push_back(counts);
        original_.push_back(counts);
        editable_.push_back(editable);
    }
}

/// Every indicator on full-time teachers or on a moved category's column.
void RotationState::add_tracked(const Profile& profile, Stage stage) {
    const double floor_fraction = profile.school_rule ? profile.school_rule->floor_fraction : 0;
    tracked_of_.assign(profile.indicators.size(), kNotTracked);
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        const IndicatorDef& def = profile.indicators[k];
        const auto slot = teacher_slot(def.column);
        if (!slot) continue;
        if (*slot != 0 && std::find(category_slots_.begin(), category_slots_.end(), *slot) ==
                              category_slots_.end()) {
            continue;
        }
        TrackedIndicator tracked;
        tracked.indicator = k;
        tracked.slot = *slot;
        if (const auto& own = for_stage(def.cv_limit, stage)) {
            tracked.limit = *own;
        } else if (const auto& composite = for_stage(profile.composite_limit, stage)) {
            tracked.limit = *composite;
            tracked.source = LimitSource::composite;
        }
        tracked.standard = StandardCheck(for_stage(def.standard, stage), floor_fraction);
        tracked_of_[k] = tracked_.size();
        tracked_.push_back(tracked);
    }
}

double RotationState::value(std::size_t t, std::size_t section) const {
    const TrackedIndicator& tracked = tracked_[t];
    const double count = counts_[section][tracked.slot];
    if (is_missing(count)) return schools_[section]->values[tracked.indicator];
    // R·m/P, as the evaluator computes it (indicators.cpp), so that values agree to the bit.
    return count * profile_->indicators[tracked.indicator].multiplier / students_[section];
}

double RotationState::original_value(std::size_t t, std::size_t section) const {
    return schools_[section]->values[tracked_[t].indicator];
}

double RotationState::square_term(std::size_t t, std::size_t section) const {
    const double x = value(t, section);
    return is_missing(x) ? 0.0 : students_[section] * x * x;
}

void RotationState::resum() {
    for (std::size_t t = 0; t < tracked_.size(); ++t) {
        double squares = 0;
        for (std::size_t i = 0; i < sections(); ++i) squares += square_term(t, i);
        sums_[t].squares = squares;
    }
}

bool RotationState::movable(std::size_t section, std::size_t category) const {
    const std::size_t slot = category_slots_[category];
    if (!editable_[section][0] || !editable_[section][slot] || !(students_[section] > 0)) {
        return false;
    }
    const auto& changed = changed_by_[category];
    return std::none_of(changed.begin(), changed.end(),
                        [&](std::size_t t) { return is_missing(value(t, section)); });
}

std::optional<long long> RotationState::count(std::size_t section, std::size_t slot) const {
    const double count = counts_[section][slot];
    if (is_missing(count)) return std::nullopt;
    return static_cast<long long>(count);
}

std::optional<long long> RotationState::original_count(std::size_t section,
                                                       std::size_t slot) const {
    const double count = original_[section][slot];
    if (is_missing(count)) return std::nullopt;
    return static_cast<long long>(count);
}

void RotationState::shift(std::size_t section, std::size_t category, double delta) {
    const auto& changed = changed_by_[category];
    for (std::size_t t : changed) sums_[t].squares -= square_term(t, section);
    counts_[section][0] += delta;
    counts_[section][category_slots_[category]] += delta;
    for (std::size_t t : changed) sums_[t].squares += square_term(t, section);
}

bool RotationState::apply(const UnitMove& move) {
    if (move.from == move.to || !movable(move.from, move.category) ||
        !movable(move.to, move.category) ||
        !(counts_[move.from][category_slots_[move.category]] >= 1)) {
        return false;
    }
    std::vector<double> saved;
    for (std::size_t t : changed_by_[move.category]) saved.push_back(sums_[t].squares);
    saved_squares_.push_back(std::move(saved));
    shift(move.from, move.category, -1);
    shift(move.to, move.category, +1);
    return true;
}

void RotationState::undo(const UnitMove& move) {
    counts_[move.from][0] += 1;
    counts_[move.from][category_slots_[move.category]] += 1;
    counts_[move.to][0] -= 1;
    counts_[move.to][category_slots_[move.category]] -= 1;
    const std::vector<double>& saved = saved_squares_.back();
    const auto& changed = changed_by_[move.category];
    for (std::size_t j = 0; j < changed.size(); ++j) sums_[changed[j]].squares = saved[j];
    saved_squares_.pop_back();
}

void RotationState::commit() {
    saved_squares_.clear();
    resum();
}

bool RotationState::keeps_rules(std::size_t section, bool within_full_time) const {
    const auto& counts = counts_[section];
    const auto& original = original_[section];
    // A section the moves leave alone keeps what it had, even a count the input gives above
    // its full-time teachers.
    if (same_counts(counts, original)) return true;
    for (std::size_t slot = 0; slot < counts.size(); ++slot) {
        if (counts[slot] < 0) return false;
        // NaN compares false: an unknown count exceeds nothing.
        if (within_full_time && slot > 0 && counts[slot] > counts[0]) return false;
    }
    const SchoolResult& school = *schools_[section];
    for (std::size_t t = 0; t < tracked_.size(); ++t) {
        const StandardCheck& standard = tracked_[t].standard;
        if (!standard.has_standard()) continue;
        const double x = value(t, section);
        const StandardStatus before = school.statuses[tracked_[t].indicator];
        if (before == StandardStatus::reached && !standard.reached(x)) return false;
        if (before == StandardStatus::above_floor && !standard.at_or_above_floor(x)) return false;
        if (before == StandardStatus::below_floor && x < original_value(t, section)) return false;
    }
    if (school.compliant != true || !profile_->school_rule) return true;
    // The per-school rule itself, on the statuses with the changed values judged anew.
    StandardCounts counts_now;
    for (std::size_t k = 0; k < school.statuses.size(); ++k) {
        const std::size_t t = tracked_of_[k];
        counts_now.add(t == kNotTracked ? school.statuses[k]
                                        : tracked_[t].standard.status(value(t, section)));
    }
    return school_complies(counts_now, *profile_->school_rule);
}

bool RotationState::keeps_rules() const {
    for (std::size_t i = 0; i < sections(); ++i) {
        if (!keeps_rules(i)) return false;
    }
    return true;
}

Measure RotationState::cv(std::size_t t) const {
    const Sums& sums = sums_[t];
    if (!(sums.students > 0)) return {0, NaReason::no_students};
    if (sums.sections < 2) return {0, NaReason::too_few_schools};
    if (sums.resource == 0) return {0, NaReason::zero_mean};
    // CV² = P·Σ P_i X_i² / (Σ P_i X_i)² − 1: X̄ = ΣP_i X_i / P is the same before and after.
    const double squared = sums.students * sums.squares / (sums.resource * sums.resource) - 1;
    return {std::sqrt(std::max(0.0, squared)), NaReason::none};
}

std::optional<double> RotationState::ratio(std::size_t t) const {
    const Measure measure = cv(t);
    const auto& limit = tracked_[t].limit;
    if (!limit || !measure.defined()) return std::nullopt;
    if (limit->value <= 0) return measure.value > 0 ? HUGE_VAL : 0.0;
    return measure.value / limit->value;
}

std::optional<bool> RotationState::passes(std::size_t t) const {
    return judge_limit(cv(t), tracked_[t].limit);
}

bool RotationState::all_pass() const {
    for (std::size_t t = 0; t < tracked_.size(); ++t) {
        if (passes(t) == false) return false;
    }
    return true;
}

}  // namespace eduqb::detail
