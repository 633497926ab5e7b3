#include "input/read.hpp"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/byte_count.hpp"
#include "eduqb/error.hpp"

namespace eduqb {

namespace {

bool quote_open(std::string_view text) {
    bool open = false;
    for (char c : text) {
        if (c == '"') open = !open;
    }
    return open;
}

}  // namespace

bool split_record(std::string_view text, char* storage, std::vector<std::string_view>& fields) {
    fields.clear();
    const char* const begin = text.data();
    const std::size_t n = text.size();
    // A record without quotes: its fields are views into `text` itself, and nothing is copied.
    // The reader hands over only records with a quote (ChunkRecords::next_plain splits the
    // others itself).
    if (n == 0 || std::memchr(begin, '"', n) == nullptr) {
        const char* const end = begin + n;
        const char* field = begin;
        while (field != end) {
            const auto* comma = static_cast<const char*>(
                std::memchr(field, ',', static_cast<std::size_t>(end - field)));
            if (comma == nullptr) break;
            fields.emplace_back(field, static_cast<std::size_t>(comma - field));
            field = comma + 1;
        }
        fields.emplace_back(field, static_cast<std::size_t>(end - field));
        return true;
    }
    // Fields before the first quoted one are copied as they are; from the first quote on,
    // fields are unquoted into `storage`.
    std::size_t i = 0;
    char* out = storage;
    for (;;) {
        char* field_begin = out;
        if (i < n && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                const char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        *out++ = '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                *out++ = c;
                ++i;
            }
            if (!closed) return false;
            // Excel never writes text after a closing quote; keep it rather than lose data.
            while (i < n && text[i] != ',') *out++ = text[i++];
        } else {
            const void* comma = std::memchr(begin + i, ',', n - i);
            const std::size_t stop =
                comma ? static_cast<std::size_t>(static_cast<const char*>(comma) - begin) : n;
            std::memcpy(out, begin + i, stop - i);
            out += stop - i;
            i = stop;
        }
        fields.emplace_back(field_begin, static_cast<std::size_t>(out - field_begin));
        if (i >= n) break;
        ++i;  // the comma
    }
    return true;
}

struct ChunkReader::Impl {
    Impl(std::string input_name, std::istream& in, Encoding encoding, std::size_t bytes)
        : name(std::move(input_name)), decoder(name, in, encoding), chunk_bytes(bytes) {}

    std::string name;
    Utf8Decoder decoder;
    std::size_t chunk_bytes;
    /// Decoded bytes not yet handed out: whole records up to `boundary`, then the start of the
    /// next record.
    TextBuffer pending;
    std::size_t scanned = 0;   ///< bytes of `pending` whose quotes have been paired
    std::size_t boundary = 0;  ///< end of the last whole record in `pending`
    bool in_quotes = false;    ///< at `scanned`
    long first_line = 1;       ///< physical line of pending[0]
    std::uint64_t offset = 0;  ///< decoded bytes before pending[0]
    bool end_of_input = false;

    /// How lines end. Old Mac Excel ends them with a lone CR: a file with no LF in its first
    /// kLineEndProbeBytes (or in all of it, when shorter) and a CR not followed by LF is read
    /// with each such CR made LF as the bytes arrive, so that everything after this sees LF.
    /// An LF file pays for one look at the bytes up to its first LF.
    enum class LineEnds { unknown, lf, cr } line_ends = LineEnds::unknown;
    static constexpr std::size_t kLineEndProbeBytes = std::size_t{64} << 10;
    std::size_t probed = 0;     ///< bytes of `pending` looked at for an LF while unknown
    bool lone_cr_seen = false;  ///< a CR not followed by LF among them
    std::size_t settled = 0;    ///< with CR line ends: bytes of `pending` whose CRs are LF

    /// The bytes of `pending` whose line ends are final: with CR line ends, a CR at the very
    /// end may yet be the first half of CR LF.
    std::size_t final_bytes() const { return line_ends == LineEnds::cr ? settled : pending.size(); }

