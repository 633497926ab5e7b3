// The gap analysis as a printable page to hand over (one file: inline CSS, no script, no URL):
// the district summary, one row per group, then 一校一案, a section per school that needs
// action with a small table of what to add. The summary comes first but is known only when
// every group is, so each group's sections wait in a TextSpool: memory stays flat. Over
// kEverySchoolGroups groups only the schools of the groups with a coefficient over its limit
// get sections, so that a national run stays a page a browser opens (docs/gaps.md).

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/escape.hpp"
#include "base/text_stream.hpp"
#include "eduqb/render_gaps.hpp"
#include "report/gap_handover.hpp"
#include "report/gap_writer.hpp"
#include "report/html_style.hpp"
#include "report/labels.hpp"
#include "report/render_common.hpp"
#include "report/summary.hpp"
#include "report/text_spool.hpp"

namespace eduqb {
namespace {

using detail::xml_escape;

/// The rules of this page beside the shared ones (html_style.hpp).
constexpr std::string_view kHeadingStyle = R"(h3 { font-size: 15px; margin: 16px 0 4px; }
p.status { margin: 0 0 4px; color: #444; }
)";
constexpr std::string_view kOwnStyle =
    R"(section.school { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 28px; font-size: 12px; color: #666; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 11px; }
  h2 { break-before: page; page-break-before: always; }
  h2.first, h2.group { break-before: auto; page-break-before: auto; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

/// Groups up to which every school that needs action has a section; beyond, only those of
/// the groups with a coefficient over its limit.
constexpr std::size_t kEverySchoolGroups = 50;

std::string e(std::string_view text) {
    return xml_escape(text);
}

std::string cell(std::string_view text, bool number = false) {
    return (number ? "<td class=\"num\">" : "<td>") + e(text) + "</td>";
}

void append_sized(std::string& text, std::string_view part) {
    const std::uint64_t size = part.size();
    char bytes[sizeof size];
    std::memcpy(bytes, &size, sizeof size);
    text.append(bytes, sizeof size);
    text += part;
}

std::string_view take_sized(std::string_view text, std::size_t& at) {
    std::uint64_t size = 0;
    if (at + sizeof size > text.size()) throw std::logic_error("truncated group record");
    std::memcpy(&size, text.data() + at, sizeof size);
    at += sizeof size;
    const std::string_view part = text.substr(at, size);
    at += part.size();
    return part;
}

bool fails_a_coefficient(const GroupGaps& group) {
    for (const auto& check : group.cv_checks) {
        if (check.pass == false) return true;
    }
    return false;
}

class HtmlGapWriter final : public GapWriter {
  public:
    HtmlGapWriter(std::ostream& out, const ReportContext& context)
        : GapWriter(out), text_(labels_for(context.language)), summary_(context.summary) {}

    void head(const GapReport& gaps, const GapCounts&) override {
        units_ = detail::handover_units(gaps.profile);
        out_ << "<!DOCTYPE html>\n<html lang=\"" << text_[Text::html_lang] << "\">\n<head>\n"
             << "<meta charset=\"utf-8\">\n"
             << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             << "<title>" << e(text_[Text::handover_title]) << "</title>\n<style>"
             << detail::kPageStyle << kHeadingStyle << detail::kTableStyle << kOwnStyle
             << "</style>\n</head>\n<body>\n<main>\n<h1>" << e(text_[Text::handover_title])
             << "</h1>\n<table class=\"meta\">\n";
        meta_row(text_[Text::profile], profile_text(gaps.profile));
        meta_row(text_[Text::per_school_rule], rule_text(gaps.profile));
        std::string inputs;
        for (const auto& input : gaps.inputs) inputs += (inputs.empty() ? "" : ", ") + input;
        meta_row(text_[Text::inputs], inputs);
        meta_row(text_[Text::version], eduqb_version());
    }

    void expect_groups(std::size_t groups) override {
        every_school_ = groups <= kEverySchoolGroups;
        if (summary_) summaries_.reset(groups);
    }

    /// The group as a record: whether its schools are shown ('1' or '0'), its summary row and
    /// its schools' sections, each after its length. write() may get several records at once.
    void group(const GapReport& gaps, const GroupGaps& group, std::size_t rank,
               std::string& text) const override {
        const detail::GroupHandover handover =
            detail::group_handover(gaps.profile, group, units_, text_);
        if (summary_) summaries_.add(rank, group, gaps.profile, handover);
        const bool shown = every_school_ || fails_a_coefficient(group);
        text += shown ? '1' : '0';
        append_sized(text, summary_row(group, handover));
        std::string sections;
        if (shown) school_sections(gaps.profile, group, sections);
        append_sized(text, sections);
    }

    void write(const std::string& text) override {
        std::size_t at = 0;
        while (at < text.size()) {
            groups_shown_ += text[at++] == '1';
            summary_rows_ += take_sized(text, at);
            const std::string_view sections = take_sized(text, at);
            if (!sections.empty()) {
                any_section_ = true;
                sections_.append(sections);
            }
        }
    }

    void tail(const GapReport& gaps, const GapCounts& counts) override {
        meta_row(text_[Text::result],
                 text_(Text::gaps_result, counts.groups, counts.sections, counts.failing));
        out_ << "</table>\n";
        if (summary_) write_summary(gaps.profile);
        out_ << "<p>" << e(text_[Text::gaps_amounts_note]) << "</p>\n";
        if (counts.groups == 0) {
            out_ << "<p>" << e(text_[Text::no_groups]) << "</p>\n";
        } else {
            summary_table();
        }
        out_ << "<h2>" << e(text_[Text::school_plans]) << "</h2>\n";
        if (!every_school_) {
            out_ << "<p>"
                 << e(text_(Text::handover_groups_note, counts.groups, kEverySchoolGroups,
                            groups_shown_))
                 << "</p>\n";
        }
        if (!any_section_) {
            out_ << "<p>" << e(text_[Text::no_school_needs_action]) << "</p>\n";
        }
        sections_.write_to([&](const std::string& text) { out_ << text; });
        out_ << "<footer>eduqb " << e(eduqb_version()) << "</footer>\n</main>\n</body>\n</html>\n";
    }

  private:
    void write_summary(const Profile& profile) {
        const std::string paragraph = summaries_.text(profile, text_.language());
        if (paragraph.empty()) return;
        out_ << "<section class=\"summary\">\n<h2 class=\"first\">"
             << e(text_[Text::summary_heading]) << "</h2>\n<p>" << e(paragraph)
             << "</p>\n</section>\n";
    }

    void meta_row(std::string_view name, std::string_view value) {
        out_ << "<tr><th>" << e(name) << "</th><td>" << e(value) << "</td></tr>\n";
    }

    std::string profile_text(const Profile& profile) const {
        std::string text = text_(Text::profile_source,
                                 profile.id + " — " + text_.profile_title(profile), profile.source);
        if (!profile.file.empty()) {
            text += std::string(text_[Text::clause_separator]) + text_.profile_file_note(profile);
        }
        return text;
    }

    std::string rule_text(const Profile& profile) const {
        if (!profile.school_rule) return std::string(text_[Text::no_school_rule]);
        return text_(Text::per_school_rule_text, profile.school_rule->min_reached,
                     fmt::format("{:g} %", 100 * profile.school_rule->floor_fraction));
    }

    void summary_table() {
        out_ << "<h2 class=\"first\">" << e(text_[Text::district_summary])
             << "</h2>\n<table>\n<tr>";
        for (Text name :
             {Text::group_column, Text::schools, Text::schools_with_plan,
              Text::schools_failing_rule, Text::fixable_schools, Text::not_fixable_schools}) {
            out_ << "<th>" << e(text_[name]) << "</th>";
        }
        for (const auto& unit : units_) {
            out_ << "<th>" << e(text_(Text::to_add_of_unit, text_.unit_name(unit))) << "</th>";
        }
        out_ << "</tr>\n" << summary_rows_ << "</table>\n";
    }

    std::string summary_row(const GroupGaps& group, const detail::GroupHandover& row) const {
        std::string html = "<tr>" + cell(detail::group_name(group.key, text_));
        html += cell(detail::thousands(static_cast<long long>(row.schools)), true);
        html += cell(detail::thousands(static_cast<long long>(row.with_entry)), true);
        html +=
            cell(row.failing ? detail::thousands(static_cast<long long>(*row.failing)) : "—", true);
        html += cell(detail::thousands(static_cast<long long>(row.fixable)), true);
        html += cell(detail::thousands(static_cast<long long>(row.not_fixable)), true);
        for (std::size_t u = 0; u < units_.size(); ++u) {
            html += cell(text_.amount(row.totals[u], units_[u]), true);
        }
        return html + "</tr>\n";
    }

    void school_sections(const Profile& profile, const GroupGaps& group, std::string& html) const {
        const int standards = detail::standards_of_stage(profile, group.key.stage);
        const std::string name = detail::group_name(group.key, text_);
        bool heading = false;
        for (const auto& school : group.gap_schools) {
            if (!detail::needs_action(school)) continue;
            if (!heading) html += "<h2 class=\"group\">" + e(name) + "</h2>\n";
            heading = true;
            html += "<section class=\"school\">\n<h3>" + e(school.school_id) + " " +
                    e(school.school_name) + "</h3>\n<p class=\"status\">" +
                    e(name + " · " + text_.amount(std::llround(school.students), "students")) +
                    "<br>" + e(detail::entry_status(profile, school, standards, text_)) +
                    "</p>\n<table>\n<tr>";
            for (Text column :
                 {Text::item_column, Text::value_now, Text::target_column, Text::to_add}) {
                html += "<th>" + e(text_[column]) + "</th>";
            }
            html += "</tr>\n";
            for (const auto& line : detail::handover_lines(profile, school, text_)) {
                html += "<tr>" + cell(line.item) +
                        cell(is_missing(line.value) ? std::string(text_[Text::missing_value])
                                                    : detail::rounded(line.value, line.decimals),
                             true) +
                        cell(line.target, true) + cell(line.amount_text, true) + "</tr>\n";
            }
            html += "</table>\n</section>\n";
        }
    }

    const Labels& text_;
    std::vector<std::string> units_;
    bool every_school_ = true;
    std::string summary_rows_;  ///< one row per group: small beside the sections
    bool summary_;
    /// Filled by group(), a slot per group: concurrent calls write different slots.
    mutable GapSummaryCollector summaries_;
    std::size_t groups_shown_ = 0;
    bool any_section_ = false;
    TextSpool sections_;
};

}  // namespace

std::unique_ptr<GapWriter> make_gap_html_writer(std::ostream& out, const ReportContext& context) {
    return std::make_unique<HtmlGapWriter>(out, context);
}

}  // namespace eduqb
