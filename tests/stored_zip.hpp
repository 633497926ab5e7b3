#pragma once
// A ZIP archive of uncompressed (stored) entries, built in memory: workbooks crafted part by
// part for the .xlsx reader's tests and fuzz target.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace eduqb::test {

inline std::uint32_t crc32(const std::string& bytes) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t crc = i;
            for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
            t[i] = crc;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFF;
    for (const char byte : bytes)
        crc = (crc >> 8) ^ table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF];
    return ~crc;
}

/// The archive holding `entries` (name, content) in order.
inline std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out, directory;
    const auto put = [](std::string& to, std::uint32_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) to += static_cast<char>((value >> (8 * i)) & 0xFF);
    };
    for (const auto& [name, content] : entries) {
        const auto offset = static_cast<std::uint32_t>(out.size());
        const std::uint32_t crc = crc32(content);
        const auto size = static_cast<std::uint32_t>(content.size());
        const auto name_size = static_cast<std::uint32_t>(name.size());
        put(out, 0x04034b50, 4);  // local file header
        put(out, 20, 2);          // version needed
        put(out, 0x0800, 2);      // flags: UTF-8 names
        put(out, 0, 2);           // stored
        put(out, 0, 4);           // time, date
        put(out, crc, 4);
        put(out, size, 4);
        put(out, size, 4);
        put(out, name_size, 2);
        put(out, 0, 2);
        out += name;
        out += content;
        put(directory, 0x02014b50, 4);  // central directory header
        put(directory, 20, 2);
        put(directory, 20, 2);
        put(directory, 0x0800, 2);
        put(directory, 0, 2);
        put(directory, 0, 4);
        put(directory, crc, 4);
        put(directory, size, 4);
        put(directory, size, 4);
        put(directory, name_size, 2);
        put(directory, 0, 2);  // extra
        put(directory, 0, 2);  // comment
        put(directory, 0, 2);  // disk
        put(directory, 0, 2);  // internal attributes
        put(directory, 0, 4);  // external attributes
        put(directory, offset, 4);
        directory += name;
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    put(out, 0x06054b50, 4);  // end of central directory
    put(out, 0, 4);
    put(out, static_cast<std::uint32_t>(entries.size()), 2);
    put(out, static_cast<std::uint32_t>(entries.size()), 2);
    put(out, static_cast<std::uint32_t>(directory.size()), 4);
    put(out, directory_offset, 4);
    put(out, 0, 2);
    return out;
}

}  // namespace eduqb::test
