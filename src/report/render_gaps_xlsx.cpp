// The gap analysis as a workbook to hand over: a district summary sheet (one row per group:
// schools, schools failing the per-school rule, fixable or not, and the totals to add per
// natural unit), then one sheet of per-school plans (一校一案) with a block per school that
// needs action: a title row, the school's standing, a line per thing to add. One sheet of
// blocks rather than a sheet per school: a national run has tens of thousands of schools,
// more sheets than a spreadsheet program opens comfortably. The workbook is written in
// constant memory, row by row: each group's rows are recorded where the group is formatted
// (any thread) and replayed in report order into the two sheets, each written top to bottom.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "base/escape.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render_gaps.hpp"
#include "report/gap_handover.hpp"
#include "report/gap_writer.hpp"
#include "report/labels.hpp"
#include "report/render_common.hpp"
#include "report/summary.hpp"
#include "report/xlsx_library.hpp"
#include "report/xlsx_sheet.hpp"

namespace eduqb {
namespace {

constexpr lxw_color_t kHeaderFill = 0xEEF2F7;
constexpr lxw_color_t kTitleFill = 0xDDE6F0;

enum class SheetId : char { summary, plans };

/// The look of a cell; `decimals_0` + d is a number with d decimals.
enum class Style : std::uint8_t {
    none,
    title,
    block_title,
    header,
    integer,
    wan_yuan,
    paragraph,
    decimals_0
};

Style decimals(int count) {
    return static_cast<Style>(static_cast<int>(Style::decimals_0) + std::clamp(count, 0, 6));
}

/// A group's cells, recorded on any thread as bytes and replayed in order by CellPlayer:
/// 'r' sheet (a new row on that sheet), 's' column style length bytes (a string),
/// 'n' column style double (a number).
class CellRecorder {
  public:
    explicit CellRecorder(std::string& out) : out_(out) {}

    void row(SheetId sheet) {
        out_ += 'r';
        out_ += static_cast<char>(sheet);
    }
    void text(lxw_col_t col, const std::string& value, Style style = Style::none) {
        cell('s', col, style);
        put(static_cast<std::uint32_t>(value.size()));
        out_ += value;
    }
    void number(lxw_col_t col, double value, Style style) {
        cell('n', col, style);
        put(value);
    }

  private:
    void cell(char kind, lxw_col_t col, Style style) {
        out_ += kind;
        put(static_cast<std::uint16_t>(col));
        out_ += static_cast<char>(style);
    }
    template <typename T>
    void put(T value) {
        char bytes[sizeof value];
        std::memcpy(bytes, &value, sizeof value);
        out_.append(bytes, sizeof value);
    }

    std::string& out_;
};

/// One worksheet written top to bottom, a row at a time.
class Sheet : public detail::XlsxSheet {
  public:
    using XlsxSheet::XlsxSheet;

    lxw_row_t row() const { return row_; }
    /// Starts the next row: the rows before it are written out.
    void next_row() { row_ = next_++; }

    void text(lxw_col_t col, std::string_view value, lxw_format* format) {
        XlsxSheet::text(row_, col, value, format);
    }
    void number(lxw_col_t col, double value, lxw_format* format) {
        XlsxSheet::number(row_, col, value, format);
    }
    /// The current row's height, in points.
    void height(double points) { XlsxSheet::height(row_, points); }
    /// Freezes the rows above `header` + 1 and filters the table from `header` to the end.
    void table(lxw_row_t header, lxw_col_t last_col) {
        freeze_and_filter(header, next_ - 1, last_col, 0);
    }

