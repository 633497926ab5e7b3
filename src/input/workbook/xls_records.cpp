#include "input/workbook/xls_records.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "base/little_endian.hpp"
#include "base/number_text.hpp"

// Record layouts are Microsoft's [MS-XLS]. FreeXL is handed only what it decodes safely and
// correctly: the shared strings (SST), LABELSST, NUMBER and RK cells without a date format.
// Everything else eduqb decodes here: FreeXL turns booleans and errors into 0/1, drops formula
// results, counts 1900-02-29 wrongly, steps through a date day by day (a crafted serial costs
// seconds) and sizes its cell array from DIMENSION without checking the product.

namespace eduqb::xls {
namespace {

using little_endian::f64;
using little_endian::u16;
using little_endian::u32;

constexpr std::uint16_t kFormula = 0x0006;
constexpr std::uint16_t kEof = 0x000A;
constexpr std::uint16_t kFilePass = 0x002F;
constexpr std::uint16_t kContinue = 0x003C;
constexpr std::uint16_t kCodePage = 0x0042;
constexpr std::uint16_t kDateMode = 0x0022;
constexpr std::uint16_t kBoundSheet = 0x0085;
constexpr std::uint16_t kMulRk = 0x00BD;
constexpr std::uint16_t kXf = 0x00E0;
constexpr std::uint16_t kMergedCells = 0x00E5;
constexpr std::uint16_t kSst = 0x00FC;
constexpr std::uint16_t kLabelSst = 0x00FD;
constexpr std::uint16_t kDimension = 0x0200;
constexpr std::uint16_t kNumber = 0x0203;
constexpr std::uint16_t kLabel = 0x0204;
constexpr std::uint16_t kBoolErr = 0x0205;
constexpr std::uint16_t kString = 0x0207;
constexpr std::uint16_t kRk = 0x027E;
constexpr std::uint16_t kFormat = 0x041E;
constexpr std::uint16_t kBof = 0x0809;
constexpr std::size_t kMaxRecordBytes = 8224;
constexpr std::uint32_t kBiff8Rows = 65536;
constexpr std::uint32_t kBiff8Columns = 256;
constexpr std::size_t kFreexlStreamMinimum = 4097;

[[noreturn]] void corrupt(const std::string& what) {
    throw FormatError("the workbook is corrupt: " + what);
}

double rk_value(std::uint32_t rk) {
    double value;
    if (rk & 2) {
        value = static_cast<double>(static_cast<std::int32_t>(rk) >> 2);
    } else {
        const std::uint64_t bits = std::uint64_t{rk & 0xFFFFFFFC} << 32;
        std::memcpy(&value, &bits, sizeof value);
    }
    return rk & 1 ? value / 100 : value;
}

struct Record {
    std::uint32_t offset;  // of the record's header in the stream
    std::uint16_t type;
    std::uint16_t size;
};

/// Every whole record from the stream's start, up to a zero record (padding after the last
/// EOF) or a record cut by the stream's end.
std::vector<Record> split_records(std::string_view stream) {
    std::vector<Record> records;
    std::size_t at = 0;
    while (at + 4 <= stream.size()) {
        const std::uint16_t type = u16(stream, at);
        const std::uint16_t size = u16(stream, at + 2);
        if (type == 0 && size == 0) break;
        if (size > kMaxRecordBytes || at + 4 + size > stream.size()) break;
        records.push_back({static_cast<std::uint32_t>(at), type, size});
        at += 4 + std::size_t{size};
    }
    return records;
}

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | code >> 6);
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | code >> 12);
        out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | code >> 18);
        out += static_cast<char>(0x80 | (code >> 12 & 0x3F));
        out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// UTF-16 code units as UTF-8; an unpaired surrogate becomes U+FFFD.
