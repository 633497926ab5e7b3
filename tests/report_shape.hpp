#pragma once
// The structure of eduqb's reports, as the programs that open them see it, for the escaping
// tests and the renderer fuzzer: each check compares a report whose names are hostile with
// the same report under plain names, and returns what is wrong ("" when nothing is).

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb::shape {

/// True when `text` holds a control character other than those `allowed`, a C1 control, a
/// bidirectional control or U+2028/U+2029.
inline bool has_hidden(const std::string& text, std::string_view allowed = "\n") {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && allowed.find(static_cast<char>(c)) == std::string_view::npos) ||
            c == 0x7F) {
            return true;
        }
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return true;
        }
        if (c == 0xD8 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x9C) {
            return true;  // U+061C
        }
        if (c == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xA8 && b2 <= 0xAE))) {
                return true;  // U+200E, U+200F, U+2028–U+202E
            }
            if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;  // U+2066–U+2069
        }
    }
    return false;
}

/// The number of '|' not escaped by a backslash (as GitHub's table parser counts them).
inline std::size_t unescaped_pipes(const std::string& line) {
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;  // the next character is escaped
        } else if (line[i] == '|') {
            ++pipes;
        }
    }
    return pipes;
}

/// One word per line: what Markdown makes of it.
inline std::vector<std::string> markdown_shape(const std::string& text) {
    std::vector<std::string> shape;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) {
            shape.emplace_back("blank");
        } else if (line[0] == '|') {
            shape.push_back("row " + std::to_string(unescaped_pipes(line)));
        } else if (line[0] == '#') {
            shape.push_back("heading " + line.substr(0, line.find(' ')));
        } else if (line.compare(0, 2, "- ") == 0) {
            shape.emplace_back("item");
        } else {
            shape.emplace_back("text");
        }
    }
    return shape;
}

/// `text` without its code spans, whose content Markdown shows as it is.
inline std::string without_code_spans(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '`') {
            out += text[i++];
            continue;
        }
        std::size_t run = 0;
        while (i + run < text.size() && text[i + run] == '`') ++run;
        const std::string fence(run, '`');
        std::size_t close = text.find(fence, i + run);
        while (close != std::string::npos && close + run < text.size() &&
               text[close + run] == '`') {
            close = text.find(fence, close + run + 1);
        }
        const std::size_t line_end = text.find('\n', i);
        if (close == std::string::npos || close > line_end) {
            out += fence;  // not a span: the backticks are text
            i += run;
        } else {
            i = close + run;
        }
    }
    return out;
}

/// Markdown that renders as more than text: raw HTML, an entity other than the two the escaping
/// writes, a link or image; or a control character. "" when there is none.
inline std::string markdown_leak(const std::string& hostile) {
    if (has_hidden(hostile)) return "a control or bidirectional character";
    const std::string text = without_code_spans(hostile);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : ' ';
        const auto around = [&] { return "\"" + text.substr(i < 30 ? 0 : i - 30, 60) + "\""; };
        if (c == '<' && (std::isalpha(static_cast<unsigned char>(next)) || next == '/')) {
            return "raw HTML at " + around();
        }
        if (c == '&' && (std::isalpha(static_cast<unsigned char>(next)) || next == '#') &&
            text.compare(i, 4, "&lt;") != 0 && text.compare(i, 5, "&amp;") != 0) {
            return "an entity at " + around();
        }
        if (c == '[' && (i == 0 || text[i - 1] != '\\')) return "a link at " + around();
    }
    return "";
}

inline std::string markdown_problem(const std::string& plain, const std::string& hostile) {
    if (markdown_shape(hostile) != markdown_shape(plain)) return "other Markdown lines or cells";
    return markdown_leak(hostile);
}

// CSV --------------------------------------------------------------------------------------

using CsvRecords = std::vector<std::vector<std::string>>;

/// RFC 4180, as a spreadsheet reads it.
inline CsvRecords parse_csv(const std::string& text) {
    CsvRecords records(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            records.back().push_back(std::move(field));
            field.clear();
            records.emplace_back();
        } else {
            field += c;
        }
    }
    records.pop_back();  // after the last newline
    return records;
}

