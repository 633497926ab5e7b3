#include "eduqb/read.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "eduqb/error.hpp"

using namespace eduqb;

namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader("t.csv", in);
    Record record;
    std::vector<std::vector<std::string>> rows;
    while (reader.next(record)) {
        rows.emplace_back(record.fields.begin(), record.fields.end());
        rows.back().insert(rows.back().begin(), std::to_string(record.line));
    }
    return rows;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("read: plain, quoted and CRLF records with their line numbers") {
    CHECK(read_all("a,b\r\n1,2\r\n") == Rows{{"1", "a", "b"}, {"2", "1", "2"}});
    CHECK(read_all("\"x, y\",\"say \"\"hi\"\"\",\n") == Rows{{"1", "x, y", "say \"hi\"", ""}});
    CHECK(read_all("a\n\n\nb") == Rows{{"1", "a"}, {"4", "b"}});
}

TEST_CASE("read: a quoted field may span lines") {
    CHECK(read_all("id,name\n1,\"two\nlines\"\n2,x\n") ==
          Rows{{"1", "id", "name"}, {"2", "1", "two\nlines"}, {"4", "2", "x"}});
}

TEST_CASE("read: a UTF-8 byte-order mark is not part of the first header") {
    CHECK(read_all("\xEF\xBB\xBFschool_id,x\n") == Rows{{"1", "school_id", "x"}});
}

TEST_CASE("read: an unclosed quote is an error with its line") {
    CHECK_THROWS_WITH_AS(read_all("a\n\"open,1\n2,3\n"),
                         "t.csv:2: a quoted field is not closed before the end of the file",
                         InputError);
}
