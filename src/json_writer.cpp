#include "json_writer.hpp"

#include <fmt/format.h>

#include <cmath>

#include "number_text.hpp"

namespace eduqb::detail {

void JsonWriter::newline() {
    out_ << '\n';
    for (std::size_t i = 0; i < levels_.size(); ++i) out_ << "  ";
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!levels_.empty()) {
        if (!levels_.back().empty) out_ << ',';
        levels_.back().empty = false;
        newline();
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ << '{';
    levels_.push_back(Level{false, true});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) newline();
    out_ << '}';
    if (levels_.empty()) out_ << '\n';
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ << '[';
    levels_.push_back(Level{true, true});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) newline();
    out_ << ']';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    string(name);
    out_ << ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
    if (!after_key_ && !levels_.empty() && levels_.back().array) before_value();
    after_key_ = false;
    out_ << '"';
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out_ << "\\\"";
                break;
            case '\\':
                out_ << "\\\\";
                break;
            case '\n':
                out_ << "\\n";
                break;
            case '\r':
                out_ << "\\r";
                break;
            case '\t':
                out_ << "\\t";
                break;
            default:
                if (c < 0x20) {
                    out_ << fmt::format("\\u{:04x}", c);
                } else {
                    out_ << c;
                }
        }
    }
    out_ << '"';
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    before_value();
    if (std::isfinite(value)) {
        out_ << shortest_text(value);
    } else {
        out_ << "null";  // JSON has no NaN; a missing number is null
    }
    return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
    before_value();
    out_ << value;
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
    before_value();
    out_ << (value ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    while (!json.empty() && json.back() == '\n') json.remove_suffix(1);
    out_ << json;
    return *this;
}

JsonWriter& JsonWriter::boolean_or_null(const std::optional<bool>& value) {
    return value ? boolean(*value) : null();
}

JsonWriter& JsonWriter::number_or_null(const std::optional<double>& value) {
    return value ? number(*value) : null();
}

JsonWriter& JsonWriter::integer_or_null(const std::optional<long long>& value) {
    return value ? integer(*value) : null();
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ << "null";
    return *this;
}

}  // namespace eduqb::detail
