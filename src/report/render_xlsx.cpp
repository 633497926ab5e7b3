// The XLSX workbook (libxlsxwriter): a summary sheet in the layout of the published county
// tables, one sheet per stage with a row per school section, the exclusions, the trends when
// there are several years, and the parameters the results were computed with.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/escape.hpp"
#include "compute/trends.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render.hpp"
#include "report/comparison.hpp"
#include "report/labels.hpp"
#include "report/measure_cells.hpp"
#include "report/render_common.hpp"
#include "report/school_lacks.hpp"
#include "report/summary.hpp"
#include "report/xlsx_library.hpp"
#include "report/xlsx_sheet.hpp"

namespace eduqb {
namespace {

constexpr lxw_color_t kHeaderFill = 0xEEF2F7;
constexpr lxw_color_t kFailFill = 0xFFC7CE;
constexpr lxw_color_t kFailFont = 0x9C0006;
constexpr lxw_color_t kWarnFill = 0xFFEB9C;
constexpr lxw_color_t kWarnFont = 0x9C5700;

/// How a cell looks: plain, or shaded as failing or as below the standard but above the floor.
enum class Shade { none, fail, warn };

/// The cell formats of the workbook, created once.
class Formats {
  public:
    explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {
        header_ = xlsx_library().workbook_add_format(workbook_);
        xlsx_library().format_set_bold(header_);
        xlsx_library().format_set_bg_color(header_, kHeaderFill);
        xlsx_library().format_set_border(header_, LXW_BORDER_THIN);
        xlsx_library().format_set_text_wrap(header_);
        xlsx_library().format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
        title_ = xlsx_library().workbook_add_format(workbook_);
        xlsx_library().format_set_bold(title_);
        xlsx_library().format_set_font_size(title_, 13);
        paragraph_ = xlsx_library().workbook_add_format(workbook_);
        xlsx_library().format_set_text_wrap(paragraph_);
        xlsx_library().format_set_align(paragraph_, LXW_ALIGN_VERTICAL_TOP);
    }

    lxw_format* header() const { return header_; }
    lxw_format* title() const { return title_; }
    lxw_format* paragraph() const { return paragraph_; }

    /// Text cells.
    lxw_format* text(Shade shade) { return get("@", shade); }
    /// Numbers with fixed decimals ("0.00"; 0 decimals get thousands separators).
    lxw_format* number(int decimals, Shade shade = Shade::none) {
        return get(decimals == 0 ? "#,##0" : "0." + std::string(decimals, '0'), shade);
    }
    /// A limit shown with its operator: ≤ 0.50 stays the number 0.5.
    lxw_format* limit(const Limit& limit) {
        return get(fmt::format("\"{} \"0.00", to_symbol(limit.op)), Shade::none);
    }
    lxw_format* integer() { return get("0", Shade::none); }
    /// A share stored as a fraction, shown as "25.0%".
    lxw_format* percent() { return get("0.0%", Shade::none); }

  private:
    lxw_format* get(const std::string& number_format, Shade shade) {
        auto key = std::make_pair(number_format, shade);
        auto found = cache_.find(key);
        if (found != cache_.end()) return found->second;
        lxw_format* format = xlsx_library().workbook_add_format(workbook_);
        xlsx_library().format_set_num_format(format,
                                             number_format.c_str());  // "@": text, kept as typed
        if (shade == Shade::fail) {
            xlsx_library().format_set_bg_color(format, kFailFill);
            xlsx_library().format_set_font_color(format, kFailFont);
        } else if (shade == Shade::warn) {
            xlsx_library().format_set_bg_color(format, kWarnFill);
            xlsx_library().format_set_font_color(format, kWarnFont);
        }
        cache_.emplace(key, format);
        return format;
    }

    lxw_workbook* workbook_;
    lxw_format* header_ = nullptr;
    lxw_format* title_ = nullptr;
    lxw_format* paragraph_ = nullptr;
    std::map<std::pair<std::string, Shade>, lxw_format*> cache_;
};

/// A sheet whose table starts at its first row.
class Sheet : public detail::XlsxSheet {
  public:
    using XlsxSheet::XlsxSheet;
    /// Freezes the header row (and `columns` columns) and filters rows 0..last_row.
    void table(lxw_row_t last_row, lxw_col_t last_col, lxw_col_t columns) {
        freeze_and_filter(0, last_row, last_col, columns);
    }
};

Shade verdict_shade(const std::optional<bool>& pass) {
    return pass == false ? Shade::fail : Shade::none;
}

/// Excel's longest sheet name, in characters.
constexpr std::size_t kSheetNameLimit = 31;

/// The characters of a sheet's own name kept before a profile id, however long the id.
constexpr std::size_t kMinBaseLength = 8;

/// The number of characters of UTF-8 `text`.
std::size_t characters(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

/// The first `limit` characters of UTF-8 `text`.
std::string first_characters(const std::string& text, std::size_t limit) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts_character && ++characters > limit) return text.substr(0, i);
    }
    return text;
}

