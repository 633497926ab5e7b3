// Parsing and the one place where errors become messages and exit codes.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli.hpp"
#include "eduqb/error.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/render.hpp"

namespace eduqb::cli {

int run(int argc, char** argv) {
    CLI::App app{"eduqb: compulsory-education balance evaluation (义务教育均衡发展评估)"};
    app.set_version_flag("--version", std::string(eduqb_version()));
    app.require_subcommand(1);
    Action action;
    add_compute_command(app, action);
    add_validate_command(app, action);
    add_template_command(app, action);
    add_profiles_command(app, action);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? kExitOk : kExitUsage;
    }
    try {
        return action();
    } catch (const UsageError& error) {
        std::cerr << "eduqb: error: " << error.what() << '\n';
        return kExitUsage;
    } catch (const InputError& error) {
        std::cerr << "eduqb: error: " << error.what() << '\n';
        return kExitInput;
    } catch (const OutputError& error) {
        std::cerr << "eduqb: error: " << error.what() << '\n';
        return kExitOutput;
    } catch (const std::exception& error) {
        std::cerr << "eduqb: internal error: " << error.what() << '\n';
        return kExitInternal;
    }
}

}  // namespace eduqb::cli
