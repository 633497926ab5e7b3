#include "input/read.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/error.hpp"

using namespace eduqb;

namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader("t.csv", in);
    Record record;
    std::vector<std::vector<std::string>> rows;
    while (reader.next(record)) {
        rows.emplace_back(record.fields.begin(), record.fields.end());
        rows.back().insert(rows.back().begin(), std::to_string(record.line));
    }
    return rows;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("read: plain, quoted and CRLF records with their line numbers") {
    CHECK(read_all("a,b\r\n1,2\r\n") == Rows{{"1", "a", "b"}, {"2", "1", "2"}});
    CHECK(read_all("\"x, y\",\"say \"\"hi\"\"\",\n") == Rows{{"1", "x, y", "say \"hi\"", ""}});
    CHECK(read_all("a\n\n\nb") == Rows{{"1", "a"}, {"4", "b"}});
}

TEST_CASE("read: a quoted field may span lines") {
    CHECK(read_all("id,name\n1,\"two\nlines\"\n2,x\n") ==
          Rows{{"1", "id", "name"}, {"2", "1", "two\nlines"}, {"4", "2", "x"}});
}

TEST_CASE("read: a UTF-8 byte-order mark is not part of the first header") {
    CHECK(read_all("\xEF\xBB\xBFschool_id,x\n") == Rows{{"1", "school_id", "x"}});
}

TEST_CASE("read: an unclosed quote is an error with its line") {
    CHECK_THROWS_WITH_AS(read_all("a\n\"open,1\n2,3\n"),
                         "t.csv:2: a quoted field is not closed before the end of the file",
                         InputError);
}

TEST_CASE("read: lines ended by a lone CR (old Mac Excel) are lines, at any chunk size") {
    // Through ChunkReader in chunks of 1 to 9 bytes and in one.
    const auto read_cr = [](const std::string& text) {
        Rows rows;
        for (std::size_t chunk_bytes : {1, 2, 3, 5, 9, 1 << 16}) {
            std::istringstream in(text);
            ChunkReader reader("t.csv", in, Encoding::utf8, chunk_bytes);
            Chunk chunk;
            Rows read;
            while (reader.next(chunk)) {
                ChunkRecords records("t.csv", chunk);
                Record record;
                while (records.next(record)) {
                    read.emplace_back(record.fields.begin(), record.fields.end());
                    read.back().insert(read.back().begin(), std::to_string(record.line));
                }
            }
            if (chunk_bytes > 1) CHECK(read == rows);
            rows = read;
        }
        return rows;
    };
    CHECK(read_cr("a,b\r1,2\r") == Rows{{"1", "a", "b"}, {"2", "1", "2"}});
    CHECK(read_cr("a,b\r1,2") == Rows{{"1", "a", "b"}, {"2", "1", "2"}});
    CHECK(read_cr("a\r\r\rb\r") == Rows{{"1", "a"}, {"4", "b"}});
    CHECK(read_cr("id,name\r1,\"two\rlines\"\r2,x\r") ==
          Rows{{"1", "id", "name"}, {"2", "1", "two\nlines"}, {"4", "2", "x"}});
    CHECK(read_cr("\xEF\xBB\xBFschool_id,x\r1,2") ==
          Rows{{"1", "school_id", "x"}, {"2", "1", "2"}});
    CHECK(read_cr("a,b\r") == Rows{{"1", "a", "b"}});
    // An LF anywhere makes it an LF file: a CR inside a line stays in its cell.
    CHECK(read_cr("a\rb,c\nd,e\n") == Rows{{"1", "a\rb", "c"}, {"2", "d", "e"}});
    CHECK(read_cr("a,b\r\n1,2\r\n") == Rows{{"1", "a", "b"}, {"2", "1", "2"}});
    // Decided on the first 64 KiB: CR lines there, then CR LF lines, are all lines.
    std::string long_file;
    for (int i = 0; i < 10000; ++i) long_file += "row," + std::to_string(i) + "\r";
    long_file += "last,1\r\n";
    const Rows rows = read_cr(long_file);
    REQUIRE(rows.size() == 10001);
    CHECK(rows[9999] == std::vector<std::string>{"10000", "row", "9999"});
    CHECK(rows[10000] == std::vector<std::string>{"10001", "last", "1"});
}

// The record splitter against a model of the rules written one byte at a time (no blocks, no
// shortcuts): on every kind of line ending, quote, comma and block boundary, read in one
// chunk or cut into chunks of any size.
namespace {

struct ModelRecord {
    long line = 0;
    std::vector<std::string> fields;
    bool operator==(const ModelRecord& other) const {
        return line == other.line && fields == other.fields;
    }
};

/// The records of a file, then the message of the error that ended reading ("" for none).
struct ModelRead {
    std::vector<ModelRecord> records;
    std::string error;
};

doctest::String toString(const ModelRecord& record) {
    std::string text = std::to_string(record.line) + ":";
    for (const auto& field : record.fields) text += " [" + field + "]";
    return text.c_str();
}

/// Fields as RFC 4180 has them: a field that starts with a quote runs to the closing quote
/// ("" for a quote inside), and whatever follows it up to the comma is kept; any other field
/// runs to the comma. False when a quoted field is not closed.
bool model_split(const std::string& text, std::vector<std::string>& fields) {
    fields.clear();
    std::size_t i = 0;
    for (;;) {
        std::string field;
        if (i < text.size() && text[i] == '"') {
            bool closed = false;
            for (++i; i < text.size() && !closed; ++i) {
                if (text[i] != '"') {
                    field += text[i];
                } else if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    closed = true;
                }
            }
            if (!closed) return false;
        }
        for (; i < text.size() && text[i] != ','; ++i) field += text[i];
        fields.push_back(field);
        if (i == text.size()) return true;
        ++i;
    }
}

