#pragma once
// Where an input's table starts: the records above the header skipped (titles, a unit line),
// the header rows read and mapped to columns. The pipeline reads every input through it, and
// `eduqb rotate` finds the cells it rewrites with it.

#include <memory>
#include <string>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/pipeline.hpp"
#include "input/normalise.hpp"
#include "input/read.hpp"

namespace eduqb {

/// The header of one input and the records below it.
struct TableHead {
    std::unique_ptr<HeaderMap> header;
    long line = 0;                   ///< the header's last line
    Chunk rest;                      ///< the records below the header in the chunks read so far
    std::vector<ReadingNote> notes;  ///< without the input's name
};

/// Reads records until the header is found (table_start.hpp) and maps it. InputError for an
/// empty input, no header after the skipped rows, and a header the columns cannot be read
/// from (its problems in `diagnostics`).
TableHead read_table_head(ChunkReader& reader, const std::string& name, const ReadOptions& read,
                          Diagnostics& diagnostics);

}  // namespace eduqb