    /// Decides how lines end once it can be told, then, with CR line ends, makes each lone CR
    /// of the bytes read since the last call LF. Call after each read and at the end.
    void settle_line_ends() {
        if (line_ends == LineEnds::lf) return;
        char* const data = pending.data();
        const std::size_t size = pending.size();
        if (line_ends == LineEnds::unknown) {
            if (std::memchr(data + probed, '\n', size - probed) != nullptr) {
                line_ends = LineEnds::lf;
                return;
            }
            // No LF anywhere: every CR is lone, but for one that is the last byte read so far.
            const std::size_t open_cr = !end_of_input && size > 0 && data[size - 1] == '\r';
            const std::size_t look = size - open_cr;
            lone_cr_seen =
                lone_cr_seen || (look > probed && std::memchr(data + probed, '\r', look - probed));
            probed = look;
            // Nothing is handed out before an LF is seen: `pending` starts at the start.
            if (probed < kLineEndProbeBytes && !end_of_input) return;
            line_ends = lone_cr_seen ? LineEnds::cr : LineEnds::lf;
            if (line_ends == LineEnds::lf) return;
            // Nothing was found to end a record: the quotes are paired again below, with the
            // CRs made LF.
            scanned = 0;
            in_quotes = false;
            boundary = 0;
        }
        for (std::size_t i = settled; i < size; ++i) {
            if (data[i] != '\r') continue;
            if (i + 1 == size && !end_of_input) {
                settled = i;  // decided when the next byte comes, or at the end
                return;
            }
            if (i + 1 == size || data[i + 1] != '\n') data[i] = '\n';
        }
        settled = size;
    }

    /// Pairs the quotes of the bytes read since the last call and moves `boundary` to the last
    /// newline outside quotes.
    void scan() {
        // From quote to quote: between a closing and an opening quote, the last newline ends a
        // record. Most blocks hold no quote, or a few.
        const char* data = pending.data();
        const std::size_t size = final_bytes();
        std::size_t position = scanned;
        while (position < size) {
            const auto* quote =
                static_cast<const char*>(std::memchr(data + position, '"', size - position));
            const std::size_t stop = quote ? static_cast<std::size_t>(quote - data) : size;
            if (!in_quotes) {
                if (const void* newline = memrchr(data + position, '\n', stop - position)) {
                    boundary =
                        static_cast<std::size_t>(static_cast<const char*>(newline) - data) + 1;
                }
            }
            if (!quote) break;
            in_quotes = !in_quotes;
            position = stop + 1;
        }
        scanned = size;
    }

    long line_at(std::size_t position) const {
        return first_line + static_cast<long>(count_byte(pending.data(), position, '\n'));
    }

    /// The record after `boundary` is longer than any record may be: say which limit it broke.
    [[noreturn]] void too_long() const {
        const std::string_view held(pending.data(), pending.size());
        const std::size_t last_newline = held.rfind('\n');
        if (last_newline == std::string_view::npos || last_newline < boundary ||
            pending.size() - last_newline - 1 > kMaxRecordBytes) {
            const std::size_t line_start =
                last_newline == std::string_view::npos || last_newline < boundary
                    ? boundary
                    : last_newline + 1;
            throw InputError(Location{name, line_at(line_start), 0},
                             "line longer than the 16 MiB limit (is this a CSV file?)");
        }
        throw InputError(Location{name, line_at(boundary), 0},
                         "a quoted field that starts on this line is still open after 16 MiB (a "
                         "quote that is never closed?)");
    }

    /// Reads more decoded bytes into `pending`; false at the end of the input.
    bool fill() {
        const std::size_t held = pending.size();
        pending.resize(held + chunk_bytes);
        const std::size_t got = decoder.read(pending.data() + held, chunk_bytes);
        pending.resize(held + got);
        return got > 0;
    }

    /// Moves pending[0, end) into `chunk`.
    void hand_out(std::size_t end, Chunk& chunk) {
        chunk.first_line = first_line;
        chunk.offset = offset;
        // The records change hands; only the start of the next record is copied back.
        chunk.text.swap(pending);
        pending.assign(chunk.text.begin() + static_cast<std::ptrdiff_t>(end), chunk.text.end());
        chunk.text.resize(end);
        first_line += static_cast<long>(count_byte(chunk.text.data(), end, '\n'));
        offset += end;
        scanned -= std::min(scanned, end);
        boundary -= std::min(boundary, end);
        settled -= std::min(settled, end);
        probed -= std::min(probed, end);
    }
};

ChunkReader::ChunkReader(std::string name, std::istream& in, Encoding encoding,
                         std::size_t chunk_bytes)
    : impl_(std::make_unique<Impl>(std::move(name), in, encoding,
                                   std::max<std::size_t>(chunk_bytes, 1))) {}

ChunkReader::~ChunkReader() = default;

Encoding ChunkReader::encoding() const {
    return impl_->decoder.detected();
}

bool ChunkReader::next(Chunk& chunk) {
    Impl& r = *impl_;
    while (!r.end_of_input && (r.boundary == 0 || r.pending.size() < r.chunk_bytes)) {
        if (!r.fill()) {
            r.end_of_input = true;
            r.settle_line_ends();  // the end may decide them, or end a CR line
            r.scan();
            break;
        }
        r.settle_line_ends();
        r.scan();
        if (r.pending.size() - r.boundary > kMaxRecordBytes) r.too_long();
    }
    if (r.boundary > 0) {
        r.hand_out(r.boundary, chunk);
        return true;
    }
    if (r.pending.empty()) return false;
    // The end of the input, inside the last record.
    if (r.in_quotes) {
        throw InputError(Location{r.name, r.first_line, 0},
                         "a quoted field is not closed before the end of the file");
    }
    r.pending.push_back('\n');
    r.hand_out(r.pending.size(), chunk);
    return true;
}

