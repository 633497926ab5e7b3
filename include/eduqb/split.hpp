#pragma once
// Stage 3a: divide the shared facilities of combined schools between their sections.

#include <array>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// Gives each section of one combined school its share of every shared column:
/// share_s = w_s·P_s / Σ_t w_t·P_t of the whole-school total. The total is the value the
/// school's rows agree on (rows may leave it empty). Rows that disagree, or a section of a
/// stage the school type has no weight for, are errors: returns false and splits nothing.
/// `files` names the inputs in messages.
bool split_combined_school(std::vector<SectionRow>& sections, const SplitRules& rules,
                           const std::vector<std::string>& files, Diagnostics& diagnostics);

/// Collects the section rows of combined schools until the school is complete (every stage
/// its type has weights for), then splits them. Other rows pass straight through, so memory
/// holds only schools whose sections have not all been seen yet.
class CombinedSchoolSplitter {
  public:
    CombinedSchoolSplitter(const SplitRules& rules, const std::vector<std::string>& files,
                           Diagnostics& diagnostics);

    /// Adds a row; appends the rows that can now be evaluated to `ready`, and the rows of a
    /// school that cannot be split (its problems reported) to `rejected`.
    void push(SectionRow&& row, std::vector<SectionRow>& ready, std::vector<SectionRow>& rejected);
    /// End of input: splits the schools still waiting (some sections may be absent).
    void finish(std::vector<SectionRow>& ready, std::vector<SectionRow>& rejected);

  private:
    using Key = std::tuple<std::string, int, std::string>;  // district, year, school id
    void release(std::map<Key, std::vector<SectionRow>>::iterator school,
                 std::vector<SectionRow>& ready, std::vector<SectionRow>& rejected);

    const SplitRules& rules_;
    const std::vector<std::string>& files_;
    Diagnostics& diagnostics_;
    /// Per school type: the sections a complete school has (0: not a combined school).
    std::array<std::size_t, 8> sections_of_{};
    std::map<Key, std::vector<SectionRow>> waiting_;
};

}  // namespace eduqb
