#include "inputs.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>
#include <optional>

#include <sys/stat.h>

#include "eduqb/error.hpp"
#include "input/normalise.hpp"
#include "input/row_stream.hpp"
#include "profile_loader.hpp"
#include "progress_bar.hpp"
#include "report/labels.hpp"

namespace eduqb::cli {
namespace {

std::vector<std::string_view> split_list(std::string_view text) {
    std::vector<std::string_view> parts;
    while (!text.empty()) {
        const auto comma = text.find(',');
        parts.push_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return parts;
}

/// A whole number of at least `minimum`, said in those words (CLI11's ranges print the
/// largest double, 309 digits).
CLI::Validator at_least(long long minimum, const std::string& name) {
    auto check = [minimum](std::string& text) -> std::string {
        long long value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc() && stop == end && value >= minimum) return {};
        if (error == std::errc() && stop == end) return fmt::format("must be at least {}", minimum);
        if (error == std::errc::result_out_of_range) return fmt::format("{} is too large", text);
        return fmt::format("'{}' is not a whole number", text);
    };
    return CLI::Validator(check, name);
}

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
    if (skip_rows >= 0) read.skip_rows = skip_rows;
    for (const auto& spec : fill_down) {
        for (std::string_view name : split_list(spec)) {
            const HeaderMeaning meaning = header_meaning(name);
            const auto column = meaning.column;
            if (!column || !(*column == Column::district || *column == Column::year ||
                             *column == Column::school_type || *column == Column::stage ||
                             *column == Column::school_id)) {
                throw UsageError(
                    fmt::format("--fill-down takes key columns: district, year, "
                                "school_type, stage or school_id, not '{}'",
                                name));
            }
            read.fill_down.push_back(*column);
        }
    }
    read.max_rows = max_rows;
    read.threads = threads >= 0 ? threads : default_worker_threads(input_bytes(files));
    return read;
}

void add_profile_option(CLI::App& command, std::string& profile) {
    command
        .add_option("-p,--profile", profile,
                    "Standards profile: national-2017, national-2012, beijing, or a .toml file")
        ->capture_default_str();
}

void add_missing_option(CLI::App& command, std::string& missing) {
    command
        .add_option("--missing", missing,
                    "Empty cells an indicator needs: error (stop) or skip (leave the school out "
                    "of that indicator)")
        ->check(CLI::IsMember({"error", "skip"}))
        ->capture_default_str();
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
                    "Rows above the header to skip (default: titles and unit lines above the "
                    "header are found and skipped)")
        ->check(at_least(0, "NONNEGATIVE"));
    command
        .add_option("--fill-down", options.fill_down,
                    "Key columns (district, year, school_type, stage, school_id) whose empty "
                    "cells take the value of the row above, as in a CSV saved from merged "
                    "cells; comma-separated")
        ->delimiter(',');
    command.add_option("--sheet", options.sheet,
                       "Workbook sheet to read, by name or number (1 = first); default: the "
                       "first sheet whose header has the required columns");
    command
        .add_option("--max-rows", options.max_rows,
                    "Stop with an error after this many rows of all files together (a bound "
                    "against endless input)")
        ->check(at_least(1, "POSITIVE"))
        ->capture_default_str();
    command
        .add_option("--threads", options.threads,
                    "Threads that read and parse ahead of the computation (0: none; default: "
                    "one per core but one, at most 4, and none for files under 2 MiB; at most "
                    "64). Results do not depend on it")
        ->check(CLI::Range(0, 64));
}

namespace {

/// stdin with the bytes already taken from it (to tell a workbook from CSV) put back in front.
class PrefixedBuffer : public std::streambuf {
  public:
    PrefixedBuffer(std::string prefix, std::streambuf* rest)
        : prefix_(std::move(prefix)), rest_(rest) {
        setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        const std::streamsize got = rest_->sgetn(block_, sizeof block_);
        if (got <= 0) return traits_type::eof();
        setg(block_, block_, block_ + got);
        return traits_type::to_int_type(*gptr());
    }

  private:
    std::string prefix_;
    std::streambuf* rest_;
    char block_[1 << 16];
};

/// A workbook read from stdin is held in memory (a ZIP is read from its end); this bounds it.
constexpr std::size_t kMaxStdinWorkbookBytes = std::size_t{1} << 31;

}  // namespace

OpenInputs::~OpenInputs() = default;

void OpenInputs::open_workbook(std::unique_ptr<Workbook> workbook, const std::string& file,
                               const InputOptions& options, bool verbose) {
    const std::size_t sheet = choose_sheet(*workbook, file, options.sheet);
    const SheetInfo& info = workbook->sheets()[sheet];
    if (verbose) {
        std::cerr << fmt::format("eduqb: {}: sheet {} '{}' of {}{}\n", file, sheet + 1, info.name,
                                 workbook->sheets().size(),
                                 options.sheet.empty() ? " (the first whose header matches)" : "");
    }
    streams_.push_back(sheet_as_csv(workbook->rows(sheet)));
    InputSource source;
    source.name = fmt::format("{}[{}]", file, info.name);
    source.stream = streams_.back().get();
    source.encoding = Encoding::utf8;
    source.origin = file;
    sources_.push_back(std::move(source));
    workbooks_.push_back(std::move(workbook));
}

