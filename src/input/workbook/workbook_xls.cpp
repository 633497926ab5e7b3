// Legacy .xls workbooks (BIFF8 in an OLE2 compound file). compound_file.cpp takes the Workbook
// stream out of the file and xls_records.cpp walks it; FreeXL decodes the shared strings and
// plain numbers from a clean copy of the stream, written to a private file because FreeXL
// reads paths only.

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "base/number_text.hpp"
#include "eduqb/error.hpp"
#include "input/workbook/compound_file.hpp"
#include "input/workbook/freexl_library.hpp"
#include "input/workbook/workbook.hpp"
#include "input/workbook/xls_records.hpp"

namespace eduqb {
namespace {

/// FreeXL keeps every cell of every sheet's range in 16 bytes: at most 512 MiB of them, two
/// sheets of BIFF8's full 65536 × 256.
constexpr std::uint64_t kMaxFreexlCells = std::uint64_t{1} << 25;

std::string column_name(std::uint32_t column) {
    std::string name;
    for (std::uint32_t n = column + 1; n > 0; n = (n - 1) / 26) {
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return name;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

const char* freexl_problem(int code) {
    switch (code) {
        case FREEXL_INSUFFICIENT_MEMORY:
            return "not enough memory";
        case FREEXL_INVALID_CHARACTER:
            return "a text is not valid UTF-16";
        case FREEXL_BIFF_INVALID_SST:
        case FREEXL_BIFF_ILLEGAL_SST_INDEX:
            return "the shared string table is corrupt";
        default:
            return "the workbook is corrupt";
    }
}

/// A FreeXL handle on a compound file held in a private file that no other process can see:
/// an anonymous memory file, else a temporary file unlinked as soon as FreeXL has opened it.
class FreexlBook {
  public:
    FreexlBook(const std::string& file, const std::string& name) : library_(freexl_library(name)) {
        int code = FREEXL_FILE_NOT_FOUND;
        const int memory = memfd_create("eduqb-xls", MFD_CLOEXEC);
        if (memory >= 0) {
            if (write_all(memory, file)) {
                const std::string path = "/proc/self/fd/" + std::to_string(memory);
                code = library_.freexl_open(path.c_str(), &handle_);
            }
            ::close(memory);
        }
        if (code == FREEXL_FILE_NOT_FOUND) {
            close_handle();
            const char* directory = std::getenv("TMPDIR");
            std::string path =
                std::string(directory && *directory ? directory : "/tmp") + "/eduqb-xls-XXXXXX";
            const int temporary = mkstemp(path.data());
            if (temporary < 0) {
                throw InputError(Location{name, 0, 0},
                                 "cannot create a temporary file to read the .xls workbook");
            }
            const bool written = write_all(temporary, file);
            if (written) code = library_.freexl_open(path.c_str(), &handle_);
            ::unlink(path.c_str());
            ::close(temporary);
            if (!written) {
                close_handle();
                throw InputError(Location{name, 0, 0},
                                 "cannot write a temporary file to read the .xls workbook");
            }
        }
        if (code != FREEXL_OK) {
            close_handle();
            throw InputError(Location{name, 0, 0},
                             std::string("FreeXL cannot read the workbook: ") +
                                 freexl_problem(code) + " (FreeXL error " + std::to_string(code) +
                                 ")");
        }
    }
    FreexlBook(const FreexlBook&) = delete;
    FreexlBook& operator=(const FreexlBook&) = delete;
    ~FreexlBook() { close_handle(); }

    const FreexlLibrary& library() const { return library_; }
    const void* handle() const { return handle_; }

  private:
    void close_handle() {
        // FreeXL wants its handle closed even after a failed open.
        if (handle_ != nullptr) library_.freexl_close(handle_);
        handle_ = nullptr;
    }

    const FreexlLibrary& library_;
    const void* handle_ = nullptr;
};

/// What a sheet's rows are made of.
struct Sheet {
    std::size_t freexl_index = 0;
    std::string name;
    std::uint32_t freexl_rows = 0;
    std::uint32_t freexl_columns = 0;
    /// Cells eduqb decoded itself, sorted by row and column, one per cell (the last written).
    std::vector<xls::CellText> cells;
    std::vector<xls::MergedRange> merged;
};

struct Book {
    std::string name;
    WorkbookLimits limits;
    std::unique_ptr<FreexlBook> freexl;
    std::vector<Sheet> sheets;  // worksheets only, as Workbook::sheets() lists them
};

class XlsSheetRows : public SheetRows {
  public:
    XlsSheetRows(std::shared_ptr<const Book> book, std::size_t index)
        : book_(std::move(book)), sheet_(book_->sheets[index]) {
        select();
        for (std::size_t m = 0; m < sheet_.merged.size(); ++m) {
            const xls::MergedRange& range = sheet_.merged[m];
            std::string anchor = text_at(range.first_row, range.first_column);
            if (anchor.empty()) continue;
            merges_.push_back({range, std::move(anchor)});
        }
        // Earlier ranges win where ranges overlap: they are applied last.
        std::reverse(merges_.begin(), merges_.end());
        std::stable_sort(merges_.begin(), merges_.end(), [](const Merge& a, const Merge& b) {
            return a.range.first_row < b.range.first_row;
        });
        rows_ = sheet_.freexl_rows;
        columns_ = sheet_.freexl_columns;
        for (const xls::CellText& cell : sheet_.cells) {
            if (cell.text.empty()) continue;
            rows_ = std::max(rows_, cell.row + 1);
            columns_ = std::max(columns_, cell.column + 1);
        }
        for (const Merge& merge : merges_) {
            rows_ = std::max(rows_, merge.range.last_row + 1);
            columns_ = std::max(columns_, merge.range.last_column + 1);
        }
        const WorkbookLimits& limits = book_->limits;
        if (limits.max_rows >= 0 && rows_ > static_cast<std::uint64_t>(limits.max_rows)) {
            throw InputError(Location{book_->name, 0, 0},
                             "sheet '" + sheet_.name + "' reaches row " + std::to_string(rows_) +
                                 ", past the limit of " + std::to_string(limits.max_rows) +
                                 " rows");
        }
        if (limits.max_columns >= 0 && columns_ > static_cast<std::uint64_t>(limits.max_columns)) {
            throw InputError(Location{book_->name, 0, 0},
                             "sheet '" + sheet_.name + "' reaches column " +
                                 column_name(columns_ - 1) + ", past the limit of " +
                                 std::to_string(limits.max_columns) + " columns");
        }
    }

    bool next(long& row, std::vector<std::string>& cells) override {
        select();
        while (row_ < rows_) {
            const std::uint32_t r = row_++;
            cells.assign(columns_, std::string());
            for (std::uint32_t c = 0; c < columns_ && r < sheet_.freexl_rows; ++c) {
                if (c < sheet_.freexl_columns) cells[c] = freexl_text(r, c);
            }
            for (; cell_ < sheet_.cells.size() && sheet_.cells[cell_].row == r; ++cell_) {
                const xls::CellText& cell = sheet_.cells[cell_];
                if (cell.column < columns_) cells[cell.column] = cell.text;  // else empty
            }
            while (next_merge_ < merges_.size() && merges_[next_merge_].range.first_row <= r) {
                active_.push_back(next_merge_++);
            }
            active_.erase(
                std::remove_if(active_.begin(), active_.end(),
                               [&](std::size_t m) { return merges_[m].range.last_row < r; }),
                active_.end());
            for (const std::size_t m : active_) {
                const Merge& merge = merges_[m];
                for (std::uint32_t c = merge.range.first_column; c <= merge.range.last_column;
                     ++c) {
                    cells[c] = merge.anchor;
                }
            }
            while (!cells.empty() && cells.back().empty()) cells.pop_back();
            if (cells.empty()) continue;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                if (cells[c].size() > book_->limits.max_cell_bytes) {
                    throw InputError(
                        Location{book_->name, static_cast<long>(r) + 1, static_cast<int>(c) + 1},
                        "sheet '" + sheet_.name + "', cell " +
                            column_name(static_cast<std::uint32_t>(c)) + std::to_string(r + 1) +
                            ": " + std::to_string(cells[c].size()) +
                            " bytes of text, over the limit of " +
                            std::to_string(book_->limits.max_cell_bytes));
                }
            }
            row = static_cast<long>(r) + 1;
            return true;
        }
        return false;
    }

  private:
    struct Merge {
        xls::MergedRange range;
        std::string anchor;
    };

    void select() const {
        // FreeXL reads one active sheet at a time, and several sheets may be read at once.
        book_->freexl->library().freexl_select_active_worksheet(
            book_->freexl->handle(), static_cast<unsigned short>(sheet_.freexl_index));
    }

    std::string freexl_text(std::uint32_t row, std::uint32_t column) const {
        FreeXL_CellValue value;
        if (book_->freexl->library().freexl_get_cell_value(book_->freexl->handle(), row,
                                                           static_cast<unsigned short>(column),
                                                           &value) != FREEXL_OK) {
            return {};
        }
        switch (value.type) {
            case FREEXL_CELL_INT:
                return std::to_string(value.value.int_value);
            case FREEXL_CELL_DOUBLE:
                return shortest_text(value.value.double_value == 0 ? 0.0
                                                                   : value.value.double_value);
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
                return value.value.text_value != nullptr ? value.value.text_value : "";
            default:
                // Dates never reach FreeXL (xls_records.cpp decodes them), nor do others.
                return {};
        }
    }

    std::string text_at(std::uint32_t row, std::uint32_t column) const {
        const auto found = std::lower_bound(
            sheet_.cells.begin(), sheet_.cells.end(), std::make_pair(row, column),
            [](const xls::CellText& cell, const std::pair<std::uint32_t, std::uint32_t>& at) {
                return std::make_pair(cell.row, cell.column) < at;
            });
        if (found != sheet_.cells.end() && found->row == row && found->column == column) {
            return found->text;
        }
        if (row < sheet_.freexl_rows && column < sheet_.freexl_columns) {
            return freexl_text(row, column);
        }
        return {};
    }

    std::shared_ptr<const Book> book_;
    const Sheet& sheet_;
    std::vector<Merge> merges_;  // with a non-empty anchor, by first row
    std::size_t next_merge_ = 0;
    std::vector<std::size_t> active_;  // merges covering the current row, in merges_ order
    std::size_t cell_ = 0;
    std::uint32_t rows_ = 0;
    std::uint32_t columns_ = 0;
    std::uint32_t row_ = 0;
};

/// The workbook's records, read by eduqb's own record reader; InputError naming `name` when
/// they are not an .xls workbook's, or span more cells than FreeXL is given.
xls::WorkbookRecords read_workbook_records(std::string_view file, const std::string& name,
                                           const WorkbookLimits& limits) {
    xls::WorkbookRecords records;
    try {
        records = xls::read_records(
            compound_file::read_stream(file, "Workbook", "Book", limits.max_part_bytes));
    } catch (const compound_file::FormatError& error) {
        throw InputError(Location{name, 0, 0}, error.what());
    } catch (const xls::FormatError& error) {
        throw InputError(Location{name, 0, 0}, error.what());
    }
    std::uint64_t cells = 0;
    for (const xls::SheetRecords& sheet : records.sheets) {
        cells += std::uint64_t{sheet.rows} * sheet.columns;
    }
    if (cells > kMaxFreexlCells) {
        throw InputError(Location{name, 0, 0}, "the workbook's sheets span more than " +
                                                   std::to_string(kMaxFreexlCells) +
                                                   " cells, too many to read");
    }
    return records;
}

/// A worksheet's records as a Sheet: its cells in row order, the last of several records for
/// one cell winning, as in Excel.
Sheet sheet_of(xls::SheetRecords& from, std::size_t index) {
    Sheet sheet;
    sheet.freexl_index = index;
    sheet.name = from.name;
    sheet.freexl_rows = from.rows;
    sheet.freexl_columns = from.columns;
    sheet.merged = std::move(from.merged);
    std::stable_sort(from.cells.begin(), from.cells.end(),
                     [](const xls::CellText& a, const xls::CellText& b) {
                         return std::make_pair(a.row, a.column) < std::make_pair(b.row, b.column);
                     });
    for (xls::CellText& cell : from.cells) {
        if (!sheet.cells.empty() && sheet.cells.back().row == cell.row &&
            sheet.cells.back().column == cell.column) {
            sheet.cells.back() = std::move(cell);
        } else {
            sheet.cells.push_back(std::move(cell));
        }
    }
    return sheet;
}

/// FreeXL opened on the workbook stream, and each sheet's size cut to what FreeXL sees.
void open_with_freexl(Book& book, const xls::WorkbookRecords& records) {
    book.freexl = std::make_unique<FreexlBook>(
        compound_file::write_single_stream("Workbook", records.freexl_stream), book.name);
    const FreexlLibrary& library = book.freexl->library();
    unsigned int count = 0;
    library.freexl_get_info(book.freexl->handle(), FREEXL_BIFF_SHEET_COUNT, &count);
    if (count != records.sheets.size()) {
        throw InputError(Location{book.name, 0, 0}, "FreeXL cannot read the workbook: it finds " +
                                                        std::to_string(count) + " sheets, not " +
                                                        std::to_string(records.sheets.size()));
    }
    for (Sheet& sheet : book.sheets) {
        unsigned int rows = 0;
        unsigned short columns = 0;
        library.freexl_select_active_worksheet(book.freexl->handle(),
                                               static_cast<unsigned short>(sheet.freexl_index));
        library.freexl_worksheet_dimensions(book.freexl->handle(), &rows, &columns);
        sheet.freexl_rows = std::min(sheet.freexl_rows, rows);
        sheet.freexl_columns = std::min<std::uint32_t>(sheet.freexl_columns, columns);
    }
}

class XlsWorkbook : public Workbook {
  public:
    XlsWorkbook(std::string_view file, const std::string& name, const WorkbookLimits& limits) {
        auto book = std::make_shared<Book>();
        book->name = name;
        book->limits = limits;
        xls::WorkbookRecords records = read_workbook_records(file, name, limits);
        for (std::size_t s = 0; s < records.sheets.size(); ++s) {
            xls::SheetRecords& from = records.sheets[s];
            if (!from.worksheet) continue;
            sheets_.push_back({from.name, from.hidden});
            book->sheets.push_back(sheet_of(from, s));
        }
        if (sheets_.empty()) {
            throw InputError(Location{name, 0, 0}, "the workbook has no worksheets");
        }
        open_with_freexl(*book, records);
        book_ = std::move(book);
    }

    const std::vector<SheetInfo>& sheets() const override { return sheets_; }

    std::unique_ptr<SheetRows> rows(std::size_t index) override {
        if (index >= sheets_.size()) {
            throw InputError(Location{book_->name, 0, 0},
                             "the workbook has no sheet " + std::to_string(index + 1));
        }
        return std::make_unique<XlsSheetRows>(book_, index);
    }

  private:
    std::vector<SheetInfo> sheets_;
    std::shared_ptr<const Book> book_;
};

}  // namespace

std::unique_ptr<Workbook> open_xls_file(const std::string& path, const std::string& name,
                                        const WorkbookLimits& limits) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(Location{name, 0, 0}, "cannot open the workbook");
    // Not through a string stream, which would swallow a refused allocation.
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw InputError(Location{name, 0, 0}, "cannot read the workbook");
    return open_xls_bytes(bytes, name, limits);
}

std::unique_ptr<Workbook> open_xls_bytes(std::string_view bytes, const std::string& name,
                                         const WorkbookLimits& limits) {
    return std::make_unique<XlsWorkbook>(bytes, name, limits);
}

}  // namespace eduqb
