#include "eduqb/render_gaps.hpp"

#include "eduqb/error.hpp"

namespace eduqb {

void render_gaps(const GapReport& gaps, Format format, std::ostream& out) {
    switch (format) {
        case Format::markdown:
            render_gaps_markdown(gaps, out);
            break;
        case Format::csv:
            render_gaps_csv(gaps, out);
            break;
        case Format::json:
            render_gaps_json(gaps, out);
            break;
        case Format::html:
        case Format::xlsx:
            throw UsageError("the gap analysis is written as markdown, csv or json");
    }
}

}  // namespace eduqb