/// The sheet names of one workbook: unique, at most 31 characters, none of the characters
/// Excel refuses. A workbook of several profiles gives each profile's sheets its id.
class SheetNames {
  public:
    /// `base` followed by `suffix` (the profile id, or nothing), shortened to fit.
    std::string name(const std::string& base, const std::string& suffix) {
        std::string wanted = base;
        if (!suffix.empty()) {
            // The id tells the profiles apart: the base name gives way to it first.
            const std::string id = " " + allowed(suffix);
            const std::size_t room = std::max(
                kMinBaseLength, kSheetNameLimit - std::min(characters(id), kSheetNameLimit));
            wanted = first_characters(base, room) + id;
        }
        std::string name = first_characters(wanted, kSheetNameLimit);
        for (int copy = 2; !used_.insert(name).second; ++copy) {
            const std::string tail = "~" + std::to_string(copy);
            name = first_characters(wanted, kSheetNameLimit - tail.size()) + tail;
        }
        return name;
    }

  private:
    static std::string allowed(std::string text) {
        for (char& c : text) {
            if (std::string_view("[]:*?/\\'").find(c) != std::string_view::npos) c = '_';
        }
        return text;
    }

    std::set<std::string> used_;
};

/// One profile's sheets. In a workbook of several profiles their names carry the profile id.
class XlsxReport {
  public:
    XlsxReport(const Report& report, const ReportContext& context, lxw_workbook* workbook,
               Formats& formats, SheetNames& names, std::string name_suffix = "")
        : report_(report),
          context_(context),
          text_(labels_for(context.language)),
          workbook_(workbook),
          formats_(formats),
          names_(names),
          name_suffix_(std::move(name_suffix)) {}

    void write() {
        if (context_.summary) write_overview();
        write_summary();
        std::vector<Stage> stages;
        for (const auto& school : report_.schools) {
            if (std::find(stages.begin(), stages.end(), school.key.stage) == stages.end()) {
                stages.push_back(school.key.stage);
            }
        }
        std::sort(stages.begin(), stages.end());
        for (Stage stage : stages) write_stage(stage);
        write_area_comparison();
        write_measures();
        write_across_districts();
        write_two_types();
        write_trends();
        write_exclusions();
        write_parameters();
    }

  private:
    /// A sheet named `base`, with the profile's id when the workbook holds several.
    Sheet add_sheet(const std::string& base) {
        return Sheet(workbook_, names_.name(base, name_suffix_));
    }

    std::string stage_label(Stage stage) const { return std::string(text_.stage(stage)); }

    std::string verdict_label(const std::optional<bool>& pass) const {
        if (!pass) return "—";
        return std::string(text_[*pass ? Text::pass : Text::fail]);
    }

    std::string label(Text text) const { return std::string(text_[text]); }

    std::vector<std::string> labels(std::initializer_list<Text> texts) const {
        std::vector<std::string> names;
        for (Text text : texts) names.push_back(label(text));
        return names;
    }

    /// Summary: per group the rows of the published tables (district value, difference
    /// coefficient, limit, verdict), one column per indicator and the composite.
    /// The first sheet: the report's title and its summary paragraph, in one wide cell.
    void write_overview() {
        const std::string paragraph = report_summary(report_, context_.language);
        if (paragraph.empty()) return;
        Sheet sheet = add_sheet(label(Text::sheet_overview));
        xlsx_library().worksheet_set_column(sheet.get(), 0, 0, 100, nullptr);
        sheet.text(0, 0, label(Text::summary_heading), formats_.title());
        // Tall enough for the paragraph at about 50 characters a line.
        const double lines = 1 + static_cast<double>(paragraph.size()) / 120;
        xlsx_library().worksheet_set_row(sheet.get(), 1, 15 * lines, nullptr);
        sheet.text(1, 0, paragraph, formats_.paragraph());
    }

