#pragma once
// Text kept in an unnamed temporary file until the part of a report that must precede it is
// known (a result line that counts every group): memory flat however long the text.

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace eduqb {

class TextSpool {
  public:
    TextSpool();  ///< OutputError when no temporary file can be made
    ~TextSpool();
    TextSpool(const TextSpool&) = delete;
    TextSpool& operator=(const TextSpool&) = delete;

    void append(std::string_view text);
    /// Everything appended, in pieces, in order. OutputError when the file fails.
    void write_to(const std::function<void(const std::string&)>& write);

  private:
    std::FILE* file_ = nullptr;
};

}  // namespace eduqb
