#pragma once
// The flow of `eduqb rotate` on in-memory CSV text, for the tests: evaluate, plan, write the
// adjusted input and evaluate that, as the command does.

#include <sstream>
#include <string>

#include "eduqb/error.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/rotate.hpp"
#include "input/rotate_inputs.hpp"

namespace eduqb::test {

struct Rotation {
    Report before;
    RotateReport plan;
    std::string adjusted;  ///< the input with the plan's counts
    Report after;          ///< the adjusted input evaluated, as compute evaluates it
};

inline Report evaluate_for_rotation(const std::vector<InputSource>& sources,
                                    const Profile& profile) {
    EvaluationOptions evaluation;
    evaluation.keep_schools = true;
    Diagnostics diagnostics;
    Report report = evaluate_inputs(sources, profile, ReadOptions{}, evaluation, diagnostics);
    if (diagnostics.errors() > 0) throw InputError(format_problem(diagnostics.problems().front()));
    return report;
}

inline Rotation rotate_text(const std::string& csv, const Profile& profile,
                            const RotateOptions& options = {}) {
    std::istringstream in(csv);
    RotateInputs held({InputSource{"test.csv", &in}}, ReadOptions{});
    Rotation rotation;
    rotation.before = evaluate_for_rotation(held.sources(), profile);
    held.index_cells();
    rotation.plan = plan_rotation(
        rotation.before, [&](const SchoolResult& school) { return held.counts(school, profile); },
        options);
    std::vector<CountChange> changes;
    for (const auto& group : rotation.plan.groups) {
        changes.insert(changes.end(), group.changes.begin(), group.changes.end());
    }
    rotation.adjusted = held.adjusted_text(0, changes);
    std::istringstream adjusted(rotation.adjusted);
    rotation.after = evaluate_for_rotation({InputSource{"adjusted.csv", &adjusted}}, profile);
    add_after(rotation.plan, rotation.after);
    return rotation;
}

}  // namespace eduqb::test
