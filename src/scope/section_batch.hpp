#pragma once
// Stage 3: the sections on their way from the reader to an evaluator, a batch at a time.

#include <cstddef>
#include <utility>
#include <vector>

#include "eduqb/table.hpp"

namespace eduqb {

/// Section rows in order, in a batch that keeps its rows when emptied. A row comes in by
/// move-assignment to a spent row, and libstdc++'s string move-assignment hands the spent
/// string's memory back to the string moved from: the parser's rows and the batches trade
/// their memory. A school name is longer than a string's inline room, and rows moved into
/// fresh places would each allocate one on a reading thread and free it on the evaluator's.
class SectionBatch {
  public:
    SectionBatch() = default;
    SectionBatch(const SectionBatch&) = default;
    SectionBatch& operator=(const SectionBatch&) = default;
    SectionBatch(SectionBatch&& other) noexcept
        : rows_(std::move(other.rows_)), size_(std::exchange(other.size_, 0)) {}
    SectionBatch& operator=(SectionBatch&& other) noexcept {
        rows_ = std::move(other.rows_);
        size_ = std::exchange(other.size_, 0);
        return *this;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    SectionRow& operator[](std::size_t i) { return rows_[i]; }
    const SectionRow& operator[](std::size_t i) const { return rows_[i]; }
    SectionRow* begin() { return rows_.data(); }
    SectionRow* end() { return rows_.data() + size_; }
    const SectionRow* begin() const { return rows_.data(); }
    const SectionRow* end() const { return rows_.data() + size_; }

    /// Appends `row`'s contents; `row` is left with a spent row's memory, which its next user
    /// clears (RowParser::parse does).
    void take(SectionRow& row) {
        if (size_ == rows_.size()) rows_.emplace_back();
        rows_[size_++] = std::move(row);
    }
    /// Keeps the first `count` rows; the others become spent rows.
    void truncate(std::size_t count) {
        if (count < size_) size_ = count;
    }
    /// No rows; their memory stays for the next ones.
    void clear() { size_ = 0; }
    /// Room for `count` rows.
    void reserve(std::size_t count) { rows_.reserve(count); }

  private:
    std::vector<SectionRow> rows_;  ///< the first size_ are the batch's, the rest spent
    std::size_t size_ = 0;
};

}  // namespace eduqb
