#pragma once
// Formatting shared by the renderers (internal).

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/report.hpp"

namespace eduqb::detail {

/// Shortest text that reads back as the same double (for CSV and JSON).
std::string exact_number(double value);
/// Fixed decimals for people (Markdown).
std::string rounded(double value, int decimals);
/// "2024" or "" when the input has no year column.
std::string year_text(const std::optional<int>& year);
/// "≤ 0.50" / "< 0.45".
std::string limit_text(const Limit& limit, int decimals);
/// "pass", "fail", or "" when not judged.
std::string verdict_text(const std::optional<bool>& pass);
/// A group's verdict: "pass", "fail", or "not_judged" when no rule could be applied.
std::string group_verdict(const GroupResult& group);
/// True when the per-school rule applies to the section's stage but could not judge it (a
/// value is missing, --missing skip): it is reported as not judged, never as meeting the rule.
bool school_not_judged(const Profile& profile, const SchoolResult& school);
/// True when the per-school rule applies to the group but judged none of its sections: the
/// reason a group whose coefficients pass is NOT JUDGED.
bool no_section_judged(const GroupResult& group);
/// Fixed decimals without a minus sign on zero ("-0.00" → "0.00").
std::string signed_rounded(double value, int decimals);
/// Decimals people expect for an indicator's values (money has none).
int value_decimals(const IndicatorDef& def);
/// "12,345" (rounded to a whole number), or "NA" when not finite.
std::string thousands(double value);
std::string thousands(long long value);

/// One Markdown table row, each cell escaped by append_markdown_cell (escape.hpp): pass
/// cells as plain text, never escaped already.
void markdown_row(std::ostream& out, const std::vector<std::string>& cells);
/// Markdown table rows built cell by cell in one line kept from row to row, each written whole
/// when it ends: markdown_row's text without a vector of cells or a string per cell.
class MarkdownRowWriter {
  public:
    explicit MarkdownRowWriter(std::ostream& out) : out_(out) { line_.reserve(256); }
    /// A cell of plain text, escaped as markdown_row escapes it.
    MarkdownRowWriter& cell(std::string_view text);
    /// rounded(value, decimals) as a cell: a number has nothing to escape.
    MarkdownRowWriter& fixed(double value, int decimals);
    /// signed_rounded(value, decimals) as a cell.
    MarkdownRowWriter& signed_fixed(double value, int decimals);
    /// Ends the row and writes it.
    void end();

  private:
    void open_cell();
    std::ostream& out_;
    std::string line_;
};

/// The rule under a header row: `align` has one letter per column, l or r (missing: r, but
/// the first column l).
void markdown_rule(std::ostream& out, std::size_t columns, std::string_view align = "l");

/// The CV reason when the CV is NA, else the value's reason when that is NA.
NaReason na_reason(const Dispersion& dispersion);

/// One indicator's urban and rural district values (城乡差距), when the group has both.
struct UrbanRuralGap {
    std::size_t indicator = 0;
    double urban = 0;
    double rural = 0;
};
std::vector<UrbanRuralGap> urban_rural_gaps(const GroupResult& group);

}  // namespace eduqb::detail
