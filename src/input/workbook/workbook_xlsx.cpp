// The .xlsx reader: the ZIP package read with libzip, each XML part streamed through expat in
// blocks, a sheet's rows handed out as they complete. Only the shared strings are held whole
// (one buffer and the offsets of its strings); a sheet costs memory for one row and for the
// merged ranges it has, whatever its number of rows.

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/utf8.hpp"
#include "eduqb/error.hpp"
#include "input/workbook/workbook.hpp"
#include "input/workbook/xlsx_reader_library.hpp"

namespace eduqb {
namespace {

using std::uint64_t;

/// Bytes handed to expat at a time.
constexpr int kBlockBytes = 1 << 16;

/// Excel's own bounds on a cell reference, whatever the limits.
constexpr long kExcelRows = 1'048'576;
constexpr long kExcelColumns = 16'384;

uint64_t saturating_multiply(uint64_t a, uint64_t b) {
    if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a) {
        return std::numeric_limits<uint64_t>::max();
    }
    return a * b;
}

/// Raw text of a string cell may be up to 7 times its decoded length (_xHHHH_ for one byte).
std::size_t raw_text_limit(std::size_t max_cell_bytes) {
    return static_cast<std::size_t>(saturating_multiply(max_cell_bytes, 7));
}

/// Bytes of XML that expat may hold unparsed (one tag, comment or attribute value): far more
/// than any real part has in one, and a bound on the memory a crafted one takes.
uint64_t unparsed_limit(const WorkbookLimits& limits) {
    const uint64_t limit = saturating_multiply(limits.max_cell_bytes, 64);
    return limit > std::numeric_limits<uint64_t>::max() - (1 << 20) ? limit : limit + (1 << 20);
}

// ---- names of cells and parts ----

/// "B3" for column 1, row 3.
std::string cell_name(long column, long row) {
    std::string letters;
    for (long c = column + 1; c > 0; c = (c - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    return row > 0 ? letters + std::to_string(row) : letters;
}

/// A reference such as "B3" or "$B$3": column (0-based) and row (1-based; 0 when absent).
/// Past Excel's bounds, the numbers saturate just beyond them, so that a limit still catches
/// them without overflow.
bool parse_cell_ref(std::string_view text, long& column, long& row) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '$') ++i;
    long c = 0;
    const std::size_t letters = i;
    for (; i < text.size(); ++i) {
        const char ch = text[i];
        int letter;
        if (ch >= 'A' && ch <= 'Z') {
            letter = ch - 'A' + 1;
        } else if (ch >= 'a' && ch <= 'z') {
            letter = ch - 'a' + 1;
        } else {
            break;
        }
        c = std::min(c * 26 + letter, kExcelColumns + 1);
    }
    if (i == letters) return false;
    if (i < text.size() && text[i] == '$') ++i;
    long r = 0;
    const std::size_t digits = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        r = std::min(r * 10 + (text[i] - '0'), kExcelRows + 1);
    }
    if (i != text.size()) return false;
    if (i > digits && r == 0) return false;
    column = c - 1;
    row = r;
    return true;
}

/// A row number: decimal digits, saturating just past Excel's last row.
bool parse_row_number(std::string_view text, long& row) {
    if (text.empty()) return false;
    long r = 0;
    for (const char ch : text) {
        if (ch < '0' || ch > '9') return false;
        r = std::min(r * 10 + (ch - '0'), kExcelRows + 1);
    }
    row = r;
    return r > 0;
}

std::string_view trim_xml_space(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

/// The element or attribute name without its namespace prefix ("x:row" → "row").
std::string_view local_name(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(name);
}

/// The value of the attribute named `local` (any prefix when `prefixed`, none otherwise).
const char* attribute(const char** attributes, std::string_view local, bool prefixed = false) {
    for (; *attributes != nullptr; attributes += 2) {
        const char* colon = std::strchr(attributes[0], ':');
        if (prefixed != (colon != nullptr)) continue;
        if ((colon ? std::string_view(colon + 1) : std::string_view(attributes[0])) == local) {
            return attributes[1];
        }
    }
    return nullptr;
}

bool xml_true(const char* value) {
    return value != nullptr && (std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0);
}

/// "xl/worksheets/" for "xl/worksheets/sheet1.xml".
std::string part_directory(const std::string& part) {
    const auto slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

/// A relationship's target as a part name: absolute ("/xl/worksheets/sheet1.xml") or relative
/// to the source part's directory, with "." and ".." resolved and %XX decoded.
std::string resolve_target(const std::string& directory, std::string_view target) {
    std::string path;
    if (!target.empty() && target.front() == '/') {
        target.remove_prefix(1);
    } else {
        path = directory;
    }
    for (std::size_t i = 0; i < target.size(); ++i) {
        int high = 0, low = 0;
        const auto hex = [](char c, int& v) {
            if (c >= '0' && c <= '9') return v = c - '0', true;
            if (c >= 'a' && c <= 'f') return v = c - 'a' + 10, true;
            if (c >= 'A' && c <= 'F') return v = c - 'A' + 10, true;
            return false;
        };
        if (target[i] == '%' && i + 2 < target.size() && hex(target[i + 1], high) &&
            hex(target[i + 2], low)) {
            path += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            path += target[i];
        }
    }
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string segment = path.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = slash + 1;
    }
    std::string resolved;
    for (const auto& segment : segments) {
        if (!resolved.empty()) resolved += '/';
        resolved += segment;
    }
    return resolved;
}

/// "xl/_rels/workbook.xml.rels" for "xl/workbook.xml".
std::string relationships_part(const std::string& part) {
    const std::string directory = part_directory(part);
    return directory + "_rels/" + part.substr(directory.size()) + ".rels";
}

bool type_is(std::string_view type, std::string_view last_segment) {
    return type.size() > last_segment.size() &&
           type.substr(type.size() - last_segment.size()) == last_segment &&
           type[type.size() - last_segment.size() - 1] == '/';
}

// ---- cell text ----

/// The UTF-16 code unit of an _xHHHH_ escape at the start of `text`, or -1.
long escaped_unit(std::string_view text) {
    if (text.size() < 7 || text[0] != '_' || text[1] != 'x' || text[6] != '_') return -1;
    long unit = 0;
    for (std::size_t i = 2; i < 6; ++i) {
        const char c = text[i];
        int digit;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            digit = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            digit = c - 'A' + 10;
        } else {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

/// `raw` with Excel's _xHHHH_ escapes (characters XML cannot carry, such as _x000D_, and
/// _x005F_ for a literal underscore) decoded, appended to `out`.
void append_unescaped(std::string& out, std::string_view raw) {
    while (!raw.empty()) {
        const void* found = std::memchr(raw.data(), '_', raw.size());
        if (found == nullptr) break;
        const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - raw.data());
        out.append(raw.data(), at);
        raw.remove_prefix(at);
        long unit = escaped_unit(raw);
        if (unit < 0) {
            out += '_';
            raw.remove_prefix(1);
            continue;
        }
        raw.remove_prefix(7);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const long low = escaped_unit(raw);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                raw.remove_prefix(7);
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            } else {
                unit = 0xFFFD;
            }
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            unit = 0xFFFD;
        }
        detail::append_utf8(out, static_cast<char32_t>(unit));
    }
    out.append(raw.data(), raw.size());
}

