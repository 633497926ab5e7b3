#include "eduqb/diagnostics.hpp"

#include <fmt/format.h>

#include "base/escape.hpp"

namespace eduqb {

std::string format_problem(const Problem& problem) {
    // Messages quote cells and file names, and go to the terminal: no control character in
    // them may reach it as it is.
    return detail::terminal_text(
        fmt::format("{}{}: {}{}", format_location(problem.where),
                    problem.severity == Severity::error ? "error" : "warning",
                    problem.field.empty() ? "" : problem.field + ": ", problem.message));
}

void Diagnostics::error(Location where, std::string field, std::string message) {
    ++errors_;
    add(Problem{Severity::error, std::move(where), std::move(field), std::move(message)});
}

void Diagnostics::warning(Location where, std::string field, std::string message) {
    ++warnings_;
    add(Problem{Severity::warning, std::move(where), std::move(field), std::move(message)});
}

void Diagnostics::append_reported(const Diagnostics& other, const Mark& from, const Mark& to) {
    for (std::size_t i = from.kept; i < to.kept; ++i) add(other.problems_[i]);
    errors_ += to.errors - from.errors;
    warnings_ += to.warnings - from.warnings;
}

void Diagnostics::add(Problem problem) {
    if (problems_.size() < kMaxKept) problems_.push_back(std::move(problem));
}

InvalidInput::InvalidInput(std::size_t errors)
    : InputError(fmt::format("{} error{} in the input; nothing was computed (fix them, or use "
                             "--skip-invalid to leave those rows out)",
                             errors, errors == 1 ? "" : "s")),
      errors_(errors) {}

}  // namespace eduqb
