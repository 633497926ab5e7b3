// The teacher-exchange planner: a greedy search over single-teacher moves (docs/gaps.md,
// "Teacher exchange", states the algorithm and what the tests show of its optimality).

#include "eduqb/rotate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "compute/rotation_state.hpp"
#include "eduqb/error.hpp"

namespace eduqb {

std::string_view to_string(TeacherCategory category) {
    switch (category) {
        case TeacherCategory::backbone:
            return "backbone";
        case TeacherCategory::above_degree:
            return "above_degree";
        case TeacherCategory::pe_art:
            return "pe_art";
    }
    return "";
}

std::optional<TeacherCategory> parse_teacher_category(std::string_view text) {
    for (TeacherCategory category : kTeacherCategories) {
        if (to_string(category) == text) return category;
    }
    return std::nullopt;
}

Column category_column(TeacherCategory category) {
    switch (category) {
        case TeacherCategory::backbone:
            return Column::teachers_backbone;
        case TeacherCategory::above_degree:
            return Column::teachers_above_degree;
        case TeacherCategory::pe_art:
            return Column::teachers_pe_art;
    }
    return Column::teachers;
}

std::optional<std::size_t> teacher_slot(Column column) {
    const auto found = std::find(kTeacherColumns.begin(), kTeacherColumns.end(), column);
    if (found == kTeacherColumns.end()) return std::nullopt;
    return static_cast<std::size_t>(found - kTeacherColumns.begin());
}

std::string_view to_string(RotateOutcome outcome) {
    switch (outcome) {
        case RotateOutcome::within_limits:
            return "within_limits";
        case RotateOutcome::brought_within:
            return "brought_within";
        case RotateOutcome::best_within_share:
            return "best_within_share";
        case RotateOutcome::nothing_to_improve:
            return "nothing_to_improve";
        case RotateOutcome::no_limit:
            return "no_limit";
    }
    return "";
}

void check_rotate_options(const RotateOptions& options) {
    if (options.share && !(*options.share > 0 && *options.share <= 1)) {
        throw UsageError(
            fmt::format("--share must be above 0 and at most 1 (got {})", *options.share));
    }
    if (options.categories.empty()) {
        throw UsageError("--categories needs at least one of backbone, above_degree, pe_art");
    }
}

namespace {

using detail::RotationState;
using detail::UnitMove;

/// What the greedy search lowers, a sum over the coefficients that fail their limit (those
/// that meet it count 0, so crossing a limit drops a whole term).
using Potential = double (*)(const RotationState&);

/// First phase, the fewest moves that bring every coefficient within its limit: Σ CV/limit.
double failing_sum(const RotationState& state) {
    double sum = 0;
    for (std::size_t t = 0; t < state.tracked().size(); ++t) {
        const auto ratio = state.ratio(t);
        if (ratio && state.passes(t) == false) sum += *ratio;
    }
    return sum;
}

/// Second phase, the lowest worst CV/limit: Σ (CV/limit)^16, in which the worst term
/// outweighs the others unless they are within a few per cent of it.
double worst_first(const RotationState& state) {
    double sum = 0;
    for (std::size_t t = 0; t < state.tracked().size(); ++t) {
        const auto ratio = state.ratio(t);
        if (ratio && state.passes(t) == false) sum += std::pow(*ratio, 16);
    }
    return sum;
}

/// One step of the search: one move, or two that must go together.
struct Step {
    std::vector<UnitMove> moves;
    double potential = HUGE_VAL;

    /// The potential's fall per move from `now`.
    double gain(double now) const {
        return moves.empty() ? 0.0 : (now - potential) / static_cast<double>(moves.size());
    }
};

/// Moves refused only because a category would exceed the source's full-time teachers, best
/// first: a teacher of another category arriving first would let them go.
struct Blocked {
    static constexpr std::size_t kKept = 4;
    std::vector<std::pair<double, UnitMove>> moves;

