#include "eduqb/render.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <memory>
#include <utility>

#include "base/escape.hpp"
#include "base/number_text.hpp"
#include "eduqb/error.hpp"
#include "report/render_common.hpp"
#include "version.hpp"

namespace eduqb {

std::optional<Format> parse_format(std::string_view text) {
    // In any case: "-f HTML", "report.XLSX".
    std::string name(text);
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (name == "markdown" || name == "md") return Format::markdown;
    if (name == "csv") return Format::csv;
    if (name == "json") return Format::json;
    if (name == "html" || name == "htm") return Format::html;
    if (name == "xlsx") return Format::xlsx;
    return std::nullopt;
}

std::optional<Level> parse_level(std::string_view text) {
    if (text == "district") return Level::district;
    if (text == "school") return Level::school;
    return std::nullopt;
}

namespace {

/// Formats that lay out the whole report at once (HTML's overview, XLSX's sheets): the report
/// collected as a value, then rendered.
class WholeReportSink final : public ReportSink {
  public:
    using Render = std::function<void(const Report&)>;
    explicit WholeReportSink(Render render) : render_(std::move(render)) {}
    void begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>& ranks) override {
        collector_.begin(head, groups, ranks);
    }
    void group(std::size_t rank, const GroupResult& group, std::string& text) override {
        collector_.group(rank, group, text);
    }
    void write(std::string&) override {}
    void end(const Verdicts&) override { render_(collector_.take()); }

  private:
    ReportCollector collector_;
    Render render_;
};

}  // namespace

std::unique_ptr<ReportSink> make_html_sink(Level level, const ReportContext& context,
                                           std::ostream& out) {
    return std::make_unique<WholeReportSink>(
        [level, context, &out](const Report& report) { render_html(report, level, context, out); });
}

std::unique_ptr<ReportSink> make_xlsx_sink(const ReportContext& context, std::string path) {
    return std::make_unique<WholeReportSink>(
        [context, path = std::move(path)](const Report& report) {
            render_xlsx(report, context, path);
        });
}

std::unique_ptr<ReportSink> make_text_sink(Format format, Level level, const ReportContext& context,
                                           std::ostream& out, int threads) {
    switch (format) {
        case Format::markdown:
            return make_markdown_sink(level, out, context);
        case Format::csv:
            return make_csv_sink(level, out);
        case Format::json:
            return make_json_sink(level, out, threads);
        case Format::html:
            return make_html_sink(level, context, out);
        case Format::xlsx:
            break;
    }
    throw UsageError("the xlsx format is written to a file: give -o FILE.xlsx");
}

void render(const Report& report, Format format, Level level, std::ostream& out,
            const ReportContext& context) {
    switch (format) {
        case Format::markdown:
            render_markdown(report, level, out, context);
            break;
        case Format::csv:
            render_csv(report, level, out);
            break;
        case Format::json:
            render_json(report, level, out);
            break;
        case Format::html:
            render_html(report, level, context, out);
            break;
        case Format::xlsx:
            throw UsageError("the xlsx format is written to a file: give -o FILE.xlsx");
    }
}

std::optional<Language> parse_language(std::string_view text) {
    if (text == "zh") return Language::zh;
    if (text == "en") return Language::en;
    return std::nullopt;
}

std::string report_date(std::int64_t time) {
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), free of the C
    // library's time_t range and time zone.
    std::int64_t days = time >= 0 ? time / 86400 : (time - 86399) / 86400;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2);
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string_view eduqb_version() {
    return kEduqbVersion;
}