/// The shortest decimal that reads back as `value`, in fixed notation over the range where
/// that stays short (every integer below 1e21); exponent form beyond.
void append_number(std::string& out, double value) {
    if (value == 0) {  // and -0
        out += '0';
        return;
    }
    char text[64];
    const double magnitude = std::fabs(value);
    const auto result =
        magnitude >= 1e-9 && magnitude < 1e21
            ? std::to_chars(text, text + sizeof text, value, std::chars_format::fixed)
            : std::to_chars(text, text + sizeof text, value);
    out.append(text, result.ptr);
}

void append_two_digits(std::string& out, long value) {
    out += static_cast<char>('0' + value / 10);
    out += static_cast<char>('0' + value % 10);
}

/// Days since 1970-01-01 as year, month, day (proleptic Gregorian; H. Hinnant's algorithm).
void civil_from_days(long days, long& year, long& month, long& day) {
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const long doe = days - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = yoe + era * 400 + (month <= 2);
}

/// A date serial as Excel shows it: 2024-09-01, 2024-09-01 08:30:00, or a time alone for a
/// serial below 1 in the 1900 system (day 0 is no date there). Excel's 1900 system counts the
/// non-existent 1900-02-29 (serial 60) as Lotus 1-2-3 did. False when no date has this serial.
bool append_date(std::string& out, double serial, bool date1904) {
    if (!(serial >= 0 && serial < 2958466)) return false;  // 9999-12-31 is the last day
    const long long seconds = std::llround(serial * 86400.0);
    const long days = static_cast<long>(seconds / 86400);
    const long time = static_cast<long>(seconds % 86400);
    const bool time_only = !date1904 && days == 0;
    if (!time_only) {
        long year, month, day;
        if (!date1904 && days == 60) {
            year = 1900, month = 2, day = 29;
        } else {
            const long unix_days = date1904    ? days - 24107
                                   : days < 60 ? days - 25568
                                               : days - 25569;
            civil_from_days(unix_days, year, month, day);
        }
        if (year > 9999) return false;
        out += std::to_string(year);
        out += '-';
        append_two_digits(out, month);
        out += '-';
        append_two_digits(out, day);
        if (time == 0) return true;
        out += ' ';
    }
    append_two_digits(out, time / 3600);
    out += ':';
    append_two_digits(out, time / 60 % 60);
    out += ':';
    append_two_digits(out, time % 60);
    return true;
}

/// Whether a number format code shows a date or a time: a d, m, y, h or s outside quoted text,
/// brackets ([Red], [$-804]; but [h], [mm], [ss] are elapsed time) and escaped characters.
bool is_date_code(std::string_view code) {
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        } else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) return false;
            const std::string_view inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
                return true;
            }
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (std::strchr("dDmMyYhHsS", c) != nullptr && c != '\0') {
            return true;
        }
    }
    return false;
}

