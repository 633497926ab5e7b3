# Writes a header holding each profile file as a raw string literal.
# Usage: cmake -DOUTPUT=file.hpp "-DINPUTS=a.toml|b.toml" -P embed_profiles.cmake
set(content "#pragma once\n// Generated from profiles/*.toml by cmake/embed_profiles.cmake.\n")
string(APPEND content "#include <string_view>\nnamespace eduqb::detail {\n")
string(APPEND content "struct BuiltinProfile {\n    std::string_view id;\n    std::string_view text;\n};\n")
string(APPEND content "inline constexpr BuiltinProfile kBuiltinProfiles[] = {\n")
string(REPLACE "|" ";" INPUTS "${INPUTS}")
foreach(input IN LISTS INPUTS)
  get_filename_component(id ${input} NAME_WE)
  file(READ ${input} text)
  string(APPEND content "    {\"${id}\", R\"eduqb_profile(${text})eduqb_profile\"},\n")
endforeach()
string(APPEND content "};\n}  // namespace eduqb::detail\n")
file(WRITE ${OUTPUT} "${content}")
