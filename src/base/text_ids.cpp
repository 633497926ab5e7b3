#include "base/text_ids.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "base/short_text.hpp"

namespace eduqb {

namespace {
constexpr std::uint64_t kTagBits = 0xFFFFFFFF00000000ULL;
}  // namespace

void TextIds::place(std::uint64_t hash, std::uint32_t id) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (hash & kTagBits) | (std::uint64_t{id} + 1);
}

void TextIds::grow() {
    slots_.assign(std::max<std::size_t>(slots_.size() * 2, 64), 0);
    for (std::size_t id = 0; id < texts_.size(); ++id) {
        place(short_text_hash(texts_[id]), static_cast<std::uint32_t>(id));
    }
}

std::pair<std::uint32_t, bool> TextIds::intern(std::string_view text) {
    if (2 * (texts_.size() + 1) > slots_.size()) grow();
    const std::uint64_t hash = short_text_hash(text);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) break;
        if ((slot & kTagBits) == (hash & kTagBits)) {
            const auto id = static_cast<std::uint32_t>(slot - 1);
            if (same_short_text(texts_[id], text)) return {id, false};
        }
    }
    if (texts_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
        throw std::length_error("more than 4 billion distinct names");
    }
    const auto id = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(text);
    place(hash, id);
    return {id, true};
}

}  // namespace eduqb
