// profile_changes: the rules where a profile file differs from the built-in of its id, on
// edits written by hand into the built-in text.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "eduqb/profile.hpp"

using namespace eduqb;

namespace {

std::string builtin(const char* id) {
    return std::string(*builtin_profile_text(id));
}

/// `text` with its first `from` replaced by `to`; the edit must apply.
std::string edited(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("profile_changes: the same text, and edits of names only, change no rule") {
    const std::string text = builtin("national-2017");
    CHECK(profile_changes(text, text).empty());
    std::string names = edited(text, "title_en = \"County", "title_en = \"Our county");
    names = edited(names, "label_zh = \"平均班额\"", "label_zh = \"班额\"");
    names = edited(names, "unit = \"m² per student\"", "unit = \"square metres each\"");
    names += "\n# a comment at the end\n";
    CHECK(profile_changes(text, names).empty());
}

TEST_CASE("profile_changes: a changed limit, by path, with both values") {
    const std::string text = builtin("national-2017");
    const auto changes = profile_changes(
        text, edited(text, "cv_limit = { primary = 0.50", "cv_limit = { primary = 0.15"));
    CHECK(changes == std::vector<std::string>{"cv_limit.primary: 0.5 → 0.15"});
}

TEST_CASE("profile_changes: indicators by id, whatever their order; numbers by value") {
    const std::string text = builtin("national-2017");
    // 6 and 6.0 are one number; the standard of one indicator changes.
    std::string file = edited(text, "min_reached = 6", "min_reached = 6.0");
    file = edited(file, "standard = { primary = 1.0, junior = 1.0 }",
                  "standard = { primary = 1.2, junior = 1.0 }");
    CHECK(profile_changes(text, file) ==
          std::vector<std::string>{"indicator[backbone_per100].standard.primary: 1 → 1.2"});

    // The last indicator moved first: no rule changed.
    const std::size_t last = text.rfind("[[indicator]]");
    const std::size_t first = text.find("[[indicator]]");
    const std::string moved =
        text.substr(0, first) + text.substr(last) + "\n" + text.substr(first, last - first);
    CHECK(profile_changes(text, moved).empty());
}

TEST_CASE("profile_changes: keys added and removed, and a changed list") {
    const std::string text = builtin("national-2017");
    std::string file = edited(text, "floor_fraction = 0.85\n", "");
    file = edited(file, "stages = [\"primary\", \"junior\"]", "stages = [\"primary\"]");
    file = edited(file, "students_below = 50,", "students_below = 50, school_type_extra = 1,");
    const auto changes = profile_changes(text, file);
    REQUIRE(changes.size() == 3);
    // In key order.
    CHECK(changes[0] == "school_rule.floor_fraction: removed (was 0.85)");
    CHECK(changes[1] == "scope.exclude[small_teaching_point].school_type_extra: added (1)");
    CHECK(changes[2].rfind("stages: ", 0) == 0);
    CHECK(changes[2].find("→") != std::string::npos);
}

TEST_CASE("profile_changes: a key left out at its default is no change; another value is") {
    const std::string text = builtin("national-2017");
    REQUIRE(text.find("share = 0.10") != std::string::npos);
    // A copy made before [exchange] was written into the built-in profile.
    CHECK(profile_changes(text, edited(text, "share = 0.10", "")).empty());
    CHECK(profile_changes(text, edited(text, "share = 0.10", "share = 0.2")) ==
          std::vector<std::string>{"exchange.share: 0.1 → 0.2"});
}
