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
    // The group's records found once, then read by each indicator in turn.
    const std::size_t first = starts_[g];
    const std::size_t n = starts_[g + 1] - first;
    thread_local std::vector<const double*> records;
    thread_local std::vector<AreaType> areas;
    records.resize(n);
    areas.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t section = order_[first + i];
        records[i] = record(section);
        areas[i] = areas_[section];
    }
    for (std::size_t k = 0; k < indicators; ++k) {
        out[k].clear();
        out[k].add_column(records.data(), areas.data(), n, 1 + k);
    }
}

}  // namespace eduqb
