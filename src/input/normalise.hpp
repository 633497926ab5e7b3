#pragma once
// Stage 2: map the header to canonical columns (English names or the Chinese aliases of the
// statistics exports, with units) and turn each record into a SectionRow in base units.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/reading_notes.hpp"
#include "eduqb/table.hpp"
#include "input/read.hpp"

namespace eduqb {

/// Counts a file may give in parts instead of the column an indicator reads: the degree
/// breakdown of full-time teachers, PE / music / art teachers, the sports ground and the
/// indoor sports rooms. A HeaderMap derives the column from them (see DerivedColumn).
enum class Component : int {
    degree_postgraduate,  ///< 研究生毕业
    degree_bachelor,      ///< 本科毕业
    degree_associate,     ///< 专科毕业
    degree_below,         ///< 高中阶段毕业 and below: read, never counted
    teachers_pe,          ///< 体育
    teachers_music,       ///< 音乐
    teachers_fine_art,    ///< 美术
    teachers_arts,        ///< 艺术 (music and fine art together)
    sports_ground_m2,     ///< 运动场地面积
    sports_indoor_m2,     ///< 室内体育用房面积
    count
};
constexpr int kComponentCount = static_cast<int>(Component::count);
std::string_view component_name(Component component);

/// A column computed from components: the sum of the parts that count for the row's stage.
struct DerivedColumn {
    struct Part {
        Component component;
        int field = 0;
        int exponent = 0;
        unsigned stages = 0;  ///< bit (1 << Stage): the stages whose rows count this part
    };
    Column column = Column::count;
    std::vector<Part> parts;
};

/// Which field of a record holds each canonical column, and in which unit.
struct HeaderMap {
    static constexpr int kAbsent = -1;
    std::array<int, kColumnCount> field_of{};  ///< kAbsent where the file has no such column
    /// Power of ten that turns the file's unit into the base unit: 4 for 万元 → 元.
    std::array<int, kColumnCount> unit_exponent{};
    std::array<std::string, kColumnCount> header_text;   ///< the header as written in the file
    std::array<int, kComponentCount> component_field{};  ///< kAbsent where not in the file
    std::array<int, kComponentCount> component_exponent{};
    std::array<std::string, kComponentCount> component_text;
    /// Columns the file gives in parts; has() is true for them.
    std::vector<DerivedColumn> derived;
    /// What was derived and from which headers, for the report's parameters.
    std::vector<ReadingNote::Kind> derivations;
    std::vector<std::string> unknown_headers;  ///< headers that match no column
    std::size_t field_count = 0;  ///< fields in the header record, empty trailing ones included
    /// Fields up to the last one with a header: a non-empty cell beyond it has no column.
    std::size_t named_field_count = 0;