/// Physical lines end at '\n' (a last line may lack it) and lose one trailing '\r'. Blank
/// lines are skipped; a record joins lines while it holds an odd number of quotes.
ModelRead model_read(const std::string& text, long first_line) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t stop = text.find('\n', start);
        if (stop == std::string::npos) stop = text.size();
        std::string line = text.substr(start, stop - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
        start = stop + 1;
    }
    const auto odd_quotes = [](const std::string& line) {
        return std::count(line.begin(), line.end(), '"') % 2 == 1;
    };
    ModelRead read;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) continue;
        const long line = first_line + static_cast<long>(i);
        const std::string where = "t.csv:" + std::to_string(line) + ": ";
        std::string record = lines[i];
        for (bool open = odd_quotes(lines[i]); open;) {
            if (++i == lines.size()) {
                read.error = where + "a quoted field is not closed before the end of the file";
                return read;
            }
            record += "\n" + lines[i];
            open = open != odd_quotes(lines[i]);
        }
        ModelRecord out{line, {}};
        if (!model_split(record, out.fields)) {
            read.error = where + "a quoted field is not closed";
            return read;
        }
        read.records.push_back(out);
    }
    return read;
}

/// Adds the records of `records` to `read`, up to the end or an error.
void read_records(ChunkRecords& records, ModelRead& read) {
    Record record;
    try {
        while (records.next(record)) {
            read.records.push_back(
                ModelRecord{record.line, {record.fields.begin(), record.fields.end()}});
        }
    } catch (const InputError& error) {
        read.error = error.what();
    }
}

Chunk chunk_of(const std::string& text, long first_line) {
    Chunk chunk;
    // Exactly as long as the text: the sanitizer build sees any read past its end.
    chunk.text.assign(text.begin(), text.end());
    chunk.first_line = first_line;
    return chunk;
}

ModelRead read_chunk(const std::string& text, long first_line) {
    const Chunk chunk = chunk_of(text, first_line);
    ChunkRecords records("t.csv", chunk);
    ModelRead read;
    read_records(records, read);
    return read;
}

/// The text as ChunkReader passes it on. A file with no LF (in its first 64 KiB; these texts
/// are shorter) ends its lines with CR, as old Mac Excel saved them: each CR is an LF.
std::string line_ends_as_read(std::string text) {
    if (text.find('\n') == std::string::npos) std::replace(text.begin(), text.end(), '\r', '\n');
    return text;
}

/// Through ChunkReader, which cuts the text into chunks of about `chunk_bytes`.
ModelRead read_in_chunks(const std::string& text, std::size_t chunk_bytes) {
    std::istringstream in(text);
    ModelRead read;
    try {
        ChunkReader reader("t.csv", in, Encoding::utf8, chunk_bytes);
        Chunk chunk;
        while (reader.next(chunk)) {
            ChunkRecords records("t.csv", chunk);
            read_records(records, read);
            if (!read.error.empty()) break;
        }
    } catch (const InputError& error) {
        read.error = error.what();
    }
    return read;
}

void check_same(const ModelRead& read, const ModelRead& expected) {
    CHECK(read.error == expected.error);
    REQUIRE(read.records.size() == expected.records.size());
    for (std::size_t i = 0; i < read.records.size(); ++i) {
        CAPTURE(i);
        CHECK(read.records[i] == expected.records[i]);
    }
}

/// Random text from pieces rich in the bytes the splitter looks at, and long enough runs of
/// others that lines span several blocks (and now and then many runs of blocks).
std::string random_text(std::mt19937& random, bool with_nul) {
    static const std::vector<std::string> kPieces = [] {
        std::vector<std::string> pieces = {"a",
                                           "7",
                                           "42",
                                           "x y",
                                           ",",
                                           ",",
                                           ",,",
                                           "\"",
                                           "\"",
                                           "\"\"",
                                           "\n",
                                           "\n",
                                           "\r",
                                           "\r\n",
                                           "\",\"",
                                           "\"\n\"",
                                           "\xC3\xA9",
                                           "\xE5\xAD\xA6",
                                           "\xF0\x9F\x98\x80",
                                           "0123456789abcdef"};
        pieces.emplace_back(37, 'z');
        pieces.emplace_back(300, ',');   // hundreds of fields
        pieces.emplace_back(1500, 'w');  // more than a run of blocks
        return pieces;
    }();
    std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
    std::uniform_int_distribution<int> percent(0, 99);
    const int pieces = std::uniform_int_distribution<int>(0, 120)(random);
    std::string text;
    for (int i = 0; i < pieces; ++i) {
        const std::string& next = kPieces[piece(random)];
        // The long pieces now and then only: they would hide the short lines.
        if (next.size() > 100 && percent(random) >= 5) continue;
        text += next;
        if (with_nul && percent(random) < 3) text += '\0';
    }
    return text;
}