std::string utf8_of(const std::vector<std::uint16_t>& units) {
    std::string out;
    out.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::uint32_t unit = units[i];
        if (unit >= 0xD800 && unit < 0xDC00 && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
            units[i + 1] < 0xE000) {
            append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (units[i + 1] - 0xDC00));
            ++i;
        } else if (unit >= 0xD800 && unit < 0xE000) {
            append_utf8(out, 0xFFFD);
        } else {
            append_utf8(out, unit);
        }
    }
    return out;
}

/// A record's body followed by its CONTINUE records' bodies, read as one sequence with the
/// rules of [MS-XLS] 2.5.293: a string's characters that cross into the next part restart
/// with an option byte saying whether they are 8- or 16-bit.
class Parts {
  public:
    explicit Parts(std::vector<std::string_view> parts) : parts_(std::move(parts)) {}

    /// Reads a string whose character count is the next 1 (`short_count`) or 2 bytes; fills
    /// `text` unless it is null. The header (count, options, run and extension sizes) must
    /// lie in one part.
    void read_string(bool short_count, std::string* text) {
        next_part_if_done();
        const std::size_t header = short_count ? 2 : 3;
        need(header);
        const std::size_t count = short_count ? byte() : u16(part(), at_);
        if (!short_count) at_ += 2;
        const unsigned options = byte();
        std::size_t runs = 0;
        std::size_t extension = 0;
        if (options & 0x08) {
            need(2);
            runs = u16(part(), at_);
            at_ += 2;
        }
        if (options & 0x04) {
            need(4);
            extension = u32(part(), at_);
            at_ += 4;
        }
        std::vector<std::uint16_t> units;
        bool wide = options & 0x01;
        for (std::size_t left = count; left > 0;) {
            if (at_ == part().size()) {
                if (++index_ >= parts_.size()) corrupt("a string runs past its record");
                at_ = 0;
                need(1);
                wide = byte() & 0x01;
            }
            const std::size_t unit = wide ? 2 : 1;
            const std::size_t fit = std::min(left, (part().size() - at_) / unit);
            if (fit == 0) corrupt("a string's character is split between records");
            if (text != nullptr) {
                for (std::size_t i = 0; i < fit; ++i) {
                    units.push_back(wide ? u16(part(), at_ + 2 * i)
                                         : static_cast<unsigned char>(part()[at_ + i]));
                }
            }
            at_ += fit * unit;
            left -= fit;
        }
        skip(4 * runs + extension);
        if (text != nullptr) *text = utf8_of(units);
    }

    /// Where reading stands: the part and the offset in it.
    std::size_t index() const { return index_; }
    std::size_t offset() const { return at_; }

  private:
    std::string_view part() const { return parts_[index_]; }
    void next_part_if_done() {
        if (at_ == part().size() && index_ + 1 < parts_.size()) {
            ++index_;
            at_ = 0;
        }
    }
    void need(std::size_t bytes) const {
        if (part().size() - at_ < bytes) corrupt("a string runs past its record");
    }
    unsigned byte() { return static_cast<unsigned char>(part()[at_++]); }
    void skip(std::size_t bytes) {
        while (bytes > 0) {
            if (at_ == part().size()) {
                if (++index_ >= parts_.size()) corrupt("a string runs past its record");
                at_ = 0;
            }
            const std::size_t step = std::min(bytes, part().size() - at_);
            at_ += step;
            bytes -= step;
        }
    }

    std::vector<std::string_view> parts_;
    std::size_t index_ = 0;
    std::size_t at_ = 0;
};

/// Whether a number format shows a date, a time of day, both or neither.
struct DateKind {
    bool date = false;
    bool time = false;
    bool any() const { return date || time; }
};

/// Built-in formats: 14–22 and 45–47 everywhere, 27–36 and 50–58 in the Chinese, Japanese
/// and Korean versions of Excel (年/月/日 and 时/分/秒 formats).
DateKind builtin_kind(unsigned id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58) {
        return {true, false};
    }
    if (id == 22) return {true, true};
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
        id == 56) {
        return {false, true};
    }
    return {};
}

