#include "input/normalise.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "base/edit_distance.hpp"
#include "base/escape.hpp"
#include "base/short_text.hpp"
#include "eduqb/error.hpp"
#include "input/plain_decimal.hpp"

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
        {Column::school_id,
         {"学校标识码", "学校代码", "学校编码", "学校识别码", "学校标识", "学校标识码代码",
          "学校(机构)标识码", "机构标识码", "标识码"}},
        {Column::school_name,
         {"学校名称", "校名", "学校", "学校(机构)名称", "单位名称", "机构名称", "学校全称"}},
        {Column::district,
         {"区县", "所属区县", "县区", "区县名称", "县(市、区)", "区(县)", "县(市、区、旗)",
          "县(区)", "区县(市)", "所在区县", "县区名称", "县级行政区划"}},
        {Column::year, {"学年", "年度", "年份", "统计年度", "统计年份", "学年度"}},
        {Column::school_type,
         {"学校类型", "办学类型", "学校类别", "办学类型代码", "学校(机构)办学类型", "学校办学类型",
          "办学类型名称"}},
        {Column::stage, {"学段", "教育阶段", "学段名称"}},
        {Column::area_type,
         {"城乡类型", "城乡分类", "城乡属性", "城乡", "城乡分类代码", "驻地城乡类型",
          "驻地城乡分类代码", "城乡类别", "学校(机构)驻地城乡类型", "学校驻地城乡类型",
          "所在地城乡类型", "城乡划分", "城乡划分代码", "驻地城乡类型代码", "城乡类型代码"}},
        {Column::students,
         {"在校生数", "在校学生数", "学生数", "在校生", "在校学生", "学生总数", "在校生合计"}},
        {Column::teachers,
         {"专任教师数", "专任教师", "专任教师合计", "专任教师总数", "专任教师人数"}},
        {Column::teachers_above_degree,
         {"高于规定学历教师数", "高于规定学历专任教师数", "高于规定学历", "专任教师高于规定学历",
          "高于规定学历的专任教师数", "具有高于规定学历的教师数", "高于规定学历教师"}},
        {Column::teachers_backbone,
         {"县级以上骨干教师数", "区级以上骨干教师数", "骨干教师数", "县级及以上骨干教师数",
          "区级及以上骨干教师数", "县级以上骨干教师", "县级及以上骨干教师",
          "县级及以上骨干教师人数", "县级以上骨干教师人数", "区县级及以上骨干教师数"}},
        {Column::teachers_pe_art,
         {"体育艺术专任教师数", "体育、艺术专任教师数", "体育艺术教师数", "体育、艺术教师数",
          "专任教师体育艺术", "专任教师体育、艺术", "体育、艺术(音乐、美术)专任教师数",
          "体育艺术(音乐美术)专任教师数", "体育、艺术专任教师", "体育艺术专任教师"}},
        {Column::teachers_senior_title,
         {"中级及以上职称教师数", "中级及以上专业技术职务教师数", "中级以上职称教师数",
          "中级及以上职称", "专任教师中级及以上职称"}},
        {Column::teaching_area_m2,
         {"教学及辅助用房面积", "教学及辅助用房", "教学及教学辅助用房面积", "教学辅助用房面积",
          "教学及辅助用房总面积"}},
        {Column::sports_area_m2,
         {"体育运动场馆面积", "体育运动场(馆)面积", "体育场馆面积", "体育运动场馆",
          "体育运动场(馆)", "运动场馆面积"}},
        {Column::equipment_value_yuan,
         {"教学仪器设备值", "教学仪器设备资产值", "教学仪器设备总值", "教学仪器设备资产总值",
          "仪器设备值", "教学仪器设备"}},
        {Column::multimedia_rooms,
         {"网络多媒体教室数", "网络多媒体教室", "多媒体教室数", "网络多媒体教室间数"}},
        {Column::computers,
         {"计算机台数", "计算机数", "教学用计算机台数", "教学用计算机", "计算机"}},
        {Column::books, {"图书册数", "图书", "图书藏量", "藏书册数", "图书总册数"}},
        {Column::classes, {"班级数", "班数", "教学班数", "班级"}},
        {Column::music_art_area_m2, {"音乐美术专用教室面积", "音乐、美术专用教室面积"}},
        {Column::boarding,
         {"是否寄宿制", "是否寄宿制学校", "寄宿制", "寄宿制学校", "是否寄宿学校", "寄宿学校"}},
    };
    return table;
}

/// Every name a column is known by (its own, in any letter case, and the aliases), looked up
/// in one step: the header search asks about every cell of the first rows of a file.
const std::unordered_map<std::string_view, Column>& column_names() {
    static const std::unordered_map<std::string_view, Column> names = [] {
        std::unordered_map<std::string_view, Column> map;
        for (int c = 0; c < kColumnCount; ++c) {
            map.emplace(column_name(static_cast<Column>(c)), static_cast<Column>(c));
        }
        for (const auto& alias : alias_table()) {
            for (std::string_view name : alias.names) map.emplace(name, alias.column);
        }
        return map;
    }();
    return names;
}

