// The XLSX workbook (libxlsxwriter): a summary sheet in the layout of the published county
// tables, one sheet per stage with a row per school section, the exclusions, the trends when
// there are several years, and the parameters the results were computed with.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "base/escape.hpp"
#include "compute/trends.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render.hpp"
#include "report/labels.hpp"
#include "report/render_common.hpp"
#include "report/xlsx_library.hpp"

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
    }

    lxw_format* header() const { return header_; }
    lxw_format* title() const { return title_; }

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
    std::map<std::pair<std::string, Shade>, lxw_format*> cache_;
};

/// One worksheet and a cursor; every write is checked.
class Sheet {
  public:
    Sheet(lxw_workbook* workbook, const std::string& name)
        : name_(name), sheet_(xlsx_library().workbook_add_worksheet(workbook, name.c_str())) {
        if (sheet_ == nullptr) throw OutputError("cannot add the worksheet " + name);
    }

    lxw_worksheet* get() const { return sheet_; }

    /// Always a string cell, never a formula: "=1+1" from the input stays text.
    void text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format) {
        const std::string safe = detail::xlsx_text(value);
        check(xlsx_library().worksheet_write_string(sheet_, row, col, safe.c_str(), format));
    }
    void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
        check(xlsx_library().worksheet_write_number(sheet_, row, col, value, format));
    }
    void blank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
        check(xlsx_library().worksheet_write_blank(sheet_, row, col, format));
    }
    void header(lxw_row_t row, const std::vector<std::string>& names, lxw_format* format) {
        for (std::size_t c = 0; c < names.size(); ++c) {
            text(row, static_cast<lxw_col_t>(c), names[c], format);
        }
    }
    void width(lxw_col_t first, lxw_col_t last, double width) {
        check(xlsx_library().worksheet_set_column(sheet_, first, last, width, nullptr));
    }
    /// Freezes the header row (and `columns` columns) and filters rows 0..last_row.
    void table(lxw_row_t last_row, lxw_col_t last_col, lxw_col_t columns) {
        xlsx_library().worksheet_freeze_panes(sheet_, 1, columns);
        check(xlsx_library().worksheet_autofilter(sheet_, 0, 0, std::max<lxw_row_t>(last_row, 1),
                                                  last_col));
    }

  private:
    void check(lxw_error error) const {
        if (error != LXW_NO_ERROR) {
            throw OutputError(fmt::format("cannot write the worksheet {}: {}", name_,
                                          xlsx_library().lxw_strerror(error)));
        }
    }

    std::string name_;
    lxw_worksheet* sheet_;
};

Shade verdict_shade(const std::optional<bool>& pass) {
    return pass == false ? Shade::fail : Shade::none;
}

class XlsxReport {
  public:
    XlsxReport(const Report& report, const ReportContext& context, lxw_workbook* workbook)
        : report_(report),
          context_(context),
          text_(labels_for(context.language)),
          workbook_(workbook),
          formats_(workbook) {}

    void write() {
        write_summary();
        std::vector<Stage> stages;
        for (const auto& school : report_.schools) {
            if (std::find(stages.begin(), stages.end(), school.key.stage) == stages.end()) {
                stages.push_back(school.key.stage);
            }
        }
        std::sort(stages.begin(), stages.end());
        for (Stage stage : stages) write_stage(stage);
        write_trends();
        write_exclusions();
        write_parameters();
    }

  private:
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
    void write_summary() {
        Sheet sheet(workbook_, label(Text::sheet_summary));
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
        Sheet sheet(workbook_, stage_label(stage));
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
        for (Text name : {Text::reached_count, Text::verdict, Text::file, Text::line}) {
            header.push_back(label(name));
        }
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
            sheet.text(row, col + 2, report_.inputs.at(school.source.file), nullptr);
            sheet.number(row, col + 3, static_cast<double>(school.source.line), formats_.integer());
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

    /// One row per district, stage, indicator and year: filterable, and ready for a chart.
    void write_trends() {
        const auto trends = compute_trends(report_);
        if (trends.empty()) return;
        Sheet sheet(workbook_, label(Text::sheet_trends));
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
        sheet.header(
            0,
            labels({Text::district, Text::stage, Text::indicator_id, Text::indicator_name,
                    Text::year, Text::cv, Text::change_from_previous, Text::limit, Text::verdict}),
            formats_.header());
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
                    ++row;
                }
            }
        }
        sheet.width(0, 1, 12);
        sheet.width(2, 2, 26);
        sheet.width(3, 3, 30);
        sheet.width(4, 8, 12);
        sheet.table(row - 1, 8, 0);
    }

    void write_exclusions() {
        Sheet sheet(workbook_, label(Text::sheet_exclusions));
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
        Sheet sheet(workbook_, label(Text::sheet_parameters));
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
        for (const auto& note : report_.reading_notes) pair(Text::reading, note);
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
    Formats formats_;
};

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
    // The document's creation time is the report's, so that SOURCE_DATE_EPOCH makes the
    // workbook reproducible.
    const Labels& text = labels_for(context.language);
    std::string title =
        detail::xlsx_text(std::string(text[Text::report_title]) + " " + report.profile.id);
    std::string application = fmt::format("eduqb {}", eduqb_version());
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.comments = application.data();
    properties.created = static_cast<time_t>(context.time);
    xlsx_library().workbook_set_properties(workbook.get(), &properties);
    XlsxReport(report, context, workbook.get()).write();
    workbook.close(path);
}

}  // namespace eduqb
