#include "report/json_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>

#include "base/escape.hpp"
#include "base/number_text.hpp"

namespace eduqb::detail {

void JsonWriter::newline() {
    // Copied from a line of spaces rather than filled: a fill was a tenth of a JSON report.
    static constexpr std::string_view kIndent =
        "\n                                                                ";
    const std::size_t size = 1 + 2 * levels_.size();
    if (size <= kIndent.size()) {
        buffer_.append(kIndent.data(), size);
    } else {
        buffer_ += '\n';
        buffer_.append(2 * levels_.size(), ' ');
    }
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!levels_.empty()) {
        if (!levels_.back().empty) buffer_ += ',';
        levels_.back().empty = false;
        newline();
    }
}

void JsonWriter::after_value() {
    if (out_ == nullptr || after_key_ || !(levels_.empty() || buffer_.size() >= kFlushBytes)) {
        return;
    }
    out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    buffer_ += '{';
    levels_.push_back(Level{false, true});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) newline();
    buffer_ += '}';
    if (levels_.empty()) buffer_ += '\n';
    after_value();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    buffer_ += '[';
    levels_.push_back(Level{true, true});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty) newline();
    buffer_ += ']';
    after_value();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    // Keys are eduqb's own names, never the input's: written as they are, which was a tenth
    // of a JSON report when each went through the escaping.
    assert(std::all_of(name.begin(), name.end(), [](char c) {
        return c > 0x20 && c < 0x7F && c != '"' && c != '\\';
    }));
    before_value();
    buffer_ += '"';
    buffer_ += name;
    buffer_ += "\": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
    if (!after_key_ && !levels_.empty() && levels_.back().array) before_value();
    after_key_ = false;
    append_json_string(buffer_, text);
    after_value();
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    before_value();
    if (std::isfinite(value)) {
        append_shortest(buffer_, value);
    } else {
        buffer_ += "null";  // JSON has no NaN; a missing number is null
    }
    after_value();
    return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
    before_value();
    fmt::format_to(std::back_inserter(buffer_), "{}", value);
    after_value();
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
    before_value();
    buffer_ += value ? "true" : "false";
    after_value();
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    while (!json.empty() && json.back() == '\n') json.remove_suffix(1);
    buffer_ += json;
    after_value();
    return *this;
}

JsonWriter& JsonWriter::splice(std::string_view elements) {
    if (elements.empty()) return *this;
    levels_.back().empty = false;
    buffer_ += elements;
    after_value();
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
    buffer_ += "null";
    after_value();
    return *this;
}

}  // namespace eduqb::detail