std::optional<Column> lookup_name(std::string_view name) {
    const auto& names = column_names();
    auto found = names.find(name);
    if (found != names.end()) return found->second;
    // Column names are lower case ASCII; "School_ID" is school_id.
    if (std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return std::nullopt;
    }
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (auto column = column_from_name(lower)) return column;
    return std::nullopt;
}

struct ComponentAlias {
    Component component;
    std::vector<std::string_view> names;
};

const std::vector<ComponentAlias>& component_table() {
    static const std::vector<ComponentAlias> table = {
        {Component::degree_postgraduate,
         {"研究生毕业", "研究生", "研究生学历", "专任教师研究生毕业", "研究生毕业专任教师数"}},
        {Component::degree_bachelor,
         {"本科毕业", "本科", "本科学历", "专任教师本科毕业", "本科毕业专任教师数"}},
        {Component::degree_associate,
         {"专科毕业", "专科", "专科学历", "大专", "专任教师专科毕业", "专科毕业专任教师数"}},
        {Component::degree_below,
         {"高中阶段毕业", "高中阶段以下毕业", "高中及以下", "高中阶段及以下", "高中毕业",
          "高中以下", "中专", "高中阶段毕业及以下"}},
        {Component::teachers_pe,
         {"体育教师数", "体育教师", "体育专任教师", "体育专任教师数", "专任教师体育"}},
        {Component::teachers_music,
         {"音乐教师数", "音乐教师", "音乐专任教师", "音乐专任教师数", "专任教师音乐"}},
        {Component::teachers_fine_art,
         {"美术教师数", "美术教师", "美术专任教师", "美术专任教师数", "专任教师美术"}},
        {Component::teachers_arts,
         {"艺术教师数", "艺术教师", "艺术专任教师", "艺术专任教师数", "专任教师艺术"}},
        {Component::sports_ground_m2,
         {"运动场地面积", "运动场面积", "体育运动场地面积", "运动场地", "运动场(地)面积"}},
        {Component::sports_indoor_m2,
         {"室内体育用房面积", "室内体育用房", "体育馆面积", "室内体育馆面积"}},
    };
    return table;
}

std::optional<Component> lookup_component(std::string_view name) {
    static const std::unordered_map<std::string_view, Component> names = [] {
        std::unordered_map<std::string_view, Component> map;
        for (const auto& alias : component_table()) {
            for (std::string_view text : alias.names) map.emplace(text, alias.component);
        }
        return map;
    }();
    auto found = names.find(name);
    if (found == names.end()) return std::nullopt;
    return found->second;
}

UnitKind unit_kind_of(Component component) {
    switch (component) {
        case Component::sports_ground_m2:
        case Component::sports_indoor_m2:
            return UnitKind::area;
        default:
            return UnitKind::count;
    }
}

/// A header as compared with the aliases: full-width folded, spaces and line breaks inside
/// removed (exports wrap long headers), a 其中： or # prefix dropped.
std::string header_key(std::string_view header) {
    std::string folded = fold_full_width(trim(header));
    std::string key;
    key.reserve(folded.size());
    const bool ascii_words = std::all_of(
        folded.begin(), folded.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const char c = folded[i];
        if (c == '\n' || c == '\r' || c == '\t') continue;
        // English names keep their spaces ("teaching_area_m2 (m2)"); Chinese ones have none.
        if (c == ' ' && !ascii_words) continue;
        // An ideographic space (E3 80 80) or a no-break space (C2 A0): the first byte first.
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0xE3 && folded.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        if (byte == 0xC2 && folded.compare(i, 2, "\xC2\xA0") == 0) {
            i += 1;
            continue;
        }
        key += c;
    }
    for (std::string_view prefix : {"其中:", "其中", "#"}) {
        if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) {
            key.erase(0, prefix.size());
            break;
        }
    }
    return std::string(trim(key));
}

