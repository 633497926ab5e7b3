#pragma once
// What compute, gaps and validate share: opening inputs, the reading options, loading the
// profiles, printing problems.

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/profile.hpp"
#include "input/workbook/workbook.hpp"

namespace CLI {
class App;
}

namespace eduqb::cli {

/// Options every command that reads school statistics accepts.
struct InputOptions {
    std::vector<std::string> files;
    std::string encoding = "auto";
    int skip_rows = -1;  ///< -1: the header is found by looking
    std::vector<std::string> fill_down;
    std::string sheet;
    long max_rows = ReadOptions{}.max_rows;
    int threads = ReadOptions{}.threads;

    ReadOptions read_options() const;
};

void add_input_options(CLI::App& command, InputOptions& options);
/// -p/--profile for a command that takes one profile.
void add_profile_option(CLI::App& command, std::string& profile);
/// --missing error|skip, as compute, gaps and rotate take it.
void add_missing_option(CLI::App& command, std::string& missing);

/// The inputs, opened ("-" is stdin): CSV as it is, a workbook (.xlsx, .xls, told by its
/// first bytes) as the CSV text of its chosen sheet. Keeps the streams alive as long as it
/// lives.
class OpenInputs {
  public:
    /// `verbose`: say on stderr which sheet of a workbook is read.
    explicit OpenInputs(const InputOptions& options, bool verbose = false);
    ~OpenInputs();
    const std::vector<InputSource>& sources() const { return sources_; }

  private:
    void open_workbook(std::unique_ptr<Workbook> workbook, const std::string& file,
                       const InputOptions& options, bool verbose);
    std::vector<std::unique_ptr<std::istream>> streams_;
    std::vector<std::unique_ptr<std::streambuf>> buffers_;
    std::vector<std::unique_ptr<Workbook>> workbooks_;
    std::vector<std::string> workbook_bytes_;
    std::vector<InputSource> sources_;
};

/// The profiles of a --profile list ("national-2017,my.toml"), in order: UsageError for an
/// unknown id or a bad list, InputError for a profile file that cannot be read or is invalid.
std::vector<Profile> load_profiles(const std::string& list);

/// Prints what was read from each input (rows, encoding, how its table was found) to stderr.
void print_summaries(const std::vector<InputSummary>& summaries);

/// Prints problems to stderr, at most `limit` of them (0: all that were kept), then a count of
/// the rest.
void print_problems(const Diagnostics& diagnostics, bool include_warnings, std::size_t limit);

/// Problems compute and gaps print before giving up; validate prints them all.
inline constexpr std::size_t kShownProblems = 50;

/// After reading, for compute and gaps: prints the problems (warnings unless `quiet`), then
/// refuses to go on when there were errors and the rows with them were not to be left out.
void report_reading_problems(const Diagnostics& diagnostics, bool quiet, bool skip_invalid);

/// How a command that evaluates reports on stderr.
struct Telling {
    bool quiet = false;    ///< no warnings or progress bar
    bool verbose = false;  ///< how each input was read
    bool skip_invalid = false;
};

/// The flow compute and gaps share up to the results: reads `inputs` once for every profile
/// (a progress bar on a terminal), prints the problems, refuses the run when errors were not
/// to be skipped (InputError), and returns the evaluators, unfinished, one per profile.
std::vector<std::unique_ptr<Evaluator>> read_and_accumulate(const OpenInputs& inputs,
                                                            const InputOptions& options,
                                                            const std::vector<Profile>& profiles,
                                                            const EvaluationOptions& evaluation,
                                                            const Telling& telling);
/// The same flow over sources already opened (rotate reads its inputs from memory).
std::vector<std::unique_ptr<Evaluator>> read_and_accumulate(const std::vector<InputSource>& sources,
                                                            const InputOptions& options,
                                                            const std::vector<Profile>& profiles,
                                                            const EvaluationOptions& evaluation,
                                                            const Telling& telling);

/// Threads that format the report once the inputs are read: as many as read them, the main
/// thread included, which only writes while they format (0: none, as --threads 0).
int formatting_threads(const InputOptions& options);

/// --missing's value: "skip" or "error" (checked by the option).
MissingPolicy missing_policy(const std::string& option);

}  // namespace eduqb::cli
