// Fuzz target: the CSV reading path on arbitrary bytes. Encoding detection and transcoding,
// record splitting (quotes, line ends, chunk boundaries), header mapping and row parsing.
// Anything but a result or an InputError is a bug.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/error.hpp"
#include "fuzz_support.hpp"
#include "input/normalise.hpp"
#include "input/read.hpp"
#include "input/validate.hpp"

namespace {

void read_all(const std::string& bytes, eduqb::Encoding encoding) {
    using namespace eduqb;
    std::istringstream in(bytes);
    Diagnostics diagnostics;
    try {
        CsvReader reader("fuzz.csv", in, encoding);
        Record record;
        if (!reader.next(record)) return;
        long line = record.line;
        const HeaderMap header = map_header(record, "fuzz.csv", diagnostics);
        const RowParser parser(header, "fuzz.csv", 0);
        SectionRow row;
        while (reader.next(record)) {
            if (record.line <= line) fuzz::broken("record lines do not increase");
            line = record.line;
            if (record.fields.empty()) fuzz::broken("a record without fields");
            if (parser.parse(record, row, diagnostics)) {
                for (const double value : row.values) {  // every numeric column
                    if (!is_missing(value) && !(std::isfinite(value) && value >= 0)) {
                        fuzz::broken("a parsed cell that is infinite or negative");
                    }
                }
                check_row(row, parser, diagnostics);
                check_ratios(row, "fuzz.csv", diagnostics);
            }
        }
    } catch (const InputError& error) {
        if (error.where().file != "fuzz.csv") fuzz::broken("an input error that names no file");
    }
    for (const auto& problem : diagnostics.problems()) {
        if (problem.where.file != "fuzz.csv" || problem.where.line < 1) {
            fuzz::broken("a problem without file:line");
        }
    }
}

/// Every record with its line, then the error that ended reading, if any.
using Records = std::vector<std::pair<long, std::vector<std::string>>>;

std::pair<Records, std::string> records_in(const std::string& bytes, eduqb::Encoding encoding,
                                           std::size_t chunk_bytes) {
    using namespace eduqb;
    std::istringstream in(bytes);
    Records records;
    try {
        ChunkReader reader("fuzz.csv", in, encoding, chunk_bytes);
        Chunk chunk;
        Record record;
        while (reader.next(chunk)) {
            ChunkRecords in_chunk("fuzz.csv", chunk);
            while (in_chunk.next(record)) {
                records.emplace_back(record.line, std::vector<std::string>(record.fields.begin(),
                                                                           record.fields.end()));
            }
        }
    } catch (const InputError& error) {
        return {records, error.what()};
    }
    return {records, ""};
}

/// Chunks are cut at record ends wherever the blocks fall: tiny chunks must give the same
/// records, lines and error as one chunk for the whole input. (Before an error, a reader hands
/// out the records of the chunks it completed: with small chunks, more of them.)
void compare_chunk_sizes(const std::string& bytes, eduqb::Encoding encoding) {
    const auto whole = records_in(bytes, encoding, std::size_t{1} << 20);
    const auto tiny = records_in(bytes, encoding, 1 + bytes.size() % 7);
    if (whole.second != tiny.second) eduqb::fuzz::broken("the error depends on the chunk size");
    const bool same = whole.second.empty() ? whole.first == tiny.first
                                           : whole.first.size() <= tiny.first.size() &&
                                                 std::equal(whole.first.begin(), whole.first.end(),
                                                            tiny.first.begin());
    if (!same) eduqb::fuzz::broken("records depend on the chunk size");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Three inputs in four are read with automatic detection; the size picks a named
    // encoding for the others, as --encoding would.
    constexpr eduqb::Encoding kNamed[] = {eduqb::Encoding::utf8,    eduqb::Encoding::gbk,
                                          eduqb::Encoding::gb18030, eduqb::Encoding::utf16,
                                          eduqb::Encoding::utf16le, eduqb::Encoding::utf16be};
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const eduqb::Encoding encoding =
        size % 4 ? eduqb::Encoding::automatic : kNamed[size / 4 % std::size(kNamed)];
    read_all(bytes, encoding);
    compare_chunk_sizes(bytes, encoding);
    return 0;
}
