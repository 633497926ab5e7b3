#include "report/row_spool.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <queue>
#include <tuple>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

// A record: group or rank (4 bytes), file (4), line (8), text length (4), then the text.
constexpr std::size_t kHead = 20;

struct Head {
    std::uint32_t group = 0;
    std::uint32_t file = 0;
    std::uint64_t line = 0;
    std::uint32_t length = 0;
};

void put_head(std::string& out, const Head& head) {
    char bytes[kHead];
    std::memcpy(bytes, &head.group, 4);
    std::memcpy(bytes + 4, &head.file, 4);
    std::memcpy(bytes + 8, &head.line, 8);
    std::memcpy(bytes + 16, &head.length, 4);
    out.append(bytes, kHead);
}

Head get_head(const char* bytes) {
    Head head;
    std::memcpy(&head.group, bytes, 4);
    std::memcpy(&head.file, bytes + 4, 4);
    std::memcpy(&head.line, bytes + 8, 8);
    std::memcpy(&head.length, bytes + 16, 4);
    return head;
}

[[noreturn]] void spool_failed(const char* what) {
    throw OutputError(std::string("the school-level report's temporary file: ") + what +
                      " failed (is the temporary directory full?)");
}

void write_all(std::FILE* file, std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
        spool_failed("a write");
    }
}

void read_at(std::FILE* file, std::uint64_t offset, char* into, std::size_t size) {
    if (std::fseek(file, static_cast<long>(offset), SEEK_SET) != 0 ||
        std::fread(into, 1, size, file) != size) {
        spool_failed("a read");
    }
}

/// One sorted run of the run file, read a buffer at a time.
struct RunReader {
    std::FILE* file = nullptr;
    std::uint64_t next = 0;  // file offset of the bytes after `buffer`
    std::uint64_t end = 0;
    std::string buffer;
    std::size_t at = 0;  // the current record's start in `buffer`

    /// Makes the whole current record available in `buffer` from `at`; false at the end.
    bool ready(std::size_t chunk) {
        for (;;) {
            const std::size_t held = buffer.size() - at;
            if (held >= kHead) {
                const std::size_t whole = kHead + get_head(buffer.data() + at).length;
                if (held >= whole) return true;
                chunk = std::max(chunk, whole);
            }
            if (next == end) return false;
            buffer.erase(0, at);
            at = 0;
            const auto more = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, end - next));
            const std::size_t old = buffer.size();
            buffer.resize(old + more);
            read_at(file, next, buffer.data() + old, more);
            next += more;
        }
    }
    Head head() const { return get_head(buffer.data() + at); }
};

struct FileCloser {
    void operator()(std::FILE* file) const {
        if (file) std::fclose(file);
    }
};

}  // namespace

RowSpool::RowSpool(std::size_t sort_bytes) : sort_bytes_(std::max<std::size_t>(sort_bytes, 1)) {}

RowSpool::~RowSpool() {
    if (records_) std::fclose(records_);
}

void RowSpool::add(std::uint32_t group, SourceRef place, std::string_view text) {
    put_head(pending_,
             Head{group, static_cast<std::uint32_t>(place.file),
                  static_cast<std::uint64_t>(place.line), static_cast<std::uint32_t>(text.size())});
    pending_ += text;
    if (pending_.size() >= (std::size_t{1} << 20)) flush();
}

void RowSpool::flush() {
    if (pending_.empty()) return;
    if (!records_) {
        records_ = std::tmpfile();
        if (!records_) spool_failed("creating it");
    }
    write_all(records_, pending_);
    record_bytes_ += pending_.size();
    pending_.clear();
}

