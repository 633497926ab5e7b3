#include "input/vocabulary.hpp"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>

#include <fmt/format.h>

#include "base/name_index.hpp"
#include "base/utf8.hpp"
#include "eduqb/table.hpp"

namespace eduqb {
namespace {

using detail::NameIndex;

/// Why a code of the list is not a school type eduqb takes.
enum class Refusal { none, not_compulsory, attached_class, not_covered };

struct Code {
    int code = 0;
    /// The name in the code list first, then other names the system's exports use for it.
    std::array<std::string_view, 3> names{};
    /// The AreaType or SchoolType as an int; -1 for a refused code.
    int value = -1;
    Refusal refusal = Refusal::none;
};

constexpr int kUrban = static_cast<int>(AreaType::urban);
constexpr int kTown = static_cast<int>(AreaType::town);
constexpr int kRural = static_cast<int>(AreaType::rural);

/// 城乡分类代码 of 国家统计局《统计用区划代码和城乡划分代码编制规则》(国统字〔2009〕91号),
/// which implements 《统计上划分城乡的规定》(国函〔2008〕60号).
constexpr std::array<Code, 7> kAreaCodes = {{
    {111, {"主城区"}, kUrban},
    {112, {"城乡结合区"}, kUrban},
    {121, {"镇中心区"}, kTown},
    {122, {"镇乡结合区"}, kTown},
    {123, {"特殊区域"}, kTown},
    {210, {"乡中心区"}, kRural},
    {220, {"村庄"}, kRural},
}};

constexpr int type(SchoolType school_type) {
    return static_cast<int>(school_type);
}
constexpr Code refused(int code, std::string_view name, Refusal why) {
    return Code{code, {name}, -1, why};
}

/// 办学类型代码 of JY/T 1001—2012《教育管理信息 教育管理基础代码》, the three-digit codes of
/// schools and classes up to secondary education and of special education. Names after the
/// first are the system's later names (培智学校 for 弱智学校) and the short forms exports use.
constexpr std::array<Code, 36> kSchoolCodes = {{
    refused(111, "幼儿园", Refusal::not_compulsory),
    refused(119, "附设幼儿班", Refusal::attached_class),
    {211, {"小学", "普通小学"}, type(SchoolType::primary_school)},
    {218, {"小学教学点", "教学点"}, type(SchoolType::teaching_point)},
    refused(219, "附设小学班", Refusal::attached_class),
    refused(221, "职工小学", Refusal::not_compulsory),
    refused(222, "农民小学", Refusal::not_compulsory),
    refused(228, "小学班", Refusal::not_compulsory),
    refused(229, "扫盲班", Refusal::not_compulsory),
    {311, {"初级中学", "初中", "普通初中"}, type(SchoolType::junior_school)},
    {312, {"九年一贯制学校", "九年一贯制"}, type(SchoolType::nine_year)},
    refused(319, "附设普通初中班", Refusal::attached_class),
    {321, {"职业初中"}, type(SchoolType::vocational)},
    refused(329, "附设职业初中班", Refusal::attached_class),
    refused(331, "成人职工初中", Refusal::not_compulsory),
    refused(332, "成人农民初中", Refusal::not_compulsory),
    {341, {"完全中学"}, type(SchoolType::complete_middle)},
    refused(342, "高级中学", Refusal::not_compulsory),
    {345, {"十二年一贯制学校", "十二年一贯制"}, type(SchoolType::twelve_year)},
    refused(349, "附设普通高中班", Refusal::attached_class),
    refused(351, "成人职工高中", Refusal::not_compulsory),
    refused(352, "成人农民高中", Refusal::not_compulsory),
    {361, {"调整后中等职业学校"}, type(SchoolType::vocational)},
    {362, {"中等技术学校"}, type(SchoolType::vocational)},
    {363, {"中等师范学校"}, type(SchoolType::vocational)},
    {364, {"成人中等专业学校"}, type(SchoolType::vocational)},
    {365, {"职业高中学校", "职业高中"}, type(SchoolType::vocational)},
    {366, {"技工学校"}, type(SchoolType::vocational)},
    refused(368, "附设中职班", Refusal::attached_class),
    {369, {"其他中职机构"}, type(SchoolType::vocational)},
    refused(371, "工读学校", Refusal::not_covered),
    {511, {"盲人学校"}, type(SchoolType::special_education)},
    {512, {"聋人学校"}, type(SchoolType::special_education)},
    {513, {"培智学校", "弱智学校"}, type(SchoolType::special_education)},
    {514, {"其他特教学校", "其他特殊教育学校"}, type(SchoolType::special_education)},
    refused(519, "附设特教班", Refusal::attached_class),
}};

/// Every name of `codes` to the index of its code.
template <std::size_t kSlots, std::size_t N>
constexpr NameIndex<int, kSlots> index_names(const std::array<Code, N>& codes) {
    NameIndex<int, kSlots> names;
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t k = 0; k < codes[i].names.size(); ++k) {
            if (!codes[i].names[k].empty()) names.add(codes[i].names[k], static_cast<int>(i));
        }
    }
    return names;
}

