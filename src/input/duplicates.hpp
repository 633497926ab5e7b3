#pragma once
// A second row for the same section (school id and stage) in the same district and year.

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/flat_index.hpp"
#include "base/text_ids.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Finds repeated sections with 8 bytes per row. Up to a budget (a national year fits), the
/// hashes stay in memory; beyond it, only the district-years in use do. Statistics files hold
/// each district-year's rows together (or a few interleaved, such as several files of the same
/// years): the district-years used least recently move to an unnamed temporary file, and come
/// back when one of their rows does. When district-years keep coming back (a shuffled file),
/// or there is no temporary file to be had, everything stays in memory instead.
class DuplicateDetector {
  public:
    /// Hashes held in memory while the file serves: 8 MiB.
    static constexpr std::size_t kDefaultHeldHashes = std::size_t{1} << 20;
    /// At most `max_held_hashes` hashes are held in memory (besides those of the district-year
    /// in use) while the temporary file serves.
    explicit DuplicateDetector(std::size_t max_held_hashes = kDefaultHeldHashes);
    ~DuplicateDetector();
    DuplicateDetector(const DuplicateDetector&) = delete;
    DuplicateDetector& operator=(const DuplicateDetector&) = delete;

    /// True when the section was seen before.
    bool seen_before(const SectionRow& row) { return seen_before(row, section_hash(row)); }
    /// The same, with the row's section_hash() computed beforehand (on another thread).
    bool seen_before(const SectionRow& row, std::uint64_t hash);
    /// What identifies a section within its district and year: its school id and stage.
    static std::uint64_t section_hash(const SectionRow& row);

    /// District-years moved to the temporary file so far, and back (for tests).
    std::size_t spills() const { return spills_; }
    std::size_t reloads() const { return reloads_; }

  private:
    /// The hashes of a district-year not in use, in the order they came.
    struct Held {
        std::uint64_t key = 0;
        std::uint64_t last_use = 0;
        std::vector<std::uint64_t> hashes;
    };
    /// Where a district-year's hashes are in the temporary file.
    struct Stored {
        std::uint64_t offset = 0;
        std::uint64_t count = 0;
    };
    /// The district-year in use: its hashes in the order they came, indexed; the index's
    /// memory serves one district-year after another.
    class Current {
      public:
        /// False when the hash was there already.
        bool insert(std::uint64_t hash);
        /// Starts over with `hashes` (a district-year's, none twice).
        void reset(const std::vector<std::uint64_t>& hashes);
        const std::vector<std::uint64_t>& hashes() const { return hashes_; }

      private:
        FlatIndex index_;
        std::vector<std::uint64_t> hashes_;
    };
    static constexpr std::uint32_t kStoredFlag = 0x80000000U;

    void switch_to(std::uint64_t key);
    void put_away();
    std::vector<std::uint64_t> take_back(std::uint32_t place);
    void store_least_recent();
    bool may_use_file();

    std::size_t max_held_hashes_;
    std::size_t held_hashes_ = 0;  // in held_
    /// District-years in order of use, oldest first: (key, last_use) for each use; entries
    /// whose district-year was used again later, or stored, are skipped when they come up.
    std::deque<std::pair<std::uint64_t, std::uint64_t>> uses_;
    TextIds district_ids_;
    /// District-year key → index into held_, or into stored_ with kStoredFlag set; the
    /// district-year in use has no entry.
    std::unordered_map<std::uint64_t, std::uint32_t> where_;
    std::vector<Held> held_;
    std::vector<Stored> stored_;
    std::FILE* file_ = nullptr;
    bool file_refused_ = false;  // none could be made, a write failed, or too many returns
    std::uint64_t file_bytes_ = 0;
    std::uint64_t rows_ = 0;
    std::uint64_t clock_ = 0;
    std::size_t spills_ = 0;
    std::size_t reloads_ = 0;
    Current current_;
    std::uint64_t current_key_ = 0;
    /// The district-year of the previous row: rows of one district-year arrive together.
    bool in_use_ = false;
    std::string last_district_;
    int last_year_ = 0;
};

}  // namespace eduqb
