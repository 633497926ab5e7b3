#pragma once
// The whole evaluation: read → normalise → split → scope → indicators → dispersion → judge.

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "eduqb/evaluate.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/report.hpp"

namespace eduqb {

/// One input: a display name for messages and reports, and its bytes.
struct InputSource {
    std::string name;
    std::istream* stream = nullptr;
};

/// Something worth telling the user that does not stop the evaluation.
struct Warning {
    std::string file;
    long line = 0;
    std::string message;
};

/// How far reading has got, for progress displays.
struct Progress {
    std::size_t input = 0;    ///< index of the input being read
    std::uint64_t bytes = 0;  ///< bytes of that input read so far (records as read, about)
    std::uint64_t rows = 0;   ///< rows read so far, all inputs
};
/// Called every few thousand rows and once at the end of each input.
using ProgressHook = std::function<void(const Progress&)>;

/// Runs every input through the pipeline (inputs are concatenated) and returns the report.
/// Throws InputError on unreadable or invalid input. Warnings are appended to `warnings`.
Report evaluate_inputs(const std::vector<InputSource>& inputs, const Profile& profile,
                       const EvaluationOptions& options, std::vector<Warning>& warnings,
                       const ProgressHook& progress = {});

}  // namespace eduqb
