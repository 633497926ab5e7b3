#include "report/row_spool.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

using namespace eduqb;

namespace {

struct Record {
    std::uint32_t group;
    SourceRef place;
    std::string text;
};

}  // namespace

TEST_CASE("row spool: records come back ordered by rank, file and line, ties in arrival order") {
    std::uint64_t state = 99;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    };
    constexpr std::uint32_t kGroups = 50;
    std::vector<Record> records;
    long line = 1;
    for (int i = 0; i < 3000; ++i) {
        // Lines mostly rising, sometimes back (sections released late), sometimes repeated.
        line += next() % 10 == 0 ? -static_cast<long>(next() % 30) : 1;
        line = std::max(line, 1L);
        std::string text(next() % 200, static_cast<char>('a' + next() % 26));
        text += "#" + std::to_string(i) + "\n";
        records.push_back(
            Record{next() % kGroups, SourceRef{static_cast<int>(next() % 3), line}, text});
    }
    std::vector<std::uint32_t> rank(kGroups);
    std::iota(rank.begin(), rank.end(), 0U);
    for (std::uint32_t g = kGroups - 1; g > 0; --g) std::swap(rank[g], rank[next() % (g + 1)]);

    std::vector<Record> expected = records;
    std::stable_sort(expected.begin(), expected.end(), [&](const Record& a, const Record& b) {
        return std::make_tuple(rank[a.group], a.place.file, a.place.line) <
               std::make_tuple(rank[b.group], b.place.file, b.place.line);
    });
    std::string want;
    for (const auto& record : expected) want += record.text;

    for (std::size_t sort_bytes : {std::size_t{1}, std::size_t{1} << 10, std::size_t{50} << 10,
                                   RowSpool::kDefaultSortBytes}) {
        INFO("sort_bytes " << sort_bytes);
        RowSpool spool(sort_bytes);
        for (const auto& record : records) spool.add(record.group, record.place, record.text);
        std::string got;
        spool.write_sorted(rank, [&](std::string_view piece) { got += piece; });
        CHECK(got == want);
        if (sort_bytes == RowSpool::kDefaultSortBytes) {
            CHECK(spool.runs() == 1);  // sorted in memory
        } else {
            CHECK(spool.runs() > 1);
        }
    }
}

TEST_CASE("row spool: nothing in, nothing out") {
    RowSpool spool;
    std::string got;
    spool.write_sorted({}, [&](std::string_view piece) { got += piece; });
    CHECK(got.empty());
}
