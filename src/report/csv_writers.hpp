#pragma once
// The CSV records of both levels, written record by record (render_csv.cpp's sinks).

#include <array>
#include <ostream>
#include <string>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb {

/// The district CSV one group at a time, for summaries too large to hold as a Report: writes
/// the header when constructed, then one group per write(), groups in report order (district,
/// year, stage). render_csv(report, Level::district, out) writes the same bytes.
class DistrictCsvWriter {
  public:
    DistrictCsvWriter(const Profile& profile, const std::vector<std::string>& inputs,
                      std::ostream& out);
    void write(const GroupResult& group);
    /// The records write() would write, appended to `out`. Safe to call from several threads.
    void append(const GroupResult& group, std::string& out) const;

  private:
    /// The limit_op and limit cells of a limit ("<=,0.5").
    struct LimitCells {
        Limit limit;
        std::string text;
    };
    /// The cells of `limit` if the profile sets it, else null.
    const std::string* profile_limit_cells(const Limit& limit) const;

    std::string profile_id_;
    /// Every limit of the profile, formatted once: each record of a report repeats one.
    std::vector<LimitCells> limit_cells_;
    std::string tail_;  ///< the estimator and inputs cells, before the measures of each record
    std::string line_;  // reused from group to group
    std::ostream& out_;
};

/// The school-level CSV record by record, for reports too large to hold: render_csv(report,
/// Level::school, out) writes header(), append_school() of every report.schools entry, then
/// append_exclusion() of every report.exclusions entry.
class SchoolCsvWriter {
  public:
    SchoolCsvWriter(const Profile& profile, std::vector<std::string> inputs);
    std::string header() const;  ///< the header record, '\n' included
    /// One record each, '\n' included, appended to `out`.
    void append_school(const SchoolResult& school, std::string& out) const;
    void append_exclusion(const Exclusion& excluded, std::string& out) const;

  private:
    std::string profile_id_;
    std::vector<std::string> header_;
    std::size_t indicators_;
    std::vector<std::string> inputs_;
    /// Per stage: the per-school rule judges its sections (one it cannot judge is not_judged).
    std::array<bool, 3> rule_judges_{};
};

}  // namespace eduqb
