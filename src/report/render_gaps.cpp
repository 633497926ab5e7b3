#include "eduqb/render_gaps.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eduqb/error.hpp"
#include "report/gap_writer.hpp"
#include "report/text_spool.hpp"

namespace eduqb {

std::unique_ptr<GapWriter> make_gap_writer(Format format, std::ostream& out,
                                           const ReportContext& context) {
    switch (format) {
        case Format::markdown:
            return make_gap_markdown_writer(out, context);
        case Format::csv:
            return make_gap_csv_writer(out);
        case Format::json:
            return make_gap_json_writer(out);
        case Format::html:
            return make_gap_html_writer(out, context);
        case Format::xlsx:
            break;
    }
    throw UsageError("the gap analysis as xlsx needs a file: give -o FILE.xlsx");
}

namespace {

void replay(const GapReport& gaps, GapWriter& writer) {
    GapCounts counts;
    for (const auto& group : gaps.groups) counts.add(group);
    // As the sink does: a head that states what every group found comes after them.
    const bool head_last = writer.head_needs_counts();
    if (!head_last) writer.head(gaps, counts);
    writer.expect_groups(gaps.groups.size());
    std::vector<std::string> held;
    std::string text;
    for (std::size_t rank = 0; rank < gaps.groups.size(); ++rank) {
        text.clear();
        writer.group(gaps, gaps.groups[rank], rank, text);
        if (head_last) {
            held.push_back(text);
        } else {
            writer.write(text);
        }
    }
    if (head_last) {
        writer.head(gaps, counts);
        for (const auto& group_text : held) writer.write(group_text);
    }
    writer.tail(gaps, counts);
}

}  // namespace

void render_gaps(const GapReport& gaps, Format format, std::ostream& out,
                 const ReportContext& context) {
    replay(gaps, *make_gap_writer(format, out, context));
}

void render_gaps_html(const GapReport& gaps, std::ostream& out, const ReportContext& context) {
    render_gaps(gaps, Format::html, out, context);
}

void render_gaps_xlsx(const GapReport& gaps, const ReportContext& context,
                      const std::string& path) {
    replay(gaps, *make_gap_xlsx_writer(path, context));
}

void render_gaps_markdown(const GapReport& gaps, std::ostream& out, const ReportContext& context) {
    render_gaps(gaps, Format::markdown, out, context);
}

void render_gaps_csv(const GapReport& gaps, std::ostream& out) {
    render_gaps(gaps, Format::csv, out);
}

void render_gaps_json(const GapReport& gaps, std::ostream& out) {
    render_gaps(gaps, Format::json, out);
}

namespace {

/// The gap analysis streamed: each group's gaps computed and formatted where the evaluator
/// builds the group, from the schools the head holds; no GapReport of every group is kept.
class GapsSink final : public ReportSink {
  public:
    GapsSink(std::unique_ptr<GapWriter> writer, GapOptions options, GapCounts* counts)
        : writer_(std::move(writer)), counts_total_(counts) {
        check_gap_options(options);
        gaps_.options = options;
    }

    void begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>&) override {
        gaps_.profile = head.profile;
        gaps_.inputs = head.inputs;
        gaps_.excluded = static_cast<std::size_t>(head.excluded_total());
        schools_.emplace(head.schools);
        counts_.assign(groups, GapCounts{});
        if (writer_->head_needs_counts()) {
            spool_.emplace();
        } else {
            writer_->head(gaps_, GapCounts{});
        }
        writer_->expect_groups(groups);
    }

    void group(std::size_t rank, const GroupResult& group, std::string& text) override {
        const GroupGaps gaps =
            group_gaps(group, schools_->of(group.key), gaps_.profile, gaps_.options);
        counts_[rank].add(gaps);
        writer_->group(gaps_, gaps, rank, text);
    }

    void write(std::string& text) override {
        if (spool_) {
            spool_->append(text);
        } else {
            writer_->write(text);
        }
    }

    void end(const Verdicts&) override {
        GapCounts counts;
        for (const GapCounts& group : counts_) counts.add(group);
        if (counts_total_) *counts_total_ = counts;
        if (spool_) {
            writer_->head(gaps_, counts);
            spool_->write_to([&](const std::string& text) { writer_->write(text); });
        }
        writer_->tail(gaps_, counts);
    }

  private:
    std::unique_ptr<GapWriter> writer_;
    GapReport gaps_;  ///< everything but the groups
    std::optional<SchoolsByGroup> schools_;
    std::vector<GapCounts> counts_;  ///< per group, in report order
    GapCounts* counts_total_;        ///< where end() leaves the counts, if anywhere
    std::optional<TextSpool> spool_;
};

}  // namespace

std::unique_ptr<ReportSink> make_gaps_sink(Format format, const GapOptions& options,
                                           std::ostream& out, GapCounts* counts,
                                           const ReportContext& context) {
    return std::make_unique<GapsSink>(make_gap_writer(format, out, context), options, counts);
}

std::unique_ptr<ReportSink> make_gaps_xlsx_sink(const GapOptions& options,
                                                const ReportContext& context,
                                                const std::string& path, GapCounts* counts) {
    return std::make_unique<GapsSink>(make_gap_xlsx_writer(path, context), options, counts);
}

}  // namespace eduqb
