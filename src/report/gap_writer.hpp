#pragma once
// The gap analysis of each format as a writer of parts: the head, each group (formatted on
// any thread), the tail. render_gaps() and the gaps sink both write through it, so a streamed
// analysis and one rendered from a GapReport are the same bytes.

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "eduqb/gaps.hpp"
#include "eduqb/render.hpp"

namespace eduqb {

class GapWriter {
  public:
    explicit GapWriter(std::ostream& out) : out_(out) {}
    virtual ~GapWriter() = default;
    GapWriter(const GapWriter&) = delete;
    GapWriter& operator=(const GapWriter&) = delete;

    /// The head states what every group found (GapCounts): the groups' text must wait.
    virtual bool head_needs_counts() const { return false; }
    virtual void head(const GapReport& gaps, const GapCounts& counts) = 0;
    /// How many groups follow, before the first: a format may lay out a long run otherwise.
    virtual void expect_groups(std::size_t) {}
    /// The group at `rank`, appended to `text`; may run on several threads at once.
    virtual void group(const GapReport& gaps, const GroupGaps& group, std::size_t rank,
                       std::string& text) const = 0;
    /// Text of group(), in order.
    virtual void write(const std::string& text) { out_ << text; }
    virtual void tail(const GapReport& gaps, const GapCounts& counts) = 0;

  protected:
    std::ostream& out_;
};

std::unique_ptr<GapWriter> make_gap_markdown_writer(std::ostream& out,
                                                    const ReportContext& context);
std::unique_ptr<GapWriter> make_gap_csv_writer(std::ostream& out);
std::unique_ptr<GapWriter> make_gap_json_writer(std::ostream& out);
std::unique_ptr<GapWriter> make_gap_html_writer(std::ostream& out, const ReportContext& context);
/// The workbook at `path`, written as the groups come (constant memory).
std::unique_ptr<GapWriter> make_gap_xlsx_writer(const std::string& path,
                                                const ReportContext& context);
/// UsageError for XLSX, which needs a file. `context` is that of Markdown and HTML.
std::unique_ptr<GapWriter> make_gap_writer(Format format, std::ostream& out,
                                           const ReportContext& context = {});

}  // namespace eduqb