/// A parenthesis that says nothing about the unit: 学校代码(10位), 寄宿制学校(是/否).
bool is_note_in_parentheses(std::string_view text) {
    if (text.size() > 3 && text.substr(text.size() - 3) == "位" &&
        text.substr(0, text.size() - 3).find_first_not_of("0123456789") == std::string_view::npos) {
        return true;
    }
    return text.find("是") != std::string_view::npos && text.find("否") != std::string_view::npos;
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

/// The known header closest to an unknown one, when it is close enough to be a typo.
std::optional<std::string> suggest_header(std::string_view text) {
    static const std::vector<std::string_view> known = [] {
        std::vector<std::string_view> names;
        for (int c = 0; c < kColumnCount; ++c) names.push_back(column_name(static_cast<Column>(c)));
        for (const auto& alias : alias_table()) {
            names.insert(names.end(), alias.names.begin(), alias.names.end());
        }
        for (const auto& alias : component_table()) {
            names.insert(names.end(), alias.names.begin(), alias.names.end());
        }
        return names;
    }();
    const std::string key = header_key(text);
    // A unit suffix is compared apart: 在校生数(人) is near 在校学生数 as 在校生数 is.
    std::string_view stem = key;
    if (!stem.empty() && stem.back() == ')' && stem.find('(') != std::string_view::npos) {
        stem = stem.substr(0, stem.rfind('('));
    }
    return closest(stem, known);
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

std::string_view component_name(Component component) {
    static constexpr std::array<std::string_view, kComponentCount> kNames = {
        "研究生毕业", "本科毕业", "专科毕业", "高中阶段毕业及以下", "体育",
        "音乐",       "美术",     "艺术",     "运动场地面积",       "室内体育用房面积"};
    return kNames[static_cast<std::size_t>(component)];
}

HeaderMeaning header_meaning(std::string_view header) {
    HeaderMeaning meaning;
    const std::string key = header_key(header);
    std::string_view text = key;
    auto look_up = [&](std::string_view name) {
        if (auto column = lookup_name(name)) {
            meaning.column = column;
        } else if (auto component = lookup_component(name)) {
            meaning.component = component;
        }
        return meaning.recognised();
    };
    if (text.empty() || look_up(text)) return meaning;
    // A trailing "(unit)": strip it when it is a unit we know.
    if (text.back() != ')') return meaning;
    const auto open = text.rfind('(');
    if (open == std::string_view::npos) return meaning;
    const std::string_view inside = trim(text.substr(open + 1, text.size() - open - 2));
    const std::string_view stem = trim(text.substr(0, open));
    if (is_note_in_parentheses(inside)) {
        look_up(stem);
        return meaning;
    }
    const Unit* unit = nullptr;
    for (const auto& candidate : kUnits) {
        if (candidate.text == inside) unit = &candidate;
    }
    if (!unit || !look_up(stem)) return meaning;
    const UnitKind kind =
        meaning.column ? unit_kind_of(*meaning.column) : unit_kind_of(*meaning.component);
    if (kind != unit->kind) {
        meaning.unit_error = fmt::format(
            "unit ({}) does not fit column {}", inside,
            meaning.column ? column_name(*meaning.column) : component_name(*meaning.component));
    }
    meaning.unit_exponent = unit->exponent;
    meaning.has_unit = true;
    return meaning;
}

std::optional<Column> column_for_header(std::string_view header, int& unit_exponent,
                                        std::string* unit_error) {
    const HeaderMeaning meaning = header_meaning(header);
    unit_exponent = meaning.unit_exponent;
    if (unit_error && !meaning.unit_error.empty()) *unit_error = meaning.unit_error;
    return meaning.column;
}

std::optional<std::string> unit_only_cell(std::string_view cell) {
    std::string key = header_key(cell);
    std::string_view text = key;
    if (text.size() > 2 && text.front() == '(' && text.back() == ')') {
        text = text.substr(1, text.size() - 2);
    }
    for (std::string_view label : {"计量单位:", "单位:"}) {
        if (text.substr(0, label.size()) == label) text.remove_prefix(label.size());
    }
    for (const auto& unit : kUnits) {
        if (unit.text == text) return std::string(text);
    }
    return std::nullopt;
}

std::optional<TableUnits> table_units(std::string_view line) {
    const std::string key = header_key(line);
    std::string_view text = key;
    // 单位：万元 / 计量单位:平方米 / (单位：万元、平方米)
    if (!text.empty() && text.front() == '(' && text.back() == ')') {
        text = text.substr(1, text.size() - 2);
    }
    std::size_t at = std::string_view::npos;
    for (std::string_view label : {"计量单位:", "单位:"}) {
        if (text.substr(0, label.size()) == label) {
            at = label.size();
            break;
        }
    }
    if (at == std::string_view::npos) return std::nullopt;
    TableUnits units;
    units.text = std::string(trim(line));
    std::string_view rest = text.substr(at);
    while (!rest.empty()) {
        std::size_t cut = rest.size();
        for (std::string_view separator : {"、", ",", "，", "/", ";", "；"}) {
            cut = std::min(cut, rest.find(separator));
        }
        const std::string_view word = rest.substr(0, cut);
        for (const auto& unit : kUnits) {
            if (unit.text != word) continue;
            if (unit.kind == UnitKind::money) units.money_exponent = unit.exponent;
            if (unit.kind == UnitKind::area) units.area_exponent = unit.exponent;
        }
        if (cut == rest.size()) break;
        rest.remove_prefix(cut);
        for (std::string_view separator : {"、", ",", "，", "/", ";", "；"}) {
            if (rest.substr(0, separator.size()) == separator) {
                rest.remove_prefix(separator.size());
                break;
            }
        }
    }
    return units;
}

namespace {

constexpr unsigned stage_bit(Stage stage) {
    return 1U << static_cast<unsigned>(stage);
}
constexpr unsigned kAllStages =
    stage_bit(Stage::primary) | stage_bit(Stage::junior) | stage_bit(Stage::senior);

/// Header problems, collected so that a file's header is explained all at once.
struct HeaderProblems {
    std::vector<std::pair<Location, std::string>> errors;
    void add(Location where, std::string message) {
        errors.emplace_back(std::move(where), std::move(message));
    }
};

/// The columns the file gives in parts (when it lacks the column itself), and the notes that
/// say so in the report.
/// The columns a file gives in parts (the degree breakdown, PE and art teachers by subject,
/// the sports ground and indoor rooms), each derived when its column is absent, or a header
/// problem when a part is missing.
class ColumnDerivation {
  public:
    ColumnDerivation(HeaderMap& map, const std::string& file, long line, HeaderProblems& problems)
        : map_(map), where_{file, line, 0}, problems_(problems) {}

    void above_degree() {
        const bool any_degree = has(Component::degree_postgraduate) ||
                                has(Component::degree_bachelor) || has(Component::degree_associate);
        if (any_degree &&
            map_.field_of[static_cast<int>(Column::teachers_above_degree)] == HeaderMap::kAbsent) {
            const std::string lacking =
                missing_parts({Component::degree_postgraduate, Component::degree_bachelor,
                               Component::degree_associate});
            if (!lacking.empty()) {
                problems_.add(where_,
                              fmt::format("the teachers' degree breakdown lacks {}: "
                                          "teachers_above_degree (高于规定学历教师数) is "
                                          "研究生 + 本科 + 专科 for primary teachers and "
                                          "研究生 + 本科 for junior teachers; add the column or "
                                          "a teachers_above_degree column",
                                          lacking));
            } else {
                // 教师法 第十一条: the required degree is 中师 for primary and 专科 for junior
                // teachers (本科 for senior), so "above" starts one level higher.
                DerivedColumn derived;
                derived.column = Column::teachers_above_degree;
                derived.parts = {part(Component::degree_postgraduate, kAllStages),
                                 part(Component::degree_bachelor,
                                      stage_bit(Stage::primary) | stage_bit(Stage::junior)),
                                 part(Component::degree_associate, stage_bit(Stage::primary))};
                map_.derived.push_back(std::move(derived));
                map_.derivations.push_back(ReadingNote::Kind::above_degree_from_degrees);
            }
        }
    }

    void pe_art() {
        const bool any_pe_art = has(Component::teachers_pe) || has(Component::teachers_music) ||
                                has(Component::teachers_fine_art) || has(Component::teachers_arts);
        if (any_pe_art &&
            map_.field_of[static_cast<int>(Column::teachers_pe_art)] == HeaderMap::kAbsent) {
            const bool split_arts =
                has(Component::teachers_music) || has(Component::teachers_fine_art);
            if (has(Component::teachers_arts) && split_arts) {
                problems_.add(where_,
                              "the file has 艺术 teachers and also 音乐 or 美术 teachers: "
                              "艺术 may already count them; keep 艺术 or the two of them, "
                              "or add a teachers_pe_art column");
            } else {
                const std::string lacking =
                    split_arts ? missing_parts({Component::teachers_pe, Component::teachers_music,
                                                Component::teachers_fine_art})
                               : missing_parts({Component::teachers_pe, Component::teachers_arts});
                if (!lacking.empty()) {
                    problems_.add(where_,
                                  fmt::format("the PE and art teachers lack {}: "
                                              "teachers_pe_art (体育、艺术专任教师数) is 体育 + "
                                              "音乐 + 美术 (or 体育 + 艺术)",
                                              lacking));
                } else {
                    DerivedColumn derived;
                    derived.column = Column::teachers_pe_art;
                    derived.parts.push_back(part(Component::teachers_pe, kAllStages));
                    if (split_arts) {
                        derived.parts.push_back(part(Component::teachers_music, kAllStages));
                        derived.parts.push_back(part(Component::teachers_fine_art, kAllStages));
                        map_.derivations.push_back(ReadingNote::Kind::pe_art_from_music_fine_art);
                    } else {
                        derived.parts.push_back(part(Component::teachers_arts, kAllStages));
                        map_.derivations.push_back(ReadingNote::Kind::pe_art_from_arts);
                    }
                    map_.derived.push_back(std::move(derived));
                }
            }
        }
    }

    void sports_area() {
        const bool any_sports =
            has(Component::sports_ground_m2) || has(Component::sports_indoor_m2);
        if (any_sports &&
            map_.field_of[static_cast<int>(Column::sports_area_m2)] == HeaderMap::kAbsent) {
            if (!has(Component::sports_ground_m2)) {
                problems_.add(where_,
                              "the file has 室内体育用房面积 but no 运动场地面积: "
                              "sports_area_m2 (体育运动场馆面积) is the sports ground plus the "
                              "indoor sports rooms");
            } else {
                DerivedColumn derived;
                derived.column = Column::sports_area_m2;
                derived.parts.push_back(part(Component::sports_ground_m2, kAllStages));
                if (has(Component::sports_indoor_m2)) {
                    derived.parts.push_back(part(Component::sports_indoor_m2, kAllStages));
                    map_.derivations.push_back(ReadingNote::Kind::sports_from_ground_and_indoor);
                } else {
                    map_.derivations.push_back(ReadingNote::Kind::sports_from_ground_only);
                }
                map_.derived.push_back(std::move(derived));
            }
        }
    }

  private:
    bool has(Component component) const {
        return map_.component_field[static_cast<int>(component)] != HeaderMap::kAbsent;
    }
    DerivedColumn::Part part(Component component, unsigned stages) const {
        const int c = static_cast<int>(component);
        return DerivedColumn::Part{component, map_.component_field[c], map_.component_exponent[c],
                                   stages};
    }
    /// The names of the parts in `needed` the file lacks, comma-separated.
    std::string missing_parts(std::initializer_list<Component> needed) const {
        std::string names;
        for (Component component : needed) {
            if (has(component)) continue;
            if (!names.empty()) names += ", ";
            names += component_name(component);
        }
        return names;
    }

    HeaderMap& map_;
    const Location where_;
    HeaderProblems& problems_;
};

void derive_columns(HeaderMap& map, const std::string& file, long line, HeaderProblems& problems) {
    ColumnDerivation derivation(map, file, line, problems);
    derivation.above_degree();
    derivation.pe_art();
    derivation.sports_area();
}

}  // namespace

HeaderMap map_header(const std::vector<std::string>& names, std::size_t field_count, long line,
                     const std::string& file, Diagnostics& diagnostics, const TableUnits* units) {
    HeaderMap map;
    map.field_of.fill(HeaderMap::kAbsent);
    map.component_field.fill(HeaderMap::kAbsent);
    map.field_count = std::max(field_count, names.size());
    // "Did you mean" for the first unknown headers only: a file of thousands is the wrong file.
    constexpr std::size_t kSuggestions = 50;
    HeaderProblems problems;
    int named = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string_view text = trim(names[i]);
        if (text.empty()) continue;  // trailing empty columns from spreadsheets
        ++named;
        map.named_field_count = i + 1;
        const Location where{file, line, static_cast<int>(i) + 1};
        HeaderMeaning meaning = header_meaning(text);
        // The column is still taken, so that a wrong unit is one problem, not also a missing
        // column.
        if (!meaning.unit_error.empty()) problems.add(where, meaning.unit_error);
        if (!meaning.recognised()) {
            map.unknown_headers.emplace_back(text);
            std::string hint;
            if (map.unknown_headers.size() <= kSuggestions) {
                if (auto near = suggest_header(text)) {
                    hint = fmt::format("; did you mean '{}'?", *near);
                }
            }
            diagnostics.warning(
                where, "", fmt::format("unknown column '{}' is ignored{}", shortened(text), hint));
            continue;
        }
        const UnitKind kind =
            meaning.column ? unit_kind_of(*meaning.column) : unit_kind_of(*meaning.component);
        if (!meaning.has_unit && units) {
            // A unit line above the table sets the unit of the columns that name none.
            if (kind == UnitKind::money && units->money_exponent) {
                meaning.unit_exponent = *units->money_exponent;
            }
            if (kind == UnitKind::area && units->area_exponent) {
                meaning.unit_exponent = *units->area_exponent;
            }
        }
        int* slot = nullptr;
        std::string* slot_text = nullptr;
        std::string_view slot_name;
        if (meaning.column) {
            const int c = static_cast<int>(*meaning.column);
            slot = &map.field_of[c];
            slot_text = &map.header_text[c];
            slot_name = column_name(*meaning.column);
            map.unit_exponent[c] = meaning.unit_exponent;
        } else {
            const int c = static_cast<int>(*meaning.component);
            slot = &map.component_field[c];
            slot_text = &map.component_text[c];
            slot_name = component_name(*meaning.component);
            map.component_exponent[c] = meaning.unit_exponent;
        }
        if (*slot != HeaderMap::kAbsent) {
            problems.add(where, fmt::format("'{}' and '{}' (column {}) both name {}; keep one",
                                            text, *slot_text, *slot + 1, slot_name));
            continue;
        }
        *slot = static_cast<int>(i);
        *slot_text = std::string(text);
    }
    derive_columns(map, file, line, problems);
    std::vector<std::string> missing;
    for (Column required :
         {Column::school_id, Column::school_type, Column::stage, Column::students}) {
        if (!map.has(required)) {
            missing.push_back(
                fmt::format("'{}' ({})", column_name(required), chinese_headers(required).front()));
        }
    }
    if (!missing.empty()) {
        std::string list = missing.front();
        for (std::size_t i = 1; i < missing.size(); ++i) {
            list += (i + 1 == missing.size() ? " and " : ", ") + missing[i];
        }
        const bool title_like = named <= 2 && !names.empty();
        problems.add(
            Location{file, line, 0},
            fmt::format("required column{} {} {} missing from the header{}",
                        missing.size() == 1 ? "" : "s", list, missing.size() == 1 ? "is" : "are",
                        title_like ? "; this line looks like a title (skip it with "
                                     "--skip-rows 1) or like text read in the wrong "
                                     "encoding (see --encoding)"
                                   : ""));
    }
    if (problems.errors.size() == 1) {
        throw InputError(problems.errors.front().first, problems.errors.front().second);
    }
    if (!problems.errors.empty()) {
        for (auto& [where, message] : problems.errors) {
            diagnostics.error(where, "", std::move(message));
        }
        throw InputError(
            Location{file, line, 0},
            fmt::format("the header has {} problems (listed above)", problems.errors.size()));
    }
    return map;
}

HeaderMap map_header(const Record& header, const std::string& file, Diagnostics& diagnostics) {
    std::vector<std::string> names(header.fields.begin(), header.fields.end());
    return map_header(names, header.fields.size(), header.line, file, diagnostics);
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
        if (!is_numeric(column) || header.field_of[c] == HeaderMap::kAbsent) continue;
        numeric_fields_.push_back(NumericField{column, static_cast<std::size_t>(header.field_of[c]),
                                               header.unit_exponent[c]});
    }
}