constexpr auto kAreaNames = index_names<32>(kAreaCodes);
constexpr auto kSchoolNames = index_names<128>(kSchoolCodes);

/// The spellings most exports use, written out at compile time so that a cell in one of them
/// is found in one probe, as a canonical spelling is: each accepted code alone, each of its
/// names alone, and the code with its first name as "111主城区", "111 主城区", "111-主城区",
/// "主城区(111)" and "主城区（111）". Other shapes are read apart by the general reading.
template <std::size_t kCount>
struct Spellings {
    static constexpr std::size_t kBytes = 48;
    std::array<std::array<char, kBytes>, kCount> text{};
    std::array<std::size_t, kCount> size{};
    std::array<int, kCount> value{};
    std::size_t count = 0;

    constexpr void add(std::initializer_list<std::string_view> parts, int code_value) {
        std::size_t n = 0;
        for (std::string_view part : parts) {
            for (char byte : part) text[count][n++] = byte;
        }
        size[count] = n;
        value[count] = code_value;
        ++count;
    }
    constexpr std::string_view operator[](std::size_t i) const { return {text[i].data(), size[i]}; }
};

constexpr std::size_t kShapes = 5;

template <std::size_t N>
constexpr std::size_t count_spellings(const std::array<Code, N>& codes) {
    std::size_t count = 0;
    for (const Code& code : codes) {
        if (code.value < 0) continue;
        count += 1 + kShapes;
        for (std::size_t k = 0; k < code.names.size(); ++k) count += !code.names[k].empty();
    }
    return count;
}

template <std::size_t kCount, std::size_t N>
constexpr Spellings<kCount> spell_out(const std::array<Code, N>& codes) {
    Spellings<kCount> spellings;
    for (const Code& code : codes) {
        if (code.value < 0) continue;
        const char digits[3] = {static_cast<char>('0' + code.code / 100),
                                static_cast<char>('0' + code.code / 10 % 10),
                                static_cast<char>('0' + code.code % 10)};
        const std::string_view number(digits, 3);
        const std::string_view name = code.names[0];
        spellings.add({number}, code.value);
        for (std::size_t k = 0; k < code.names.size(); ++k) {
            if (!code.names[k].empty()) spellings.add({code.names[k]}, code.value);
        }
        spellings.add({number, name}, code.value);
        spellings.add({number, " ", name}, code.value);
        spellings.add({number, "-", name}, code.value);
        spellings.add({name, "(", number, ")"}, code.value);
        spellings.add({name, "（", number, "）"}, code.value);
    }
    return spellings;
}

template <std::size_t kSlots, std::size_t kCount>
constexpr NameIndex<int, kSlots> index_spellings(const Spellings<kCount>& spellings) {
    NameIndex<int, kSlots> index;
    for (std::size_t i = 0; i < spellings.count; ++i) index.add(spellings[i], spellings.value[i]);
    return index;
}

