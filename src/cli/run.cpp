// Parsing and the one place where errors become messages and exit codes.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.hpp"
#include "eduqb/error.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/render.hpp"

namespace eduqb::cli {
namespace {

/// Keeps freed memory in the process for reuse. glibc hands blocks above 128 KiB back to the
/// kernel when they are freed (a batch of rows, a chunk of input), and each page taken again
/// costs a page fault: on virtual machines that is 5 to 15 µs, a third of a national run.
/// One arena for all threads: the workers' allocations are few and small, and per-thread
/// arenas each fault in their own pages.
void keep_freed_memory() {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_ARENA_MAX, 1);
#endif
}

}  // namespace

int run(int argc, char** argv) {
    keep_freed_memory();
    CLI::App app{"eduqb: compulsory-education balance evaluation (义务教育均衡发展评估)"};
    app.set_version_flag("--version", std::string(eduqb_version()));
    app.require_subcommand(1);
    Action action;
    add_compute_command(app, action);
    add_gaps_command(app, action);
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