  private:
    lxw_row_t row_ = 0;
    lxw_row_t next_ = 0;
};

/// The workbook's cell formats, made once.
class Styles {
  public:
    explicit Styles(lxw_workbook* workbook) {
        const XlsxLibrary& x = xlsx_library();
        formats_.assign(static_cast<std::size_t>(Style::decimals_0) + 7, nullptr);
        lxw_format* title = add(workbook, Style::title);
        x.format_set_bold(title);
        x.format_set_font_size(title, 13);
        lxw_format* block = add(workbook, Style::block_title);
        x.format_set_bold(block);
        x.format_set_bg_color(block, kTitleFill);
        lxw_format* header = add(workbook, Style::header);
        x.format_set_bold(header);
        x.format_set_bg_color(header, kHeaderFill);
        x.format_set_border(header, LXW_BORDER_THIN);
        x.format_set_text_wrap(header);
        x.format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
        x.format_set_num_format(add(workbook, Style::integer), "#,##0");
        // 万元 to the yuan: 4.00 for 40 000 yuan, 4.0041 for 40 041.
        x.format_set_num_format(add(workbook, Style::wan_yuan), "#,##0.00##");
        lxw_format* paragraph = add(workbook, Style::paragraph);
        x.format_set_text_wrap(paragraph);
        x.format_set_align(paragraph, LXW_ALIGN_VERTICAL_TOP);
        for (int d = 0; d <= 6; ++d) {
            const std::string code = d == 0 ? "#,##0" : "0." + std::string(d, '0');
            x.format_set_num_format(add(workbook, decimals(d)), code.c_str());
        }
    }
    lxw_format* operator[](Style style) const {
        return formats_.at(static_cast<std::size_t>(style));
    }

  private:
    lxw_format* add(lxw_workbook* workbook, Style style) {
        lxw_format* format = xlsx_library().workbook_add_format(workbook);
        formats_.at(static_cast<std::size_t>(style)) = format;
        return format;
    }

    std::vector<lxw_format*> formats_;
};

/// The head's facts, as label and value: the profile, the rule, the inputs, the version.
std::vector<std::pair<std::string, std::string>> head_facts(const GapReport& gaps,
                                                            const Labels& text) {
    const Profile& profile = gaps.profile;
    std::string profile_text = text(
        Text::profile_source, profile.id + " — " + text.profile_title(profile), profile.source);
    if (!profile.file.empty()) {
        profile_text += std::string(text[Text::clause_separator]) + text.profile_file_note(profile);
    }
    const std::string rule =
        profile.school_rule ? text(Text::per_school_rule_text, profile.school_rule->min_reached,
                                   fmt::format("{:g} %", 100 * profile.school_rule->floor_fraction))
                            : std::string(text[Text::no_school_rule]);
    std::string inputs;
    for (const auto& input : gaps.inputs) inputs += (inputs.empty() ? "" : ", ") + input;
    return {{std::string(text[Text::profile]), profile_text},
            {std::string(text[Text::per_school_rule]), rule},
            {std::string(text[Text::inputs]), inputs},
            {std::string(text[Text::version]), std::string(eduqb_version())}};
}

std::ostream& no_stream() {
    static std::ostream nowhere(nullptr);
    return nowhere;
}

class XlsxGapWriter final : public GapWriter {
  public:
    XlsxGapWriter(const std::string& path, const ReportContext& context)
        : GapWriter(no_stream()),
          path_(path),
          context_(context),
          text_(labels_for(context.language)) {
        lxw_workbook_options options{};
        // Rows go to a temporary file as they are written: memory stays flat.
        options.constant_memory = LXW_TRUE;
        options.tmpdir = nullptr;
        workbook_ = xlsx_library().workbook_new_opt(path.c_str(), &options);
        if (workbook_ == nullptr) throw OutputError("cannot create the workbook " + path);
        detail::set_workbook_properties(workbook_, text_[Text::handover_title], context.time);
        styles_.emplace(workbook_);
    }
    ~XlsxGapWriter() override {
        if (workbook_ != nullptr) xlsx_library().lxw_workbook_free(workbook_);
    }

    void head(const GapReport& gaps, const GapCounts&) override {
        // The overview is the first sheet; its paragraph is known only at the end.
        if (context_.summary) overview_.emplace(workbook_, label(Text::sheet_overview));
        summary_.emplace(workbook_, std::string(text_[Text::sheet_gap_summary]));
        plans_.emplace(workbook_, std::string(text_[Text::sheet_school_plans]));
        units_ = detail::handover_units(gaps.profile);
        summary_head(gaps);
        plans_head();
    }

    void expect_groups(std::size_t groups) override {
        if (overview_) summaries_.reset(groups);
    }

