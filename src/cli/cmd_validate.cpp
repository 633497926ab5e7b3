// eduqb validate: check input files without computing, listing every problem at once.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/pipeline.hpp"
#include "inputs.hpp"
#include "output_file.hpp"
#include "report/labels.hpp"
#include "report_output.hpp"

namespace eduqb::cli {
namespace {

struct ValidateOptions {
    InputOptions input;
    std::string profile = "national-2017";
    std::string missing = "error";
    bool quiet = false;
    std::string lang;
};

/// "0 errors, 2 warnings in 120 rows (valid)".
std::string summary(const Labels& text, const Diagnostics& diagnostics, long rows) {
    return text(Text::validate_summary,
                text.count(Text::errors_one, Text::errors_many, diagnostics.errors()),
                text.count(Text::warnings_one, Text::warnings_many, diagnostics.warnings()),
                text.count(Text::rows_one, Text::rows_many, rows),
                text[diagnostics.errors() == 0 ? Text::valid : Text::invalid]);
}

int run_validate(const ValidateOptions& options) {
    // Each profile's columns must be there; the rows are checked once.
    const std::vector<Profile> profiles = load_profiles(options.profile);
    EvaluationOptions evaluation;
    evaluation.measures = false;  // nothing is reported
    evaluation.missing = missing_policy(options.missing);
    OpenInputs inputs(options.input);
    Diagnostics diagnostics;
    std::vector<InputSummary> summaries;
    try {
        ReadOptions read = options.input.read_options();
        read.refuse_empty = false;  // said as a warning: validate checks, it publishes nothing
        evaluate_inputs(inputs.sources(), profiles, read, evaluation, diagnostics, &summaries);
    } catch (const InputError&) {
        // The problems found before the one that stopped the run (e.g. an unknown header).
        for (const auto& problem : diagnostics.problems()) {
            std::cout << format_problem(problem) << '\n';
        }
        throw;
    }
    for (const auto& problem : diagnostics.problems()) {
        if (problem.severity == Severity::warning && options.quiet) continue;
        std::cout << format_problem(problem) << '\n';
    }
    const Labels& text = labels_for(language_option(options.lang));
    if (diagnostics.not_kept() > 0) {
        std::cout << text(Text::more_problems, diagnostics.not_kept()) << '\n';
    }
    long rows = 0;
    for (const auto& input : summaries) rows += input.rows;
    std::cout << summary(text, diagnostics, rows) << '\n';
    finish_standard_output();
    return diagnostics.errors() == 0 ? kExitOk : kExitInput;
}

}  // namespace

void add_validate_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "validate", "Check input files without computing; list every problem (exit 3 on errors)");
    add_input_options(*cmd, options->input);
    cmd->add_option("-p,--profile", options->profile,
                    "Profiles whose columns must be present (built-in ids or .toml files, "
                    "comma-separated)")
        ->capture_default_str();
    cmd->add_option("--missing", options->missing,
                    "error: empty cells an indicator needs are errors; skip: they are allowed")
        ->check(CLI::IsMember({"error", "skip"}))
        ->capture_default_str();
    add_language_option(*cmd, options->lang,
                        "the summary line (the messages about rows stay in English)");
    cmd->add_flag("-q,--quiet", options->quiet, "List errors only, not warnings");
    cmd->callback([options, &action] { action = [options] { return run_validate(*options); }; });
}

}  // namespace eduqb::cli
