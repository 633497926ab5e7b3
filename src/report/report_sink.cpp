#include "eduqb/report_sink.hpp"

#include <numeric>
#include <stdexcept>

namespace eduqb {

// A sink that does not spool sections gets them in begin()'s head: one handed here would be
// lost, so say so rather than drop it.
void ReportSink::school(std::uint32_t, const SchoolResult&) {
    throw std::logic_error("this report sink does not take sections as they are evaluated");
}

void ReportSink::sections_begin(const std::vector<std::string>&) {}

void ReportSink::exclusion(const Exclusion&) {
    throw std::logic_error("this report sink does not take sections as they are evaluated");
}

void ReportCollector::begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>&) {
    report_ = std::move(head);
    report_.groups.assign(groups, GroupResult{});
}

void ReportCollector::group(std::size_t rank, const GroupResult& group, std::string&) {
    report_.groups[rank] = group;
}

void replay(const Report& report, ReportSink& sink) {
    Report head;
    head.profile = report.profile;
    head.inputs = report.inputs;
    head.reading_notes = report.reading_notes;
    head.rows_not_read = report.rows_not_read;
    head.schools = report.schools;
    head.exclusions = report.exclusions;
    head.excluded_by_rule = report.excluded_by_rule;
    std::vector<std::uint32_t> ranks(report.groups.size());
    std::iota(ranks.begin(), ranks.end(), 0U);
    sink.begin(head, report.groups.size(), ranks);
    std::string text;
    for (std::size_t rank = 0; rank < report.groups.size(); ++rank) {
        text.clear();
        sink.group(rank, report.groups[rank], text);
        sink.write(text);
    }
    sink.end(report.verdicts());
}

}  // namespace eduqb
