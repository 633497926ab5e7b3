#pragma once
// The whole evaluation: read → normalise → validate → split → scope → indicators →
// dispersion → judge.

#include <istream>
#include <string>
#include <vector>

#include "eduqb/decode.hpp"
#include "eduqb/diagnostics.hpp"
#include "eduqb/evaluate.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/report.hpp"

namespace eduqb {

/// One input: a display name for messages and reports, and its bytes.
struct InputSource {
    std::string name;
    std::istream* stream = nullptr;
};

/// How to read the inputs.
struct ReadOptions {
    Encoding encoding = Encoding::automatic;  ///< automatic: BOM, else UTF-8, else GB18030
    int skip_rows = 0;                        ///< records above the header (report titles)
    /// Rows of all inputs together beyond which reading stops with an InputError: a bound on
    /// time and memory for an endless input. Eight times the compulsory-school sections of
    /// all China.
    long max_rows = 2'000'000;
    /// Errors beyond which reading stops with an InputError (the wrong file, or an endless
    /// stream of bad rows). As many as Diagnostics keeps.
    std::size_t max_errors = Diagnostics::kMaxKept;
};

/// What was found in one input.
struct InputSummary {
    std::string name;
    Encoding encoding = Encoding::automatic;
    long rows = 0;
};

/// Runs every input through the pipeline (inputs are concatenated) and returns the report.
/// Problems in rows are collected in `diagnostics` and those rows left out; the caller decides
/// whether errors refuse the run. A file that cannot be read at all throws InputError.
Report evaluate_inputs(const std::vector<InputSource>& inputs, const Profile& profile,
                       const ReadOptions& read, const EvaluationOptions& options,
                       Diagnostics& diagnostics, std::vector<InputSummary>* summaries = nullptr);

}  // namespace eduqb
