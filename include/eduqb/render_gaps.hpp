#pragma once
// A GapReport as text: Markdown for people, one tidy CSV table, or JSON (docs/gaps.md).

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

/// `language` is that of the Markdown; CSV and JSON have none.
void render_gaps(const GapReport& gaps, Format format, std::ostream& out,
                 Language language = Language::en);

/// The gap analysis as a report sink (report_sink.hpp): each group's gaps computed and
/// written as the evaluator builds the group, so that no analysis of every group is held. The
/// bytes are render_gaps's of compute_gaps; the evaluator must keep the schools. end() leaves
/// the counts in `counts` when given. UsageError for HTML, XLSX and bad options.
std::unique_ptr<ReportSink> make_gaps_sink(Format format, const GapOptions& options,
                                           std::ostream& out, GapCounts* counts = nullptr,
                                           Language language = Language::en);

}  // namespace eduqb
