#pragma once
// What compute and validate share: opening inputs, the reading options, printing problems.

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/pipeline.hpp"

namespace CLI {
class App;
}

namespace eduqb::cli {

/// Options every command that reads school statistics accepts.
struct InputOptions {
    std::vector<std::string> files;
    std::string encoding = "auto";
    int skip_rows = 0;
    long max_rows = ReadOptions{}.max_rows;
    int threads = ReadOptions{}.threads;

    ReadOptions read_options() const;
};

void add_input_options(CLI::App& command, InputOptions& options);

/// The inputs, opened ("-" is stdin). Keeps the streams alive as long as it lives.
class OpenInputs {
  public:
    explicit OpenInputs(const std::vector<std::string>& files);
    const std::vector<InputSource>& sources() const { return sources_; }

  private:
    std::vector<std::unique_ptr<std::ifstream>> streams_;
    std::vector<InputSource> sources_;
};

/// Prints problems to stderr, at most `limit` of them (0: all that were kept), then a count of
/// the rest.
void print_problems(const Diagnostics& diagnostics, bool include_warnings, std::size_t limit);

}  // namespace eduqb::cli
