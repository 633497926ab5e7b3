#pragma once
// The OLE2 compound file that holds a legacy .xls workbook (internal): one stream read out of
// an untrusted file, and a plain one-stream file written for FreeXL, which reads paths only and
// trusts every sector number it meets.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace eduqb::compound_file {

/// The file breaks the compound file's structure; what() says how, without the file's name.
class FormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The bytes of the first stream of the root storage named `name` or `other_name` (compared
/// without case), from the regular sectors or the mini stream. Every sector number, chain and
/// size is checked against the file; throws FormatError for a broken file, for no such stream,
/// or for a stream longer than `max_bytes`.
std::string read_stream(std::string_view file, std::string_view name, std::string_view other_name,
                        std::uint64_t max_bytes);

/// A version 3 compound file whose root holds the one stream `name` (ASCII) with `bytes`,
/// which must be longer than 4096 bytes so that every reader looks for it in regular sectors:
/// contiguous sectors, the FAT after them, DIFAT sectors when the FAT outgrows the header.
std::string write_single_stream(std::string_view name, std::string_view bytes);

}  // namespace eduqb::compound_file