Location RowParser::locate(const SectionRow& row, Column column) const {
    int field = header_.field_of[static_cast<int>(column)];
    for (const auto& derived : header_.derived) {
        if (derived.column == column && !derived.parts.empty()) field = derived.parts.front().field;
    }
    return Location{file_, row.source.line, field + 1};
}

namespace {

/// The text, its spaces left out, starts or ends with a totals word.
bool has_totals_word(std::string_view text) {
    std::string compact;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' || text[i] == '\t') continue;
        if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        compact += text[i];
    }
    for (std::string_view word : {"合计", "总计", "小计", "共计", "累计"}) {
        if (compact.size() < word.size()) continue;
        if (compact.compare(0, word.size(), word) == 0 ||
            compact.compare(compact.size() - word.size(), word.size(), word) == 0) {
            return true;
        }
    }
    return false;
}

/// 计 in the three bytes at `at`.
inline bool ji_at(std::string_view text, std::size_t at) {
    return text[at] == '\xE8' && text[at + 1] == '\xAE' && text[at + 2] == '\xA1';
}

/// 合计, 总计, 小计, also as the end of a label (全县合计, 小学小计) or spaced (合　计).
inline bool is_totals_text(std::string_view text) {
    // Every word is 2 characters ending in 计, at the start or the end of the text (a spaced
    // 合　计 too ends in it): two comparisons rule out nearly every school's id or name.
    return text.size() >= 6 && (ji_at(text, 3) || ji_at(text, text.size() - 3)) &&
           has_totals_word(text);
}

