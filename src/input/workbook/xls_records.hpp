#pragma once
// The BIFF8 records of a .xls Workbook stream that FreeXL does not expose (internal): each
// sheet's type, visibility and merged ranges, and the cells it reads wrongly or not at all
// (booleans and errors come out as 0/1, formula results are dropped). The same walk writes
// the stream FreeXL is given: only the records it decodes, each checked against its size.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace eduqb::xls {

/// The stream breaks BIFF8's structure, or uses what eduqb does not read (BIFF5, encryption);
/// what() says which, without the file's name.
class FormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A merged range, 0-based and inclusive.
struct MergedRange {
    std::uint32_t first_row = 0, last_row = 0;
    std::uint32_t first_column = 0, last_column = 0;
};

/// A cell's text as the sheet shows it, 0-based.
struct CellText {
    std::uint32_t row = 0;
    std::uint32_t column = 0;
    std::string text;
};

struct SheetRecords {
    std::string name;  ///< UTF-8
    bool worksheet = false;
    bool hidden = false;  ///< hidden or very hidden
    std::vector<MergedRange> merged;
    /// Booleans (TRUE/FALSE), errors (#DIV/0!) and formula results, in stream order.
    std::vector<CellText> cells;
    /// The rows and columns spanned by the cells given to FreeXL (it allocates all of them).
    std::uint32_t rows = 0;
    std::uint32_t columns = 0;
};

struct WorkbookRecords {
    /// Every sheet of BOUNDSHEET order: FreeXL's sheet indexes.
    std::vector<SheetRecords> sheets;
    /// The stream for FreeXL: the workbook globals it reads (code page, date mode, formats, XF,
    /// shared strings, sheets), each sheet's cells after a DIMENSION that spans exactly them,
    /// nothing nested; padded with zeros past 4096 bytes (a zero record ends its reading).
    std::string freexl_stream;
};

/// Walks `stream` (a BIFF8 Workbook stream); throws FormatError.
WorkbookRecords read_records(std::string_view stream);

/// The text of a date serial number under a date format: 2024-09-01, 2024-09-01 08:30:00 or
/// 08:30:00 (the kinds of FreeXL's date cells); for the 1900 or the 1904 date system.
std::string date_text(double serial, bool date, bool time, bool date1904);

}  // namespace eduqb::xls
