// The HTML report: one self-contained file (inline CSS and SVG, no script, no URL) that a
// browser shows offline and prints on A4. Per group: the summary table, a chart of the
// difference coefficients against their limits and, per indicator, a chart of every school's
// value against the standard, its floor and the district value. Then the trends over the
// years and the excluded sections.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "compute/trends.hpp"
#include "eduqb/render.hpp"
#include "report/comparison.hpp"
#include "report/html_style.hpp"
#include "report/labels.hpp"
#include "report/measures_html.hpp"
#include "report/render_common.hpp"
#include "report/school_lacks.hpp"
#include "report/summary.hpp"
#include "report/svg_chart.hpp"

namespace eduqb {
namespace {

using detail::rounded;
using detail::xml_escape;

/// The rules of this page beside the shared ones (html_style.hpp).
constexpr std::string_view kHeadingStyle = R"(h3 { font-size: 15px; margin: 18px 0 6px; }
)";
constexpr std::string_view kOwnStyle =
    R"(.fail { background: #ffd7d5; color: #9c0006; font-weight: 600; }
.warn { background: #fff1cc; }
.pass { color: #1b5e20; }
.badge { display: inline-block; margin-left: 8px; padding: 1px 10px; border-radius: 10px;
  font-size: 14px; font-weight: 600; vertical-align: 2px; }
.badge.pass { background: #d8efd9; }
.badge.fail { background: #ffd7d5; }
ul.failures { margin: 4px 0 10px; padding-left: 20px; color: #9c0006; }
figure { margin: 8px 0 14px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 12px; color: #555; margin-top: 2px; }
svg { max-width: 100%; height: auto; display: block;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
.charts { display: grid; grid-template-columns: 1fr; gap: 4px 24px; }
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr));
  gap: 8px 16px; }
footer { margin-top: 28px; font-size: 12px; color: #666; }
@media (min-width: 1200px) { .charts { grid-template-columns: 1fr 1fr; } }
@media print {
  main { max-width: none; padding: 0; }
  section.profile { break-before: page; page-break-before: always; }
  body { font-size: 11px; }
  h2 { break-before: page; page-break-before: always; }
  h2.first { break-before: auto; page-break-before: auto; }
  .charts { grid-template-columns: 1fr; }
  .trends { grid-template-columns: 1fr 1fr; }
  table, tr, figure { break-inside: avoid; page-break-inside: avoid; }
  .fail, .warn, .badge, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

using detail::thousands;

/// The fraction as a percentage without noise: 0.85 → "85".
std::string percent(double fraction) {
    return fmt::format("{:.6g}", fraction * 100);
}

/// Groups beyond which a report draws no per-school or trend charts: a city's report has them
/// all; a province's or a country's would be hundreds of megabytes that no browser opens, so
/// it opens on an overview of every group instead (docs/output-formats.md).
constexpr std::size_t kChartedGroups = 50;

void open_document(std::ostream& out, const Labels& text, const std::string& title) {
    out << "<!DOCTYPE html>\n<html lang=\"" << text[Text::html_lang] << "\">\n<head>\n"
        << "<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << xml_escape(title) << "</title>\n<style>" << detail::kPageStyle
        << kHeadingStyle << detail::kTableStyle << kOwnStyle << "</style>\n"
        << "</head>\n<body>\n<main>\n";
}

void close_document(std::ostream& out, const ReportContext& context) {
    out << "<footer>eduqb " << xml_escape(eduqb_version()) << " · "
        << xml_escape(report_date(context.time)) << "</footer>\n</main>\n</body>\n</html>\n";
}

/// One profile's report: the whole document, or a section of the document that compares
/// several profiles, whose anchors then carry a prefix of their own.
class HtmlReport {
  public:
    HtmlReport(const Report& report, Level level, const ReportContext& context, std::ostream& out,
               std::string anchor_prefix = "")
        : report_(report),
          level_(level),
          context_(context),
          text_(labels_for(context.language)),
          out_(out),
          schools_by_group_(report.schools),
          charted_(report.groups.size() <= kChartedGroups),
          anchor_prefix_(std::move(anchor_prefix)) {}

    void write_document() {
        open_document(out_, text_, title());
        write_body(title());
        close_document(out_, context_);
    }

    /// Everything between the document's head and its footer, under `heading`.
    void write_body(const std::string& heading) {
        write_header(heading);
        if (context_.summary) write_summary();
        if (!charted_) write_overview();
        // The trends first: how the district moved is the headline; the groups give detail.
        const bool trends = write_trends();
        const bool across = detail::write_html_across_districts(
            text_, report_, anchor("across-districts"), !trends, out_);
        bool first = !trends && !across && charted_;
        for (const auto& group : report_.groups) {
            write_group(group, first);
            first = false;
        }
        if (report_.groups.empty()) out_ << "<p>" << e(text_[Text::no_groups]) << "</p>\n";
        write_exclusions();
    }

  private:
    static std::string e(std::string_view text) { return xml_escape(text); }

    /// The report's title, headed by its district; by the number of districts when there are
    /// several (a city's file), never by the first of them alone.
    std::string title() const {
        std::set<std::string_view> districts;
        for (const auto& group : report_.groups) {
            if (!group.key.district.empty()) districts.insert(group.key.district);
        }
        const std::string title(text_[Text::report_title]);
        if (districts.empty()) return title;
        if (districts.size() == 1) return std::string(*districts.begin()) + " " + title;
        return text_(Text::districts_title, districts.size(), text_[Text::report_title]);
    }

    const std::string& label(const IndicatorDef& def) const { return text_.indicator(def); }

    std::string stage_name(Stage stage) const { return std::string(text_.stage(stage)); }

    std::string group_title(const GroupKey& key) const {
        std::string title = key.district.empty() ? std::string() : key.district + " ";
        if (key.year) title += text_(Text::year_of, *key.year) + " ";
        return title + stage_name(key.stage);
    }

    std::string limit_text(const std::optional<Limit>& limit) const {
        return limit ? detail::limit_text(*limit, 2) : "—";
    }

    /// "—" where the profile sets no limit (nothing to judge, not a fault); "not judged" where
    /// it sets one the coefficient could not be held against (NA).
    std::string verdict(const std::optional<bool>& pass, const std::optional<Limit>& limit) const {
        if (!limit) return "—";
        if (!pass) return std::string(text_[Text::not_judged]);
        return std::string(text_[*pass ? Text::pass : Text::fail]);
    }

    std::string group_verdict(const GroupResult& group) const {
        if (!group.judged) return std::string(text_[Text::not_judged]);
        return std::string(text_[group.pass ? Text::pass : Text::fail]);
    }

    static const char* verdict_class(const std::optional<bool>& pass) {
        if (!pass) return "";
        return *pass ? "pass" : "fail";
    }

    /// The id of an element: unique in a document that holds several reports.
    std::string anchor(std::string_view name) const { return anchor_prefix_ + std::string(name); }

    void write_header(const std::string& heading) {
        const Profile& profile = report_.profile;
        out_ << "<header>\n<h1>" << e(heading) << "</h1>\n<table class=\"meta\">\n";
        meta_row(Text::profile, e(profile.id + " — " + text_.profile_title(profile)));
        meta_row(Text::source, e(profile.source));
        if (!profile.file.empty()) {
            const std::string file = "<code>" + e(profile.file) + "</code>";
            meta_row(Text::profile_file,
                     profile.edited ? "<span class=\"fail\">" +
                                          fmt::format(fmt::runtime(e(text_[Text::profile_edited])),
                                                      file, e(profile.id)) +
                                          "</span>"
                                    : file);
        }
        if (!profile.changes.empty()) {
            std::string changes;
            for (const auto& change : profile.changes) {
                changes += (changes.empty() ? "" : "<br>") + ("<code>" + e(change) + "</code>");
            }
            meta_row(Text::profile_changes, changes);
        }
        meta_row(Text::estimator, e(text_[Text::estimator_text]));
        std::string inputs;
        for (std::size_t i = 0; i < report_.inputs.size(); ++i) {
            inputs += (i ? "<br>" : "") + std::string("<code>") + e(report_.inputs[i]) + "</code>";
        }
        meta_row(Text::inputs, inputs);
        std::string reading;
        for (const auto& note : report_.reading_notes) {
            reading += (reading.empty() ? "" : "<br>") + e(text_.reading_note(note));
        }
        for (const auto& row : report_.rows_not_read) {
            reading +=
                (reading.empty() ? "" : "<br>") +
                e(fmt::format("{}:{}: {}: {}", row.input, row.line,
                              text_[row.reason_id == "footer" ? Text::footer : Text::totals_row],
                              row.text));
        }
        if (!reading.empty()) meta_row(Text::reading, reading);
        meta_row(Text::date, e(report_date(context_.time)));
        meta_row(Text::version, e(std::string(eduqb_version())));
        const Verdicts verdicts = report_.verdicts();
        std::string result =
            text_(Text::result_text, verdicts.groups, verdicts.passed, verdicts.failed());
        if (verdicts.not_judged > 0) {
            result += text_(Text::result_not_judged, verdicts.not_judged);
        }
        meta_row(Text::result, e(result));
        meta_row(Text::excluded, e(text_.excluded_summary(report_)));
        if (!charted_) {
            meta_row(Text::charts,
                     e(text_(Text::charts_left_out, report_.groups.size(), kChartedGroups)));
        }
        out_ << "</table>\n</header>\n";
    }

    /// The paragraph that says in words what the tables below show.
    void write_summary() {
        const std::string paragraph = report_summary(report_, context_.language);
        if (paragraph.empty()) return;
        out_ << "<section class=\"summary\" id=\"" << anchor("summary")
             << "\">\n<h2 class=\"first\">" << e(text_[Text::summary_heading]) << "</h2>\n<p>"
             << e(paragraph) << "</p>\n</section>\n";
    }

    /// One row per group, linked to its section: where a large report starts.
    void write_overview() {
        out_ << "<section class=\"overview\" id=\"" << anchor("overview")
             << "\">\n<h2 class=\"first\">" << e(text_[Text::overview])
             << "</h2>\n<table>\n<thead><tr>";
        for (Text head :
             {Text::district, Text::stage, Text::school_count, Text::students, Text::composite,
              Text::failed_indicators, Text::schools_failing, Text::verdict}) {
            out_ << "<th>" << e(text_[head]) << "</th>";
        }
        out_ << "</tr></thead>\n<tbody>\n";
        int number = 0;
        for (const auto& group : report_.groups) {
            long failed = 0;
            for (const auto& indicator : group.indicators) failed += indicator.pass == false;
            const auto& composite = group.composite;
            std::string place = group.key.district;
            if (group.key.year) place += " " + std::to_string(*group.key.year);
            out_ << "<tr><td><a href=\"#" << anchor("group-") << ++number << "\">" << e(place)
                 << "</a></td><td>" << e(stage_name(group.key.stage)) << "</td><td class=\"num\">"
                 << group.schools << "</td><td class=\"num\">" << e(thousands(group.students))
                 << "</td><td class=\"num " << verdict_class(composite.pass) << "\">"
                 << e(composite.cv.defined() ? rounded(composite.cv.value, 3) : "NA")
                 << "</td><td class=\"num" << (failed > 0 ? " fail" : "") << "\">" << failed
                 << "</td><td class=\"num\">"
                 << (group.schools_failing ? std::to_string(*group.schools_failing) : "—")
                 << "</td><td class=\"" << (group.pass ? "pass" : "fail") << "\">"
                 << e(group_verdict(group)) << "</td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    void meta_row(Text name, const std::string& html) {
        out_ << "<tr><th>" << e(text_[name]) << "</th><td>" << html << "</td></tr>\n";
    }

    const std::vector<const SchoolResult*>& schools_of(const GroupKey& key) const {
        return schools_by_group_.of(key);
    }

    std::vector<std::string> failures(const GroupResult& group) const {
        std::vector<std::string> reasons;
        const auto& defs = report_.profile.indicators;
        for (std::size_t k = 0; k < group.indicators.size(); ++k) {
            const auto& indicator = group.indicators[k];
            if (indicator.pass == false) {
                reasons.push_back(text_(Text::fail_indicator, label(defs[k]),
                                        rounded(indicator.dispersion.cv.value, 3),
                                        limit_text(indicator.limit)));
            }
        }
        if (group.composite.pass == false) {
            reasons.push_back(text_(Text::fail_composite, rounded(group.composite.cv.value, 3),
                                    limit_text(group.composite.limit)));
        }
        if (group.schools_failing && *group.schools_failing > 0) {
            reasons.push_back(text_(Text::fail_schools, *group.schools_failing));
        }
        return reasons;
    }

    void write_group(const GroupResult& group, bool first) {
        const auto& schools = schools_of(group.key);
        write_group_facts(group, first);
        write_coefficient_table(group, schools);
        write_checks(group);
        write_area_comparison(group);
        detail::write_html_measures(text_, report_.profile, group, out_);
        write_two_types(group, schools);
        if (charted_) {
            write_cv_chart(group);
            detail::write_html_share_chart(text_, report_.profile, group, group_title(group.key),
                                           out_);
            const bool has_standards = report_.profile.has_standards(group.key.stage);
            if (has_standards || !schools.empty()) write_school_charts(group, schools);
        }
        if (level_ == Level::school) write_school_table(schools);
        out_ << "</section>\n";
    }

    /// The heading with the verdict, the group's facts and the sentences naming each failure.
    void write_group_facts(const GroupResult& group, bool first) {
        out_ << "<section class=\"group\" id=\"" << anchor("group-") << ++group_number_
             << "\">\n<h2" << (first ? " class=\"first\"" : "") << ">" << e(group_title(group.key))
             << "<span class=\"badge " << (group.pass ? "pass" : "fail") << "\">"
             << e(group_verdict(group)) << "</span></h2>\n";
        std::string facts =
            text_(Text::group_facts, group.schools, thousands(group.students), group.excluded);
        if (group.schools_compliant) {
            facts +=
                text_(Text::school_rule_facts, *group.schools_compliant, *group.schools_failing);
            if (group.schools_not_judged > 0) {
                facts += text_(Text::not_judged_facts, group.schools_not_judged);
            }
        }
        out_ << "<p>" << e(facts) << "</p>\n";
        const auto reasons = failures(group);
        if (!reasons.empty()) {
            out_ << "<ul class=\"failures\">\n";
            for (const auto& reason : reasons) out_ << "<li>" << e(reason) << "</li>\n";
            out_ << "</ul>\n";
        }
    }

    /// The summary table: one row per indicator, then the composite.
    void write_coefficient_table(const GroupResult& group,
                                 const std::vector<const SchoolResult*>& schools) {
        const auto& defs = report_.profile.indicators;
        const double floor_fraction =
            report_.profile.school_rule ? report_.profile.school_rule->floor_fraction : 0.0;
        const bool has_standards = report_.profile.has_standards(group.key.stage);
        out_ << "<table class=\"summary\">\n<thead><tr><th>" << e(text_[Text::indicator])
             << "</th><th>" << e(text_[Text::district_value]) << "</th>";
        if (has_standards) {
            out_ << "<th>" << e(text_[Text::standard]) << "</th><th>"
                 << e(text_[Text::below_standard]) << "</th>";
        }
        out_ << "<th>" << e(text_[Text::cv]) << "</th><th>" << e(text_[Text::limit]) << "</th><th>"
             << e(text_[Text::verdict]) << "</th></tr></thead>\n<tbody>\n";
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const auto& indicator = group.indicators[k];
            const auto& dispersion = indicator.dispersion;
            const int decimals = detail::value_decimals(defs[k]);
            out_ << "<tr><th>" << e(label(defs[k])) << "</th><td class=\"num\">"
                 << e(dispersion.value.defined() ? rounded(dispersion.value.value, decimals)
                                                 : text_.not_available(dispersion.value.na))
                 << "</td>";
            if (has_standards) {
                const auto& standard = for_stage(defs[k].standard, group.key.stage);
                long below = 0;
                long below_floor = 0;
                for (const auto* school : schools) {
                    below += school->statuses[k] == StandardStatus::above_floor ||
                             school->statuses[k] == StandardStatus::below_floor;
                    below_floor += school->statuses[k] == StandardStatus::below_floor;
                }
                std::string below_text = std::to_string(below);
                if (below_floor > 0) {
                    below_text +=
                        " (" + text_(Text::below_floor_note, percent(floor_fraction), below_floor) +
                        ")";
                }
                const char* below_class = below_floor > 0 ? "num fail"
                                          : below > 0     ? "num warn"
                                                          : "num";
                out_ << "<td class=\"num\">"
                     << e(standard ? rounded(*standard, decimals) : std::string("—"))
                     << "</td><td class=\"" << below_class << "\">"
                     << (standard ? e(below_text) : "—") << "</td>";
            }
            out_ << "<td class=\"num " << verdict_class(indicator.pass) << "\">"
                 << e(dispersion.cv.defined() ? rounded(dispersion.cv.value, 3)
                                              : text_.not_available(detail::na_reason(dispersion)))
                 << "</td><td class=\"num\">" << e(limit_text(indicator.limit))
                 << "</td><td class=\"" << verdict_class(indicator.pass) << "\">"
                 << e(verdict(indicator.pass, indicator.limit)) << "</td></tr>\n";
        }
        const auto& composite = group.composite;
        out_ << "<tr><th>" << e(text_[Text::composite]) << "</th><td></td>";
        if (has_standards) out_ << "<td></td><td></td>";
        out_ << "<td class=\"num " << verdict_class(composite.pass) << "\">"
             << e(composite.cv.defined() ? rounded(composite.cv.value, 3)
                                         : text_.not_available(composite.cv.na))
             << "</td><td class=\"num\">" << e(limit_text(composite.limit)) << "</td><td class=\""
             << verdict_class(composite.pass) << "\">"
             << e(verdict(composite.pass, composite.limit)) << "</td></tr>\n</tbody>\n</table>\n";
    }

    void table_head(std::initializer_list<std::string_view> heads) {
        out_ << "<thead><tr>";
        for (std::string_view head : heads) out_ << "<th>" << e(head) << "</th>";
        out_ << "</tr></thead>\n<tbody>\n";
    }

    /// How many sections fail each per-school check (class size, school size, ...) and how
    /// many lack the data, then the count of the two types of schools.
    void write_checks(const GroupResult& group) {
        const Profile& profile = report_.profile;
        if (group.checks.empty() && !profile.two_types) return;
        out_ << "<h3>" << e(text_[Text::school_checks]) << "</h3>\n";
        if (!group.checks.empty()) {
            out_ << "<table class=\"checks\">\n";
            table_head({text_[Text::check], text_[Text::check_failing_count],
                        text_[Text::check_missing_count]});
            for (std::size_t c = 0; c < group.checks.size(); ++c) {
                const CheckCount& check = group.checks[c];
                out_ << "<tr><th>" << e(text_.check(profile.school_checks[c]))
                     << "</th><td class=\"num" << (check.failing > 0 ? " fail" : "") << "\">"
                     << check.failing << "</td><td class=\"num"
                     << (check.missing > 0 ? " warn" : "") << "\">" << check.missing
                     << "</td></tr>\n";
            }
            out_ << "</tbody>\n</table>\n";
        }
        if (profile.two_types) {
            out_ << "<p>"
                 << e(text_(Text::two_types_counts, group.rural_small, group.township_boarding))
                 << "</p>\n";
        }
    }

    std::string area_value(const Measure& value, const IndicatorDef& def) const {
        return value.defined() ? rounded(value.value, detail::value_decimals(def))
                               : std::string(text_[Text::missing_value]);
    }

    /// 城乡比较: each indicator's value over the urban, town and rural schools, then the
    /// urban − rural difference and the urban / rural ratio.
    void write_area_comparison(const GroupResult& group) {
        if (group.by_area.size() < 2) return;
        const auto& defs = report_.profile.indicators;
        out_ << "<h3>" << e(text_[Text::area_comparison]) << "</h3>\n<table class=\"areas\">\n"
             << "<thead><tr><th>" << e(text_[Text::area_row]) << "</th>";
        for (const auto& def : defs) out_ << "<th>" << e(label(def)) << "</th>";
        out_ << "</tr></thead>\n<tbody>\n";
        for (const AreaSummary& area : group.by_area) {
            out_ << "<tr><th>"
                 << e(area.schools == 1
                          ? text_(Text::area_school_one, text_.area(area.area))
                          : text_(Text::area_schools, text_.area(area.area), area.schools))
                 << "</th>";
            for (std::size_t k = 0; k < defs.size(); ++k) {
                out_ << "<td class=\"num\">" << e(area_value(area.values[k], defs[k])) << "</td>";
            }
            out_ << "</tr>\n";
        }
        const auto gaps = detail::urban_rural_gaps(group);
        if (!gaps.empty()) {
            std::vector<std::string> difference(defs.size());
            std::vector<std::string> ratio(defs.size());
            for (const auto& gap : gaps) {
                difference[gap.indicator] = detail::signed_rounded(
                    gap.urban - gap.rural, detail::value_decimals(defs[gap.indicator]));
                ratio[gap.indicator] = gap.rural != 0 ? rounded(gap.urban / gap.rural, 2)
                                                      : std::string(text_[Text::missing_value]);
            }
            gap_row(text_[Text::urban_minus_rural], difference);
            gap_row(text_[Text::urban_over_rural], ratio);
        }
        out_ << "</tbody>\n</table>\n";
    }

    void gap_row(std::string_view name, const std::vector<std::string>& cells) {
        out_ << "<tr><th>" << e(name) << "</th>";
        for (const auto& cell : cells) out_ << "<td class=\"num\">" << e(cell) << "</td>";
        out_ << "</tr>\n";
    }

    /// 两类学校: the rural small and township boarding schools, each with what it lacks.
    void write_two_types(const GroupResult& group,
                         const std::vector<const SchoolResult*>& schools) {
        if (!report_.profile.two_types || group.rural_small + group.township_boarding == 0) return;
        out_ << "<h3>" << e(text_[Text::two_types]) << "</h3>\n<table class=\"two-types\">\n";
        table_head({text_[Text::school_id], text_[Text::school_name], text_[Text::kind],
                    text_[Text::students], text_[Text::what_it_lacks]});
        for (const SchoolResult* school : schools) {
            if (!school->two_types()) continue;
            out_ << "<tr><td>" << e(school->school_id) << "</td><td>" << e(school->school_name)
                 << "</td><td>" << e(text_[detail::two_types_kind(*school)])
                 << "</td><td class=\"num\">" << e(thousands(school->students)) << "</td><td>"
                 << e(detail::lacks_text(text_, report_.profile, *school)) << "</td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n";
    }

    void write_cv_chart(const GroupResult& group) {
        std::vector<detail::CvBar> bars;
        const auto& defs = report_.profile.indicators;
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const auto& indicator = group.indicators[k];
            const auto& cv = indicator.dispersion.cv;
            bars.push_back(detail::CvBar{
                label(defs[k]), cv.defined() ? std::optional<double>(cv.value) : std::nullopt,
                cv.defined() ? rounded(cv.value, 3) : std::string("NA"),
                indicator.limit ? std::optional<double>(indicator.limit->value) : std::nullopt,
                indicator.pass});
        }
        const auto& composite = group.composite;
        bars.push_back(detail::CvBar{
            std::string(text_[Text::composite]),
            composite.cv.defined() ? std::optional<double>(composite.cv.value) : std::nullopt,
            composite.cv.defined() ? rounded(composite.cv.value, 3) : std::string("NA"),
            composite.limit ? std::optional<double>(composite.limit->value) : std::nullopt,
            composite.pass});
        const std::string title =
            group_title(group.key) + " · " + std::string(text_[Text::cv_chart_title]);
        out_ << "<figure>\n"
             << detail::cv_chart(bars, title, text_[Text::limit_legend]) << "\n<figcaption>"
             << e(title) << "</figcaption>\n</figure>\n";
    }

    void write_school_charts(const GroupResult& group,
                             const std::vector<const SchoolResult*>& schools) {
        const auto& defs = report_.profile.indicators;
        const double floor_fraction =
            report_.profile.school_rule ? report_.profile.school_rule->floor_fraction : 0.0;
        // Only what applies: no floor entry without a floor, no marker without a per-school
        // rule, no standard colours for an indicator without a standard (national-2012).
        const bool rule = report_.profile.school_rule.has_value();
        out_ << "<div class=\"charts\">\n";
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const int decimals = detail::value_decimals(defs[k]);
            const bool has_standard = for_stage(defs[k].standard, group.key.stage).has_value();
            detail::SchoolChartLegend legend;
            if (has_standard) {
                legend.reached = text_[Text::reached];
                legend.above_floor = text_[Text::above_floor];
                if (floor_fraction > 0) {
                    legend.below_floor = text_(Text::below_floor, percent(floor_fraction));
                }
            } else {
                legend.no_standard = text_[Text::no_standard];
            }
            if (rule) legend.noncompliant = text_[Text::noncompliant];
            std::vector<detail::SchoolBar> bars;
            for (const auto* school : schools) {
                const double value = school->values[k];
                const bool missing = is_missing(value);
                bars.push_back(detail::SchoolBar{
                    school->school_name.empty() ? school->school_id : school->school_name,
                    missing ? std::nullopt : std::optional<double>(value),
                    missing ? std::string(text_[Text::missing_value]) : rounded(value, decimals),
                    school->statuses[k], school->compliant == false});
            }
            // Lowest first, so the schools that fall short lead; missing values last.
            std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) {
                if (!a.value || !b.value) return a.value.has_value() && !b.value.has_value();
                return *a.value < *b.value;
            });
            std::vector<detail::ReferenceLine> lines;
            const auto& standard = for_stage(defs[k].standard, group.key.stage);
            if (standard) {
                lines.push_back({*standard,
                                 text_(Text::standard_line, rounded(*standard, decimals)),
                                 detail::ReferenceLine::Style::standard});
                if (floor_fraction > 0) {
                    lines.push_back({floor_fraction * *standard,
                                     text_(Text::floor_line, percent(floor_fraction),
                                           rounded(floor_fraction * *standard, decimals)),
                                     detail::ReferenceLine::Style::floor});
                }
            }
            const auto& value = group.indicators[k].dispersion.value;
            if (value.defined()) {
                lines.push_back({value.value,
                                 text_(Text::district_line, rounded(value.value, decimals)),
                                 detail::ReferenceLine::Style::district});
            }
            const std::string title = label(defs[k]);
            out_ << "<figure>\n<h3>" << e(title) << "</h3>\n"
                 << detail::school_chart(bars, lines, legend,
                                         group_title(group.key) + " · " + title)
                 << "\n<figcaption>" << e(text_(Text::school_chart_caption, text_.unit(defs[k])))
                 << "</figcaption>\n</figure>\n";
        }
        out_ << "</div>\n";
    }

    void write_school_table(const std::vector<const SchoolResult*>& schools) {
        const auto& defs = report_.profile.indicators;
        out_ << "<table class=\"schools\">\n<thead><tr><th>" << e(text_[Text::school_id])
             << "</th><th>" << e(text_[Text::school_name]) << "</th><th>"
             << e(text_[Text::students]) << "</th>";
        for (const auto& def : defs) out_ << "<th>" << e(label(def)) << "</th>";
        out_ << "<th>" << e(text_[Text::reached_count]) << "</th><th>" << e(text_[Text::verdict])
             << "</th>";
        for (const auto& check : report_.profile.school_checks) {
            out_ << "<th>" << e(text_.check(check)) << "</th>";
        }
        out_ << "</tr></thead>\n<tbody>\n";
        for (const auto* school : schools) {
            out_ << "<tr><td>" << e(school->school_id) << "</td><td>" << e(school->school_name)
                 << "</td><td class=\"num\">" << e(thousands(school->students)) << "</td>";
            for (std::size_t k = 0; k < defs.size(); ++k) {
                const auto status = school->statuses[k];
                const char* css = status == StandardStatus::below_floor   ? "num fail"
                                  : status == StandardStatus::above_floor ? "num warn"
                                                                          : "num";
                out_ << "<td class=\"" << css << "\">"
                     << e(is_missing(school->values[k])
                              ? std::string(text_[Text::missing_value])
                              : rounded(school->values[k], detail::value_decimals(defs[k])))
                     << "</td>";
            }
            out_ << "<td class=\"num\">" << school->reached << "</td>";
            if (school->compliant) {
                out_ << "<td class=\"" << (*school->compliant ? "pass" : "fail") << "\">"
                     << e(text_[*school->compliant ? Text::meets : Text::does_not_meet]) << "</td>";
            } else if (detail::school_not_judged(report_.profile, *school)) {
                out_ << "<td>" << e(text_[Text::school_not_judged]) << "</td>";
            } else {
                out_ << "<td>—</td>";
            }
            write_check_cells(*school);
            out_ << "</tr>\n";
        }
        out_ << "</tbody>\n</table>\n";
    }

    /// A section's value of each per-school check: red when it fails, amber without data.
    void write_check_cells(const SchoolResult& school) {
        const auto& checks = report_.profile.school_checks;
        for (std::size_t c = 0; c < school.check_values.size(); ++c) {
            switch (school.check_statuses[c]) {
                case CheckStatus::not_applicable:
                    out_ << "<td>—</td>";
                    break;
                case CheckStatus::missing:
                    out_ << "<td class=\"warn\">" << e(text_[Text::missing_value]) << "</td>";
                    break;
                case CheckStatus::pass:
                case CheckStatus::fail:
                    out_ << "<td class=\"num"
                         << (school.check_statuses[c] == CheckStatus::fail ? " fail" : "") << "\">"
                         << e(rounded(school.check_values[c], detail::check_decimals(checks[c])))
                         << "</td>";
                    break;
            }
        }
    }

    /// True when the report has trends (and so wrote them).
    bool write_trends() {
        const auto trends = compute_trends(report_);
        if (trends.empty()) return false;
        const auto& defs = report_.profile.indicators;
        out_ << "<section class=\"trend\" id=\"" << anchor("trends") << "\">\n<h2 class=\"first\">"
             << e(text_[Text::trends]) << "</h2>\n<p>" << e(text_[Text::trends_intro]) << "</p>\n";
        for (const auto& trend : trends) {
            const std::string name =
                (trend.district.empty() ? std::string() : trend.district + " ") +
                stage_name(trend.stage);
            out_ << "<h3>" << e(name) << "</h3>\n<table class=\"trend\">\n<thead><tr><th>"
                 << e(text_[Text::cv]) << "</th>";
            for (int year : trend.years) out_ << "<th>" << year << "</th>";
            for (std::size_t i = 1; i < trend.years.size(); ++i) {
                out_ << "<th>" << e(text_(Text::change, trend.years[i - 1], trend.years[i]))
                     << "</th>";
            }
            out_ << "<th>" << e(text_[Text::limit]) << "</th></tr></thead>\n<tbody>\n";
            for (std::size_t k = 0; k < trend.indicators.size(); ++k) {
                const auto& indicator = trend.indicators[k];
                out_ << "<tr><th>"
                     << e(k < defs.size() ? label(defs[k]) : std::string(text_[Text::composite]))
                     << "</th>";
                for (const auto& point : indicator.points) {
                    out_ << "<td class=\"num " << (point.pass == false ? "fail" : "") << "\">"
                         << e(point.cv.defined() ? rounded(point.cv.value, 3) : "NA")
                         << (point.pass == false ? " ✗" : "") << "</td>";
                }
                for (std::size_t i = 1; i < indicator.points.size(); ++i) {
                    const auto& change = indicator.points[i].change;
                    std::string text = "—";
                    if (change) {
                        text = fmt::format("{:+.3f}", *change);
                        if (text == "+0.000" || text == "-0.000") text = "0.000";
                    }
                    out_ << "<td class=\"num\">" << e(text) << "</td>";
                }
                out_ << "<td class=\"num\">" << e(limit_text(indicator.limit)) << "</td></tr>\n";
            }
            out_ << "</tbody>\n</table>\n";
            bool any_fail = false;
            for (const auto& indicator : trend.indicators) {
                for (const auto& point : indicator.points) any_fail |= point.pass == false;
            }
            if (any_fail) out_ << "<p>" << e(text_[Text::above_limit_note]) << "</p>\n";
            if (charted_) write_trend_charts(trend);
            detail::write_html_theil_trend(text_, report_.profile, trend, charted_, out_);
        }
        out_ << "</section>\n";
        return true;
    }

    /// A small chart of each indicator's CV over the years, against its limit.
    void write_trend_charts(const Trend& trend) {
        const auto& defs = report_.profile.indicators;
        out_ << "<div class=\"trends\">\n";
        for (std::size_t k = 0; k < trend.indicators.size(); ++k) {
            const auto& indicator = trend.indicators[k];
            std::vector<detail::TrendMark> marks;
            for (const auto& point : indicator.points) {
                marks.push_back(detail::TrendMark{
                    std::to_string(point.year),
                    point.cv.defined() ? std::optional<double>(point.cv.value) : std::nullopt,
                    point.cv.defined() ? rounded(point.cv.value, 3) : "NA", point.pass});
            }
            const std::string title =
                k < defs.size() ? label(defs[k]) : std::string(text_[Text::composite]);
            std::optional<double> limit;
            std::string limit_label;
            if (indicator.limit) {
                limit = indicator.limit->value;
                limit_label = std::string(text_[Text::limit_legend]) + " " +
                              detail::limit_text(*indicator.limit, 2);
            }
            out_ << "<figure>\n"
                 << detail::trend_chart(marks, limit, limit_label, title) << "\n</figure>\n";
        }
        out_ << "</div>\n";
    }

    void write_exclusions() {
        if (report_.exclusions.empty()) return;
        out_ << "<section class=\"exclusions\" id=\"" << anchor("exclusions") << "\">\n<h2>"
             << e(text_[Text::excluded]) << "</h2>\n"
             << "<table>\n<thead><tr>";
        for (Text head : {Text::school_id, Text::school_name, Text::school_type, Text::district,
                          Text::stage, Text::students, Text::rule, Text::line}) {
            out_ << "<th>" << e(text_[head]) << "</th>";
        }
        out_ << "</tr></thead>\n<tbody>\n";
        for (const auto& excluded : report_.exclusions) {
            out_ << "<tr><td>" << e(excluded.school_id) << "</td><td>" << e(excluded.school_name)
                 << "</td><td>" << e(text_.school_type(excluded.school_type)) << "</td><td>"
                 << e(excluded.key.district) << "</td><td>" << e(stage_name(excluded.key.stage))
                 << "</td><td class=\"num\">" << e(thousands(excluded.students)) << "</td><td>"
                 << e(text_.exclusion_rule(report_.profile, excluded.rule_id, excluded.rule))
                 << "</td><td>"
                 << e(fmt::format("{}:{}", report_.inputs.at(excluded.source.file),
                                  excluded.source.line))
                 << "</td></tr>\n";
        }
        out_ << "</tbody>\n</table>\n</section>\n";
    }

    const Report& report_;
    Level level_;
    ReportContext context_;
    const Labels& text_;
    std::ostream& out_;
    SchoolsByGroup schools_by_group_;
    bool charted_;  ///< small enough for every chart
    std::string anchor_prefix_;
    int group_number_ = 0;
};

}  // namespace

void detail::render_html_comparison(const std::vector<Report>& reports, Level level,
                                    const ReportContext& context, std::ostream& out) {
    const Labels& text = labels_for(context.language);
    const std::string title(text[Text::comparison_title]);
    open_document(out, text, title);
    out << "<section class=\"comparison\" id=\"comparison\">\n<h1>" << xml_escape(title)
        << "</h1>\n<table class=\"comparison\">\n<thead><tr><th></th>";
    for (const auto& report : reports) out << "<th>" << xml_escape(report.profile.id) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : side_by_side(reports)) {
        std::string name = row.key.district.empty() ? std::string() : row.key.district + " ";
        if (row.key.year) name += text(Text::year_of, *row.key.year) + " ";
        out << "<tr><th>" << xml_escape(name + std::string(text.stage(row.key.stage))) << "</th>";
        for (const GroupResult* group : row.groups) {
            if (group == nullptr) {
                out << "<td>—</td>";
                continue;
            }
            out << "<td class=\""
                << (group->pass     ? "pass"
                    : group->judged ? "fail"
                                    : "")
                << "\">" << xml_escape(comparison_verdict(text, *group)) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
    for (std::size_t p = 0; p < reports.size(); ++p) {
        const Report& report = reports[p];
        out << "<section class=\"profile\" id=\"profile-" << p + 1 << "\">\n";
        HtmlReport(report, level, context, out, fmt::format("profile-{}-", p + 1))
            .write_body(text(Text::profile_report, report.profile.id));
        out << "</section>\n";
    }
    close_document(out, context);
}

void render_html(const Report& report, Level level, const ReportContext& context,
                 std::ostream& out) {
    HtmlReport(report, level, context, out).write_document();
}

}  // namespace eduqb