    void offer(double potential, const UnitMove& move) {
        moves.emplace_back(potential, move);
        std::sort(moves.begin(), moves.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        if (moves.size() > kKept) moves.pop_back();
    }
};

/// The best single move the rules allow; the best of those refused by the full-time rule
/// alone go to `blocked`.
Step best_move(RotationState& state, Potential potential, Blocked& blocked) {
    Step best;
    for (std::size_t c = 0; c < state.categories(); ++c) {
        for (std::size_t from = 0; from < state.sections(); ++from) {
            if (!state.movable(from, c) || state.count(from, 0) < 1) continue;
            for (std::size_t to = 0; to < state.sections(); ++to) {
                const UnitMove move{from, to, c};
                if (!state.apply(move)) continue;
                if (state.keeps_rules(to)) {
                    const double value = potential(state);
                    if (state.keeps_rules(from)) {
                        if (value < best.potential) best = {{move}, value};
                    } else if (state.keeps_rules(from, false)) {
                        blocked.offer(value, move);
                    }
                }
                state.undo(move);
            }
        }
    }
    return best;
}

/// The best pair: a teacher of some category arrives at the source of a blocked move, which
/// can then go.
Step best_pair(RotationState& state, Potential potential, const Blocked& blocked) {
    Step best;
    for (const auto& [ignored, second] : blocked.moves) {
        const std::size_t via = second.from;
        for (std::size_t c = 0; c < state.categories(); ++c) {
            for (std::size_t from = 0; from < state.sections(); ++from) {
                const UnitMove first{from, via, c};
                if ((from == second.to && c == second.category) || !state.apply(first)) continue;
                if (state.apply(second)) {
                    if (state.keeps_rules(from) && state.keeps_rules(via) &&
                        state.keeps_rules(second.to)) {
                        const double value = potential(state);
                        if (value < best.potential) best = {{first, second}, value};
                    }
                    state.undo(second);
                }
                state.undo(first);
            }
        }
    }
    return best;
}

/// Takes the step with the largest fall of the potential per move while it falls and the
/// budget lasts; returns the moves made.
long long greedy(RotationState& state, long long budget, Potential potential) {
    double now = potential(state);
    long long steps = 0;
    while (steps < budget && now > 0) {
        Blocked blocked;
        const Step single = best_move(state, potential, blocked);
        const Step pair = steps + 2 <= budget ? best_pair(state, potential, blocked) : Step{};
        const Step& step = pair.gain(now) > single.gain(now) ? pair : single;
        // Differences below this are rounding, not progress.
        if (!(step.gain(now) > 1e-12 * std::max(1.0, now))) break;
        for (const UnitMove& move : step.moves) state.apply(move);
        state.commit();
        steps += static_cast<long long>(step.moves.size());
        now = potential(state);
    }
    return steps;
}

/// Some coefficient the moves change has a limit and a value.
bool judges_any(const RotationState& state) {
    for (std::size_t t = 0; t < state.tracked().size(); ++t) {
        if (state.passes(t)) return true;
    }
    return false;
}

/// The net change of each section and category, as moves: sources and destinations paired in
/// member order. Any pairing gives the same counts; this one is stable.
std::vector<TeacherMove> net_moves(const RotationState& state,
                                   const std::vector<TeacherCategory>& categories) {
    std::vector<TeacherMove> moves;
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const std::size_t slot = *teacher_slot(category_column(categories[c]));
        std::vector<std::pair<std::size_t, long long>> give;
        std::vector<std::pair<std::size_t, long long>> take;
        for (std::size_t i = 0; i < state.sections(); ++i) {
            const auto now = state.count(i, slot);
            if (!now) continue;
            const long long delta = *now - *state.original_count(i, slot);
            if (delta < 0) give.emplace_back(i, -delta);
            if (delta > 0) take.emplace_back(i, delta);
        }
        std::size_t g = 0;
        std::size_t t = 0;
        while (g < give.size() && t < take.size()) {
            const long long count = std::min(give[g].second, take[t].second);
            moves.push_back({give[g].first, take[t].first, categories[c], count});
            if ((give[g].second -= count) == 0) ++g;
            if ((take[t].second -= count) == 0) ++t;
        }
    }
    return moves;
}

std::vector<CountChange> count_changes(const RotationState& state,
                                       const std::vector<RotateMember>& members) {
    std::vector<CountChange> changes;
    for (std::size_t i = 0; i < state.sections(); ++i) {
        for (std::size_t slot = 0; slot < kTeacherColumns.size(); ++slot) {
            const auto before = state.original_count(i, slot);
            const auto after = state.count(i, slot);
            if (before && after && *before != *after) {
                changes.push_back(
                    {members[i].school->source, kTeacherColumns[slot], *before, *after});
            }
        }
    }
    return changes;
}

/// The largest CV/limit of the coefficients with a value, as one of the measures gives them.
double worst_ratio(const std::vector<CvChange>& cvs, Measure CvChange::*measure) {
    double worst = 0;
    for (const CvChange& change : cvs) {
        const Measure& cv = change.*measure;
        if (cv.defined() && change.limit.value > 0) {
            worst = std::max(worst, cv.value / change.limit.value);
        }
    }
    return worst;
}

void describe_coefficients(const GroupResult& group, const RotationState& after,
                           GroupRotation& out) {
    for (std::size_t t = 0; t < after.tracked().size(); ++t) {
        const auto& tracked = after.tracked()[t];
        if (!tracked.limit) continue;
        CvChange change;
        change.indicator = tracked.indicator;
        change.limit = *tracked.limit;
        change.source = tracked.source;
        change.before = group.indicators.at(tracked.indicator).dispersion.cv;
        change.planned = after.cv(t);
        change.pass_before = judge_limit(change.before, change.limit);
        out.cvs.push_back(change);
    }
    out.worst_before = worst_ratio(out.cvs, &CvChange::before);
    out.worst_after = worst_ratio(out.cvs, &CvChange::planned);
}

}  // namespace

GroupRotation plan_group_rotation(const GroupResult& group,
                                  const std::vector<RotateMember>& members, const Profile& profile,
                                  const RotateOptions& options) {
    check_rotate_options(options);
    GroupRotation out;
    out.key = group.key;
    for (const RotateMember& member : members) {
        out.members.push_back(member.school);
        if (member.counts.count[0]) out.teachers += *member.counts.count[0];
    }
    const double share = options.share.value_or(profile.exchange.share);
    // The share of a whole number of teachers, rounded down; 1e-9 keeps 10 % of 30 at 3.
    out.budget =
        static_cast<long long>(std::floor(share * static_cast<double>(out.teachers) + 1e-9));

    const RotationState before(group, members, profile, options.categories);
    for (std::size_t i = 0; i < before.sections(); ++i) {
        bool any = false;
        for (std::size_t c = 0; c < before.categories(); ++c) any = any || before.movable(i, c);
        out.fixed_sections += !any;
    }
    RotationState state(group, members, profile, options.categories);
    if (!judges_any(state)) {
        out.outcome = RotateOutcome::no_limit;
    } else if (state.all_pass()) {
        out.outcome = RotateOutcome::within_limits;
    } else if (greedy(state, out.budget, failing_sum); state.all_pass()) {
        out.outcome = RotateOutcome::brought_within;
    } else {
        // No plan found within the share: start again, lowering the worst CV/limit instead.
        state = RotationState(group, members, profile, options.categories);
        const long long steps = greedy(state, out.budget, worst_first);
        out.outcome =
            steps > 0 ? RotateOutcome::best_within_share : RotateOutcome::nothing_to_improve;
    }
    out.moves = net_moves(state, options.categories);
    for (const TeacherMove& move : out.moves) out.moved += move.count;
    out.changes = count_changes(state, members);
    describe_coefficients(group, state, out);
    if (out.cvs.empty()) out.outcome = RotateOutcome::no_limit;
    return out;
}

RotateReport plan_rotation(const Report& report, const CountsOf& counts,
                           const RotateOptions& options) {
    check_rotate_options(options);
    RotateReport plan;
    plan.profile = report.profile;
    plan.inputs = report.inputs;
    plan.share = options.share.value_or(report.profile.exchange.share);
    plan.categories = options.categories;
    const SchoolsByGroup schools(report.schools);
    for (const GroupResult& group : report.groups) {
        std::vector<RotateMember> members;
        for (const SchoolResult* school : schools.of(group.key)) {
            members.push_back({school, counts(*school)});
        }
        plan.groups.push_back(plan_group_rotation(group, members, report.profile, options));
    }
    return plan;
}

void add_after(RotateReport& plan, const Report& after) {
    std::map<GroupKey, const GroupResult*> groups;
    for (const GroupResult& group : after.groups) groups.emplace(group.key, &group);
    for (GroupRotation& rotation : plan.groups) {
        const auto found = groups.find(rotation.key);
        if (found == groups.end()) continue;
        for (CvChange& change : rotation.cvs) {
            change.after = found->second->indicators.at(change.indicator).dispersion.cv;
            change.pass_after = judge_limit(change.after, change.limit);
        }
        rotation.worst_after = worst_ratio(rotation.cvs, &CvChange::after);
    }
}

long sections_made_non_compliant(const Report& before, const Report& after) {
    std::map<std::pair<int, long>, bool> compliant;
    for (const SchoolResult& school : before.schools) {
        if (school.compliant == true)
            compliant.emplace(std::pair(school.source.file, school.source.line), true);
    }
    long made = 0;
    for (const SchoolResult& school : after.schools) {
        made += compliant.count({school.source.file, school.source.line}) > 0 &&
                school.compliant != true;
    }
    return made;
}

}  // namespace eduqb
