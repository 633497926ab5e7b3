#include "compute/kept_sections.hpp"

namespace eduqb {

void KeptSections::add_block() {
    blocks_.emplace_back(new double[kBlock * stride_]);
    next_ = blocks_.back().get();
    room_ = kBlock;
    groups_.resize(size_ + kBlock);
    areas_.resize(size_ + kBlock);
}

void KeptSections::index(std::size_t groups) {
    // A counting sort by group, stable.
    groups_.resize(size_);
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