constexpr auto kAreaSpellings = spell_out<count_spellings(kAreaCodes)>(kAreaCodes);
constexpr auto kAreaQuick = index_spellings<128>(kAreaSpellings);
constexpr auto kSchoolSpellings = spell_out<count_spellings(kSchoolCodes)>(kSchoolCodes);
constexpr auto kSchoolQuick = index_spellings<512>(kSchoolSpellings);

/// A cell split into a code and a name, either of them possibly absent.
struct CodeAndName {
    /// The code as written, empty when there is none.
    std::string_view digits;
    /// Its value (up to 6 digits) and its number of digits: the lists' codes have 3.
    int code = -1;
    std::size_t digit_count = 0;
    std::string_view name;
};

/// One code point of UTF-8 `text` at `i`, with full-width ASCII, the ideographic space and
/// the CJK brackets and dashes exports use folded to ASCII.
detail::CodePoint fold_at(std::string_view text, std::size_t i) {
    const auto [c, size] = detail::decode_utf8(text, i);
    if (c >= 0xFF01 && c <= 0xFF5E) return {c - 0xFEE0, size};  // full-width ASCII
    switch (c) {
        case 0x00A0:  // no-break space
        case 0x3000:  // ideographic space
            return {' ', size};
        case 0x3001:  // 、
            return {',', size};
        case 0x2010:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212:  // hyphen, dashes, minus
            return {'-', size};
        case 0x3010:  // 【
        case 0x3014:  // 〔
            return {'[', size};
        case 0x3011:  // 】
        case 0x3015:  // 〕
            return {']', size};
        default:
            return {c, size};
    }
}

bool is_digit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool is_separator(char32_t c) {
    switch (c) {
        case ' ':
        case '-':
        case '_':
        case ':':
        case '.':
        case ',':
        case '/':
        case '|':
            return true;
        default:
            return false;
    }
}
char32_t closing_of(char32_t c) {
    return c == '(' ? ')' : c == '[' ? ']' : 0;
}

/// The cell's code points, folded, with their byte offsets: cells longer than this are no
/// code or name of these lists.
struct Cell {
    static constexpr std::size_t kMax = 24;
    std::array<char32_t, kMax> c;
    std::array<std::size_t, kMax + 1> at;
    std::size_t size = 0;
};

/// The cell's folded code points; false when it is too long or starts or ends with a
/// separator (spaces around the cell are not trimmed, as they are not for the canonical
/// spellings).
bool fold_cell(std::string_view text, Cell& cell) {
    for (std::size_t i = 0; i < text.size();) {
        if (cell.size == Cell::kMax) return false;
        const detail::CodePoint folded = fold_at(text, i);
        cell.c[cell.size] = folded.value;
        cell.at[cell.size] = i;
        ++cell.size;
        i += folded.size;
    }
    cell.at[cell.size] = text.size();
    return cell.size > 0 && !is_separator(cell.c[0]) && !is_separator(cell.c[cell.size - 1]);
}

/// Where the code and the name are in a cell, in code points.
struct CellParts {
    std::size_t digits_begin = 0, digits_end = 0;
    std::size_t name_begin = 0, name_end = 0;
    bool code_first = true;
};

