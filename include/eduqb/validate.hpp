#pragma once
// Checks on parsed rows: values that cannot be right are errors, implausible ones warnings.
// `eduqb validate` and `eduqb compute` run the same checks.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/normalise.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Thresholds beyond which a ratio is reported as implausible (a warning, never an error).
struct PlausibilityLimits {
    double max_area_per_student = 200;          ///< m², teaching/sports/music-art area
    double max_equipment_per_student = 200000;  ///< yuan
    double min_equipment_per_student = 10;      ///< yuan; below looks like 万元 in a 元 column
    double max_class_size = 100;                ///< students per class
    double max_books_per_student = 1000;
    double max_rooms_per_100 = 50;  ///< multimedia rooms per 100 students
};

/// Whether a school of `type` can have a section of `stage`.
bool stage_allowed(SchoolType type, Stage stage);

/// Checks one row on its own (before combined schools are split). Returns false on errors.
bool check_row(const SectionRow& row, const RowParser& cells, Diagnostics& diagnostics);

/// Ratio checks that need the section's own share of shared facilities (after splitting).
void check_ratios(const SectionRow& row, const Location& where, Diagnostics& diagnostics,
                  const PlausibilityLimits& limits = {});

/// Finds a second row for the same (school_id, stage, year), with memory of 8 bytes a row.
class DuplicateDetector {
  public:
    /// True when the section was seen before.
    bool seen_before(const SectionRow& row) { return seen_before(row, section_hash(row)); }
    /// The same, with the row's section_hash() computed beforehand (on another thread).
    bool seen_before(const SectionRow& row, std::uint64_t hash);
    /// What identifies a section within its district and year: its school id and stage.
    static std::uint64_t section_hash(const SectionRow& row);

  private:
    /// Per (district, year): hashes of (school_id, stage), sorted, or a hash set once large.
    struct Seen {
        bool large = false;
        std::vector<std::uint64_t> sorted;         ///< while small: sorted hashes
        std::unordered_set<std::uint64_t> hashed;  ///< once large
    };
    std::map<std::pair<std::string, int>, Seen> groups_;
    /// The (district, year) of the previous row: rows of one district-year arrive together.
    Seen* last_ = nullptr;
    std::string last_district_;
    int last_year_ = 0;
};

}  // namespace eduqb
