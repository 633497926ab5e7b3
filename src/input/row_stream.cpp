#include "input/row_stream.hpp"

#include <algorithm>
#include <thread>

#include "base/ordered_map.hpp"
#include "base/short_text.hpp"
#include "input/validate.hpp"

namespace eduqb {

int default_worker_threads() {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores < 2 ? 0 : static_cast<int>(std::min(cores - 1, 4U));
}

bool evaluator_thread_helps(int parse_threads) {
    return parse_threads > 0 &&
           std::thread::hardware_concurrency() > static_cast<unsigned>(parse_threads) + 1;
}

int default_worker_threads(std::optional<std::uint64_t> input_bytes) {
    if (input_bytes && *input_bytes < kThreadedInputBytes) return 0;
    return default_worker_threads();
}

namespace {

/// Parses every record of `chunk` into `out`; an InputError (a quote not closed) is kept in
/// `out.error` after the rows before it.
void parse_chunk(const std::string& name, const Chunk& chunk, const RowParser& parser,
                 std::size_t stop_after_errors, Record& record, ParsedRows& out) {
    // The rows stay (their memory, not their contents) for this chunk's: cleared and
    // refilled in place, and only those beyond its count destroyed at the end.
    std::size_t count = 0;
    out.status.clear();
    out.section_hashes.clear();
    out.name_hashes.clear();
    out.problems = Diagnostics();
    out.marks.assign(1, out.problems.mark());
    out.records = 0;
    out.end_offset = chunk.offset + chunk.text.size();
    out.error = nullptr;
    out.last = false;
    out.notes.clear();
    out.after_footer = 0;
    bool footer_seen = false;
    constexpr std::size_t kNone = std::size_t(-1);
    std::size_t last_parsed = kNone;
    try {
        ChunkRecords records(name, chunk);
        while (records.next(record)) {
            ++out.records;
            const RowKind kind = parser.classify(record);
            if (kind == RowKind::blank) continue;
            if (footer_seen) {
                ++out.after_footer;
                continue;
            }
            if (kind != RowKind::data) {
                std::string text;
                for (std::string_view field : record.fields) {
                    if (field.find_first_not_of(" \t") == std::string_view::npos) continue;
                    if (!text.empty()) text += ' ';
                    text += field.substr(0, 200);
                }
                out.notes.push_back(ParsedRows::Note{record.line, kind, std::move(text), count});
                footer_seen = kind == RowKind::footer;
                continue;
            }
            if (count == out.rows.size()) out.rows.emplace_back();
            SectionRow& row = out.rows[count++];
            std::uint8_t status = 0;
            std::uint64_t hash = 0;
            if (parser.parse(record, row, out.problems)) {
                status = ParsedRows::kParsed;
                // An index, not a pointer: `rows` may grow.
                if (last_parsed == kNone ||
                    !same_short_text(row.district, out.rows[last_parsed].district)) {
                    status |= ParsedRows::kNewDistrict;
                }
                last_parsed = count - 1;
                hash = DuplicateDetector::section_hash(row);
                if (check_row(row, parser, out.problems)) status |= ParsedRows::kChecked;
            }
            out.status.push_back(status);
            out.section_hashes.push_back(hash);
            out.name_hashes.push_back(parser.name_hash(record));
            out.marks.push_back(out.problems.mark());
            if (out.problems.errors() >= stop_after_errors) break;
        }
    } catch (...) {
        out.error = std::current_exception();
        out.last = true;
    }
    out.rows.erase(out.rows.begin() + static_cast<std::ptrdiff_t>(count), out.rows.end());
}

/// No rows, and none after: the end of the input, or the error that ended reading.
void end_of_rows(ParsedRows& out, std::exception_ptr error) {
    out = ParsedRows();
    out.error = std::move(error);
    out.last = true;
}

}  // namespace

struct RowStream::Impl {
    /// A worker's scratch space: the chunk it read, or why there was none.
    struct Scratch {
        Chunk chunk;
        Record record;
        bool got = false;
        std::exception_ptr error;
    };

    Impl(std::string input_name, ChunkReader& chunk_reader, Chunk first_chunk,
         const RowParser& row_parser, std::size_t stop_after, int threads)
        : name(std::move(input_name)),
          reader(chunk_reader),
          parser(row_parser),
          stop_after_errors(stop_after),
          first(std::move(first_chunk)),
          // Two chunks in flight per worker: bounds memory.
          chunks(
              threads, 2 * static_cast<std::size_t>(std::max(threads, 1)),
              [this](std::uint64_t, Scratch& scratch) { return read_chunk(scratch); },
              [this](std::uint64_t, Scratch& scratch, std::unique_ptr<ParsedRows>& rows) {
                  return parse_rows(scratch, rows);
              }) {}

    /// The next chunk in input order (claims run one at a time): the records read before the
    /// stream was made first. The end of the input, or an error reading it, is an item too:
    /// rows marked `last`. No item after it.
    bool read_chunk(Scratch& scratch) {
        if (reading_over) return false;
        scratch.error = nullptr;
        if (first_pending) {
            first_pending = false;
            scratch.chunk = std::move(first);
            scratch.got = true;
            return true;
        }
        try {
            scratch.got = reader.next(scratch.chunk);
        } catch (...) {
            scratch.got = false;
            scratch.error = std::current_exception();
        }
        if (!scratch.got) reading_over = true;
        return true;
    }

    /// Parses the chunk (on any worker); false when these rows are the last.
    bool parse_rows(Scratch& scratch, std::unique_ptr<ParsedRows>& rows) {
        if (!rows) rows = std::make_unique<ParsedRows>();
        if (scratch.got) {
            parse_chunk(name, scratch.chunk, parser, stop_after_errors, scratch.record, *rows);
        } else {
            end_of_rows(*rows, scratch.error);
        }
        return !rows->last;
    }

    std::string name;
    ChunkReader& reader;
    const RowParser& parser;
    std::size_t stop_after_errors;
    // Under the map's claims, one at a time.
    Chunk first;
    bool first_pending = true;
    bool reading_over = false;
    bool finished = false;  // the caller has had the rows marked last
    OrderedMap<std::unique_ptr<ParsedRows>, Scratch> chunks;  // last: uses the members above
};

RowStream::RowStream(std::string name, ChunkReader& reader, Chunk first, const RowParser& parser,
                     int threads, std::size_t stop_after_errors)
    // Fewer workers than asked (none: all on the caller's thread) when the system refuses
    // threads; the rows and their order are the same.
    : impl_(std::make_unique<Impl>(std::move(name), reader, std::move(first), parser,
                                   stop_after_errors, std::max(threads, 0))) {}

RowStream::~RowStream() = default;

bool RowStream::next(std::unique_ptr<ParsedRows>& rows) {
    Impl& s = *impl_;
    if (s.finished || !s.chunks.next(rows)) return false;
    s.finished = rows->last;
    // The last chunk may still carry rows (before an error) or carry none (the end).
    return !(rows->last && rows->rows.empty() && !rows->error);
}

}  // namespace eduqb