/// The code: a run of digits, bracketed or not, at the start or else at the end. False when a
/// bracket around it is left open.
bool find_code(const Cell& cell, CellParts& parts) {
    const auto digits_from = [&](std::size_t i) {
        while (i < cell.size && is_digit(cell.c[i])) ++i;
        return i;
    };
    parts.name_end = cell.size;
    if (closing_of(cell.c[0]) != 0) {
        const std::size_t end = digits_from(1);
        if (end == 1 || end == cell.size || cell.c[end] != closing_of(cell.c[0])) return false;
        parts.digits_begin = 1;
        parts.digits_end = end;
        parts.name_begin = end + 1;
        return true;
    }
    if (is_digit(cell.c[0])) {
        parts.digits_end = digits_from(0);
        parts.name_begin = parts.digits_end;
        return true;
    }
    parts.code_first = false;
    std::size_t end = cell.size;
    const bool bracketed = cell.c[end - 1] == ')' || cell.c[end - 1] == ']';
    if (bracketed) --end;
    std::size_t begin = end;
    while (begin > 0 && is_digit(cell.c[begin - 1])) --begin;
    if (begin == end) return true;
    if (bracketed && (begin == 0 || closing_of(cell.c[begin - 1]) != cell.c[end])) return false;
    parts.digits_begin = begin;
    parts.digits_end = end;
    parts.name_end = bracketed ? begin - 1 : begin;
    return true;
}

/// The name without the separators around it, and without the brackets of "111(主城区)";
/// false when it holds a digit or a bracket.
bool trim_name(const Cell& cell, CellParts& parts) {
    std::size_t& begin = parts.name_begin;
    std::size_t& end = parts.name_end;
    while (begin < end && is_separator(cell.c[begin])) ++begin;
    while (end > begin && is_separator(cell.c[end - 1])) --end;
    if (parts.code_first && end - begin > 2 && closing_of(cell.c[begin]) != 0 &&
        closing_of(cell.c[begin]) == cell.c[end - 1]) {
        ++begin;
        --end;
    }
    for (std::size_t i = begin; i < end; ++i) {
        const char32_t c = cell.c[i];
        if (is_digit(c) || closing_of(c) != 0 || c == ')' || c == ']') return false;
    }
    return true;
}

/// "111", "主城区", "111主城区", "111 主城区", "111-主城区", "(111)主城区", "主城区(111)",
/// "主城区 111", with full-width digits and brackets too. Nothing when `text` has another
/// shape (digits inside the name, a bracket left open, too long).
bool split_code_and_name(std::string_view text, CodeAndName& out) {
    Cell cell;
    CellParts parts;
    if (!fold_cell(text, cell) || !find_code(cell, parts) || !trim_name(cell, parts)) {
        return false;
    }
    const std::size_t digits = parts.digits_end - parts.digits_begin;
    if (digits > 6) return false;
    const std::size_t digits_at = cell.at[parts.digits_begin];
    out.digits = text.substr(digits_at, cell.at[parts.digits_end] - digits_at);
    out.digit_count = digits;
    out.code = digits > 0 ? 0 : -1;
    for (std::size_t i = parts.digits_begin; i < parts.digits_end; ++i) {
        out.code = out.code * 10 + static_cast<int>(cell.c[i] - '0');
    }
    const std::size_t name_at = cell.at[parts.name_begin];
    out.name = text.substr(name_at, cell.at[parts.name_end] - name_at);
    return out.code >= 0 || !out.name.empty();
}

/// What a cell says in one code list: the code it gives, found in the list or not, and its
/// name, official or not.
struct Reading {
    CodeAndName parts;
    const Code* by_code = nullptr;  // the code's entry
    const Code* by_name = nullptr;  // the entry whose name the cell gives
    bool code_unknown = false;      // a code that is not in the list
};

template <std::size_t N, std::size_t kSlots>
bool read_cell(std::string_view text, const std::array<Code, N>& codes,
               const NameIndex<int, kSlots>& names, Reading& reading) {
    if (!split_code_and_name(text, reading.parts)) return false;
    const CodeAndName& parts = reading.parts;
    if (parts.code >= 0) {
        if (parts.digit_count == 3) {
            for (const Code& code : codes) {
                if (code.code == parts.code) reading.by_code = &code;
            }
        }
        reading.code_unknown = reading.by_code == nullptr;
    }
    if (!parts.name.empty()) {
        const int found = names.find(parts.name);
        if (found >= 0) reading.by_name = &codes[static_cast<std::size_t>(found)];
    }
    return true;
}