    bool has(Column column) const {
        if (field_of[static_cast<int>(column)] != kAbsent) return true;
        for (const auto& derived_column : derived) {
            if (derived_column.column == column) return true;
        }
        return false;
    }
};

/// What a header names: a column, a component of one, or nothing eduqb reads.
struct HeaderMeaning {
    std::optional<Column> column;
    std::optional<Component> component;
    int unit_exponent = 0;
    bool has_unit = false;   ///< the header carries its own unit, e.g. (万元)
    std::string unit_error;  ///< a unit that does not fit the column
    bool recognised() const { return column || component; }
};
/// The meaning of one header text (trimmed, spaces inside removed, full-width folded, a unit
/// suffix split off).
HeaderMeaning header_meaning(std::string_view header);

/// The unit a header cell holds when it holds nothing else: 万元, (万元), 单位：万元.
std::optional<std::string> unit_only_cell(std::string_view cell);

/// A table-wide unit line above the header (单位：万元、平方米): the power of ten it sets for
/// money columns and for area columns whose headers name no unit of their own.
struct TableUnits {
    std::optional<int> money_exponent;
    std::optional<int> area_exponent;
    std::string text;  ///< the line as written
};
/// The units a title line names when it is a unit line (单位：…, 计量单位：…); nothing otherwise.
std::optional<TableUnits> table_units(std::string_view line);

/// The Chinese headers accepted for a column, the preferred (template) one first.
const std::vector<std::string_view>& chinese_headers(Column column);

/// The column a header names, after trimming, unifying full-width parentheses and removing a
/// unit suffix such as (万元); `unit_exponent` receives the unit's power of ten.
/// Throws InputError for a unit that does not fit the column (e.g. 万元 on an area).
std::optional<Column> column_for_header(std::string_view header, int& unit_exponent,
                                        std::string* unit_error = nullptr);

/// Maps the header's names (one per field; several header rows already combined, see
/// table_start.hpp). A header naming a column twice (also through an alias), a unit that does
/// not fit and a missing required column are errors in `diagnostics`, all of them, after which
/// an InputError is thrown; unknown headers become warnings ("did you mean" when close to a
/// known one). `line` is the header's (last) line.
/// `field_count` is the header record's fields, empty trailing ones included (`names` may
/// stop at the last non-empty one).
HeaderMap map_header(const std::vector<std::string>& names, std::size_t field_count, long line,
                     const std::string& file, Diagnostics& diagnostics,
                     const TableUnits* units = nullptr);
/// One header record as it is.
HeaderMap map_header(const Record& header, const std::string& file, Diagnostics& diagnostics);

/// The largest value a numeric cell may hold (after unit scaling). No school count, area or
/// value comes near it, and it keeps every sum and ratio of the pipeline finite: 1e308 in a
/// cell once made a district value infinite and its CV NaN.
inline constexpr double kMaxCellValue = 1e15;
/// The smallest value other than 0 a numeric cell may hold: 12e-200 read as a number made every
/// ratio 0, and a failing coefficient passed.
inline constexpr double kMinCellValue = 1e-6;

/// Parses a number as statistics exports write it: surrounding spaces, full-width digits,
/// "1,234" thousands separators. `exponent` scales by a power of ten exactly (万元 → 元).
/// Returns nothing when the text is not a number.
std::optional<double> parse_number(std::string_view text, int exponent = 0);

/// Turns records into rows: trims, parses numbers and categories, and reports every bad cell
/// with file:line:column, the field, the value and what was expected.
/// What a record below the header is.
enum class RowKind {
    data,
    blank,   ///< every cell empty
    totals,  ///< 合计 / 总计 / 小计 in the name or id cell, no school type: not a school
    footer   ///< 填表人, 审核人, 填报日期, 注：…: the table ends here
};

class RowParser {
  public:
    /// Without `keep_names`, rows leave school_name empty: a report that lists no school
    /// does not need a copy of every name.
    RowParser(const HeaderMap& header, std::string file, int file_index, bool keep_names = true);
    /// Key columns whose empty cells take the value of the row above (a CSV saved from merged
    /// cells). Parsing then keeps state from row to row: rows must be parsed in order, on one
    /// thread.
    void fill_down(std::vector<Column> columns) { fill_down_ = std::move(columns); }
    bool fills_down() const { return !fill_down_.empty(); }
    /// What the record is; only RowKind::data is parsed.
    RowKind classify(const Record& record) const;
    /// Fills `row` as far as the cells allow; false when a cell was bad (the problems are in
    /// `diagnostics`).
    bool parse(const Record& record, SectionRow& row, Diagnostics& diagnostics) const;
    /// file:line:column of a column's cell in a row.
    Location locate(const SectionRow& row, Column column) const;
    /// A hash of the record's school name (0 when it has none), for SameNameCheck.
    std::uint64_t name_hash(const Record& record) const;

  private:
    const HeaderMap& header_;
    std::string file_;
    int file_index_;
    bool keep_names_;
    std::vector<Column> fill_down_;
    /// The last non-empty cell of each fill-down column.
    mutable std::array<std::string, kColumnCount> filled_;
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
    /// The key cell of `column`, empty or filled down; an empty key cell is an error.
    std::string_view key_cell(const Record& record, Column column, bool& ok,
                              Diagnostics& diagnostics, const SectionRow& row) const;
    /// The columns given in parts, summed for the row's stage. False when a part was bad.
    bool derive(const Record& record, SectionRow& row, Diagnostics& diagnostics) const;

    // The steps of parse(), in order; each reports what is wrong with its cells and returns
    // false then. Inlined into parse(), the hottest function of a run: as calls they cost
    // 2.5 % of a national year (docs/performance.md).
    /// The cell of `column`, trimmed; empty when the header has no such column.
    [[gnu::always_inline]] std::string_view cell(const Record& record, Column column) const;
    void fail(const SectionRow& row, Column column, const std::string& message,
              Diagnostics& diagnostics) const;
    /// No value in a cell beyond the named header cells: that is a shifted row.
    [[gnu::always_inline]] bool check_row_width(const Record& record,
                                                Diagnostics& diagnostics) const;
    /// School id, district and name.
    [[gnu::always_inline]] bool parse_identity(const Record& record, SectionRow& row,
                                               Diagnostics& diagnostics) const;
    [[gnu::always_inline]] bool parse_year(const Record& record, SectionRow& row,
                                           Diagnostics& diagnostics) const;
    /// School type, stage, area type and boarding.
    [[gnu::always_inline]] bool parse_kind(const Record& record, SectionRow& row,
                                           Diagnostics& diagnostics) const;
    [[gnu::always_inline]] bool parse_numbers(const Record& record, SectionRow& row,
                                              Diagnostics& diagnostics) const;
};

}  // namespace eduqb
