#pragma once
// Output escaping, one place per format (internal). Text that comes from outside eduqb
// (input cells, profile strings, file names) reaches a report or the terminal only through the
// function of its format; docs/reliability.md ("Output escaping") says what each defends
// against.
//
// Shared by every format: the characters that could move a terminal's cursor, reorder the
// text around them or start a line where none is meant (C0 and C1 controls, DEL, bidirectional
// controls, U+2028/U+2029) are shown as visible escapes, `\x1b` below U+0080 and `\u202e`
// above, unless a format has a better form for one (a space for a line break in Markdown, a
// JSON escape in JSON). Bytes that are not UTF-8 are shown as `\xff`, or as U+FFFD where the
// format must stay valid UTF-8 (HTML, JSON, XLSX).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace eduqb::detail {

/// True for the characters no output shows as they are: C0 and C1 controls, DEL, the
/// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line
/// and paragraph separators (U+2028, U+2029).
bool is_hidden_control(char32_t c);

/// The first character of `text` that shows as nothing or as a plain space although it is
/// not one: a control (tab included), a default-ignorable code point (U+200B, U+2060, U+FEFF,
/// U+00AD, bidirectional controls, variation selectors …) or a space other than U+0020
/// (U+00A0, U+3000 …). Two ids that differ only in one look the same. Bytes that are not
/// UTF-8 are reported as U+FFFD.
std::optional<char32_t> first_invisible(std::string_view text);

/// "U+200B".
std::string code_point_name(char32_t c);

// CSV, for spreadsheets ----------------------------------------------------------------------

/// A text cell made safe to open in Excel, WPS or LibreOffice, before CSV quoting: hidden
/// controls shown (tab, CR and LF kept: quoting carries them), and a cell that begins with
/// `=`, `+`, `-`, `@`, a tab or a CR given a leading `'` so that it is not read as a formula
/// (OWASP's advice for CSV injection). Only for text: numbers are written as they are.
/// Returns `text` itself when nothing changes, else `storage` filled with the safe text.
std::string_view csv_text(std::string_view text, std::string& storage);
std::string csv_text(std::string_view text);

/// True when `text` must be quoted as a CSV field: it holds a comma, a quote, CR or LF.
bool csv_needs_quotes(std::string_view text);

/// `text` appended as one CSV field (RFC 4180): in quotes, inner quotes doubled, when it
/// needs them.
void append_csv_field(std::string& out, std::string_view text);

// Markdown --------------------------------------------------------------------------------

/// `text` appended as inline Markdown that renders as itself and nothing more, in a table
/// cell or in running text: `|` escaped (a table cell stays one cell), line breaks turned into
/// spaces (no new line, heading or list), a leading `#`, `>`, list or rule marker and fence
/// escaped, `<` before a tag and `&` before an entity escaped (no raw HTML, no character
/// smuggled in as an entity), `[` and `` ` `` escaped (no link, image or code span), `\`
/// escaped before punctuation, hidden controls shown.
void append_markdown_text(std::string& out, std::string_view text);
std::string markdown_text(std::string_view text);

/// `text` appended as the content of a Markdown table cell: as append_markdown_text, but a
/// leading `#`, `-`, `*` … is left as it is, since a cell holds inline text only (eduqb's own
/// cells use `**bold**` and `#`).
void append_markdown_cell(std::string& out, std::string_view text);

/// `text` as a Markdown code span (`national-2017`): a fence longer than any run of
/// backticks inside, line breaks turned into spaces, hidden controls shown, and `|` escaped
/// when the span is in a table cell.
std::string markdown_code(std::string_view text, bool in_table = false);

// HTML and SVG ----------------------------------------------------------------------------

/// Text for HTML and XML content and attribute values: & < > " ' escaped, C0 controls other
/// than tab and newline, DEL and C1 controls dropped, bidirectional controls and U+2028/U+2029
/// shown (`\u202e`), bytes that are not UTF-8 replaced by U+FFFD.
std::string xml_escape(std::string_view text);

// JSON ------------------------------------------------------------------------------------

/// `text` appended as a JSON string, quotes included: `"` and `\` escaped, every control
/// character, bidirectional control and U+2028/U+2029 written as a \u escape (\n, \r, \t
/// for those three), so that the document is plain to look at and reads back as the same
/// text; bytes that are not UTF-8 become U+FFFD, so that the document stays valid.
void append_json_string(std::string& out, std::string_view text);

/// The most bytes write_json_string writes for a text of `size` bytes: each byte may become a
/// six-byte \u escape, and two quotes.
constexpr std::size_t json_string_capacity(std::size_t size) {
    return 6 * size + 2;
}

/// append_json_string into `out`, which has room for json_string_capacity(text.size()) bytes;
/// returns one past the last byte written.
char* write_json_string(char* out, std::string_view text);

// XLSX ------------------------------------------------------------------------------------

/// The longest text an XLSX cell holds, in characters.
inline constexpr std::size_t kXlsxMaxCellChars = 32767;

/// Text for an XLSX string cell (always written as a string, never as a formula): hidden
/// controls shown (tab and LF kept, CR LF and a lone CR made LF), bytes that are not UTF-8
/// replaced by U+FFFD, cut to kXlsxMaxCellChars characters with "…" at the end.
std::string xlsx_text(std::string_view text);

// Terminal --------------------------------------------------------------------------------

/// A message for the terminal: every control character (tab and newline included), DEL,
/// bidirectional control, U+2028/U+2029 and zero-width character (U+200B, U+2060, U+FEFF …)
/// shown as a visible escape, and bytes that are not UTF-8 as `\xff`, so that a cell echoed in
/// a message cannot colour, clear, retitle or rewrite the terminal, nor fake a line of output,
/// and an invisible character a message is about can be seen.
std::string terminal_text(std::string_view text);

}  // namespace eduqb::detail
