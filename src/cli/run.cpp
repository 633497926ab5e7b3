// Parsing and the one place where errors become messages and exit codes.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <new>
#include <string>
#include <string_view>

#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#endif

#include "base/escape.hpp"
#include "cli.hpp"
#include "eduqb/error.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/render.hpp"
#include "output_file.hpp"

namespace eduqb::cli {
namespace {

#ifdef __GLIBC__
/// Asks the kernel for 2 MiB pages in the first kHeapReserve bytes of the heap: one page fault
/// per 2 MiB instead of 512, where faults are dear (virtual machines; docs/performance.md has
/// the figures). The heap grows by the reserve at once;
/// it is given back to malloc untouched, so only what the run uses becomes memory. Nothing
/// happens when the block does not come from the heap (under a sanitizer's allocator), and
/// the advice is ignored where transparent huge pages are off.
void ask_for_huge_pages() {
    constexpr std::size_t kHeapReserve = std::size_t{30} << 20;  // below M_MMAP_THRESHOLD
    constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
    void* reserve = std::malloc(kHeapReserve);
    if (reserve == nullptr) return;
    const auto block = reinterpret_cast<std::uintptr_t>(reserve);
    const auto heap_end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    if (block < heap_end && heap_end - block <= kHeapReserve + kHugePage) {
        const std::uintptr_t begin = (block + kHugePage - 1) & ~(kHugePage - 1);
        const std::uintptr_t end = heap_end & ~(kHugePage - 1);
        if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    }
    std::free(reserve);
}
#endif

/// Keeps freed memory in the process for reuse. glibc hands blocks above 128 KiB back to the
/// kernel when they are freed (a batch of rows, a chunk of input), and each page taken again
/// costs a page fault, which virtual machines make dear.
/// One arena for all threads: the workers' allocations are few and small, and per-thread
/// arenas each fault in their own pages.
void tune_memory() {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_ARENA_MAX, 1);
    ask_for_huge_pages();
#endif
}

/// An error for the terminal. Messages quote cells, sheet names and file names, so each line is
/// escaped as diagnostics are; the line breaks the message itself has are kept.
std::string terminal_message(std::string_view message) {
    std::string text;
    for (;;) {
        const std::size_t end = message.find('\n');
        text += detail::terminal_text(message.substr(0, end));
        if (end == std::string_view::npos) return text;
        text += '\n';
        message.remove_prefix(end + 1);
    }
}

}  // namespace

int run(int argc, char** argv) {
    tune_memory();
    const StandardOutput standard_output;
    CLI::App app{"eduqb: compulsory-education balance evaluation (义务教育均衡发展评估)"};
    app.set_version_flag("--version", std::string(eduqb_version()));
    app.require_subcommand(1);
    Action action;
    add_compute_command(app, action);
    add_gaps_command(app, action);
    add_rotate_command(app, action);
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
        std::cerr << "eduqb: error: " << terminal_message(error.what()) << '\n';
        return kExitUsage;
    } catch (const InputError& error) {
        std::cerr << "eduqb: error: " << terminal_message(error.what()) << '\n';
        return kExitInput;
    } catch (const OutputError& error) {
        std::cerr << "eduqb: error: " << terminal_message(error.what()) << '\n';
        return kExitOutput;
    } catch (const std::bad_alloc&) {
        // An internal limit, not a bug: the same exit code, a message that says what to do.
        std::cerr << "eduqb: error: out of memory: the system refused eduqb more memory (a "
                     "limit such as ulimit -v, or the machine's own); no report was written\n";
        return kExitInternal;
    } catch (const std::exception& error) {
        std::cerr << "eduqb: internal error: " << terminal_message(error.what()) << '\n';
        return kExitInternal;
    }
}

}  // namespace eduqb::cli