    void group(const GapReport& gaps, const GroupGaps& group, std::size_t rank,
               std::string& text) const override {
        const detail::GroupHandover handover =
            detail::group_handover(gaps.profile, group, units_, text_);
        if (overview_) summaries_.add(rank, group, gaps.profile, handover);
        CellRecorder cells(text);
        summary_row(group, handover, cells);
        const int standards = detail::standards_of_stage(gaps.profile, group.key.stage);
        const std::string name = detail::group_name(group.key, text_);
        for (const auto& school : group.gap_schools) {
            if (detail::needs_action(school)) {
                school_block(gaps.profile, school, standards, name, cells);
            }
        }
    }

    void write(const std::string& text) override;

    void tail(const GapReport& gaps, const GapCounts& counts) override {
        if (overview_) write_overview(gaps.profile);
        if (counts.groups == 0) {
            summary_->next_row();
            summary_->text(0, text_[Text::no_groups], nullptr);
        }
        summary_->table(header_row_, last_summary_col_);
        summary_->width(0, 0, 14);
        summary_->width(1, 2, 8);
        summary_->width(3, last_summary_col_, 12);
        plans_->table(0, kPlanColumns - 1);
        plans_->width(0, 0, 40);
        plans_->width(1, 4, 10);
        plans_->width(5, 5, 28);
        plans_->width(6, 8, 14);
        lxw_workbook* workbook = workbook_;
        workbook_ = nullptr;
        const lxw_error error = xlsx_library().workbook_close(workbook);  // frees it
        if (error != LXW_NO_ERROR) {
            throw OutputError(
                fmt::format("cannot write {}: {}", path_, xlsx_library().lxw_strerror(error)));
        }
    }

  private:
    static constexpr lxw_col_t kPlanColumns = 9;

    std::string label(Text name) const { return std::string(text_[name]); }

    void write_overview(const Profile& profile) {
        Sheet& sheet = *overview_;
        sheet.width(0, 0, 100);
        sheet.next_row();
        sheet.text(0, text_[Text::summary_heading], (*styles_)[Style::title]);
        const std::string paragraph = summaries_.text(profile, context_.language);
        if (paragraph.empty()) return;
        sheet.next_row();
        // Tall enough for the paragraph at about 50 characters a line.
        sheet.height(15 * (1 + static_cast<double>(paragraph.size()) / 120));
        sheet.text(0, paragraph, (*styles_)[Style::paragraph]);
    }

    void header(Sheet& sheet, const std::vector<std::string>& names) const {
        for (std::size_t c = 0; c < names.size(); ++c) {
            sheet.text(static_cast<lxw_col_t>(c), names[c], (*styles_)[Style::header]);
        }
    }

    void summary_head(const GapReport& gaps) {
        Sheet& sheet = *summary_;
        sheet.next_row();
        sheet.text(0, text_[Text::handover_title], (*styles_)[Style::title]);
        for (const auto& [name, value] : head_facts(gaps, text_)) {
            sheet.next_row();
            sheet.text(0, name, nullptr);
            sheet.text(1, value, nullptr);
        }
        sheet.next_row();
        sheet.text(0, text_[Text::gaps_amounts_note], nullptr);
        sheet.next_row();  // a blank row before the table
        sheet.next_row();
        header_row_ = sheet.row();
        std::vector<std::string> names;
        for (Text name :
             {Text::district, Text::year, Text::stage, Text::schools, Text::schools_with_plan,
              Text::schools_failing_rule, Text::fixable_schools, Text::not_fixable_schools}) {
            names.push_back(label(name));
        }
        for (const auto& unit : units_) {
            if (unit == "yuan")
                names.push_back(text_(Text::to_add_of_unit, text_[Text::unit_wan_yuan]));
            names.push_back(text_(Text::to_add_of_unit, text_.unit_name(unit)));
        }
        header(sheet, names);
        last_summary_col_ = static_cast<lxw_col_t>(names.size() - 1);
    }

    void plans_head() {
        plans_->next_row();
        std::vector<std::string> names;
        for (Text name :
             {Text::item_column, Text::value_now, Text::target_column, Text::to_add, Text::unit,
              Text::to_add_in_words, Text::school_id, Text::school_name, Text::group_column}) {
            names.push_back(label(name));
        }
        header(*plans_, names);
    }