/// The built-in number formats that show dates or times: 14–22 and 45–47 everywhere, and in
/// East Asian locales (the workbooks this tool reads) 27–36 and 50–58.
bool is_date_format_id(long id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

// ---- the ZIP package ----

[[noreturn]] void fail(const std::string& file, const std::string& message) {
    throw InputError(Location{file, 0, 0}, message);
}

class Package {
  public:
    Package(const XlsxReaderLibrary& zip, zip_t* archive, std::string file, WorkbookLimits limits)
        : lib(zip), archive_(archive), file_(std::move(file)), limits_(limits) {}
    ~Package() { lib.zip_discard(archive_); }
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    /// The entry of a part (part names are case-insensitive), or -1.
    zip_int64_t locate(const std::string& part) const {
        const zip_int64_t exact = lib.zip_name_locate(archive_, part.c_str(), 0);
        return exact >= 0 ? exact : lib.zip_name_locate(archive_, part.c_str(), ZIP_FL_NOCASE);
    }
    zip_t* archive() const { return archive_; }
    const std::string& file() const { return file_; }
    const WorkbookLimits& limits() const { return limits_; }

    const XlsxReaderLibrary& lib;

  private:
    zip_t* archive_;
    std::string file_;
    WorkbookLimits limits_;
};

/// What a libzip error code means for a reader.
std::string zip_problem(const XlsxReaderLibrary& lib, zip_error_t* error) {
    switch (lib.zip_error_code_zip(error)) {
        case ZIP_ER_NOPASSWD:
        case ZIP_ER_WRONGPASSWD:
        case ZIP_ER_ENCRNOTSUPP:
            return "it is encrypted; save the workbook without a password";
        case ZIP_ER_COMPNOTSUPP:
            return "it is compressed with a method eduqb cannot read; save the workbook again "
                   "from Excel or WPS";
        default:
            return std::string("the file is damaged or truncated (") +
                   lib.zip_error_strerror(error) + ")";
    }
}

/// One part of the package, decompressed block by block within the limits.
class PartStream {
  public:
    /// `what` names the part in messages: "xl/sharedStrings.xml", "sheet 'S' (xl/...)".
    PartStream(const Package& package, zip_int64_t index, std::string what)
        : package_(package), what_(std::move(what)) {
        const XlsxReaderLibrary& lib = package.lib;
        zip_stat_t stat;
        if (lib.zip_stat_index(package.archive(), static_cast<zip_uint64_t>(index), 0, &stat) !=
            0) {
            fail_with(zip_problem(lib, lib.zip_get_error(package.archive())));
        }
        compressed_ = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
        file_ = lib.zip_fopen_index(package.archive(), static_cast<zip_uint64_t>(index), 0);
        if (file_ == nullptr) fail_with(zip_problem(lib, lib.zip_get_error(package.archive())));
    }
    ~PartStream() { package_.lib.zip_fclose(file_); }
    PartStream(const PartStream&) = delete;
    PartStream& operator=(const PartStream&) = delete;

    /// Up to `size` more bytes into `out`; 0 at the end of the part.
    std::size_t read(char* out, std::size_t size) {
        const XlsxReaderLibrary& lib = package_.lib;
        const zip_int64_t got = lib.zip_fread(file_, out, size);
        if (got < 0) fail_with(zip_problem(lib, lib.zip_file_get_error(file_)));
        total_ += static_cast<uint64_t>(got);
        const WorkbookLimits& limits = package_.limits();
        if (total_ > limits.max_part_bytes) {
            fail_with("decompresses to more than " + std::to_string(limits.max_part_bytes) +
                      " bytes, the limit for one part of a workbook");
        }
        if (total_ > saturating_multiply(compressed_, limits.max_ratio)) {
            fail_with("decompresses to more than " + std::to_string(limits.max_ratio) +
                      " times its " + std::to_string(compressed_) +
                      " compressed bytes, which no real workbook does (a zip bomb)");
        }
        return static_cast<std::size_t>(got);
    }

    [[noreturn]] void fail_with(const std::string& message) const {
        fail(package_.file(), what_ + ": " + message);
    }
    const WorkbookLimits& limits() const { return package_.limits(); }
    const std::string& what() const { return what_; }

  private:
    const Package& package_;
    std::string what_;
    zip_file_t* file_ = nullptr;
    uint64_t compressed_ = 0;
    uint64_t total_ = 0;
};

// ---- XML parts ----

/// Where a handler is in the element tree: the kinds of the elements it knows on the path from
/// the root, and how deep it is inside an element it does not know (whose subtree it skips).
class ElementPath {
  public:
    static constexpr int kOther = 0;
    static constexpr int kDepth = 8;

    bool skipping() const { return skipped_ > 0; }
    /// The kind of the innermost known element (kOther at the root).
    int top() const { return depth_ == 0 ? kOther : kinds_[depth_ - 1]; }
    int depth() const { return depth_; }
    void push(int kind) {
        if (skipped_ > 0 || kind == kOther || depth_ == kDepth) {
            ++skipped_;
        } else {
            kinds_[depth_++] = kind;
        }
    }
    /// The kind of the element that ends (kOther for a skipped one).
    int pop() {
        if (skipped_ > 0) {
            --skipped_;
            return kOther;
        }
        return depth_ == 0 ? kOther : kinds_[--depth_];
    }

  private:
    int kinds_[kDepth] = {};
    int depth_ = 0;
    long skipped_ = 0;
};

/// Streams one part through expat into `Handler`, which has start(name, attributes),
/// end(name) → bool (true: pause after this element) and text(data, size). The handler may
/// throw; the exception comes out of pump().
template <class Handler>
class XmlReader {
  public:
    XmlReader(PartStream& part, Handler& handler, const XlsxReaderLibrary& lib)
        : lib_(lib),
          part_(part),
          handler_(handler),
          parser_(lib.XML_ParserCreate(nullptr)),
          unparsed_limit_(unparsed_limit(part.limits())) {
        if (parser_ == nullptr) throw std::bad_alloc();
        lib.XML_SetUserData(parser_, this);
        lib.XML_SetElementHandler(parser_, &XmlReader::on_start, &XmlReader::on_end);
        lib.XML_SetCharacterDataHandler(parser_, &XmlReader::on_text);
        lib.XML_SetDoctypeDeclHandler(parser_, &XmlReader::on_doctype, nullptr);
    }
    ~XmlReader() { lib_.XML_ParserFree(parser_); }
    XmlReader(const XmlReader&) = delete;
    XmlReader& operator=(const XmlReader&) = delete;

    /// Parses the next block, or the rest of the block where the handler paused. False once
    /// the document has ended.
    bool pump() {
        if (ended_) return false;
        XML_Status status;
        if (paused_) {
            paused_ = false;
            status = lib_.XML_ResumeParser(parser_);
        } else {
            void* buffer = lib_.XML_GetBuffer(parser_, kBlockBytes);
            if (buffer == nullptr) throw std::bad_alloc();
            const std::size_t size = part_.read(static_cast<char*>(buffer), kBlockBytes);
            fed_ += size;
            last_block_ = size == 0;
            status = lib_.XML_ParseBuffer(parser_, static_cast<int>(size), last_block_);
        }
        if (failure_) std::rethrow_exception(failure_);
        // Expat hands out text as it comes, but holds a tag, a comment or an attribute value
        // whole until it ends: memory would grow with one crafted element.
        if (fed_ - fed_at_last_event_ > unparsed_limit_) {
            part_.fail_with("has an XML tag, comment or attribute of more than " +
                            std::to_string(unparsed_limit_) + " bytes");
        }
        if (status == XML_STATUS_ERROR) {
            part_.fail_with("malformed XML at line " +
                            std::to_string(lib_.XML_GetCurrentLineNumber(parser_)) + ", column " +
                            std::to_string(lib_.XML_GetCurrentColumnNumber(parser_) + 1) + " (" +
                            lib_.XML_ErrorString(lib_.XML_GetErrorCode(parser_)) + ")");
        }
        if (status == XML_STATUS_SUSPENDED) {
            paused_ = true;
            return true;
        }
        ended_ = last_block_;
        return !ended_;
    }

    /// Reads the whole part.
    void run() {
        while (pump()) {
        }
    }

  private:
    void stop_with(std::exception_ptr failure) {
        failure_ = std::move(failure);
        lib_.XML_StopParser(parser_, XML_FALSE);
    }

    static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* self = static_cast<XmlReader*>(data);
        if (self->failure_) return;
        self->fed_at_last_event_ = self->fed_;
        try {
            self->handler_.start(local_name(name), attributes);
        } catch (...) {
            self->stop_with(std::current_exception());
        }
    }
    static void XMLCALL on_end(void* data, const XML_Char* name) {
        auto* self = static_cast<XmlReader*>(data);
        if (self->failure_) return;
        self->fed_at_last_event_ = self->fed_;
        try {
            if (self->handler_.end(local_name(name))) {
                XML_ParsingStatus status;
                self->lib_.XML_GetParsingStatus(self->parser_, &status);
                if (status.parsing == XML_PARSING)
                    self->lib_.XML_StopParser(self->parser_, XML_TRUE);
            }
        } catch (...) {
            self->stop_with(std::current_exception());
        }
    }
    static void XMLCALL on_text(void* data, const XML_Char* text, int size) {
        auto* self = static_cast<XmlReader*>(data);
        if (self->failure_) return;
        self->fed_at_last_event_ = self->fed_;
        try {
            self->handler_.text(text, static_cast<std::size_t>(size));
        } catch (...) {
            self->stop_with(std::current_exception());
        }
    }
    // A DTD could declare entities that expand without bound; no workbook part has one.
    static void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                                   int) {
        auto* self = static_cast<XmlReader*>(data);
        if (self->failure_) return;
        self->fed_at_last_event_ = self->fed_;
        try {
            self->part_.fail_with("has a DOCTYPE declaration, which no workbook part has");
        } catch (...) {
            self->stop_with(std::current_exception());
        }
    }

    const XlsxReaderLibrary& lib_;
    PartStream& part_;
    Handler& handler_;
    XML_Parser parser_;
    std::exception_ptr failure_;
    bool paused_ = false;
    bool last_block_ = false;
    bool ended_ = false;
    uint64_t fed_ = 0;                // bytes given to expat
    uint64_t fed_at_last_event_ = 0;  // fed_ when expat last reported something
    uint64_t unparsed_limit_;
};

