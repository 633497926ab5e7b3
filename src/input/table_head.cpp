#include "input/table_head.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "eduqb/error.hpp"
#include "input/table_start.hpp"

namespace eduqb {
namespace {

/// A note on the leading records first .. first+count-1, by their lines.
ReadingNote note_on_lines(ReadingNote::Kind kind, const std::vector<LeadingRecord>& records,
                          std::size_t first, std::size_t count) {
    ReadingNote note;
    note.kind = kind;
    note.first = records[first].line;
    note.last = records[first + count - 1].line;
    note.rows = static_cast<long>(count);
    return note;
}

}  // namespace

TableHead read_table_head(ChunkReader& reader, const std::string& name, const ReadOptions& read,
                          Diagnostics& diagnostics) {
    Chunk chunk;
    if (!reader.next(chunk)) {
        throw InputError(Location{name, 0, 0}, "the file is empty (no header row)");
    }
    // The leading records, across chunks when they are short.
    std::vector<LeadingRecord> leading;
    auto collect = [&] {
        leading.clear();
        ChunkRecords records(name, chunk);
        Record record;
        while (leading.size() < kHeaderSearchRecords && records.next(record)) {
            leading.push_back(leading_record(record.line, record.fields.data(),
                                             record.fields.size(), kHeaderSearchColumns));
        }
    };
    collect();
    for (Chunk more; leading.size() < kHeaderSearchRecords && reader.next(more);) {
        chunk.text.insert(chunk.text.end(), more.text.begin(), more.text.end());
        collect();
    }
    std::optional<std::size_t> skip;
    if (read.skip_rows) skip = static_cast<std::size_t>(*read.skip_rows);
    if (skip && *skip >= leading.size()) {
        throw InputError(Location{name, 0, 0}, "no header after the skipped rows");
    }
    TableHead head;
    std::optional<TableStart> start = find_table_start(leading, skip);
    if (!start) {
        // No block looks like a header: the first record is taken as one, and map_header
        // says what it lacks.
        start = TableStart{};
        start->header_first = skip.value_or(0);
        start->data_first = start->header_first + 1;
    }
    // The header rows in full (the search looked at their first columns only).
    std::vector<LeadingRecord> header_rows;
    {
        ChunkRecords records(name, chunk);
        Record record;
        for (std::size_t i = 0; i < start->header_first + start->header_rows; ++i) {
            records.next(record);
            if (i < start->header_first) continue;
            header_rows.push_back(leading_record(record.line, record.fields.data(),
                                                 record.fields.size(), record.fields.size()));
        }
    }
    std::size_t field_count = 0;
    for (const auto& row : header_rows) field_count = std::max(field_count, row.fields);
    head.line = header_rows.back().line;
    head.header = std::make_unique<HeaderMap>(map_header(combine_header_rows(header_rows),
                                                         field_count, head.line, name, diagnostics,
                                                         start->units ? &*start->units : nullptr));
    using Kind = ReadingNote::Kind;
    if (start->header_first > 0) {
        head.notes.push_back(note_on_lines(Kind::titles_skipped, leading, 0, start->header_first));
    }
    if (start->header_rows > 1) {
        head.notes.push_back(
            note_on_lines(Kind::header_rows, leading, start->header_first, start->header_rows));
    }
    if (start->units) {
        ReadingNote note;
        note.kind = Kind::unit_line;
        note.text = start->units->text;
        head.notes.push_back(std::move(note));
    }
    if (start->column_numbers) {
        head.notes.push_back(
            note_on_lines(Kind::column_numbers, leading, start->data_first - 1, 1));
    }
    for (const auto kind : head.header->derivations) {
        ReadingNote note;
        note.kind = kind;
        head.notes.push_back(std::move(note));
    }
    ChunkRecords records(name, chunk);
    Record record;
    for (std::size_t i = 0; i < start->data_first; ++i) records.next(record);
    head.rest = records.rest();
    return head;
}

}  // namespace eduqb
