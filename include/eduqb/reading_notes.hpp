#pragma once
// How an input was read, beside its schools: the facts the reports state about where each
// table was found, and the records below a header that are not schools.

#include <string>

namespace eduqb {

/// A record below an input's header that is not a school: a totals row, or the footer that
/// ends the table.
struct RowNotRead {
    std::string input;
    long line = 0;
    std::string reason_id;  ///< totals_row, footer
    std::string text;       ///< the record's non-empty cells
};

/// One fact of how an input's table was found and read. The reports word it in their
/// language (Labels::reading_note); JSON and the terminal give the English sentence.
struct ReadingNote {
    enum class Kind {
        titles_skipped,  ///< lines first–last above the header
        header_rows,     ///< a header of `rows` records, lines first–last, read as one
        unit_line,       ///< the unit line `text`, applied to the columns that name no unit
        column_numbers,  ///< the column-number row, lines first–last
        // Columns derived from their parts.
        above_degree_from_degrees,  ///< by stage, after 教师法 第十一条
        pe_art_from_music_fine_art,
        pe_art_from_arts,
        sports_from_ground_and_indoor,
        sports_from_ground_only,
    };
    Kind kind = Kind::titles_skipped;
    std::string input;  ///< the input's name
    long first = 0;     ///< lines, where the kind names lines
    long last = 0;
    long rows = 0;
    std::string text;
};

}  // namespace eduqb