ChunkRecords::ChunkRecords(std::string name, const Chunk& chunk)
    : name_(std::move(name)),
      text_(chunk.text.data(), chunk.text.size()),
      next_quote_(std::min(text_.find('"'), text_.size())),
      line_(chunk.first_line),
      offset_(chunk.offset) {}

Chunk ChunkRecords::rest() const {
    const std::size_t used = std::min(position_, text_.size());
    Chunk chunk;
    chunk.text.assign(text_.begin() + static_cast<std::ptrdiff_t>(used), text_.end());
    chunk.first_line = line_;
    chunk.offset = offset_ + used;
    return chunk;
}

bool ChunkRecords::next_line(std::string_view& line) {
    if (position_ >= text_.size()) return false;
    const char* begin = text_.data() + position_;
    const std::size_t left = text_.size() - position_;
    const void* newline = std::memchr(begin, '\n', left);
    const std::size_t length =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin) : left;
    position_ += length + 1;
    ++line_;
    line = std::string_view(begin, length);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
}

std::size_t ChunkRecords::next_quote() {
    if (next_quote_ < position_) next_quote_ = std::min(text_.find('"', position_), text_.size());
    return next_quote_;
}

namespace {

/// Writes a line's fields into the views of a record. They grow (rarely) before a run of
/// blocks of bytes, not before each field.
class FieldWriter {
  public:
    explicit FieldWriter(std::vector<std::string_view>& views)
        : views_(views), out_(views.data()), room_end_(views.data() + views.size()) {}

    /// Makes room for `wanted` more fields.
    void reserve(std::ptrdiff_t wanted) {
        if (room_end_ - out_ < wanted) grow(wanted);
    }
    void add(const char* field, const char* field_end) {
        *out_++ = std::string_view(field, static_cast<std::size_t>(field_end - field));
    }
    /// Adds the fields that end at a comma at each set bit of `commas` (bit i: block[i]).
    void add_up_to_commas(const char* block, unsigned commas, const char*& field) {
        std::string_view* out = out_;
        const char* start = field;
        while (commas != 0) {
            const char* comma = block + static_cast<unsigned>(__builtin_ctz(commas));
            *out = std::string_view(start, static_cast<std::size_t>(comma - start));
            ++out;
            start = comma + 1;
            commas &= commas - 1;
        }
        out_ = out;
        field = start;
    }
    std::size_t count() const { return static_cast<std::size_t>(out_ - views_.data()); }

  private:
    void grow(std::ptrdiff_t wanted) {
        const std::size_t used = count();
        views_.resize(std::max(views_.size() * 2, used + static_cast<std::size_t>(wanted)));
        out_ = views_.data() + used;
        room_end_ = views_.data() + views_.size();
    }

    std::vector<std::string_view>& views_;
    std::string_view* out_;
    std::string_view* room_end_;
};

/// Adds the fields of the bytes from `p` on, one at a time, up to a newline or `end`. Returns
/// the newline (or `end`), or nullptr at a quote.
const char* split_bytes(const char* p, const char* end, const char*& field, FieldWriter& fields) {
    for (; p != end && *p != '\n'; ++p) {
        if (*p == '"') return nullptr;
        if (*p == ',') {
            fields.reserve(1);
            fields.add(field, p);
            field = p + 1;
        }
    }
    return p;
}

#ifdef __SSE2__
constexpr std::ptrdiff_t kBlockBytes = 16;
/// Blocks split between two checks for room: 1 KiB of text, 16 KiB of views at most.
constexpr std::ptrdiff_t kBytesPerRun = 1024;

/// Bit i set where block[i] is `byte`.
inline unsigned bytes_equal(__m128i block, char byte) {
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8(byte))));
}

/// Adds the fields of the whole blocks of 16 bytes from `p` on, up to `stop` (there is no
/// quote before it), until a newline. Returns the newline, or nullptr when there is none in
/// those blocks; `p` is then the first byte not searched.
const char* split_blocks(const char*& p, const char* stop, const char*& field,
                         FieldWriter& fields) {
    while (stop - p >= kBlockBytes) {
        const std::ptrdiff_t run_bytes = std::min(stop - p, kBytesPerRun) & -kBlockBytes;
        fields.reserve(run_bytes);  // a comma per byte at most
        for (const char* const run_end = p + run_bytes; p != run_end; p += kBlockBytes) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const unsigned commas = bytes_equal(block, ',');
            const unsigned newlines = bytes_equal(block, '\n');
            if (newlines != 0) {
                const auto first = static_cast<unsigned>(__builtin_ctz(newlines));
                fields.add_up_to_commas(p, commas & ((1U << first) - 1), field);
                return p + first;
            }
            fields.add_up_to_commas(p, commas, field);
        }
    }
    return nullptr;
}

