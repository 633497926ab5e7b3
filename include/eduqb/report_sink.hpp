#pragma once
// The report as a stream. The evaluator hands a ReportSink the parts of a report in the order
// every format writes them: what is known before the groups, each group in report order, and
// the verdicts at the end. Every format is a sink, and so is the in-memory Report.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb {

class ReportSink {
  public:
    virtual ~ReportSink() = default;

    /// Sections as they are evaluated, when EvaluationOptions::sections names this sink (a
    /// sink that spools them, for memory flat in the number of rows): on the evaluator's
    /// thread, in input order. `group` is the group's index, which begin()'s `ranks` maps to
    /// its place in report order.
    virtual void school(std::uint32_t group, const SchoolResult& school);
    virtual void exclusion(const Exclusion& excluded);
    /// Before those, when the evaluator is made: the names of its inputs, which a section's
    /// SourceRef::file indexes.
    virtual void sections_begin(const std::vector<std::string>& inputs);

    /// Everything but the groups: profile, inputs, how they were read, the exclusion counts,
    /// and the schools (in report order) and exclusions (in input order) the evaluator kept.
    /// `groups` follow. `ranks[g]` is the report place of the group school() called g. `head`
    /// stays valid until end() returns, and is the sink's to take from.
    virtual void begin(Report& head, std::size_t groups,
                       const std::vector<std::uint32_t>& ranks) = 0;
    /// The group at `rank` in report order (district, year, stage). Called from several
    /// threads at once: it may only append to `text` and change what belongs to `rank`.
    virtual void group(std::size_t rank, const GroupResult& group, std::string& text) = 0;
    /// The texts of group(), in report order, on the thread that finishes the report. A sink
    /// that keeps a text may take it (swap it out): what it leaves is reused for later groups.
    virtual void write(std::string& text) = 0;
    /// The groups' verdicts, counted once by the evaluator.
    virtual void end(const Verdicts& verdicts) = 0;
};

/// The report as a value.
class ReportCollector final : public ReportSink {
  public:
    void begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>& ranks) override;
    void group(std::size_t rank, const GroupResult& group, std::string& text) override;
    void write(std::string&) override {}
    void end(const Verdicts&) override {}
    Report take() { return std::move(report_); }

  private:
    Report report_;
};

/// Streams a finished report to `sink` as the evaluator would have, on the calling thread.
void replay(const Report& report, ReportSink& sink);

}  // namespace eduqb
