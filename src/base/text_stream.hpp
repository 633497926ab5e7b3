#pragma once
// A string stream that lets an allocation failure through. iostreams catch the exception
// and only set badbit, so a report rendered into a plain std::ostringstream would end early
// without a word when memory runs out.

#include <ios>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>

namespace eduqb {

class TextStream : public std::ostringstream {
  public:
    TextStream() { exceptions(std::ios::badbit); }
};

/// A stream that appends to a string the caller holds: a piece of a report written where it
/// goes, with no buffer of its own to copy from. Lets an allocation failure through, as
/// TextStream does.
class AppendStream : public std::ostream {
  public:
    explicit AppendStream(std::string& text) : std::ostream(nullptr), buffer_(text) {
        rdbuf(&buffer_);
        exceptions(std::ios::badbit);
    }

  private:
    class Buffer : public std::streambuf {
      public:
        explicit Buffer(std::string& text) : text_(text) {}

      protected:
        std::streamsize xsputn(const char* data, std::streamsize size) override {
            text_.append(data, static_cast<std::size_t>(size));
            return size;
        }
        int_type overflow(int_type c) override {
            if (!traits_type::eq_int_type(c, traits_type::eof())) {
                text_.push_back(traits_type::to_char_type(c));
            }
            return traits_type::not_eof(c);
        }

      private:
        std::string& text_;
    };
    Buffer buffer_;
};

}  // namespace eduqb