/// A format code's first section, read past quoted text, escapes and [...] (colours,
/// locales, conditions; [h] [m] [s] are elapsed times).
DateKind format_kind(const std::string& code) {
    bool year_or_day = false, month_or_minute = false, hour_or_second = false, half_day = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
        if (c == ';') break;
        if (c == '"') {
            const std::size_t end = code.find('"', i + 1);
            i = end == std::string::npos ? code.size() : end;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            const std::size_t end = code.find(']', i + 1);
            const std::string inside =
                code.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
            if (!inside.empty() && std::strchr("hHmMsS", inside[0]) != nullptr &&
                inside.find_first_not_of(inside[0]) == std::string::npos) {
                hour_or_second = true;
            }
            i = end == std::string::npos ? code.size() : end;
        } else if (c == 'y' || c == 'd') {
            year_or_day = true;
        } else if (c == 'm') {
            month_or_minute = true;
        } else if (c == 'h' || c == 's') {
            hour_or_second = true;
        } else if (code.compare(i, 5, "AM/PM") == 0 || code.compare(i, 5, "am/pm") == 0 ||
                   code.compare(i, 3, "A/P") == 0 || code.compare(i, 3, "a/p") == 0) {
            half_day = true;
        } else if (code.compare(i, 12, "\xE4\xB8\x8A\xE5\x8D\x88/\xE4\xB8\x8B\xE5\x8D\x88") == 0) {
            half_day = true;  // 上午/下午
        }
    }
    DateKind kind;
    kind.time = hour_or_second || half_day;
    kind.date = year_or_day || (month_or_minute && !kind.time);
    return kind;
}

/// Days from 1970-01-01 to a proleptic Gregorian date and back (H. Hinnant's algorithms).
void civil_from_days(long long days, long long& year, unsigned& month, unsigned& day) {
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<long long>(yoe) + era * 400 + (month <= 2);
}

struct Sheet {
    std::string name;
    std::uint32_t bof_offset = 0;
    bool worksheet = false;
    bool hidden = false;
};

class Walker {
  public:
    explicit Walker(std::string_view stream) : stream_(stream), records_(split_records(stream)) {}

    WorkbookRecords run() {
        if (stream_.size() > 0xFFFFFFFF) {
            throw FormatError("the Workbook stream is over 4 GiB, more than BIFF8 can address");
        }
        if (records_.empty() || records_[0].type != kBof || records_[0].size < 4) {
            corrupt("the Workbook stream does not start with a BOF record");
        }
        const std::uint16_t version = u16(body(0), 0);
        if (version != 0x0600) {
            throw FormatError(
                "the workbook is in an Excel format older than Excel 97 (BIFF5 or earlier); "
                "save it in Excel as .xlsx or as Excel 97-2003 .xls");
        }
        if (u16(body(0), 2) != 0x0005) corrupt("the first substream is not the workbook globals");
        read_globals();
        WorkbookRecords out;
        std::vector<std::size_t> patches;
        std::string globals;
        emit(globals, kBof, body(0).substr(0, std::min<std::size_t>(body(0).size(), 16)));
        emit(globals, kCodePage, std::string_view("\xB0\x04", 2));  // 1200: UTF-16
        for (const auto& [type, part] : sst_records_) emit(globals, type, part);
        for (std::size_t s = 0; s < sheets_.size(); ++s) {
            patches.push_back(globals.size() + 4);
            // The offset is patched below; type and visibility do not matter to FreeXL, and a
            // one-letter name spares it every name's conversion.
            emit(globals, kBoundSheet, std::string_view("\0\0\0\0\0\0\x01\0S", 9));
        }
        emit(globals, kEof, {});
        std::string& stream = out.freexl_stream;
        stream = globals;
        std::size_t walked = 0;  // records up to the previous sheet's end
        for (std::size_t s = 0; s < sheets_.size(); ++s) {
            const std::uint32_t offset = static_cast<std::uint32_t>(stream.size());
            for (int b = 0; b < 4; ++b)
                stream[patches[s] + b] = static_cast<char>(offset >> (8 * b));
            SheetRecords records;
            records.name = sheets_[s].name;
            records.hidden = sheets_[s].hidden;
            walked = read_sheet(sheets_[s], records, stream, walked);
            out.sheets.push_back(std::move(records));
        }
        if (stream.size() < kFreexlStreamMinimum) stream.resize(kFreexlStreamMinimum, '\0');
        return out;
    }

