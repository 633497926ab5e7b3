#pragma once
// A minimal streaming JSON writer: enough for eduqb's documents; strings are escaped by
// write_json_string (escape.hpp).

#include <cassert>
#include <cstddef>
#include <cstring>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace eduqb {
struct GroupKey;
}  // namespace eduqb

namespace eduqb::detail {

/// Writes into a buffer, handed to the stream in blocks of about kFlushBytes and when the
/// document's outermost value is complete. Nothing else may write to the stream while it is
/// open.
///
/// Each value asks for room once and is then written with plain stores: a report is mostly
/// short keys, indents and numbers, and appending each piece to a string (a capacity check
/// and a call per piece) was most of a JSON report's cost.
class JsonWriter {
  public:
    static constexpr std::size_t kFlushBytes = std::size_t{64} << 10;

    explicit JsonWriter(std::ostream& out) : buffer_(own_), used_(0), out_(&out) {}
    /// A piece of a document made on several threads: elements of an array nested `depth`
    /// deep, appended to `text` (complete when the piece writer is destroyed), the array's
    /// first element when `first`. splice() puts the piece in place.
    JsonWriter(std::string& text, std::size_t depth, bool first)
        : buffer_(text), used_(text.size()), out_(nullptr), levels_(depth, Level{true, true}) {
        if (!levels_.empty()) levels_.back().empty = first;
    }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;
    ~JsonWriter() { buffer_.resize(used_); }

    JsonWriter& begin_object() { return open('{', false); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('[', true); }
    JsonWriter& end_array() { return close(']'); }

    /// A key of eduqb's own: printable ASCII without quote or backslash, written unescaped.
    JsonWriter& key(std::string_view name) {
        assert(plain_key(name));
        char* out = separate(room(name.size() + 4));
        *out++ = '"';
        std::memcpy(out, name.data(), name.size());
        out += name.size();
        std::memcpy(out, "\": ", 3);
        used_ = static_cast<std::size_t>(out + 3 - buffer_.data());
        after_key_ = true;
        return *this;
    }
    JsonWriter& string(std::string_view text);
    /// A code of eduqb's own (stage, school type): as key(), written unescaped.
    JsonWriter& code(std::string_view text) {
        assert(plain_key(text));
        char* out = separate(room(text.size() + 2));
        *out++ = '"';
        std::memcpy(out, text.data(), text.size());
        out += text.size();
        *out++ = '"';
        return written(out);
    }
    JsonWriter& number(double value);  ///< shortest round-trip form
    JsonWriter& integer(long long value);
    JsonWriter& boolean(bool value) { return literal(value ? "true" : "false"); }
    JsonWriter& null() { return literal("null"); }
    /// The value, or null when there is none.
    JsonWriter& boolean_or_null(const std::optional<bool>& value) {
        return value ? boolean(*value) : null();
    }
    JsonWriter& number_or_null(const std::optional<double>& value) {
        return value ? number(*value) : null();
    }
    JsonWriter& integer_or_null(const std::optional<long long>& value) {
        return value ? integer(*value) : null();
    }
    /// A complete JSON value written as it is (trailing newlines dropped).
    JsonWriter& raw(std::string_view json);
    /// Elements of the array open here, written by a piece writer at this depth.
    JsonWriter& splice(std::string_view elements);
    /// Bytes written so far into the buffer (a piece writer's text, without its spare room).
    std::size_t size() const { return used_; }

  private:
    /// Bytes a value may write past what it asks for: the indent is copied whole.
    static constexpr std::size_t kSlack = 80;
    /// "\n" and two spaces per level, for the levels copied whole.
    static constexpr std::string_view kIndent =
        "\n                                                                ";

    struct Level {
        bool array = false;
        bool empty = true;
    };

    static bool plain_key(std::string_view name);

    /// Where the next `size` bytes go, with room for the separator and indent before them.
    char* room(std::size_t size) {
        size += kSlack + 2 * levels_.size();
        if (buffer_.size() - used_ < size) grow(size);
        return buffer_.data() + used_;
    }
    void grow(std::size_t size);

    /// Writes the comma and line break a value needs before it; returns where it goes.
    char* separate(char* out) {
        if (after_key_) {
            after_key_ = false;
            return out;
        }
        if (levels_.empty()) return out;
        if (!levels_.back().empty) *out++ = ',';
        levels_.back().empty = false;
        return indent(out);
    }
    char* indent(char* out) const {
        const std::size_t size = 1 + 2 * levels_.size();
        if (size <= kIndent.size()) {
            std::memcpy(out, kIndent.data(), kIndent.size());
            return out + size;
        }
        return indent_deep(out);
    }
    char* indent_deep(char* out) const;

    /// Marks `end` as written, and hands the buffer to the stream when it is full or the
    /// document is complete.
    JsonWriter& written(char* end) {
        used_ = static_cast<std::size_t>(end - buffer_.data());
        if (out_ != nullptr && (levels_.empty() || used_ >= kFlushBytes)) flush();
        return *this;
    }
    void flush();

    JsonWriter& literal(std::string_view text) {
        char* out = separate(room(text.size()));
        std::memcpy(out, text.data(), text.size());
        return written(out + text.size());
    }
    JsonWriter& open(char bracket, bool array);
    JsonWriter& close(char bracket);

    std::string own_;
    /// Written up to used_; the rest is room, cut off when the writer is done.
    std::string& buffer_;
    std::size_t used_;
    std::ostream* out_;  ///< null for a piece
    std::vector<Level> levels_;
    bool after_key_ = false;
};

/// A group's key as every eduqb document writes it: "district", "year" (null without one),
/// "stage".
void write_group_key(JsonWriter& json, const GroupKey& key);

}  // namespace eduqb::detail
