#pragma once
// A progress bar on stderr for long runs: only when stderr is a terminal and the input is
// large (over 50 MB) or the run has lasted over a second.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "eduqb/pipeline.hpp"

namespace eduqb::cli {

class ProgressBar {
  public:
    /// `files` as given on the command line ("-" is stdin, of unknown size). Disabled when
    /// `enabled` is false (--quiet) or stderr is not a terminal.
    ProgressBar(const std::vector<std::string>& files, bool enabled);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    /// The hook for evaluate_inputs(); empty when the bar is disabled (no cost per row).
    ProgressHook hook();
    /// Clears the bar's line.
    void finish();

  private:
    void update(const Progress& progress);

    bool enabled_ = false;
    bool drawn_ = false;
    std::vector<std::uint64_t> sizes_;  ///< per input; 0 when unknown
    std::uint64_t total_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace eduqb::cli
