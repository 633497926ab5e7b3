#pragma once
// A minimal streaming JSON writer: enough for eduqb's documents; strings are escaped by
// append_json_string (escape.hpp).

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace eduqb::detail {

/// Writes into a buffer, handed to the stream in blocks of about kFlushBytes and when the
/// document's outermost value is complete: a stream insertion per character was half the
/// time of a national JSON report. Nothing else may write to the stream while it is open.
class JsonWriter {
  public:
    static constexpr std::size_t kFlushBytes = std::size_t{64} << 10;

    explicit JsonWriter(std::ostream& out) : buffer_(own_), out_(&out) {}
    /// A piece of a document made on several threads: elements of an array nested `depth`
    /// deep, appended to `text`, the array's first element when `first`. splice() puts the
    /// piece in place.
    JsonWriter(std::string& text, std::size_t depth, bool first)
        : buffer_(text), out_(nullptr), levels_(depth, Level{true, true}) {
        if (!levels_.empty()) levels_.back().empty = first;
    }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    /// A key of eduqb's own: printable ASCII without quote or backslash, written unescaped.
    JsonWriter& key(std::string_view name);
    JsonWriter& string(std::string_view text);
    JsonWriter& number(double value);  ///< shortest round-trip form
    JsonWriter& integer(long long value);
    JsonWriter& boolean(bool value);
    JsonWriter& null();
    /// The value, or null when there is none.
    JsonWriter& boolean_or_null(const std::optional<bool>& value);
    JsonWriter& number_or_null(const std::optional<double>& value);
    JsonWriter& integer_or_null(const std::optional<long long>& value);
    /// A complete JSON value written as it is (trailing newlines dropped).
    JsonWriter& raw(std::string_view json);
    /// Elements of the array open here, written by a piece writer at this depth.
    JsonWriter& splice(std::string_view elements);

  private:
    void before_value();
    void newline();
    /// Hands the buffer to the stream when it is full or the document is complete.
    void after_value();

    std::string own_;
    std::string& buffer_;
    std::ostream* out_;  ///< null for a piece
    struct Level {
        bool array = false;
        bool empty = true;
    };
    std::vector<Level> levels_;
    bool after_key_ = false;
};

}  // namespace eduqb::detail
