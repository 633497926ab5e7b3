#include "eduqb/normalise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "eduqb/error.hpp"
#include "plain_decimal.hpp"

namespace eduqb {
namespace {

/// Whitespace as exported by Excel/WPS: ASCII, no-break space, ideographic space.
std::string_view trim_spaces(std::string_view text) {
    for (;;) {
        if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
            text.remove_prefix(1);
        } else if (text.substr(0, 2) == "\xC2\xA0") {
            text.remove_prefix(2);
        } else if (text.substr(0, 3) == "\xE3\x80\x80" || text.substr(0, 3) == "\xEF\xBB\xBF") {
            text.remove_prefix(3);
        } else {
            break;
        }
    }
    for (;;) {
        if (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
            text.remove_suffix(1);
        } else if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") {
            text.remove_suffix(2);
        } else if (text.size() >= 3 && text.substr(text.size() - 3) == "\xE3\x80\x80") {
            text.remove_suffix(3);
        } else {
            break;
        }
    }
    return text;
}

/// Spaces of any kind around a cell (' ', '\t', NBSP C2 A0, ideographic space E3 80 80, a BOM
/// EF BB BF in front) removed.
/// Bytes a space of any kind may start with (bit 0) or end with (bit 1).
constexpr std::array<unsigned char, 256> kSpaceEdges = [] {
    std::array<unsigned char, 256> edges{};
    for (unsigned char c : {' ', '\t'}) edges[c] = 3;
    for (unsigned char c : {0xC2, 0xE3, 0xEF}) edges[c] |= 1;
    for (unsigned char c : {0xA0, 0x80}) edges[c] |= 2;
    return edges;
}();

inline std::string_view trim(std::string_view text) {
    if (text.empty()) return text;
    // Nearly every cell: neither end holds a byte any of those spaces starts or ends with.
    if (((kSpaceEdges[static_cast<unsigned char>(text.front())] & 1) |
         (kSpaceEdges[static_cast<unsigned char>(text.back())] & 2)) == 0) {
        return text;
    }
    return trim_spaces(text);
}

