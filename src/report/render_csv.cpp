// CSV reports: one tidy table per level, stable columns (docs/output-formats.md). Columns are
// added at the end, never renamed or reordered.

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/escape.hpp"
#include "base/number_text.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report_sink.hpp"
#include "report/csv_writers.hpp"
#include "report/render_common.hpp"
#include "report/row_spool.hpp"

namespace eduqb {
namespace {

using detail::append_csv_field;
using detail::csv_text;
using detail::exact_number;
using detail::verdict_text;
using detail::year_text;

/// One record, written with a single call: per-cell stream insertion dominated the profile.
void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    std::string line;
    line.reserve(256);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += ',';
        append_csv_field(line, cells[i]);
    }
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

/// One record of `cells` appended to `line`.
void append_row(std::string& line, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += ',';
        append_csv_field(line, cells[i]);
    }
    line += '\n';
}

}  // namespace

SchoolCsvWriter::SchoolCsvWriter(const Profile& profile, std::vector<std::string> inputs)
    : profile_id_(csv_text(profile.id)),
      indicators_(profile.indicators.size()),
      inputs_(std::move(inputs)) {
    for (auto& input : inputs_) input = csv_text(input);
    for (Stage stage : {Stage::primary, Stage::junior, Stage::senior}) {
        rule_judges_[static_cast<std::size_t>(stage)] =
            profile.school_rule.has_value() && profile.has_standards(stage);
    }
    header_ = {"profile",     "district",  "year",     "stage",  "school_id",     "school_name",
               "school_type", "area_type", "students", "status", "exclusion_rule"};
    // Column names from the profile are text a spreadsheet reads, as the cells are.
    for (const auto& def : profile.indicators) {
        header_.push_back(csv_text(def.id));
        header_.push_back(csv_text(def.id + "_status"));
    }
    for (const char* name : {"standards_reached", "compliant", "file", "line"}) {
        header_.emplace_back(name);
    }
    for (const auto& check : profile.school_checks) {
        header_.push_back(csv_text(check.id));
        header_.push_back(csv_text(check.id + "_status"));
    }
    for (const char* name : {"school_students", "boarding", "rural_small", "township_boarding"}) {
        header_.emplace_back(name);
    }
}

std::string SchoolCsvWriter::header() const {
    std::string line;
    append_row(line, header_);
    return line;
}

namespace {

/// The cells an evaluated and an excluded section share: profile … exclusion_rule, the text
/// from the input made safe for a spreadsheet.
template <typename Section>
std::vector<std::string> section_cells(const std::string& profile_id, const Section& section,
                                       const char* status, const std::string& rule) {
    return {profile_id,
            csv_text(section.key.district),
            year_text(section.key.year),
            std::string(to_string(section.key.stage)),
            csv_text(section.school_id),
            csv_text(section.school_name),
            std::string(to_string(section.school_type)),
            std::string(to_string(section.area_type)),
            exact_number(section.students),
            status,
            rule};
}

}  // namespace

void SchoolCsvWriter::append_school(const SchoolResult& school, std::string& out) const {
    std::vector<std::string> cells = section_cells(profile_id_, school, "evaluated", "");
    for (std::size_t k = 0; k < school.values.size(); ++k) {
        cells.push_back(exact_number(school.values[k]));
        cells.emplace_back(to_string(school.statuses[k]));
    }
    cells.push_back(std::to_string(school.reached));
    cells.push_back(school.compliant ? yes_no(*school.compliant)
                    : rule_judges_[static_cast<std::size_t>(school.key.stage)] ? "not_judged"
                                                                               : "");
    cells.push_back(inputs_.at(school.source.file));
    cells.push_back(std::to_string(school.source.line));
    for (std::size_t c = 0; c < school.check_values.size(); ++c) {
        cells.push_back(exact_number(school.check_values[c]));
        cells.emplace_back(to_string(school.check_statuses[c]));
    }
    cells.push_back(exact_number(school.school_students));
    cells.push_back(school.boarding ? yes_no(*school.boarding) : "");
    cells.push_back(yes_no(school.rural_small));
    cells.push_back(yes_no(school.township_boarding));
    append_row(out, cells);
}

void SchoolCsvWriter::append_exclusion(const Exclusion& excluded, std::string& out) const {
    std::vector<std::string> cells =
        section_cells(profile_id_, excluded, "excluded", excluded.rule_id);
    cells.resize(cells.size() + 2 * indicators_ + 2);
    cells.push_back(inputs_.at(excluded.source.file));
    cells.push_back(std::to_string(excluded.source.line));
    cells.resize(header_.size());
    append_row(out, cells);
}