inline bool is_number(const std::string& text) {
    if (text.empty()) return false;
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

/// The same records and fields as the plain report, its numbers unchanged, no text cell that
/// a spreadsheet would run, no control character but those quoting carries.
inline std::string csv_problem(const std::string& plain, const std::string& hostile) {
    const CsvRecords expected = parse_csv(plain);
    const CsvRecords records = parse_csv(hostile);
    if (has_hidden(hostile, "\t\r\n")) return "a control or bidirectional character";
    if (records.size() != expected.size()) return "another number of records";
    for (std::size_t r = 0; r < records.size(); ++r) {
        if (records[r].size() != expected[r].size()) {
            return "another number of fields in record " + std::to_string(r);
        }
        for (std::size_t f = 0; f < records[r].size(); ++f) {
            const std::string& cell = records[r][f];
            const auto where = [&] {
                return " in record " + std::to_string(r) + " field " + std::to_string(f) + ": " +
                       cell.substr(0, 60);
            };
            if (is_number(expected[r][f]) && cell != expected[r][f])
                return "a number changed" + where();
            if (!cell.empty() && !is_number(cell) &&
                std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos) {
                return "a formula" + where();
            }
        }
    }
    return "";
}

// JSON -------------------------------------------------------------------------------------

/// A strict JSON parser (RFC 8259) that collects every string value, decoded.
class JsonReader {
  public:
    explicit JsonReader(const std::string& text) : text_(text) {}

    bool parse(std::vector<std::string>& strings) {
        strings_ = &strings;
        skip_space();
        if (!value()) return false;
        skip_space();
        return at_ == text_.size();
    }

  private:
    void skip_space() {
        while (at_ < text_.size() &&
               std::string_view(" \t\r\n").find(text_[at_]) != std::string_view::npos)
            ++at_;
    }
    bool literal(std::string_view word) {
        if (text_.compare(at_, word.size(), word) != 0) return false;
        at_ += word.size();
        return true;
    }
    bool value() {
        if (at_ >= text_.size()) return false;
        const char c = text_[at_];
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') {
            std::string s;
            if (!string(s)) return false;
            strings_->push_back(std::move(s));
            return true;
        }
        if (c == 't') return literal("true");
        if (c == 'f') return literal("false");
        if (c == 'n') return literal("null");
        const std::size_t start = at_;
        while (at_ < text_.size() &&
               std::string_view("+-0123456789.eE").find(text_[at_]) != std::string_view::npos) {
            ++at_;
        }
        return at_ > start;
    }
    bool object() {
        ++at_;
        skip_space();
        if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
        for (;;) {
            skip_space();
            std::string key;
            if (at_ >= text_.size() || text_[at_] != '"' || !string(key)) return false;
            skip_space();
            if (at_ >= text_.size() || text_[at_++] != ':') return false;
            skip_space();
            if (!value()) return false;
            skip_space();
            if (at_ >= text_.size()) return false;
            if (text_[at_] == '}') return ++at_, true;
            if (text_[at_++] != ',') return false;
        }
    }
    bool array() {
        ++at_;
        skip_space();
        if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
        for (;;) {
            skip_space();
            if (!value()) return false;
            skip_space();
            if (at_ >= text_.size()) return false;
            if (text_[at_] == ']') return ++at_, true;
            if (text_[at_++] != ',') return false;
        }
    }
    bool string(std::string& out) {
        ++at_;
        while (at_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[at_++]);
            if (c == '"') return true;
            if (c < 0x20) return false;  // a raw control character is not JSON
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (at_ >= text_.size()) return false;
            const char e = text_[at_++];
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += e;
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'u': {
                    if (at_ + 4 > text_.size()) return false;
                    const unsigned long unit = std::stoul(text_.substr(at_, 4), nullptr, 16);
                    at_ += 4;
                    if (unit >= 0xD800 && unit <= 0xDFFF) return false;  // eduqb writes none
                    if (unit < 0x80) {
                        out += static_cast<char>(unit);
                    } else if (unit < 0x800) {
                        out += static_cast<char>(0xC0 | (unit >> 6));
                        out += static_cast<char>(0x80 | (unit & 0x3F));
                    } else {
                        out += static_cast<char>(0xE0 | (unit >> 12));
                        out += static_cast<char>(0x80 | ((unit >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (unit & 0x3F));
                    }
                    break;
                }
                default:
                    return false;
            }
        }
        return false;
    }

    const std::string& text_;
    std::size_t at_ = 0;
    std::vector<std::string>* strings_ = nullptr;
};

