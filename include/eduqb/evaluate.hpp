#pragma once
// Stages 3b–6 over a stream of split sections: scope, indicators, dispersion, judgement.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eduqb/profile.hpp"
#include "eduqb/report.hpp"
#include "eduqb/report_sink.hpp"
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
    /// Set, the sections keep_schools and keep_exclusions ask for go to sections->school() as
    /// soon as each is computed, and to sections->exclusion() as each is left out, instead of
    /// into the report: a sink that spools or formats them as they come keeps memory flat and
    /// does that work while the input is still being read.
    ReportSink* sections = nullptr;
    /// Compute the measures beside the CV (Theil, Gini, McLoone, range ratio; IndicatorResult::
    /// measures). They need every section's values until the end, one double per indicator and
    /// one for the students; off, the measures are NA (not_computed) and memory stays that of
    /// the running totals.
    bool measures = true;
};

/// Accumulates sections group by group in constant memory per group, then builds the Report.
class Evaluator {
  public:
    Evaluator(Profile profile, std::vector<std::string> inputs, EvaluationOptions options);
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    /// Adds split sections: applies the scope rules, computes indicators (vectorised over the
    /// batch) and folds them into their groups.
    void add(const SectionRow* first, const SectionRow* last);
    /// add() of every row of `sections`, which it empties.
    void add(std::vector<SectionRow>& sections);
    /// Lists rows that had errors among the exclusions (rule "invalid"), when skip_invalid.
    /// `rows` is consumed.
    void reject(std::vector<SectionRow>& rows);
    const Profile& profile() const;
    /// The input names the report will list.
    const std::vector<std::string>& inputs() const;
    /// Sections left out so far, of all rules.
    long excluded_total() const;

    /// Ends the accumulation and streams the report to `sink`: begin(), each group in report
    /// order, built and passed to group() on `threads` threads (0: none) while write() gets
    /// the texts in order on the calling thread, then end(). Memory stays that of the running
    /// totals however many groups. Returns the verdicts end() was given.
    Verdicts finish(ReportSink& sink, int threads = 0);
    /// The report as a value: every group's result, sorted by district, year and stage.
    Report finish();
    /// How the inputs were read, for the report (Report::reading_notes, rows_not_read).
    void add_reading_notes(std::vector<ReadingNote> notes, std::vector<RowNotRead> rows_not_read);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eduqb
