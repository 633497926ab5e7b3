#pragma once
// A string stream that lets an allocation failure through. iostreams catch the exception
// and only set badbit, so a report rendered into a plain std::ostringstream would end early
// without a word when memory runs out.

#include <ios>
#include <sstream>

namespace eduqb {

class TextStream : public std::ostringstream {
  public:
    TextStream() { exceptions(std::ios::badbit); }
};

}  // namespace eduqb
