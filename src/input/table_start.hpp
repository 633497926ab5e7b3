#pragma once
// Stage 2a: where the table starts. Statistics exports put report titles and a unit line above
// the header, split the header over two or three rows (a parent over its children), and number
// the columns in a row below it (甲 乙 1 2 3 …). This finds the header rows and combines them
// into one name per column, for CSV and workbooks alike.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/normalise.hpp"

namespace eduqb {

/// Columns looked at while searching for the header: no statistics table has more, and a
/// line of millions of cells must not make the search slow.
inline constexpr std::size_t kHeaderSearchColumns = 1024;

/// A record as looked at before the header is known: its cells, owned (up to the last
/// non-empty one), and how many fields it has.
struct LeadingRecord {
    long line = 0;
    std::vector<std::string> cells;
    std::size_t fields = 0;
};

/// A record's cells up to its last non-empty one, at most `max_cells` of them.
LeadingRecord leading_record(long line, const std::string_view* fields, std::size_t count,
                             std::size_t max_cells);

/// Where the header is among the leading records, and what it names.
struct TableStart {
    std::size_t header_first = 0;    ///< index of the first header record
    std::size_t header_rows = 1;     ///< 1 to 3
    std::size_t data_first = 1;      ///< index of the first record below the header
    bool column_numbers = false;     ///< a 甲 乙 1 2 3 / A B C row below the header was skipped
    std::vector<std::string> names;  ///< one combined header per field
    /// The records above the header that were skipped (titles, unit lines, blank rows).
    std::vector<std::size_t> skipped;
    /// A unit line among them (单位：万元).
    std::optional<TableUnits> units;
    /// Columns the combined header names (for choosing a sheet).
    int recognised = 0;
};

/// The leading records looked at for a header.
inline constexpr std::size_t kHeaderSearchRecords = 30;

/// Finds the header among `records` (the first kHeaderSearchRecords of a file or sheet):
/// the block of one to three rows whose combined names recognise the most columns, at least
/// the school id, type, stage and students or three others. With `skip_rows`, the header
/// starts at that record (the user's override) and only the rows below it are looked at for
/// child headers. Nothing when no block looks like a header.
std::optional<TableStart> find_table_start(const std::vector<LeadingRecord>& records,
                                           std::optional<std::size_t> skip_rows = std::nullopt);

/// One name per field of the header rows, combined (up to the last field any of them names).
std::vector<std::string> combine_header_rows(const std::vector<LeadingRecord>& rows);

/// The name of a column from its header cells top to bottom (empty ones left out by the
/// caller's carry rule): 专任教师 / 计 → 专任教师, 专任教师 / 其中：骨干教师 → the alias that
/// matches, units in either row kept. Exposed for tests.
std::string combine_header_cells(const std::vector<std::string>& cells);

}  // namespace eduqb
