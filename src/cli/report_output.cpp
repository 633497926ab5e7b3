#include "report_output.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>

#include "eduqb/error.hpp"
#include "output_file.hpp"

namespace eduqb::cli {
namespace {

bool wants_bom(const ReportOutput& output) {
    if (output.format != Format::csv || output.encoding != OutputEncoding::utf8) return false;
    // By default only a .csv file gets one: that is what Excel opens by double-click. Streams
    // (stdout, a FIFO) and other names are read by programs.
    const std::string& path = output.path;
    const bool csv_file = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    return output.bom.value_or(csv_file);
}

/// Renders into `out` through `render_to`, adding the BOM and transcoding as asked.
template <typename RenderTo>
void write_encoded(const ReportOutput& output, std::ostream& out, RenderTo render_to) {
    if (wants_bom(output)) out << kUtf8Bom;
    if (output.encoding == OutputEncoding::utf8) {
        render_to(out);
        return;
    }
    std::ostringstream buffer;
    render_to(buffer);
    out << encode_output(buffer.str(), output.encoding);
}

void write_text(const Report& report, const ReportOutput& output, std::ostream& out) {
    if (wants_bom(output)) out << kUtf8Bom;
    if (output.encoding == OutputEncoding::utf8) {
        if (output.format == Format::html) {
            render_html(report, output.level, output.context, out);
        } else {
            render(report, output.format, output.level, out);
        }
        return;
    }
    // Transcoding needs the whole text first, so that an unrepresentable character stops
    // the report before any of it is written.
    std::ostringstream buffer;
    render(report, output.format, output.level, buffer);
    out << encode_output(buffer.str(), output.encoding);
}

}  // namespace

void add_output_option(CLI::App& command, std::string& path) {
    command
        .add_option("-o,--output", path, "Write the report to FILE (atomically) instead of stdout")
        ->check(CLI::Validator(
            [](std::string& name) -> std::string {
                return name.empty() ? "needs a file name (omit -o to write to standard output)"
                                    : "";
            },
            "FILE"));
}

Format choose_format(const std::string& format_option, const std::string& output_path) {
    std::string name = format_option;
    if (name.empty() && !output_path.empty()) {
        const auto dot = output_path.rfind('.');
        const std::string extension = dot == std::string::npos ? "" : output_path.substr(dot + 1);
        if (parse_format(extension)) name = extension;
    }
    if (name.empty()) return Format::markdown;
    auto format = parse_format(name);
    if (!format) {
        throw UsageError(
            fmt::format("unknown format '{}' (expected markdown, csv, json, html or xlsx)", name));
    }
    return *format;
}

void check_report_output(const ReportOutput& output) {
    if (output.format == Format::xlsx && output.path.empty()) {
        throw UsageError("the xlsx format cannot be written to standard output: give -o FILE.xlsx");
    }
    if (output.encoding != OutputEncoding::utf8 && output.format != Format::csv) {
        throw UsageError(fmt::format("--output-encoding {} applies to csv reports only",
                                     to_string(output.encoding)));
    }
    if (output.bom && output.format != Format::csv) {
        throw UsageError("--bom and --no-bom apply to csv reports only");
    }
    if (output.bom == true && output.encoding != OutputEncoding::utf8) {
        throw UsageError(
            fmt::format("--bom writes a UTF-8 byte order mark; it cannot be combined with "
                        "--output-encoding {}",
                        to_string(output.encoding)));
    }
}

void write_report(const Report& report, const ReportOutput& output) {
    check_report_output(output);
    if (output.format == Format::xlsx) {
        AtomicOutputFile file(output.path, /*writer_needs_path=*/true);
        render_xlsx(report, output.context, file.temp_path());
        file.commit();
        return;
    }
    if (output.path.empty()) {
        write_text(report, output, std::cout);
        finish_standard_output();
        return;
    }
    AtomicOutputFile file(output.path);
    write_text(report, output, file.stream());
    file.commit();
}

bool can_stream(const ReportOutput& output) {
    return output.format == Format::csv && output.encoding == OutputEncoding::utf8;
}

void write_streamed(const ReportOutput& output,
                    const std::function<void(std::ostream&)>& render_to) {
    check_report_output(output);
    if (!can_stream(output)) throw UsageError("this report cannot be written as it is rendered");
    if (output.path.empty()) {
        if (wants_bom(output)) std::cout << kUtf8Bom;
        render_to(std::cout);
        finish_standard_output();
        return;
    }
    AtomicOutputFile file(output.path);
    if (wants_bom(output)) file.stream() << kUtf8Bom;
    render_to(file.stream());
    file.commit();
}

void write_reports(const std::vector<Report>& reports, const ReportOutput& output) {
    if (reports.size() == 1) return write_report(reports.front(), output);
    check_report_output(output);
    // Render first: a usage problem (e.g. HTML of several profiles) leaves no file behind.
    std::ostringstream text;
    write_encoded(output, text, [&](std::ostream& out) {
        render_comparison(reports, output.format, output.level, out);
    });
    if (output.path.empty()) {
        std::cout << text.str();
        finish_standard_output();
        return;
    }
    AtomicOutputFile file(output.path);
    file.stream() << text.str();
    file.commit();
}

std::int64_t report_time() {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr || *epoch == '\0') return static_cast<std::int64_t>(std::time(nullptr));
    const std::string text = epoch;
    bool digits = text.size() <= 15;
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
        throw UsageError(fmt::format(
            "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, not '{}'", text));
    }
    return std::stoll(text);
}

Language default_language() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') continue;
        return std::string_view(value).substr(0, 2) == "zh" ? Language::zh : Language::en;
    }
    return Language::en;
}

}  // namespace eduqb::cli
