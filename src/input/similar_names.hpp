#pragma once
// Names that differ only in how they are written: traditional or simplified characters,
// full-width or half-width forms, spaces and invisible characters. 紅旗縣 typed once among
// rows of 红旗县 would otherwise be a district of its own.

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eduqb/table.hpp"

namespace eduqb {

/// `name` folded so that spellings that differ only in traditional vs simplified characters
/// (紅旗縣, 红旗县), full-width vs half-width forms (第１小学, 第1小学) or spaces and invisible
/// characters (ASCII and Unicode spaces, U+3000, NBSP, U+200B, U+2060, U+FEFF, variation
/// selectors) give the same key. A key is for comparing, not for showing.
std::string name_key(std::string_view name);

/// The simplified form of the traditional Chinese character `c`, or `c` when it has none:
/// OpenCC's single-character table, first candidate (see src/input/hanzi_t2s_table.inc).
char32_t to_simplified(char32_t c);

/// The distinct spellings of names (of districts, of schools) with where each was first seen,
/// and the groups of spellings that name_key makes one.
class SimilarNames {
  public:
    struct Spelling {
        std::string name;
        SourceRef first;
    };

    /// Records `name`, seen at `where`. A name seen before costs one hash lookup, the name of
    /// the previous call one comparison (a district's rows come together).
    void add(std::string_view name, SourceRef where);

    /// Every key spelt in two or more ways: the spellings in the order they were first seen,
    /// the groups in the order of their first spelling. Names whose key is empty (blank ones)
    /// are left out.
    std::vector<std::vector<Spelling>> groups() const;

    /// The number of distinct spellings recorded.
    std::size_t size() const { return spellings_.size(); }

  private:
    /// A deque, so that the views in index_ stay valid as spellings are added.
    std::deque<Spelling> spellings_;
    std::unordered_map<std::string_view, std::size_t> index_;
    std::size_t last_ = 0;
};

}  // namespace eduqb
