// TextIds against a std::map doing the same bookkeeping: ids in order of first sight, the
// same id for the same text, through the table's growth.

#include "base/text_ids.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "base/short_text.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace eduqb;

TEST_CASE("text ids: the same text, the same id, in order of first sight") {
    // District-like names (one- and three-byte characters, 0 to 60 bytes), each seen several
    // times in a shuffled order, and names that differ from another in one byte.
    std::vector<std::string> names = {"", "a", "东", "东东区", "东东区 ", "东西区"};
    for (int i = 0; i < 3000; ++i) {
        names.push_back(fmt::format("第{}区", i));
        names.push_back(fmt::format("{}县", std::string(static_cast<std::size_t>(i % 20), 'x')));
        names.push_back(fmt::format("新疆维吾尔自治区伊犁哈萨克自治州第{}县", i));
    }
    std::vector<std::string> seen;
    for (int round = 0; round < 3; ++round) seen.insert(seen.end(), names.begin(), names.end());
    std::mt19937 random(7);
    std::shuffle(seen.begin(), seen.end(), random);

    TextIds ids;
    std::map<std::string, std::uint32_t> reference;
    for (const std::string& name : seen) {
        const auto expected =
            reference.try_emplace(name, static_cast<std::uint32_t>(reference.size()));
        const auto [id, added] = ids.intern(name);
        REQUIRE(id == expected.first->second);
        REQUIRE(added == expected.second);
        REQUIRE(ids.text(id) == name);
    }
    CHECK(ids.size() == reference.size());
    CHECK(reference.size() > 6000);  // the names repeat, and the table grew many times
    for (const auto& [name, id] : reference) CHECK(ids.intern(name) == std::make_pair(id, false));
}

TEST_CASE("text ids: texts whose slot and 32 hash bits agree are still told apart") {
    // Two texts that a table of 64 slots puts in the same slot with the same tag: found by
    // trying numbered names (about 2^19 of them, by the birthday bound on 38 bits).
    constexpr std::uint64_t kSameSlotAndTag = 0xFFFFFFFF00000000ULL | 63;
    std::unordered_map<std::uint64_t, std::string> first_with;
    std::string a, b;
    for (int i = 0; i < 8000000 && a.empty(); ++i) {
        std::string name = fmt::format("区{}", i);
        auto [it, added] = first_with.try_emplace(short_text_hash(name) & kSameSlotAndTag, name);
        if (!added) a = it->second, b = name;
    }
    REQUIRE_FALSE(a.empty());
    TextIds ids;
    CHECK(ids.intern(a) == std::make_pair(std::uint32_t{0}, true));
    CHECK(ids.intern(b) == std::make_pair(std::uint32_t{1}, true));
    CHECK(ids.intern(a) == std::make_pair(std::uint32_t{0}, false));
    CHECK(ids.intern(b) == std::make_pair(std::uint32_t{1}, false));
}
