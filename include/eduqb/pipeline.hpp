#pragma once
// The whole evaluation: read → normalise → validate → split → scope → indicators →
// dispersion → judge.

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eduqb/decode.hpp"
#include "eduqb/diagnostics.hpp"
#include "eduqb/evaluate.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/report.hpp"

namespace eduqb {

/// One input: a display name for messages and reports, and its bytes.
struct InputSource {
    InputSource() = default;
    InputSource(std::string input_name, std::istream* input)
        : name(std::move(input_name)), stream(input) {}
    std::string name;
    std::istream* stream = nullptr;
    /// Set for inputs whose encoding is known (a workbook's sheet is read as UTF-8).
    std::optional<Encoding> encoding;
    /// Where the input came from when `name` says more (a workbook's sheet): for -v.
    std::string origin;
};

/// How to read the inputs.
struct ReadOptions {
    Encoding encoding = Encoding::automatic;  ///< automatic: BOM, else UTF-8, else GB18030
    /// Records above the header (report titles); empty: found by looking (table_start.hpp).
    std::optional<int> skip_rows;
    /// Key columns whose empty cells take the value from the row above (CSV saved from
    /// merged cells). Rows are then parsed on one thread.
    std::vector<Column> fill_down;
    /// A file with a header and no rows is an InputError (compute, gaps), else a warning
    /// (validate).
    bool refuse_empty = true;
    /// Rows of all inputs together beyond which reading stops with an InputError: a bound on
    /// time for an endless input (memory stays bounded). Four centuries of every
    /// compulsory-school section of China, about 12 GB of CSV.
    long max_rows = 100'000'000;
    /// Errors beyond which reading stops with an InputError (the wrong file, or an endless
    /// stream of bad rows). As many as Diagnostics keeps.
    std::size_t max_errors = Diagnostics::kMaxKept;
    /// Threads that read and parse ahead of the stages after them (-1: default_worker_threads(),
    /// 0: none). The results are the same for any number.
    int threads = -1;
    /// With worker threads, the evaluator on a thread of its own as well (-1: when the machine
    /// has a core left for it, evaluator_thread_helps(); 0: on the main thread; 1: always).
    int evaluator_thread = -1;
    /// Decoded bytes per chunk, the unit handed to a thread (tests make it small).
    std::size_t chunk_bytes = kDefaultChunkBytes;
    static constexpr std::size_t kDefaultChunkBytes = std::size_t{64} << 10;
};

/// How far reading has got, for progress displays.
struct Progress {
    std::size_t input = 0;    ///< index of the input being read
    std::uint64_t bytes = 0;  ///< bytes of that input read so far (records as read, about)
    std::uint64_t rows = 0;   ///< rows read so far, all inputs
};
/// Called every few thousand rows and once at the end of each input.
using ProgressHook = std::function<void(const Progress&)>;

/// What was found in one input.
struct InputSummary {
    std::string name;
    Encoding encoding = Encoding::automatic;
    long rows = 0;
    /// How the table was found and read: title rows skipped, header rows, columns derived.
    std::vector<ReadingNote> notes;
    std::vector<RowNotRead> not_read;
};

/// Reads every input and accumulates it, as evaluate_inputs does, but returns the evaluators
/// unfinished (one per profile, in order), so that the caller can check the diagnostics first
/// and then build the reports, or stream them to a sink (Evaluator::finish). The evaluators
/// know how the inputs were read (InputSummary::notes and not_read).
std::vector<std::unique_ptr<Evaluator>> accumulate_inputs(
    const std::vector<InputSource>& inputs, const std::vector<Profile>& profiles,
    const ReadOptions& read, const EvaluationOptions& options, Diagnostics& diagnostics,
    std::vector<InputSummary>* summaries = nullptr, const ProgressHook& progress = {});

/// Runs every input through the pipeline once for several profiles (reading and validating
/// once) and returns one report per profile, in the same order.
std::vector<Report> evaluate_inputs(const std::vector<InputSource>& inputs,
                                    const std::vector<Profile>& profiles, const ReadOptions& read,
                                    const EvaluationOptions& options, Diagnostics& diagnostics,
                                    std::vector<InputSummary>* summaries = nullptr,
                                    const ProgressHook& progress = {});

/// Runs every input through the pipeline (inputs are concatenated) and returns the report.
/// Problems in rows are collected in `diagnostics` and those rows left out; the caller decides
/// whether errors refuse the run. A file that cannot be read at all throws InputError.
Report evaluate_inputs(const std::vector<InputSource>& inputs, const Profile& profile,
                       const ReadOptions& read, const EvaluationOptions& options,
                       Diagnostics& diagnostics, std::vector<InputSummary>* summaries = nullptr,
                       const ProgressHook& progress = {});

}  // namespace eduqb
