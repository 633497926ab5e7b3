#pragma once
// A GapReport as text: Markdown for people, one tidy CSV table, or JSON (docs/gaps.md).

#include <ostream>

#include "eduqb/gaps.hpp"
#include "eduqb/render.hpp"

namespace eduqb {

void render_gaps_markdown(const GapReport& gaps, std::ostream& out);
void render_gaps_csv(const GapReport& gaps, std::ostream& out);
void render_gaps_json(const GapReport& gaps, std::ostream& out);

void render_gaps(const GapReport& gaps, Format format, std::ostream& out);

}  // namespace eduqb
