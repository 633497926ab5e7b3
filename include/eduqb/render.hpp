#pragma once
// Stage 7: a Report as text. Each format lives in its own render_<format>.cpp.

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb {

enum class Format { markdown, csv, json, html, xlsx };
enum class Level {
    district,  ///< one summary per district/year/stage
    school,    ///< one row per school section, with per-school verdicts and exclusions
};

std::optional<Format> parse_format(std::string_view text);
std::optional<Level> parse_level(std::string_view text);

/// The language of the labels in HTML reports (XLSX and Markdown are bilingual).
enum class Language { zh, en };
std::optional<Language> parse_language(std::string_view text);

/// What a report says about its own making (HTML and XLSX).
struct ReportContext {
    Language language = Language::en;
    std::int64_t time = 0;  ///< when the report was made: seconds since 1970, UTC
};
/// "2024-05-31": the UTC date of `time`.
std::string report_date(std::int64_t time);

void render_markdown(const Report& report, Level level, std::ostream& out);
void render_csv(const Report& report, Level level, std::ostream& out);
void render_json(const Report& report, Level level, std::ostream& out);
/// One self-contained HTML file: inline CSS and SVG, no script, no external reference.
/// Charts show every school, so the report needs report.schools (keep_schools).
void render_html(const Report& report, Level level, const ReportContext& context,
                 std::ostream& out);
/// An XLSX workbook written to `path` (libxlsxwriter writes files, not streams); needs
/// report.schools. OutputError when the file cannot be written.
void render_xlsx(const Report& report, const ReportContext& context, const std::string& path);

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
    std::string tail_;  ///< the estimator and inputs cells that end every record
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

/// Text formats; HTML with a default context. XLSX is a UsageError: it needs a file.
void render(const Report& report, Format format, Level level, std::ostream& out);

/// Several profiles evaluated on the same input: a table of verdicts side by side, then each
/// profile's report (Markdown); one table (CSV); {"profiles", "comparison", "reports"} (JSON).
/// UsageError for HTML and XLSX, and for school-level CSV of profiles with other indicators.
void render_comparison(const std::vector<Report>& reports, Format format, Level level,
                       std::ostream& out);

/// The version string written into reports.
std::string_view eduqb_version();

}  // namespace eduqb
