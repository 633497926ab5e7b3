#pragma once
// Numbers for the texts that name groups (districts): 0, 1, 2, … in order of first sight.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/flat_index.hpp"

namespace eduqb {

/// Interns texts: the same text gets the same id. Looked up each time a file moves on to
/// another district: a lookup reads one slot, and the text only when 32 bits of its hash
/// match.
class TextIds {
  public:
    /// The id of `text`, and whether it is new (its id is then size() - 1).
    std::pair<std::uint32_t, bool> intern(std::string_view text);
    const std::string& text(std::uint32_t id) const { return texts_[id]; }
    std::size_t size() const { return texts_.size(); }

  private:
    FlatIndex index_;
    std::vector<std::string> texts_;
};

}  // namespace eduqb
