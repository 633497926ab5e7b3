#pragma once
// A GapReport as text: Markdown for people, one tidy CSV table, or JSON; or as a document to
// hand over: a workbook or a printable HTML page of the district summary and the per-school
// plans (一校一案) (docs/gaps.md).

#include <memory>
#include <ostream>

#include "eduqb/gaps.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report_sink.hpp"

namespace eduqb {

/// `context` gives the language and whether the summary paragraph opens the analysis.
void render_gaps_markdown(const GapReport& gaps, std::ostream& out,
                          const ReportContext& context = {});
void render_gaps_csv(const GapReport& gaps, std::ostream& out);
void render_gaps_json(const GapReport& gaps, std::ostream& out);
void render_gaps_html(const GapReport& gaps, std::ostream& out, const ReportContext& context = {});
/// The workbook at `path`; `context` gives its language and the time in its properties.
void render_gaps_xlsx(const GapReport& gaps, const ReportContext& context, const std::string& path);

/// `context` is that of Markdown and HTML; CSV and JSON have no language and no summary.
/// UsageError for XLSX.
void render_gaps(const GapReport& gaps, Format format, std::ostream& out,
                 const ReportContext& context = {});

/// The gap analysis as a report sink (report_sink.hpp): each group's gaps computed and
/// written as the evaluator builds the group, so that no analysis of every group is held. The
/// bytes are render_gaps's of compute_gaps; the evaluator must keep the schools. end() leaves
/// the counts in `counts` when given. UsageError for XLSX and bad options.
std::unique_ptr<ReportSink> make_gaps_sink(Format format, const GapOptions& options,
                                           std::ostream& out, GapCounts* counts = nullptr,
                                           const ReportContext& context = {});
/// The same as a workbook written at `path` in constant memory (render_gaps_xlsx's).
std::unique_ptr<ReportSink> make_gaps_xlsx_sink(const GapOptions& options,
                                                const ReportContext& context,
                                                const std::string& path,
                                                GapCounts* counts = nullptr);

}  // namespace eduqb