/// A code and a name agree when the name is one of the code's, or a generic spelling of the
/// code's type that is no other code's name (111 城区, 365 中等职业学校).
template <typename Generic>
bool agree(const Reading& reading, Generic generic) {
    if (reading.by_name != nullptr) return reading.by_name == reading.by_code;
    return reading.by_code->value >= 0 && generic(reading.parts.name) == reading.by_code->value;
}

/// The value of a reading, or -1.
template <typename Generic>
int value_of(const Reading& reading, Generic generic) {
    if (reading.code_unknown) return -1;
    if (reading.by_code == nullptr) {
        // A name alone: group names are spelled by the generic index, not here.
        return reading.by_name != nullptr && reading.by_name->value >= 0 ? reading.by_name->value
                                                                         : -1;
    }
    if (!reading.parts.name.empty() && !agree(reading, generic)) return -1;
    return reading.by_code->value;
}

int generic_area(std::string_view name) {
    // The group names alone: 城区, 镇区, 乡村 (and the English ones).
    const auto area = parse_area_type(name);
    return area && *area != AreaType::unknown ? static_cast<int>(*area) : -1;
}
int generic_school(std::string_view name) {
    const auto school_type = parse_school_type(name);
    return school_type ? static_cast<int>(*school_type) : -1;
}

std::string code_named(const Code& code) {
    return fmt::format("code {} is {}", code.code, code.names[0]);
}

std::string mismatch(const Reading& reading) {
    return fmt::format("{}, not {}", code_named(*reading.by_code), reading.parts.name);
}

}  // namespace

namespace detail {

int area_type_coded(std::string_view text) {
    return kAreaQuick.find_or(text, [](std::string_view cell) {
        Reading reading;
        if (!read_cell(cell, kAreaCodes, kAreaNames, reading)) return -1;
        return value_of(reading, generic_area);
    });
}

int school_type_coded(std::string_view text) {
    return kSchoolQuick.find_or(text, [](std::string_view cell) {
        Reading reading;
        if (!read_cell(cell, kSchoolCodes, kSchoolNames, reading)) return -1;
        return value_of(reading, generic_school);
    });
}

}  // namespace detail

std::string why_not_area_type(std::string_view text) {
    Reading reading;
    if (parse_area_type(text) || !read_cell(text, kAreaCodes, kAreaNames, reading)) return {};
    if (reading.code_unknown) {
        return fmt::format("{} is not an urban-rural code (111, 112, 121, 122, 123, 210 or 220)",
                           reading.parts.digits);
    }
    if (reading.by_code != nullptr && !reading.parts.name.empty()) return mismatch(reading);
    if (reading.parts.name == "城镇") {
        return "城镇 covers both 城区 and 镇区: give 城区, 镇区 or the three-digit code";
    }
    return {};
}

std::string why_not_school_type(std::string_view text) {
    Reading reading;
    if (parse_school_type(text) || !read_cell(text, kSchoolCodes, kSchoolNames, reading)) return {};
    if (reading.code_unknown) {
        return fmt::format("{} is not a school-type code (办学类型代码) eduqb knows",
                           reading.parts.digits);
    }
    const Code* code = reading.by_code != nullptr ? reading.by_code : reading.by_name;
    if (code == nullptr) return {};
    if (reading.by_code != nullptr && !reading.parts.name.empty() &&
        !agree(reading, generic_school)) {
        return mismatch(reading);
    }
    const std::string named = fmt::format("{} ({})", code->names[0], code->code);
    switch (code->refusal) {
        case Refusal::not_compulsory:
            return named + " is not a compulsory-education school type";
        case Refusal::attached_class:
            return named + " is a class attached to another school, not a school type";
        case Refusal::not_covered:
            return named + " is not a school type the balance evaluation covers";
        case Refusal::none:
            break;
    }
    return {};
}

}  // namespace eduqb