    void summary_row(const GroupGaps& group, const detail::GroupHandover& row,
                     CellRecorder& cells) const {
        cells.row(SheetId::summary);
        cells.text(0, group.key.district);
        if (group.key.year) cells.number(1, *group.key.year, Style::none);
        cells.text(2, std::string(text_.stage(group.key.stage)));
        cells.number(3, static_cast<double>(row.schools), Style::integer);
        cells.number(4, static_cast<double>(row.with_entry), Style::integer);
        if (row.failing) cells.number(5, static_cast<double>(*row.failing), Style::integer);
        cells.number(6, static_cast<double>(row.fixable), Style::integer);
        cells.number(7, static_cast<double>(row.not_fixable), Style::integer);
        lxw_col_t col = 8;
        for (std::size_t u = 0; u < units_.size(); ++u) {
            const auto amount = static_cast<double>(row.totals[u]);
            if (units_[u] == "yuan") cells.number(col++, amount / 10000, Style::wan_yuan);
            cells.number(col++, amount, Style::integer);
        }
    }

    /// The block of one school: its title, where it stands, a line per thing to add; the
    /// school's code, name and group on every row, so that a filter keeps a block whole.
    void school_block(const Profile& profile, const SchoolGaps& school, int standards,
                      const std::string& group_name, CellRecorder& cells) const {
        const auto keys = [&] {
            cells.text(6, school.school_id);
            cells.text(7, school.school_name);
            cells.text(8, group_name);
        };
        cells.row(SheetId::plans);
        cells.text(0,
                   text_(Text::school_entry_title, school.school_id, school.school_name, group_name,
                         detail::thousands(school.students)),
                   Style::block_title);
        keys();
        cells.row(SheetId::plans);
        cells.text(0, detail::entry_status(profile, school, standards, text_));
        keys();
        for (const auto& line : detail::handover_lines(profile, school, text_)) {
            cells.row(SheetId::plans);
            cells.text(0, line.item);
            if (is_missing(line.value)) {
                cells.text(1, label(Text::missing_value));
            } else {
                cells.number(1, line.value, decimals(line.decimals));
            }
            cells.text(2, line.target);
            if (line.amount) cells.number(3, static_cast<double>(*line.amount), Style::integer);
            cells.text(4, std::string(text_.unit_name(line.unit)));
            cells.text(5, line.amount_text);
            keys();
        }
    }

    std::string path_;
    ReportContext context_;
    const Labels& text_;
    lxw_workbook* workbook_ = nullptr;
    std::optional<Styles> styles_;
    std::optional<Sheet> overview_;  ///< with the summary paragraph (ReportContext::summary)
    std::optional<Sheet> summary_;
    std::optional<Sheet> plans_;
    /// Filled by group(), a slot per group: concurrent calls write different slots.
    mutable GapSummaryCollector summaries_;
    std::vector<std::string> units_;
    lxw_row_t header_row_ = 0;
    lxw_col_t last_summary_col_ = 0;
};

/// Replays the cells CellRecorder recorded into the sheets, in order.
void XlsxGapWriter::write(const std::string& text) {
    std::size_t at = 0;
    const auto take = [&](auto& value) {
        if (at + sizeof value > text.size()) throw std::logic_error("truncated cell records");
        std::memcpy(&value, text.data() + at, sizeof value);
        at += sizeof value;
    };
    Sheet* sheet = nullptr;
    while (at < text.size()) {
        const char kind = text[at++];
        if (kind == 'r') {
            sheet = static_cast<SheetId>(text.at(at++)) == SheetId::summary ? &*summary_ : &*plans_;
            sheet->next_row();
            continue;
        }
        std::uint16_t col = 0;
        take(col);
        const auto style = static_cast<Style>(text.at(at++));
        if (kind == 's') {
            std::uint32_t size = 0;
            take(size);
            sheet->text(col, std::string_view(text).substr(at, size), (*styles_)[style]);
            at += size;
        } else {
            double value = 0;
            take(value);
            sheet->number(col, value, (*styles_)[style]);
        }
    }
}

}  // namespace

std::unique_ptr<GapWriter> make_gap_xlsx_writer(const std::string& path,
                                                const ReportContext& context) {
    return std::make_unique<XlsxGapWriter>(path, context);
}

}  // namespace eduqb
