#pragma once
// One school under two ids: the same name twice in a district and year, with other ids
// (internal). Rows of a district-year arrive together in statistics files, so the names of
// the district-year in hand are kept, and memory does not grow with the input.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eduqb/table.hpp"

namespace eduqb {

class SameNameCheck {
  public:
    /// The row's first line of another school (another id) of the same name in the same
    /// district and year, seen in the current run of that district-year's rows; nothing
    /// otherwise. `name_hash` is 0 for a row without a name.
    std::optional<SourceRef> other_school(const SectionRow& row, std::uint64_t name_hash);

  private:
    struct Slot {
        std::uint64_t name = 0;  ///< 0: empty
        std::uint64_t id = 0;
        SourceRef first;
    };
    void clear();
    void grow();
    std::vector<Slot> slots_ = std::vector<Slot>(64);
    std::vector<std::size_t> filled_;  ///< the slots in use, to clear
    std::size_t used_ = 0;
    std::string district_;
    std::optional<int> year_;
};

}  // namespace eduqb
