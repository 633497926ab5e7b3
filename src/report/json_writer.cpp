#include "report/json_writer.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/escape.hpp"
#include "base/number_text.hpp"
#include "eduqb/report.hpp"

namespace eduqb::detail {

bool JsonWriter::plain_key(std::string_view name) {
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return c > 0x20 && c < 0x7F && c != '"' && c != '\\'; });
}

void JsonWriter::grow(std::size_t size) {
    // A little at a time: a piece writer gives back what it did not use, and the next one on
    // the same text would otherwise fill (with zeros) a doubling of all the text before it.
    // The string's own capacity still doubles.
    constexpr std::size_t kStep = 2048;
    buffer_.resize(used_ + std::max(size, kStep));
}

char* JsonWriter::indent_deep(char* out) const {
    *out++ = '\n';
    const std::size_t spaces = 2 * levels_.size();
    std::memset(out, ' ', spaces);
    return out + spaces;
}

void JsonWriter::flush() {
    out_->write(buffer_.data(), static_cast<std::streamsize>(used_));
    used_ = 0;
}

JsonWriter& JsonWriter::open(char bracket, bool array) {
    char* out = separate(room(1));
    *out++ = bracket;
    levels_.push_back(Level{array, true});
    used_ = static_cast<std::size_t>(out - buffer_.data());
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    char* out = room(2);
    if (!empty) out = indent(out);
    *out++ = bracket;
    if (levels_.empty()) *out++ = '\n';
    return written(out);
}

JsonWriter& JsonWriter::string(std::string_view text) {
    char* out = separate(room(json_string_capacity(text.size())));
    return written(write_json_string(out, text));
}

JsonWriter& JsonWriter::number(double value) {
    char* out = separate(room(kShortestTextCapacity));
    // JSON has no NaN: a missing number is null.
    if (!std::isfinite(value)) {
        std::memcpy(out, "null", 4);
        return written(out + 4);
    }
    return written(write_shortest(out, value));
}

JsonWriter& JsonWriter::integer(long long value) {
    char* out = separate(room(20));
    return written(fmt::format_to(out, FMT_COMPILE("{}"), value));
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    while (!json.empty() && json.back() == '\n') json.remove_suffix(1);
    char* out = separate(room(json.size()));
    std::memcpy(out, json.data(), json.size());
    return written(out + json.size());
}

JsonWriter& JsonWriter::splice(std::string_view elements) {
    if (elements.empty()) return *this;
    levels_.back().empty = false;
    if (out_ != nullptr && elements.size() >= kFlushBytes) {
        // Long pieces go to the stream as they are: copied into the buffer, they would only
        // make it as long as themselves.
        flush();
        out_->write(elements.data(), static_cast<std::streamsize>(elements.size()));
        return *this;
    }
    char* out = room(elements.size());
    std::memcpy(out, elements.data(), elements.size());
    return written(out + elements.size());
}

void write_group_key(JsonWriter& json, const GroupKey& key) {
    json.key("district").string(key.district);
    json.key("year").integer_or_null(key.year);
    json.key("stage").string(to_string(key.stage));
}

}  // namespace eduqb::detail
