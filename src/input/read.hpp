#pragma once
// Stage 1 of the pipeline: bytes → CSV records (fields unquoted), with their line numbers.

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/decode.hpp"
#include "input/text_buffer.hpp"

namespace eduqb {

/// The fields of a record, read like a const std::vector<std::string_view>. The views' storage
/// stays from record to record, so that a reader fills it without a capacity check per field.
class Fields {
  public:
    using value_type = std::string_view;
    using const_iterator = const std::string_view*;

    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    const std::string_view& operator[](std::size_t i) const { return views_[i]; }
    const std::string_view* data() const { return views_.data(); }
    const_iterator begin() const { return views_.data(); }
    const_iterator end() const { return views_.data() + count_; }

  private:
    friend class ChunkRecords;
    /// The first `count_` are the fields; the rest is room for longer records.
    std::vector<std::string_view> views_;
    std::size_t count_ = 0;
};

/// One CSV record. The views stay valid until the next call to CsvReader::next (or
/// ChunkRecords::next).
struct Record {
    long line = 0;  ///< physical line the record starts on (1-based)
    Fields fields;
    /// The fields' bytes may be read up to here, past a field's end: a parser may take a short
    /// field in as one 8-byte word. Null when nothing past the fields may be read.
    const char* readable_end = nullptr;
};

/// A record (a line, or lines joined by a quoted field) may be this long at most.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{1} << 24;

/// Whole records of decoded UTF-8: the unit in which input is read and parsed (possibly on
/// several threads, chunks being independent of each other).
struct Chunk {
    TextBuffer text;           ///< complete records, the last one ending in '\n'
    long first_line = 1;       ///< physical line number of the first byte of `text`
    std::uint64_t offset = 0;  ///< decoded bytes before `text` (for progress displays)
};

/// Cuts decoded input into chunks of whole records of about `chunk_bytes` each. A record
/// ends at a newline outside quotes; quotes are paired over the whole record, as in RFC 4180.
/// Throws InputError for a line or record longer than kMaxRecordBytes and for a quote still
/// open at the end of the input (after returning every record before it).
class ChunkReader {
  public:
    static constexpr std::size_t kDefaultChunkBytes = std::size_t{64} << 10;
    ChunkReader(std::string name, std::istream& in, Encoding encoding = Encoding::automatic,
                std::size_t chunk_bytes = kDefaultChunkBytes);
    ~ChunkReader();
    ChunkReader(const ChunkReader&) = delete;
    ChunkReader& operator=(const ChunkReader&) = delete;

    /// Replaces `chunk` with the next records; false at end of input. `chunk.text`'s storage is
    /// reused.
    bool next(Chunk& chunk);
    /// The input's encoding as detected (ASCII when no byte above 0x7F was seen).
    Encoding encoding() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The records of one chunk, in order, with their line numbers. Blank lines are skipped.
/// `chunk` must outlive this and stay unchanged.
class ChunkRecords {
  public:
    ChunkRecords(std::string name, const Chunk& chunk);
    /// Fills `record` with the next record; false after the last.
    bool next(Record& record);
    /// The records not read yet, as a chunk of their own.
    Chunk rest() const;

  private:
    /// The next record when it is one line without quotes (false, nothing read, otherwise);
    /// `record.fields` is empty for a blank line.
    bool next_plain(Record& record);
    /// The next record of any kind: lines joined while a quote is open, fields unquoted.
    bool next_joined(Record& record);
    /// The next physical line without its newline and a trailing '\r'; false at the end.
    bool next_line(std::string_view& line);
    /// The offset of the first quote at or after `position_`, or the size of the text: the
    /// lines before it are split without looking for quotes.
    std::size_t next_quote();
    std::string name_;
    std::string_view text_;
    std::size_t position_ = 0;
    std::size_t next_quote_;  // the first quote from where it was last looked for
    long line_;
    std::uint64_t offset_;
    std::string joined_;                           // a record that spans several physical lines
    std::string storage_;                          // unquoted fields
    std::vector<std::string_view> joined_fields_;  // the fields of a record with quotes
};

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, fields spanning lines) after
/// decoding the bytes to UTF-8: ChunkReader and ChunkRecords, one record at a time.
class CsvReader {
  public:
    /// `name` is used in error messages; `in` must outlive the reader.
    CsvReader(std::string name, std::istream& in, Encoding encoding = Encoding::automatic);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    /// Fills `record` with the next record; false at end of input. Blank lines are skipped.
    bool next(Record& record);
    const std::string& name() const { return name_; }
    /// The input's encoding as detected (ASCII when no byte above 0x7F was seen).
    Encoding encoding() const;

  private:
    struct Impl;
    std::string name_;
    std::unique_ptr<Impl> impl_;
};

/// True when every field of a record is empty or blank: spreadsheets leave such rows.
bool is_blank(const Record& record);

/// Split one complete CSV record held in `text` (modified in place to unquote fields).
/// Exposed for tests. Returns false when a quote is still open at the end of `text`.
bool split_record(std::string_view text, char* storage, std::vector<std::string_view>& fields);

}  // namespace eduqb
