#pragma once
// Stage 7: a Report as text. Each format lives in its own render_<format>.cpp.

#include <optional>
#include <ostream>
#include <string_view>

#include "eduqb/report.hpp"

namespace eduqb {

enum class Format { markdown, csv, json };
enum class Level {
    district,  ///< one summary per district/year/stage
    school,    ///< one row per school section, with per-school verdicts and exclusions
};

std::optional<Format> parse_format(std::string_view text);
std::optional<Level> parse_level(std::string_view text);

void render_markdown(const Report& report, Level level, std::ostream& out);
void render_csv(const Report& report, Level level, std::ostream& out);
void render_json(const Report& report, Level level, std::ostream& out);

void render(const Report& report, Format format, Level level, std::ostream& out);

/// The version string written into reports.
std::string_view eduqb_version();

}  // namespace eduqb
