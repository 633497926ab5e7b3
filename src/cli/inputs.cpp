#include "inputs.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>

#include <sys/stat.h>

#include "eduqb/error.hpp"
#include "eduqb/row_stream.hpp"

namespace eduqb::cli {
namespace {

/// The inputs' total size, when every one is a regular file.
std::optional<std::uint64_t> input_bytes(const std::vector<std::string>& files) {
    std::uint64_t total = 0;
    for (const auto& file : files) {
        struct stat status {};
        if (file == "-" || ::stat(file.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) {
            return std::nullopt;
        }
        total += static_cast<std::uint64_t>(status.st_size);
    }
    return total;
}

}  // namespace

ReadOptions InputOptions::read_options() const {
    ReadOptions read;
    auto parsed = parse_encoding(encoding);
    if (!parsed) {
        throw UsageError(
            fmt::format("unknown encoding '{}' (expected auto, utf-8, gbk, gb18030 "
                        "or utf-16)",
                        encoding));
    }
    read.encoding = *parsed;
    read.skip_rows = skip_rows;
    read.max_rows = max_rows;
    read.threads = threads >= 0 ? threads : default_worker_threads(input_bytes(files));
    return read;
}

void add_input_options(CLI::App& command, InputOptions& options) {
    command.add_option("files", options.files, "Input CSV files (concatenated); - reads stdin")
        ->required();
    command
        .add_option("--encoding", options.encoding,
                    "Input encoding: auto (byte-order mark, else UTF-8, else GB18030), utf-8, "
                    "gbk, gb18030 or utf-16")
        ->capture_default_str();
    command
        .add_option("--skip-rows", options.skip_rows,
                    "Rows above the header to skip (a report title, a blank line)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command
        .add_option("--max-rows", options.max_rows,
                    "Stop with an error after this many rows of all files together (a bound "
                    "against endless input)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command
        .add_option("--threads", options.threads,
                    "Threads that read and parse ahead of the computation (0: none; default: "
                    "one per core but one, at most 4, and none for files under 16 MiB). "
                    "Results do not depend on it")
        ->check(CLI::NonNegativeNumber);
}

OpenInputs::OpenInputs(const std::vector<std::string>& files) {
    for (const auto& file : files) {
        if (file == "-") {
            sources_.push_back(InputSource{"<stdin>", &std::cin});
            continue;
        }
        auto stream = std::make_unique<std::ifstream>(file, std::ios::binary);
        if (!*stream) {
            throw InputError(Location{file, 0, 0},
                             fmt::format("cannot open: {}", std::strerror(errno)));
        }
        sources_.push_back(InputSource{file, stream.get()});
        streams_.push_back(std::move(stream));
    }
}

void print_problems(const Diagnostics& diagnostics, bool include_warnings, std::size_t limit) {
    std::size_t printed = 0;
    std::size_t hidden = diagnostics.not_kept();
    for (const auto& problem : diagnostics.problems()) {
        if (problem.severity == Severity::warning && !include_warnings) continue;
        if (limit != 0 && printed == limit) {
            ++hidden;
            continue;
        }
        std::cerr << format_problem(problem) << '\n';
        ++printed;
    }
    if (hidden > 0) {
        std::cerr << fmt::format("... and {} more problem{} (eduqb validate lists them all)\n",
                                 hidden, hidden == 1 ? "" : "s");
    }
}

}  // namespace eduqb::cli
