#pragma once
// Stage 2: map the header to canonical columns (English names or the Chinese aliases of the
// statistics exports, with units) and turn each record into a SectionRow in base units.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/read.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Which field of a record holds each canonical column, and in which unit.
struct HeaderMap {
    static constexpr int kAbsent = -1;
    std::array<int, kColumnCount> field_of{};  ///< kAbsent where the file has no such column
    /// Power of ten that turns the file's unit into the base unit: 4 for 万元 → 元.
    std::array<int, kColumnCount> unit_exponent{};
    std::array<std::string, kColumnCount> header_text;  ///< the header as written in the file
    std::vector<std::string> unknown_headers;           ///< headers that match no column
    std::size_t field_count = 0;  ///< fields in the header record, empty trailing ones included

    bool has(Column column) const { return field_of[static_cast<int>(column)] != kAbsent; }
};

/// The Chinese headers accepted for a column, the preferred (template) one first.
const std::vector<std::string_view>& chinese_headers(Column column);

/// The column a header names, after trimming, unifying full-width parentheses and removing a
/// unit suffix such as (万元); `unit_exponent` receives the unit's power of ten.
/// Throws InputError for a unit that does not fit the column (e.g. 万元 on an area).
std::optional<Column> column_for_header(std::string_view header, int& unit_exponent,
                                        std::string* unit_error = nullptr);

/// Maps a header record. A header naming a column twice (also through an alias) and a missing
/// required column are InputErrors; unknown headers become warnings.
HeaderMap map_header(const Record& header, const std::string& file, Diagnostics& diagnostics);

/// The largest value a numeric cell may hold (after unit scaling). No school count, area or
/// value comes near it, and it keeps every sum and ratio of the pipeline finite: 1e308 in a
/// cell once made a district value infinite and its CV NaN.
inline constexpr double kMaxCellValue = 1e15;

/// Parses a number as statistics exports write it: surrounding spaces, full-width digits,
/// "1,234" thousands separators. `exponent` scales by a power of ten exactly (万元 → 元).
/// Returns nothing when the text is not a number.
std::optional<double> parse_number(std::string_view text, int exponent = 0);

/// Turns records into rows: trims, parses numbers and categories, and reports every bad cell
/// with file:line:column, the field, the value and what was expected.
class RowParser {
  public:
    /// Without `keep_names`, rows leave school_name empty: a report that lists no school
    /// does not need a copy of every name.
    RowParser(const HeaderMap& header, std::string file, int file_index, bool keep_names = true);
    /// Fills `row` as far as the cells allow; false when a cell was bad (the problems are in
    /// `diagnostics`).
    bool parse(const Record& record, SectionRow& row, Diagnostics& diagnostics) const;
    /// file:line:column of a column's cell in a row.
    Location locate(const SectionRow& row, Column column) const;

  private:
    const HeaderMap& header_;
    std::string file_;
    int file_index_;
    bool keep_names_;
    /// The numeric columns the file has, in column order: where they are and their unit.
    struct NumericField {
        Column column;
        std::size_t field;
        int exponent;
    };
    std::vector<NumericField> numeric_fields_;

    /// A numeric cell that is not a plain decimal in the base unit: spaces, separators,
    /// units, or a problem to report. False when the cell was bad.
    bool parse_numeric_cell(std::string_view raw, const NumericField& numeric, SectionRow& row,
                            Diagnostics& diagnostics) const;
};

}  // namespace eduqb