DistrictCsvWriter::DistrictCsvWriter(const Profile& profile, const std::vector<std::string>& inputs,
                                     std::ostream& out)
    : profile_id_(csv_text(profile.id)), out_(out) {
    std::vector<std::string> header = {
        "profile",         "district",   "year",      "stage",       "schools",
        "students",        "excluded",   "indicator", "value",       "cv",
        "na_reason",       "limit_op",   "limit",     "pass",        "schools_compliant",
        "schools_failing", "group_pass", "missing",   "value_urban", "value_town",
        "value_rural",     "estimator",  "inputs"};
    // Added after the first release: the measures beside the CV.
    for (const char* name : {"theil", "theil_within_area", "theil_between_area", "gini", "mcloone",
                             "range_ratio", "measures_na_reason"}) {
        header.emplace_back(name);
    }
    write_row(out_, header);
    // Every report states its estimator and inputs; in a table that means a column each.
    std::string joined;
    for (const auto& input : inputs) joined += (joined.empty() ? "" : ";") + input;
    append_csv_field(tail_, kEstimatorId);
    tail_ += ',';
    append_csv_field(tail_, csv_text(joined));
    auto add_limit = [&](const std::optional<Limit>& limit) {
        if (!limit || profile_limit_cells(*limit)) return;
        std::string text(to_string(limit->op));
        text += ',';
        if (std::isfinite(limit->value)) append_shortest(text, limit->value);
        limit_cells_.push_back({*limit, std::move(text)});
    };
    for (const auto& indicator : profile.indicators) {
        for (const auto& limit : indicator.cv_limit) add_limit(limit);
    }
    for (const auto& limit : profile.composite_limit) add_limit(limit);
}

const std::string* DistrictCsvWriter::profile_limit_cells(const Limit& limit) const {
    for (const auto& cells : limit_cells_) {
        // Bit for bit: 0 and -0 are equal but written differently.
        if (cells.limit.op == limit.op &&
            std::memcmp(&cells.limit.value, &limit.value, sizeof limit.value) == 0) {
            return &cells.text;
        }
    }
    return nullptr;
}