/// The first words of the lines statistics forms end with: who filled the form in, who
/// checked it, when, and notes.
bool starts_with_footer_word(std::string_view text) {
    // The words start with one of these characters; a district or school name seldom does.
    static constexpr std::array<std::string_view, 11> kFirst = {"填", "审", "制", "单", "统", "负",
                                                                "注", "说", "备", "报", "联"};
    if (std::find(kFirst.begin(), kFirst.end(), text.substr(0, 3)) == kFirst.end()) return false;
    std::string compact;
    for (char c : text) {
        if (c != ' ' && c != '\t') compact += c;
    }
    for (std::string_view word :
         {"填表人",     "审核人",  "填报日期", "填表日期", "制表人",   "制表日期", "单位负责人",
          "统计负责人", "负责人:", "负责人：", "审核:",    "审核：",   "注:",      "注：",
          "说明:",      "说明：",  "备注:",    "备注：",   "报送日期", "联系电话"}) {
        if (compact.compare(0, word.size(), word) == 0) return true;
    }
    return false;
}

inline bool is_footer_text(std::string_view text) {
    // Every footer word is Chinese; a row starting with a school id is not a footer.
    return !text.empty() && static_cast<unsigned char>(text.front()) >= 0x80 &&
           starts_with_footer_word(text);
}

}  // namespace