OpenInputs::OpenInputs(const InputOptions& options, bool verbose) {
    for (const auto& file : options.files) {
        if (file == "-") {
            char first[8] = {};
            const std::streamsize got = std::cin.rdbuf()->sgetn(first, sizeof first);
            std::string prefix(first, static_cast<std::size_t>(std::max<std::streamsize>(got, 0)));
            if (sniff_workbook(prefix) != WorkbookKind::none) {
                std::string bytes = prefix;
                char block[1 << 16];
                for (std::streamsize n; (n = std::cin.rdbuf()->sgetn(block, sizeof block)) > 0;) {
                    bytes.append(block, static_cast<std::size_t>(n));
                    if (bytes.size() > kMaxStdinWorkbookBytes) {
                        throw InputError(Location{"<stdin>", 0, 0},
                                         "a workbook on stdin larger than 2 GiB; read it from "
                                         "a file");
                    }
                }
                workbook_bytes_.push_back(std::move(bytes));
                open_workbook(Workbook::open_bytes(workbook_bytes_.back(), "<stdin>"), "<stdin>",
                              options, verbose);
                continue;
            }
            buffers_.push_back(std::make_unique<PrefixedBuffer>(prefix, std::cin.rdbuf()));
            streams_.push_back(std::make_unique<std::istream>(buffers_.back().get()));
            InputSource source;
            source.name = "<stdin>";
            source.stream = streams_.back().get();
            sources_.push_back(std::move(source));
            continue;
        }
        struct stat status {};
        if (::stat(file.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) {
            throw InputError(Location{file, 0, 0},
                             fmt::format("cannot open: {}", std::strerror(EISDIR)));
        }
        auto stream = std::make_unique<std::ifstream>(file, std::ios::binary);
        if (!*stream) {
            throw InputError(Location{file, 0, 0},
                             fmt::format("cannot open: {}", std::strerror(errno)));
        }
        char first[8] = {};
        stream->read(first, sizeof first);
        const std::string prefix(first, static_cast<std::size_t>(stream->gcount()));
        if (sniff_workbook(prefix) != WorkbookKind::none) {
            open_workbook(Workbook::open_file(file, file), file, options, verbose);
            continue;
        }
        stream->clear();
        stream->seekg(0);
        InputSource source;
        source.name = file;
        source.stream = stream.get();
        sources_.push_back(std::move(source));
        streams_.push_back(std::move(stream));
    }
}

std::vector<Profile> load_profiles(const std::string& list) {
    std::vector<Profile> profiles;
    const std::vector<std::string> specs = split_profile_list(list);
    for (const auto& spec : specs) {
        Profile profile = load_profile_option(spec);
        // Reports name profiles by id: two with one id could not be told apart.
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            if (profiles[i].id == profile.id) {
                throw UsageError(fmt::format(
                    "profiles '{}' and '{}' have the same id '{}'; give one of them an id of its "
                    "own (the id line of the .toml file)",
                    specs[i], spec, profile.id));
            }
        }
        profiles.push_back(std::move(profile));
    }
    return profiles;
}

void print_summaries(const std::vector<InputSummary>& summaries) {
    for (const auto& input : summaries) {
        std::cerr << fmt::format("eduqb: {}: {} rows, encoding {}\n", input.name, input.rows,
                                 to_string(input.encoding));
        for (const auto& note : input.notes) {
            std::cerr << "eduqb: " << labels_for(Language::en).reading_note(note) << '\n';
        }
    }
}

void print_problems(const Diagnostics& diagnostics, bool include_warnings, std::size_t limit) {
    std::size_t printed = 0;
    std::size_t kept_errors = 0;
    for (const auto& problem : diagnostics.problems()) {
        if (problem.severity == Severity::error) ++kept_errors;
    }
    // Without warnings (-q), the count of those not listed leaves out the warnings too.
    std::size_t hidden =
        include_warnings ? diagnostics.not_kept() : diagnostics.errors() - kept_errors;
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

void report_reading_problems(const Diagnostics& diagnostics, bool quiet, bool skip_invalid) {
    print_problems(diagnostics, !quiet, kShownProblems);
    if (diagnostics.errors() > 0 && !skip_invalid) throw InvalidInput(diagnostics.errors());
}

MissingPolicy missing_policy(const std::string& option) {
    return option == "skip" ? MissingPolicy::skip : MissingPolicy::error;
}

int formatting_threads(const InputOptions& options) {
    const int reading = options.read_options().threads;
    return reading > 0 ? reading + 1 : 0;
}

std::vector<std::unique_ptr<Evaluator>> read_and_accumulate(const OpenInputs& inputs,
                                                            const InputOptions& options,
                                                            const std::vector<Profile>& profiles,
                                                            const EvaluationOptions& evaluation,
                                                            const Telling& telling) {
    return read_and_accumulate(inputs.sources(), options, profiles, evaluation, telling);
}

std::vector<std::unique_ptr<Evaluator>> read_and_accumulate(const std::vector<InputSource>& sources,
                                                            const InputOptions& options,
                                                            const std::vector<Profile>& profiles,
                                                            const EvaluationOptions& evaluation,
                                                            const Telling& telling) {
    Diagnostics diagnostics;
    std::vector<InputSummary> summaries;
    std::vector<std::unique_ptr<Evaluator>> evaluators;
    ProgressBar progress(options.files, !telling.quiet);
    try {
        evaluators = accumulate_inputs(sources, profiles, options.read_options(), evaluation,
                                       diagnostics, &summaries, progress.hook());
        progress.finish();
    } catch (const InputError&) {
        progress.finish();
        print_problems(diagnostics, !telling.quiet, kShownProblems);  // e.g. an unknown header
        throw;
    }
    report_reading_problems(diagnostics, telling.quiet, telling.skip_invalid);
    if (telling.verbose) print_summaries(summaries);
    return evaluators;
}

}  // namespace eduqb::cli