/// Full-width ASCII (U+FF01..U+FF5E, as typed with a Chinese IME) folded to ASCII.
std::string fold_full_width(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 == 0xEF && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            const unsigned code = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
            if (code >= 0xFF01 && code <= 0xFF5E) {
                out += static_cast<char>(code - 0xFF01 + 0x21);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

enum class UnitKind { money, area, count, any };

struct Unit {
    std::string_view text;
    UnitKind kind;
    int exponent;
};

constexpr Unit kUnits[] = {
    {"元", UnitKind::money, 0},      {"万元", UnitKind::money, 4},  {"千元", UnitKind::money, 3},
    {"yuan", UnitKind::money, 0},    {"平方米", UnitKind::area, 0}, {"㎡", UnitKind::area, 0},
    {"m2", UnitKind::area, 0},       {"m²", UnitKind::area, 0},     {"平米", UnitKind::area, 0},
    {"万平方米", UnitKind::area, 4}, {"人", UnitKind::count, 0},    {"名", UnitKind::count, 0},
    {"个", UnitKind::count, 0},      {"间", UnitKind::count, 0},    {"台", UnitKind::count, 0},
    {"册", UnitKind::count, 0},      {"万册", UnitKind::count, 4},  {"班", UnitKind::count, 0},
};

UnitKind unit_kind_of(Column column) {
    switch (column) {
        case Column::equipment_value_yuan:
            return UnitKind::money;
        case Column::teaching_area_m2:
        case Column::sports_area_m2:
        case Column::music_art_area_m2:
            return UnitKind::area;
        default:
            return is_numeric(column) ? UnitKind::count : UnitKind::any;
    }
}

struct Alias {
    Column column;
    std::vector<std::string_view> names;  // preferred first
};

const std::vector<Alias>& alias_table() {
    static const std::vector<Alias> table = {
        {Column::school_id, {"学校标识码", "学校代码", "学校编码", "学校识别码", "学校标识"}},
        {Column::school_name, {"学校名称", "校名", "学校"}},
        {Column::district, {"区县", "所属区县", "县区", "区县名称", "县(市、区)", "区(县)"}},
        {Column::year, {"学年", "年度", "年份", "统计年度"}},
        {Column::school_type, {"学校类型", "办学类型", "学校类别"}},
        {Column::stage, {"学段"}},
        {Column::area_type, {"城乡类型", "城乡分类", "城乡属性"}},
        {Column::students, {"在校生数", "在校学生数", "学生数"}},
        {Column::teachers, {"专任教师数", "专任教师"}},
        {Column::teachers_above_degree, {"高于规定学历教师数", "高于规定学历专任教师数"}},
        {Column::teachers_backbone, {"县级以上骨干教师数", "区级以上骨干教师数", "骨干教师数"}},
        {Column::teachers_pe_art,
         {"体育艺术专任教师数", "体育、艺术专任教师数", "体育艺术教师数", "体育、艺术教师数"}},
        {Column::teachers_senior_title,
         {"中级及以上职称教师数", "中级及以上专业技术职务教师数", "中级以上职称教师数"}},
        {Column::teaching_area_m2, {"教学及辅助用房面积", "教学及辅助用房"}},
        {Column::sports_area_m2, {"体育运动场馆面积", "体育运动场(馆)面积", "体育场馆面积"}},
        {Column::equipment_value_yuan,
         {"教学仪器设备值", "教学仪器设备资产值", "教学仪器设备总值"}},
        {Column::multimedia_rooms, {"网络多媒体教室数", "网络多媒体教室"}},
        {Column::computers, {"计算机台数", "计算机数"}},
        {Column::books, {"图书册数", "图书"}},
        {Column::classes, {"班级数", "班数"}},
        {Column::music_art_area_m2, {"音乐美术专用教室面积", "音乐、美术专用教室面积"}},
        {Column::boarding, {"是否寄宿制", "是否寄宿制学校", "寄宿制"}},
    };
    return table;
}

std::optional<Column> lookup_name(std::string_view name) {
    if (auto column = column_from_name(name)) return column;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (auto column = column_from_name(lower)) return column;
    for (const auto& alias : alias_table()) {
        if (std::find(alias.names.begin(), alias.names.end(), name) != alias.names.end()) {
            return alias.column;
        }
    }
    return std::nullopt;
}

/// "1,234,567": one to three digits, then groups of exactly three after each comma.
bool valid_grouping(std::string_view whole) {
    std::size_t comma = whole.find(',');
    if (comma == 0 || comma > 3) return false;
    while (comma != std::string_view::npos) {
        const std::string_view group = whole.substr(comma + 1, 3);
        if (group.size() != 3 || group.find_first_not_of("0123456789") != std::string_view::npos) {
            return false;
        }
        const std::size_t next = comma + 4;
        if (next >= whole.size()) break;
        if (whole[next] != ',') return false;
        comma = next;
    }
    return true;
}

/// At most 40 characters of a header for messages (a file read in the wrong encoding has a
/// header of thousands), cut at a character boundary.
std::string shortened(std::string_view text) {
    constexpr std::size_t kCharacters = 40;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (++characters > kCharacters) return std::string(text.substr(0, i)) + "…";
    }
    return std::string(text);
}

constexpr std::string_view kNumberHint = "expected a number such as 1234 or 1234.5";

}  // namespace

const std::vector<std::string_view>& chinese_headers(Column column) {
    for (const auto& alias : alias_table()) {
        if (alias.column == column) return alias.names;
    }
    static const std::vector<std::string_view> none;
    return none;
}

