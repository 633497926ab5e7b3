#pragma once
// The statistics system's own codes and names for area types (城乡分类代码) and school types
// (办学类型代码), in the forms its exports write them (internal). parse_area_type and
// parse_school_type try these after the canonical spellings; docs/input-format.md lists the
// codes and their sources.

#include <string_view>

namespace eduqb::detail {

/// The AreaType of `text` as an int, or -1: a code of the urban-rural classification, its
/// name, or both ("111", "主城区", "111主城区", "111 主城区", "111-主城区", "主城区(111)"). A code
/// written with a name of another code ("111 村庄") is -1.
int area_type_coded(std::string_view text);

/// The SchoolType of `text` as an int, or -1: a 办学类型 code, its name, or both, in the same
/// forms. Codes of schools that are not compulsory-education schools ("342 高级中学") are -1.
int school_type_coded(std::string_view text);

}  // namespace eduqb::detail
