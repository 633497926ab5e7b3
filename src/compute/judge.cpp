#include "eduqb/judge.hpp"

#include <algorithm>
#include <cmath>

namespace eduqb {
LimitCheck::LimitCheck(const Limit& limit) : bound_(limit.value), op_(limit.op) {
    const double tolerance = boundary_tolerance(limit.value);
    switch (limit.op) {
        case Op::less:
        case Op::greater_equal:
            bound_ = limit.value - tolerance;
            break;
        case Op::less_equal:
        case Op::greater:
            bound_ = limit.value + tolerance;
            break;
    }
}

bool satisfies(double value, const Limit& limit) {
    return LimitCheck(limit).satisfied_by(value);
}

bool at_least(double value, double threshold) {
    return value >= at_least_bound(threshold);
}

std::string_view to_string(StandardStatus status) {
    switch (status) {
        case StandardStatus::reached:
            return "reached";
        case StandardStatus::above_floor:
            return "above_floor";
        case StandardStatus::below_floor:
            return "below_floor";
        case StandardStatus::no_standard:
            return "no_standard";
        case StandardStatus::missing:
            return "missing";
    }
    return "";
}

bool school_complies(const std::vector<StandardStatus>& statuses, const SchoolRule& rule) {
    StandardCounts counts;
    for (StandardStatus status : statuses) counts.add(status);
    return school_complies(counts, rule);
}

std::optional<bool> judge_limit(const Measure& measure, const std::optional<Limit>& limit) {
    if (!limit || !measure.defined()) return std::nullopt;
    return satisfies(measure.value, *limit);
}

}  // namespace eduqb
