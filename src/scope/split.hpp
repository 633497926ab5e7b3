#pragma once
// Stage 3a: divide the shared facilities of combined schools between their sections.

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "eduqb/diagnostics.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/table.hpp"
#include "scope/section_batch.hpp"

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
    /// school that cannot be split (its problems reported) to `rejected`. `row` is left
    /// empty, or with a spent row's contents (SectionBatch::take).
    void push(SectionRow&& row, SectionBatch& ready, std::vector<SectionRow>& rejected);
    /// A row with errors: appended to `rejected`, and with it every section of its school,
    /// before and after, since a combined school cannot be split without one of its rows (its
    /// other sections would only repeat the problem as empty cells and a missing section). A
    /// row of a stage its school already has is a duplicate: the school keeps its sections.
    void reject(SectionRow&& row, std::vector<SectionRow>& rejected);
    /// End of input: splits the schools still waiting (some sections may be absent), in the
    /// order of their keys.
    void finish(SectionBatch& ready, std::vector<SectionRow>& rejected);

  private:
    using Key = std::tuple<std::string, int, std::string>;  // district, year, school id
    using KeyView = std::tuple<std::string_view, int, std::string_view>;
    /// Adds `row` to `sections`, those of its school so far, unless it contradicts them;
    /// releases the school when `row` completes it. Returns true when it did.
    bool add_section(std::vector<SectionRow>& sections, SectionRow&& row, SectionBatch& ready,
                     std::vector<SectionRow>& rejected);
    /// Moves `sections`, then `row`, to `rejected`, and remembers the school so that its rows
    /// still to come follow them. Leaves `sections` empty.
    void reject_school(std::vector<SectionRow>& sections, SectionRow&& row,
                       std::vector<SectionRow>& rejected);
    /// Moves the open school, if any, among the waiting ones.
    void park_open_school();
    /// Splits `sections` (and `last`, when given, after them) into `ready`, or moves them
    /// to `rejected` when they cannot be split. Leaves `sections` empty.
    void release(std::vector<SectionRow>& sections, SectionRow* last, SectionBatch& ready,
                 std::vector<SectionRow>& rejected);

    const SplitRules& rules_;
    const std::vector<std::string>& files_;
    Diagnostics& diagnostics_;
    /// Per school type: the sections a complete school has (0: not a combined school).
    std::array<std::size_t, 8> sections_of_{};
    /// Per school type: its rows wait for the rest of their school (the type has weights).
    std::array<bool, 8> waits_{};
    /// The sections of the school started last, while it is incomplete. A combined school's
    /// rows are usually adjacent: most rows find their school here, with no lookup.
    std::vector<SectionRow> open_;
    /// The other incomplete schools: those whose rows are interleaved with other schools'.
    std::map<Key, std::vector<SectionRow>, std::less<>> waiting_;
    /// Schools with a rejected row: their other rows are rejected too.
    std::set<Key, std::less<>> rejected_schools_;
};

}  // namespace eduqb
