#include "input/similar_names.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "base/utf8.hpp"

namespace eduqb {
namespace {

struct Simplification {
    char32_t traditional;
    char32_t simplified;
};

constexpr Simplification kSimplifications[] = {
#include "input/hanzi_t2s_table.inc"
};

/// Spaces of every width and characters that show nothing: a name copied from a web page or
/// a Word document carries them unseen.
bool is_blank_or_invisible(char32_t c) {
    if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
    if (c < 0x80) return false;
    switch (c) {
        case 0x0085:  // next line
        case 0x00A0:  // no-break space
        case 0x00AD:  // soft hyphen
        case 0x034F:  // combining grapheme joiner
        case 0x061C:  // Arabic letter mark
        case 0x1680:  // Ogham space mark
        case 0x180E:  // Mongolian vowel separator
        case 0x2028:  // line separator
        case 0x2029:  // paragraph separator
        case 0x202F:  // narrow no-break space
        case 0x205F:  // medium mathematical space
        case 0x3000:  // ideographic space
        case 0x3164:  // Hangul filler
        case 0xFEFF:  // zero-width no-break space, byte order mark
        case 0xFFA0:  // half-width Hangul filler
            return true;
        default:
            break;
    }
    return (c >= 0x180B && c <= 0x180D) ||  // Mongolian variation selectors
           (c >= 0x2000 && c <= 0x200F) ||  // spaces, zero-width characters, marks
           (c >= 0x202A && c <= 0x202E) ||  // bidirectional embeddings
           (c >= 0x2060 && c <= 0x206F) ||  // word joiner, invisible operators, bidi isolates
           (c >= 0xFE00 && c <= 0xFE0F) ||  // variation selectors
           (c >= 0xE0000 && c <= 0xE0FFF);  // tags, variation selectors supplement
}

/// The half-width form of a full-width character, or `c`.
char32_t half_width(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // ！ to ～
    switch (c) {
        case 0xFFE0:
            return 0x00A2;  // ¢
        case 0xFFE1:
            return 0x00A3;  // £
        case 0xFFE2:
            return 0x00AC;  // ¬
        case 0xFFE3:
            return 0x00AF;  // ¯
        case 0xFFE4:
            return 0x00A6;  // ¦
        case 0xFFE5:
            return 0x00A5;  // ¥
        case 0xFFE6:
            return 0x20A9;  // ₩
        default:
            return c;
    }
}

}  // namespace

char32_t to_simplified(char32_t c) {
    // The table starts in CJK Extension A (U+3400): nothing below it is looked up.
    if (c < kSimplifications[0].traditional) return c;
    const auto* end = std::end(kSimplifications);
    const auto* found = std::lower_bound(
        std::begin(kSimplifications), end, c,
        [](const Simplification& entry, char32_t value) { return entry.traditional < value; });
    return found != end && found->traditional == c ? found->simplified : c;
}

std::string name_key(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        const detail::CodePoint point = detail::decode_utf8(name, i);
        i += point.size;
        if (point.value < 0x80) {
            if (!is_blank_or_invisible(point.value)) key += static_cast<char>(point.value);
            continue;
        }
        if (is_blank_or_invisible(point.value)) continue;
        detail::append_utf8(key, to_simplified(half_width(point.value)));
    }
    return key;
}

void SimilarNames::add(std::string_view name, SourceRef where) {
    if (!spellings_.empty() && spellings_[last_].name == name) return;
    const auto found = index_.find(name);
    if (found != index_.end()) {
        last_ = found->second;
        return;
    }
    last_ = spellings_.size();
    spellings_.push_back(Spelling{std::string(name), where});
    index_.emplace(spellings_.back().name, last_);
}

std::vector<std::vector<SimilarNames::Spelling>> SimilarNames::groups() const {
    // Spellings by key, in the order first seen; the groups in the order of their first.
    std::unordered_map<std::string, std::size_t> group_of;
    std::vector<std::vector<Spelling>> groups;
    for (const Spelling& spelling : spellings_) {
        std::string key = name_key(spelling.name);
        if (key.empty()) continue;
        const auto [it, added] = group_of.emplace(std::move(key), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(spelling);
    }
    groups.erase(
        std::remove_if(groups.begin(), groups.end(),
                       [](const std::vector<Spelling>& group) { return group.size() < 2; }),
        groups.end());
    return groups;
}

}  // namespace eduqb
