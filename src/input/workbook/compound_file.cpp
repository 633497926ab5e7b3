#include "input/workbook/compound_file.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "base/little_endian.hpp"

// The layout is Microsoft's [MS-CFB]: a 512-byte header, then sectors of 512 (version 3) or
// 4096 bytes (version 4) numbered from 0, chained through the FAT; streams under 4096 bytes
// live in 64-byte mini sectors inside the root entry's stream, chained through the mini FAT.

namespace eduqb::compound_file {
namespace {

using little_endian::u16;
using little_endian::u32;

constexpr std::uint32_t kFreeSector = 0xFFFFFFFF;
constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::uint32_t kFatSector = 0xFFFFFFFD;
constexpr std::uint32_t kDifatSector = 0xFFFFFFFC;
constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
constexpr std::size_t kHeaderBytes = 512;
constexpr std::size_t kHeaderDifatEntries = 109;
constexpr std::size_t kEntryBytes = 128;
constexpr std::uint32_t kMiniSectorBytes = 64;
constexpr std::uint32_t kMiniStreamCutoff = 4096;
constexpr char kSignature[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

[[noreturn]] void broken(const char* what) {
    throw FormatError(what);
}

struct Entry {
    std::string_view name;  // UTF-16LE, without the terminating NUL
    unsigned type = 0;      // 1 storage, 2 stream, 5 root
    std::uint32_t left = kNoStream, right = kNoStream, child = kNoStream;
    std::uint32_t start = kEndOfChain;
    std::uint64_t size = 0;
};

class Reader {
  public:
    explicit Reader(std::string_view file) : file_(file) {
        if (file.size() < kHeaderBytes) broken("the file is too short for a compound file");
        if (file.substr(0, 8) != std::string_view(kSignature, 8)) {
            broken("the file is not a compound file");
        }
        const unsigned shift = u16(file, 30);
        if (shift != 9 && shift != 12) broken("the compound file has an unknown sector size");
        if (u16(file, 32) != 6) broken("the compound file has an unknown mini sector size");
        major_version_ = u16(file, 26);
        sector_bytes_ = std::uint32_t{1} << shift;
        if (file.size() > sector_bytes_) {
            sectors_ = (file.size() - sector_bytes_ + sector_bytes_ - 1) / sector_bytes_;
        }
        read_fat();
        read_directory();
    }

    std::string stream(std::string_view name, std::string_view other_name,
                       std::uint64_t max_bytes) {
        const Entry* found = find(name, other_name);
        if (found == nullptr) {
            broken("the compound file has no Workbook stream (is it an Excel workbook?)");
        }
        if (found->size > max_bytes) broken("the Workbook stream is over the size limit");
        if (found->size >= cutoff_) return chain_bytes(found->start, found->size);
        const std::string mini_stream = chain_bytes(entries_[0].start, entries_[0].size);
        const std::vector<std::uint32_t> mini_fat =
            table(chain_bytes(first_mini_fat_, std::uint64_t{mini_fat_sectors_} * sector_bytes_));
        std::string bytes;
        bytes.reserve(found->size);
        std::vector<bool> seen(mini_fat.size());
        for (std::uint32_t sector = found->start; bytes.size() < found->size;
             sector = mini_fat[sector]) {
            if (sector < seen.size() && seen[sector])
                broken("the file is corrupt: a mini sector chain loops");
            if (sector >= mini_fat.size() ||
                std::uint64_t{sector} * kMiniSectorBytes >= mini_stream.size()) {
                broken("the file is truncated or corrupt: a stream ends before its size");
            }
            const std::size_t take = std::min<std::uint64_t>(
                {kMiniSectorBytes, found->size - bytes.size(),
                 mini_stream.size() - std::uint64_t{sector} * kMiniSectorBytes});
            bytes.append(mini_stream, std::size_t{sector} * kMiniSectorBytes, take);
            if (take < kMiniSectorBytes && bytes.size() < found->size) {
                broken("the file is truncated or corrupt: a stream ends before its size");
            }
            seen[sector] = true;
        }
        return bytes;
    }

  private:
    /// The bytes of sector `id` that the file holds (fewer than a sector only at its end).
    std::string_view sector(std::uint32_t id) const {
        if (id >= sectors_) broken("the file is truncated or corrupt: a sector is missing");
        return file_.substr((std::uint64_t{id} + 1) * sector_bytes_, sector_bytes_);
    }

    std::string_view whole_sector(std::uint32_t id) const {
        const std::string_view bytes = sector(id);
        if (bytes.size() < sector_bytes_) broken("the file is truncated: its last sector is cut");
        return bytes;
    }

    static std::vector<std::uint32_t> table(std::string_view bytes) {
        std::vector<std::uint32_t> entries(bytes.size() / 4);
        for (std::size_t i = 0; i < entries.size(); ++i) entries[i] = u32(bytes, 4 * i);
        return entries;
    }

    void read_fat() {
        const std::uint32_t fat_sectors = u32(file_, 44);
        std::uint32_t difat_sector = u32(file_, 68);
        const std::uint32_t difat_sectors = u32(file_, 72);
        if (fat_sectors > sectors_ || difat_sectors > sectors_) {
            broken("the compound file's header counts more sectors than the file holds");
        }
        std::vector<std::uint32_t> fat_ids;
        for (std::size_t i = 0; i < std::min<std::size_t>(fat_sectors, kHeaderDifatEntries); ++i) {
            fat_ids.push_back(u32(file_, 76 + 4 * i));
        }
        const std::size_t per_difat = sector_bytes_ / 4 - 1;
        for (std::uint32_t n = 0; n < difat_sectors && fat_ids.size() < fat_sectors; ++n) {
            const std::string_view bytes = whole_sector(difat_sector);
            for (std::size_t i = 0; i < per_difat && fat_ids.size() < fat_sectors; ++i) {
                fat_ids.push_back(u32(bytes, 4 * i));
            }
            difat_sector = u32(bytes, 4 * per_difat);
        }
        if (fat_ids.size() < fat_sectors) broken("the compound file's FAT is incomplete");
        fat_.reserve(std::size_t{fat_sectors} * (sector_bytes_ / 4));
        for (const std::uint32_t id : fat_ids) {
            const std::vector<std::uint32_t> part = table(whole_sector(id));
            fat_.insert(fat_.end(), part.begin(), part.end());
        }
        cutoff_ = u32(file_, 56);
        if (cutoff_ != kMiniStreamCutoff)
            broken("the compound file has an unknown mini stream cutoff");
        first_mini_fat_ = u32(file_, 60);
        mini_fat_sectors_ = u32(file_, 64);
        if (mini_fat_sectors_ > sectors_) {
            broken("the compound file's header counts more sectors than the file holds");
        }
    }

    /// The bytes of the chain from `first`: `size` of them, or every sector up to the chain's
    /// end when `size` is kWholeChain.
    static constexpr std::uint64_t kWholeChain = ~std::uint64_t{0};
    std::string chain_bytes(std::uint32_t first, std::uint64_t size) const {
        if (size != kWholeChain && size > std::uint64_t{sectors_} * sector_bytes_) {
            broken("the file is truncated or corrupt: a stream is longer than the file");
        }
        std::string bytes;
        if (size != kWholeChain) bytes.reserve(size);
        std::vector<bool> seen(fat_.size());
        for (std::uint32_t id = first;
             size == kWholeChain ? id != kEndOfChain : bytes.size() < size; id = fat_[id]) {
            if (id < seen.size() && seen[id]) broken("the file is corrupt: a sector chain loops");
            if (id >= fat_.size()) {
                broken("the file is truncated or corrupt: a stream ends before its size");
            }
            const std::string_view data = sector(id);
            const std::uint64_t want =
                size == kWholeChain ? sector_bytes_
                                    : std::min<std::uint64_t>(sector_bytes_, size - bytes.size());
            if (data.size() < want) broken("the file is truncated: its last sector is cut");
            bytes.append(data.substr(0, want));
            seen[id] = true;
        }
        return bytes;
    }

    void read_directory() {
        directory_ = chain_bytes(u32(file_, 48), kWholeChain);
        const std::size_t count = directory_.size() / kEntryBytes;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string_view raw =
                std::string_view(directory_).substr(i * kEntryBytes, kEntryBytes);
            Entry entry;
            const std::size_t name_bytes = u16(raw, 64);
            if (name_bytes > 64 || name_bytes % 2 != 0)
                broken("a directory entry's name is corrupt");
            entry.name = raw.substr(0, name_bytes >= 2 ? name_bytes - 2 : 0);
            entry.type = static_cast<unsigned char>(raw[66]);
            entry.left = u32(raw, 68);
            entry.right = u32(raw, 72);
            entry.child = u32(raw, 76);
            entry.start = u32(raw, 116);
            // Version 3 files may leave junk in the size's high half.
            entry.size = major_version_ == 3 ? u32(raw, 120)
                                             : u32(raw, 120) | std::uint64_t{u32(raw, 124)} << 32;
            entries_.push_back(entry);
        }
        if (entries_.empty() || entries_[0].type != 5)
            broken("the compound file has no root entry");
    }

    static bool same_name(std::string_view utf16, std::string_view ascii) {
        if (utf16.size() != 2 * ascii.size()) return false;
        for (std::size_t i = 0; i < ascii.size(); ++i) {
            const unsigned unit = u16(utf16, 2 * i);
            const auto upper = [](unsigned c) { return c >= 'a' && c <= 'z' ? c - 32 : c; };
            if (upper(unit) != upper(static_cast<unsigned char>(ascii[i]))) return false;
        }
        return true;
    }

    /// Walks the root storage's tree of children (a red-black tree by name).
    const Entry* find(std::string_view name, std::string_view other_name) const {
        std::vector<bool> seen(entries_.size());
        std::vector<std::uint32_t> pending{entries_[0].child};
        const Entry* found = nullptr;
        while (!pending.empty()) {
            const std::uint32_t id = pending.back();
            pending.pop_back();
            if (id == kNoStream) continue;
            if (id >= entries_.size() || seen[id])
                broken("the compound file's directory is corrupt");
            seen[id] = true;
            const Entry& entry = entries_[id];
            if (entry.type == 2 && found == nullptr &&
                (same_name(entry.name, name) || same_name(entry.name, other_name))) {
                found = &entry;
            }
            pending.push_back(entry.right);
            pending.push_back(entry.left);
        }
        return found;
    }

    std::string_view file_;
    unsigned major_version_ = 3;
    std::uint32_t sector_bytes_ = 512;
    std::uint64_t sectors_ = 0;
    std::vector<std::uint32_t> fat_;
    std::uint32_t cutoff_ = kMiniStreamCutoff;
    std::uint32_t first_mini_fat_ = kEndOfChain;
    std::uint32_t mini_fat_sectors_ = 0;
    std::string directory_;
    std::vector<Entry> entries_;
};

void put16(std::string& out, std::size_t at, std::uint16_t value) {
    out[at] = static_cast<char>(value & 0xFF);
    out[at + 1] = static_cast<char>(value >> 8);
}

void put32(std::string& out, std::size_t at, std::uint32_t value) {
    put16(out, at, static_cast<std::uint16_t>(value & 0xFFFF));
    put16(out, at + 2, static_cast<std::uint16_t>(value >> 16));
}

void put_entry(std::string& out, std::size_t at, std::string_view name, unsigned type,
               std::uint32_t child, std::uint32_t start, std::uint32_t size) {
    for (std::size_t i = 0; i < name.size(); ++i)
        put16(out, at + 2 * i, static_cast<unsigned char>(name[i]));
    put16(out, at + 64, static_cast<std::uint16_t>(name.empty() ? 0 : 2 * name.size() + 2));
    out[at + 66] = static_cast<char>(type);
    out[at + 67] = 1;  // black
    put32(out, at + 68, kNoStream);
    put32(out, at + 72, kNoStream);
    put32(out, at + 76, child);
    put32(out, at + 116, start);
    put32(out, at + 120, size);
}

}  // namespace

std::string read_stream(std::string_view file, std::string_view name, std::string_view other_name,
                        std::uint64_t max_bytes) {
    return Reader(file).stream(name, other_name, max_bytes);
}

namespace {

constexpr std::size_t kSector = 512;
constexpr std::size_t kPerFat = kSector / 4;
constexpr std::size_t kPerDifat = kPerFat - 1;

std::uint32_t sector_id(std::size_t n) {
    return static_cast<std::uint32_t>(n);
}

std::size_t sector_at(std::size_t n) {
    return kHeaderBytes + n * kSector;
}

/// Where a file of one stream puts its sectors: the data, one directory sector, then the FAT
/// and DIFAT sectors, as many as the whole needs.
struct Layout {
    std::size_t data_sectors;
    std::size_t directory;
    std::size_t fat_sectors = 1;
    std::size_t difat_sectors = 0;
    std::size_t first_fat = 0;
    std::size_t first_difat = 0;
    std::size_t total = 0;

