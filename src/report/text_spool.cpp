#include "report/text_spool.hpp"

#include <cerrno>
#include <cstring>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

[[noreturn]] void fail(const char* what) {
    throw OutputError(std::string("cannot ") + what + " a temporary file: " + std::strerror(errno));
}

}  // namespace

TextSpool::TextSpool() : file_(std::tmpfile()) {
    if (file_ == nullptr) fail("create");
}

TextSpool::~TextSpool() {
    std::fclose(file_);
}

void TextSpool::append(std::string_view text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
        fail("write");
    }
}

void TextSpool::write_to(const std::function<void(const std::string&)>& write) {
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) fail("read back");
    std::string piece(std::size_t{1} << 16, '\0');
    for (;;) {
        const std::size_t got = std::fread(piece.data(), 1, piece.size(), file_);
        if (got == 0) break;
        write(std::string(piece.data(), got));
    }
    if (std::ferror(file_)) fail("read back");
}

}  // namespace eduqb
