#include "report_output.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <utility>

#include "base/text_stream.hpp"
#include "eduqb/error.hpp"
#include "output_file.hpp"
#include "report/labels.hpp"

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

void add_language_option(CLI::App& command, std::string& language, const std::string& what) {
    command
        .add_option("--lang", language,
                    "Language of " + what +
                        ": zh or en (default: zh when LC_ALL, else LC_MESSAGES, else LANG names "
                        "a Chinese locale such as zh_CN.UTF-8)")
        ->check(CLI::IsMember({"zh", "en"}));
}

Language language_option(const std::string& language) {
    return language.empty() ? default_language() : *parse_language(language);
}

Format choose_format(const std::string& format_option, const std::string& output_path) {
    if (!format_option.empty()) {
        if (auto format = parse_format(format_option)) return *format;
        throw UsageError(fmt::format(
            "unknown format '{}' (expected markdown, csv, json, html or xlsx)", format_option));
    }
    // The extension of the file's own name ("out.d/report" has none): a name without one
    // (a FIFO, /dev/stdout) gets Markdown; one eduqb does not write is refused, rather than
    // Markdown written into report.pdf.
    const std::string file_name = output_path.substr(output_path.rfind('/') + 1);
    const auto dot = file_name.rfind('.');
    if (dot == std::string::npos || dot == 0) return Format::markdown;
    const std::string extension = file_name.substr(dot + 1);
    if (auto format = parse_format(extension)) return *format;
    throw UsageError(fmt::format(
        "cannot tell the format from the extension '.{}' of {}: eduqb writes markdown (.md), "
        "csv, json, html and xlsx; give -f FORMAT to write one of them under this name",
        extension, output_path));
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

struct ReportDestination::Impl {
    std::optional<AtomicOutputFile> file;
    TextStream transcoded;  ///< the UTF-8 text, when the output is another encoding
};

ReportDestination::ReportDestination(ReportOutput output)
    : output_(std::move(output)), impl_(std::make_unique<Impl>()) {
    check_report_output(output_);
}

ReportDestination::~ReportDestination() = default;

void ReportDestination::open() {
    std::ostream* target = &std::cout;
    if (!output_.path.empty()) {
        impl_->file.emplace(output_.path, /*writer_needs_path=*/output_.format == Format::xlsx);
        target = &impl_->file->stream();
    }
    if (wants_bom(output_)) *target << kUtf8Bom;
    if (output_.encoding == OutputEncoding::utf8) {
        stream_.rdbuf(target->rdbuf());
    } else {
        stream_.rdbuf(impl_->transcoded.rdbuf());
        stream_.exceptions(std::ios::badbit);  // as TextStream: memory refused is an error
    }
}

const std::string& ReportDestination::path() const {
    return impl_->file->temp_path();
}

void ReportDestination::commit() {
    stream_.flush();
    std::ostream& target = impl_->file ? impl_->file->stream() : std::cout;
    if (output_.encoding != OutputEncoding::utf8) {
        target << encode_output(impl_->transcoded.str(), output_.encoding);
    }
    if (impl_->file) {
        impl_->file->commit();
    } else {
        finish_standard_output();
    }
}

std::unique_ptr<ReportSink> make_report_sink(ReportDestination& destination, int threads) {
    const ReportOutput& output = destination.output();
    if (output.format == Format::xlsx) return make_xlsx_sink(output.context, destination.path());
    return make_text_sink(output.format, output.level, output.context, destination.stream(),
                          threads);
}

bool spools_schools(const ReportOutput& output) {
    return output.format == Format::csv && output.level == Level::school;
}

bool streams_exclusions(const ReportOutput& output) {
    return output.format == Format::json && output.level == Level::district;
}

void write_comparison(const std::vector<Report>& reports, ReportDestination& destination) {
    const ReportOutput& output = destination.output();
    if (output.format == Format::xlsx) {
        render_comparison_xlsx(reports, output.context, destination.path());
        return;
    }
    // Rendered first: a usage problem (e.g. school CSV of profiles with other columns) found
    // on the way writes nothing.
    TextStream text;
    render_comparison(reports, output.format, output.level, text, output.context);
    destination.stream() << text.str();
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
    const auto variable = [](const char* name) {
        const char* value = std::getenv(name);
        return std::string_view(value == nullptr ? "" : value);
    };
    return language_of_locale(variable("LC_ALL"), variable("LC_MESSAGES"), variable("LANG"));
}

}  // namespace eduqb::cli
