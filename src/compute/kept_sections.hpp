#pragma once
// The values of every evaluated section, kept for the measures that need a whole group's
// values (src/compute/measures.*), and after the accumulation an index of each group's
// sections.

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "compute/measures.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// One log in input order rather than a vector per group: no allocation per group, and the
/// sections of a statistics file arrive district by district anyway. Kept in blocks, so that
/// growing never copies what is kept nor holds twice its room.
class KeptSections {
  public:
    /// Empty, for sections of `indicators` values each.
    explicit KeptSections(std::size_t indicators = 0) : stride_(1 + indicators) {}

    /// Section `row` of a batch, in group `group`: its students and its value of each
    /// indicator (`values`, one column per indicator, NaN where missing).
    void add(std::size_t group, AreaType area, double students, const Eigen::ArrayXXd& values,
             Eigen::Index row) {
        if (room_ == 0) add_block();
        --room_;
        double* kept = next_;
        next_ += stride_;
        kept[0] = students;
        const double* value = values.data() + row;  // column-major: a column is `rows` apart
        for (std::size_t k = 1; k < stride_; ++k, value += values.rows()) kept[k] = *value;
        groups_[size_] = static_cast<std::uint32_t>(group);
        areas_[size_] = area;
        ++size_;
    }

    /// Ends the adding: indexes the sections by group, in input order within each.
    void index(std::size_t groups);

    /// Group g's sections with a value for indicator k into out[k], for every indicator (after
    /// index()). `out` is resized to the number of indicators.
    void gather(std::size_t g, std::vector<GroupValues>& out) const;

  private:
    /// Sections per block: 8192 of 8 doubles are half a megabyte.
    static constexpr std::size_t kBlock = 8192;

    const double* record(std::size_t section) const {
        return blocks_[section / kBlock].get() + (section % kBlock) * stride_;
    }

    /// A block more, and room for its sections' groups and area types.
    void add_block();

    std::size_t stride_;
    std::size_t size_ = 0;
    double* next_ = nullptr;  ///< where the next section goes, in the last block
    std::size_t room_ = 0;    ///< sections the last block has room for
    /// Per section: students, then each indicator's value.
    std::vector<std::unique_ptr<double[]>> blocks_;
    std::vector<AreaType> areas_;        ///< per section, with room for the last block's
    std::vector<std::uint32_t> groups_;  ///< per section until index(), as areas_
    /// Group g's sections are order_[starts_[g]] to order_[starts_[g + 1]] (exclusive).
    std::vector<std::uint32_t> starts_;
    std::vector<std::uint32_t> order_;
};

}  // namespace eduqb
