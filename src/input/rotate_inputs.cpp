#include "input/rotate_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "eduqb/error.hpp"
#include "input/csv_cells.hpp"
#include "input/read.hpp"
#include "input/table_head.hpp"

namespace eduqb {
namespace {

bool is_utf16(Encoding encoding) {
    return encoding == Encoding::utf16 || encoding == Encoding::utf16le ||
           encoding == Encoding::utf16be;
}

bool has_utf16_mark(const std::string& text) {
    return text.size() >= 2 &&
           ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'));
}

std::string read_all(std::istream& in) {
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A count of teachers: a whole number, not negative, as the cell's unit scales it.
std::optional<long long> whole_count(std::string_view cell, int exponent) {
    const auto value = parse_number(cell, exponent);
    if (!value || *value < 0 || *value != std::floor(*value) || *value > kMaxCellValue) {
        return std::nullopt;
    }
    return static_cast<long long>(*value);
}

}  // namespace

RotateInputs::RotateInputs(const std::vector<InputSource>& sources, const ReadOptions& read)
    : read_(read) {
    for (const InputSource& source : sources) {
        texts_.push_back(read_all(*source.stream));
        const Encoding encoding = source.encoding.value_or(read.encoding);
        if (is_utf16(encoding) ||
            (encoding == Encoding::automatic && has_utf16_mark(texts_.back()))) {
            throw UsageError(fmt::format(
                "{}: rotate reads UTF-8 and GBK/GB18030 files only, so that the counts it "
                "moves can be written back byte for byte; save the file as UTF-8 CSV",
                source.name));
        }
    }
    for (std::size_t f = 0; f < sources.size(); ++f) {
        streams_.push_back(std::make_unique<std::istringstream>(texts_[f]));
        InputSource source = sources[f];
        source.stream = streams_.back().get();
        sources_.push_back(std::move(source));
    }
}

RotateInputs::~RotateInputs() = default;

void RotateInputs::index_cells() {
    cells_.clear();
    for (std::size_t f = 0; f < texts_.size(); ++f) cells_.push_back(index_input(f));
}

RotateInputs::Cells RotateInputs::index_input(std::size_t file) const {
    const InputSource& source = sources_[file];
    std::istringstream in(texts_[file]);
    ChunkReader reader(source.name, in, source.encoding.value_or(read_.encoding));
    Diagnostics ignored;  // the pipeline has read this header and reported its problems
    TableHead head = read_table_head(reader, source.name, read_, ignored);
    Cells cells;
    cells.header = std::move(head.header);
    const HeaderMap& header = *cells.header;
    auto take = [&](const Chunk& chunk) {
        ChunkRecords records(source.name, chunk);
        Record record;
        while (records.next(record)) {
            std::array<std::string, 5> row;
            for (std::size_t slot = 0; slot < kTeacherColumns.size(); ++slot) {
                const int field = header.field_of[static_cast<int>(kTeacherColumns[slot])];
                if (field == HeaderMap::kAbsent) continue;
                if (static_cast<std::size_t>(field) < record.fields.size()) {
                    row[slot] = std::string(record.fields[static_cast<std::size_t>(field)]);
                }
            }
            cells.rows.emplace(record.line, std::move(row));
        }
    };
    take(head.rest);
    for (Chunk chunk; reader.next(chunk);) take(chunk);
    return cells;
}

TeacherCounts RotateInputs::counts(const SchoolResult& school, const Profile& profile) const {
    TeacherCounts out;
    const Cells& cells = cells_.at(static_cast<std::size_t>(school.source.file));
    const auto row = cells.rows.find(school.source.line);
    if (row == cells.rows.end()) return out;
    const bool combined = profile.split.weights.count(school.school_type) > 0;
    const auto& split = profile.split.columns;
    for (std::size_t slot = 0; slot < kTeacherColumns.size(); ++slot) {
        const Column column = kTeacherColumns[slot];
        const int index = static_cast<int>(column);
        // A column the profile splits holds the whole school's count on a combined school's
        // rows: no section's own count, and no cell a move could change for one section.
        if (cells.header->field_of[index] == HeaderMap::kAbsent ||
            (combined && std::find(split.begin(), split.end(), column) != split.end())) {
            continue;
        }
        out.count[slot] = whole_count(row->second[slot], cells.header->unit_exponent[index]);
        out.editable[slot] = out.count[slot] && cells.header->unit_exponent[index] == 0;
    }
    return out;
}

std::string RotateInputs::adjusted_text(std::size_t file,
                                        const std::vector<CountChange>& changes) const {
    std::vector<FieldEdit> edits;
    for (const CountChange& change : changes) {
        if (static_cast<std::size_t>(change.source.file) != file) continue;
        const int field = cells_.at(file).header->field_of[static_cast<int>(change.column)];
        edits.push_back(
            {change.source.line, static_cast<std::size_t>(field), std::to_string(change.after)});
    }
    return replace_fields(texts_[file], std::move(edits));
}

const std::vector<InputSource>& RotateInputs::adjusted_sources(
    const std::vector<CountChange>& changes) {
    adjusted_texts_.clear();
    adjusted_sources_.clear();
    for (std::size_t f = 0; f < texts_.size(); ++f) {
        adjusted_texts_.push_back(adjusted_text(f, changes));
    }
    adjusted_streams_.clear();
    for (std::size_t f = 0; f < texts_.size(); ++f) {
        adjusted_streams_.push_back(std::make_unique<std::istringstream>(adjusted_texts_[f]));
        InputSource source = sources_[f];
        source.stream = adjusted_streams_.back().get();
        adjusted_sources_.push_back(std::move(source));
    }
    return adjusted_sources_;
}

}  // namespace eduqb