    void write_summary() {
        Sheet sheet = add_sheet(label(Text::sheet_summary));
        const auto& defs = report_.profile.indicators;
        std::vector<std::string> header =
            labels({Text::district, Text::year, Text::stage, Text::item});
        for (const auto& def : defs) header.push_back(text_.indicator(def));
        for (Text name : {Text::composite, Text::school_count, Text::students, Text::excluded,
                          Text::schools_compliant, Text::schools_not_compliant, Text::verdict}) {
            header.push_back(label(name));
        }
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 60, nullptr);
        sheet.header(0, header, formats_.header());
        const auto composite_col = static_cast<lxw_col_t>(4 + defs.size());
        lxw_row_t row = 1;
        for (const auto& group : report_.groups) {
            const std::vector<std::string> items =
                labels({Text::district_value, Text::cv, Text::limit, Text::verdict});
            for (int item = 0; item < 4; ++item, ++row) {
                sheet.text(row, 0, group.key.district, nullptr);
                if (group.key.year) {
                    sheet.number(row, 1, *group.key.year, formats_.integer());
                } else {
                    sheet.blank(row, 1, nullptr);
                }
                sheet.text(row, 2, stage_label(group.key.stage), nullptr);
                sheet.text(row, 3, items[item], nullptr);
                for (std::size_t k = 0; k < defs.size(); ++k) {
                    const auto col = static_cast<lxw_col_t>(4 + k);
                    const auto& indicator = group.indicators[k];
                    const auto& dispersion = indicator.dispersion;
                    if (item == 0) {
                        measure(sheet, row, col, dispersion.value, detail::value_decimals(defs[k]),
                                Shade::none);
                    } else if (item == 1) {
                        measure(sheet, row, col, dispersion.cv, 3, verdict_shade(indicator.pass));
                    } else if (item == 2) {
                        limit(sheet, row, col, indicator.limit);
                    } else {
                        sheet.text(row, col, verdict_label(indicator.pass),
                                   formats_.text(verdict_shade(indicator.pass)));
                    }
                }
                const auto& composite = group.composite;
                if (item == 0) {
                    sheet.blank(row, composite_col, nullptr);
                } else if (item == 1) {
                    measure(sheet, row, composite_col, composite.cv, 3,
                            verdict_shade(composite.pass));
                } else if (item == 2) {
                    limit(sheet, row, composite_col, composite.limit);
                } else {
                    sheet.text(row, composite_col, verdict_label(composite.pass),
                               formats_.text(verdict_shade(composite.pass)));
                }
                sheet.number(row, composite_col + 1, static_cast<double>(group.schools),
                             formats_.integer());
                sheet.number(row, composite_col + 2, group.students, formats_.number(0));
                sheet.number(row, composite_col + 3, static_cast<double>(group.excluded),
                             formats_.integer());
                optional_count(sheet, row, composite_col + 4, group.schools_compliant, false);
                optional_count(sheet, row, composite_col + 5, group.schools_failing, true);
                sheet.text(row, composite_col + 6,
                           label(!group.judged ? Text::not_judged
                                 : group.pass  ? Text::pass
                                               : Text::fail),
                           formats_.text(group.pass ? Shade::none : Shade::fail));
            }
        }
        const auto last_col = static_cast<lxw_col_t>(header.size() - 1);
        sheet.width(0, 0, 12);
        sheet.width(1, 1, 7);
        sheet.width(2, 2, 11);
        sheet.width(3, 3, 18);
        sheet.width(4, composite_col, 14);
        sheet.width(composite_col + 1, last_col, 11);
        sheet.table(row - 1, last_col, 4);
    }

    /// One row per school section of `stage`: codes as text, values as numbers, cells below
    /// the standard shaded (amber above the floor, red below it).
    void write_stage(Stage stage) {
        Sheet sheet = add_sheet(stage_label(stage));
        const auto& defs = report_.profile.indicators;
        std::vector<std::string> header =
            labels({Text::district, Text::year, Text::school_id, Text::school_name,
                    Text::school_type, Text::area, Text::students});
        for (const auto& def : defs) {
            const auto& standard = for_stage(def.standard, stage);
            header.push_back(standard
                                 ? text_(Text::standard_of, text_.indicator(def),
                                         detail::rounded(*standard, detail::value_decimals(def)))
                                 : text_.indicator(def));
        }
        header.push_back(label(Text::reached_count));
        header.push_back(label(Text::verdict));
        for (const auto& check : report_.profile.school_checks) {
            header.push_back(text_.check(check));
            header.push_back(text_(Text::check_verdict, text_.check(check)));
        }
        if (report_.profile.two_types) header.push_back(label(Text::two_types));
        header.push_back(label(Text::file));
        header.push_back(label(Text::line));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 60, nullptr);
        sheet.header(0, header, formats_.header());
        lxw_row_t row = 1;
        for (const auto& school : report_.schools) {
            if (school.key.stage != stage) continue;
            sheet.text(row, 0, school.key.district, nullptr);
            if (school.key.year) {
                sheet.number(row, 1, *school.key.year, formats_.integer());
            } else {
                sheet.blank(row, 1, nullptr);
            }
            sheet.text(row, 2, school.school_id, formats_.text(Shade::none));
            sheet.text(row, 3, school.school_name, nullptr);
            sheet.text(row, 4, std::string(text_.school_type(school.school_type)), nullptr);
            sheet.text(row, 5, std::string(text_.area(school.area_type)), nullptr);
            sheet.number(row, 6, school.students, formats_.number(0));
            for (std::size_t k = 0; k < defs.size(); ++k) {
                const auto col = static_cast<lxw_col_t>(7 + k);
                const auto status = school.statuses[k];
                const Shade shade = status == StandardStatus::below_floor   ? Shade::fail
                                    : status == StandardStatus::above_floor ? Shade::warn
                                                                            : Shade::none;
                if (is_missing(school.values[k])) {
                    sheet.text(row, col, label(Text::missing_value), formats_.text(Shade::fail));
                } else {
                    sheet.number(row, col, school.values[k],
                                 formats_.number(detail::value_decimals(defs[k]), shade));
                }
            }
            const auto col = static_cast<lxw_col_t>(7 + defs.size());
            sheet.number(row, col, school.reached, formats_.integer());
            if (school.compliant) {
                sheet.text(row, col + 1,
                           label(*school.compliant ? Text::meets : Text::does_not_meet),
                           formats_.text(*school.compliant ? Shade::none : Shade::fail));
            } else if (detail::school_not_judged(report_.profile, school)) {
                sheet.text(row, col + 1, label(Text::school_not_judged),
                           formats_.text(Shade::warn));
            } else {
                sheet.blank(row, col + 1, nullptr);
            }
            const lxw_col_t source_col = write_checks_and_kind(sheet, row, col + 2, school);
            sheet.text(row, source_col, report_.inputs.at(school.source.file), nullptr);
            sheet.number(row, source_col + 1, static_cast<double>(school.source.line),
                         formats_.integer());
            ++row;
        }
        const auto last_col = static_cast<lxw_col_t>(header.size() - 1);
        sheet.width(0, 1, 9);
        sheet.width(2, 2, 13);
        sheet.width(3, 3, 26);
        sheet.width(4, 5, 12);
        sheet.width(6, 6, 9);
        sheet.width(7, static_cast<lxw_col_t>(6 + defs.size()), 14);
        sheet.width(static_cast<lxw_col_t>(7 + defs.size()), last_col, 11);
        sheet.table(row - 1, last_col, 4);
    }

    /// Each school check's value and verdict from column `col`, then the section's kind when
    /// the profile singles out the two types of schools; the column after them.
    lxw_col_t write_checks_and_kind(Sheet& sheet, lxw_row_t row, lxw_col_t col,
                                    const SchoolResult& school) {
        const auto& checks = report_.profile.school_checks;
        for (std::size_t c = 0; c < checks.size(); ++c, col += 2) {
            switch (school.check_statuses[c]) {
                case CheckStatus::not_applicable:
                    sheet.text(row, col, "—", nullptr);
                    sheet.text(row, col + 1, "—", nullptr);
                    break;
                case CheckStatus::missing:
                    sheet.text(row, col, label(Text::missing_value), formats_.text(Shade::warn));
                    sheet.text(row, col + 1, label(Text::school_not_judged),
                               formats_.text(Shade::warn));
                    break;
                case CheckStatus::pass:
                case CheckStatus::fail: {
                    const bool fails = school.check_statuses[c] == CheckStatus::fail;
                    const Shade shade = fails ? Shade::fail : Shade::none;
                    sheet.number(row, col, school.check_values[c],
                                 formats_.number(detail::check_decimals(checks[c]), shade));
                    sheet.text(row, col + 1, label(fails ? Text::does_not_meet : Text::meets),
                               formats_.text(shade));
                    break;
                }
            }
        }
        if (!report_.profile.two_types) return col;
        if (school.two_types()) {
            sheet.text(row, col, label(detail::two_types_kind(school)), nullptr);
        } else {
            sheet.blank(row, col, nullptr);
        }
        return col + 1;
    }

    /// The group's key in the first three columns: district, year, stage.
    void group_key(Sheet& sheet, lxw_row_t row, const GroupKey& key) {
        sheet.text(row, 0, key.district, nullptr);
        if (key.year) {
            sheet.number(row, 1, *key.year, formats_.integer());
        } else {
            sheet.blank(row, 1, nullptr);
        }
        sheet.text(row, 2, stage_label(key.stage), nullptr);
    }

    /// 城乡比较: per group with schools of two area types or more, a row per area type with
    /// its schools, students and the value of each indicator over them, then the urban − rural
    /// difference and the urban / rural ratio.
    void write_area_comparison() {
        const bool any =
            std::any_of(report_.groups.begin(), report_.groups.end(),
                        [](const GroupResult& group) { return group.by_area.size() >= 2; });
        if (!any) return;
        Sheet sheet = add_sheet(label(Text::sheet_area_comparison));
        const auto& defs = report_.profile.indicators;
        std::vector<std::string> header =
            labels({Text::district, Text::year, Text::stage, Text::area_row, Text::school_count,
                    Text::students});
        for (const auto& def : defs) header.push_back(text_.indicator(def));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 45, nullptr);
        sheet.header(0, header, formats_.header());
        lxw_row_t row = 1;
        for (const auto& group : report_.groups) {
            if (group.by_area.size() < 2) continue;
            for (const AreaSummary& area : group.by_area) {
                group_key(sheet, row, group.key);
                sheet.text(row, 3, std::string(text_.area(area.area)), nullptr);
                sheet.number(row, 4, static_cast<double>(area.schools), formats_.integer());
                sheet.number(row, 5, area.students, formats_.number(0));
                for (std::size_t k = 0; k < defs.size(); ++k) {
                    measure(sheet, row, static_cast<lxw_col_t>(6 + k), area.values[k],
                            detail::value_decimals(defs[k]), Shade::none);
                }
                ++row;
            }
            row = write_urban_rural_gaps(sheet, row, group);
        }
        const auto last_col = static_cast<lxw_col_t>(header.size() - 1);
        sheet.width(0, 2, 11);
        sheet.width(3, 3, 24);
        sheet.width(4, 5, 10);
        sheet.width(6, last_col, 14);
        sheet.table(row - 1, last_col, 4);
    }

    /// The urban − rural difference and urban / rural ratio rows of a group that has both.
    lxw_row_t write_urban_rural_gaps(Sheet& sheet, lxw_row_t row, const GroupResult& group) {
        const auto gaps = detail::urban_rural_gaps(group);
        if (gaps.empty()) return row;
        const auto& defs = report_.profile.indicators;
        for (const Text item : {Text::urban_minus_rural, Text::urban_over_rural}) {
            group_key(sheet, row, group.key);
            sheet.text(row, 3, label(item), nullptr);
            sheet.blank(row, 4, nullptr);
            sheet.blank(row, 5, nullptr);
            std::size_t next = 0;
            for (std::size_t k = 0; k < defs.size(); ++k) {
                const auto col = static_cast<lxw_col_t>(6 + k);
                if (next >= gaps.size() || gaps[next].indicator != k) {
                    sheet.blank(row, col, nullptr);
                    continue;
                }
                const auto& gap = gaps[next++];
                if (item == Text::urban_minus_rural) {
                    sheet.number(row, col, gap.urban - gap.rural,
                                 formats_.number(detail::value_decimals(defs[k])));
                } else if (gap.rural != 0) {
                    sheet.number(row, col, gap.urban / gap.rural, formats_.number(2));
                } else {
                    sheet.text(row, col, label(Text::missing_value), nullptr);
                }
            }
            ++row;
        }
        return row;
    }

    /// 两类学校: every rural small and township boarding school section and what it lacks.
    void write_two_types() {
        if (!report_.profile.two_types) return;
        Sheet sheet = add_sheet(label(Text::sheet_two_types));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
        sheet.header(0,
                     labels({Text::district, Text::year, Text::stage, Text::school_id,
                             Text::school_name, Text::kind, Text::students, Text::what_it_lacks}),
                     formats_.header());
        lxw_row_t row = 1;
        for (const auto& school : report_.schools) {
            if (!school.two_types()) continue;
            group_key(sheet, row, school.key);
            sheet.text(row, 3, school.school_id, formats_.text(Shade::none));
            sheet.text(row, 4, school.school_name, nullptr);
            sheet.text(row, 5, label(detail::two_types_kind(school)), nullptr);
            sheet.number(row, 6, school.students, formats_.number(0));
            sheet.text(row, 7, detail::lacks_text(text_, report_.profile, school), nullptr);
            ++row;
        }
        sheet.width(0, 2, 10);
        sheet.width(3, 3, 13);
        sheet.width(4, 4, 26);
        sheet.width(5, 5, 18);
        sheet.width(6, 6, 9);
        sheet.width(7, 7, 60);
        sheet.table(row - 1, 7, 4);
    }

    /// One row per district, stage, indicator and year: filterable, and ready for a chart.
    void write_trends() {
        const auto trends = compute_trends(report_);
        if (trends.empty()) return;
        Sheet sheet = add_sheet(label(Text::sheet_trends));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
        std::vector<std::string> header =
            labels({Text::district, Text::stage, Text::indicator_id, Text::indicator_name,
                    Text::year, Text::cv, Text::change_from_previous, Text::limit, Text::verdict});
        const bool theil = std::any_of(trends.begin(), trends.end(), [](const Trend& trend) {
            return detail::measures_computed(trend);
        });
        if (theil) {
            for (Text head :
                 {Text::measures_theil, Text::measures_within_area, Text::measures_between_area}) {
                header.push_back(label(head));
            }
        }
        sheet.header(0, header, formats_.header());
        const auto& defs = report_.profile.indicators;
        lxw_row_t row = 1;
        for (const auto& trend : trends) {
            for (std::size_t k = 0; k < trend.indicators.size(); ++k) {
                const auto& indicator = trend.indicators[k];
                for (const auto& point : indicator.points) {
                    sheet.text(row, 0, trend.district, nullptr);
                    sheet.text(row, 1, stage_label(trend.stage), nullptr);
                    sheet.text(row, 2, indicator.id, nullptr);
                    sheet.text(row, 3,
                               k < defs.size() ? text_.indicator(defs[k]) : label(Text::composite),
                               nullptr);
                    sheet.number(row, 4, point.year, formats_.integer());
                    measure(sheet, row, 5, point.cv, 3, verdict_shade(point.pass));
                    if (point.change) {
                        sheet.number(row, 6, *point.change, formats_.number(3));
                    } else {
                        sheet.blank(row, 6, nullptr);
                    }
                    limit(sheet, row, 7, indicator.limit);
                    sheet.text(row, 8, verdict_label(point.pass),
                               formats_.text(verdict_shade(point.pass)));
                    if (theil) write_theil_point(sheet, row, k < defs.size(), point);
                    ++row;
                }
            }
        }
        const auto last_col = static_cast<lxw_col_t>(header.size() - 1);
        sheet.width(0, 1, 12);
        sheet.width(2, 2, 26);
        sheet.width(3, 3, 30);
        sheet.width(4, last_col, 12);
        sheet.table(row - 1, last_col, 0);
    }

    /// A trend point's Theil index and its split by area type, in columns 9 to 11; blank for
    /// the composite, which has none.
    void write_theil_point(Sheet& sheet, lxw_row_t row, bool indicator, const TrendPoint& point) {
        const Measure* parts[] = {&point.theil, &point.theil_within_area,
                                  &point.theil_between_area};
        for (lxw_col_t c = 0; c < 3; ++c) {
            if (indicator) {
                measure(sheet, row, 9 + c, *parts[c], detail::kTheilDecimals, Shade::none);
            } else {
                sheet.blank(row, 9 + c, nullptr);
            }
        }
    }

    /// The measures beside the CV, one row per group and indicator, when the run computed
    /// them: numbers in full precision, NA as text with its reason.
    void write_measures() {
        const bool any =
            std::any_of(report_.groups.begin(), report_.groups.end(),
                        [](const GroupResult& group) { return detail::measures_computed(group); });
        if (!any) return;
        Sheet sheet = add_sheet(label(Text::measures_sheet));
        std::vector<std::string> header = labels(
            {Text::district, Text::year, Text::stage, Text::indicator_id, Text::indicator_name});
        for (auto& head : detail::measure_heads(text_)) header.push_back(std::move(head));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 45, nullptr);
        sheet.header(0, header, formats_.header());
        const auto& defs = report_.profile.indicators;
        lxw_row_t row = 1;
        for (const auto& group : report_.groups) {
            if (!detail::measures_computed(group)) continue;
            for (std::size_t k = 0; k < defs.size(); ++k, ++row) {
                group_key(sheet, row, group.key);
                sheet.text(row, 3, defs[k].id, nullptr);
                sheet.text(row, 4, text_.indicator(defs[k]), nullptr);
                const InequalityMeasures& m = group.indicators[k].measures;
                measure(sheet, row, 5, m.theil, detail::kTheilDecimals, Shade::none);
                measure(sheet, row, 6, m.theil_within_area, detail::kTheilDecimals, Shade::none);
                measure(sheet, row, 7, m.theil_between_area, detail::kTheilDecimals, Shade::none);
                share(sheet, row, 8, m.theil_between_area, m.theil);
                measure(sheet, row, 9, m.gini, detail::kGiniDecimals, Shade::none);
                measure(sheet, row, 10, m.mcloone, detail::kMcLooneDecimals, Shade::none);
                measure(sheet, row, 11, m.range_ratio, detail::kRangeRatioDecimals, Shade::none);
            }
        }
        sheet.width(0, 2, 11);
        sheet.width(3, 3, 26);
        sheet.width(4, 4, 24);
        sheet.width(5, 11, 14);
        sheet.table(row - 1, 11, 5);
    }

    /// The Theil index of each (year, stage) over every district and its split into the part
    /// within the districts and the part between them; a report of one district has none.
    void write_across_districts() {
        const auto entries = detail::across_districts_of(report_);
        if (entries.empty()) return;
        Sheet sheet = add_sheet(label(Text::measures_across_sheet));
        std::vector<std::string> header =
            labels({Text::year, Text::stage, Text::indicator_id, Text::indicator_name});
        for (auto& head : detail::across_heads(text_)) header.push_back(std::move(head));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 45, nullptr);
        sheet.header(0, header, formats_.header());
        const auto& defs = report_.profile.indicators;
        lxw_row_t row = 1;
        for (const AcrossDistricts& across : entries) {
            for (std::size_t k = 0; k < across.indicators.size(); ++k, ++row) {
                const DistrictsTheil& indicator = across.indicators[k];
                if (across.year) {
                    sheet.number(row, 0, *across.year, formats_.integer());
                } else {
                    sheet.blank(row, 0, nullptr);
                }
                sheet.text(row, 1, stage_label(across.stage), nullptr);
                sheet.text(row, 2, indicator.id, nullptr);
                sheet.text(row, 3, text_.indicator(defs[k]), nullptr);
                measure(sheet, row, 4, indicator.theil, detail::kTheilDecimals, Shade::none);
                measure(sheet, row, 5, indicator.within, detail::kTheilDecimals, Shade::none);
                measure(sheet, row, 6, indicator.between, detail::kTheilDecimals, Shade::none);
                share(sheet, row, 7, indicator.between, indicator.theil);
            }
        }
        sheet.width(0, 1, 9);
        sheet.width(2, 2, 26);
        sheet.width(3, 3, 24);
        sheet.width(4, 7, 14);
        sheet.table(row - 1, 7, 4);
    }

    /// `part` / `whole` as a percentage; as text where the share is undefined.
    void share(Sheet& sheet, lxw_row_t row, lxw_col_t col, const Measure& part,
               const Measure& whole) {
        if (const auto fraction = detail::share_of(part, whole)) {
            sheet.number(row, col, *fraction, formats_.percent());
        } else {
            sheet.text(row, col, detail::share_cell(text_, part, whole), nullptr);
        }
    }

    void write_exclusions() {
        Sheet sheet = add_sheet(label(Text::sheet_exclusions));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
        sheet.header(0,
                     labels({Text::district, Text::year, Text::stage, Text::school_id,
                             Text::school_name, Text::school_type, Text::students, Text::rule_id,
                             Text::rule, Text::file, Text::line}),
                     formats_.header());
        lxw_row_t row = 1;
        for (const auto& excluded : report_.exclusions) {
            sheet.text(row, 0, excluded.key.district, nullptr);
            if (excluded.key.year) {
                sheet.number(row, 1, *excluded.key.year, formats_.integer());
            } else {
                sheet.blank(row, 1, nullptr);
            }
            sheet.text(row, 2, stage_label(excluded.key.stage), nullptr);
            sheet.text(row, 3, excluded.school_id, formats_.text(Shade::none));
            sheet.text(row, 4, excluded.school_name, nullptr);
            sheet.text(row, 5, std::string(text_.school_type(excluded.school_type)), nullptr);
            sheet.number(row, 6, excluded.students, formats_.number(0));
            sheet.text(row, 7, excluded.rule_id, nullptr);
            sheet.text(row, 8,
                       text_.exclusion_rule(report_.profile, excluded.rule_id, excluded.rule),
                       nullptr);
            sheet.text(row, 9, report_.inputs.at(excluded.source.file), nullptr);
            sheet.number(row, 10, static_cast<double>(excluded.source.line), formats_.integer());
            ++row;
        }
        sheet.width(0, 2, 10);
        sheet.width(3, 3, 13);
        sheet.width(4, 4, 26);
        sheet.width(5, 7, 14);
        sheet.width(8, 8, 40);
        sheet.width(9, 10, 12);
        sheet.table(row - 1, 10, 0);
    }

    /// Everything the numbers depend on: profile, limits, weights, standards, scope and split
    /// rules, inputs and version.
    void write_parameters() {
        Sheet sheet = add_sheet(label(Text::sheet_parameters));
        const Profile& profile = report_.profile;
        lxw_row_t row = 0;
        auto pair = [&](Text name, const std::string& value) {
            sheet.text(row, 0, label(name), formats_.header());
            sheet.text(row, 1, value, nullptr);
            ++row;
        };
        pair(Text::profile, profile.id);
        pair(Text::title, text_.profile_title(profile));
        pair(Text::source, profile.source);
        if (!profile.file.empty()) pair(Text::profile_file, text_.profile_file_note(profile));
        for (const auto& change : profile.changes) pair(Text::profile_changes, change);
        pair(Text::estimator, label(Text::estimator_text));
        for (const auto& input : report_.inputs) pair(Text::inputs, input);
        for (const auto& note : report_.reading_notes) {
            pair(Text::reading, text_.reading_note(note));
        }
        for (const auto& skipped : report_.rows_not_read) {
            pair(skipped.reason_id == "footer" ? Text::footer : Text::totals_row,
                 fmt::format("{}:{}: {}", skipped.input, skipped.line, skipped.text));
        }
        pair(Text::date, report_date(context_.time));
        pair(Text::version, std::string(eduqb_version()));
        if (profile.school_rule) {
            sheet.text(row, 0, label(Text::school_rule_min), formats_.header());
            sheet.number(row++, 1, profile.school_rule->min_reached, formats_.integer());
            sheet.text(row, 0, label(Text::school_rule_floor), formats_.header());
            sheet.number(row++, 1, profile.school_rule->floor_fraction, formats_.number(2));
        }

        // Indicators: unit, weight, standards and limits per evaluated stage.
        ++row;
        sheet.text(row++, 0, label(Text::indicators), formats_.title());
        std::vector<std::string> header = labels(
            {Text::indicator_id, Text::indicator_name, Text::unit, Text::multiplier, Text::weight});
        for (Stage stage : profile.stages) {
            header.push_back(text_(Text::standard_for, text_.stage(stage)));
        }
        for (Stage stage : profile.stages) {
            header.push_back(text_(Text::cv_limit_for, text_.stage(stage)));
        }
        sheet.header(row++, header, formats_.header());
        for (const auto& def : profile.indicators) {
            sheet.text(row, 0, def.id, nullptr);
            sheet.text(row, 1, text_.indicator(def), nullptr);
            sheet.text(row, 2, text_.unit(def), nullptr);
            sheet.number(row, 3, def.multiplier, nullptr);
            sheet.number(row, 4, def.weight, nullptr);
            lxw_col_t col = 5;
            for (Stage stage : profile.stages) {
                if (const auto& standard = for_stage(def.standard, stage)) {
                    sheet.number(row, col, *standard, nullptr);
                } else {
                    sheet.blank(row, col, nullptr);
                }
                ++col;
            }
            for (Stage stage : profile.stages)
                limit(sheet, row, col++, for_stage(def.cv_limit, stage));
            ++row;
        }
        sheet.text(row, 0, "composite", nullptr);
        sheet.text(row, 1, label(Text::composite), nullptr);
        lxw_col_t col = static_cast<lxw_col_t>(5 + profile.stages.size());
        for (Stage stage : profile.stages) {
            limit(sheet, row, col++, for_stage(profile.composite_limit, stage));
        }
        ++row;

        // Scope rules.
        ++row;
        sheet.text(row++, 0, label(Text::exclusion_rules), formats_.title());
        sheet.header(row++,
                     labels({Text::rule_id, Text::rule, Text::school_type, Text::stage,
                             Text::students_below}),
                     formats_.header());
        for (const auto& rule : profile.exclusions) {
            sheet.text(row, 0, rule.id, nullptr);
            sheet.text(row, 1, text_.exclusion_rule(profile, rule.id, rule.description), nullptr);
            sheet.text(row, 2,
                       rule.school_type ? std::string(text_.school_type(*rule.school_type)) : "",
                       nullptr);
            sheet.text(row, 3, rule.stage ? std::string(text_.stage(*rule.stage)) : "", nullptr);
            if (rule.students_below) {
                sheet.number(row, 4, *rule.students_below, nullptr);
            } else {
                sheet.blank(row, 4, nullptr);
            }
            ++row;
        }

        // Split ratios of combined schools.
        ++row;
        sheet.text(row++, 0, label(Text::split_weights), formats_.title());
        std::string columns;
        for (Column column : profile.split.columns) {
            columns += (columns.empty() ? "" : ", ") + std::string(column_name(column));
        }
        pair(Text::shared_columns, columns);
        sheet.header(row++,
                     labels({Text::school_type, Text::stage_primary, Text::stage_junior,
                             Text::stage_senior}),
                     formats_.header());
        for (const auto& [type, weights] : profile.split.weights) {
            sheet.text(row, 0, std::string(text_.school_type(type)), nullptr);
            for (int stage = 0; stage < 3; ++stage) {
                if (weights[stage]) {
                    sheet.number(row, static_cast<lxw_col_t>(1 + stage), *weights[stage], nullptr);
                } else {
                    sheet.blank(row, static_cast<lxw_col_t>(1 + stage), nullptr);
                }
            }
            ++row;
        }
        sheet.width(0, 0, 40);
        sheet.width(1, 2, 34);
        sheet.width(3, 12, 16);
    }

    void measure(Sheet& sheet, lxw_row_t row, lxw_col_t col, const Measure& value, int decimals,
                 Shade shade) {
        if (value.defined()) {
            sheet.number(row, col, value.value, formats_.number(decimals, shade));
        } else {
            sheet.text(row, col, text_.not_available(value.na), formats_.text(shade));
        }
    }

    void limit(Sheet& sheet, lxw_row_t row, lxw_col_t col, const std::optional<Limit>& limit) {
        if (limit) {
            sheet.number(row, col, limit->value, formats_.limit(*limit));
        } else {
            sheet.text(row, col, "—", nullptr);
        }
    }

    void optional_count(Sheet& sheet, lxw_row_t row, lxw_col_t col,
                        const std::optional<long>& count, bool failing) {
        if (!count) {
            sheet.blank(row, col, nullptr);
            return;
        }
        lxw_format* format =
            failing && *count > 0 ? formats_.number(0, Shade::fail) : formats_.integer();
        sheet.number(row, col, static_cast<double>(*count), format);
    }

    const Report& report_;
    ReportContext context_;
    const Labels& text_;
    lxw_workbook* workbook_;
    Formats& formats_;
    SheetNames& names_;
    std::string name_suffix_;
};