  private:
    std::string_view body(std::size_t i) const {
        return stream_.substr(records_[i].offset + 4, records_[i].size);
    }

    static void emit(std::string& out, std::uint16_t type, std::string_view body) {
        const char header[4] = {static_cast<char>(type & 0xFF), static_cast<char>(type >> 8),
                                static_cast<char>(body.size() & 0xFF),
                                static_cast<char>(body.size() >> 8)};
        out.append(header, 4);
        out.append(body);
    }

    /// The bodies of record `i` and of the CONTINUE records right after it.
    std::vector<std::string_view> with_continues(std::size_t i) const {
        std::vector<std::string_view> parts{body(i)};
        while (i + 1 < records_.size() && records_[i + 1].type == kContinue) {
            parts.push_back(body(++i));
        }
        return parts;
    }

    void read_globals() {
        for (std::size_t i = 1; i < records_.size(); ++i) {
            const std::string_view data = body(i);
            switch (records_[i].type) {
                case kEof:
                    return;
                case kBof:
                    corrupt("a substream begins inside the workbook globals");
                case kFilePass:
                    throw FormatError(
                        "the workbook is encrypted (protected by a password to open); remove "
                        "the password in Excel and save it again");
                case kDateMode:
                    if (data.size() < 2) corrupt("a DATEMODE record is too short");
                    date1904_ = u16(data, 0) == 1;
                    break;
                case kFormat: {
                    if (data.size() < 2) corrupt("a FORMAT record is too short");
                    std::string code;
                    Parts parts({data.substr(2)});
                    parts.read_string(false, &code);
                    formats_[u16(data, 0)] = format_kind(code);
                    break;
                }
                case kXf:
                    if (data.size() < 4) corrupt("an XF record is too short");
                    xf_formats_.push_back(u16(data, 2));
                    break;
                case kBoundSheet:
                    read_bound_sheet(data);
                    break;
                case kSst:
                    if (!sst_records_.empty()) corrupt("the workbook has two shared string tables");
                    read_sst(i);
                    break;
                default:
                    break;
            }
        }
        throw FormatError("the workbook is truncated: its globals have no end");
    }

    void read_bound_sheet(std::string_view data) {
        if (data.size() < 8) corrupt("a BOUNDSHEET record is too short");
        Sheet sheet;
        sheet.bof_offset = u32(data, 0);
        sheet.hidden = (static_cast<unsigned char>(data[4]) & 0x03) != 0;
        sheet.worksheet = data[5] == 0;
        Parts parts({data.substr(6)});
        parts.read_string(true, &sheet.name);
        sheets_.push_back(std::move(sheet));
    }

    void read_sst(std::size_t i) {
        std::vector<std::string_view> parts = with_continues(i);
        if (parts[0].size() < 8) corrupt("the shared string table is too short");
        const std::uint32_t unique = u32(parts[0], 4);
        parts[0].remove_prefix(8);
        Parts reader(parts);
        for (std::uint32_t n = 0; n < unique; ++n) reader.read_string(false, nullptr);
        // FreeXL gets the strings counted and no byte more.
        std::string first(body(i).substr(0, 8));
        if (reader.index() == 0) {
            first += parts[0].substr(0, reader.offset());
            sst_records_.emplace_back(kSst, first);
        } else {
            first += parts[0];
            sst_records_.emplace_back(kSst, first);
            for (std::size_t p = 1; p < reader.index(); ++p)
                sst_records_.emplace_back(kContinue, std::string(parts[p]));
            sst_records_.emplace_back(
                kContinue, std::string(parts[reader.index()].substr(0, reader.offset())));
        }
        shared_strings_ = unique;
    }

