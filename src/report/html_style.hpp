#pragma once
// The style sheet rules the report page and the gaps page share (internal): the A4 page, the
// type, the headings above h3, and the tables. Each page writes kPageStyle, its own h3 rules,
// kTableStyle, then the rest of its own.

#include <string_view>

namespace eduqb::detail {

inline constexpr std::string_view kPageStyle = R"(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #222; background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "WenQuanYi Micro Hei", "SimHei", sans-serif;
  font-size: 14px; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-top: 10px; border-top: 2px solid #4c78a8; }
)";

inline constexpr std::string_view kTableStyle =
    R"(table { border-collapse: collapse; margin: 8px 0 14px; }
th, td { border: 1px solid #c8c8c8; padding: 3px 8px; vertical-align: top; }
th { background: #eef2f7; text-align: left; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta th { width: 9em; }
)";

}  // namespace eduqb::detail
