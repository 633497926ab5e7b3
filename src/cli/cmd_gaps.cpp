// eduqb gaps: what each school section lacks (问题清单), the cheapest plan per school (一校一案),
// and the audit and floor plan of every failing difference coefficient.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli.hpp"
#include "eduqb/error.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/gaps.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/render_gaps.hpp"
#include "inputs.hpp"
#include "output_file.hpp"
#include "report/labels.hpp"
#include "report_output.hpp"

namespace eduqb::cli {
namespace {

struct GapsOptions {
    InputOptions input;
    bool skip_invalid = false;
    std::string profile = "national-2017";
    std::string format;
    std::string output;
    std::string missing = "error";
    double driver_share = GapOptions{}.driver_share;
    bool verbose = false;
    bool quiet = false;
    bool no_summary = false;
    std::string lang;
};

/// Any of the formats; XLSX needs -o FILE (check_report_output says so).
Format gaps_format(const GapsOptions& options) {
    try {
        return choose_format(options.format, options.output);
    } catch (const UsageError&) {
        if (!options.format.empty()) {
            throw UsageError(fmt::format(
                "unknown format '{}' for gaps (expected markdown, csv, json, html or xlsx)",
                options.format));
        }
        throw UsageError(fmt::format(
            "cannot tell the format from the extension of {}: gaps writes markdown (.md), csv, "
            "json, html and xlsx; give -f FORMAT to write one of them under this name",
            options.output));
    }
}

/// Where the analysis goes: as compute's reports, but never with a byte order mark.
ReportOutput gaps_output(const GapsOptions& options) {
    ReportOutput output;
    output.format = gaps_format(options);
    output.path = options.output;
    if (output.format == Format::csv) output.bom = false;
    return output;
}

int run_gaps(const GapsOptions& options) {
    ReportDestination destination(gaps_output(options));
    if (!(options.driver_share > 0 && options.driver_share <= 1)) {
        throw UsageError(fmt::format("--driver-share must be above 0 and at most 1 (got {})",
                                     options.driver_share));
    }
    GapOptions analysis;
    analysis.driver_share = options.driver_share;
    EvaluationOptions evaluation;
    evaluation.keep_schools = true;
    evaluation.measures = false;  // the gap reports show no measures beside the CV
    evaluation.missing = missing_policy(options.missing);
    evaluation.skip_invalid = options.skip_invalid;
    if (options.profile.find(',') != std::string::npos) {
        throw UsageError(
            fmt::format("gaps analyses one profile at a time (got '{}'); run it once per profile",
                        options.profile));
    }
    const std::vector<Profile> profiles = load_profiles(options.profile);
    refuse_output_onto_inputs(options.output, options.input.files);
    const int threads = formatting_threads(options.input);

    OpenInputs inputs(options.input, options.verbose);
    auto evaluators = read_and_accumulate(inputs, options.input, profiles, evaluation,
                                          {options.quiet, options.verbose, options.skip_invalid});
    destination.open();
    GapCounts counts;
    const Language language = language_option(options.lang);
    const ReportContext context{language, report_time(), !options.no_summary};
    const auto sink = destination.output().format == Format::xlsx
                          ? make_gaps_xlsx_sink(analysis, context, destination.path(), &counts)
                          : make_gaps_sink(destination.output().format, analysis,
                                           destination.stream(), &counts, context);
    evaluators.front()->finish(*sink, threads);
    if (options.verbose) {
        std::cerr << labels_for(language)(Text::gaps_verbose, profiles.front().id, counts.groups,
                                          counts.sections)
                  << '\n';
    }
    destination.commit();
    return kExitOk;
}

}  // namespace

void add_gaps_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<GapsOptions>();
    CLI::App* cmd = app.add_subcommand(
        "gaps",
        "List what each school lacks (问题清单), a plan per school (一校一案), and the floor "
        "that brings each failing difference coefficient within its limit");
    add_input_options(*cmd, options->input);
    add_profile_option(*cmd, options->profile);
    cmd->add_option("-f,--format", options->format,
                    "markdown, csv, json, html or xlsx (default: from -o's extension, else "
                    "markdown)");
    add_output_option(*cmd, options->output);
    add_missing_option(*cmd, options->missing);
    cmd->add_flag("--skip-invalid", options->skip_invalid,
                  "Leave rows with errors out (they are listed) instead of refusing to compute");
    cmd->add_option("--driver-share", options->driver_share,
                    "The schools driving a coefficient: the fewest largest contributors whose "
                    "shares of the weighted variance reach this fraction")
        ->capture_default_str();
    cmd->add_flag("--no-summary", options->no_summary,
                  "Leave out the paragraph that opens the markdown, html and xlsx analysis");
    add_language_option(*cmd, options->lang, "the markdown, html and xlsx analysis and of -v");
    cmd->add_flag("-v,--verbose", options->verbose, "Say what was read and evaluated");
    cmd->add_flag("-q,--quiet", options->quiet, "No warnings on stderr (errors are still shown)");
    cmd->callback([options, &action] { action = [options] { return run_gaps(*options); }; });
}

}  // namespace eduqb::cli
