#include "eduqb/normalise.hpp"

#include <fmt/format.h>
#include <charconv>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

HeaderMap map_header(const Record& header, const std::string& file) {
    HeaderMap map;
    map.field_of.fill(HeaderMap::kAbsent);
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        std::string_view name = trim(header.fields[i]);
        if (i == 0 && name.substr(0, kUtf8Bom.size()) == kUtf8Bom)
            name.remove_prefix(kUtf8Bom.size());
        if (name.empty()) continue;  // trailing empty columns from spreadsheets
        auto column = column_from_name(name);
        if (!column) {
            map.unknown_headers.emplace_back(name);
            continue;
        }
        int& slot = map.field_of[static_cast<int>(*column)];
        if (slot != HeaderMap::kAbsent) {
            throw InputError(
                Location{file, header.line, static_cast<int>(i) + 1},
                fmt::format("column '{}' appears twice (also column {})", name, slot + 1));
        }
        slot = static_cast<int>(i);
    }
    for (Column required :
         {Column::school_id, Column::school_type, Column::stage, Column::students}) {
        if (!map.has(required)) {
            throw InputError(Location{file, header.line, 0},
                             fmt::format("required column '{}' is missing from the header",
                                         column_name(required)));
        }
    }
    return map;
}

RowParser::RowParser(const HeaderMap& header, std::string file, int file_index)
    : header_(header), file_(std::move(file)), file_index_(file_index) {}

SectionRow RowParser::parse(const Record& record) const {
    SectionRow row;
    row.source = SourceRef{file_index_, record.line};
    row.values.fill(kMissing);

    auto cell = [&](Column column) -> std::string_view {
        int field = header_.field_of[static_cast<int>(column)];
        if (field == HeaderMap::kAbsent || field >= static_cast<int>(record.fields.size())) {
            return {};
        }
        return trim(record.fields[field]);
    };
    auto fail = [&](Column column, const std::string& message) -> InputError {
        int field = header_.field_of[static_cast<int>(column)];
        return InputError(Location{file_, record.line, field + 1},
                          fmt::format("{}: {}", column_name(column), message));
    };

    row.school_id = cell(Column::school_id);
    if (row.school_id.empty()) throw fail(Column::school_id, "empty; every row needs a school id");
    row.school_name = cell(Column::school_name);
    row.district = cell(Column::district);

    if (std::string_view year = cell(Column::year); !year.empty()) {
        int parsed = 0;
        auto [end, ec] = std::from_chars(year.data(), year.data() + year.size(), parsed);
        if (ec != std::errc() || end != year.data() + year.size() || parsed < 1900 ||
            parsed > 2200) {
            throw fail(Column::year, fmt::format("expected a year such as 2024, got '{}'", year));
        }
        row.year = parsed;
    }

    std::string_view type = cell(Column::school_type);
    auto school_type = parse_school_type(type);
    if (!school_type) {
        throw fail(Column::school_type,
                   fmt::format("unknown school type '{}' (expected primary_school, junior_school, "
                               "nine_year, complete_middle, twelve_year, teaching_point, "
                               "special_education or vocational)",
                               type));
    }
    row.school_type = *school_type;

    std::string_view stage_text = cell(Column::stage);
    auto stage = parse_stage(stage_text);
    if (!stage) {
        throw fail(Column::stage, fmt::format("unknown stage '{}' (expected primary, junior or "
                                              "senior)",
                                              stage_text));
    }
    row.stage = *stage;

    std::string_view area_text = cell(Column::area_type);
    auto area = parse_area_type(area_text);
    if (!area) {
        throw fail(
            Column::area_type,
            fmt::format("unknown area type '{}' (expected urban, town or rural)", area_text));
    }
    row.area_type = *area;

    for (int c = static_cast<int>(Column::students); c < kColumnCount; ++c) {
        const auto column = static_cast<Column>(c);
        std::string_view text = cell(column);
        if (text.empty()) continue;  // missing, never zero
        double number = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(number)) {
            throw fail(column, fmt::format("expected a number, got '{}'", text));
        }
        if (number < 0) throw fail(column, fmt::format("expected a number ≥ 0, got '{}'", text));
        row.value(column) = number;
    }
    if (is_missing(row.students())) throw fail(Column::students, "empty; every row needs students");
    return row;
}

}  // namespace eduqb