    std::size_t record_at(std::uint32_t offset) const {
        const auto found = std::lower_bound(
            records_.begin(), records_.end(), offset,
            [](const Record& record, std::uint32_t at) { return record.offset < at; });
        if (found == records_.end() || found->offset != offset || found->type != kBof) {
            return records_.size();
        }
        return static_cast<std::size_t>(found - records_.begin());
    }

    DateKind xf_kind(std::uint16_t xf) const {
        if (xf >= xf_formats_.size()) return {};
        const std::uint16_t format = xf_formats_[xf];
        const auto found = formats_.find(format);
        return found != formats_.end() ? found->second : builtin_kind(format);
    }

    std::string number_text(double value, std::uint16_t xf) const {
        const DateKind kind = xf_kind(xf);
        if (kind.any()) return date_text(value, kind.date, kind.time, date1904_);
        if (value == 0) value = 0;  // -0 reads as 0
        return shortest_text(value);
    }

    /// Walks the substream of `sheet`, which must start past record `walked`; returns the
    /// index of the record after its EOF.
    std::size_t read_sheet(const Sheet& sheet, SheetRecords& out, std::string& stream,
                           std::size_t walked) {
        const std::string where = "sheet '" + sheet.name + "'";
        const std::size_t first = record_at(sheet.bof_offset);
        if (first == records_.size()) {
            corrupt(where + " does not start at a BOF record");
        }
        // Excel writes the sheets in BOUNDSHEET order; sheets that overlap would make the
        // walk and FreeXL's copy grow with the square of the stream.
        if (first < walked) corrupt(where + " overlaps the sheet before it");
        std::string cells;
        std::uint32_t rows = 0, columns = 0;
        const auto freexl_cell = [&](std::uint16_t type, std::string_view data, std::uint32_t row,
                                     std::uint32_t column) {
            emit(cells, type, data);
            rows = std::max(rows, row + 1);
            columns = std::max(columns, column + 1);
        };
        const auto cell_at = [&](std::string_view data, std::size_t bytes, const char* what) {
            if (data.size() < bytes)
                corrupt(where + ": a " + std::string(what) + " record is too short");
            if (u16(data, 2) >= kBiff8Columns) corrupt(where + ": a cell lies past column IV");
        };
        // A worksheet's BOF says so too (0x0010); a chart sheet's says 0x0020.
        out.worksheet =
            sheet.worksheet && records_[first].size >= 4 && u16(body(first), 2) == 0x0010;
        int depth = 0;
        constexpr std::size_t kNone = ~std::size_t{0};
        std::size_t pending_string = kNone;  // the formula cell whose text comes in a STRING record
        for (std::size_t i = first; i < records_.size(); ++i) {
            const std::uint16_t type = records_[i].type;
            const std::string_view data = body(i);
            if (type == kBof) {
                if (++depth == 1)
                    emit(stream, kBof, data.substr(0, std::min<std::size_t>(data.size(), 16)));
                continue;
            }
            if (type == kEof && --depth == 0) {
                // Every sheet gets a DIMENSION, one cell at least: FreeXL leaks memory on a
                // sheet without one.
                std::string dimension(14, '\0');
                const std::uint32_t freexl_rows = std::max<std::uint32_t>(rows, 1);
                for (int b = 0; b < 4; ++b) {
                    dimension[4 + b] = static_cast<char>(freexl_rows >> (8 * b));
                }
                const std::uint32_t freexl_columns = std::max<std::uint32_t>(columns, 1);
                dimension[10] = static_cast<char>(freexl_columns & 0xFF);
                dimension[11] = static_cast<char>(freexl_columns >> 8);
                emit(stream, kDimension, dimension);
                stream += cells;
                emit(stream, kEof, {});
                out.rows = rows;
                out.columns = columns;
                std::uint64_t merged = 0;
                for (const MergedRange& range : out.merged) {
                    merged += std::uint64_t{range.last_row - range.first_row + 1} *
                              (range.last_column - range.first_column + 1);
                }
                // Ranges that do not overlap cover the sheet at most once: this bounds the
                // work of filling them.
                if (merged > std::uint64_t{kBiff8Rows} * kBiff8Columns) {
                    corrupt(where + ": its merged ranges overlap");
                }
                return i + 1;
            }
            if (depth != 1 || !out.worksheet) continue;  // charts and other nested substreams
            if (type == kFormula || type == kNumber || type == kRk || type == kMulRk ||
                type == kLabelSst || type == kLabel || type == kBoolErr) {
                pending_string = kNone;
            }
            switch (type) {
                case kNumber: {
                    cell_at(data, 14, "NUMBER");
                    add_number(out, data, f64(data, 6), freexl_cell, kNumber, 14);
                    break;
                }
                case kRk: {
                    cell_at(data, 10, "RK");
                    add_number(out, data, rk_value(u32(data, 6)), freexl_cell, kRk, 10);
                    break;
                }
                case kMulRk: {
                    if (data.size() < 12 || (data.size() - 6) % 6 != 0) {
                        corrupt(where + ": a MULRK record has a wrong size");
                    }
                    const std::size_t count = (data.size() - 6) / 6;
                    const std::uint32_t column = u16(data, 2);
                    if (column + count > kBiff8Columns)
                        corrupt(where + ": a cell lies past column IV");
                    for (std::size_t k = 0; k < count; ++k) {
                        std::string rk(10, '\0');
                        rk[0] = data[0];
                        rk[1] = data[1];
                        rk[2] = static_cast<char>((column + k) & 0xFF);
                        rk[3] = static_cast<char>((column + k) >> 8);
                        rk.replace(4, 6, data.substr(4 + 6 * k, 6));
                        add_number(out, rk, rk_value(u32(rk, 6)), freexl_cell, kRk, 10);
                    }
                    break;
                }
                case kLabelSst:
                    cell_at(data, 10, "LABELSST");
                    if (u32(data, 6) >= shared_strings_) {
                        corrupt(where + ": a cell refers to a shared string that does not exist");
                    }
                    freexl_cell(kLabelSst, data.substr(0, 10), u16(data, 0), u16(data, 2));
                    break;
                case kLabel: {
                    cell_at(data, 8, "LABEL");
                    std::string text;
                    Parts parts({data.substr(6)});
                    parts.read_string(false, &text);
                    out.cells.push_back({u16(data, 0), u16(data, 2), std::move(text)});
                    break;
                }
                case kBoolErr:
                    cell_at(data, 8, "BOOLERR");
                    out.cells.push_back(
                        {u16(data, 0), u16(data, 2),
                         data[7] == 0 ? (data[6] != 0 ? "TRUE" : "FALSE") : error_text(data[6])});
                    break;
                case kFormula: {
                    cell_at(data, 20, "FORMULA");
                    const std::uint32_t row = u16(data, 0), column = u16(data, 2);
                    if (u16(data, 12) != 0xFFFF) {
                        const double value = f64(data, 6);
                        out.cells.push_back(
                            {row, column,
                             std::isfinite(value) ? number_text(value, u16(data, 4)) : "#NUM!"});
                        break;
                    }
                    switch (data[6]) {
                        case 0:
                            pending_string = out.cells.size();
                            out.cells.push_back({row, column, {}});
                            break;
                        case 1:
                            out.cells.push_back({row, column, data[8] != 0 ? "TRUE" : "FALSE"});
                            break;
                        case 2:
                            out.cells.push_back({row, column, error_text(data[8])});
                            break;
                        default:
                            out.cells.push_back({row, column, {}});
                            break;
                    }
                    break;
                }
                case kString:
                    if (pending_string != kNone) {
                        Parts parts(with_continues(i));
                        parts.read_string(false, &out.cells[pending_string].text);
                        pending_string = kNone;
                    }
                    break;
                case kMergedCells:
                    read_merged(data, out, where);
                    break;
                default:
                    break;
            }
        }
        throw FormatError("the workbook is truncated: " + where + " has no end");
    }

