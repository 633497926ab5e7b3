#pragma once
// Little-endian numbers at a byte offset of a binary file's bytes (the .xls container and its
// records), whatever the processor's own order. The caller has checked that the bytes exist.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace eduqb::little_endian {

inline std::uint16_t u16(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                      static_cast<unsigned char>(bytes[at + 1]) << 8);
}

inline std::uint32_t u32(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint32_t>(u16(bytes, at)) |
           static_cast<std::uint32_t>(u16(bytes, at + 2)) << 16;
}

/// An IEEE 754 double.
inline double f64(std::string_view bytes, std::size_t at) {
    const std::uint64_t bits = u32(bytes, at) | std::uint64_t{u32(bytes, at + 4)} << 32;
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

}  // namespace eduqb::little_endian