void RowSpool::write_sorted(const std::vector<std::uint32_t>& rank,
                            const std::function<void(std::string_view)>& write) {
    struct Entry {
        std::uint32_t rank;
        std::uint32_t file;
        std::uint64_t line;
        std::size_t offset;  // in the chunk
    };
    auto before = [](const Entry& a, const Entry& b) {
        return std::tie(a.rank, a.file, a.line) < std::tie(b.rank, b.file, b.line);
    };
    // Sorts the records of `chunk` (whole records) and hands them to `out`, ranks in place
    // of groups.
    auto sort_chunk = [&](const std::string& chunk,
                          const std::function<void(std::string_view)>& out, bool with_heads) {
        std::vector<Entry> entries;
        for (std::size_t at = 0; at < chunk.size();) {
            const Head head = get_head(chunk.data() + at);
            entries.push_back(Entry{rank.at(head.group), head.file, head.line, at});
            at += kHead + head.length;
        }
        std::stable_sort(entries.begin(), entries.end(), before);
        std::string piece;
        for (const Entry& entry : entries) {
            Head head = get_head(chunk.data() + entry.offset);
            if (with_heads) {
                head.group = entry.rank;
                put_head(piece, head);
            }
            piece.append(chunk, entry.offset + kHead, head.length);
            if (piece.size() >= (std::size_t{1} << 18)) {
                out(piece);
                piece.clear();
            }
        }
        if (!piece.empty()) out(piece);
    };

    runs_ = 0;
    if (!records_ && pending_.size() <= sort_bytes_) {
        // Everything fits: sorted in memory, no file at all.
        runs_ = 1;
        sort_chunk(pending_, write, false);
        pending_.clear();
        return;
    }
    flush();
    // Runs of up to sort_bytes_ each, sorted, into a second file; then a merge of the runs.
    std::unique_ptr<std::FILE, FileCloser> run_file(std::tmpfile());
    if (!run_file) spool_failed("creating it");
    std::vector<std::pair<std::uint64_t, std::uint64_t>> runs;  // offset, end
    std::uint64_t run_bytes = 0;
    std::string chunk;
    chunk.reserve(sort_bytes_ + (std::size_t{64} << 10));  // grown by doubling, it took twice
    std::rewind(records_);
    for (std::uint64_t at = 0; at < record_bytes_;) {
        // Whole records up to sort_bytes_ (at least one), read in order.
        chunk.clear();
        while (at < record_bytes_ && (chunk.empty() || chunk.size() < sort_bytes_)) {
            const std::size_t old = chunk.size();
            chunk.resize(old + kHead);
            if (std::fread(chunk.data() + old, 1, kHead, records_) != kHead) spool_failed("a read");
            const std::uint32_t length = get_head(chunk.data() + old).length;
            chunk.resize(old + kHead + length);
            if (length > 0 &&
                std::fread(chunk.data() + old + kHead, 1, length, records_) != length) {
                spool_failed("a read");
            }
            at += kHead + length;
        }
        const std::uint64_t start = run_bytes;
        sort_chunk(
            chunk,
            [&](std::string_view piece) {
                write_all(run_file.get(), piece);
                run_bytes += piece.size();
            },
            true);
        runs.emplace_back(start, run_bytes);
    }
    std::fclose(records_);
    records_ = nullptr;
    std::string().swap(chunk);  // the merge's buffers take its room
    runs_ = runs.size();

    // The merge: the smallest (rank, file, line, run) first, so that equal keys keep their
    // order (an earlier run holds earlier records).
    const std::size_t buffer_bytes = std::max<std::size_t>(
        std::size_t{64} << 10, sort_bytes_ / std::max<std::size_t>(runs.size(), 1));
    std::vector<RunReader> readers(runs.size());
    using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::size_t>;
    std::priority_queue<Key, std::vector<Key>, std::greater<Key>> heap;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        readers[r].file = run_file.get();
        readers[r].next = runs[r].first;
        readers[r].end = runs[r].second;
        readers[r].buffer.reserve(buffer_bytes + (std::size_t{4} << 10));  // grown, it doubled
        if (readers[r].ready(buffer_bytes)) {
            const Head head = readers[r].head();
            heap.emplace(head.group, head.file, head.line, r);
        }
    }
    std::string piece;
    while (!heap.empty()) {
        const std::size_t r = std::get<3>(heap.top());
        heap.pop();
        RunReader& reader = readers[r];
        const Head head = reader.head();
        piece.append(reader.buffer, reader.at + kHead, head.length);
        reader.at += kHead + head.length;
        if (piece.size() >= (std::size_t{1} << 18)) {
            write(piece);
            piece.clear();
        }
        if (reader.ready(buffer_bytes)) {
            const Head next = reader.head();
            heap.emplace(next.group, next.file, next.line, r);
        }
    }
    if (!piece.empty()) write(piece);
}

}  // namespace eduqb
