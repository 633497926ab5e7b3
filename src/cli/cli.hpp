#pragma once
// The command line: each subcommand registers its options and the action that runs it.

#include <functional>

namespace CLI {
class App;
}

namespace eduqb::cli {

/// What the chosen subcommand does once its options are parsed; returns the exit code.
using Action = std::function<int()>;

void add_compute_command(CLI::App& app, Action& action);
void add_profiles_command(CLI::App& app, Action& action);
void add_validate_command(CLI::App& app, Action& action);
void add_template_command(CLI::App& app, Action& action);
void add_gaps_command(CLI::App& app, Action& action);
void add_rotate_command(CLI::App& app, Action& action);

/// Parses argv, runs the chosen action and turns every error into its exit code.
int run(int argc, char** argv);

}  // namespace eduqb::cli
