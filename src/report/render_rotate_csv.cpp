// The teacher-exchange plan as one tidy CSV table: one row per fact, the `part` column says
// which (docs/gaps.md, "Teacher exchange", lists the columns each part fills).

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "base/escape.hpp"
#include "eduqb/render_rotate.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

using detail::exact_number;

constexpr std::array<const char*, 27> kColumns = {"profile",
                                                  "district",
                                                  "year",
                                                  "stage",
                                                  "part",
                                                  "sections",
                                                  "teachers",
                                                  "budget",
                                                  "moved",
                                                  "fixed_sections",
                                                  "outcome",
                                                  "from_id",
                                                  "from_name",
                                                  "to_id",
                                                  "to_name",
                                                  "category",
                                                  "count",
                                                  "indicator",
                                                  "limit_op",
                                                  "limit",
                                                  "limit_source",
                                                  "cv_before",
                                                  "cv_after",
                                                  "pass_before",
                                                  "pass_after",
                                                  "worst_ratio_before",
                                                  "worst_ratio_after"};

/// Columns that hold numbers, written as they are; every other one is text, guarded against
/// a spreadsheet reading it as a formula.
bool is_number_column(std::string_view name) {
    constexpr std::array<std::string_view, 10> kNumbers = {
        "year",  "sections", "teachers",  "budget",   "moved",
        "count", "limit",    "cv_before", "cv_after", "worst_ratio_after"};
    return std::find(kNumbers.begin(), kNumbers.end(), name) != kNumbers.end();
}

using Row = std::map<std::string, std::string>;

std::string cv_text(const Measure& cv) {
    return cv.defined() ? exact_number(cv.value) : std::string();
}

class Writer {
  public:
    Writer(const RotateReport& plan, std::ostream& out) : plan_(plan), out_(out) {}

    void write() {
        for (std::size_t i = 0; i < kColumns.size(); ++i) out_ << (i ? "," : "") << kColumns[i];
        out_ << '\n';
        for (const GroupRotation& group : plan_.groups) write_group(group);
    }

  private:
    void emit(const GroupRotation& group, std::string_view part, Row row) {
        row["profile"] = plan_.profile.id;
        row["district"] = group.key.district;
        row["year"] = detail::year_text(group.key.year);
        row["stage"] = to_string(group.key.stage);
        row["part"] = part;
        std::string line;
        for (std::size_t i = 0; i < kColumns.size(); ++i) {
            if (i) line += ',';
            const std::string& cell = row[kColumns[i]];
            if (is_number_column(kColumns[i])) {
                line += cell;
            } else {
                std::string storage;
                detail::append_csv_field(line, detail::csv_text(cell, storage));
            }
        }
        out_ << line << '\n';
    }

    void write_group(const GroupRotation& group) {
        emit(group, "group",
             {{"sections", std::to_string(group.members.size())},
              {"teachers", std::to_string(group.teachers)},
              {"budget", std::to_string(group.budget)},
              {"moved", std::to_string(group.moved)},
              {"fixed_sections", std::to_string(group.fixed_sections)},
              {"outcome", std::string(to_string(group.outcome))},
              {"worst_ratio_before", exact_number(group.worst_before)},
              {"worst_ratio_after", exact_number(group.worst_after)}});
        for (const TeacherMove& move : group.moves) {
            const SchoolResult& from = *group.members[move.from];
            const SchoolResult& to = *group.members[move.to];
            emit(group, "move",
                 {{"from_id", from.school_id},
                  {"from_name", from.school_name},
                  {"to_id", to.school_id},
                  {"to_name", to.school_name},
                  {"category", std::string(to_string(move.category))},
                  {"count", std::to_string(move.count)}});
        }
        for (const CvChange& cv : group.cvs) {
            emit(group, "cv",
                 {{"indicator", plan_.profile.indicators.at(cv.indicator).id},
                  {"limit_op", std::string(to_string(cv.limit.op))},
                  {"limit", exact_number(cv.limit.value)},
                  {"limit_source", std::string(to_string(cv.source))},
                  {"cv_before", cv_text(cv.before)},
                  {"cv_after", cv_text(cv.after)},
                  {"pass_before", detail::verdict_text(cv.pass_before)},
                  {"pass_after", detail::verdict_text(cv.pass_after)}});
        }
    }

    const RotateReport& plan_;
    std::ostream& out_;
};

}  // namespace

void render_rotate_csv(const RotateReport& plan, std::ostream& out) {
    Writer(plan, out).write();
}

}  // namespace eduqb