    explicit Layout(std::size_t bytes)
        : data_sectors((bytes + kSector - 1) / kSector), directory(data_sectors) {
        // The FAT covers itself and the DIFAT: grow both until they cover everything.
        for (;;) {
            const std::size_t sectors = data_sectors + 1 + fat_sectors + difat_sectors;
            const std::size_t need_fat = (sectors + kPerFat - 1) / kPerFat;
            const std::size_t need_difat =
                need_fat > kHeaderDifatEntries
                    ? (need_fat - kHeaderDifatEntries + kPerDifat - 1) / kPerDifat
                    : 0;
            if (need_fat == fat_sectors && need_difat == difat_sectors) break;
            fat_sectors = need_fat;
            difat_sectors = need_difat;
        }
        first_fat = directory + 1;
        first_difat = first_fat + fat_sectors;
        total = first_difat + difat_sectors;
    }
};

void put_header(std::string& out, const Layout& layout) {
    std::memcpy(&out[0], kSignature, 8);
    put16(out, 24, 0x003E);
    put16(out, 26, 3);
    put16(out, 28, 0xFFFE);
    put16(out, 30, 9);
    put16(out, 32, 6);
    put32(out, 44, sector_id(layout.fat_sectors));
    put32(out, 48, sector_id(layout.directory));
    put32(out, 56, kMiniStreamCutoff);
    put32(out, 60, kEndOfChain);
    put32(out, 68, layout.difat_sectors > 0 ? sector_id(layout.first_difat) : kEndOfChain);
    put32(out, 72, sector_id(layout.difat_sectors));
    for (std::size_t i = 0; i < kHeaderDifatEntries; ++i) {
        put32(out, 76 + 4 * i,
              i < layout.fat_sectors ? sector_id(layout.first_fat + i) : kFreeSector);
    }
}

void put_directory(std::string& out, const Layout& layout, std::string_view name,
                   std::size_t size) {
    const std::size_t at = sector_at(layout.directory);
    put_entry(out, at, "Root Entry", 5, 1, kEndOfChain, 0);
    put_entry(out, at + kEntryBytes, name, 2, kNoStream, 0, sector_id(size));
    for (std::size_t e = 2; e < kSector / kEntryBytes; ++e) {
        put32(out, at + e * kEntryBytes + 68, kNoStream);
        put32(out, at + e * kEntryBytes + 72, kNoStream);
        put32(out, at + e * kEntryBytes + 76, kNoStream);
    }
}

/// The FAT: the data sectors chained, the directory alone, the FAT and DIFAT sectors marked.
void put_fat(std::string& out, const Layout& layout) {
    for (std::size_t n = 0; n < layout.fat_sectors * kPerFat; ++n) {
        std::uint32_t next = kFreeSector;
        if (n + 1 < layout.data_sectors) {
            next = sector_id(n + 1);
        } else if (n + 1 == layout.data_sectors || n == layout.directory) {
            next = kEndOfChain;
        } else if (n >= layout.first_fat && n < layout.first_difat) {
            next = kFatSector;
        } else if (n >= layout.first_difat && n < layout.total) {
            next = kDifatSector;
        }
        put32(out, sector_at(layout.first_fat) + 4 * n, next);
    }
}

/// The DIFAT sectors: the FAT sectors the header has no room for, chained.
void put_difat(std::string& out, const Layout& layout) {
    for (std::size_t d = 0; d < layout.difat_sectors; ++d) {
        const std::size_t at = sector_at(layout.first_difat + d);
        for (std::size_t i = 0; i < kPerDifat; ++i) {
            const std::size_t fat = kHeaderDifatEntries + d * kPerDifat + i;
            put32(out, at + 4 * i,
                  fat < layout.fat_sectors ? sector_id(layout.first_fat + fat) : kFreeSector);
        }
        put32(out, at + 4 * kPerDifat,
              d + 1 < layout.difat_sectors ? sector_id(layout.first_difat + d + 1) : kEndOfChain);
    }
}

}  // namespace

std::string write_single_stream(std::string_view name, std::string_view bytes) {
    const Layout layout(bytes.size());
    std::string out(kHeaderBytes + layout.total * kSector, '\0');
    put_header(out, layout);
    std::memcpy(&out[sector_at(0)], bytes.data(), bytes.size());
    put_directory(out, layout, name, bytes.size());
    put_fat(out, layout);
    put_difat(out, layout);
    return out;
}

}  // namespace eduqb::compound_file