/// Handlers that only look at attributes.
struct NoText {
    void text(const char*, std::size_t) {}
};

template <class Handler>
void parse_part(const Package& package, zip_int64_t index, const std::string& what,
                Handler& handler) {
    PartStream part(package, index, what);
    XmlReader<Handler> reader(part, handler, package.lib);
    reader.run();
}

struct Relationship {
    std::string id;
    std::string type;
    std::string target;  // resolved to a part name; empty for an external target
};

/// A .rels part: <Relationships><Relationship Id Type Target TargetMode/>.
class RelationshipsHandler : public NoText {
  public:
    explicit RelationshipsHandler(std::string source_directory)
        : directory_(std::move(source_directory)) {}

    void start(std::string_view name, const char** attributes) {
        const int parent = path_.top();
        int kind = ElementPath::kOther;
        if (!path_.skipping()) {
            if (path_.depth() == 0 && name == "Relationships") {
                kind = kRelationships;
            } else if (parent == kRelationships && name == "Relationship") {
                kind = kRelationship;
                const char* id = attribute(attributes, "Id");
                const char* type = attribute(attributes, "Type");
                const char* target = attribute(attributes, "Target");
                const char* mode = attribute(attributes, "TargetMode");
                if (id && type && target) {
                    const bool external = mode != nullptr && std::strcmp(mode, "External") == 0;
                    relationships.push_back(
                        {id, type, external ? std::string() : resolve_target(directory_, target)});
                }
            }
        }
        path_.push(kind);
    }
    bool end(std::string_view) {
        path_.pop();
        return false;
    }

    std::vector<Relationship> relationships;

  private:
    enum { kRelationships = 1, kRelationship };
    std::string directory_;
    ElementPath path_;
};

struct SheetEntry {
    std::string name;
    std::string relationship;
    bool hidden = false;
};

/// xl/workbook.xml: the sheets in order, and the date system.
class WorkbookHandler : public NoText {
  public:
    void start(std::string_view name, const char** attributes) {
        const int parent = path_.top();
        int kind = ElementPath::kOther;
        if (!path_.skipping()) {
            if (path_.depth() == 0) {
                root = std::string(name);
                kind = kWorkbook;
            } else if (parent == kWorkbook && name == "workbookPr") {
                date1904 = xml_true(attribute(attributes, "date1904"));
            } else if (parent == kWorkbook && name == "sheets") {
                kind = kSheets;
            } else if (parent == kSheets && name == "sheet") {
                const char* sheet_name = attribute(attributes, "name");
                const char* id = attribute(attributes, "id", true);
                const char* state = attribute(attributes, "state");
                sheets.push_back({sheet_name ? sheet_name : "", id ? id : "",
                                  state != nullptr && std::strcmp(state, "visible") != 0});
            }
        }
        path_.push(kind);
    }
    bool end(std::string_view) {
        path_.pop();
        return false;
    }

    std::string root;
    bool date1904 = false;
    std::vector<SheetEntry> sheets;

  private:
    enum { kWorkbook = 1, kSheets };
    ElementPath path_;
};

/// xl/styles.xml: for each cell format (cellXfs), whether it shows a date.
class StylesHandler : public NoText {
  public:
    void start(std::string_view name, const char** attributes) {
        const int parent = path_.top();
        int kind = ElementPath::kOther;
        if (!path_.skipping()) {
            if (path_.depth() == 0) {
                kind = kStyleSheet;
            } else if (parent == kStyleSheet && name == "numFmts") {
                kind = kNumFmts;
            } else if (parent == kNumFmts && name == "numFmt") {
                long id = 0;
                const char* id_text = attribute(attributes, "numFmtId");
                const char* code = attribute(attributes, "formatCode");
                if (id_text && code && parse_long(id_text, id)) custom_[id] = is_date_code(code);
            } else if (parent == kStyleSheet && name == "cellXfs") {
                kind = kCellXfs;
            } else if (parent == kCellXfs && name == "xf") {
                long id = 0;
                const char* id_text = attribute(attributes, "numFmtId");
                formats_.push_back(id_text && parse_long(id_text, id) ? id : 0);
            }
        }
        path_.push(kind);
    }
    bool end(std::string_view) {
        path_.pop();
        return false;
    }

    /// One flag per cell format: 1 when it shows a date or time.
    std::vector<std::uint8_t> date_styles() const {
        std::vector<std::uint8_t> dates;
        dates.reserve(formats_.size());
        for (const long id : formats_) {
            const auto custom = custom_.find(id);
            dates.push_back(custom != custom_.end() ? custom->second : is_date_format_id(id));
        }
        return dates;
    }

  private:
    static bool parse_long(const char* text, long& value) {
        const char* end = text + std::strlen(text);
        const auto result = std::from_chars(text, end, value);
        return result.ec == std::errc() && result.ptr == end;
    }

    enum { kStyleSheet = 1, kNumFmts, kCellXfs };
    ElementPath path_;
    std::unordered_map<long, bool> custom_;
    std::vector<long> formats_;
};

/// The shared string table: every string's text in one buffer.
class SharedStrings {
  public:
    std::size_t size() const { return ends_.size(); }
    std::string_view at(std::size_t index) const {
        const uint64_t begin = index == 0 ? 0 : ends_[index - 1];
        return std::string_view(text_).substr(begin, ends_[index] - begin);
    }

  private:
    friend class SharedStringsHandler;
    std::string text_;
    std::vector<uint64_t> ends_;
};

