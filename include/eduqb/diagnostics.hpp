#pragma once
// Problems found in the input, collected rather than thrown, so a user sees all of them at once.

#include <cstddef>
#include <string>
#include <vector>

#include "eduqb/error.hpp"

namespace eduqb {

enum class Severity { error, warning };

/// One problem: where, which field, and a message that says what was found and what was
/// expected.
struct Problem {
    Severity severity = Severity::error;
    Location where;
    std::string field;  ///< canonical column name, or empty for whole-row problems
    std::string message;
};

/// "file:line:column: error: field: message"
std::string format_problem(const Problem& problem);

class Diagnostics {
  public:
    /// Problems beyond this many are counted but not kept (a broken million-row file must not
    /// exhaust memory with messages).
    static constexpr std::size_t kMaxKept = 10000;

    void error(Location where, std::string field, std::string message);
    void warning(Location where, std::string field, std::string message);

    std::size_t errors() const { return errors_; }
    std::size_t warnings() const { return warnings_; }
    /// The first kMaxKept problems, in the order they were found.
    const std::vector<Problem>& problems() const { return problems_; }
    std::size_t not_kept() const { return errors_ + warnings_ - problems_.size(); }

    /// How many problems had been reported at some point: see append().
    struct Mark {
        std::size_t kept = 0;
        std::size_t errors = 0;
        std::size_t warnings = 0;
    };
    Mark mark() const { return Mark{problems_.size(), errors_, warnings_}; }
    /// Reports here what `other` reported between two of its marks, as if in that order here
    /// (problems `other` did not keep are counted).
    void append(const Diagnostics& other, const Mark& from, const Mark& to) {
        // Called for every row, nearly all of which report nothing.
        if (from.kept == to.kept && from.errors == to.errors && from.warnings == to.warnings) {
            return;
        }
        append_reported(other, from, to);
    }

  private:
    void append_reported(const Diagnostics& other, const Mark& from, const Mark& to);
    void add(Problem problem);
    std::vector<Problem> problems_;
    std::size_t errors_ = 0;
    std::size_t warnings_ = 0;
};

/// Thrown when the input has errors and the user did not ask to leave those rows out.
class InvalidInput : public InputError {
  public:
    explicit InvalidInput(std::size_t errors);
    std::size_t errors() const { return errors_; }

  private:
    std::size_t errors_;
};

}  // namespace eduqb