std::uint64_t RowParser::name_hash(const Record& record) const {
    const int field = header_.field_of[static_cast<int>(Column::school_name)];
    if (field == HeaderMap::kAbsent || field >= static_cast<int>(record.fields.size())) return 0;
    const std::string_view name = trim(record.fields[static_cast<std::size_t>(field)]);
    return name.empty() ? 0 : short_text_hash(name) | 1;
}

RowKind RowParser::classify(const Record& record) const {
    if (is_blank(record)) return RowKind::blank;
    std::string_view first;
    for (std::string_view field : record.fields) {
        first = trim(field);
        if (!first.empty()) break;
    }
    if (is_footer_text(first)) return RowKind::footer;
    auto cell = [&](Column column) -> std::string_view {
        const int field = header_.field_of[static_cast<int>(column)];
        if (field == HeaderMap::kAbsent || field >= static_cast<int>(record.fields.size())) {
            return {};
        }
        return trim(record.fields[field]);
    };
    const std::string_view id = cell(Column::school_id);
    const std::string_view name = cell(Column::school_name);
    const bool id_totals = is_totals_text(id);
    const bool name_totals = is_totals_text(name);
    if ((id_totals || name_totals) && (id.empty() || id_totals) && (name.empty() || name_totals) &&
        cell(Column::school_type).empty()) {
        return RowKind::totals;
    }
    return RowKind::data;
}

