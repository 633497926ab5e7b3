#pragma once
// Reports are rendered in UTF-8; offices with old Excel or WPS may need them in GBK.

#include <optional>
#include <string>
#include <string_view>

namespace eduqb {

enum class OutputEncoding { utf8, gbk, gb18030 };

/// "utf-8" (or "utf8"), "gbk", "gb18030"; case-insensitive.
std::optional<OutputEncoding> parse_output_encoding(std::string_view text);
std::string_view to_string(OutputEncoding encoding);

/// The UTF-8 byte order mark, which makes Excel read a CSV file as UTF-8.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// Transcodes UTF-8 text (glibc iconv). OutputError naming the first character that the
/// encoding cannot represent, with its code point and line, or the first invalid byte.
std::string encode_output(std::string_view utf8, OutputEncoding encoding);

}  // namespace eduqb
