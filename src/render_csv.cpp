// CSV reports: one tidy table per level, stable columns (docs/output-formats.md). Columns are
// added at the end, never renamed or reordered.

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/render.hpp"
#include "number_text.hpp"
#include "render_common.hpp"

namespace eduqb {
namespace {

using detail::exact_number;
using detail::verdict_text;
using detail::year_text;

/// A number as fmt's "{}" writes it (shortest round trip), without going through a
/// back_insert_iterator: formatting dominated the district CSV of a national file.
template <typename Number>
void append_number(std::string& line, Number value) {
    char text[64];
    const char* end = fmt::format_to(text, FMT_COMPILE("{}"), value);
    line.append(text, static_cast<std::size_t>(end - text));
}

void append_cell(std::string& line, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        line += text;
        return;
    }
    line += '"';
    for (char c : text) {
        if (c == '"') line += '"';
        line += c;
    }
    line += '"';
}

/// One record, written with a single call: per-cell stream insertion dominated the profile.
void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    std::string line;
    line.reserve(256);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += ',';
        append_cell(line, cells[i]);
    }
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

void render_district(const Report& report, std::ostream& out) {
    DistrictCsvWriter writer(report.profile, report.inputs, out);
    for (const auto& group : report.groups) writer.write(group);
}

void render_school(const Report& report, std::ostream& out) {
    const SchoolCsvWriter writer(report.profile, report.inputs);
    std::string text = writer.header();
    for (const auto& school : report.schools) writer.append_school(school, text);
    for (const auto& excluded : report.exclusions) writer.append_exclusion(excluded, text);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// One record of `cells` appended to `line`.
void append_row(std::string& line, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += ',';
        append_cell(line, cells[i]);
    }
    line += '\n';
}

}  // namespace

