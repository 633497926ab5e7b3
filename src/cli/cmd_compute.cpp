// eduqb compute: evaluate school statistics against a standards profile and write a report.

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "eduqb/error.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/render.hpp"
#include "input/row_stream.hpp"
#include "inputs.hpp"
#include "output_file.hpp"
#include "progress_bar.hpp"
#include "report/row_spool.hpp"
#include "report_output.hpp"

namespace eduqb::cli {
namespace {

struct ComputeOptions {
    InputOptions input;
    bool skip_invalid = false;
    std::string profile = "national-2017";
    std::string format;
    std::string output;
    std::string level = "district";
    std::string missing = "error";
    bool fail_on_noncompliance = false;
    bool verbose = false;
    bool quiet = false;
    std::string lang;
    bool bom = false;
    bool no_bom = false;
    std::string output_encoding = "utf-8";
};

/// Problems printed before compute gives up; validate prints them all.
constexpr std::size_t kShownProblems = 50;

/// The school-level CSV of one profile, for inputs of any length: each record is written to a
/// spool on disk as its section is evaluated (RowSpool), and sorted into report order at the
/// end, so that the sections are never all in memory. The bytes are render_csv's.
class SpooledSchoolCsv {
  public:
    SpooledSchoolCsv(const Profile& profile, const std::vector<InputSource>& inputs,
                     EvaluationOptions& evaluation)
        : writer_(profile, input_names(inputs)) {
        evaluation.on_school = [this](std::uint32_t group, const SchoolResult& school) {
            text_.clear();
            writer_.append_school(school, text_);
            schools_.add(group, school.source, text_);
        };
        evaluation.on_exclusion = [this](const Exclusion& excluded) {
            text_.clear();
            writer_.append_exclusion(excluded, text_);
            // In the order they came, after every evaluated section.
            excluded_.add(0, SourceRef{0, excluded_count_++}, text_);
        };
    }

    /// Ends the evaluation: the groups' order, and whether every group passes (and there is
    /// one). The evaluator can go before write(): its running totals are not needed there.
    bool finish(Evaluator& evaluator) {
        rank_ = evaluator.report_ranks();
        VerdictTally verdict;
        evaluator.finish([&](const GroupResult& group) { verdict.add(group); });
        return verdict.all_pass();
    }

    void write(const ReportOutput& output) {
        write_streamed(output, [&](std::ostream& out) {
            auto write = [&](std::string_view piece) {
                out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
            };
            write(writer_.header());
            schools_.write_sorted(rank_, write);
            excluded_.write_sorted({0}, write);
        });
    }

