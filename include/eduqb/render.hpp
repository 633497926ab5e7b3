#pragma once
// Stage 7: a Report as text. Each format lives in its own render_<format>.cpp.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/report.hpp"
#include "eduqb/report_sink.hpp"

namespace eduqb {

enum class Format { markdown, csv, json, html, xlsx };
enum class Level {
    district,  ///< one summary per district/year/stage
    school,    ///< one row per school section, with per-school verdicts and exclusions
};

std::optional<Format> parse_format(std::string_view text);
std::optional<Level> parse_level(std::string_view text);

/// The language of every text a person reads in a report (Markdown, HTML, XLSX and the gap
/// analysis in Markdown); CSV columns, JSON keys and codes are the same in both.
enum class Language { zh, en };
std::optional<Language> parse_language(std::string_view text);

/// The language of a report, and what it says about its own making (HTML and XLSX).
struct ReportContext {
    Language language = Language::en;
    std::int64_t time = 0;  ///< when the report was made: seconds since 1970, UTC
    /// Open the report with its summary paragraph (Markdown, HTML, XLSX); --no-summary.
    bool summary = true;
};
/// "2024-05-31": the UTC date of `time`.
std::string report_date(std::int64_t time);

void render_markdown(const Report& report, Level level, std::ostream& out,
                     const ReportContext& context = {});
void render_csv(const Report& report, Level level, std::ostream& out);
void render_json(const Report& report, Level level, std::ostream& out);
/// One self-contained HTML file: inline CSS and SVG, no script, no external reference.
/// Charts show every school, so the report needs report.schools (keep_schools).
void render_html(const Report& report, Level level, const ReportContext& context,
                 std::ostream& out);
/// An XLSX workbook written to `path` (libxlsxwriter writes files, not streams); needs
/// report.schools. OutputError when the file cannot be written.
void render_xlsx(const Report& report, const ReportContext& context, const std::string& path);

/// The sinks that write each format as the evaluator streams the report (report_sink.hpp).
/// `threads` format the school-level parts in parallel (0: none). render_FORMAT(report, ...)
/// replays a finished report through the same sink, so both give the same bytes.
std::unique_ptr<ReportSink> make_markdown_sink(Level level, std::ostream& out,
                                               const ReportContext& context);
std::unique_ptr<ReportSink> make_csv_sink(Level level, std::ostream& out);
std::unique_ptr<ReportSink> make_json_sink(Level level, std::ostream& out, int threads = 0);
std::unique_ptr<ReportSink> make_html_sink(Level level, const ReportContext& context,
                                           std::ostream& out);
std::unique_ptr<ReportSink> make_xlsx_sink(const ReportContext& context, std::string path);
/// The school-level CSV of `profile` for inputs of any length: give it to the evaluator as
/// EvaluationOptions::sections as well, and each record goes to a spool on disk as its section
/// is evaluated, sorted into report order at the end. The bytes are render_csv's.
std::unique_ptr<ReportSink> make_spooled_school_csv_sink(const Profile& profile,
                                                         std::vector<std::string> inputs,
                                                         std::ostream& out);
/// The sink of a text format (not XLSX).
std::unique_ptr<ReportSink> make_text_sink(Format format, Level level, const ReportContext& context,
                                           std::ostream& out, int threads = 0);

/// Text formats. XLSX is a UsageError: it needs a file.
void render(const Report& report, Format format, Level level, std::ostream& out,
            const ReportContext& context = {});

/// Several profiles evaluated on the same input: a table of verdicts side by side, then each
/// profile's report (Markdown, HTML); one table (CSV); {"profiles", "comparison", "reports"}
/// (JSON).
/// HTML: one document, the table then each profile's report as a section. UsageError for
/// XLSX (render_comparison_xlsx) and for school-level CSV of profiles with other indicators.
void render_comparison(const std::vector<Report>& reports, Format format, Level level,
                       std::ostream& out, const ReportContext& context = {});
/// Several profiles in one workbook written to `path`: the comparison sheet, then each
/// profile's sheets, their names followed by its id (within Excel's 31 characters).
void render_comparison_xlsx(const std::vector<Report>& reports, const ReportContext& context,
                            const std::string& path);

/// The version string written into reports.
std::string_view eduqb_version();

}  // namespace eduqb
