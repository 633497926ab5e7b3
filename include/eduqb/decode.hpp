#pragma once
// Stage 1a: bytes in whatever encoding Chinese Excel/WPS saved → UTF-8, once, before parsing.
//
// Detection order: an explicit encoding wins; else a byte-order mark (UTF-8, UTF-16LE/BE);
// else strict UTF-8; else GB18030 (a superset of GBK). The decision is made on the first
// non-ASCII bytes (ASCII is the same in all of them), so it works on a stream such as stdin.

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace eduqb {

enum class Encoding { automatic, utf8, gbk, gb18030, utf16le, utf16be, utf16 };

std::optional<Encoding> parse_encoding(std::string_view text);
std::string_view to_string(Encoding encoding);

/// Reads an istream and yields UTF-8, transcoding with iconv where needed. Throws InputError
/// naming the byte offset and line of the first byte that fits no encoding.
class Utf8Decoder {
  public:
    Utf8Decoder(std::string name, std::istream& in, Encoding requested);
    ~Utf8Decoder();
    Utf8Decoder(const Utf8Decoder&) = delete;
    Utf8Decoder& operator=(const Utf8Decoder&) = delete;

    /// Fills up to `size` bytes of UTF-8; 0 at the end of the input.
    std::size_t read(char* out, std::size_t size);
    /// The encoding found (or requested); automatic until the first non-ASCII byte.
    Encoding detected() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The length of the longest prefix of `text` that is valid UTF-8 (no overlongs, no
/// surrogates): text.size() when all of it is. With `allow_truncated_tail`, a sequence cut
/// off by the end of `text` counts as valid (more bytes are to come).
std::size_t valid_utf8_prefix(std::string_view text, bool allow_truncated_tail);

/// The block checks valid_utf8_prefix may use; it takes the widest the processor has.
enum class Utf8Blocks { none, ssse3, avx2 };
/// valid_utf8_prefix with the given block check (which the processor must support), so that
/// tests reach each of them.
std::size_t valid_utf8_prefix(std::string_view text, bool allow_truncated_tail, Utf8Blocks blocks);

}  // namespace eduqb
