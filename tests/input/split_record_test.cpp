#include "input/read.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace eduqb;

namespace {

std::vector<std::string> split(std::string text, bool* ok = nullptr) {
    std::string storage(text.size() + 1, '\0');
    std::vector<std::string_view> fields;
    const bool closed = split_record(text, storage.data(), fields);
    if (ok) *ok = closed;
    return {fields.begin(), fields.end()};
}

std::vector<std::vector<std::string>> read_all(const std::string& bytes) {
    std::istringstream in(bytes);
    CsvReader reader("test.csv", in);
    Record record;
    std::vector<std::vector<std::string>> rows;
    while (reader.next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
    return rows;
}

}  // namespace

TEST_CASE("read: split_record on a record without quotes") {
    CHECK(split("a,b,,d") == std::vector<std::string>{"a", "b", "", "d"});
    CHECK(split("") == std::vector<std::string>{""});
    CHECK(split(",") == std::vector<std::string>{"", ""});
    CHECK(split("城关区,2024,1850") == std::vector<std::string>{"城关区", "2024", "1850"});
    CHECK(split("a,") == std::vector<std::string>{"a", ""});
    CHECK(split(",,x") == std::vector<std::string>{"", "", "x"});
    // Longer than any block a scanner might take at once, commas at every distance.
    std::string line;
    std::vector<std::string> expected;
    for (int i = 0; i < 40; ++i) {
        expected.push_back(
            std::string(static_cast<std::size_t>(i % 19), static_cast<char>('a' + i % 26)));
        line += (i > 0 ? "," : "") + expected.back();
    }
    CHECK(split(line) == expected);
}

TEST_CASE("read: split_record unquotes, keeps commas and doubled quotes") {
    CHECK(split("1,\"A \"\"x\"\", y\",3") == std::vector<std::string>{"1", "A \"x\", y", "3"});
    CHECK(split("\"1,234\",,\"\"") == std::vector<std::string>{"1,234", "", ""});
    CHECK(split("plain,\"q\",after") == std::vector<std::string>{"plain", "q", "after"});
    bool ok = true;
    split("a,\"open", &ok);
    CHECK_FALSE(ok);
}

TEST_CASE("read: CsvReader joins quoted fields across lines, CRLF, skips blank lines") {
    const auto rows = read_all("h1,h2\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"h1", "h2"});
    CHECK(rows[1] == std::vector<std::string>{"1", "two\nlines"});
    CHECK(rows[2] == std::vector<std::string>{"3", "4"});
}
