#include "input/row_stream.hpp"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "base/ordered_worker.hpp"
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
    Impl(std::string input_name, ChunkReader& chunk_reader, const RowParser& row_parser,
         std::size_t stop_after)
        : name(std::move(input_name)),
          reader(chunk_reader),
          parser(row_parser),
          stop_after_errors(stop_after) {}

    std::string name;
    ChunkReader& reader;
    const RowParser& parser;
    std::size_t stop_after_errors;

    /// Reads the next chunk and parses it into `out`; the chunk and record are scratch space.
    void read_and_parse(Chunk& chunk, Record& record, ParsedRows& out) {
        try {
            if (!reader.next(chunk)) return end_of_rows(out, nullptr);
        } catch (...) {
            return end_of_rows(out, std::current_exception());
        }
        parse_chunk(name, chunk, parser, stop_after_errors, record, out);
    }

    /// Records read before the stream was made (after the header), parsed first (under
    /// read_mutex, with workers).
    Chunk first;
    bool first_pending = true;

    // On the caller's thread (no workers).
    Chunk chunk;
    Record record;
    bool finished = false;

    // With workers. Reading is one chunk at a time in input order (`read_mutex`); parsing is
    // in parallel; the chunks wait in `done` until the caller takes them in order.
    std::vector<std::thread> workers;
    std::mutex read_mutex;
    std::uint64_t read_sequence = 0;  // under read_mutex
    bool reading_over = false;        // under read_mutex
    std::mutex mutex;
    std::condition_variable room;   // a worker may read ahead again
    std::condition_variable ready;  // the caller's next chunk may be done
    std::map<std::uint64_t, std::unique_ptr<ParsedRows>> done;
    std::vector<std::unique_ptr<ParsedRows>> spare;
    std::uint64_t handed = 0;   // chunks taken by the caller
    std::uint64_t claimed = 0;  // chunks workers have started on
    std::size_t ahead = 0;      // chunks in flight at most: bounds memory
    bool stopping = false;
    std::exception_ptr failure;  // what ended a worker, for take() to raise

    /// A worker's loop. An exception outside a chunk's parsing (memory the system refuses)
    /// ends it; the caller gets it from take() rather than the program from std::terminate.
    void work() {
        try {
            work_on_chunks();
        } catch (...) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure) failure = std::current_exception();
                stopping = true;
            }
            ready.notify_all();
            room.notify_all();
        }
    }

    void work_on_chunks() {
        Chunk scratch;
        Record scratch_record;
        for (;;) {
            std::unique_ptr<ParsedRows> out;
            {
                std::unique_lock<std::mutex> lock(mutex);
                room.wait(lock, [&] { return stopping || claimed - handed < ahead; });
                if (stopping) return;
                ++claimed;
                if (!spare.empty()) {
                    out = std::move(spare.back());
                    spare.pop_back();
                }
            }
            if (!out) out = std::make_unique<ParsedRows>();
            std::uint64_t sequence = 0;
            bool got = false;
            std::exception_ptr error;
            {
                std::lock_guard<std::mutex> lock(read_mutex);
                if (reading_over) return;
                sequence = read_sequence++;
                if (first_pending) {
                    first_pending = false;
                    scratch = std::move(first);
                    got = true;
                } else {
                    try {
                        got = reader.next(scratch);
                    } catch (...) {
                        error = std::current_exception();
                    }
                }
                if (!got) reading_over = true;
            }
            if (got) {
                parse_chunk(name, scratch, parser, stop_after_errors, scratch_record, *out);
            } else {
                end_of_rows(*out, error);
            }
            const bool last = out->last;
            {
                std::lock_guard<std::mutex> lock(mutex);
                done.emplace(sequence, std::move(out));
            }
            ready.notify_one();
            if (last) {
                std::lock_guard<std::mutex> lock(read_mutex);
                reading_over = true;  // an error inside a chunk ends reading too
                return;
            }
        }
    }

    void take(std::unique_ptr<ParsedRows>& rows) {
        std::unique_lock<std::mutex> lock(mutex);
        if (rows) spare.push_back(std::move(rows));
        ready.wait(lock, [&] { return done.count(handed) != 0 || failure; });
        auto found = done.find(handed);
        // The run ends with the failure; rows still on their way are not needed.
        if (found == done.end()) std::rethrow_exception(failure);
        rows = std::move(found->second);
        done.erase(found);
        ++handed;
        lock.unlock();
        room.notify_all();
    }
};

RowStream::RowStream(std::string name, ChunkReader& reader, Chunk first, const RowParser& parser,
                     int threads, std::size_t stop_after_errors)
    : impl_(std::make_unique<Impl>(std::move(name), reader, parser, stop_after_errors)) {
    impl_->first = std::move(first);
    if (threads <= 0) return;
    impl_->ahead = 2 * static_cast<std::size_t>(threads);
    // Fewer workers than asked (none: all on the caller's thread) when the system refuses
    // threads; the rows and their order are the same.
    impl_->workers = start_threads(threads, [this] { impl_->work(); });
}

RowStream::~RowStream() {
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->room.notify_all();
    for (auto& worker : impl_->workers) worker.join();
}

bool RowStream::next(std::unique_ptr<ParsedRows>& rows) {
    Impl& s = *impl_;
    if (s.finished) return false;
    if (s.workers.empty()) {
        if (!rows) rows = std::make_unique<ParsedRows>();
        if (s.first_pending) {
            s.first_pending = false;
            parse_chunk(s.name, s.first, s.parser, s.stop_after_errors, s.record, *rows);
        } else {
            s.read_and_parse(s.chunk, s.record, *rows);
        }
    } else {
        s.take(rows);
    }
    s.finished = rows->last;
    // The last chunk may still carry rows (before an error) or carry none (the end).
    return !(rows->last && rows->rows.empty() && !rows->error);
}

}  // namespace eduqb
