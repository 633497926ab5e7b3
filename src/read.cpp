#include "eduqb/read.hpp"

// GCC 12 at -O3 warns (-Wstringop-truncation) inside the library's own bounded strncpy of the
// file name once it is inlined here; the copy is deliberate and NUL-terminated after it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "eduqb/error.hpp"

namespace eduqb {

namespace {

/// Feeds the line reader UTF-8 from any std::istream (files, stdin, memory).
class DecodingByteSource : public io::ByteSourceBase {
  public:
    explicit DecodingByteSource(Utf8Decoder& decoder) : decoder_(decoder) {}
    int read(char* buffer, int size) override {
        const auto got = static_cast<int>(decoder_.read(buffer, static_cast<std::size_t>(size)));
        // At the end of the input, LineReader::next_line reads the byte after the data when the
        // last line has no newline; were it a stale '\n', it would step past the data and scan
        // (and return) whatever its buffer held before, up to and beyond its end.
        if (got < size) buffer[got] = '\0';
        return got;
    }

  private:
    Utf8Decoder& decoder_;
};

/// A record may span lines (a quoted field holding newlines), up to the line reader's limit.
constexpr std::size_t kMaxRecordBytes = std::size_t{1} << 24;

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
    // Most records hold no quote at all: their fields are views into `text` itself, and
    // nothing is copied. Commas are found 16 bytes at a time.
    if (n == 0 || std::memchr(begin, '"', n) == nullptr) {
        const char* field = begin;
        std::size_t i = 0;
#ifdef __SSE2__
        const __m128i comma = _mm_set1_epi8(',');
        for (; i + 16 <= n; i += 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + i));
            auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, comma)));
            while (mask != 0) {
                const char* at = begin + i + static_cast<unsigned>(__builtin_ctz(mask));
                fields.emplace_back(field, static_cast<std::size_t>(at - field));
                field = at + 1;
                mask &= mask - 1;
            }
        }
#endif
        for (; i < n; ++i) {
            if (begin[i] == ',') {
                fields.emplace_back(field, static_cast<std::size_t>(begin + i - field));
                field = begin + i + 1;
            }
        }
        fields.emplace_back(field, static_cast<std::size_t>(begin + n - field));
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

struct CsvReader::Impl {
    Impl(const std::string& name, std::istream& in, Encoding encoding)
        : decoder(name, in, encoding), lines(name, std::make_unique<DecodingByteSource>(decoder)) {}
    Utf8Decoder decoder;
    io::LineReader lines;
    std::string joined;  // a record that spans several physical lines
    std::string storage;
};

CsvReader::CsvReader(std::string name, std::istream& in, Encoding encoding)
    : name_(std::move(name)), impl_(std::make_unique<Impl>(name_, in, encoding)) {}

Encoding CsvReader::encoding() const {
    return impl_->decoder.detected();
}

CsvReader::~CsvReader() = default;

bool CsvReader::next(Record& record) {
    char* line = nullptr;
    try {
        do {
            line = impl_->lines.next_line();
            if (line == nullptr) return false;
        } while (line[0] == '\0');
        record.line = impl_->lines.get_file_line();
        std::string_view text(line);
        if (std::memchr(text.data(), '"', text.size()) != nullptr && quote_open(text)) {
            impl_->joined.assign(text);
            // The quote state of the whole record is that of its lines taken together, so each
            // line is looked at once; the record is bounded like a line.
            for (bool open = true; open;) {
                char* more = impl_->lines.next_line();
                if (more == nullptr) {
                    throw InputError(Location{name_, record.line, 0},
                                     "a quoted field is not closed before the end of the file");
                }
                const std::string_view line_text(more);
                if (impl_->joined.size() + 1 + line_text.size() > kMaxRecordBytes) {
                    throw InputError(Location{name_, record.line, 0},
                                     "a quoted field that starts on this line is still open after "
                                     "16 MiB (a quote that is never closed?)");
                }
                impl_->joined += '\n';
                impl_->joined += line_text;
                open = open != quote_open(line_text);
            }
            text = impl_->joined;
        }
        if (impl_->storage.size() < text.size()) impl_->storage.resize(text.size() * 2);
        if (!split_record(text, impl_->storage.data(), record.fields)) {
            throw InputError(Location{name_, record.line, 0}, "a quoted field is not closed");
        }
    } catch (const io::error::line_length_limit_exceeded&) {
        throw InputError(Location{name_, impl_->lines.get_file_line(), 0},
                         "line longer than the 16 MiB limit (is this a CSV file?)");
    }
    return true;
}

}  // namespace eduqb
