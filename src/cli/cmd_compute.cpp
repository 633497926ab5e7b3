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

/// Where and how the report goes, checked before any input is read.
ReportOutput report_output_of(const ComputeOptions& options) {
    ReportOutput output;
    output.format = choose_format(options.format, options.output);
    output.level = *parse_level(options.level);
    output.path = options.output;
    if (options.bom || options.no_bom) output.bom = options.bom;
    output.encoding = *parse_output_encoding(options.output_encoding);
    output.context.language =
        options.lang.empty() ? default_language() : *parse_language(options.lang);
    output.context.time = report_time();
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
    evaluation.keep_exclusions = level == Level::school ||
                                 (format != Format::csv && format != Format::markdown) ||
                                 options.verbose;
    evaluation.missing = missing_policy(options.missing);
    evaluation.skip_invalid = options.skip_invalid;
    return evaluation;
}

/// The exit code of a run whose verdict is `all_pass`.
int exit_code_for(const ComputeOptions& options, bool all_pass) {
    return options.fail_on_noncompliance && !all_pass ? kExitNoncompliant : kExitOk;
}

/// The district CSV of one profile, written group by group as the results are built, never
/// holding them all: the memory of a run is that of its running totals.
int write_district_csv_streamed(const ComputeOptions& options, const ReportOutput& output,
                                Evaluator& evaluator, int threads) {
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
    return exit_code_for(options, verdict.all_pass());
}

/// Every other report: the results of each profile in memory, then rendered.
int write_whole_reports(const ComputeOptions& options, const ReportOutput& output,
                        std::vector<std::unique_ptr<Evaluator>> evaluators,
                        const std::vector<InputSummary>& summaries) {
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
    return exit_code_for(options,
                         std::all_of(reports.begin(), reports.end(),
                                     [](const Report& report) { return report.all_pass(); }));
}

int run_compute(const ComputeOptions& options) {
    const ReportOutput output = report_output_of(options);
    EvaluationOptions evaluation = evaluation_options_of(options, output);
    const std::vector<Profile> profiles = load_profiles(options.profile);
    refuse_output_onto_inputs(options.output, options.input.files);
    const ReadOptions read = options.input.read_options();

    OpenInputs inputs(options.input, options.verbose);
    const bool one_streamed_profile =
        profiles.size() == 1 && can_stream(output) && !options.verbose;
    std::unique_ptr<SpooledSchoolCsv> spooled;
    if (one_streamed_profile && output.level == Level::school && output.format == Format::csv) {
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
    report_reading_problems(diagnostics, options.quiet, options.skip_invalid);

    if (spooled) {
        const bool all_pass = spooled->finish(*evaluators.front());
        evaluators.clear();  // 0.5 KB per group, not needed for the rows
        spooled->write(output);
        return exit_code_for(options, all_pass);
    }
    if (one_streamed_profile && output.level == Level::district && output.format == Format::csv) {
        // read_options() resolved the default number of threads.
        return write_district_csv_streamed(options, output, *evaluators.front(), read.threads);
    }
    return write_whole_reports(options, output, std::move(evaluators), summaries);
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
