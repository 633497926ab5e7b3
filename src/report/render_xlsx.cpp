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

std::string stage_label(Stage stage) {
    return fmt::format("{} {}", to_chinese(stage), to_string(stage));
}

std::string verdict_label(const std::optional<bool>& pass) {
    if (!pass) return "—";
    return *pass ? "达到 pass" : "未达到 fail";
}

Shade verdict_shade(const std::optional<bool>& pass) {
    return pass == false ? Shade::fail : Shade::none;
}

std::string na_label(NaReason reason) {
    return fmt::format("NA ({})", describe(reason));
}

class XlsxReport {
  public:
    XlsxReport(const Report& report, const ReportContext& context, lxw_workbook* workbook)
        : report_(report), context_(context), workbook_(workbook), formats_(workbook) {}

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
    /// Summary: per group the rows of the published tables (district value, difference
    /// coefficient, limit, verdict), one column per indicator and the composite.
    void write_summary() {
        Sheet sheet(workbook_, "汇总 Summary");
        const auto& defs = report_.profile.indicators;
        std::vector<std::string> header = {"区县 District", "年份 Year", "学段 Stage", "项目 Item"};
        for (const auto& def : defs) header.push_back(def.label_zh);
        for (const char* name :
             {"综合差异系数 Composite", "学校数 Schools", "学生数 Students", "未纳入 Excluded",
              "学校达标 Schools compliant", "学校未达标 Schools not compliant", "结论 Verdict"}) {
            header.emplace_back(name);
        }
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 60, nullptr);
        sheet.header(0, header, formats_.header());
        const auto composite_col = static_cast<lxw_col_t>(4 + defs.size());
        lxw_row_t row = 1;
        for (const auto& group : report_.groups) {
            const char* items[] = {"区县值 District value", "差异系数 CV", "限值 Limit",
                                   "结论 Verdict"};
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
                           !group.judged ? "不评判 not judged"
                           : group.pass  ? "达到 pass"
                                         : "未达到 fail",
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
        std::vector<std::string> header = {
            "区县 District", "年份 Year", "学校代码 School code", "学校名称 School name",
            "学校类型 Type", "城乡 Area", "学生数 Students"};
        for (const auto& def : defs) {
            std::string name = def.label_zh;
            if (const auto& standard = for_stage(def.standard, stage)) {
                name += fmt::format(" (标准 {})",
                                    detail::rounded(*standard, detail::value_decimals(def)));
            }
            header.push_back(name);
        }
        for (const char* name :
             {"达标项数 Standards reached", "学校达标 Compliant", "文件 File", "行 Line"}) {
            header.emplace_back(name);
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
            sheet.text(row, 4, std::string(to_chinese(school.school_type)), nullptr);
            sheet.text(row, 5,
                       school.area_type == AreaType::unknown
                           ? std::string()
                           : std::string(to_chinese(school.area_type)),
                       nullptr);
            sheet.number(row, 6, school.students, formats_.number(0));
            for (std::size_t k = 0; k < defs.size(); ++k) {
                const auto col = static_cast<lxw_col_t>(7 + k);
                const auto status = school.statuses[k];
                const Shade shade = status == StandardStatus::below_floor   ? Shade::fail
                                    : status == StandardStatus::above_floor ? Shade::warn
                                                                            : Shade::none;
                if (is_missing(school.values[k])) {
                    sheet.text(row, col, "NA", formats_.text(Shade::fail));
                } else {
                    sheet.number(row, col, school.values[k],
                                 formats_.number(detail::value_decimals(defs[k]), shade));
                }
            }
            const auto col = static_cast<lxw_col_t>(7 + defs.size());
            sheet.number(row, col, school.reached, formats_.integer());
            if (school.compliant) {
                sheet.text(row, col + 1, *school.compliant ? "是 yes" : "否 no",
                           formats_.text(*school.compliant ? Shade::none : Shade::fail));
            } else if (detail::school_not_judged(report_.profile, school)) {
                sheet.text(row, col + 1, "未评判 not judged", formats_.text(Shade::warn));
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
        Sheet sheet(workbook_, "历年变化 Trends");
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
        sheet.header(0,
                     {"区县 District", "学段 Stage", "指标 Indicator", "指标名称 Name", "年份 Year",
                      "差异系数 CV", "较上年变化 Change", "限值 Limit", "结论 Verdict"},
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
                    sheet.text(row, 3, k < defs.size() ? defs[k].label_zh : "综合差异系数",
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
        Sheet sheet(workbook_, "未纳入 Exclusions");
        // Before any row: in constant memory each row is written out when the next begins.
        xlsx_library().worksheet_set_row(sheet.get(), 0, 30, nullptr);
        sheet.header(0,
                     {"区县 District", "年份 Year", "学段 Stage", "学校代码 School code",
                      "学校名称 School name", "学校类型 Type", "学生数 Students", "规则 Rule",
                      "原因 Reason", "文件 File", "行 Line"},
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
            sheet.text(row, 5, std::string(to_chinese(excluded.school_type)), nullptr);
            sheet.number(row, 6, excluded.students, formats_.number(0));
            sheet.text(row, 7, excluded.rule_id, nullptr);
            sheet.text(row, 8, excluded.rule, nullptr);
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
        Sheet sheet(workbook_, "参数 Parameters");
        const Profile& profile = report_.profile;
        lxw_row_t row = 0;
        auto pair = [&](const std::string& name, const std::string& value) {
            sheet.text(row, 0, name, formats_.header());
            sheet.text(row, 1, value, nullptr);
            ++row;
        };
        pair("评估标准 Profile", profile.id);
        pair("名称 Title", profile.title);
        if (!profile.title_en.empty()) pair("英文名称 Title (English)", profile.title_en);
        pair("依据 Source", profile.source);
        if (!profile.file.empty()) pair("评估标准文件 Profile file", profile_file_note(profile));
        pair("计算方法 Estimator", kEstimatorText);
        for (const auto& input : report_.inputs) pair("输入文件 Input", input);
        for (const auto& note : report_.reading_notes) pair("读取 Read", note);
        for (const auto& skipped : report_.rows_not_read) {
            pair(skipped.reason_id == "footer" ? "表尾 Footer (table ends)"
                                               : "合计行 Totals row, not a school",
                 fmt::format("{}:{}: {}", skipped.input, skipped.line, skipped.text));
        }
        pair("报告日期 Date", report_date(context_.time));
        pair("eduqb 版本 Version", std::string(eduqb_version()));
        if (profile.school_rule) {
            sheet.text(row, 0, "学校标准 School rule: 至少达标项数 min reached", formats_.header());
            sheet.number(row++, 1, profile.school_rule->min_reached, formats_.integer());
            sheet.text(row, 0, "其余指标不低于标准的比例 floor fraction", formats_.header());
            sheet.number(row++, 1, profile.school_rule->floor_fraction, formats_.number(2));
        }

        // Indicators: unit, weight, standards and limits per evaluated stage.
        ++row;
        sheet.text(row++, 0, "指标 Indicators", formats_.title());
        std::vector<std::string> header = {"指标 Indicator", "中文名称",        "Name",
                                           "单位 Unit",      "倍数 Multiplier", "权重 Weight"};
        for (Stage stage : profile.stages) header.push_back("标准 Standard " + stage_label(stage));
        for (Stage stage : profile.stages) {
            header.push_back("差异系数限值 CV limit " + stage_label(stage));
        }
        sheet.header(row++, header, formats_.header());
        for (const auto& def : profile.indicators) {
            sheet.text(row, 0, def.id, nullptr);
            sheet.text(row, 1, def.label_zh, nullptr);
            sheet.text(row, 2, def.label_en, nullptr);
            sheet.text(row, 3, def.unit, nullptr);
            sheet.number(row, 4, def.multiplier, nullptr);
            sheet.number(row, 5, def.weight, nullptr);
            lxw_col_t col = 6;
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
        sheet.text(row, 1, "综合差异系数", nullptr);
        sheet.text(row, 2, "Composite difference coefficient", nullptr);
        lxw_col_t col = static_cast<lxw_col_t>(6 + profile.stages.size());
        for (Stage stage : profile.stages) {
            limit(sheet, row, col++, for_stage(profile.composite_limit, stage));
        }
        ++row;

        // Scope rules.
        ++row;
        sheet.text(row++, 0, "未纳入规则 Exclusion rules", formats_.title());
        sheet.header(row++,
                     {"规则 Rule", "说明 Description", "学校类型 School type", "学段 Stage",
                      "学生数少于 Students below"},
                     formats_.header());
        for (const auto& rule : profile.exclusions) {
            sheet.text(row, 0, rule.id, nullptr);
            sheet.text(row, 1, rule.description, nullptr);
            sheet.text(row, 2, rule.school_type ? std::string(to_string(*rule.school_type)) : "",
                       nullptr);
            sheet.text(row, 3, rule.stage ? std::string(to_string(*rule.stage)) : "", nullptr);
            if (rule.students_below) {
                sheet.number(row, 4, *rule.students_below, nullptr);
            } else {
                sheet.blank(row, 4, nullptr);
            }
            ++row;
        }

        // Split ratios of combined schools.
        ++row;
        sheet.text(row++, 0, "一贯制学校分摊权重 Split weights", formats_.title());
        std::string columns;
        for (Column column : profile.split.columns) {
            columns += (columns.empty() ? "" : ", ") + std::string(column_name(column));
        }
        pair("分摊的设施 Shared columns", columns);
        sheet.header(row++, {"学校类型 School type", "小学 primary", "初中 junior", "高中 senior"},
                     formats_.header());
        for (const auto& [type, weights] : profile.split.weights) {
            sheet.text(row, 0, fmt::format("{} {}", to_chinese(type), to_string(type)), nullptr);
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
            sheet.text(row, col, na_label(value.na), formats_.text(shade));
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
    std::string title = detail::xlsx_text("义务教育均衡发展评估 " + report.profile.id);
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
