#include "eduqb/error.hpp"

namespace eduqb {

std::string format_location(const Location& where) {
    std::string text;
    if (!where.file.empty()) text += where.file + ":";
    if (where.line > 0) text += std::to_string(where.line) + ":";
    if (where.line > 0 && where.column > 0) text += std::to_string(where.column) + ":";
    if (!text.empty()) text += " ";
    return text;
}

InputError::InputError(Location where, const std::string& message)
    : std::runtime_error(format_location(where) + message),
      where_(std::move(where)),
      message_(message) {}

}  // namespace eduqb