/// The first sheet of a workbook of several profiles: per group, each profile's verdict and
/// why, as in the Markdown comparison; a failing verdict shaded.
void write_comparison_sheet(const std::vector<Report>& reports, const Labels& text,
                            lxw_workbook* workbook, Formats& formats, SheetNames& names) {
    Sheet sheet(workbook, names.name(std::string(text[Text::sheet_comparison]), ""));
    std::vector<std::string> header;
    for (Text head : {Text::district, Text::year, Text::stage}) header.emplace_back(text[head]);
    for (const auto& report : reports) header.push_back(report.profile.id);
    // Before any row: in constant memory each row is written out when the next begins.
    xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
    sheet.header(0, header, formats.header());
    lxw_row_t row = 1;
    for (const auto& [key, groups] : detail::side_by_side(reports)) {
        sheet.text(row, 0, key.district, nullptr);
        if (key.year) {
            sheet.number(row, 1, *key.year, formats.integer());
        } else {
            sheet.blank(row, 1, nullptr);
        }
        sheet.text(row, 2, std::string(text.stage(key.stage)), nullptr);
        for (std::size_t p = 0; p < groups.size(); ++p) {
            const GroupResult* group = groups[p];
            const auto col = static_cast<lxw_col_t>(3 + p);
            if (group == nullptr) {
                sheet.text(row, col, "—", nullptr);
                continue;
            }
            const bool fails = group->judged && !group->pass;
            sheet.text(row, col, detail::comparison_verdict(text, *group),
                       formats.text(fails ? Shade::fail : Shade::none));
        }
        ++row;
    }
    const auto last_col = static_cast<lxw_col_t>(header.size() - 1);
    sheet.width(0, 0, 12);
    sheet.width(1, 1, 7);
    sheet.width(2, 2, 11);
    sheet.width(3, last_col, 40);
    sheet.table(row - 1, last_col, 3);
}