namespace detail {

std::string exact_number(double value) {
    return std::isfinite(value) ? shortest_text(value) : std::string();
}

std::string rounded(double value, int decimals) {
    return fixed_text(value, decimals);
}

std::string year_text(const std::optional<int>& year) {
    return year ? std::to_string(*year) : std::string();
}

std::string limit_text(const Limit& limit, int decimals) {
    std::string text(to_symbol(limit.op));
    text += ' ';
    return text += fixed_text(limit.value, decimals);
}

std::string group_verdict(const GroupResult& group) {
    if (!group.judged) return "not_judged";
    return group.pass ? "pass" : "fail";
}

bool school_not_judged(const Profile& profile, const SchoolResult& school) {
    return !school.compliant && profile.school_rule && profile.has_standards(school.key.stage);
}

bool no_section_judged(const GroupResult& group) {
    return group.schools > 0 && group.schools_compliant &&
           *group.schools_compliant + group.schools_failing.value_or(0) == 0;
}

namespace {

/// append_fixed without the minus sign of a value that rounds to zero.
void append_signed_fixed(std::string& text, double value, int decimals) {
    const std::size_t start = text.size();
    append_fixed(text, value, decimals);
    if (text[start] == '-' && text.find_first_not_of("-0.", start) == std::string::npos) {
        text.erase(start, 1);
    }
}

}  // namespace

std::string signed_rounded(double value, int decimals) {
    std::string text;
    append_signed_fixed(text, value, decimals);
    return text;
}

std::string verdict_text(const std::optional<bool>& pass) {
    if (!pass) return "";
    return *pass ? "pass" : "fail";
}

int value_decimals(const IndicatorDef& def) {
    return def.column == Column::equipment_value_yuan ? 0 : 2;
}

std::vector<UrbanRuralGap> urban_rural_gaps(const GroupResult& group) {
    const AreaSummary* urban = nullptr;
    const AreaSummary* rural = nullptr;
    for (const auto& area : group.by_area) {
        if (area.area == AreaType::urban) urban = &area;
        if (area.area == AreaType::rural) rural = &area;
    }
    std::vector<UrbanRuralGap> gaps;
    if (!urban || !rural) return gaps;
    gaps.reserve(urban->values.size());
    for (std::size_t k = 0; k < urban->values.size(); ++k) {
        if (urban->values[k].defined() && rural->values[k].defined()) {
            gaps.push_back(UrbanRuralGap{k, urban->values[k].value, rural->values[k].value});
        }
    }
    return gaps;
}

namespace {

std::string grouped(std::string digits, bool negative) {
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
    return negative ? "-" + digits : digits;
}

}  // namespace

std::string thousands(long long value) {
    // The magnitude in unsigned arithmetic: negating LLONG_MIN overflows.
    const auto magnitude = static_cast<unsigned long long>(value);
    return grouped(std::to_string(value < 0 ? 0 - magnitude : magnitude), value < 0);
}

std::string thousands(double value) {
    if (!std::isfinite(value)) return "NA";
    const double whole = std::round(value);
    // llround is unspecified beyond long long; such a sum prints the digits of the double.
    if (std::abs(whole) < 9.2e18) return thousands(std::llround(whole));
    return grouped(fmt::format("{:.0f}", std::abs(whole)), whole < 0);
}

void markdown_row(std::ostream& out, const std::vector<std::string>& cells) {
    MarkdownRowWriter row(out);
    for (const auto& text : cells) row.cell(text);
    row.end();
}

void MarkdownRowWriter::open_cell() {
    if (line_.empty()) line_ += '|';
    line_ += ' ';
}

MarkdownRowWriter& MarkdownRowWriter::cell(std::string_view text) {
    open_cell();
    append_markdown_cell(line_, text);
    line_ += " |";
    return *this;
}

MarkdownRowWriter& MarkdownRowWriter::fixed(double value, int decimals) {
    open_cell();
    append_fixed(line_, value, decimals);
    line_ += " |";
    return *this;
}

MarkdownRowWriter& MarkdownRowWriter::signed_fixed(double value, int decimals) {
    open_cell();
    append_signed_fixed(line_, value, decimals);
    line_ += " |";
    return *this;
}

// Built whole and written once: a stream insertion per character was slow.
void MarkdownRowWriter::end() {
    if (line_.empty()) line_ += '|';
    line_ += '\n';
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
}

void markdown_rule(std::ostream& out, std::size_t columns, std::string_view align) {
    out << '|';
    for (std::size_t i = 0; i < columns; ++i) {
        const char a = i < align.size() ? align[i] : (i == 0 ? 'l' : 'r');
        out << (a == 'r' ? "---:|" : "---|");
    }
    out << '\n';
}

NaReason na_reason(const Dispersion& dispersion) {
    return dispersion.cv.defined() ? dispersion.value.na : dispersion.cv.na;
}

}  // namespace detail
}  // namespace eduqb
