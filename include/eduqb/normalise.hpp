#pragma once
// Stage 2: map the header to canonical columns and turn each record into a SectionRow.

#include <array>
#include <string>
#include <vector>

#include "eduqb/read.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Which field of a record holds each canonical column.
struct HeaderMap {
    static constexpr int kAbsent = -1;
    std::array<int, kColumnCount> field_of{};  ///< kAbsent where the file has no such column
    std::vector<std::string> unknown_headers;  ///< headers that match no column (ignored)

    bool has(Column column) const { return field_of[static_cast<int>(column)] != kAbsent; }
};

/// Maps a header record. Duplicate columns are an error; unknown headers are collected.
HeaderMap map_header(const Record& header, const std::string& file);

/// Turns records into rows: trims, parses numbers and categories, reports bad cells with
/// file:line:column and what was expected.
class RowParser {
  public:
    RowParser(const HeaderMap& header, std::string file, int file_index);
    SectionRow parse(const Record& record) const;

  private:
    const HeaderMap& header_;
    std::string file_;
    int file_index_;
};

}  // namespace eduqb
