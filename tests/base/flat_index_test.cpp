// The hash index against a std::map kept beside it, with hashes chosen to collide.

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "base/flat_index.hpp"

using eduqb::FlatIndex;

TEST_CASE("flat index: ids in order of first sight, each key found again, through growth") {
    FlatIndex index;
    std::vector<std::string> keys;
    std::map<std::string, std::uint32_t> expected;
    std::mt19937_64 random(7);
    // Hashes with only 7 distinct high halves: the index must tell keys apart by comparing
    // them, not by their tag.
    const auto hash_of = [](const std::string& key) {
        const std::uint64_t h = std::hash<std::string>{}(key);
        return (h % 7) << 32 | (h & 0xFFFFFFFFULL);
    };
    for (int round = 0; round < 20000; ++round) {
        const std::string key = std::to_string(random() % 5000);
        const auto [id, added] = index.find_or_insert(
            hash_of(key), [&](std::uint32_t candidate) { return keys[candidate] == key; });
        const auto found = expected.find(key);
        if (found == expected.end()) {
            CHECK(added);
            CHECK(id == keys.size());
            keys.push_back(key);
            expected.emplace(key, id);
        } else {
            CHECK_FALSE(added);
            CHECK(id == found->second);
        }
    }
    CHECK(index.size() == expected.size());
    CHECK(expected.size() > 4000);
}

TEST_CASE("flat index: cleared, it starts again from id 0; insert() adds known-new keys") {
    FlatIndex index;
    std::vector<std::uint64_t> hashes;
    const auto same = [&](std::uint64_t hash) {
        return [&hashes, hash](std::uint32_t id) { return hashes[id] == hash; };
    };
    for (std::uint64_t h = 1; h <= 1000; ++h) {
        hashes.push_back(h * 0x9E3779B97F4A7C15ULL);
        CHECK(index.insert(hashes.back()) == h - 1);
    }
    CHECK_FALSE(index.find_or_insert(hashes[500], same(hashes[500])).second);
    index.clear(3);
    hashes.clear();
    CHECK(index.size() == 0);
    hashes.push_back(42);
    const auto [id, added] = index.find_or_insert(42, same(42));
    CHECK(id == 0);
    CHECK(added);
    // A zero hash is a key like any other.
    hashes.push_back(0);
    CHECK(index.find_or_insert(0, same(0)).second);
    CHECK_FALSE(index.find_or_insert(0, same(0)).second);
}