  private:
    static std::vector<std::string> input_names(const std::vector<InputSource>& inputs) {
        std::vector<std::string> names;
        for (const auto& input : inputs) names.push_back(input.name);
        return names;
    }
    SchoolCsvWriter writer_;
    std::vector<std::uint32_t> rank_;
    RowSpool schools_;
    RowSpool excluded_;
    long excluded_count_ = 0;
    std::string text_;  // on the evaluator's thread
};

int run_compute(const ComputeOptions& options) {
    const Format format = choose_format(options.format, options.output);
    const Level level = *parse_level(options.level);
    ReportOutput output;
    output.format = format;
    output.level = level;
    output.path = options.output;
    if (options.bom || options.no_bom) output.bom = options.bom;
    output.encoding = *parse_output_encoding(options.output_encoding);
    output.context.language =
        options.lang.empty() ? default_language() : *parse_language(options.lang);
    output.context.time = report_time();
    check_report_output(output);

    EvaluationOptions evaluation;
    // HTML charts and XLSX school sheets show every school, whatever the level.
    evaluation.keep_schools =
        level == Level::school || format == Format::html || format == Format::xlsx;
    // The district summaries in CSV and Markdown read no exclusion list (Markdown counts them
    // by rule): skip it there, for constant memory and a third of a national run's time.
    evaluation.keep_exclusions = level == Level::school ||
                                 (format != Format::csv && format != Format::markdown) ||
                                 options.verbose;
    evaluation.missing = options.missing == "skip" ? MissingPolicy::skip : MissingPolicy::error;
    const std::vector<Profile> profiles = load_profiles(options.profile);

    refuse_output_onto_inputs(options.output, options.input.files);
    evaluation.skip_invalid = options.skip_invalid;
    const ReadOptions read = options.input.read_options();
    const int threads = read.threads;  // read_options() resolved the default

    OpenInputs inputs(options.input, options.verbose);
    std::unique_ptr<SpooledSchoolCsv> spooled;
    if (level == Level::school && format == Format::csv && profiles.size() == 1 &&
        can_stream(output) && !options.verbose) {
        spooled =
            std::make_unique<SpooledSchoolCsv>(profiles.front(), inputs.sources(), evaluation);
    }
    Diagnostics diagnostics;
    std::vector<InputSummary> summaries;
    std::vector<std::unique_ptr<Evaluator>> evaluators;
    ProgressBar progress(options.input.files, !options.quiet);
    try {
        evaluators = accumulate_inputs(inputs.sources(), profiles, read, evaluation, diagnostics,
                                       &summaries, progress.hook());
        progress.finish();
    } catch (const InputError&) {
        progress.finish();
        print_problems(diagnostics, !options.quiet, kShownProblems);  // e.g. an unknown header
        throw;
    }
    print_problems(diagnostics, !options.quiet, kShownProblems);
    if (diagnostics.errors() > 0 && !options.skip_invalid) throw InvalidInput(diagnostics.errors());
    if (spooled) {
        const bool all_pass = spooled->finish(*evaluators.front());
        evaluators.clear();  // 0.5 KB per group, not needed for the rows
        spooled->write(output);
        if (options.fail_on_noncompliance && !all_pass) return kExitNoncompliant;
        return kExitOk;
    }
    // The district CSV of one profile is written group by group as the results are built,
    // never holding them all: the memory of a run is that of its running totals.
    if (evaluators.size() == 1 && level == Level::district && can_stream(output) &&
        !options.verbose) {
        Evaluator& evaluator = *evaluators.front();
        VerdictTally verdict;
        write_streamed(output, [&](std::ostream& out) {
            const DistrictCsvWriter writer(evaluator.profile(), evaluator.inputs(), out);
            evaluator.finish(
                [&](const GroupResult& group, std::string& text) {
                    writer.append(group, text);
                    verdict.add(group);
                },
                [&](const std::string& text) {
                    out.write(text.data(), static_cast<std::streamsize>(text.size()));
                },
                threads);
        });
        if (options.fail_on_noncompliance && !verdict.all_pass()) return kExitNoncompliant;
        return kExitOk;
    }
    std::vector<Report> reports;
    for (auto& evaluator : evaluators) {
        reports.push_back(evaluator->finish());
        add_reading_notes(reports.back(), summaries);
    }
    evaluators.clear();
    if (options.verbose) {
        print_summaries(summaries);
        for (const auto& report : reports) {
            std::cerr << fmt::format("eduqb: profile {}; {} group(s); {} section(s) excluded\n",
                                     report.profile.id, report.groups.size(),
                                     report.excluded_total());
        }
    }

    write_reports(reports, output);
    const bool all_pass = std::all_of(reports.begin(), reports.end(),
                                      [](const Report& report) { return report.all_pass(); });
    if (options.fail_on_noncompliance && !all_pass) return kExitNoncompliant;
    return kExitOk;
}

}  // namespace

void add_compute_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<ComputeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compute", "Evaluate school statistics (CSV) against a standards profile");
    add_input_options(*cmd, options->input);
    cmd->add_option("-p,--profile", options->profile,
                    "Standards profile: national-2017, national-2012, beijing, or a .toml file; "
                    "several, comma-separated, give their verdicts side by side")
        ->capture_default_str();
    cmd->add_option(
        "-f,--format", options->format,
        "markdown, csv, json, html or xlsx (default: from -o's extension, else markdown)");
    add_output_option(*cmd, options->output);
    cmd->add_option("-l,--level", options->level,
                    "district: one summary per district/year/stage; school: one row per section")
        ->check(CLI::IsMember({"district", "school"}))
        ->capture_default_str();
    cmd->add_option("--missing", options->missing,
                    "Empty cells an indicator needs: error (stop) or skip (leave the school out "
                    "of that indicator)")
        ->check(CLI::IsMember({"error", "skip"}))
        ->capture_default_str();
    cmd->add_flag("--skip-invalid", options->skip_invalid,
                  "Leave rows with errors out (they are listed) instead of refusing to compute");
    cmd->add_flag("--fail-on-noncompliance", options->fail_on_noncompliance,
                  "Exit with code 5 when any group fails its standards (for cron jobs)");
    cmd->add_option("--lang", options->lang,
                    "Labels of html reports: zh or en (default: zh when the locale is Chinese)")
        ->check(CLI::IsMember({"zh", "en"}));
    auto* bom = cmd->add_flag("--bom", options->bom,
                              "Start a csv report with a UTF-8 byte order mark (default for "
                              "csv files written with -o, not for stdout)");
    cmd->add_flag("--no-bom", options->no_bom, "Never write a byte order mark")->excludes(bom);
    cmd->add_option("--output-encoding", options->output_encoding,
                    "Encoding of csv reports: utf-8, gbk (old Excel/WPS) or gb18030")
        ->check(CLI::IsMember({"utf-8", "utf8", "gbk", "gb18030"}, CLI::ignore_case))
        ->capture_default_str();
    cmd->add_flag("-v,--verbose", options->verbose, "Say what was read and evaluated");
    cmd->add_flag("-q,--quiet", options->quiet,
                  "No warnings or progress bar on stderr (errors are still shown)");
    cmd->callback([options, &action] { action = [options] { return run_compute(*options); }; });
}

}  // namespace eduqb::cli
