// Rewriting fields of a CSV text: the edited fields change, every other byte stays.

#include "input/csv_cells.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace eduqb;

TEST_CASE("csv_cells: fields replaced, line ends, quotes and byte order mark kept") {
    const std::string text =
        "\xEF\xBB\xBFid,name,teachers\r\n"
        "1,\"甲, 小学\",30\r\n"
        "2,\"乙\n小学\",\"28\"\r\n"
        "3,丙,14";
    const std::string out = replace_fields(text, {{3, 2, "27"}, {2, 2, "31"}, {5, 2, "15"}});
    CHECK(out ==
          "\xEF\xBB\xBFid,name,teachers\r\n"
          "1,\"甲, 小学\",31\r\n"
          "2,\"乙\n小学\",\"27\"\r\n"
          "3,丙,15");
}

TEST_CASE("csv_cells: lines end at CR when the text has no LF; blank lines are counted") {
    CHECK(replace_fields("a,b\r1,2\r\r3,4\r", {{4, 1, "5"}}) == "a,b\r1,2\r\r3,5\r");
    CHECK(replace_fields("a,b\n1,2\n\n3,4\n", {{4, 0, "9"}}) == "a,b\n1,2\n\n9,4\n");
}

TEST_CASE("csv_cells: GB18030 text is rewritten byte for byte") {
    // 甲 in GB18030 is BC D7; a four-byte character's second and fourth bytes are digits.
    const std::string text = "id,name,n\n1,\xBC\xD7\x81\x30\x81\x30,30\n";
    CHECK(replace_fields(text, {{2, 2, "29"}}) == "id,name,n\n1,\xBC\xD7\x81\x30\x81\x30,29\n");
}

TEST_CASE("csv_cells: an edit of a record or field that is not there is refused") {
    CHECK_THROWS_AS(replace_fields("a,b\n1,2\n", {{3, 0, "x"}}), std::invalid_argument);
    CHECK_THROWS_AS(replace_fields("a,b\n1,2\n", {{2, 5, "x"}}), std::invalid_argument);
    CHECK(replace_fields("a,b\n1,2\n", {}) == "a,b\n1,2\n");
}
