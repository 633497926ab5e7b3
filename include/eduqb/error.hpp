#pragma once
// Errors that carry where they happened; the command line turns each kind into one exit code.

#include <stdexcept>
#include <string>

namespace eduqb {

/// A place in an input file. line and column are 1-based; 0 means "not known".
struct Location {
    std::string file;
    long line = 0;
    int column = 0;
};

/// "file:line:column: " (parts that are unknown are left out).
std::string format_location(const Location& where);

/// The input cannot be read or does not make sense: a broken file, a missing column, a bad value.
class InputError : public std::runtime_error {
  public:
    InputError(Location where, const std::string& message);
    explicit InputError(const std::string& message) : InputError(Location{}, message) {}
    const Location& where() const { return where_; }
    const std::string& message() const { return message_; }

  private:
    Location where_;
    std::string message_;
};

/// The command line asks for something that does not exist (unknown profile, bad option value).
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A report could not be written (permissions, disk full, output onto an input file).
class OutputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace eduqb