/// Owns the workbook until it is closed (closing writes the file).
class Workbook {
  public:
    explicit Workbook(const std::string& path) {
        lxw_workbook_options options{};
        // Each row goes to a temporary file when the next begins, strings inline: memory flat
        // in the number of schools. Rows are written in order, sheet by sheet.
        options.constant_memory = LXW_TRUE;
        options.tmpdir = nullptr;
        workbook_ = xlsx_library().workbook_new_opt(path.c_str(), &options);
        if (workbook_ == nullptr) throw OutputError("cannot create the workbook " + path);
    }
    ~Workbook() {
        if (workbook_ != nullptr) xlsx_library().lxw_workbook_free(workbook_);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() const { return workbook_; }

    void close(const std::string& path) {
        lxw_error error = xlsx_library().workbook_close(workbook_);
        workbook_ = nullptr;  // workbook_close frees it, whatever the outcome
        if (error != LXW_NO_ERROR) {
            throw OutputError(
                fmt::format("cannot write {}: {}", path, xlsx_library().lxw_strerror(error)));
        }
    }

  private:
    lxw_workbook* workbook_ = nullptr;
};

}  // namespace

void render_xlsx(const Report& report, const ReportContext& context, const std::string& path) {
    Workbook workbook(path);
    const Labels& text = labels_for(context.language);
    detail::set_workbook_properties(workbook.get(),
                                    std::string(text[Text::report_title]) + " " + report.profile.id,
                                    context.time);
    Formats formats(workbook.get());
    SheetNames names;
    XlsxReport(report, context, workbook.get(), formats, names).write();
    workbook.close(path);
}

void render_comparison_xlsx(const std::vector<Report>& reports, const ReportContext& context,
                            const std::string& path) {
    Workbook workbook(path);
    const Labels& text = labels_for(context.language);
    detail::set_workbook_properties(workbook.get(), text[Text::comparison_title], context.time);
    Formats formats(workbook.get());
    SheetNames names;
    write_comparison_sheet(reports, text, workbook.get(), formats, names);
    for (const auto& report : reports) {
        XlsxReport(report, context, workbook.get(), formats, names, report.profile.id).write();
    }
    workbook.close(path);
}

}  // namespace eduqb