std::optional<Column> column_for_header(std::string_view header, int& unit_exponent,
                                        std::string* unit_error) {
    unit_exponent = 0;
    const std::string name = fold_full_width(trim(header));
    std::string_view text = trim(name);
    if (auto column = lookup_name(text)) return column;
    // A trailing "(unit)": strip it when it is a unit we know.
    if (text.empty() || text.back() != ')') return std::nullopt;
    const auto open = text.rfind('(');
    if (open == std::string_view::npos) return std::nullopt;
    const std::string_view unit_text = trim(text.substr(open + 1, text.size() - open - 2));
    const Unit* unit = nullptr;
    for (const auto& candidate : kUnits) {
        if (candidate.text == unit_text) unit = &candidate;
    }
    if (!unit) return std::nullopt;
    auto column = lookup_name(trim(text.substr(0, open)));
    if (!column) return std::nullopt;
    const UnitKind kind = unit_kind_of(*column);
    if (kind != unit->kind && unit_error) {
        *unit_error =
            fmt::format("unit ({}) does not fit column {}", unit_text, column_name(*column));
    }
    unit_exponent = unit->exponent;
    return column;
}

HeaderMap map_header(const Record& header, const std::string& file, Diagnostics& diagnostics) {
    HeaderMap map;
    map.field_of.fill(HeaderMap::kAbsent);
    map.field_count = header.fields.size();
    int named = 0;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string_view text = trim(header.fields[i]);
        if (text.empty()) continue;  // trailing empty columns from spreadsheets
        ++named;
        const Location where{file, header.line, static_cast<int>(i) + 1};
        int exponent = 0;
        std::string unit_error;
        auto column = column_for_header(text, exponent, &unit_error);
        if (!unit_error.empty()) throw InputError(where, unit_error);
        if (!column) {
            map.unknown_headers.emplace_back(text);
            diagnostics.warning(where, "",
                                fmt::format("unknown column '{}' is ignored", shortened(text)));
            continue;
        }
        int& slot = map.field_of[static_cast<int>(*column)];
        if (slot != HeaderMap::kAbsent) {
            throw InputError(where, fmt::format("'{}' and '{}' (column {}) both name {}; keep one",
                                                text, map.header_text[static_cast<int>(*column)],
                                                slot + 1, column_name(*column)));
        }
        slot = static_cast<int>(i);
        map.unit_exponent[static_cast<int>(*column)] = exponent;
        map.header_text[static_cast<int>(*column)] = std::string(text);
    }
    for (Column required :
         {Column::school_id, Column::school_type, Column::stage, Column::students}) {
        if (!map.has(required)) {
            const bool title_like = named <= 2 && header.fields.size() >= 1;
            throw InputError(
                Location{file, header.line, 0},
                fmt::format("required column '{}' ({}) is missing from the header{}",
                            column_name(required), chinese_headers(required).front(),
                            title_like ? "; this line looks like a title (skip it with "
                                         "--skip-rows 1) or like text read in the wrong "
                                         "encoding (see --encoding)"
                                       : ""));
        }
    }
    return map;
}