void DistrictCsvWriter::write(const GroupResult& group) {
    line_.clear();
    append(group, line_);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

namespace {

// Records are written through a plain cursor that the compiler keeps in a register, into room
// made once per record: std::string::append checks the capacity, out of line, for every piece
// of every cell. Each writer returns the cursor past what it wrote.

/// Room write_cell(text) needs.
std::size_t cell_capacity(std::string_view text) {
    return 2 * text.size() + 2;
}
/// Room write_integer needs.
constexpr std::size_t kIntegerCapacity = 20;

char* write_text(char* out, std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

/// `text` as a CSV cell: in quotes, doubled inside, when it holds a separator.
char* write_cell(char* out, std::string_view text) {
    if (!detail::csv_needs_quotes(text)) return write_text(out, text);
    *out++ = '"';
    for (char c : text) {
        if (c == '"') *out++ = '"';
        *out++ = c;
    }
    *out++ = '"';
    return out;
}

/// `value` as fmt's "{}" writes it; nothing for an infinite or NaN value.
char* write_number(char* out, double value) {
    return std::isfinite(value) ? write_shortest(out, value) : out;
}

char* write_measure(char* out, const Measure& measure) {
    return measure.defined() ? write_number(out, measure.value) : out;
}

char* write_integer(char* out, long value) {
    return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

/// The end of a string, written record by record through a cursor.
class RecordBuffer {
  public:
    explicit RecordBuffer(std::string& text) : text_(text), used_(text.size()) {}
    RecordBuffer(const RecordBuffer&) = delete;
    RecordBuffer& operator=(const RecordBuffer&) = delete;
    ~RecordBuffer() { text_.resize(used_); }

    /// Where the next record goes, with room for `size` characters after it.
    char* make_room(std::size_t size) {
        // Room is filled with zeros when made, and given back at the end: a few records'
        // worth at a time, however long the text already is.
        constexpr std::size_t kRoomStep = 1024;
        if (text_.size() - used_ < size) text_.resize(used_ + std::max(size, kRoomStep));
        return text_.data() + used_;
    }
    /// The record written up to `end`, which lies within the room made for it.
    void commit(const char* end) { used_ = static_cast<std::size_t>(end - text_.data()); }

  private:
    std::string& text_;
    std::size_t used_;  ///< characters written; text_ beyond them is room
};

/// Room write_inequality needs: six numbers, their commas, and at most three reasons.
constexpr std::size_t kInequalityCapacity = 7 * (kShortestTextCapacity + 1) + 3 * 16;

/// The cells of the measures beside the CV, each with its comma before it, ending the record:
/// ",theil,…,range_ratio,measures_na_reason\n". The reasons are the distinct reasons of the
/// NA measures, separated by ';': each names the measures it leaves empty.
char* write_inequality(char* out, const InequalityMeasures& measures) {
    const Measure* in_order[] = {
        &measures.theil, &measures.theil_within_area, &measures.theil_between_area,
        &measures.gini,  &measures.mcloone,           &measures.range_ratio};
    for (const Measure* measure : in_order) {
        *out++ = ',';
        out = write_measure(out, *measure);
    }
    *out++ = ',';
    NaReason written[std::size(in_order)] = {};
    std::size_t reasons = 0;
    for (const Measure* measure : in_order) {
        if (measure->defined() ||
            std::find(written, written + reasons, measure->na) != written + reasons) {
            continue;
        }
        if (reasons) *out++ = ';';
        written[reasons++] = measure->na;
        out = write_text(out, to_string(measure->na));
    }
    *out++ = '\n';
    return out;
}

/// The cells every record of `group` starts with, profile … excluded, each with its comma.
/// `profile_id` is safe for a spreadsheet already.
std::string head_cells(std::string_view profile_id, const GroupResult& group) {
    std::string storage;
    const std::string_view district = csv_text(group.key.district, storage);
    const std::string_view stage = to_string(group.key.stage);
    std::string head(cell_capacity(profile_id) + cell_capacity(district) + stage.size() +
                         3 * kIntegerCapacity + kShortestTextCapacity + 7,
                     '\0');
    char* out = write_cell(head.data(), profile_id);
    *out++ = ',';
    out = write_cell(out, district);
    *out++ = ',';
    if (group.key.year) out = write_integer(out, *group.key.year);
    *out++ = ',';
    out = write_text(out, stage);
    *out++ = ',';
    out = write_integer(out, group.schools);
    *out++ = ',';
    out = write_number(out, group.students);
    *out++ = ',';
    out = write_integer(out, group.excluded);
    *out++ = ',';
    head.resize(static_cast<std::size_t>(out - head.data()));
    return head;
}

/// The group's cells after pass: ",schools_compliant,schools_failing,group_pass,".
std::string verdict_cells(const GroupResult& group) {
    const std::string verdict = detail::group_verdict(group);
    std::string cells(2 * kIntegerCapacity + verdict.size() + 4, '\0');
    char* out = cells.data();
    *out++ = ',';
    if (group.schools_compliant) out = write_integer(out, *group.schools_compliant);
    *out++ = ',';
    if (group.schools_failing) out = write_integer(out, *group.schools_failing);
    *out++ = ',';
    out = write_text(out, verdict);
    *out++ = ',';
    cells.resize(static_cast<std::size_t>(out - cells.data()));
    return cells;
}

/// The group's summaries in the order of the value_urban, value_town and value_rural columns;
/// null for an area type the group lacks.
std::array<const AreaSummary*, 3> area_columns(const GroupResult& group) {
    constexpr std::array<AreaType, 3> kColumns = {AreaType::urban, AreaType::town, AreaType::rural};
    std::array<const AreaSummary*, 3> columns{};
    for (std::size_t column = 0; column < kColumns.size(); ++column) {
        for (const auto& summary : group.by_area) {
            if (summary.area == kColumns[column]) {
                columns[column] = &summary;
                break;
            }
        }
    }
    return columns;
}

}  // namespace

void DistrictCsvWriter::append(const GroupResult& group, std::string& line) const {
    // Cells are written straight into one buffer: the district CSV of a national file has
    // hundreds of thousands of records, and temporary strings per cell dominated its time.
    const std::string head = head_cells(profile_id_, group);
    const std::string verdicts = verdict_cells(group);
    const auto areas = area_columns(group);
    RecordBuffer buffer(line);
    // Commas between the cells after the head, and "pass" or "fail".
    constexpr std::size_t kSeparatorsAndPass = 14;
    // Head to verdicts, with room for the whole record; the caller writes missing … inputs.
    auto record = [&](std::string_view indicator, const Measure& value, const Measure& cv,
                      NaReason reason, const std::optional<Limit>& limit,
                      const std::optional<bool>& pass) {
        const std::string_view reason_text = to_string(reason);
        const std::string* limit_cells = limit ? profile_limit_cells(*limit) : nullptr;
        char* out = buffer.make_room(head.size() + cell_capacity(indicator) + reason_text.size() +
                                     (limit ? to_string(limit->op).size() : 0) + verdicts.size() +
                                     tail_.size() + kIntegerCapacity + 6 * kShortestTextCapacity +
                                     kSeparatorsAndPass + kInequalityCapacity);
        out = write_text(out, head);
        out = write_cell(out, indicator);
        *out++ = ',';
        out = write_measure(out, value);
        *out++ = ',';
        out = write_measure(out, cv);
        *out++ = ',';
        out = write_text(out, reason_text);
        *out++ = ',';
        if (limit_cells) {
            out = write_text(out, *limit_cells);
        } else {
            if (limit) out = write_text(out, to_string(limit->op));
            *out++ = ',';
            if (limit) out = write_number(out, limit->value);
        }
        *out++ = ',';
        if (pass) {
            std::memcpy(out, *pass ? "pass" : "fail", 4);  // a fixed size: no call
            out += 4;
        }
        return write_text(out, verdicts);
    };
    std::string storage;
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const auto& indicator = group.indicators[k];
        char* out = record(csv_text(indicator.id, storage), indicator.dispersion.value,
                           indicator.dispersion.cv, detail::na_reason(indicator.dispersion),
                           indicator.limit, indicator.pass);
        out = write_integer(out, indicator.missing);
        for (const AreaSummary* summary : areas) {
            *out++ = ',';
            if (summary) out = write_measure(out, summary->values[k]);
        }
        *out++ = ',';
        out = write_text(out, tail_);
        buffer.commit(write_inequality(out, indicator.measures));
    }
    // The composite has no district value of its own: the value cell stays empty.
    char* out = record("composite", Measure{0, NaReason::indicator_na}, group.composite.cv,
                       group.composite.cv.na, group.composite.limit, group.composite.pass);
    out = write_text(out, ",,,,");
    out = write_text(out, tail_);
    // The composite has no measures of its own either.
    buffer.commit(write_text(out, ",,,,,,,\n"));
}

namespace {

void write_text(std::ostream& out, std::string_view text) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// The district CSV: the header when the report begins, each group's records formatted where
/// the group is built.
class DistrictCsvSink final : public ReportSink {
  public:
    explicit DistrictCsvSink(std::ostream& out) : out_(out) {}
    void begin(Report& head, std::size_t, const std::vector<std::uint32_t>&) override {
        writer_.emplace(head.profile, head.inputs, out_);
    }
    void group(std::size_t, const GroupResult& group, std::string& text) override {
        writer_->append(group, text);
    }
    void write(std::string& text) override { write_text(out_, text); }
    void end(const Verdicts&) override {}

  private:
    std::ostream& out_;
    std::optional<DistrictCsvWriter> writer_;
};

/// The school CSV: the header, every evaluated section in report order, then the sections
/// left out in input order. Sections come in the head, or, spooled, as they are evaluated.
class SchoolCsvSink final : public ReportSink {
  public:
    explicit SchoolCsvSink(std::ostream& out) : out_(out) {}
    SchoolCsvSink(const Profile& profile, std::vector<std::string> inputs, std::ostream& out)
        : out_(out), writer_(std::in_place, profile, std::move(inputs)) {
        schools_.emplace();
        excluded_.emplace();
    }

    void school(std::uint32_t group, const SchoolResult& school) override {
        record_.clear();
        writer_->append_school(school, record_);
        schools_->add(group, school.source, record_);
    }
    void exclusion(const Exclusion& excluded) override {
        record_.clear();
        writer_->append_exclusion(excluded, record_);
        // In the order they came, after every evaluated section.
        excluded_->add(0, SourceRef{0, excluded_count_++}, record_);
    }

    void begin(Report& head, std::size_t, const std::vector<std::uint32_t>& ranks) override {
        if (!writer_) writer_.emplace(head.profile, head.inputs);
        head_ = &head;
        ranks_ = ranks;
    }
    void group(std::size_t, const GroupResult&, std::string&) override {}
    void write(std::string&) override {}

    void end(const Verdicts&) override {
        const auto write = [&](std::string_view text) { write_text(out_, text); };
        std::string text = writer_->header();
        for (const auto& school : head_->schools) writer_->append_school(school, text);
        write(text);
        if (schools_) schools_->write_sorted(ranks_, write);
        text.clear();
        for (const auto& excluded : head_->exclusions) writer_->append_exclusion(excluded, text);
        write(text);
        if (excluded_) excluded_->write_sorted({0}, write);
    }

  private:
    std::ostream& out_;
    std::optional<SchoolCsvWriter> writer_;
    const Report* head_ = nullptr;
    std::vector<std::uint32_t> ranks_;
    std::optional<RowSpool> schools_;
    std::optional<RowSpool> excluded_;
    long excluded_count_ = 0;
    std::string record_;  // on the evaluator's thread
};

}  // namespace

std::unique_ptr<ReportSink> make_csv_sink(Level level, std::ostream& out) {
    if (level == Level::school) return std::make_unique<SchoolCsvSink>(out);
    return std::make_unique<DistrictCsvSink>(out);
}

std::unique_ptr<ReportSink> make_spooled_school_csv_sink(const Profile& profile,
                                                         std::vector<std::string> inputs,
                                                         std::ostream& out) {
    return std::make_unique<SchoolCsvSink>(profile, std::move(inputs), out);
}

void render_csv(const Report& report, Level level, std::ostream& out) {
    replay(report, *make_csv_sink(level, out));
}

}  // namespace eduqb