    template <typename Emit>
    void add_number(SheetRecords& out, std::string_view data, double value, Emit& freexl_cell,
                    std::uint16_t type, std::size_t bytes) {
        const std::uint32_t row = u16(data, 0), column = u16(data, 2);
        const DateKind kind = xf_kind(u16(data, 4));
        if (!std::isfinite(value)) {
            out.cells.push_back({row, column, "#NUM!"});
        } else if (kind.any()) {
            out.cells.push_back({row, column, number_text(value, u16(data, 4))});
        } else {
            freexl_cell(type, data.substr(0, bytes), row, column);
        }
    }

    static std::string error_text(char code) {
        switch (static_cast<unsigned char>(code)) {
            case 0x00:
                return "#NULL!";
            case 0x07:
                return "#DIV/0!";
            case 0x0F:
                return "#VALUE!";
            case 0x17:
                return "#REF!";
            case 0x1D:
                return "#NAME?";
            case 0x24:
                return "#NUM!";
            case 0x2B:
                return "#GETTING_DATA";
            default:
                return "#N/A";
        }
    }

    static void read_merged(std::string_view data, SheetRecords& out, const std::string& where) {
        if (data.size() < 2) corrupt(where + ": a MERGEDCELLS record is too short");
        const std::size_t count = u16(data, 0);
        if (2 + 8 * count > data.size()) {
            corrupt(where + ": a MERGEDCELLS record counts more ranges than it holds");
        }
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t at = 2 + 8 * k;
            MergedRange range{u16(data, at), u16(data, at + 2), u16(data, at + 4),
                              u16(data, at + 6)};
            if (range.first_row > range.last_row || range.first_column > range.last_column ||
                range.last_column >= kBiff8Columns) {
                corrupt(where + ": a merged range is malformed");
            }
            out.merged.push_back(range);
        }
    }

    std::string_view stream_;
    std::vector<Record> records_;
    std::vector<Sheet> sheets_;
    std::vector<std::pair<std::uint16_t, std::string>> sst_records_;
    std::uint32_t shared_strings_ = 0;
    std::vector<std::uint16_t> xf_formats_;
    std::map<std::uint16_t, DateKind> formats_;
    bool date1904_ = false;
};

}  // namespace

