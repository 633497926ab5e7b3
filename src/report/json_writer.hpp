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

    explicit JsonWriter(std::ostream& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
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

  private:
    void before_value();
    void newline();
    /// Hands the buffer to the stream when it is full or the document is complete.
    void after_value();

    std::ostream& out_;
    std::string buffer_;
    struct Level {
        bool array = false;
        bool empty = true;
    };
    std::vector<Level> levels_;
    bool after_key_ = false;
};

}  // namespace eduqb::detail