/// xl/sharedStrings.xml: <sst><si><t>…</t></si> or <si><r><t>…</t></r>…</si>; phonetic runs
/// (<rPh>) are guides for reading East Asian text, not part of it.
class SharedStringsHandler {
  public:
    SharedStringsHandler(SharedStrings& strings, const PartStream& part, std::size_t max_bytes)
        : strings_(strings), part_(part), max_bytes_(max_bytes) {}

    void start(std::string_view name, const char**) {
        const int parent = path_.top();
        int kind = ElementPath::kOther;
        if (!path_.skipping()) {
            if (path_.depth() == 0) {
                kind = kSst;
            } else if (parent == kSst && name == "si") {
                kind = kSi;
            } else if ((parent == kSi || parent == kRun) && name == "t") {
                kind = kT;
                raw_.clear();
            } else if (parent == kSi && name == "r") {
                kind = kRun;
            }
        }
        path_.push(kind);
    }
    bool end(std::string_view) {
        const int kind = path_.pop();
        if (kind == kT) {
            append_unescaped(strings_.text_, raw_);
            check_length();
        } else if (kind == kSi) {
            strings_.ends_.push_back(strings_.text_.size());
        }
        return false;
    }
    void text(const char* data, std::size_t size) {
        if (path_.top() != kT || path_.skipping()) return;
        raw_.append(data, size);
        if (raw_.size() > raw_text_limit(max_bytes_)) too_long();
    }

  private:
    void check_length() const {
        const uint64_t begin = strings_.ends_.empty() ? 0 : strings_.ends_.back();
        if (strings_.text_.size() - begin > max_bytes_) too_long();
    }
    [[noreturn]] void too_long() const {
        part_.fail_with("string " + std::to_string(strings_.ends_.size()) + " is longer than " +
                        std::to_string(max_bytes_) + " bytes");
    }

    enum { kSst = 1, kSi, kRun, kT };
    SharedStrings& strings_;
    const PartStream& part_;
    std::size_t max_bytes_;
    ElementPath path_;
    std::string raw_;
};

// ---- sheets ----

struct MergedRange {
    long top, left, bottom, right;
};

/// A sheet in messages: "data.xlsx: sheet '学校': ...".
struct SheetContext {
    std::string file;
    std::string sheet;  // "sheet '学校'"
    [[noreturn]] void fail(const std::string& message) const {
        eduqb::fail(file, sheet + ": " + message);
    }
};

/// A worksheet's <mergeCells>, which follow its <sheetData>.
class MergesHandler : public NoText {
  public:
    MergesHandler(const SheetContext& sheet, const WorkbookLimits& limits)
        : sheet_(sheet), limits_(limits) {}

    void start(std::string_view name, const char** attributes) {
        const int parent = path_.top();
        int kind = ElementPath::kOther;
        if (!path_.skipping()) {
            if (path_.depth() == 0) {
                kind = kWorksheet;
            } else if (parent == kWorksheet && name == "mergeCells") {
                kind = kMergeCells;
            } else if (parent == kMergeCells && name == "mergeCell") {
                const char* ref = attribute(attributes, "ref");
                if (ref != nullptr) add(ref);
            }
        }
        path_.push(kind);
    }
    bool end(std::string_view) {
        path_.pop();
        return false;
    }

    std::vector<MergedRange> ranges;

  private:
    void add(std::string_view ref) {
        const auto colon = ref.find(':');
        long left = 0, top = 0, right = 0, bottom = 0;
        bool valid = parse_cell_ref(ref.substr(0, colon), left, top);
        if (colon == std::string_view::npos) {
            right = left, bottom = top;
        } else {
            valid = valid && parse_cell_ref(ref.substr(colon + 1), right, bottom);
        }
        if (!valid || top == 0 || bottom == 0) {
            sheet_.fail("merged range '" + std::string(ref) + "' is not a cell range");
        }
        if (top > bottom) std::swap(top, bottom);
        if (left > right) std::swap(left, right);
        if (bottom > limits_.max_rows) {
            sheet_.fail("merged range " + std::string(ref) + " reaches beyond the limit of " +
                        std::to_string(limits_.max_rows) + " rows");
        }
        if (right >= limits_.max_columns) {
            sheet_.fail("merged range " + std::string(ref) + " reaches beyond the limit of " +
                        std::to_string(limits_.max_columns) + " columns");
        }
        if (top == bottom && left == right) return;
        ranges.push_back({top, left, bottom, right});
    }

    enum { kWorksheet = 1, kMergeCells };
    const SheetContext& sheet_;
    const WorkbookLimits& limits_;
    ElementPath path_;
};

/// A row of a sheet as its XML gives it: cells[0, used) hold its cells (the vector keeps
/// strings beyond `used` for their capacity).
struct RawRow {
    long number = 0;
    std::vector<std::string> cells;
    std::size_t used = 0;
};

/// A worksheet's <sheetData>: each <row> with at least one non-empty cell, as it completes.
class SheetHandler {
  public:
    SheetHandler(const SheetContext& sheet, const WorkbookLimits& limits,
                 const SharedStrings& strings, const std::vector<std::uint8_t>& date_styles,
                 bool date1904)
        : sheet_(sheet),
          limits_(limits),
          strings_(strings),
          date_styles_(date_styles),
          date1904_(date1904),
          raw_limit_(raw_text_limit(limits.max_cell_bytes)) {}

    void start(std::string_view name, const char** attributes) {
        const int parent = path_.top();
        int kind = ElementPath::kOther;
        if (!path_.skipping()) {
            if (path_.depth() == 0) {
                kind = kWorksheet;
            } else if (parent == kWorksheet && name == "sheetData") {
                kind = kSheetData;
            } else if (parent == kSheetData && name == "row") {
                kind = kRow;
                start_row(attribute(attributes, "r"));
            } else if (parent == kRow && name == "c") {
                kind = kCell;
                start_cell(attributes);
            } else if (parent == kCell && name == "v") {
                kind = kValue;
            } else if (parent == kCell && name == "is") {
                kind = kInline;
                has_inline_ = true;
            } else if ((parent == kInline || parent == kRun) && name == "t") {
                kind = kText;
                raw_.clear();
            } else if (parent == kInline && name == "r") {
                kind = kRun;
            }
        }
        path_.push(kind);
    }

    bool end(std::string_view) {
        switch (path_.pop()) {
            case kText:
                append_unescaped(inline_, raw_);
                if (inline_.size() > limits_.max_cell_bytes) too_long();
                return false;
            case kCell:
                end_cell();
                return false;
            case kRow:
                return end_row();
            default:
                return false;
        }
    }

