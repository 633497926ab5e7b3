#pragma once
// Records of text kept in a temporary file and written back sorted: a school-level report of
// any length in bounded memory (an external merge sort).

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/table.hpp"

namespace eduqb {

/// Records, each with a group and its place in the input, spooled to an unnamed temporary
/// file as they come; write_sorted() hands them back ordered by their group's rank, then by
/// place (file, line), records with equal keys in the order they came. Memory: `sort_bytes`
/// of records at a time while sorting, whatever the number of records.
class RowSpool {
  public:
    static constexpr std::size_t kDefaultSortBytes = std::size_t{16} << 20;
    explicit RowSpool(std::size_t sort_bytes = kDefaultSortBytes);
    ~RowSpool();
    RowSpool(const RowSpool&) = delete;
    RowSpool& operator=(const RowSpool&) = delete;

    void add(std::uint32_t group, SourceRef place, std::string_view text);
    /// Every record's text in order, in pieces of whole records; `rank[group]` orders the
    /// groups. Once only. OutputError when the temporary file cannot be written or read.
    void write_sorted(const std::vector<std::uint32_t>& rank,
                      const std::function<void(std::string_view)>& write);
    /// Sorted runs the last write_sorted() merged (1: sorted in memory; for tests).
    std::size_t runs() const { return runs_; }

  private:
    void flush();
    std::size_t sort_bytes_;
    std::FILE* records_ = nullptr;  // as they came
    std::string pending_;           // records not yet written to `records_`
    std::uint64_t record_bytes_ = 0;
    std::size_t runs_ = 0;
};

}  // namespace eduqb
