#include "input/csv_cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace eduqb {
namespace {

/// A field's bytes: [begin, end), quotes included.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Walks the records of a CSV text field by field, counting physical lines.
class FieldWalker {
  public:
    explicit FieldWalker(std::string_view text)
        : text_(text), newline_(text.find('\n') != std::string_view::npos ? '\n' : '\r') {}

    bool done() const { return position_ >= text_.size(); }
    long line() const { return line_; }

    /// The fields of the record that starts here; moves past it and its line end.
    std::vector<Span> record() {
        std::vector<Span> fields;
        bool quoted = false;
        std::size_t start = position_;
        for (; position_ < text_.size(); ++position_) {
            const char c = text_[position_];
            if (c == '"') quoted = !quoted;
            if (c == newline_) ++line_;
            if (quoted) continue;
            if (c == ',') {
                fields.push_back({start, position_});
                start = position_ + 1;
            } else if (c == newline_) {
                std::size_t end = position_;
                if (newline_ == '\n' && end > start && text_[end - 1] == '\r') --end;
                fields.push_back({start, end});
                ++position_;
                return fields;
            }
        }
        fields.push_back({start, position_});
        return fields;
    }

  private:
    std::string_view text_;
    char newline_;
    std::size_t position_ = 0;
    long line_ = 1;
};

bool is_quoted(std::string_view field) {
    const auto first = field.find_first_not_of(' ');
    const auto last = field.find_last_not_of(' ');
    return first != std::string_view::npos && last > first && field[first] == '"' &&
           field[last] == '"';
}

}  // namespace

std::string replace_fields(std::string_view text, std::vector<FieldEdit> edits) {
    std::sort(edits.begin(), edits.end(), [](const FieldEdit& a, const FieldEdit& b) {
        return std::tie(a.line, a.field) < std::tie(b.line, b.field);
    });
    std::string out;
    out.reserve(text.size() + 16 * edits.size());
    std::size_t copied = 0;
    std::size_t next = 0;
    FieldWalker walker(text);
    while (next < edits.size() && !walker.done()) {
        const long line = walker.line();
        const std::vector<Span> fields = walker.record();
        for (; next < edits.size() && edits[next].line == line; ++next) {
            const FieldEdit& edit = edits[next];
            if (edit.field >= fields.size()) break;
            const Span span = fields[edit.field];
            const std::string_view old = text.substr(span.begin, span.end - span.begin);
            out.append(text.substr(copied, span.begin - copied));
            out += is_quoted(old) ? "\"" + edit.text + "\"" : edit.text;
            copied = span.end;
        }
        if (next < edits.size() && edits[next].line <= line) break;
    }
    if (next < edits.size()) {
        throw std::invalid_argument(fmt::format("no field {} in a record starting on line {}",
                                                edits[next].field + 1, edits[next].line));
    }
    out.append(text.substr(copied));
    return out;
}

}  // namespace eduqb