/// The length of the well-formed UTF-8 sequence at text[i] (Unicode Table 3-7), or 0.
inline std::size_t well_formed(const std::string& text, std::size_t i) {
    const auto b = [&](std::size_t k) {
        return i + k < text.size() ? static_cast<int>(static_cast<unsigned char>(text[i + k])) : -1;
    };
    const auto in = [](int v, int low, int high) { return v >= low && v <= high; };
    const auto tail = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) {
            if (!in(b(k), 0x80, 0xBF)) return false;
        }
        return true;
    };
    const int lead = b(0);
    if (in(lead, 0x00, 0x7F)) return 1;
    if (in(lead, 0xC2, 0xDF)) return tail(1, 2) ? 2 : 0;
    if (lead == 0xE0) return in(b(1), 0xA0, 0xBF) && tail(2, 3) ? 3 : 0;
    if (in(lead, 0xE1, 0xEC) || in(lead, 0xEE, 0xEF)) return tail(1, 3) ? 3 : 0;
    if (lead == 0xED) return in(b(1), 0x80, 0x9F) && tail(2, 3) ? 3 : 0;
    if (lead == 0xF0) return in(b(1), 0x90, 0xBF) && tail(2, 4) ? 4 : 0;
    if (in(lead, 0xF1, 0xF3)) return tail(1, 4) ? 4 : 0;
    if (lead == 0xF4) return in(b(1), 0x80, 0x8F) && tail(2, 4) ? 4 : 0;
    return 0;
}

/// `text` with each byte that is not part of well-formed UTF-8 replaced by U+FFFD.
inline std::string repaired(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t size = well_formed(text, i);
        out += size ? text.substr(i, size) : std::string("\xEF\xBF\xBD");
        i += size ? size : 1;
    }
    return out;
}

/// Valid JSON, with no raw control character, in which each of `names` reads back as it was
/// (bytes that are not UTF-8 as U+FFFD).
inline std::string json_problem(const std::string& hostile, const std::vector<std::string>& names) {
    if (has_hidden(hostile)) return "a control or bidirectional character";
    std::vector<std::string> strings;
    if (!JsonReader(hostile).parse(strings)) return "not valid JSON";
    for (const auto& name : names) {
        if (std::find(strings.begin(), strings.end(), repaired(name)) == strings.end()) {
            return "a name does not read back: " + name.substr(0, 60);
        }
    }
    return "";
}

// HTML -------------------------------------------------------------------------------------

/// The numbers of '<' and '>' in HTML text, line breaks left out: a text that the escaping
/// empties (one of control characters only) leaves out the <br> before it, no injection.
inline std::pair<long, long> html_brackets(const std::string& html) {
    long breaks = 0;
    for (std::size_t at = html.find("<br>"); at != std::string::npos;
         at = html.find("<br>", at + 1)) {
        ++breaks;
    }
    return {std::count(html.begin(), html.end(), '<') - breaks,
            std::count(html.begin(), html.end(), '>') - breaks};
}

/// eduqb's tags only (as many < and > as the plain report), no control character.
inline std::string html_problem(const std::string& plain, const std::string& hostile) {
    if (html_brackets(hostile) != html_brackets(plain)) return "other tags";
    if (has_hidden(hostile, "\t\n")) return "a control or bidirectional character";
    return "";
}

// Reports ----------------------------------------------------------------------------------

/// Every text from outside eduqb in `report` (names, ids, districts, inputs, profile strings)
/// replaced by one of `names`, in turn.
inline void rename_everything(Report& report, const std::vector<std::string>& names) {
    std::size_t next = 0;
    const auto name = [&]() -> const std::string& { return names[next++ % names.size()]; };
    const std::string& district = name();
    report.inputs = {name()};
    ReadingNote note;
    note.kind = ReadingNote::Kind::unit_line;
    note.input = name();
    note.text = name();
    report.reading_notes = {note};
    report.rows_not_read = {RowNotRead{name(), 3, "footer", name()}};
    report.profile.id = name();
    report.profile.title = name();
    report.profile.title_en = name();
    report.profile.source = name();
    for (auto& def : report.profile.indicators) {
        def.label_zh = name();
        def.unit = name();
    }
    for (auto& check : report.profile.school_checks) check.label_zh = name();
    for (auto& group : report.groups) group.key.district = district;
    for (auto& school : report.schools) {
        school.key.district = district;
        school.school_name = name();
        school.school_id = name();
    }
    for (auto& excluded : report.exclusions) {
        excluded.key.district = district;
        excluded.school_name = name();
        excluded.school_id = name();
    }
}

inline std::string rendered(const std::function<void(std::ostream&)>& render) {
    std::ostringstream out;
    render(out);
    return out.str();
}

}  // namespace eduqb::shape