    void text(const char* data, std::size_t size) {
        if (path_.skipping()) return;
        const int kind = path_.top();
        if (kind == kValue) {
            value_.append(data, size);
            if (value_.size() > raw_limit_) too_long();
        } else if (kind == kText) {
            raw_.append(data, size);
            if (raw_.size() > raw_limit_) too_long();
        }
    }

    /// Completed rows, oldest first.
    std::deque<RawRow> ready;

    /// Takes back a row's storage for a later row.
    void recycle(RawRow&& row) { spare_.push_back(std::move(row)); }

  private:
    enum { kWorksheet = 1, kSheetData, kRow, kCell, kValue, kInline, kRun, kText };
    enum class Type { number, shared, inline_string, formula_string, boolean, error, date, other };

    void start_row(const char* r) {
        long number = last_row_ + 1;
        if (r != nullptr && !parse_row_number(trim_xml_space(r), number)) {
            sheet_.fail("row number '" + std::string(r) + "' is not valid");
        }
        if (number <= last_row_) {
            sheet_.fail(number == last_row_
                            ? "row " + std::to_string(number) + " appears twice"
                            : "row " + std::to_string(number) + " comes after row " +
                                  std::to_string(last_row_) + "; rows must be in order");
        }
        if (number > limits_.max_rows) {
            sheet_.fail("row " +
                        (r != nullptr ? std::string(trim_xml_space(r)) : std::to_string(number)) +
                        " is beyond the limit of " + std::to_string(limits_.max_rows) + " rows");
        }
        row_.number = number;
        row_.used = 0;
        row_nonempty_ = false;
        last_column_ = -1;
    }

    bool end_row() {
        last_row_ = row_.number;
        if (!row_nonempty_) return false;
        ready.push_back(std::move(row_));
        if (spare_.empty()) {
            row_ = RawRow{};
        } else {
            row_ = std::move(spare_.back());
            spare_.pop_back();
        }
        return true;
    }

    void start_cell(const char** attributes) {
        long column = last_column_ + 1;
        if (const char* r = attribute(attributes, "r")) {
            long row_part = 0;
            if (!parse_cell_ref(trim_xml_space(r), column, row_part)) {
                sheet_.fail("cell reference '" + std::string(r) + "' in row " +
                            std::to_string(row_.number) + " is not valid");
            }
        }
        if (column <= last_column_) {
            sheet_.fail(column == last_column_
                            ? "cell " + cell_name(column, row_.number) + " appears twice"
                            : "cell " + cell_name(column, row_.number) + " comes after " +
                                  cell_name(last_column_, row_.number) +
                                  "; cells must be in order");
        }
        if (column >= limits_.max_columns) {
            sheet_.fail("cell " + cell_name(column, row_.number) + " is beyond the limit of " +
                        std::to_string(limits_.max_columns) + " columns");
        }
        column_ = last_column_ = column;
        type_ = Type::number;
        if (const char* t = attribute(attributes, "t")) {
            const std::string_view type = t;
            type_ = type == "n"           ? Type::number
                    : type == "s"         ? Type::shared
                    : type == "inlineStr" ? Type::inline_string
                    : type == "str"       ? Type::formula_string
                    : type == "b"         ? Type::boolean
                    : type == "e"         ? Type::error
                    : type == "d"         ? Type::date
                                          : Type::other;
        }
        style_ = 0;
        if (const char* s = attribute(attributes, "s")) {
            const char* end = s + std::strlen(s);
            if (std::from_chars(s, end, style_).ec != std::errc()) style_ = 0;
        }
        value_.clear();
        inline_.clear();
        has_inline_ = false;
    }

    /// The cell's slot in the row: cells skipped since the last one are empty.
    std::string& slot(long column) {
        const auto index = static_cast<std::size_t>(column);
        if (row_.cells.size() <= index) row_.cells.resize(index + 1);
        for (std::size_t i = row_.used; i < index; ++i) row_.cells[i].clear();
        row_.used = index + 1;
        return row_.cells[index];
    }

    void end_cell() {
        std::string& out = slot(column_);
        out.clear();
        switch (type_) {
            case Type::number:
                append_number_cell(out);
                break;
            case Type::shared: {
                const std::string_view text = trim_xml_space(value_);
                if (text.empty()) break;
                std::size_t index = 0;
                const auto result = std::from_chars(text.data(), text.data() + text.size(), index);
                if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
                    cell_fail("refers to shared string '" + std::string(text) +
                              "', which is not a number");
                }
                if (index >= strings_.size()) {
                    cell_fail("refers to shared string " + std::to_string(index) +
                              ", but the workbook has " + std::to_string(strings_.size()));
                }
                out = strings_.at(index);
                break;
            }
            case Type::inline_string:
                if (has_inline_) {
                    out = inline_;
                } else {
                    append_unescaped(out, value_);
                }
                break;
            case Type::formula_string:
                append_unescaped(out, value_);
                break;
            case Type::boolean: {
                const std::string_view text = trim_xml_space(value_);
                out = text == "1" ? "TRUE" : text == "0" ? "FALSE" : text;
                break;
            }
            case Type::error:
            case Type::date:
                out = trim_xml_space(value_);
                break;
            case Type::other:
                out = value_;
                break;
        }
        if (out.size() > limits_.max_cell_bytes) too_long();
        if (!out.empty()) row_nonempty_ = true;
    }

    void append_number_cell(std::string& out) const {
        const std::string_view text = trim_xml_space(value_);
        if (text.empty()) return;
        double value = 0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec != std::errc() || result.ptr != text.data() + text.size() ||
            !std::isfinite(value)) {
            out = text;  // not a number after all: the text as the file has it
            return;
        }
        const bool date = style_ < date_styles_.size() && date_styles_[style_] != 0;
        if (!date || !append_date(out, value, date1904_)) append_number(out, value);
    }

    [[noreturn]] void cell_fail(const std::string& message) const {
        sheet_.fail("cell " + cell_name(column_, row_.number) + " " + message);
    }
    [[noreturn]] void too_long() const {
        cell_fail("is longer than " + std::to_string(limits_.max_cell_bytes) + " bytes");
    }

    const SheetContext& sheet_;
    const WorkbookLimits& limits_;
    const SharedStrings& strings_;
    const std::vector<std::uint8_t>& date_styles_;
    bool date1904_;
    std::size_t raw_limit_;
    ElementPath path_;

    RawRow row_;
    std::vector<RawRow> spare_;
    long last_row_ = 0;
    long last_column_ = -1;
    bool row_nonempty_ = false;

    long column_ = 0;
    Type type_ = Type::number;
    std::size_t style_ = 0;
    std::string value_;   // <v>, as written
    std::string raw_;     // the current <t> of an inline string, as written
    std::string inline_;  // the inline string so far, decoded
    bool has_inline_ = false;
};

