#pragma once
// Stage 1 for spreadsheets: an Excel workbook (.xlsx or legacy .xls) read sheet by sheet, row
// by row, every cell as the text a statistician sees, merged ranges filled.

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace eduqb {

/// What an input's first bytes say it is.
enum class WorkbookKind {
    none,  ///< not a workbook (CSV or other text)
    xlsx,  ///< a ZIP container (Office Open XML)
    xls    ///< an OLE2 compound file (BIFF8, Excel 97–2003)
};

/// From at least the first 8 bytes of an input (fewer: none).
WorkbookKind sniff_workbook(std::string_view first_bytes);

/// Bounds on what a workbook may hold; past one, reading stops with an InputError (exit 3).
struct WorkbookLimits {
    /// Excel's own sheet size.
    long max_rows = 1'048'576;
    int max_columns = 16'384;
    /// One part of the package (a sheet's XML, the shared strings) decompressed, at most.
    std::uint64_t max_part_bytes = std::uint64_t{4} << 30;
    /// Decompressed bytes per compressed byte beyond which a part is a zip bomb. Real sheets
    /// compress 5–20×; 1000× is only reached by crafted data.
    std::uint64_t max_ratio = 1000;
    /// Characters of one cell (Excel's limit is 32 767), in bytes of UTF-8.
    std::size_t max_cell_bytes = std::size_t{32'767} * 4;
};

struct SheetInfo {
    std::string name;
    bool hidden = false;
};

/// The rows of one sheet, top to bottom. Each row's cells are text:
/// - numbers in their shortest round-trip decimal (3623010001, 0.1, 340.1371), never in
///   exponent form for integers below 1e15;
/// - dates (a number with a date format) as 2024-09-01, times as 2024-09-01 08:30:00;
/// - booleans as TRUE / FALSE; error cells as Excel shows them (#DIV/0!);
/// - a formula cell as its cached value (empty when the file has none);
/// - text as written, rich text concatenated, in UTF-8.
/// A merged range's value (its top-left cell) is given to every cell of the range.
class SheetRows {
  public:
    virtual ~SheetRows() = default;
    /// The next row that has at least one non-empty cell; false after the last. `row` is its
    /// 1-based number as Excel shows it; `cells[c]` is column c (0 = A); trailing empty cells
    /// are not included.
    virtual bool next(long& row, std::vector<std::string>& cells) = 0;
};

/// An open workbook. Throws InputError (naming `name`) for a file that is not a readable
/// workbook: corrupt or truncated container, encrypted, no sheets, a part over the limits.
class Workbook {
  public:
    virtual ~Workbook() = default;
    /// The worksheets in workbook order (chart sheets and macro sheets are not listed).
    virtual const std::vector<SheetInfo>& sheets() const = 0;
    /// Streams sheet `index` (of sheets()); a sheet may be read more than once.
    virtual std::unique_ptr<SheetRows> rows(std::size_t index) = 0;

    /// Opens a workbook file, of the kind its first bytes say. `name` is used in messages.
    static std::unique_ptr<Workbook> open_file(const std::string& path, const std::string& name,
                                               const WorkbookLimits& limits = {});
    /// Opens a workbook held in memory (stdin, tests, fuzzing). `bytes` must outlive it.
    static std::unique_ptr<Workbook> open_bytes(std::string_view bytes, const std::string& name,
                                                const WorkbookLimits& limits = {});
};

/// The .xlsx and .xls readers behind Workbook::open_*.
std::unique_ptr<Workbook> open_xlsx_file(const std::string& path, const std::string& name,
                                         const WorkbookLimits& limits);
std::unique_ptr<Workbook> open_xlsx_bytes(std::string_view bytes, const std::string& name,
                                          const WorkbookLimits& limits);
std::unique_ptr<Workbook> open_xls_file(const std::string& path, const std::string& name,
                                        const WorkbookLimits& limits);
std::unique_ptr<Workbook> open_xls_bytes(std::string_view bytes, const std::string& name,
                                         const WorkbookLimits& limits);

}  // namespace eduqb

namespace eduqb {

/// A sheet as CSV text in UTF-8, for the CSV pipeline: line n of the text is row n of the
/// sheet (rows the sheet lacks are blank lines), so that messages name the row Excel shows.
/// A line break inside a cell becomes a space.
std::unique_ptr<std::istream> sheet_as_csv(std::unique_ptr<SheetRows> rows);

/// The sheet to read: `selector` names it (its name, or its number from 1), or, when empty,
/// the first sheet whose leading rows hold a header with eduqb's required columns. Throws
/// InputError naming the sheets there are when none matches.
std::size_t choose_sheet(Workbook& workbook, const std::string& name, const std::string& selector);

}  // namespace eduqb
