#include "base/escape.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <iterator>

#include "base/word_bytes.hpp"

namespace eduqb::detail {
namespace {

/// One character of UTF-8 text; a byte that does not start a valid sequence (overlong,
/// surrogate, above U+10FFFF, cut short) is one invalid character of its own.
struct Char {
    char32_t value;
    std::size_t size;
    bool valid;
};

Char next_char(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return {lead, 1, true};
    std::size_t size = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, value = lead & 0x1Fu, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, value = lead & 0x0Fu, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, value = lead & 0x07u, minimum = 0x10000;
    } else {
        return {lead, 1, false};
    }
    if (i + size > text.size()) return {lead, 1, false};
    for (std::size_t k = 1; k < size; ++k) {
        const auto byte = static_cast<unsigned char>(text[i + k]);
        if ((byte & 0xC0) != 0x80) return {lead, 1, false};
        value = value << 6 | (byte & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return {lead, 1, false};
    }
    return {value, size, true};
}

bool is_bidi_control(char32_t c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/// Characters that take no room at all: zero-width spaces and joiners, marks, the word joiner,
/// invisible operators, the byte order mark, the soft hyphen.
bool is_zero_width(char32_t c) {
    return c == 0x00AD || c == 0x034F || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF;
}

/// `\x1b` for a character below U+0080, `\u202e` above; `\xff` for a byte that is not
/// UTF-8 (its value).
void append_visible(std::string& out, const Char& c) {
    if (c.value < 0x80 || !c.valid) {
        fmt::format_to(std::back_inserter(out), "\\x{:02x}", static_cast<unsigned>(c.value));
    } else {
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c.value));
    }
}

void append_replacement(std::string& out) {
    out += "\xEF\xBF\xBD";  // U+FFFD
}

/// True when every byte of the word is printable ASCII (0x20 to 0x7E).
bool printable_ascii(std::uint64_t word) {
    return all_ascii_from(word, 0x20);
}

/// The length of the leading run of `text` that is printable ASCII, a word at a time.
std::size_t printable_prefix(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        if (!printable_ascii(word)) break;
    }
    while (i < text.size() && text[i] >= 0x20 && text[i] < 0x7F) ++i;
    return i;
}

bool is_csv_formula_start(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/// True when CSV text needs more than quoting: a hidden control other than tab, CR and LF,
/// or a byte that is not UTF-8.
bool csv_needs_escapes(std::string_view text) {
    for (std::size_t i = printable_prefix(text); i < text.size();) {
        const Char c = next_char(text, i);
        if (!c.valid) return true;
        if (is_hidden_control(c.value) && c.value != '\t' && c.value != '\r' && c.value != '\n') {
            return true;
        }
        i += c.size;
    }
    return false;
}

bool is_ascii_punctuation(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/// True for the characters Markdown reads as the end of a line; a CR LF pair is one.
bool is_line_break(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

/// The escape a leading character of `text` needs so that it cannot start a block (heading,
/// quote, list, rule, fence, setext underline): the position of the character to put a
/// backslash before, or npos.
std::size_t markdown_block_marker(std::string_view text) {
    if (text.empty()) return std::string_view::npos;
    const char first = text[0];
    switch (first) {
        case '#':
        case '>':
        case '~':  // a backtick fence is escaped as any backtick
            return 0;
        case '-':
        case '+':
        case '*':
        case '_':
        case '=':
            // "-0.59" and "+0.012" are numbers, not list items; anything else is escaped.
            return text.size() > 1 && (is_digit(text[1]) || text[1] == '.') ? std::string_view::npos
                                                                            : 0;
        default:
            break;
    }
    // An ordered list item: up to nine digits, then '.' or ')' and a space or the end.
    std::size_t digits = 0;
    while (digits < text.size() && digits < 10 && is_digit(text[digits])) ++digits;
    if (digits == 0 || digits > 9 || digits >= text.size()) return std::string_view::npos;
    if (text[digits] != '.' && text[digits] != ')') return std::string_view::npos;
    if (digits + 1 < text.size() && text[digits + 1] != ' ' && text[digits + 1] != '\t') {
        return std::string_view::npos;
    }
    return digits;
}

}  // namespace

bool is_hidden_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || is_bidi_control(c) || c == 0x2028 || c == 0x2029;
}

std::optional<char32_t> first_invisible(std::string_view text) {
    // Ids are nearly always printable ASCII: passed over a word at a time.
    std::size_t i = 0;
    for (std::uint64_t word; i + 8 <= text.size(); i += 8) {
        std::memcpy(&word, text.data() + i, 8);
        if (!all_ascii_from(word, 0x21)) break;
    }
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte > 0x20 && byte < 0x7F) {
            ++i;
            continue;
        }
        const Char c = next_char(text, i);
        if (!c.valid) return U'\uFFFD';
        const char32_t v = c.value;
        const bool invisible = v < 0x20 || (v >= 0x7F && v <= 0xA0) || v == 0x00AD || v == 0x034F ||
                               v == 0x061C || v == 0x115F || v == 0x1160 || v == 0x1680 ||
                               v == 0x17B4 || v == 0x17B5 || (v >= 0x180B && v <= 0x180F) ||
                               (v >= 0x2000 && v <= 0x200F) || (v >= 0x2028 && v <= 0x202F) ||
                               (v >= 0x205F && v <= 0x206F) || v == 0x3000 || v == 0x3164 ||
                               (v >= 0xFE00 && v <= 0xFE0F) || v == 0xFEFF || v == 0xFFA0 ||
                               (v >= 0xFFF0 && v <= 0xFFF8) || (v >= 0x1BCA0 && v <= 0x1BCA3) ||
                               (v >= 0x1D173 && v <= 0x1D17A) || (v >= 0xE0000 && v <= 0xE0FFF);
        if (invisible) return v;
        i += c.size;
    }
    return std::nullopt;
}

