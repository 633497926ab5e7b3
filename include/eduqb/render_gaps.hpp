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

void render_gaps_markdown(const GapReport& gaps, std::ostream& out,
                          Language language = Language::en);
void render_gaps_csv(const GapReport& gaps, std::ostream& out);
void render_gaps_json(const GapReport& gaps, std::ostream& out);
void render_gaps_html(const GapReport& gaps, std::ostream& out, Language language = Language::en);
/// The workbook at `path`; `context` gives its language and the time in its properties.
void render_gaps_xlsx(const GapReport& gaps, const ReportContext& context, const std::string& path);

/// `language` is that of Markdown and HTML; CSV and JSON have none. UsageError for XLSX.
void render_gaps(const GapReport& gaps, Format format, std::ostream& out,
                 Language language = Language::en);

/// The gap analysis as a report sink (report_sink.hpp): each group's gaps computed and
/// written as the evaluator builds the group, so that no analysis of every group is held. The
/// bytes are render_gaps's of compute_gaps; the evaluator must keep the schools. end() leaves
/// the counts in `counts` when given. UsageError for XLSX and bad options.
std::unique_ptr<ReportSink> make_gaps_sink(Format format, const GapOptions& options,
                                           std::ostream& out, GapCounts* counts = nullptr,
                                           Language language = Language::en);
/// The same as a workbook written at `path` in constant memory (render_gaps_xlsx's).
std::unique_ptr<ReportSink> make_gaps_xlsx_sink(const GapOptions& options,
                                                const ReportContext& context,
                                                const std::string& path,
                                                GapCounts* counts = nullptr);

}  // namespace eduqb
