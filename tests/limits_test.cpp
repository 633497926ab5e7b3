// Inputs at and beyond eduqb's limits, and inputs that once broke it: each ends with a clear
// error naming file:line (or a correct result), never a crash, a hang or a silently wrong
// number. The limits are documented in docs/reliability.md; the streaming cases (a 1 GB line,
// an endless stdin) run the real binary in tests/limits/.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "eduqb/decode.hpp"
#include "eduqb/error.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

/// The message of the InputError that decoding `bytes` throws, or "" when it throws none.
std::string decode_error(const std::string& bytes, Encoding encoding = Encoding::automatic) {
    std::istringstream in(bytes);
    Utf8Decoder decoder("t.csv", in, encoding);
    char buffer[4096];
    try {
        while (decoder.read(buffer, sizeof buffer) > 0) {
        }
    } catch (const InputError& error) {
        return error.what();
    }
    return "";
}

const std::string kNulMessage =
    "a NUL byte, which is not text (save the file as UTF-8 or GBK, or name its encoding with "
    "--encoding)";

}  // namespace

TEST_CASE("limits: a NUL byte is an error with its line and offset, in every encoding") {
    // Read as text up to the NUL, "18\0" "50" would have been 18 students.
    CHECK(decode_error(std::string("a,b\n18\0"
                                   "50,1\n",
                                   12)) == "t.csv:2: byte offset 6: " + kNulMessage);
    CHECK(decode_error(std::string("\xE5\xAD\xA6\n\0", 5)) ==
          "t.csv:2: byte offset 4: " + kNulMessage);
    // GBK 学 then a NUL; and a NUL that cuts a GBK character in two.
    CHECK(decode_error(std::string("a\n\xD1\xA7\0", 5), Encoding::gbk) ==
          "t.csv:2: byte offset 4: " + kNulMessage);
    CHECK(decode_error(std::string("a\n\xD1\0", 4), Encoding::gb18030) ==
          "t.csv:2: byte offset 3: " + kNulMessage);
    // UTF-16LE with a byte-order mark: "s", newline, then a zero code unit.
    CHECK(decode_error(std::string("\xFF\xFEs\0\n\0\0\0", 8)) ==
          "t.csv:2: byte offset 6: " + kNulMessage);
    // 1 MiB of zero bytes, as `head -c` of /dev/zero gives.
    CHECK(decode_error(std::string(1 << 20, '\0')) == "t.csv:1: byte offset 0: " + kNulMessage);
    // UTF-16 text itself holds zero bytes, but no zero code unit.
    CHECK(decode_error(std::string("\xFF\xFEs\0\n\0", 6)).empty());
}