WorkbookRecords read_records(std::string_view stream) {
    return Walker(stream).run();
}

std::string date_text(double serial, bool date, bool time, bool date1904) {
    // Excel shows no date before its epoch or past 9999-12-31: the number stays a number.
    if (!(serial >= 0 && serial < 2958466)) return shortest_text(serial);
    // Whole seconds, rounded as Excel shows them.
    long long seconds = std::llround(serial * 86400.0);
    long long days = seconds / 86400;
    seconds %= 86400;
    char text[32];
    if (!date) {
        std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60,
                      seconds % 60);
        return text;
    }
    // The 1900 system counts a 1900-02-29 that never was (serial 60); before it, day 1 is
    // 1900-01-01. The 1904 system counts from 1904-01-01 = 0.
    long long year;
    unsigned month, day;
    if (date1904) {
        civil_from_days(days - 24107, year, month, day);  // 1904-01-01 is day -24107
    } else if (days == 60) {
        year = 1900, month = 2, day = 29;
    } else {
        civil_from_days(days - (days < 60 ? 25568 : 25569), year, month, day);
    }
    if (time) {
        std::snprintf(text, sizeof text, "%04lld-%02u-%02u %02lld:%02lld:%02lld", year, month, day,
                      seconds / 3600, seconds / 60 % 60, seconds % 60);
    } else {
        std::snprintf(text, sizeof text, "%04lld-%02u-%02u", year, month, day);
    }
    return text;
}

}  // namespace eduqb::xls
