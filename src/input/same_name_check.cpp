#include "input/same_name_check.hpp"

#include "base/short_text.hpp"

namespace eduqb {

void SameNameCheck::clear() {
    // Only the slots in use: the table keeps the size of the largest district-year.
    for (const std::size_t i : filled_) slots_[i] = Slot{};
    filled_.clear();
    used_ = 0;
}

void SameNameCheck::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    filled_.clear();
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.name == 0) continue;
        std::size_t i = static_cast<std::size_t>(slot.name) & mask;
        while (slots_[i].name != 0) i = (i + 1) & mask;
        slots_[i] = slot;
        filled_.push_back(i);
    }
}

std::optional<SourceRef> SameNameCheck::other_school(const SectionRow& row,
                                                     std::uint64_t name_hash) {
    if (name_hash == 0) return std::nullopt;
    if (!same_short_text(row.district, district_) || row.year != year_) {
        district_ = row.district;
        year_ = row.year;
        clear();
    }
    const std::uint64_t id = short_text_hash(row.school_id) | 1;
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(name_hash) & mask;
    while (slots_[i].name != 0) {
        if (slots_[i].name == name_hash) {
            if (slots_[i].id == id) return std::nullopt;  // another section of the school
            return slots_[i].first;
        }
        i = (i + 1) & mask;
    }
    slots_[i] = Slot{name_hash, id, row.source};
    filled_.push_back(i);
    if (++used_ * 2 > slots_.size()) grow();
    return std::nullopt;
}

}  // namespace eduqb