struct WorkbookData {
    std::unique_ptr<Package> package;
    SharedStrings strings;
    std::vector<std::uint8_t> date_styles;
    bool date1904 = false;
};

struct SheetPart {
    std::string name;  // the part, e.g. "xl/worksheets/sheet1.xml"
    zip_int64_t entry = -1;
};

class XlsxSheetRows final : public SheetRows {
  public:
    XlsxSheetRows(std::shared_ptr<const WorkbookData> data, const SheetInfo& info,
                  const SheetPart& part)
        : data_(std::move(data)),
          sheet_{data_->package->file(), "sheet '" + info.name + "'"},
          what_(sheet_.sheet + " (" + part.name + ")") {
        read_merges(part.entry);
        const Package& package = *data_->package;
        part_ = std::make_unique<PartStream>(package, part.entry, what_);
        handler_ = std::make_unique<SheetHandler>(sheet_, package.limits(), data_->strings,
                                                  data_->date_styles, data_->date1904);
        reader_ = std::make_unique<XmlReader<SheetHandler>>(*part_, *handler_, package.lib);
    }

    bool next(long& row, std::vector<std::string>& cells) override {
        for (;;) {
            while (handler_->ready.empty() && !ended_) ended_ = !reader_->pump();
            const bool have_row = !handler_->ready.empty();
            const long next_row =
                have_row ? handler_->ready.front().number : std::numeric_limits<long>::max();
            if (cursor_ + 1 < next_row) {
                // Rows the XML leaves out (or whose cells are all empty) that a merged range
                // gives a value.
                const long gap = cursor_ + 1;
                advance_merges(gap);
                const bool filled = std::any_of(active_.begin(), active_.end(),
                                                [](const Active& a) { return !a.value.empty(); });
                if (filled) {
                    cursor_ = gap;
                    cells.clear();
                    fill_merges(gap, cells);
                    if (!cells.empty()) return row = gap, true;
                    continue;
                }
                if (!have_row) return false;
                cursor_ = next_row - 1;
                continue;
            }
            RawRow raw = std::move(handler_->ready.front());
            handler_->ready.pop_front();
            cursor_ = raw.number;
            advance_merges(raw.number);
            for (Active& active : active_) {
                if (active.range.top == raw.number) {
                    const auto left = static_cast<std::size_t>(active.range.left);
                    if (left < raw.used) active.value = raw.cells[left];
                }
            }
            cells.swap(raw.cells);
            cells.resize(raw.used);
            fill_merges(raw.number, cells);
            handler_->recycle(std::move(raw));
            if (!cells.empty()) return row = cursor_, true;
        }
    }

  private:
    struct Active {
        MergedRange range;
        std::string value;  // the top-left cell's
    };

    /// The merged ranges come after the rows, so they are read first. Most sheets have none:
    /// a scan of the raw bytes for the element's name finds that out without parsing.
    void read_merges(zip_int64_t entry) {
        const Package& package = *data_->package;
        {
            PartStream part(package, entry, what_);
            static constexpr std::string_view kName = "mergeCell";
            std::vector<char> block(kBlockBytes + kName.size());
            std::size_t kept = 0;
            bool found = false;
            while (!found) {
                const std::size_t got = part.read(block.data() + kept, kBlockBytes);
                if (got == 0) break;
                const std::string_view bytes(block.data(), kept + got);
                found = bytes.find(kName) != std::string_view::npos;
                kept = std::min(kName.size() - 1, bytes.size());
                std::memmove(block.data(), block.data() + bytes.size() - kept, kept);
            }
            if (!found) return;
        }
        MergesHandler merges(sheet_, package.limits());
        parse_part(package, entry, what_, merges);
        pending_ = std::move(merges.ranges);
        std::stable_sort(pending_.begin(), pending_.end(),
                         [](const MergedRange& a, const MergedRange& b) { return a.top < b.top; });
        long columns = 0;
        for (const MergedRange& range : pending_) columns = std::max(columns, range.right + 1);
        filled_in_row_.assign(static_cast<std::size_t>(columns), 0);
    }

    /// Ranges that reach `row` become active; those that ended before it are dropped.
    void advance_merges(long row) {
        while (next_pending_ < pending_.size() && pending_[next_pending_].top <= row) {
            active_.push_back({pending_[next_pending_++], std::string()});
        }
        active_.erase(std::remove_if(active_.begin(), active_.end(),
                                     [row](const Active& a) { return a.range.bottom < row; }),
                      active_.end());
    }

    /// Gives every cell of an active range its value (where ranges overlap, which Excel never
    /// writes, the first range wins), then drops trailing empty cells.
    void fill_merges(long row, std::vector<std::string>& cells) {
        for (const Active& active : active_) {
            const auto left = static_cast<std::size_t>(active.range.left);
            auto right = static_cast<std::size_t>(active.range.right);
            if (active.value.empty()) {
                if (cells.size() <= left) continue;
                right = std::min(right, cells.size() - 1);
            } else if (cells.size() <= right) {
                cells.resize(right + 1);
            }
            for (std::size_t c = left; c <= right; ++c) {
                if (filled_in_row_[c] == row) continue;
                filled_in_row_[c] = row;
                cells[c] = active.value;
            }
        }
        while (!cells.empty() && cells.back().empty()) cells.pop_back();
    }

    std::shared_ptr<const WorkbookData> data_;
    SheetContext sheet_;
    std::string what_;
    std::vector<MergedRange> pending_;  // by top row
    std::size_t next_pending_ = 0;
    std::vector<Active> active_;
    std::vector<long> filled_in_row_;  // per column, the last row a range filled it in
    std::unique_ptr<PartStream> part_;
    std::unique_ptr<SheetHandler> handler_;
    std::unique_ptr<XmlReader<SheetHandler>> reader_;
    bool ended_ = false;
    long cursor_ = 0;  // the last row handed out or passed over
};

class XlsxWorkbook final : public Workbook {
  public:
    XlsxWorkbook(std::shared_ptr<const WorkbookData> data, std::vector<SheetInfo> sheets,
                 std::vector<SheetPart> parts)
        : data_(std::move(data)), sheets_(std::move(sheets)), parts_(std::move(parts)) {}