#endif

}  // namespace

// Inlined into next(): one call per record.
[[gnu::always_inline]] inline bool ChunkRecords::next_plain(Record& record) {
    // One pass finds the end of the line and its commas, and gives up at a quote. Most lines
    // end before the next quote in the chunk, and are searched for commas and a newline alone.
    const char* const begin = text_.data() + position_;
    const char* const end = text_.data() + text_.size();
    FieldWriter fields(record.fields.views_);
    const char* field = begin;
    const char* p = begin;
    const char* line_end = nullptr;
#ifdef __SSE2__
    line_end = split_blocks(p, text_.data() + next_quote(), field, fields);
#endif
    if (line_end == nullptr) {
        // What split_blocks leaves, less than a block before the next quote or the end of the
        // chunk (the line's last bytes, or the line holds the quote); without SSE2, the line.
        line_end = split_bytes(p, end, field, fields);
        if (line_end == nullptr) return false;
    }
    const char* text_end = line_end;
    if (text_end > begin && text_end[-1] == '\r') --text_end;
    position_ = static_cast<std::size_t>(line_end - text_.data()) + 1;
    ++line_;
    if (text_end == begin) {  // a blank line: no record
        record.fields.count_ = 0;
        return true;
    }
    fields.reserve(1);
    fields.add(field, text_end);
    record.fields.count_ = fields.count();
    record.line = line_ - 1;
    record.readable_end = end;
    return true;
}

bool ChunkRecords::next(Record& record) {
    while (position_ < text_.size()) {
        if (!next_plain(record)) return next_joined(record);
        if (!record.fields.empty()) return true;
    }
    return false;
}

bool ChunkRecords::next_joined(Record& record) {
    std::string_view text;
    long line = 0;
    do {
        line = line_;
        if (!next_line(text)) return false;  // `record` keeps its line (messages use it)
    } while (text.empty());
    record.line = line;
    if (std::memchr(text.data(), '"', text.size()) != nullptr && quote_open(text)) {
        // The chunk holds whole records: the lines that close the quote follow.
        joined_.assign(text);
        for (bool open = true; open;) {
            std::string_view more;
            if (!next_line(more)) {
                throw InputError(Location{name_, record.line, 0},
                                 "a quoted field is not closed before the end of the file");
            }
            joined_ += '\n';
            joined_ += more;
            open = open != quote_open(more);
        }
        text = joined_;
    }
    if (storage_.size() < text.size()) storage_.resize(text.size() * 2);
    // Copied, so that the record's views keep the room plain lines need.
    const bool closed = split_record(text, storage_.data(), joined_fields_);
    std::vector<std::string_view>& views = record.fields.views_;
    if (views.size() < joined_fields_.size()) views.resize(joined_fields_.size());
    std::copy(joined_fields_.begin(), joined_fields_.end(), views.begin());
    record.fields.count_ = joined_fields_.size();
    record.readable_end = nullptr;
    if (!closed) {
        throw InputError(Location{name_, record.line, 0}, "a quoted field is not closed");
    }
    return true;
}

struct CsvReader::Impl {
    Impl(const std::string& name, std::istream& in, Encoding encoding)
        : chunks(name, in, encoding) {}
    ChunkReader chunks;
    Chunk chunk;
    std::unique_ptr<ChunkRecords> records;
};

CsvReader::CsvReader(std::string name, std::istream& in, Encoding encoding)
    : name_(std::move(name)), impl_(std::make_unique<Impl>(name_, in, encoding)) {}

Encoding CsvReader::encoding() const {
    return impl_->chunks.encoding();
}

CsvReader::~CsvReader() = default;

bool CsvReader::next(Record& record) {
    for (;;) {
        if (impl_->records && impl_->records->next(record)) return true;
        if (!impl_->chunks.next(impl_->chunk)) return false;
        impl_->records = std::make_unique<ChunkRecords>(name_, impl_->chunk);
    }
}

bool is_blank(const Record& record) {
    // A row nearly always starts with a cell that is not blank.
    if (!record.fields.empty() && !record.fields[0].empty() && record.fields[0][0] != ' ' &&
        record.fields[0][0] != '\t') {
        return false;
    }
    for (auto field : record.fields) {
        if (field.find_first_not_of(" \t") != std::string_view::npos) return false;
    }
    return true;
}

}  // namespace eduqb
