#pragma once
// A fixed set of short names, each with a value, built at compile time (internal).

#include <array>
#include <cassert>
#include <cstddef>
#include <string_view>

#include "base/short_text.hpp"

namespace eduqb::detail {

/// Names found in one probe: the text's length and its first and last bytes pick a slot.
/// Scanning the names, one comparison each, cost a mispredicted branch on most rows (the
/// value changes from row to row). Probing is linear and entries never move, so the names
/// added first keep the slots they got: names added later do not lengthen their lookups.
template <typename Value, std::size_t kSlots = 64>
class NameIndex {
  public:
    /// Adds `name` unless it is there already: the first spelling added wins.
    constexpr void add(std::string_view name, Value value) {
        std::size_t i = slot(name);
        while (slots_[i].used) {
            if (slots_[i].name == name) return;
            i = (i + 1) % kSlots;
        }
        slots_[i] = Slot{name, value, true};
        ++count_;
        assert(2 * count_ <= kSlots);
    }
    /// The value of `text` as an int, or -1.
    int find(std::string_view text) const {
        return find_or(text, [](std::string_view) { return -1; });
    }
    /// The value of `text` as an int, or what `miss(text)` returns. The miss is called where
    /// find() would return -1, so that a name found costs exactly what it costs in find().
    template <typename Miss>
    int find_or(std::string_view text, Miss miss) const {
        for (std::size_t i = slot(text);; i = (i + 1) % kSlots) {
            const Slot& candidate = slots_[i];
            if (!candidate.used) return miss(text);
            if (same_short_text(candidate.name, text)) return static_cast<int>(candidate.value);
        }
    }

  private:
    static constexpr std::size_t slot(std::string_view text) {
        if (text.empty()) return 0;
        return (text.size() * 7 + static_cast<unsigned char>(text.front()) * 3 +
                static_cast<unsigned char>(text.back())) %
               kSlots;
    }
    struct Slot {
        std::string_view name;
        Value value{};
        bool used = false;
    };
    std::array<Slot, kSlots> slots_{};
    std::size_t count_ = 0;
};

}  // namespace eduqb::detail
