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
#include "inputs.hpp"
#include "output_file.hpp"
#include "report/labels.hpp"
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
    bool no_summary = false;
    bool measures = false;
    bool bom = false;
    bool no_bom = false;
    std::string output_encoding = "utf-8";
};

/// Where and how the report goes, checked before any input is read.
ReportOutput report_output_of(const ComputeOptions& options) {
    ReportOutput output;
    output.format = choose_format(options.format, options.output);
    output.level = *parse_level(options.level);
    output.path = options.output;
    if (options.bom || options.no_bom) output.bom = options.bom;
    output.encoding = *parse_output_encoding(options.output_encoding);
    output.context.language = language_option(options.lang);
    output.context.time = report_time();
    output.context.summary = !options.no_summary;
    check_report_output(output);
    return output;
}

/// What the evaluator keeps: only what the chosen report reads.
EvaluationOptions evaluation_options_of(const ComputeOptions& options, const ReportOutput& output) {
    const Format format = output.format;
    const Level level = output.level;
    EvaluationOptions evaluation;
    // HTML charts and XLSX school sheets show every school, whatever the level.
    evaluation.keep_schools =
        level == Level::school || format == Format::html || format == Format::xlsx;
    // The district summaries in CSV and Markdown read no exclusion list (Markdown counts them
    // by rule): skip it there, for constant memory and less time.
    evaluation.keep_exclusions =
        level == Level::school || (format != Format::csv && format != Format::markdown);
    // The measures beside the CV cost a third of a national district run (docs/performance.md):
    // asked for with --measures; the machine formats' group results carry them, and their
    // fields are there, empty ("not_computed"), without it. The school-level CSV has no place
    // for them.
    evaluation.measures = options.measures && !(format == Format::csv && level == Level::school);
    evaluation.missing = missing_policy(options.missing);
    evaluation.skip_invalid = options.skip_invalid;
    return evaluation;
}

/// The exit code of a run whose verdict is `all_pass`.
int exit_code_for(const ComputeOptions& options, bool all_pass) {
    return options.fail_on_noncompliance && !all_pass ? kExitNoncompliant : kExitOk;
}

std::vector<std::string> input_names(const OpenInputs& inputs) {
    std::vector<std::string> names;
    for (const auto& input : inputs.sources()) names.push_back(input.name);
    return names;
}

/// -v: how the inputs were read and what each profile evaluated.
void print_evaluated(const Labels& text, const Profile& profile, const Verdicts& verdicts,
                     long excluded) {
    std::cerr << text(Text::compute_verbose, profile.id, verdicts.groups, excluded) << '\n';
}

/// One profile: its report streamed to the sink of the format, group by group as the results
/// are built, never holding them all.
bool write_report(const ComputeOptions& options, Evaluator& evaluator, ReportSink& sink,
                  int threads) {
    const Verdicts verdicts = evaluator.finish(sink, threads);
    if (options.verbose) {
        print_evaluated(labels_for(language_option(options.lang)), evaluator.profile(), verdicts,
                        evaluator.excluded_total());
    }
    return verdicts.all_pass();
}

/// Several profiles: their reports side by side, which needs them all.
bool write_comparison(const ComputeOptions& options,
                      std::vector<std::unique_ptr<Evaluator>> evaluators,
                      ReportDestination& destination) {
    std::vector<Report> reports;
    for (auto& evaluator : evaluators) reports.push_back(evaluator->finish());
    evaluators.clear();
    bool all_pass = true;
    for (const auto& report : reports) {
        if (options.verbose) {
            print_evaluated(labels_for(language_option(options.lang)), report.profile,
                            report.verdicts(), report.excluded_total());
        }
        all_pass = all_pass && report.all_pass();
    }
    write_comparison(reports, destination);
    return all_pass;
}

int run_compute(const ComputeOptions& options) {
    ReportDestination destination(report_output_of(options));
    const ReportOutput& output = destination.output();
    EvaluationOptions evaluation = evaluation_options_of(options, output);
    const std::vector<Profile> profiles = load_profiles(options.profile);
    refuse_output_onto_inputs(options.output, options.input.files);
    const int threads = formatting_threads(options.input);

    OpenInputs inputs(options.input, options.verbose);
    // One profile's sections go to its sink as they are evaluated where the sink can take
    // them: the school table to a spool on disk, the JSON exclusions formatted as they come.
    std::unique_ptr<ReportSink> sink;
    if (profiles.size() == 1 && spools_schools(output)) {
        sink = make_spooled_school_csv_sink(profiles.front(), input_names(inputs),
                                            destination.stream());
        evaluation.sections = sink.get();
    } else if (profiles.size() == 1 && streams_exclusions(output)) {
        sink = make_report_sink(destination, threads);
        evaluation.sections = sink.get();
    }
    auto evaluators = read_and_accumulate(inputs, options.input, profiles, evaluation,
                                          {options.quiet, options.verbose, options.skip_invalid});

    destination.open();
    bool all_pass = false;
    if (evaluators.size() == 1) {
        if (!sink) sink = make_report_sink(destination, threads);
        all_pass = write_report(options, *evaluators.front(), *sink, threads);
    } else {
        all_pass = write_comparison(options, std::move(evaluators), destination);
    }
    destination.commit();
    return exit_code_for(options, all_pass);
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
    add_missing_option(*cmd, options->missing);
    cmd->add_flag("--skip-invalid", options->skip_invalid,
                  "Leave rows with errors out (they are listed) instead of refusing to compute");
    cmd->add_flag("--measures", options->measures,
                  "Compute the Theil, Gini, McLoone and range-ratio measures beside each CV "
                  "(every format but the school-level csv; docs/methodology.md)");
    cmd->add_flag("--no-summary", options->no_summary,
                  "Leave out the paragraph that opens markdown, html and xlsx reports");
    cmd->add_flag("--fail-on-noncompliance", options->fail_on_noncompliance,
                  "Exit with code 5 when any group fails its standards (for cron jobs)");
    add_language_option(*cmd, options->lang,
                        "markdown, html and xlsx reports and of -v (csv and json are the same "
                        "in both)");
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
