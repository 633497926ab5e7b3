#include "compute/kept_sections.hpp"

namespace eduqb {

void KeptSections::add(std::size_t group, AreaType area, double students,
                       const Eigen::ArrayXXd& values, Eigen::Index row) {
    if (size_ % kBlock == 0) blocks_.emplace_back(new double[kBlock * stride_]);
    double* kept = blocks_.back().get() + (size_ % kBlock) * stride_;
    kept[0] = students;
    for (Eigen::Index k = 0; k < values.cols(); ++k) kept[1 + k] = values(row, k);
    groups_.push_back(static_cast<std::uint32_t>(group));
    areas_.push_back(area);
    ++size_;
}

void KeptSections::index(std::size_t groups) {
    // A counting sort by group, stable.
    starts_.assign(groups + 1, 0);
    for (std::uint32_t g : groups_) ++starts_[g + 1];
    for (std::size_t g = 0; g < groups; ++g) starts_[g + 1] += starts_[g];
    order_.resize(groups_.size());
    std::vector<std::uint32_t> next(starts_.begin(), starts_.end() - 1);
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        order_[next[groups_[i]]++] = static_cast<std::uint32_t>(i);
    }
    groups_ = {};
}

void KeptSections::gather(std::size_t g, std::vector<GroupValues>& out) const {
    const std::size_t indicators = stride_ - 1;
    out.resize(indicators);
    for (GroupValues& values : out) {
        values.clear();
        values.reserve(starts_[g + 1] - starts_[g]);
    }
    for (std::uint32_t i = starts_[g]; i < starts_[g + 1]; ++i) {
        const std::size_t section = order_[i];
        const double* kept = record(section);
        const double students = kept[0];
        const AreaType area = areas_[section];
        for (std::size_t k = 0; k < indicators; ++k) {
            const double x = kept[1 + k];
            if (!is_missing(x)) out[k].add_within_reserve(x, students, area);
        }
    }
}

}  // namespace eduqb