/// Random CSV as a spreadsheet writes it: quoted fields closed, with commas, doubled quotes
/// and line breaks inside; CRLF or LF; blank lines; the last newline now and then missing.
std::string random_csv(std::mt19937& random) {
    std::uniform_int_distribution<int> percent(0, 99);
    const std::string kCellBytes[] = {"1", "ab", "\xE5\xAD\xA6\xE6\xA0\xA1", " ", "0.5", "\r"};
    std::string text;
    const int records = std::uniform_int_distribution<int>(0, 30)(random);
    for (int r = 0; r < records; ++r) {
        const int fields = std::uniform_int_distribution<int>(1, 40)(random);
        for (int f = 0; f < fields; ++f) {
            if (f > 0) text += ',';
            std::string cell;
            const int length = std::uniform_int_distribution<int>(0, 12)(random);
            for (int i = 0; i < length; ++i) cell += kCellBytes[percent(random) % 6];
            if (percent(random) < 15) {
                const std::string kQuoted[] = {",", "\"\"", "\n", "\r\n", "x"};
                text += '"' + cell + kQuoted[percent(random) % 5] + cell + '"';
            } else {
                text += cell;
            }
        }
        text += percent(random) < 30 ? "\r\n" : "\n";
        if (percent(random) < 10) text += percent(random) < 50 ? "\n" : "\r\n";
    }
    if (!text.empty() && percent(random) < 20) text.pop_back();
    return text;
}

}  // namespace

TEST_CASE("read: records of one chunk equal the byte-at-a-time model, NULs included") {
    std::mt19937 random(20240611);
    for (int round = 0; round < 3000; ++round) {
        const std::string text = round % 2 ? random_text(random, true) : random_csv(random);
        const long first_line = std::uniform_int_distribution<long>(1, 1000)(random);
        CAPTURE(round);
        CAPTURE(text);
        check_same(read_chunk(text, first_line), model_read(text, first_line));
    }
}

TEST_CASE("read: a record and line number at every offset of the blocks") {
    // One special byte at each offset of lines of every length around the 16-byte blocks, the
    // 1 KiB runs and the end of the chunk, followed by lines with and without quotes.
    for (std::size_t length : {0,  1,  2,  14, 15, 16, 17,   18,   31,   32,  33,
                               47, 48, 49, 63, 64, 65, 1023, 1024, 1025, 1040}) {
        for (std::size_t at = 0; at <= length; ++at) {
            for (const char* special : {",", "\"", "\r", "\n", "\"\"", ",\"", "\n\""}) {
                std::string line(length, 'v');
                line.insert(at, special);
                for (const std::string& after :
                     {std::string(), std::string("\n"), std::string("\r\nb,\"c\"\n"),
                      std::string("\n\"q,\"\"x\"\",\r\n")}) {
                    const std::string text = line + after;
                    CAPTURE(text);
                    check_same(read_chunk(text, 1), model_read(text, 1));
                }
            }
            if (length > 100) at += 7;  // sample the long lines
        }
    }
}

TEST_CASE("read: records cut into chunks of any size equal the model") {
    std::mt19937 random(7177);
    for (int round = 0; round < 1500; ++round) {
        const std::string text = round % 2 ? random_text(random, false) : random_csv(random);
        const std::size_t chunk_bytes =
            round % 3 ? std::uniform_int_distribution<std::size_t>(1, 40)(random)
                      : std::uniform_int_distribution<std::size_t>(41, 5000)(random);
        CAPTURE(round);
        CAPTURE(chunk_bytes);
        CAPTURE(text);
        // The reader ends the last line with a newline, and stops at a quote open at the end.
        check_same(read_in_chunks(text, chunk_bytes), model_read(line_ends_as_read(text), 1));
    }
}

TEST_CASE("read: the records after rest() continue where reading stopped") {
    std::mt19937 random(31337);
    for (int round = 0; round < 500; ++round) {
        const std::string text = random_csv(random);
        const ModelRead expected = model_read(text, 1);
        const std::size_t taken =
            std::uniform_int_distribution<std::size_t>(0, expected.records.size())(random);
        const Chunk chunk = chunk_of(text, 1);
        ChunkRecords records("t.csv", chunk);
        ModelRead read;
        Record record;
        for (std::size_t i = 0; i < taken && records.next(record); ++i) {
            read.records.push_back(
                ModelRecord{record.line, {record.fields.begin(), record.fields.end()}});
        }
        const Chunk rest = records.rest();
        ChunkRecords rest_records("t.csv", rest);
        read_records(rest_records, read);
        CAPTURE(round);
        CAPTURE(text);
        check_same(read, expected);
    }
}
