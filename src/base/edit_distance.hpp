#pragma once
// How far apart two words are, and the nearest of a few known words: "did you mean ...?" for
// unknown column headers, profile keys and names typed by a user.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eduqb {

/// The Levenshtein distance between `a` and `b` in Unicode code points, so that a Chinese
/// character is one edit, not three bytes. With max_distance > 0 it stops as soon as the
/// distance is known to exceed max_distance and returns max_distance + 1.
int edit_distance(std::string_view a, std::string_view b, int max_distance = 0);

/// The most edits at which `word` is taken for a typo: 1 for words of up to 4 code points, 2
/// for longer ones. Chinese headers are short and each character carries a word's meaning:
/// 城乡类形 is one edit from 城乡类型, but two edits in four characters leave half the word.
int suggestion_distance(std::string_view word);

/// The candidate nearest to `word`, at most max_distance edits away, the first of equally
/// near ones. Never one that takes as many edits as `word` has characters: a one-character
/// word is no typo of another. Nothing when no candidate is near enough.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string_view>& candidates,
                                   int max_distance);
/// closest() at suggestion_distance(word).
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string_view>& candidates);

}  // namespace eduqb
