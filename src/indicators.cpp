#include "eduqb/indicators.hpp"

namespace eduqb {

namespace {

const SectionRow& section_at(const std::vector<SectionRow>& sections, Eigen::Index i) {
    return sections[static_cast<std::size_t>(i)];
}
const SectionRow& section_at(const std::vector<const SectionRow*>& sections, Eigen::Index i) {
    return *sections[static_cast<std::size_t>(i)];
}

template <typename Sections>
IndicatorInputs gather(const Sections& sections, const Profile& profile) {
    const auto rows = static_cast<Eigen::Index>(sections.size());
    const auto columns = static_cast<Eigen::Index>(profile.indicators.size());
    IndicatorInputs inputs{Eigen::ArrayXd(rows), Eigen::ArrayXXd(rows, columns)};
    for (Eigen::Index i = 0; i < rows; ++i) inputs.students(i) = section_at(sections, i).students();
    for (Eigen::Index k = 0; k < columns; ++k) {
        const Column column = profile.indicators[k].column;
        for (Eigen::Index i = 0; i < rows; ++i) {
            inputs.resources(i, k) = section_at(sections, i).value(column);
        }
    }
    return inputs;
}

}  // namespace

IndicatorInputs gather_inputs(const std::vector<SectionRow>& sections, const Profile& profile) {
    return gather(sections, profile);
}

IndicatorInputs gather_inputs(const std::vector<const SectionRow*>& sections,
                              const Profile& profile) {
    return gather(sections, profile);
}

Eigen::ArrayXXd compute_indicators(const IndicatorInputs& inputs, const Profile& profile) {
    Eigen::ArrayXd multipliers(static_cast<Eigen::Index>(profile.indicators.size()));
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        multipliers(static_cast<Eigen::Index>(k)) = profile.indicators[k].multiplier;
    }
    // R·m/P rather than R/P·m: whole-number data then gives exact ratios (28·100/400 = 7).
    return (inputs.resources.rowwise() * multipliers.transpose()).colwise() / inputs.students;
}

}  // namespace eduqb
