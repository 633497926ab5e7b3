// eduqb rotate: a teacher-exchange plan (交流轮岗) that brings the teacher indicators'
// difference coefficients within their limits with the fewest moves, and the input rewritten
// with the moved counts (--adjusted).

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli.hpp"
#include "eduqb/error.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/render_rotate.hpp"
#include "eduqb/rotate.hpp"
#include "input/rotate_inputs.hpp"
#include "inputs.hpp"
#include "output_file.hpp"
#include "report_output.hpp"

namespace eduqb::cli {
namespace {

struct RotateCommandOptions {
    InputOptions input;
    bool skip_invalid = false;
    std::string profile = "national-2017";
    std::optional<double> share;
    std::vector<std::string> categories;
    std::string format;
    std::string output;
    std::string adjusted;
    std::string lang;
    std::string missing = "error";
    bool verbose = false;
    bool quiet = false;
};

/// Markdown, CSV, JSON or XLSX: HTML is compute's only.
Format rotate_format(const RotateCommandOptions& options) {
    std::optional<Format> format;
    try {
        format = choose_format(options.format, options.output);
    } catch (const UsageError&) {
        if (options.format.empty()) {
            throw UsageError(fmt::format(
                "cannot tell the format from the extension of {}: rotate writes markdown (.md), "
                "csv, json and xlsx; give -f FORMAT to write one of them under this name",
                options.output));
        }
    }
    if (!format || *format == Format::html) {
        throw UsageError(fmt::format(
            "{} format '{}' for rotate (expected markdown, csv, json or xlsx)",
            format ? "unsupported" : "unknown", options.format.empty() ? "html" : options.format));
    }
    return *format;
}

ReportOutput rotate_output(const RotateCommandOptions& options) {
    ReportOutput output;
    output.format = rotate_format(options);
    output.path = options.output;
    if (output.format == Format::csv) output.bom = false;
    output.context.language = language_option(options.lang);
    output.context.time = report_time();
    return output;
}

RotateOptions plan_options(const RotateCommandOptions& options) {
    RotateOptions plan;
    plan.share = options.share;
    if (!options.categories.empty()) {
        plan.categories.clear();
        for (const auto& name : options.categories) {
            const auto category = parse_teacher_category(name);
            if (!category) {
                throw UsageError(fmt::format(
                    "unknown category '{}' for --categories (expected backbone, above_degree "
                    "or pe_art)",
                    name));
            }
            if (std::find(plan.categories.begin(), plan.categories.end(), *category) ==
                plan.categories.end()) {
                plan.categories.push_back(*category);
            }
        }
    }
    check_rotate_options(plan);
    return plan;
}

/// --adjusted rewrites one CSV file: refused for several inputs and for a workbook.
void check_adjusted(const RotateCommandOptions& options, const OpenInputs& inputs) {
    if (options.adjusted.empty()) return;
    if (options.input.files.size() != 1) {
        throw UsageError(fmt::format(
            "--adjusted rewrites one input file, and {} were given: run rotate on one file "
            "(the moves stay within a district, year and stage)",
            options.input.files.size()));
    }
    if (!inputs.sources().front().origin.empty()) {
        throw UsageError(fmt::format(
            "--adjusted writes CSV inputs only, and {} is a workbook: save its sheet as CSV "
            "(UTF-8) and run rotate on that, or leave out --adjusted",
            options.input.files.front()));
    }
}

/// Writes the adjusted input, whole or not at all.
void write_adjusted(const std::string& path, const std::string& text) {
    AtomicOutputFile file(path);
    file.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
    file.commit();
}

std::vector<CountChange> all_changes(const RotateReport& plan) {
    std::vector<CountChange> changes;
    for (const auto& group : plan.groups) {
        changes.insert(changes.end(), group.changes.begin(), group.changes.end());
    }
    return changes;
}

/// The report of the adjusted inputs, read as compute would read the --adjusted file.
Report evaluate_adjusted(RotateInputs& held, const std::vector<CountChange>& changes,
                         const Profile& profile, const InputOptions& input,
                         const EvaluationOptions& evaluation) {
    Diagnostics diagnostics;
    auto evaluators = accumulate_inputs(held.adjusted_sources(changes), {profile},
                                        input.read_options(), evaluation, diagnostics);
    if (diagnostics.errors() > 0) {
        throw std::logic_error("the adjusted input has errors the input did not have");
    }
    return evaluators.front()->finish();
}

int run_rotate(const RotateCommandOptions& options) {
    ReportDestination destination(rotate_output(options));
    const RotateOptions plan_choices = plan_options(options);
    if (options.profile.find(',') != std::string::npos) {
        throw UsageError(fmt::format(
            "rotate plans for one profile at a time (got '{}'); run it once per profile",
            options.profile));
    }
    const std::vector<Profile> profiles = load_profiles(options.profile);
    refuse_output_onto_inputs(options.output, options.input.files);
    refuse_output_onto_inputs(options.adjusted, options.input.files);

    OpenInputs inputs(options.input, options.verbose);
    check_adjusted(options, inputs);
    RotateInputs held(inputs.sources(), options.input.read_options());
    EvaluationOptions evaluation;
    evaluation.keep_schools = true;
    evaluation.missing = missing_policy(options.missing);
    evaluation.skip_invalid = options.skip_invalid;
    auto evaluators = read_and_accumulate(held.sources(), options.input, profiles, evaluation,
                                          {options.quiet, options.verbose, options.skip_invalid});
    const Report before = evaluators.front()->finish();
    held.index_cells();
    RotateReport plan = plan_rotation(
        before, [&](const SchoolResult& school) { return held.counts(school, before.profile); },
        plan_choices);
    const std::vector<CountChange> changes = all_changes(plan);
    const Report after =
        evaluate_adjusted(held, changes, profiles.front(), options.input, evaluation);
    if (sections_made_non_compliant(before, after) > 0) {
        throw std::logic_error("the plan made a compliant section non-compliant");
    }
    add_after(plan, after);

    destination.open();
    const ReportOutput& output = destination.output();
    if (output.format == Format::xlsx) {
        render_rotate_xlsx(plan, output.context, destination.path());
    } else {
        render_rotate(plan, output.format, output.context.language, destination.stream());
    }
    if (!options.adjusted.empty()) write_adjusted(options.adjusted, held.adjusted_text(0, changes));
    destination.commit();
    if (options.verbose) {
        long long moved = 0;
        for (const auto& group : plan.groups) moved += group.moved;
        std::cerr << fmt::format("eduqb: profile {}; {} group(s); {} teacher(s) moved\n",
                                 plan.profile.id, plan.groups.size(), moved);
    }
    return kExitOk;
}

}  // namespace

void add_rotate_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<RotateCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "rotate",
        "Plan a teacher exchange (交流轮岗): the fewest moves of teachers between the sections "
        "of a district that bring the teacher indicators' difference coefficients within "
        "their limits");
    add_input_options(*cmd, options->input);
    add_profile_option(*cmd, options->profile);
    cmd->add_option("--share", options->share,
                    "The most that may move per district, year and stage, as a share of its "
                    "full-time teachers (default: the profile's, 0.1)");
    cmd->add_option("--categories", options->categories,
                    "Teacher categories that may move: backbone, above_degree, pe_art "
                    "(comma-separated; default: all three)")
        ->delimiter(',');
    cmd->add_option("-f,--format", options->format,
                    "markdown, csv, json or xlsx (default: from -o's extension, else markdown)");
    add_output_option(*cmd, options->output);
    cmd->add_option("--adjusted", options->adjusted,
                    "Also write the input with the moved counts, every other cell unchanged "
                    "(one CSV input)");
    add_language_option(*cmd, options->lang, "the labels of markdown and xlsx plans");
    add_missing_option(*cmd, options->missing);
    cmd->add_flag("--skip-invalid", options->skip_invalid,
                  "Leave rows with errors out (they are listed) instead of refusing to plan");
    cmd->add_flag("-v,--verbose", options->verbose, "Say what was read and planned");
    cmd->add_flag("-q,--quiet", options->quiet, "No warnings on stderr (errors are still shown)");
    cmd->callback([options, &action] { action = [options] { return run_rotate(*options); }; });
}

}  // namespace eduqb::cli
