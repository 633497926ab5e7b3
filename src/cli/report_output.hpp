#pragma once
// Where and how a rendered report is written: standard output or a file (atomically), the
// CSV byte order mark, the output encoding, and the XLSX writer that needs a file path.

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "eduqb/render.hpp"
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

/// --format wins; else the output file's extension (.md, .csv, .json, .html, .xlsx); else
/// Markdown. UsageError for an unknown format name.
Format choose_format(const std::string& format_option, const std::string& output_path);

/// UsageError for combinations that cannot work (XLSX to stdout, --bom with GBK, ...).
/// Called before the evaluation, so nothing is computed in vain.
void check_report_output(const ReportOutput& output);

/// Renders and writes the report; OutputError if it cannot be written.
void write_report(const Report& report, const ReportOutput& output);
/// Several profiles' reports side by side, written like write_report.
void write_reports(const std::vector<Report>& reports, const ReportOutput& output);

/// Whether the report can be written as it is rendered, group by group (a UTF-8 CSV report:
/// nothing to transcode, which needs the whole text first).
bool can_stream(const ReportOutput& output);
/// Writes what `render_to` renders, as it comes, to standard output or atomically to the file
/// (with the BOM as write_report); OutputError if it cannot be written.
void write_streamed(const ReportOutput& output,
                    const std::function<void(std::ostream&)>& render_to);

/// SOURCE_DATE_EPOCH when set (reproducible reports), else now. UsageError when it is not a
/// number.
std::int64_t report_time();

/// The label language the locale asks for: zh when LC_ALL, LC_MESSAGES or LANG (the first
/// that is set) starts with "zh", else en.
Language default_language();

}  // namespace eduqb::cli
