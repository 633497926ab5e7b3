// Inputs at and beyond eduqb's limits, and inputs that once broke it: each ends with a clear
// error naming file:line (or a correct result), never a crash, a hang or a silently wrong
// number. The limits are documented in docs/reliability.md; the streaming cases (a 1 GB line,
// an endless stdin) run the real binary in tests/limits/.

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>
#include <string>

#include "eduqb/decode.hpp"
#include "eduqb/error.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

/// While not 0, new[] of 16 MiB or more (the line reader's buffer) comes filled with "x\n"
/// lines such that byte `stale_newline_at` is a '\n', as reused memory may be: memory the
/// reader has not written must never be read as data.
std::size_t stale_newline_at = 0;

}  // namespace

// Replaces the global array new/delete of this test executable; unless stale_newline_at is
// set, they are plain malloc and free.
void* operator new[](std::size_t size) {
    void* memory = std::malloc(size ? size : 1);
    if (!memory) throw std::bad_alloc();
    if (stale_newline_at != 0 && size >= (std::size_t{1} << 24)) {
        char* bytes = static_cast<char*>(memory);
        for (std::size_t i = 0; i < size; ++i) {
            bytes[i] = i % 2 == stale_newline_at % 2 ? '\n' : 'x';
        }
    }
    return memory;
}
void operator delete[](void* memory) noexcept {
    std::free(memory);
}
void operator delete[](void* memory, std::size_t) noexcept {
    std::free(memory);
}

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

TEST_CASE("limits: the reader never reads past the data when the last line has no newline") {
    // Found by fuzz_read: libfccp's LineReader looks at the byte after the data; a stale '\n'
    // there made it step past the end of the data and return the rest of its buffer as lines,
    // reading beyond the buffer at last.
    const std::string csv = std::string(kHeader) +
                            "1,a,d,2024,primary_school,primary,urban,100,5,5,1,1,1,500,800,"
                            "300000,3,20,3000,3\n"
                            "2,b,d,2024,primary_school,primary,urban,300,15,15,3,3,3,1500,2400,"
                            "900000,9,60,9000,8";  // no newline at the end
    stale_newline_at = csv.size();
    std::istringstream in(csv);
    long records = 0;
    long last_line = 0;
    try {
        CsvReader reader("t.csv", in);
        Record record;
        while (reader.next(record) && records < 10) {
            ++records;
            last_line = record.line;
        }
    } catch (...) {
        stale_newline_at = 0;
        throw;
    }
    stale_newline_at = 0;
    CHECK(records == 3);
    CHECK(last_line == 3);
}

namespace {

/// Reads every record of `csv`; the InputError's message, or "" when there is none.
std::string read_error(const std::string& csv, long* records = nullptr) {
    std::istringstream in(csv);
    CsvReader reader("t.csv", in);
    Record record;
    long count = 0;
    try {
        while (reader.next(record)) ++count;
    } catch (const InputError& error) {
        return error.what();
    }
    if (records) *records = count;
    return "";
}

}  // namespace

TEST_CASE("limits: a record spanning lines is bounded like a line, and read in linear time") {
    // An opening quote, then 17 million empty lines: before, the record grew without bound
    // and every line rescanned all of it (an endless stdin never ended).
    const std::string endless = "a,\"b\n" + std::string(17u << 20, '\n');
    CHECK(read_error(endless) ==
          "t.csv:1: a quoted field that starts on this line is still open after 16 MiB (a quote "
          "that is never closed?)");
    // Just under the limit, the field is closed and the record read whole.
    long records = 0;
    const std::string big = "a,\"b\n" + std::string((16u << 20) - 16, '\n') + "\",c\nd,e\n";
    CHECK(read_error(big, &records).empty());
    CHECK(records == 2);
    // A line longer than 16 MiB.
    CHECK(read_error(std::string(17u << 20, 'a')) ==
          "t.csv:1: line longer than the 16 MiB limit (is this a CSV file?)");
}

TEST_CASE("limits: a profile number above 1e9 is an error naming its line and column") {
    // Found with the fuzz_profile oracle: a multiplier of 1e308 made district values infinite
    // and CVs NaN; a weight of 1e308 the composite NaN (fuzz/regressions/fuzz_profile/).
    std::string text(*builtin_profile_text("national-2012"));
    const std::string weight = "[[indicator]]\n";
    text.replace(text.find(weight), weight.size(), weight + "weight = 1e308\n");
    try {
        parse_profile(text, "w.toml");
        FAIL("no error");
    } catch (const InputError& error) {
        CHECK(error.message() == "'weight' is too large (at most 1e9)");
        CHECK(error.where().file == "w.toml");
        CHECK(error.where().line > 0);
        CHECK(error.where().column > 0);
    }
    std::string multiplier(*builtin_profile_text("national-2017"));
    const std::string hundred = "multiplier = 100\n";
    multiplier.replace(multiplier.find(hundred), hundred.size(), "multiplier = 1e10\n");
    CHECK_THROWS_WITH_AS(parse_profile(multiplier, "m.toml"),
                         doctest::Contains("'multiplier' is too large (at most 1e9)"), InputError);
    // 1e9 itself is allowed.
    multiplier = std::string(*builtin_profile_text("national-2017"));
    multiplier.replace(multiplier.find(hundred), hundred.size(), "multiplier = 1e9\n");
    CHECK(parse_profile(multiplier, "m.toml").indicators.front().multiplier == 1e9);
}
