#pragma once
// Rewriting chosen fields of a CSV text in place, every other byte kept: how `eduqb rotate
// --adjusted` writes the input back with the moved teacher counts.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace eduqb {

/// A field to rewrite: field `field` (0-based) of the record that starts on physical line
/// `line` (1-based, as Record::line counts), and its new text.
struct FieldEdit {
    long line = 0;
    std::size_t field = 0;
    std::string text;
};

/// `text` with each edit's field replaced by the edit's text, inside the field's quotes when
/// it was quoted; every other byte, line end and byte order mark as it was. Records and lines
/// are told apart as the reader (read.hpp) tells them: a line ends at LF when the text has
/// one, else at CR; a quoted field may span lines. The text is UTF-8 or GB18030 (neither has a
/// comma, quote, CR or LF inside a multi-byte character). std::invalid_argument when a record
/// or field of an edit is not there.
std::string replace_fields(std::string_view text, std::vector<FieldEdit> edits);

}  // namespace eduqb
