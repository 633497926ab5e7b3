#include "eduqb/read.hpp"

// fast-cpp-csv-parser copies file names into fixed buffers with strncpy and terminates them
// itself; GCC's -Wstringop-truncation reports that as a possible truncation at -O2 and above.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

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
        return static_cast<int>(decoder_.read(buffer, static_cast<std::size_t>(size)));
    }

  private:
    Utf8Decoder& decoder_;
};

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
            while (quote_open(impl_->joined)) {
                char* more = impl_->lines.next_line();
                if (more == nullptr) {
                    throw InputError(Location{name_, record.line, 0},
                                     "a quoted field is not closed before the end of the file");
                }
                impl_->joined += '\n';
                impl_->joined += more;
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