std::string code_point_name(char32_t c) {
    return fmt::format("U+{:04X}", static_cast<unsigned>(c));
}

// CSV ---------------------------------------------------------------------------------------

std::string_view csv_text(std::string_view text, std::string& storage) {
    const bool formula = !text.empty() && is_csv_formula_start(text[0]);
    if (!formula && !csv_needs_escapes(text)) return text;
    storage.clear();
    storage.reserve(text.size() + 1);
    if (formula) storage += '\'';
    for (std::size_t i = 0; i < text.size();) {
        const Char c = next_char(text, i);
        if (!c.valid ||
            (is_hidden_control(c.value) && c.value != '\t' && c.value != '\r' && c.value != '\n')) {
            append_visible(storage, c);
        } else {
            storage.append(text, i, c.size);
        }
        i += c.size;
    }
    return storage;
}

std::string csv_text(std::string_view text) {
    std::string storage;
    return std::string(csv_text(text, storage));
}

namespace {

bool has_csv_separator(const char* begin, const char* end) {
    for (; begin != end; ++begin) {
        const char c = *begin;
        if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
}

}  // namespace

bool csv_needs_quotes(std::string_view text) {
    // The four are all at most ',' (0x2C), and most cells have no byte that low: eight bytes
    // at a time are ruled out with one test, and only a word with such a byte is looked at
    // byte by byte. UTF-8's bytes (0x80 and above) are never below 0x2D, nor a separator.
    const char* cursor = text.data();
    const char* const end = cursor + text.size();
    for (; end - cursor >= 8; cursor += 8) {
        std::uint64_t word;
        std::memcpy(&word, cursor, sizeof word);
        if (has_byte_below(word, 0x2D) && has_csv_separator(cursor, cursor + 8)) return true;
    }
    return has_csv_separator(cursor, end);
}

void append_csv_field(std::string& out, std::string_view text) {
    if (!csv_needs_quotes(text)) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// Markdown ----------------------------------------------------------------------------------

namespace {

/// Whether the character at `i` is a well-formed three-byte one from U+3000 to U+CFFF (CJK
/// punctuation and ideographs, Hangul): no control or bidirectional mark is among them, so
/// it is written as it is without decoding it.
bool common_cjk(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    return lead >= 0xE3 && lead <= 0xEC && i + 2 < text.size() &&
           (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 &&
           (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80;
}

/// The characters append_markdown may escape, wherever they are.
bool is_markdown_special(char c) {
    return c == '|' || c == '[' || c == '`' || c == '\\' || c == '<' || c == '&';
}

/// Whether a table cell needs no escape at all: printable ASCII but the specials, and common
/// CJK characters. Most cells are numbers and names.
bool markdown_cell_plain(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c >= 0x20 && c < 0x7F && !is_markdown_special(c)) {
            ++i;
        } else if (common_cjk(text, i)) {
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

/// `at_block_start`: the text may start a line, where a marker would start a block.
void append_markdown(std::string& out, std::string_view text, bool at_block_start) {
    // The marker is ASCII, in the printable run the text starts with.
    const std::size_t marker =
        at_block_start ? markdown_block_marker(text) : std::string_view::npos;
    std::size_t run = 0;  // start of the characters copied as they are, in one append
    std::size_t i = 0;
    while (i < text.size()) {
        for (const std::size_t end = i + printable_prefix(text.substr(i)); i < end; ++i) {
            const char c = text[i];
            if (!is_markdown_special(c) && i != marker) continue;
            out.append(text, run, i - run);
            run = i;  // c itself goes with the next run, unless replaced
            const char next = i + 1 < text.size() ? text[i + 1] : '\0';
            if (i == marker) out += '\\';
            switch (c) {
                case '|':
                case '[':
                case '`':
                    out += '\\';
                    break;
                case '\\':
                    if (next == '\0' || is_ascii_punctuation(next)) out += '\\';
                    break;
                case '<':
                    if (is_ascii_letter(next) || next == '/' || next == '!' || next == '?') {
                        out += "&lt;";
                        run = i + 1;
                    }
                    break;
                case '&':
                    if (is_ascii_letter(next) || next == '#') {
                        out += "&amp;";
                        run = i + 1;
                    }
                    break;
                default:
                    break;
            }
        }
        if (i >= text.size()) break;
        const Char c = next_char(text, i);
        const bool line_space = c.valid && (c.value == '\t' || is_line_break(c.value));
        if (c.valid && !line_space && !is_hidden_control(c.value)) {
            i += c.size;  // stays in the run
            continue;
        }
        out.append(text, run, i - run);
        if (line_space) {
            out += ' ';
            if (c.value == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            append_visible(out, c);
        }
        i += c.size;
        run = i;
    }
    out.append(text, run, text.size() - run);
}

}  // namespace

void append_markdown_text(std::string& out, std::string_view text) {
    append_markdown(out, text, true);
}

void append_markdown_cell(std::string& out, std::string_view text) {
    if (markdown_cell_plain(text)) {
        out.append(text);
    } else {
        append_markdown(out, text, false);
    }
}

std::string markdown_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_markdown_text(out, text);
    return out;
}

std::string markdown_code(std::string_view text, bool in_table) {
    std::string content;
    content.reserve(text.size());
    std::size_t run = 0;
    std::size_t longest = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Char c = next_char(text, i);
        run = c.valid && c.value == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        if (!c.valid) {
            append_visible(content, c);
        } else if (c.value == '\t' || is_line_break(c.value)) {
            content += ' ';
            if (c.value == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (is_hidden_control(c.value)) {
            append_visible(content, c);
        } else if (c.value == '|' && in_table) {
            // GFM splits a row at a pipe after an even number of backslashes, code spans
            // included: one more makes it part of the cell (the backslash before it is lost,
            // as no code span in a table can show both).
            std::size_t backslashes = 0;
            while (backslashes < content.size() &&
                   content[content.size() - 1 - backslashes] == '\\') {
                ++backslashes;
            }
            if (backslashes % 2 == 0) content += '\\';
            content += '|';
        } else {
            content.append(text, i, c.size);
        }
        i += c.size;
    }
    const std::string fence(longest + 1, '`');
    // A span that begins or ends with a backtick needs a space between it and the fence;
    // Markdown takes one space off each end again.
    const bool pad = !content.empty() && (content.front() == '`' || content.back() == '`');
    return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
}

// HTML and SVG ------------------------------------------------------------------------------

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            switch (byte) {
                case '&':
                    out += "&amp;";
                    break;
                case '<':
                    out += "&lt;";
                    break;
                case '>':
                    out += "&gt;";
                    break;
                case '"':
                    out += "&quot;";
                    break;
                case '\'':
                    out += "&#39;";
                    break;
                default:
                    // Controls have no meaning in HTML and are not allowed in XML 1.0.
                    if ((byte >= 0x20 && byte != 0x7F) || byte == '\t' || byte == '\n') {
                        out += static_cast<char>(byte);
                    }
                    break;
            }
            ++i;
            continue;
        }
        const Char c = next_char(text, i);
        if (!c.valid || c.value == 0xFFFE || c.value == 0xFFFF) {
            append_replacement(out);  // XML 1.0 allows neither
        } else if (c.value <= 0x9F) {
            // C1 controls: dropped, as C0.
        } else if (is_hidden_control(c.value)) {
            append_visible(out, c);
        } else {
            out.append(text, i, c.size);
        }
        i += c.size;
    }
    return out;
}

// JSON --------------------------------------------------------------------------------------

namespace {

/// Whether JSON takes the eight bytes as they are: printable ASCII but quote and backslash.
bool json_plain(std::uint64_t word) {
    return printable_ascii(word) && !has_byte(word, '"') && !has_byte(word, '\\');
}

/// The length of the leading run of `text` that JSON takes as it is, in whole words; the
/// byte loop takes it from there.
std::size_t json_plain_prefix(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        if (!json_plain(word)) return i;
    }
    return i;
}

}  // namespace

char* write_json_string(char* out, std::string_view text) {
    *out++ = '"';
    std::size_t plain = 0;  // start of the characters not yet copied, which need no escape
    const auto copy_plain = [&](std::size_t end) {
        std::memcpy(out, text.data() + plain, end - plain);
        out += end - plain;
    };
    const auto put = [&](std::string_view escape) {
        std::memcpy(out, escape.data(), escape.size());
        out += escape.size();
    };
    for (std::size_t i = json_plain_prefix(text); i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte < 0x7F && byte != '"' && byte != '\\') {
            ++i;
            continue;
        }
        if (common_cjk(text, i)) {
            i += 3;
            continue;
        }
        const Char c = byte < 0x80 ? Char{byte, 1, true} : next_char(text, i);
        if (c.valid && !is_hidden_control(c.value) && c.value != '"' && c.value != '\\') {
            i += c.size;
            continue;
        }
        copy_plain(i);
        i += c.size;
        plain = i;
        if (!c.valid) {
            put("\\ufffd");
            continue;
        }
        switch (c.value) {
            case '"':
                put("\\\"");
                break;
            case '\\':
                put("\\\\");
                break;
            case '\n':
                put("\\n");
                break;
            case '\r':
                put("\\r");
                break;
            case '\t':
                put("\\t");
                break;
            default:
                out = fmt::format_to(out, "\\u{:04x}", static_cast<unsigned>(c.value));
        }
    }
    copy_plain(text.size());
    *out++ = '"';
    return out;
}

void append_json_string(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out.resize(start + json_string_capacity(text.size()));
    char* end = write_json_string(out.data() + start, text);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

// XLSX --------------------------------------------------------------------------------------

std::string xlsx_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Char c = next_char(text, i);
        if (!c.valid || c.value == 0xFFFE || c.value == 0xFFFF) {
            append_replacement(out);  // XML 1.0 allows neither
        } else if (c.value == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c.value != '\t' && c.value != '\n' && is_hidden_control(c.value)) {
            append_visible(out, c);
        } else {
            out.append(text, i, c.size);
        }
        i += c.size;
        ++chars;
    }
    if (chars < kXlsxMaxCellChars) return out;  // an escape never shortens the text
    // `out` is UTF-8: count its characters by their first bytes.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
        if (kept == kXlsxMaxCellChars) {
            // Too long: cut to leave room for the mark that says so.
            std::size_t end = i;
            do {
                --end;
            } while ((static_cast<unsigned char>(out[end]) & 0xC0) == 0x80);
            out.resize(end);
            out += "…";
            return out;
        }
        ++kept;
    }
    return out;
}

// Terminal ----------------------------------------------------------------------------------

std::string terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t plain = printable_prefix(text.substr(i));
        out.append(text, i, plain);
        i += plain;
        if (i >= text.size()) break;
        const Char c = next_char(text, i);
        if (!c.valid || is_hidden_control(c.value) || is_zero_width(c.value)) {
            append_visible(out, c);
        } else {
            out.append(text, i, c.size);
        }
        i += c.size;
    }
    return out;
}

}  // namespace eduqb::detail
