#pragma once
// What a school of the two types (两类学校) lacks, and how a school check's value reads: the
// same words in every report that lists them (internal).

#include <string>

#include "eduqb/profile.hpp"
#include "eduqb/report.hpp"
#include "report/labels.hpp"

namespace eduqb::detail {

/// Rural small school, township boarding school, or both.
Text two_types_kind(const SchoolResult& school);
/// The standards the school misses and the checks it fails, joined into one text; "nothing"
/// when it misses none.
std::string lacks_text(const Labels& text, const Profile& profile, const SchoolResult& school);
/// Decimals of a check's value: whole students, class size to 1, space per student to 2.
int check_decimals(const SchoolCheck& check);

}  // namespace eduqb::detail
