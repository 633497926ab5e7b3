#pragma once
// Stages 1–3 of one input on worker threads: chunks of records → parsed and checked rows,
// handed back in input order, so that every later stage runs as if on one thread and the
// results do not depend on the number of threads.

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/table.hpp"
#include "input/normalise.hpp"
#include "input/read.hpp"

namespace eduqb {

/// The rows of one chunk, each parsed and checked on its own (RowParser::parse, check_row),
/// with the problems each row gave.
struct ParsedRows {
    std::vector<SectionRow> rows;  ///< blank records left out
    /// Per row: kParsed when its cells parse, kChecked when check_row also found no error,
    /// kNewDistrict when it is parsed and its district is not the previous parsed row's in
    /// this chunk (its spelling is worth recording).
    std::vector<std::uint8_t> status;
    static constexpr std::uint8_t kParsed = 1, kChecked = 2, kNewDistrict = 4;
    /// Per row: DuplicateDetector::section_hash (of parsed rows; 0 for the others).
    std::vector<std::uint64_t> section_hashes;
    /// Per row: RowParser::name_hash.
    std::vector<std::uint64_t> name_hashes;
    Diagnostics problems;  ///< of all rows, in order
    /// marks[i] and marks[i + 1] bound the problems of row i.
    std::vector<Diagnostics::Mark> marks;
    long records = 0;              ///< records read, blank ones included
    std::uint64_t end_offset = 0;  ///< decoded bytes of the input up to the end of the chunk
    /// Set when reading stopped after these rows: the InputError to raise once they are used.
    std::exception_ptr error;
    /// No rows after these (the end of the input, or an error).
    bool last = false;
    /// Records that are not school rows: totals rows and the footer that ends the table.
    struct Note {
        long line = 0;
        RowKind kind = RowKind::totals;
        std::string text;        ///< the record's non-empty cells, for messages
        std::size_t before = 0;  ///< index in `rows` of the row after it
    };
    std::vector<Note> notes;
    /// Records after a footer in this chunk, not parsed.
    long after_footer = 0;
};

/// Reads one input and parses its rows, chunk by chunk.
class RowStream {
  public:
    /// `threads` workers read and parse ahead of the caller (0: all on the caller's thread).
    /// A chunk is parsed no further than the row at which its own errors reach
    /// `stop_after_errors` (the caller stops reading there anyway).
    /// `first` holds records already read from `reader` (those after the header), parsed
    /// before the reader's.
    RowStream(std::string name, ChunkReader& reader, Chunk first, const RowParser& parser,
              int threads, std::size_t stop_after_errors);
    ~RowStream();
    RowStream(const RowStream&) = delete;
    RowStream& operator=(const RowStream&) = delete;

    /// The next chunk's rows, in input order; false once the rows marked `last` were handed
    /// out. `rows` is recycled: pass back the previous chunk's.
    bool next(std::unique_ptr<ParsedRows>& rows);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Worker threads (for RowStream, and for formatting the district CSV) when the user does not
/// say: one per core but the main thread's, at most 4 (the stages after parsing, on the main
/// thread, then set the pace), and none on a single core. More threads than cores cost more
/// than they give: rows written on one core and read on another (docs/performance.md).
int default_worker_threads();

/// Whether the evaluator gets a thread of its own beside `parse_threads` workers and the main
/// thread: only when the machine has a core for it.
bool evaluator_thread_helps(int parse_threads);

/// Inputs smaller than this are read without worker threads: starting them, and the memory
/// each touches, cost about what they save on files of a few thousand rows
/// (docs/performance.md).
inline constexpr std::uint64_t kThreadedInputBytes = std::uint64_t{2} << 20;

/// default_worker_threads(), or none when the inputs' size is known and below
/// kThreadedInputBytes (`input_bytes` empty: not known, such as a pipe).
int default_worker_threads(std::optional<std::uint64_t> input_bytes);

}  // namespace eduqb