    const std::vector<SheetInfo>& sheets() const override { return sheets_; }

    std::unique_ptr<SheetRows> rows(std::size_t index) override {
        return std::make_unique<XlsxSheetRows>(data_, sheets_.at(index), parts_.at(index));
    }

  private:
    std::shared_ptr<const WorkbookData> data_;
    std::vector<SheetInfo> sheets_;
    std::vector<SheetPart> parts_;
};

std::vector<Relationship> read_relationships(const Package& package, const std::string& part,
                                             const std::string& source_directory) {
    const zip_int64_t entry = package.locate(part);
    if (entry < 0) return {};
    RelationshipsHandler handler(source_directory);
    parse_part(package, entry, part, handler);
    return std::move(handler.relationships);
}

/// The main part the package's relationships name (by convention xl/workbook.xml), read.
struct MainPart {
    std::string name = "xl/workbook.xml";
    WorkbookHandler workbook;
    std::string relationships_name;
    std::vector<Relationship> relationships;

    /// The first relationship of `type` with a target, or null.
    const Relationship* related(std::string_view type) const {
        for (const Relationship& relationship : relationships) {
            if (type_is(relationship.type, type) && !relationship.target.empty()) {
                return &relationship;
            }
        }
        return nullptr;
    }
};

MainPart read_main_part(Package& package) {
    const std::string& file = package.file();
    MainPart main;
    for (const Relationship& relationship : read_relationships(package, "_rels/.rels", "")) {
        if (type_is(relationship.type, "officeDocument") && !relationship.target.empty()) {
            main.name = relationship.target;
            break;
        }
    }
    const zip_int64_t entry = package.locate(main.name);
    if (entry < 0) fail(file, "not an .xlsx workbook: the package has no " + main.name);
    parse_part(package, entry, main.name, main.workbook);
    if (main.workbook.root != "workbook") {
        fail(file, "not an .xlsx workbook: its main part " + main.name + " holds <" +
                       main.workbook.root + ">, not <workbook>");
    }
    main.relationships_name = relationships_part(main.name);
    if (package.locate(main.relationships_name) < 0) {
        fail(file, "not a readable .xlsx workbook: the package has no " + main.relationships_name);
    }
    main.relationships =
        read_relationships(package, main.relationships_name, part_directory(main.name));
    return main;
}

/// The worksheets in workbook order, and where each is in the package; chart sheets, dialog
/// sheets and macro sheets hold no table and are left out.
void find_worksheets(Package& package, const MainPart& main, std::vector<SheetInfo>& sheets,
                     std::vector<SheetPart>& parts) {
    const std::string& file = package.file();
    for (const SheetEntry& entry : main.workbook.sheets) {
        const auto relationship =
            std::find_if(main.relationships.begin(), main.relationships.end(),
                         [&](const Relationship& r) { return r.id == entry.relationship; });
        if (relationship == main.relationships.end()) {
            fail(file, "sheet '" + entry.name + "' has no relationship '" + entry.relationship +
                           "' in " + main.relationships_name);
        }
        if (!type_is(relationship->type, "worksheet")) continue;
        const zip_int64_t sheet_entry = package.locate(relationship->target);
        if (sheet_entry < 0) {
            fail(file, "sheet '" + entry.name + "': the package has no " + relationship->target);
        }
        sheets.push_back({entry.name, entry.hidden});
        parts.push_back({relationship->target, sheet_entry});
    }
    if (sheets.empty()) fail(file, "the workbook has no worksheets");
}

/// The shared strings and the date styles, where the workbook has them.
void read_strings_and_styles(Package& package, const MainPart& main, WorkbookData& data) {
    const std::string& file = package.file();
    data.date1904 = main.workbook.date1904;
    if (const Relationship* strings = main.related("sharedStrings")) {
        const zip_int64_t entry = package.locate(strings->target);
        if (entry < 0) fail(file, "the package has no " + strings->target);
        PartStream part(package, entry, strings->target);
        SharedStringsHandler handler(data.strings, part, package.limits().max_cell_bytes);
        XmlReader<SharedStringsHandler> reader(part, handler, package.lib);
        reader.run();
    }
    if (const Relationship* styles = main.related("styles")) {
        const zip_int64_t entry = package.locate(styles->target);
        if (entry < 0) fail(file, "the package has no " + styles->target);
        StylesHandler handler;
        parse_part(package, entry, styles->target, handler);
        data.date_styles = handler.date_styles();
    }
}

/// The workbook's parts: the main part, its relationships, and from them the sheets, strings
/// and styles.
std::unique_ptr<Workbook> open_package(std::unique_ptr<Package> package) {
    const MainPart main = read_main_part(*package);
    std::vector<SheetInfo> sheets;
    std::vector<SheetPart> parts;
    find_worksheets(*package, main, sheets, parts);
    auto data = std::make_shared<WorkbookData>();
    read_strings_and_styles(*package, main, *data);
    data->package = std::move(package);
    return std::make_unique<XlsxWorkbook>(std::move(data), std::move(sheets), std::move(parts));
}

[[noreturn]] void fail_to_open(const XlsxReaderLibrary& lib, const std::string& name,
                               zip_error_t& error) {
    std::string problem = zip_problem(lib, &error);
    lib.zip_error_fini(&error);
    fail(name, "not a readable .xlsx workbook: " + problem);
}

}  // namespace

std::unique_ptr<Workbook> open_xlsx_file(const std::string& path, const std::string& name,
                                         const WorkbookLimits& limits) {
    const XlsxReaderLibrary& lib = xlsx_reader_library(name);
    int code = 0;
    zip_t* archive = lib.zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (archive == nullptr) {
        zip_error_t error;
        lib.zip_error_init_with_code(&error, code);
        fail_to_open(lib, name, error);
    }
    return open_package(std::make_unique<Package>(lib, archive, name, limits));
}

std::unique_ptr<Workbook> open_xlsx_bytes(std::string_view bytes, const std::string& name,
                                          const WorkbookLimits& limits) {
    const XlsxReaderLibrary& lib = xlsx_reader_library(name);
    zip_error_t error;
    lib.zip_error_init(&error);
    zip_source_t* source = lib.zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) fail_to_open(lib, name, error);
    zip_t* archive = lib.zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == nullptr) {
        lib.zip_source_free(source);
        fail_to_open(lib, name, error);
    }
    lib.zip_error_fini(&error);
    return open_package(std::make_unique<Package>(lib, archive, name, limits));
}

}  // namespace eduqb
