// eduqb compute: evaluate school statistics against a standards profile and write a report.

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

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
#include "output_file.hpp"
#include "profile_loader.hpp"
#include "progress_bar.hpp"

namespace eduqb::cli {
namespace {

struct ComputeOptions {
    std::vector<std::string> files;
    std::string profile = "national-2017";
    std::string format;
    std::string output;
    std::string level = "district";
    std::string missing = "error";
    bool fail_on_noncompliance = false;
    bool verbose = false;
    bool quiet = false;
};

/// --format wins; else the output file's extension; else Markdown.
Format choose_format(const ComputeOptions& options) {
    std::string name = options.format;
    if (name.empty() && !options.output.empty()) {
        auto dot = options.output.rfind('.');
        std::string extension = dot == std::string::npos ? "" : options.output.substr(dot + 1);
        if (extension == "csv" || extension == "json" || extension == "md") name = extension;
    }
    if (name.empty()) return Format::markdown;
    auto format = parse_format(name);
    if (!format) {
        throw UsageError(fmt::format("unknown format '{}' (expected markdown, csv or json)", name));
    }
    return *format;
}

int run_compute(const ComputeOptions& options) {
    const Format format = choose_format(options);
    const Level level = *parse_level(options.level);
    EvaluationOptions evaluation;
    evaluation.keep_schools = level == Level::school;
    // Only the CSV district summary reads no exclusion list: skip it there (constant memory).
    evaluation.keep_exclusions = level == Level::school || format != Format::csv || options.verbose;
    evaluation.missing = options.missing == "skip" ? MissingPolicy::skip : MissingPolicy::error;
    const Profile profile = load_profile_option(options.profile);

    for (const auto& file : options.files) {
        if (!options.output.empty() && file != "-" && same_file(options.output, file)) {
            throw OutputError(
                fmt::format("refusing to write the report onto the input file {}", options.output));
        }
    }

    std::vector<std::unique_ptr<std::ifstream>> opened;
    std::vector<InputSource> inputs;
    for (const auto& file : options.files) {
        if (file == "-") {
            inputs.push_back(InputSource{"<stdin>", &std::cin});
            continue;
        }
        auto stream = std::make_unique<std::ifstream>(file, std::ios::binary);
        if (!*stream) {
            throw InputError(Location{file, 0, 0},
                             fmt::format("cannot open: {}", std::strerror(errno)));
        }
        inputs.push_back(InputSource{file, stream.get()});
        opened.push_back(std::move(stream));
    }

    std::vector<Warning> warnings;
    ProgressBar progress(options.files, !options.quiet);
    const Report report = evaluate_inputs(inputs, profile, evaluation, warnings, progress.hook());
    progress.finish();
    if (!options.quiet) {
        for (const auto& warning : warnings) {
            std::cerr << "eduqb: warning: " << warning.file << ':' << warning.line << ": "
                      << warning.message << '\n';
        }
    }
    if (options.verbose) {
        std::cerr << fmt::format("eduqb: profile {}; {} group(s); {} section(s) excluded\n",
                                 profile.id, report.groups.size(), report.exclusions.size());
    }

    if (options.output.empty()) {
        render(report, format, level, std::cout);
        std::cout.flush();
        if (!std::cout) throw OutputError("cannot write the report to standard output");
    } else {
        AtomicOutputFile out(options.output);
        render(report, format, level, out.stream());
        out.commit();
    }
    if (options.fail_on_noncompliance && !report.all_pass()) return kExitNoncompliant;
    return kExitOk;
}

}  // namespace

void add_compute_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<ComputeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compute", "Evaluate school statistics (CSV) against a standards profile");
    cmd->add_option("files", options->files, "Input CSV files (concatenated); - reads stdin")
        ->required();
    cmd->add_option("-p,--profile", options->profile,
                    "Standards profile: national-2017, national-2012, beijing, or a .toml file")
        ->capture_default_str();
    cmd->add_option("-f,--format", options->format,
                    "markdown, csv or json (default: from -o's extension, else markdown)");
    cmd->add_option("-o,--output", options->output,
                    "Write the report to FILE (atomically) instead of stdout");
    cmd->add_option("-l,--level", options->level,
                    "district: one summary per district/year/stage; school: one row per section")
        ->check(CLI::IsMember({"district", "school"}))
        ->capture_default_str();
    cmd->add_option("--missing", options->missing,
                    "Empty cells an indicator needs: error (stop) or skip (leave the school out "
                    "of that indicator)")
        ->check(CLI::IsMember({"error", "skip"}))
        ->capture_default_str();
    cmd->add_flag("--fail-on-noncompliance", options->fail_on_noncompliance,
                  "Exit with code 5 when any group fails its standards (for cron jobs)");
    cmd->add_flag("-v,--verbose", options->verbose, "Say what was read and evaluated");
    cmd->add_flag("-q,--quiet", options->quiet, "No warnings or progress bar on stderr");
    cmd->callback([options, &action] { action = [options] { return run_compute(*options); }; });
}

}  // namespace eduqb::cli