std::string_view RowParser::key_cell(const Record& record, Column column, bool& ok,
                                     Diagnostics& diagnostics, const SectionRow& row) const {
    const int c = static_cast<int>(column);
    const int field = header_.field_of[c];
    if (field == HeaderMap::kAbsent) return {};
    std::string_view text =
        field < static_cast<int>(record.fields.size()) ? trim(record.fields[field]) : "";
    const bool fills = std::find(fill_down_.begin(), fill_down_.end(), column) != fill_down_.end();
    if (fills) {
        if (text.empty()) {
            text = filled_[c];
        } else {
            filled_[c].assign(text);
        }
    }
    if (text.empty()) {
        ok = false;
        diagnostics.error(
            locate(row, column), std::string(column_name(column)),
            fills ? std::string("empty, and no row above has a value to fill it with")
                  : fmt::format("empty; a blank {} is not a value of its own (a CSV saved from "
                                "merged cells leaves them blank: --fill-down {} fills each from "
                                "the row above)",
                                column_name(column), column_name(column)));
    }
    return text;
}

bool RowParser::derive(const Record& record, SectionRow& row, Diagnostics& diagnostics) const {
    bool ok = true;
    const unsigned stage = 1U << static_cast<unsigned>(row.stage);
    for (const auto& derived : header_.derived) {
        double sum = 0;
        bool missing = false;
        for (const auto& part : derived.parts) {
            if ((part.stages & stage) == 0) continue;
            const std::string_view text =
                part.field < static_cast<int>(record.fields.size())
                    ? trim(record.fields[static_cast<std::size_t>(part.field)])
                    : std::string_view();
            if (text.empty()) {
                missing = true;
                continue;
            }
            const Location where{file_, record.line, part.field + 1};
            auto number = parse_number(text, part.exponent);
            if (!number || *number < 0 || *number > kMaxCellValue ||
                (*number != 0 && *number < kMinCellValue)) {
                ok = false;
                diagnostics.error(where, std::string(column_name(derived.column)),
                                  fmt::format("'{}' in {} is not a number of 0 or 1e-6 to 1e15 "
                                              "({})",
                                              text, component_name(part.component), kNumberHint));
                continue;
            }
            sum += *number;
        }
        row.value(derived.column) = missing || !ok ? kMissing : sum;
    }
    return ok;
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
    if (*number != 0 && *number < kMinCellValue) {
        return fail(fmt::format(
            "'{}' is too small to be a real count, area or amount (0, or at least 1e-6 after "
            "unit conversion)",
            text));
    }
    row.value(column) = *number;
    return true;
}

inline std::string_view RowParser::cell(const Record& record, Column column) const {
    const int field = header_.field_of[static_cast<int>(column)];
    if (field == HeaderMap::kAbsent || field >= static_cast<int>(record.fields.size())) return {};
    return trim(record.fields[field]);
}

void RowParser::fail(const SectionRow& row, Column column, const std::string& message,
                     Diagnostics& diagnostics) const {
    diagnostics.error(locate(row, column), std::string(column_name(column)), message);
}

inline bool RowParser::check_row_width(const Record& record, Diagnostics& diagnostics) const {
    // Cells beyond the header are trailing empties from spreadsheets, or a sign that an
    // unquoted comma (1,234.5) shifted the row. Header cells left empty at the end
    // (spreadsheets export them) hide a shift: a value in one of their columns has no header
    // either.
    for (std::size_t i = header_.named_field_count; i < record.fields.size(); ++i) {
        if (trim(record.fields[i]).empty()) continue;
        diagnostics.error(
            Location{file_, record.line, static_cast<int>(i) + 1}, "",
            i >= header_.field_count
                ? fmt::format("this row has {} cells but the header has {}; is there an "
                              "unquoted comma, as in 1,234.5? Quote it (\"1,234.5\") "
                              "or write 1234.5",
                              record.fields.size(), header_.field_count)
                : fmt::format("this row has a value in column {}, which has no header (the "
                              "header names {} columns); is there an unquoted comma, as in "
                              "12,500, that shifted the cells? Quote it (\"12,500\") or write "
                              "12500",
                              i + 1, header_.named_field_count));
        return false;
    }
    return true;
}

inline bool RowParser::parse_identity(const Record& record, SectionRow& row,
                                      Diagnostics& diagnostics) const {
    bool ok = true;
    // Appended to the strings row.clear() emptied: assigning goes through the general
    // replace, which also handles text that overlaps the string's own, at twice the cost.
    if (fill_down_.empty()) {
        row.school_id.append(cell(record, Column::school_id));
        if (row.school_id.empty()) {
            fail(row, Column::school_id, "empty; every row needs a school id", diagnostics);
            ok = false;
        }
        row.district.append(cell(record, Column::district));
        if (row.district.empty() &&
            header_.field_of[static_cast<int>(Column::district)] != HeaderMap::kAbsent) {
            key_cell(record, Column::district, ok, diagnostics, row);
        }
    } else {
        row.school_id.append(key_cell(record, Column::school_id, ok, diagnostics, row));
        row.district.append(key_cell(record, Column::district, ok, diagnostics, row));
    }
    // The duplicate check compares ids byte for byte: one that differs from another only in
    // a character nobody sees would make one school two.
    if (const auto hidden = detail::first_invisible(row.school_id)) {
        fail(row, Column::school_id,
             fmt::format("'{}' holds {}, a character that does not show or looks like a plain "
                         "space; ids that differ only in it would count one school twice: "
                         "delete it",
                         row.school_id, detail::code_point_name(*hidden)),
             diagnostics);
        ok = false;
    }
    if (keep_names_) row.school_name.append(cell(record, Column::school_name));
    return ok;
}

