#pragma once
// Stage 1 of the pipeline: bytes → CSV records (fields unquoted), with their line numbers.

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/decode.hpp"

namespace eduqb {

/// One CSV record. The views stay valid until the next call to CsvReader::next.
struct Record {
    long line = 0;  ///< physical line the record starts on (1-based)
    std::vector<std::string_view> fields;
};

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, fields spanning lines)
/// through fast-cpp-csv-parser's line reader, after decoding the bytes to UTF-8.
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

/// Split one complete CSV record held in `text` (modified in place to unquote fields).
/// Exposed for tests. Returns false when a quote is still open at the end of `text`.
bool split_record(std::string_view text, char* storage, std::vector<std::string_view>& fields);

}  // namespace eduqb
