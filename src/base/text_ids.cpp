#include "base/text_ids.hpp"

#include "base/short_text.hpp"

namespace eduqb {

std::pair<std::uint32_t, bool> TextIds::intern(std::string_view text) {
    const auto found = index_.find_or_insert(
        short_text_hash(text), [&](std::uint32_t id) { return same_short_text(texts_[id], text); });
    if (found.second) texts_.emplace_back(text);
    return found;
}

}  // namespace eduqb
