#pragma once
// The state a teacher-exchange plan works on: one group's sections with their teacher counts,
// the coefficients the moves change, and the rules a move must keep (docs/gaps.md, "Teacher
// exchange"). The planner (rotate.cpp) and the exhaustive search of its test both use it.

#include <cstddef>
#include <optional>
#include <vector>

#include "eduqb/judge.hpp"
#include "eduqb/rotate.hpp"

namespace eduqb::detail {

/// One teacher of one category from one section to another.
struct UnitMove {
    std::size_t from = 0;
    std::size_t to = 0;
    std::size_t category = 0;  ///< index among the state's categories
};

/// An indicator whose column a move changes.
struct TrackedIndicator {
    std::size_t indicator = 0;  ///< index in Profile::indicators
    std::size_t slot = 0;       ///< its column's index in kTeacherColumns
    std::optional<Limit> limit;
    LimitSource source = LimitSource::indicator;
    StandardCheck standard;
};

class RotationState {
  public:
    RotationState(const GroupResult& group, const std::vector<RotateMember>& members,
                  const Profile& profile, const std::vector<TeacherCategory>& categories);

    std::size_t sections() const { return students_.size(); }
    std::size_t categories() const { return categories_.size(); }
    const std::vector<TrackedIndicator>& tracked() const { return tracked_; }

    /// The section's cells for full-time teachers and the category can be rewritten, and the
    /// coefficients they enter have a value there.
    bool movable(std::size_t section, std::size_t category) const;
    /// The count of kTeacherColumns[slot] now; empty where it is not known.
    std::optional<long long> count(std::size_t section, std::size_t slot) const;
    /// The count before any move.
    std::optional<long long> original_count(std::size_t section, std::size_t slot) const;

    /// Applies the move when both sections can take part and the source has such a teacher;
    /// false (and nothing changed) otherwise. The rules are not checked: see keeps_rules().
    bool apply(const UnitMove& move);
    /// Reverses the last applied move, exactly (the sums are restored, not recomputed).
    void undo(const UnitMove& move);
    /// Keeps the moves applied so far: forgets how to undo them and sums the coefficients
    /// afresh, so that rounding does not build up over a long plan.
    void commit();
    /// The section keeps every rule: no category above its full-time teachers, no standard it
    /// reached lost, nothing lowered below the floor or below a value that was under it, and
    /// still meeting the per-school rule if it met it.
    bool keeps_rules(std::size_t section) const { return keeps_rules(section, true); }
    /// keeps_rules(section), with or without the rule that no category exceeds the full-time
    /// teachers: the planner looks for a move that is refused by that rule alone.
    bool keeps_rules(std::size_t section, bool within_full_time) const;
    /// keeps_rules() for every section: the test of a state reached in any way.
    bool keeps_rules() const;

    /// Tracked indicator t's coefficient now (NA as the evaluator's).
    Measure cv(std::size_t t) const;
    /// CV/limit of tracked indicator t, or nothing without a limit or a defined CV.
    std::optional<double> ratio(std::size_t t) const;
    /// Tracked indicator t's coefficient meets its limit; empty without a limit or a CV.
    std::optional<bool> passes(std::size_t t) const;
    /// Every tracked coefficient with a limit and a value meets it.
    bool all_pass() const;
    /// The indicators a move of `category` changes: its own column's and full-time teachers'.
    const std::vector<std::size_t>& changed_by(std::size_t category) const {
        return changed_by_[category];
    }

  private:
    void add_tracked(const Profile& profile, Stage stage);
    void read_counts(const std::vector<RotateMember>& members);
    void shift(std::size_t section, std::size_t category, double delta);
    /// X_i of tracked indicator t now; NaN where the section has no value.
    double value(std::size_t t, std::size_t section) const;
    double original_value(std::size_t t, std::size_t section) const;
    /// P_i·X_i², the section's share of Σ P_i·X_i² (0 without a value).
    double square_term(std::size_t t, std::size_t section) const;
    void resum();

    const Profile* profile_;
    std::vector<std::size_t> category_slots_;  ///< per category, its kTeacherColumns index
    std::vector<TeacherCategory> categories_;
    std::vector<TrackedIndicator> tracked_;
    /// Per profile indicator, its index in tracked_, or kNotTracked.
    static constexpr std::size_t kNotTracked = static_cast<std::size_t>(-1);
    std::vector<std::size_t> tracked_of_;
    std::vector<std::vector<std::size_t>> changed_by_;
    std::vector<const SchoolResult*> schools_;
    std::vector<double> students_;
    /// Per section and slot: the count now; NaN where not known.
    std::vector<std::array<double, 5>> counts_;
    std::vector<std::array<double, 5>> original_;
    std::vector<std::array<bool, 5>> editable_;
    /// Per tracked indicator, over the sections with a value: their number, ΣP_i, m·ΣR_i
    /// (constant: a move takes from one section what it gives another) and Σ P_i·X_i².
    struct Sums {
        long sections = 0;
        double students = 0;
        double resource = 0;
        double squares = 0;
    };
    std::vector<Sums> sums_;
    /// The squares of the changed indicators before each move not yet committed, for undo().
    std::vector<std::vector<double>> saved_squares_;
};

}  // namespace eduqb::detail
