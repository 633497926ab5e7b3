#include <fmt/format.h>

#include <charconv>
#include <streambuf>

#include "eduqb/error.hpp"
#include "input/table_start.hpp"
#include "input/workbook/workbook.hpp"

namespace eduqb {
namespace {

/// Serialises rows to CSV on demand, one row at a time.
class SheetCsvBuffer : public std::streambuf {
  public:
    explicit SheetCsvBuffer(std::unique_ptr<SheetRows> rows) : rows_(std::move(rows)) {}

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        text_.clear();
        while (text_.empty()) {
            long row = 0;
            if (!rows_->next(row, cells_)) return traits_type::eof();
            append_row(row);
        }
        setg(text_.data(), text_.data(), text_.data() + text_.size());
        return traits_type::to_int_type(*gptr());
    }

  private:
    void append_row(long row) {
        // Rows the sheet lacks stay as blank lines, which the reader counts and skips.
        for (; line_ + 1 < row; ++line_) text_ += '\n';
        line_ = row;
        for (std::size_t c = 0; c < cells_.size(); ++c) {
            if (c > 0) text_ += ',';
            append_cell(cells_[c]);
        }
        text_ += '\n';
    }
    void append_cell(const std::string& cell) {
        if (cell.find_first_of(",\"\r\n") == std::string::npos) {
            text_ += cell;
            return;
        }
        text_ += '"';
        for (std::size_t i = 0; i < cell.size(); ++i) {
            const char c = cell[i];
            if (c == '"') {
                text_ += "\"\"";
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < cell.size() && cell[i + 1] == '\n') ++i;
                text_ += ' ';
            } else {
                text_ += c;
            }
        }
        text_ += '"';
    }

    std::unique_ptr<SheetRows> rows_;
    std::vector<std::string> cells_;
    std::string text_;
    long line_ = 0;
};

class SheetCsvStream : public std::istream {
  public:
    explicit SheetCsvStream(std::unique_ptr<SheetRows> rows)
        : std::istream(nullptr), buffer_(std::move(rows)) {
        rdbuf(&buffer_);
    }

  private:
    SheetCsvBuffer buffer_;
};

std::string sheet_list(const std::vector<SheetInfo>& sheets) {
    std::string list;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        if (!list.empty()) list += ", ";
        list +=
            fmt::format("{} '{}'{}", i + 1, sheets[i].name, sheets[i].hidden ? " (hidden)" : "");
    }
    return list;
}

}  // namespace

std::unique_ptr<std::istream> sheet_as_csv(std::unique_ptr<SheetRows> rows) {
    return std::make_unique<SheetCsvStream>(std::move(rows));
}

std::size_t choose_sheet(Workbook& workbook, const std::string& name, const std::string& selector) {
    const auto& sheets = workbook.sheets();
    if (!selector.empty()) {
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            if (sheets[i].name == selector) return i;
        }
        std::size_t number = 0;
        const auto [end, ec] =
            std::from_chars(selector.data(), selector.data() + selector.size(), number);
        if (ec == std::errc() && end == selector.data() + selector.size() && number >= 1 &&
            number <= sheets.size()) {
            return number - 1;
        }
        throw InputError(Location{name, 0, 0},
                         fmt::format("no sheet '{}' (by name or number); the workbook has: {}",
                                     selector, sheet_list(sheets)));
    }
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        if (sheets[i].hidden) continue;
        auto rows = workbook.rows(i);
        std::vector<LeadingRecord> leading;
        long row = 0;
        std::vector<std::string> cells;
        while (leading.size() < kHeaderSearchRecords && rows->next(row, cells)) {
            leading.push_back(LeadingRecord{row, cells});
        }
        const auto start = find_table_start(leading);
        if (start && start->recognised > 0) {
            bool required = true;
            for (Column column :
                 {Column::school_id, Column::school_type, Column::stage, Column::students}) {
                bool found = false;
                for (const auto& header : start->names) {
                    if (header_meaning(header).column == column) found = true;
                }
                if (!found) required = false;
            }
            if (required) return i;
        }
    }
    throw InputError(Location{name, 0, 0},
                     fmt::format("no sheet has a header with the required columns school_id "
                                 "(学校标识码), school_type (学校类型), stage (学段) and "
                                 "students (在校生数) in its first {} rows; the workbook has: {} "
                                 "(choose one with --sheet)",
                                 kHeaderSearchRecords, sheet_list(sheets)));
}

}  // namespace eduqb
