// Names that differ only in how they are written: the key, the traditional → simplified table
// against the generated file it is compiled from, and the groups of spellings.

#include "input/similar_names.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace eduqb;

TEST_CASE("similar names: traditional, full-width and spaced spellings share a key") {
    CHECK(name_key("紅旗縣") == "红旗县");
    CHECK(name_key("红旗县") == "红旗县");
    CHECK(name_key("紅旗县") == "红旗县");
    CHECK(name_key("臺灣") == "台湾");
    CHECK(name_key("第１小学") == "第1小学");
    CHECK(name_key("ＡＢＣ（东校区）") == "ABC(东校区)");
    CHECK(name_key("￥") == "¥");
    for (const char* spaced :
         {"红旗 县", " 红旗县", "红旗县 ", "红旗\t县", "红旗　县", "红旗\u00A0县", "红\u200B旗县",
          "\uFEFF红旗县", "红旗县\u2060", "红旗\u3000\u3000县", "红旗\u200D县", "红旗\u202F县",
          "红旗县\u00AD", "红旗\uFE0F县", "紅 旗\u200B縣"}) {
        CAPTURE(spaced);
        CHECK(name_key(spaced) == "红旗县");
    }
    CHECK(name_key("") == "");
    CHECK(name_key(" \u3000\u200B") == "");
}

TEST_CASE("similar names: different names keep different keys") {
    CHECK(name_key("红旗县") != name_key("红星县"));
    CHECK(name_key("东城区") != name_key("西城区"));
    CHECK(name_key("第1小学") != name_key("第一小学"));
    CHECK(name_key("abc") == "abc");
    CHECK(name_key("abc") != name_key("ABC"));
    // Bytes that are not UTF-8 stay apart from each other and from characters.
    CHECK(name_key("\xFF") != name_key("\xFE"));
    CHECK(name_key("\xA0") != name_key(""));
    CHECK(name_key("\xE7\xBA") != name_key("红"));
}

TEST_CASE("similar names: the table is OpenCC's, as generated, and folds once for all") {
    // The generated file parsed apart: the reference for to_simplified's binary search.
    std::ifstream file(std::string(EDUQB_SOURCE_DIR) + "/src/input/hanzi_t2s_table.inc");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    const std::string table = text.str();
    std::map<char32_t, char32_t> expected;
    const std::regex pair(R"(\{0x([0-9A-F]+), 0x([0-9A-F]+)\})");
    char32_t previous = 0;
    bool sorted = true;
    for (auto it = std::sregex_iterator(table.begin(), table.end(), pair);
         it != std::sregex_iterator(); ++it) {
        const auto from = static_cast<char32_t>(std::stoul((*it)[1].str(), nullptr, 16));
        const auto to = static_cast<char32_t>(std::stoul((*it)[2].str(), nullptr, 16));
        sorted = sorted && from > previous;
        previous = from;
        expected[from] = to;
    }
    CHECK(sorted);
    CHECK(expected.size() > 4000);
    for (char32_t c = 0; c < 0x40000; ++c) {
        const auto found = expected.find(c);
        const char32_t simplified = found == expected.end() ? c : found->second;
        if (to_simplified(c) != simplified) {
            CAPTURE(static_cast<unsigned>(c));
            CHECK(to_simplified(c) == simplified);
        }
        // A folded character folds no further.
        if (to_simplified(simplified) != simplified) {
            CAPTURE(static_cast<unsigned>(c));
            CHECK(to_simplified(simplified) == simplified);
        }
    }
    CHECK(to_simplified(U'紅') == U'红');
    CHECK(to_simplified(U'縣') == U'县');
    CHECK(to_simplified(U'薴') == U'苎');  // through 苧
    CHECK(to_simplified(U'红') == U'红');
    CHECK(to_simplified(U'A') == U'A');
}

TEST_CASE("similar names: spellings of one name, grouped, with their first lines") {
    SimilarNames names;
    names.add("红旗县", {0, 2});
    names.add("红旗县", {0, 3});
    names.add("东城区", {0, 4});
    names.add("紅旗縣", {0, 5});
    names.add("西城区", {0, 6});
    names.add("东城区 ", {1, 7});
    names.add("紅旗縣", {1, 8});
    names.add("红旗县", {1, 9});
    names.add("", {1, 10});
    names.add("\u3000", {1, 11});
    names.add("紅旗县", {1, 12});
    CHECK(names.size() == 8);

    const auto groups = names.groups();
    REQUIRE(groups.size() == 2);
    REQUIRE(groups[0].size() == 3);
    CHECK(groups[0][0].name == "红旗县");
    CHECK(groups[0][0].first.file == 0);
    CHECK(groups[0][0].first.line == 2);
    CHECK(groups[0][1].name == "紅旗縣");
    CHECK(groups[0][1].first.line == 5);
    CHECK(groups[0][2].name == "紅旗县");
    CHECK(groups[0][2].first.file == 1);
    CHECK(groups[0][2].first.line == 12);
    REQUIRE(groups[1].size() == 2);
    CHECK(groups[1][0].name == "东城区");
    CHECK(groups[1][0].first.line == 4);
    CHECK(groups[1][1].name == "东城区 ");
    CHECK(groups[1][1].first.file == 1);
    CHECK(groups[1][1].first.line == 7);
}

TEST_CASE("similar names: no groups when every name is spelt one way") {
    SimilarNames names;
    CHECK(names.groups().empty());
    for (long line = 1; line <= 1000; ++line) {
        names.add(line % 3 == 0 ? "东城区" : "西城区", {0, line});
    }
    CHECK(names.size() == 2);
    CHECK(names.groups().empty());
}
