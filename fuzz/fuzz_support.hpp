#pragma once
// What the fuzz targets share: a report checker that aborts (so libFuzzer records the input)
// when a report breaks a rule that must hold for any input, and rendering in every format.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "eduqb/judge.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report.hpp"

namespace eduqb::fuzz {

/// Stops the run with a message; libFuzzer saves the input that got here.
[[noreturn]] inline void broken(const char* rule) {
    std::fprintf(stderr, "eduqb fuzz: invariant broken: %s\n", rule);
    std::abort();
}

/// A defined measure is a finite number ≥ 0 (NA carries its reason instead of a NaN).
inline void check_measure(const Measure& measure, const char* what) {
    if (measure.defined() && !(std::isfinite(measure.value) && measure.value >= 0)) broken(what);
}

/// A verdict exists only for a defined value with a limit, and agrees with the comparison.
inline void check_verdict(const Measure& cv, const std::optional<Limit>& limit,
                          const std::optional<bool>& pass) {
    if (!pass) return;
    if (!cv.defined() || !limit) broken("a verdict without a defined CV and a limit");
    if (*pass != satisfies(cv.value, *limit)) broken("a verdict disagrees with its CV and limit");
}

/// Rules every report obeys, whatever the input.
inline void check_report(const Report& report) {
    for (std::size_t g = 0; g < report.groups.size(); ++g) {
        const GroupResult& group = report.groups[g];
        if (g > 0 && !(report.groups[g - 1].key < group.key)) broken("groups out of order");
        if (group.schools < 0 || group.excluded < 0) broken("a negative count");
        if (!(std::isfinite(group.students) && group.students >= 0)) broken("group students");
        if (group.indicators.size() != report.profile.indicators.size()) {
            broken("a group without one result per indicator");
        }
        bool pass = true;
        for (const IndicatorResult& indicator : group.indicators) {
            check_measure(indicator.dispersion.value, "an indicator's district value");
            check_measure(indicator.dispersion.cv, "an indicator's CV");
            check_verdict(indicator.dispersion.cv, indicator.limit, indicator.pass);
            if (indicator.missing < 0 || indicator.dispersion.schools < 0) {
                broken("a negative school count");
            }
            if (indicator.pass == false) pass = false;
        }
        check_measure(group.composite.cv, "the composite CV");
        check_verdict(group.composite.cv, group.composite.limit, group.composite.pass);
        if (group.composite.pass == false) pass = false;
        if (group.schools_failing && *group.schools_failing > 0) pass = false;
        for (std::size_t c = 0; c < group.checks.size(); ++c) {
            if (report.profile.school_checks.at(c).affects_verdict && group.checks[c].failing > 0) {
                pass = false;
            }
        }
        // A group where no rule could be applied does not pass.
        bool judged =
            group.composite.pass.has_value() ||
            (group.schools_compliant && *group.schools_compliant + *group.schools_failing > 0);
        for (const IndicatorResult& indicator : group.indicators) {
            judged |= indicator.pass.has_value();
        }
        // Nor does one whose per-school rule, part of its verdict, judged none of its sections,
        // unless something else already failed it.
        if (group.schools_compliant && *group.schools_compliant + *group.schools_failing == 0 &&
            pass) {
            judged = false;
        }
        if (judged != group.judged) broken("a group judged without any verdict, or the reverse");
        if (!judged) pass = false;
        if (group.pass != pass) broken("a group verdict that disagrees with its checks");
    }
    for (const SchoolResult& school : report.schools) {
        if (school.values.size() != report.profile.indicators.size() ||
            school.statuses.size() != school.values.size()) {
            broken("a school without one value per indicator");
        }
        for (double value : school.values) {
            if (!is_missing(value) && !(std::isfinite(value) && value >= 0)) {
                broken("a school value that is infinite or negative");
            }
        }
        if (school.reached < 0 || school.reached > static_cast<int>(school.values.size())) {
            broken("a school reaching more standards than it has");
        }
    }
}

/// Renders the report in every format at both levels; the text is thrown away.
inline void render_everything(const Report& report) {
    for (Format format : {Format::markdown, Format::csv, Format::json}) {
        for (Level level : {Level::district, Level::school}) {
            std::ostringstream out;
            render(report, format, level, out);
        }
    }
}

}  // namespace eduqb::fuzz
