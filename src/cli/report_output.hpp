#pragma once
// Where and how a rendered report is written: standard output or a file (atomically), the
// CSV byte order mark, the output encoding, and the XLSX writer that needs a file path.

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "eduqb/render.hpp"
#include "eduqb/report_sink.hpp"
#include "report/output_encoding.hpp"

namespace CLI {
class App;
}

namespace eduqb::cli {

struct ReportOutput {
    Format format = Format::markdown;
    Level level = Level::district;
    std::string path;         ///< empty: standard output
    std::optional<bool> bom;  ///< --bom / --no-bom; empty: a BOM for CSV files, none on stdout
    OutputEncoding encoding = OutputEncoding::utf8;
    ReportContext context;
};

/// -o/--output FILE; an empty name is a usage error (it would otherwise mean stdout).
void add_output_option(CLI::App& command, std::string& path);

/// --format wins (in any case: HTML, Md); else the output file's extension (.md, .markdown,
/// .csv, .json, .html, .htm, .xlsx, in any case); else, for a name without an extension or
/// standard output, Markdown. UsageError for an unknown format name or extension.
Format choose_format(const std::string& format_option, const std::string& output_path);

/// UsageError for combinations that cannot work (XLSX to stdout, --bom with GBK, ...).
/// Called before the evaluation, so nothing is computed in vain.
void check_report_output(const ReportOutput& output);

/// Where a report goes: standard output, or a temporary file renamed over the output file
/// when the report is complete (output_file.hpp); with the CSV byte order mark, and through a
/// buffer when transcoded (the whole text first, so that an unrepresentable character stops
/// the report before any of it is written).
class ReportDestination {
  public:
    /// Checks the output (check_report_output) but opens nothing yet.
    explicit ReportDestination(ReportOutput output);
    ~ReportDestination();
    ReportDestination(const ReportDestination&) = delete;
    ReportDestination& operator=(const ReportDestination&) = delete;

    const ReportOutput& output() const { return output_; }
    /// What sinks write to: it reaches nothing until open(), so a sink may be made before the
    /// inputs are read.
    std::ostream& stream() { return stream_; }
    /// Opens standard output or the temporary file, with the byte order mark if asked.
    void open();
    /// The file an XLSX writer writes, after open().
    const std::string& path() const;
    /// Transcodes if asked, and puts the report in place; OutputError if it cannot be written.
    void commit();

  private:
    struct Impl;
    ReportOutput output_;
    std::unique_ptr<Impl> impl_;
    std::ostream stream_{nullptr};
};

/// The sink that writes the report `destination` asks for (after open()); `threads` format
/// it in parallel.
std::unique_ptr<ReportSink> make_report_sink(ReportDestination& destination, int threads);

/// Whether the school-level CSV spooled to disk (make_spooled_school_csv_sink) serves.
bool spools_schools(const ReportOutput& output);

/// Whether the report's sink formats the exclusions as the evaluator hands them over (a
/// report that lists exclusions but no schools).
bool streams_exclusions(const ReportOutput& output);

/// Several profiles' reports side by side, written to `destination` (after open()).
void write_comparison(const std::vector<Report>& reports, ReportDestination& destination);

/// SOURCE_DATE_EPOCH when set (reproducible reports), else now. UsageError when it is not a
/// number.
std::int64_t report_time();

/// The label language the locale asks for (language_of_locale, report/labels.hpp).
Language default_language();

/// --lang zh|en; `what` says what it sets ("the report's texts").
void add_language_option(CLI::App& command, std::string& language, const std::string& what);
/// The language of a --lang value, or default_language() when it was not given.
Language language_option(const std::string& language);

}  // namespace eduqb::cli