SchoolCsvWriter::SchoolCsvWriter(const Profile& profile, std::vector<std::string> inputs)
    : profile_id_(profile.id), indicators_(profile.indicators.size()), inputs_(std::move(inputs)) {
    header_ = {"profile",     "district",  "year",     "stage",  "school_id",     "school_name",
               "school_type", "area_type", "students", "status", "exclusion_rule"};
    for (const auto& def : profile.indicators) {
        header_.push_back(def.id);
        header_.push_back(def.id + "_status");
    }
    for (const char* name : {"standards_reached", "compliant", "file", "line"}) {
        header_.emplace_back(name);
    }
    for (const auto& check : profile.school_checks) {
        header_.push_back(check.id);
        header_.push_back(check.id + "_status");
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

/// The cells an evaluated and an excluded section share: profile … exclusion_rule.
template <typename Section>
std::vector<std::string> section_cells(const std::string& profile_id, const Section& section,
                                       const char* status, const std::string& rule) {
    return {profile_id,
            section.key.district,
            year_text(section.key.year),
            std::string(to_string(section.key.stage)),
            section.school_id,
            section.school_name,
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
    cells.push_back(school.compliant ? yes_no(*school.compliant) : "");
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
    : profile_id_(profile.id), out_(out) {
    write_row(out_,
              {"profile",         "district",   "year",      "stage",       "schools",
               "students",        "excluded",   "indicator", "value",       "cv",
               "na_reason",       "limit_op",   "limit",     "pass",        "schools_compliant",
               "schools_failing", "group_pass", "missing",   "value_urban", "value_town",
               "value_rural",     "estimator",  "inputs"});
    // Every report states its estimator and inputs; in a table that means a column each.
    std::string joined;
    for (const auto& input : inputs) joined += (joined.empty() ? "" : ";") + input;
    append_cell(tail_, kEstimatorId);
    tail_ += ',';
    append_cell(tail_, joined);
    tail_ += '\n';
}

void DistrictCsvWriter::write(const GroupResult& group) {
    line_.clear();
    append(group, line_);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

namespace {

/// Characters that put a CSV cell in quotes.
bool needs_quotes(std::string_view text) {
    for (char c : text) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
}

/// The end of a string written through a cursor, with room made once per record:
/// std::string::append checks the capacity, out of line, for every piece of every cell.
class RecordBuffer {
  public:
    /// Room for an integer cell.
    static constexpr std::size_t kIntegerCapacity = 20;
    /// Room for a double cell.
    static constexpr std::size_t kNumberCapacity = kShortestTextCapacity;
    /// Room for put_cell(text).
    static std::size_t cell_capacity(std::string_view text) { return 2 * text.size() + 2; }

    explicit RecordBuffer(std::string& text) : text_(text), used_(text.size()) {}
    RecordBuffer(const RecordBuffer&) = delete;
    RecordBuffer& operator=(const RecordBuffer&) = delete;
    ~RecordBuffer() { text_.resize(used_); }

    /// Room for `size` more characters: the puts below do not check.
    void make_room(std::size_t size) {
        // Room is filled with zeros when made, and given back at the end: a few records'
        // worth at a time, however long the text already is.
        constexpr std::size_t kRoomStep = 1024;
        if (text_.size() - used_ < size) text_.resize(used_ + std::max(size, kRoomStep));
    }
    void put(char c) { text_[used_++] = c; }
    void put(std::string_view text) {
        std::memcpy(end(), text.data(), text.size());
        used_ += text.size();
    }
    /// `value` as fmt's "{}" writes it; nothing for an infinite or NaN value.
    void put_number(double value) {
        if (std::isfinite(value))
            used_ = static_cast<std::size_t>(write_shortest(end(), value) - text_.data());
    }
    void put_integer(long value) {
        used_ = static_cast<std::size_t>(fmt::format_to(end(), FMT_COMPILE("{}"), value) -
                                         text_.data());
    }
    /// `text` as a CSV cell: in quotes, doubled inside, when it holds a separator.
    void put_cell(std::string_view text) {
        if (!needs_quotes(text)) {
            put(text);
            return;
        }
        put('"');
        for (char c : text) {
            if (c == '"') put('"');
            put(c);
        }
        put('"');
    }

  private:
    char* end() { return text_.data() + used_; }

    std::string& text_;
    std::size_t used_;  ///< characters written; text_ beyond them is room
};

}  // namespace

void DistrictCsvWriter::append(const GroupResult& group, std::string& line) const {
    // Cells are written straight into one buffer: the district CSV of a national file has
    // hundreds of thousands of records, and temporary strings per cell dominated its time.
    // The cells every record of the group shares are formatted once.
    std::string head;
    for (std::string_view cell :
         {std::string_view(profile_id_), std::string_view(group.key.district)}) {
        append_cell(head, cell);
        head += ',';
    }
    if (group.key.year) append_number(head, *group.key.year);
    head += ',';
    head += to_string(group.key.stage);
    head += ',';
    append_number(head, group.schools);
    head += ',';
    if (std::isfinite(group.students)) append_shortest(head, group.students);
    head += ',';
    append_number(head, group.excluded);
    head += ',';
    std::string verdicts = ",";
    if (group.schools_compliant) append_number(verdicts, *group.schools_compliant);
    verdicts += ',';
    if (group.schools_failing) append_number(verdicts, *group.schools_failing);
    verdicts += ',';
    verdicts += detail::group_verdict(group);
    verdicts += ',';

    RecordBuffer buffer(line);
    // Commas between the cells after the head, and "pass" or "fail".
    constexpr std::size_t kSeparatorsAndPass = 14;
    // Head to verdicts, with room for the whole record; the caller writes missing … inputs.
    auto record = [&](std::string_view indicator, const Measure& value, const Measure& cv,
                      NaReason reason, const std::optional<Limit>& limit,
                      const std::optional<bool>& pass) {
        const std::string_view reason_text = to_string(reason);
        const std::string_view op_text = limit ? to_string(limit->op) : std::string_view();
        buffer.make_room(head.size() + RecordBuffer::cell_capacity(indicator) + reason_text.size() +
                         op_text.size() + verdicts.size() + tail_.size() +
                         RecordBuffer::kIntegerCapacity + 6 * RecordBuffer::kNumberCapacity +
                         kSeparatorsAndPass);
        buffer.put(head);
        buffer.put_cell(indicator);
        buffer.put(',');
        if (value.defined()) buffer.put_number(value.value);
        buffer.put(',');
        if (cv.defined()) buffer.put_number(cv.value);
        buffer.put(',');
        buffer.put(reason_text);
        buffer.put(',');
        buffer.put(op_text);
        buffer.put(',');
        if (limit) buffer.put_number(limit->value);
        buffer.put(',');
        if (pass) buffer.put(*pass ? "pass" : "fail");
        buffer.put(verdicts);
    };
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const auto& indicator = group.indicators[k];
        record(indicator.id, indicator.dispersion.value, indicator.dispersion.cv,
               detail::na_reason(indicator.dispersion), indicator.limit, indicator.pass);
        buffer.put_integer(indicator.missing);
        for (AreaType area : {AreaType::urban, AreaType::town, AreaType::rural}) {
            buffer.put(',');
            for (const auto& summary : group.by_area) {
                if (summary.area == area) {
                    if (summary.values[k].defined()) buffer.put_number(summary.values[k].value);
                    break;
                }
            }
        }
        buffer.put(',');
        buffer.put(tail_);
    }
    // The composite has no district value of its own: the value cell stays empty.
    record("composite", Measure{0, NaReason::indicator_na}, group.composite.cv,
           group.composite.cv.na, group.composite.limit, group.composite.pass);
    buffer.put(",,,,");
    buffer.put(tail_);
}

void render_csv(const Report& report, Level level, std::ostream& out) {
    if (level == Level::school) {
        render_school(report, out);
    } else {
        render_district(report, out);
    }
}

}  // namespace eduqb
