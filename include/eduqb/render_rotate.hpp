#pragma once
// A teacher-exchange plan as Markdown, one tidy CSV table, JSON or an XLSX workbook
// (docs/gaps.md, "Teacher exchange").

#include <ostream>
#include <string>

#include "eduqb/render.hpp"
#include "eduqb/rotate.hpp"

namespace eduqb {

void render_rotate_markdown(const RotateReport& plan, Language language, std::ostream& out);
void render_rotate_csv(const RotateReport& plan, std::ostream& out);
void render_rotate_json(const RotateReport& plan, std::ostream& out);
/// The workbook at `path`: a sheet of groups, one of moves, one of coefficients.
void render_rotate_xlsx(const RotateReport& plan, const ReportContext& context,
                        const std::string& path);

/// Markdown, CSV or JSON to `out`; UsageError for HTML and XLSX (XLSX needs a path).
void render_rotate(const RotateReport& plan, Format format, Language language, std::ostream& out);

}  // namespace eduqb