namespace {

/// Everything but plain decimals: kept out of line, so that the common case does not pay for
/// its strings.
[[gnu::noinline]] std::optional<double> parse_general_number(std::string_view raw, int exponent) {
    std::string text = fold_full_width(trim(raw));
    std::string_view view = trim(text);
    if (view.empty()) return std::nullopt;
    std::string digits;
    digits.reserve(view.size() + 4);
    if (view.find(',') != std::string_view::npos) {
        const std::size_t sign = (view[0] == '-' || view[0] == '+') ? 1 : 0;
        if (!valid_grouping(view.substr(sign, view.find('.') - sign))) return std::nullopt;
        for (char c : view) {
            if (c != ',') digits += c;
        }
    } else {
        digits.assign(view);
    }
    if (digits[0] == '+') digits.erase(0, 1);
    const bool has_exponent = digits.find_first_of("eE") != std::string::npos;
    if (exponent != 0 && !has_exponent) digits += "e" + std::to_string(exponent);  // exact scaling
    double value = 0;
    const char* begin = digits.data();
    const char* end = digits.data() + digits.size();
    auto [stop, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
    if (exponent != 0 && has_exponent) value *= std::pow(10.0, exponent);
    return value;
}

}  // namespace

std::optional<double> parse_number(std::string_view raw, int exponent) {
    // Nearly every cell of a statistics export is a plain decimal in the column's own unit.
    if (double value = 0; exponent == 0 && parse_plain_decimal(raw, value)) return value;
    return parse_general_number(raw, exponent);
}

RowParser::RowParser(const HeaderMap& header, std::string file, int file_index, bool keep_names)
    : header_(header), file_(std::move(file)), file_index_(file_index), keep_names_(keep_names) {
    for (int c = 0; c < kColumnCount; ++c) {
        const auto column = static_cast<Column>(c);
        if (!is_numeric(column) || !header.has(column)) continue;
        numeric_fields_.push_back(NumericField{column, static_cast<std::size_t>(header.field_of[c]),
                                               header.unit_exponent[c]});
    }
}

Location RowParser::locate(const SectionRow& row, Column column) const {
    return Location{file_, row.source.line, header_.field_of[static_cast<int>(column)] + 1};
}

bool RowParser::parse_numeric_cell(std::string_view raw, const NumericField& numeric,
                                   SectionRow& row, Diagnostics& diagnostics) const {
    const std::string_view text = trim(raw);
    if (text.empty()) return true;  // missing, never zero
    const Column column = numeric.column;
    auto fail = [&](const std::string& message) {
        diagnostics.error(locate(row, column), std::string(column_name(column)), message);
        return false;
    };
    auto number = parse_number(text, numeric.exponent);
    if (!number) return fail(fmt::format("'{}' is not a number ({})", text, kNumberHint));
    if (*number < 0) return fail(fmt::format("'{}' is negative (expected a number ≥ 0)", text));
    if (*number > kMaxCellValue) {
        return fail(fmt::format("'{}' is too large (at most 1e15 after unit conversion)", text));
    }
    row.value(column) = *number;
    return true;
}

bool RowParser::parse(const Record& record, SectionRow& row, Diagnostics& diagnostics) const {
    row.clear();
    row.source = SourceRef{file_index_, record.line};
    bool ok = true;

    auto cell = [&](Column column) -> std::string_view {
        int field = header_.field_of[static_cast<int>(column)];
        if (field == HeaderMap::kAbsent || field >= static_cast<int>(record.fields.size())) {
            return {};
        }
        return trim(record.fields[field]);
    };
    auto fail = [&](Column column, const std::string& message) {
        ok = false;
        diagnostics.error(locate(row, column), std::string(column_name(column)), message);
    };

    // Cells beyond the header are trailing empties from spreadsheets, or a sign that an
    // unquoted comma (1,234.5) shifted the row.
    for (std::size_t i = header_.field_count; i < record.fields.size(); ++i) {
        if (trim(record.fields[i]).empty()) continue;
        ok = false;
        diagnostics.error(Location{file_, record.line, static_cast<int>(i) + 1}, "",
                          fmt::format("this row has {} cells but the header has {}; is there an "
                                      "unquoted comma, as in 1,234.5? Quote it (\"1,234.5\") "
                                      "or write 1234.5",
                                      record.fields.size(), header_.field_count));
        break;
    }
    // Appended to the strings row.clear() emptied: assigning goes through the general
    // replace, which also handles text that overlaps the string's own, at twice the cost.
    row.school_id.append(cell(Column::school_id));
    if (row.school_id.empty()) fail(Column::school_id, "empty; every row needs a school id");
    if (keep_names_) row.school_name.append(cell(Column::school_name));
    row.district.append(cell(Column::district));

    if (std::string_view year = cell(Column::year);
        year.size() == 4 &&
        std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // The common case, "2024", without the general path's copy.
        const int parsed =
            (year[0] - '0') * 1000 + (year[1] - '0') * 100 + (year[2] - '0') * 10 + (year[3] - '0');
        if (parsed < 1900 || parsed > 2200) {
            fail(Column::year,
                 fmt::format("'{}' is not a year (expected e.g. 2024 or 2024-2025)", year));
        } else {
            row.year = parsed;
        }
    } else if (!year.empty()) {
        // School years are written 2024, 2024学年, 2024-2025 or 2024-2025学年: the first year.
        std::string text = fold_full_width(year);
        int parsed = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        std::string_view rest(end, static_cast<std::size_t>(text.data() + text.size() - end));
        auto is_year_suffix = [](std::string_view tail) {
            return tail.empty() || tail == "学年" || tail == "年";
        };
        const bool rest_ok =
            is_year_suffix(rest) ||
            (rest.size() >= 5 && rest[0] == '-' &&
             rest.substr(1, 4).find_first_not_of("0123456789") == std::string_view::npos &&
             is_year_suffix(rest.substr(5)));
        if (ec != std::errc() || !rest_ok || parsed < 1900 || parsed > 2200) {
            fail(Column::year,
                 fmt::format("'{}' is not a year (expected e.g. 2024 or 2024-2025)", year));
        } else {
            row.year = parsed;
        }
    }

    std::string_view type = cell(Column::school_type);
    if (auto school_type = parse_school_type(type)) {
        row.school_type = *school_type;
    } else {
        fail(Column::school_type,
             fmt::format("'{}' is not a school type (expected primary_school, junior_school, "
                         "nine_year, complete_middle, twelve_year, teaching_point, "
                         "special_education, vocational or their Chinese names)",
                         type));
    }

    std::string_view stage_text = cell(Column::stage);
    if (auto stage = parse_stage(stage_text)) {
        row.stage = *stage;
    } else {
        fail(Column::stage, fmt::format("'{}' is not a stage (expected primary, junior, senior, "
                                        "小学, 初中 or 高中)",
                                        stage_text));
    }

    std::string_view area_text = cell(Column::area_type);
    if (auto area = parse_area_type(area_text)) {
        row.area_type = *area;
    } else {
        fail(Column::area_type, fmt::format("'{}' is not an area type (expected urban, town, "
                                            "rural, 城区, 镇区 or 乡村)",
                                            area_text));
    }

    if (std::string_view boarding = cell(Column::boarding); !boarding.empty()) {
        row.boarding = parse_yes_no(boarding);
        if (!row.boarding) {
            fail(Column::boarding,
                 fmt::format("'{}' is not yes or no (expected yes, no, 是 or 否)", boarding));
        }
    }

    static_assert(kMaxCellValue > 99999999.0, "a short cell is never too large");
    const char* const readable_end = record.readable_end;
    for (const NumericField& numeric : numeric_fields_) {
        if (numeric.field >= record.fields.size()) continue;
        const std::string_view raw = record.fields[numeric.field];
        // Nearly every cell of a statistics export is a plain decimal in the column's own
        // unit: no trimming, no optional, no checks it cannot fail (8 bytes of digits are far
        // below kMaxCellValue).
        if (numeric.exponent == 0) {
            double number = 0;
            if (short_decimal_readable(raw, readable_end)) {
                if (parse_short_decimal(raw.data(), raw.size(), number)) {
                    row.value(numeric.column) = number;
                    continue;
                }
            } else if (parse_plain_decimal(raw, number) && number <= kMaxCellValue) {
                row.value(numeric.column) = number;
                continue;
            }
        }
        if (!parse_numeric_cell(raw, numeric, row, diagnostics)) ok = false;
    }
    row.school_students = row.students();
    if (cell(Column::students).empty()) {
        fail(Column::students, "empty; every row needs its number of students");
    }
    return ok;
}

}  // namespace eduqb