inline bool RowParser::parse_year(const Record& record, SectionRow& row,
                                  Diagnostics& diagnostics) const {
    bool ok = true;
    std::string_view year = cell(record, Column::year);
    if (year.empty() && header_.field_of[static_cast<int>(Column::year)] != HeaderMap::kAbsent) {
        year = key_cell(record, Column::year, ok, diagnostics, row);
    } else if (!fill_down_.empty()) {
        key_cell(record, Column::year, ok, diagnostics, row);  // remembers the value
    }
    if (year.empty()) return ok;
    auto not_a_year = [&] {
        fail(row, Column::year,
             fmt::format("'{}' is not a year (expected e.g. 2024 or 2024-2025)", year),
             diagnostics);
        return false;
    };
    if (year.size() == 4 &&
        std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // The common case, "2024", without the general path's copy.
        const int parsed =
            (year[0] - '0') * 1000 + (year[1] - '0') * 100 + (year[2] - '0') * 10 + (year[3] - '0');
        if (parsed < 1900 || parsed > 2200) return not_a_year();
        row.year = parsed;
        return ok;
    }
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
    if (ec != std::errc() || !rest_ok || parsed < 1900 || parsed > 2200) return not_a_year();
    row.year = parsed;
    return ok;
}

inline bool RowParser::parse_kind(const Record& record, SectionRow& row,
                                  Diagnostics& diagnostics) const {
    bool ok = true;
    auto bad = [&](Column column, const std::string& message) {
        fail(row, column, message, diagnostics);
        ok = false;
    };
    std::string_view type = cell(record, Column::school_type);
    if (type.empty() || !fill_down_.empty()) {
        type = key_cell(record, Column::school_type, ok, diagnostics, row);
    }
    if (type.empty()) {
        // key_cell has said what is wrong with it.
    } else if (auto school_type = parse_school_type(type)) {
        row.school_type = *school_type;
    } else {
        const std::string why = why_not_school_type(type);
        bad(Column::school_type,
            why.empty() ? fmt::format("'{}' is not a school type (expected primary_school, "
                                      "junior_school, nine_year, complete_middle, twelve_year, "
                                      "teaching_point, special_education, vocational, their "
                                      "Chinese names or 办学类型 codes such as 211)",
                                      type)
                        : fmt::format("'{}' is not a school type eduqb evaluates: {}", type, why));
    }

    std::string_view stage_text = cell(record, Column::stage);
    if (stage_text.empty() || !fill_down_.empty()) {
        stage_text = key_cell(record, Column::stage, ok, diagnostics, row);
    }
    if (stage_text.empty()) {
        // key_cell has said what is wrong with it.
    } else if (auto stage = parse_stage(stage_text)) {
        row.stage = *stage;
    } else {
        bad(Column::stage, fmt::format("'{}' is not a stage (expected primary, junior, senior, "
                                       "小学, 初中 or 高中)",
                                       stage_text));
    }

    std::string_view area_text = cell(record, Column::area_type);
    if (auto area = parse_area_type(area_text)) {
        row.area_type = *area;
    } else {
        const std::string why = why_not_area_type(area_text);
        bad(Column::area_type,
            why.empty() ? fmt::format("'{}' is not an area type (expected urban, town, rural, "
                                      "城区, 镇区, 乡村 or a 城乡分类代码 such as 111 主城区)",
                                      area_text)
                        : fmt::format("'{}' is not an area type: {}", area_text, why));
    }

    if (std::string_view boarding = cell(record, Column::boarding); !boarding.empty()) {
        row.boarding = parse_yes_no(boarding);
        if (!row.boarding) {
            bad(Column::boarding,
                fmt::format("'{}' is not yes or no (expected yes, no, 是 or 否)", boarding));
        }
    }
    return ok;
}

inline bool RowParser::parse_numbers(const Record& record, SectionRow& row,
                                     Diagnostics& diagnostics) const {
    bool ok = true;
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
    if (!header_.derived.empty() && !derive(record, row, diagnostics)) ok = false;
    row.school_students = row.students();
    if (cell(record, Column::students).empty()) {
        fail(row, Column::students, "empty; every row needs its number of students", diagnostics);
        ok = false;
    }
    return ok;
}

bool RowParser::parse(const Record& record, SectionRow& row, Diagnostics& diagnostics) const {
    row.clear();
    row.source = SourceRef{file_index_, record.line};
    // Every step runs, so that every problem of the row is reported at once.
    bool ok = check_row_width(record, diagnostics);
    ok &= parse_identity(record, row, diagnostics);
    ok &= parse_year(record, row, diagnostics);
    ok &= parse_kind(record, row, diagnostics);
    ok &= parse_numbers(record, row, diagnostics);
    return ok;
}

}  // namespace eduqb
