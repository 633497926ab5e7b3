#include "report/school_lacks.hpp"

#include <vector>

#include "report/render_common.hpp"

namespace eduqb::detail {

Text two_types_kind(const SchoolResult& school) {
    if (school.rural_small && school.township_boarding) return Text::both_types;
    return school.rural_small ? Text::rural_small : Text::township_boarding;
}

int check_decimals(const SchoolCheck& check) {
    switch (check.measure) {
        case CheckMeasure::school_students:
            return 0;
        case CheckMeasure::class_size:
            return 1;
        case CheckMeasure::per_student:
            return 2;
    }
    return 2;
}

std::string lacks_text(const Labels& text, const Profile& profile, const SchoolResult& school) {
    const auto& defs = profile.indicators;
    std::vector<std::string> lacks;
    for (std::size_t k = 0; k < defs.size(); ++k) {
        const auto& standard = for_stage(defs[k].standard, school.key.stage);
        const int decimals = value_decimals(defs[k]);
        if (school.statuses[k] == StandardStatus::above_floor ||
            school.statuses[k] == StandardStatus::below_floor) {
            lacks.push_back(text(Text::lack_standard, text.indicator(defs[k]),
                                 rounded(school.values[k], decimals),
                                 rounded(*standard, decimals)));
        } else if (school.statuses[k] == StandardStatus::missing) {
            lacks.push_back(text(Text::lack_missing, text.indicator(defs[k])));
        }
    }
    for (std::size_t c = 0; c < school.check_statuses.size(); ++c) {
        if (school.check_statuses[c] != CheckStatus::fail) continue;
        const SchoolCheck& check = profile.school_checks[c];
        const auto limit = check.limit_for(school.school_type, school.key.stage);
        lacks.push_back(text(Text::lack_check, text.check(check),
                             rounded(school.check_values[c], 1), limit_text(*limit, 0)));
    }
    if (school_not_judged(profile, school)) lacks.emplace_back(text[Text::lack_not_judged]);
    if (lacks.empty()) return std::string(text[Text::lacks_nothing]);
    std::string joined;
    for (const auto& lack : lacks) {
        joined += (joined.empty() ? "" : std::string(text[Text::clause_separator])) + lack;
    }
    return joined;
}

}  // namespace eduqb::detail
