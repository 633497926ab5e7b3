#include "input/table_start.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace eduqb {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    for (std::string_view space : {"\xE3\x80\x80", "\xC2\xA0"}) {
        while (text.substr(0, space.size()) == space) text.remove_prefix(space.size());
        while (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
            text.remove_suffix(space.size());
        }
    }
    return text;
}

/// 计 / 合计 / 小计 under a parent: the parent itself.
bool is_total_child(std::string_view text) {
    std::string compact;
    for (char c : text) {
        if (c != ' ') compact += c;
    }
    // A unit may follow: 计(人), 合计（人）.
    for (std::string_view open : {"(", "\xEF\xBC\x88"}) {
        const auto at = compact.find(open);
        if (at != std::string::npos) compact.erase(at);
    }
    return compact == "计" || compact == "合计" || compact == "小计" || compact == "总计" ||
           compact == "共计";
}

std::string_view strip_of_which(std::string_view text) {
    for (std::string_view prefix : {"其中：", "其中:", "其中", "#", "＃"}) {
        if (text.size() > prefix.size() && text.substr(0, prefix.size()) == prefix) {
            return trimmed(text.substr(prefix.size()));
        }
    }
    return text;
}

bool is_column_number(std::string_view text) {
    static const std::set<std::string_view> kStems = {"甲", "乙", "丙", "丁", "戊",
                                                      "己", "庚", "辛", "壬", "癸"};
    if (kStems.count(text)) return true;
    if (!text.empty() && text.size() <= 3 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return true;
    }
    return !text.empty() && text.size() <= 2 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string_view cell_at(const LeadingRecord& record, std::size_t column) {
    return column < record.cells.size() ? trimmed(record.cells[column]) : std::string_view();
}

/// One name per field for the header rows [first, first + rows).
std::vector<std::string> combine_rows(const std::vector<LeadingRecord>& records, std::size_t first,
                                      std::size_t rows) {
    // Trailing empty names are left out: a header line of millions of empty cells.
    std::size_t width = 0;
    for (std::size_t r = first; r < first + rows; ++r) {
        width = std::max(width, records[r].cells.size());
    }
    std::vector<std::string> names(width);
    // A parent saved from a merged range stands in its first column only: it is carried
    // right over the columns that have children below it, and ends at a column that has none.
    std::vector<std::string> carry(rows);
    for (std::size_t column = 0; column < width; ++column) {
        std::vector<std::string> parts;
        for (std::size_t k = 0; k < rows; ++k) {
            const std::string_view text = cell_at(records[first + k], column);
            bool below = false;
            for (std::size_t j = k + 1; j < rows; ++j) {
                if (!cell_at(records[first + j], column).empty()) below = true;
            }
            if (!text.empty()) {
                carry[k] = std::string(text);
                parts.emplace_back(text);
            } else if (below && !carry[k].empty()) {
                parts.push_back(carry[k]);
            } else {
                carry[k].clear();
            }
        }
        names[column] = combine_header_cells(parts);
    }
    return names;
}

struct Score {
    int recognised = 0;
    bool required = false;
    std::size_t rows = 0;
    /// More of the required columns, then more columns, then fewer rows (a title merged
    /// across the table is not a parent header).
    bool operator>(const Score& other) const {
        if (required != other.required) return required;
        if (recognised != other.recognised) return recognised > other.recognised;
        return rows < other.rows;
    }
};

Score score(const std::vector<std::string>& names) {
    std::set<int> columns;
    std::set<int> components;
    for (const auto& name : names) {
        if (name.empty()) continue;
        const HeaderMeaning meaning = header_meaning(name);
        if (meaning.column) columns.insert(static_cast<int>(*meaning.column));
        if (meaning.component) components.insert(static_cast<int>(*meaning.component));
    }
    Score result;
    result.recognised = static_cast<int>(columns.size() + components.size());
    result.required = true;
    for (Column column :
         {Column::school_id, Column::school_type, Column::stage, Column::students}) {
        if (!columns.count(static_cast<int>(column))) result.required = false;
    }
    return result;
}

bool blank(const LeadingRecord& record) {
    return std::all_of(record.cells.begin(), record.cells.end(),
                       [](const std::string& cell) { return trimmed(cell).empty(); });
}

}  // namespace

LeadingRecord leading_record(long line, const std::string_view* fields, std::size_t count,
                             std::size_t max_cells) {
    LeadingRecord record;
    record.line = line;
    record.fields = count;
    std::size_t used = 0;
    for (std::size_t i = 0; i < count && i < max_cells; ++i) {
        if (!trimmed(fields[i]).empty()) used = i + 1;
    }
    record.cells.assign(fields, fields + used);
    return record;
}

