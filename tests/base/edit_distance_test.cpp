// Edit distance in code points against a plain full-matrix Levenshtein, and the suggestions
// it makes.

#include "base/edit_distance.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "base/spelling.hpp"
#include "base/utf8.hpp"

using namespace eduqb;

namespace {

/// The textbook recurrence over the whole matrix, on UTF-32.
int reference_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
    }
    return d[a.size()][b.size()];
}

std::string utf8(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) eduqb::detail::append_utf8(out, c);
    return out;
}

}  // namespace

TEST_CASE("edit distance: counted in characters, not bytes") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("", "ninja") == 5);
    CHECK(edit_distance("ninja", "") == 5);
    CHECK(edit_distance("ninja", "ninja") == 0);
    CHECK(edit_distance("ninja", "ninjb") == 1);
    CHECK(edit_distance("ninja", "njnja") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("城乡类形", "城乡类型") == 1);
    CHECK(edit_distance("学校标示码", "学校标识码") == 1);
    CHECK(edit_distance("学校标识码", "学校代码") == 2);
    CHECK(edit_distance("shcool_id", "school_id") == 2);
    CHECK(edit_distance("城区", "") == 2);
    CHECK(edit_distance("红旗县", "紅旗縣") == 2);
    CHECK(edit_distance("𠀀a", "𠀁a") == 1);
}

TEST_CASE("edit distance: a limit stops early at limit + 1") {
    CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);
    CHECK(edit_distance("abcdef", "uvwxyz") == 6);
    CHECK(edit_distance("abc", "abd", 2) == 1);
    CHECK(edit_distance("abc", "abd", 1) == 1);
    CHECK(edit_distance("城乡类型", "学校标识码", 1) == 2);
    CHECK(edit_distance("a", "abcdefgh", 3) == 4);
}

TEST_CASE("edit distance: the same as the full matrix on random words") {
    // ASCII, CJK and supplementary-plane characters from a small alphabet, so that words share
    // characters often.
    const std::u32string alphabet = U"ab_城乡区县类型码𠀀";
    std::mt19937 random(20240518);
    auto word = [&] {
        std::u32string text(random() % 9, U' ');
        for (char32_t& c : text) c = alphabet[random() % alphabet.size()];
        return text;
    };
    for (int round = 0; round < 3000; ++round) {
        const std::u32string a = word(), b = word();
        const int expected = reference_distance(a, b);
        const int limit = static_cast<int>(random() % 5);
        CAPTURE(utf8(a));
        CAPTURE(utf8(b));
        CHECK(edit_distance(utf8(a), utf8(b)) == expected);
        if (limit > 0)
            CHECK(edit_distance(utf8(a), utf8(b), limit) == std::min(expected, limit + 1));
    }
}

TEST_CASE("edit distance: how far a suggestion may be") {
    CHECK(suggestion_distance("") == 1);
    CHECK(suggestion_distance("城乡") == 1);
    CHECK(suggestion_distance("城乡类形") == 1);
    CHECK(suggestion_distance("abcd") == 1);
    CHECK(suggestion_distance("学校标示码") == 2);
    CHECK(suggestion_distance("abcde") == 2);
}

TEST_CASE("edit distance: did you mean") {
    const std::vector<std::string_view> headers = {"学校标识码", "城乡类型",    "学校名称",
                                                   "school_id",  "school_name", "班级数"};
    CHECK(closest("城乡类形", headers) == "城乡类型");
    CHECK(closest("学校标示码", headers) == "学校标识码");
    CHECK(closest("学校标码", headers) == "学校标识码");
    CHECK(closest("shcool_id", headers) == "school_id");
    CHECK(closest("schol_name", headers) == "school_name");
    CHECK(closest("班级", headers) == "班级数");
    // Too far for a typo.
    CHECK_FALSE(closest("驻地城乡代码", headers));
    CHECK_FALSE(closest("类形", headers));
    CHECK_FALSE(closest("学校代码", headers));
    CHECK_FALSE(closest("students", headers));
    CHECK_FALSE(closest("", headers));
    CHECK_FALSE(closest("城乡类形", {}));
    // Never a word replaced whole.
    CHECK_FALSE(closest("班", {"校"}, 1));
    CHECK(closest("班", {"班"}, 1) == "班");
    // The first of equally near candidates; an exact one before any.
    CHECK(closest("abcx", {"abcy", "abcz"}, 1) == "abcy");
    CHECK(closest("abcx", {"abcy", "abcx"}, 1) == "abcx");
    CHECK(closest("abcdef", {"abcxyz", "abcdxy"}, 3) == "abcdxy");
    CHECK(closest("abcdef", {"abcxyz"}, 2) == std::nullopt);
}

TEST_CASE("edit distance: profile suggestions counted in characters") {
    CHECK(did_you_mean("nine_yaer", {"nine_year", "twelve_year"}) ==
          " (did you mean 'nine_year'?)");
    CHECK(did_you_mean("primry", {"primary", "junior"}) == " (did you mean 'primary'?)");
    CHECK(did_you_mean("xyz", {"primary", "junior"}) == "");
    CHECK(did_you_mean("城乡类形", {"城乡类型"}) == " (did you mean '城乡类型'?)");
    CHECK(closest_match("完全不同", {"城乡类型"}) == "");
}
