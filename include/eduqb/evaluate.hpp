#pragma once
// Stages 3b–6 over a stream of split sections: scope, indicators, dispersion, judgement.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eduqb/profile.hpp"
#include "eduqb/report.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// What to do with an empty cell that an indicator needs.
enum class MissingPolicy {
    error,  ///< stop with an InputError naming the cell
    skip,   ///< leave the school out of that indicator only, and count it
};

struct EvaluationOptions {
    bool keep_schools = false;  ///< keep one SchoolResult per section (school-level reports)
    /// Keep one Exclusion per section left out (Report::exclusions). Off, memory stays
    /// constant however long the input; group counts (GroupResult::excluded) are kept anyway.
    bool keep_exclusions = true;
    MissingPolicy missing = MissingPolicy::error;
    /// Rows with errors are always left out of the computation; with this set they are also
    /// listed among the exclusions (rule "invalid") and the run is not refused.
    bool skip_invalid = false;
    /// Set, each evaluated section goes to `on_school` as soon as it is computed, with the
    /// index of its group (report_ranks() puts the groups in report order), instead of into
    /// Report::schools; and each section left out goes to `on_exclusion` instead of
    /// Report::exclusions. Called on the evaluator's thread, in the order of evaluation.
    std::function<void(std::uint32_t group, const SchoolResult&)> on_school;
    std::function<void(const Exclusion&)> on_exclusion;
};

/// Accumulates sections group by group in constant memory per group, then builds the Report.
class Evaluator {
  public:
    Evaluator(Profile profile, std::vector<std::string> inputs, EvaluationOptions options);
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    /// Adds split sections: applies the scope rules, computes indicators (vectorised over the
    /// batch) and folds them into their groups. `sections` is consumed.
    void add(std::vector<SectionRow>& sections);
    /// Lists rows that had errors among the exclusions (rule "invalid"), when skip_invalid.
    void reject(std::vector<SectionRow>& rows);
    const Profile& profile() const;
    /// The input names the report will list.
    const std::vector<std::string>& inputs() const;

    /// Each group's place in report order, indexed by the group index on_school() was given.
    /// Ends the accumulation; finish() may follow.
    std::vector<std::uint32_t> report_ranks();
    /// Builds the report: every group's result, sorted by district, year and stage.
    Report finish();
    /// Hands each group's result to `sink` as soon as it is built, in report order, and keeps
    /// none of them: memory stays that of the running totals, however many groups. The report
    /// returned has everything else (its `groups` empty).
    using GroupSink = std::function<void(const GroupResult&)>;
    Report finish(const GroupSink& sink);
    /// finish(sink) spread over `threads` threads (0: none): each group's result is built and
    /// turned into text by `render`, which runs concurrently (it may only append to its string
    /// and update atomics), and the texts reach `write` in report order on the calling thread.
    using GroupRenderer = std::function<void(const GroupResult&, std::string&)>;
    using TextSink = std::function<void(const std::string&)>;
    Report finish(const GroupRenderer& render, const TextSink& write, int threads);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eduqb