std::vector<std::string> combine_header_rows(const std::vector<LeadingRecord>& rows) {
    return combine_rows(rows, 0, rows.size());
}

std::string combine_header_cells(const std::vector<std::string>& cells) {
    std::vector<std::string> parts;
    std::optional<std::string> unit;
    for (const auto& cell : cells) {
        std::string_view text = trimmed(cell);
        if (text.empty()) continue;
        if (auto only = unit_only_cell(text)) {
            unit = only;
            continue;
        }
        if (!parts.empty() && parts.back() == text) continue;  // a range merged downwards
        // A unit written after a part (专任教师（人）) is the column's, whichever row it is in.
        for (std::string_view open : {"(", "\xEF\xBC\x88"}) {
            const auto at = text.rfind(open);
            if (at == std::string_view::npos || at == 0) continue;
            if (auto only = unit_only_cell(text.substr(at))) {
                unit = only;
                text = trimmed(text.substr(0, at));
                break;
            }
        }
        parts.emplace_back(text);
    }
    // 计 under a parent means the parent; a unit written with it stays.
    while (parts.size() > 1 && is_total_child(parts.back())) parts.pop_back();
    if (parts.empty()) return {};
    for (auto& part : parts) part = std::string(strip_of_which(part));

    std::vector<std::string> candidates;
    const std::string& child = parts.back();
    candidates.push_back(child);
    if (parts.size() >= 2) {
        const std::string& parent = parts[parts.size() - 2];
        candidates.push_back(parent + child);
        candidates.push_back(child + parent);
        std::string all;
        for (const auto& part : parts) all += part;
        candidates.push_back(all);
    }
    auto with_unit = [&](std::string name) {
        if (unit && !header_meaning(name).has_unit) name += "(" + *unit + ")";
        return name;
    };
    for (const auto& candidate : candidates) {
        if (header_meaning(candidate).recognised()) return with_unit(candidate);
    }
    std::string joined;
    for (const auto& part : parts) {
        if (!joined.empty()) joined += "/";
        joined += part;
    }
    return with_unit(joined);
}

std::optional<TableStart> find_table_start(const std::vector<LeadingRecord>& records,
                                           std::optional<std::size_t> skip_rows) {
    std::optional<TableStart> best;
    Score best_score;
    const std::size_t first_start = skip_rows ? *skip_rows : 0;
    const std::size_t last_start =
        skip_rows ? *skip_rows + 1 : std::min(records.size(), kHeaderSearchRecords);
    for (std::size_t start = first_start; start < last_start && start < records.size(); ++start) {
        // A header holding every required column has been found: a later start can only
        // share its rows (a header has at most three) or begin among the data.
        if (best && best_score.required && start >= best->header_first + 3) break;
        if (blank(records[start])) continue;
        for (std::size_t rows = 1; rows <= 3 && start + rows <= records.size(); ++rows) {
            if (blank(records[start + rows - 1])) break;
            std::vector<std::string> names = combine_rows(records, start, rows);
            Score candidate = score(names);
            candidate.rows = rows;
            if (!candidate.required && candidate.recognised < 3) continue;
            if (best && !(candidate > best_score)) continue;
            best_score = candidate;
            best = TableStart{};
            best->header_first = start;
            best->header_rows = rows;
            best->names = std::move(names);
            best->recognised = candidate.recognised;
        }
    }
    if (!best) return best;
    for (std::size_t r = 0; r < best->header_first; ++r) {
        best->skipped.push_back(r);
        for (const auto& cell : records[r].cells) {
            if (auto units = table_units(cell)) best->units = units;
        }
    }
    best->data_first = best->header_first + best->header_rows;
    // A row numbering the columns (甲 乙 1 2 3 …, or A B C …) below the header.
    if (best->data_first < records.size()) {
        const LeadingRecord& next = records[best->data_first];
        std::size_t numbers = 0;
        std::size_t filled = 0;
        for (const auto& cell : next.cells) {
            const std::string_view text = trimmed(cell);
            if (text.empty()) continue;
            ++filled;
            if (is_column_number(text)) ++numbers;
        }
        std::size_t named = 0;
        for (const auto& name : best->names) {
            if (!name.empty()) ++named;
        }
        if (filled > 0 && numbers == filled && filled * 2 >= named) {
            best->column_numbers = true;
            ++best->data_first;
        }
    }
    return best;
}

}  // namespace eduqb
