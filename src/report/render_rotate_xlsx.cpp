// The teacher-exchange plan as a workbook: a sheet of groups, one of moves, one of
// coefficients, each a filtered table with its header frozen; labels in the chosen language.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "base/escape.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render_rotate.hpp"
#include "report/rotate_labels.hpp"
#include "report/xlsx_library.hpp"
#include "report/xlsx_sheet.hpp"

namespace eduqb {
namespace {

using detail::label;
using detail::RotateLabel;

/// One worksheet and its next row; every write is checked.
class Sheet : public detail::XlsxSheet {
  public:
    using XlsxSheet::XlsxSheet;

    void text(lxw_col_t col, const std::string& value, lxw_format* format = nullptr) {
        XlsxSheet::text(row_, col, value, format);
    }
    void number(lxw_col_t col, double value) { XlsxSheet::number(row_, col, value, nullptr); }
    void measure(lxw_col_t col, const Measure& cv) {
        if (cv.defined()) {
            number(col, cv.value);
        } else {
            text(col, fmt::format("NA ({})", to_string(cv.na)));
        }
    }
    void header(const std::vector<std::string>& names, lxw_format* format) {
        XlsxSheet::header(row_, names, format);
        width(0, static_cast<lxw_col_t>(names.size() - 1), 16);
        columns_ = static_cast<lxw_col_t>(names.size() - 1);
        next_row();
    }
    void next_row() { ++row_; }
    /// Freezes the header row and filters the table.
    void finish() { freeze_and_filter(0, row_ - 1, columns_, 0); }

  private:
    lxw_row_t row_ = 0;
    lxw_col_t columns_ = 0;
};

class Writer {
  public:
    Writer(const RotateReport& plan, Language language, lxw_workbook* workbook)
        : plan_(plan), language_(language), workbook_(workbook) {
        bold_ = xlsx_library().workbook_add_format(workbook);
        xlsx_library().format_set_bold(bold_);
    }

    void write() {
        write_groups();
        write_moves();
        write_coefficients();
    }

  private:
    std::string words(RotateLabel id) const { return std::string(label(id, language_)); }

    std::vector<std::string> key_header() const {
        return {words(RotateLabel::district), words(RotateLabel::year), words(RotateLabel::stage)};
    }
    void key(Sheet& sheet, const GroupKey& key) const {
        sheet.text(0, key.district);
        if (key.year) sheet.number(1, *key.year);
        sheet.text(2, fmt::format("{} {}", to_chinese(key.stage), to_string(key.stage)));
    }

    void write_groups() {
        Sheet sheet(workbook_, words(RotateLabel::sheet_groups));
        auto header = key_header();
        for (RotateLabel id :
             {RotateLabel::sections, RotateLabel::teachers, RotateLabel::budget, RotateLabel::moved,
              RotateLabel::worst_before, RotateLabel::worst_after, RotateLabel::outcome}) {
            header.push_back(words(id));
        }
        sheet.header(header, bold_);
        for (const GroupRotation& group : plan_.groups) {
            key(sheet, group.key);
            sheet.number(3, static_cast<double>(group.members.size()));
            sheet.number(4, static_cast<double>(group.teachers));
            sheet.number(5, static_cast<double>(group.budget));
            sheet.number(6, static_cast<double>(group.moved));
            sheet.number(7, group.worst_before);
            sheet.number(8, group.worst_after);
            sheet.text(9, detail::outcome_sentence(group, language_));
            sheet.next_row();
        }
        sheet.finish();
    }

    void write_moves() {
        Sheet sheet(workbook_, words(RotateLabel::sheet_moves));
        auto header = key_header();
        for (RotateLabel id :
             {RotateLabel::from_id, RotateLabel::from_name, RotateLabel::to_id,
              RotateLabel::to_name, RotateLabel::category, RotateLabel::teachers_moved}) {
            header.push_back(words(id));
        }
        sheet.header(header, bold_);
        for (const GroupRotation& group : plan_.groups) {
            for (const TeacherMove& move : group.moves) {
                key(sheet, group.key);
                sheet.text(3, group.members[move.from]->school_id);
                sheet.text(4, group.members[move.from]->school_name);
                sheet.text(5, group.members[move.to]->school_id);
                sheet.text(6, group.members[move.to]->school_name);
                sheet.text(7, std::string(detail::category_label(move.category, language_)));
                sheet.number(8, static_cast<double>(move.count));
                sheet.next_row();
            }
        }
        sheet.finish();
    }

    std::string verdict(const std::optional<bool>& pass) const {
        if (!pass) return words(RotateLabel::not_judged);
        return words(*pass ? RotateLabel::pass : RotateLabel::fail);
    }

    void write_coefficients() {
        Sheet sheet(workbook_, words(RotateLabel::sheet_coefficients));
        auto header = key_header();
        for (RotateLabel id :
             {RotateLabel::indicator, RotateLabel::limit, RotateLabel::cv_before,
              RotateLabel::cv_after, RotateLabel::verdict_before, RotateLabel::verdict_after}) {
            header.push_back(words(id));
        }
        sheet.header(header, bold_);
        for (const GroupRotation& group : plan_.groups) {
            for (const CvChange& cv : group.cvs) {
                const IndicatorDef& def = plan_.profile.indicators.at(cv.indicator);
                key(sheet, group.key);
                sheet.text(3, language_ == Language::zh ? def.label_zh : def.label_en);
                sheet.text(4, fmt::format("{} {:g}", to_symbol(cv.limit.op), cv.limit.value));
                sheet.measure(5, cv.before);
                sheet.measure(6, cv.after);
                sheet.text(7, verdict(cv.pass_before));
                sheet.text(8, verdict(cv.pass_after));
                sheet.next_row();
            }
        }
        sheet.finish();
    }

    const RotateReport& plan_;
    Language language_;
    lxw_workbook* workbook_;
    lxw_format* bold_ = nullptr;
};

}  // namespace

void render_rotate_xlsx(const RotateReport& plan, const ReportContext& context,
                        const std::string& path) {
    lxw_workbook_options options{};
    lxw_workbook* workbook = xlsx_library().workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) throw OutputError("cannot create the workbook " + path);
    detail::set_workbook_properties(workbook, label(RotateLabel::title, context.language),
                                    context.time);
    try {
        Writer(plan, context.language, workbook).write();
    } catch (...) {
        xlsx_library().lxw_workbook_free(workbook);
        throw;
    }
    const lxw_error error = xlsx_library().workbook_close(workbook);  // frees it
    if (error != LXW_NO_ERROR) {
        throw OutputError(
            fmt::format("cannot write {}: {}", path, xlsx_library().lxw_strerror(error)));
    }
}

}  // namespace eduqb
