#include "report/output_encoding.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "eduqb/error.hpp"

namespace eduqb {
namespace {

/// Length of the UTF-8 sequence starting at `text`, or 0 when it is not valid UTF-8.
std::size_t utf8_length(std::string_view text, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    if (text.empty()) return 0;
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (text.size() < length) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return 0;
        value = (value << 6) | (byte(i) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    code_point = value;
    return length;
}

class Converter {
  public:
    explicit Converter(const char* to) : cd_(iconv_open(to, "UTF-8")) {
        if (cd_ == reinterpret_cast<iconv_t>(-1)) {
            throw OutputError(fmt::format("cannot convert to {}: {}", to, std::strerror(errno)));
        }
    }
    ~Converter() { iconv_close(cd_); }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    iconv_t get() const { return cd_; }

  private:
    iconv_t cd_;
};

const char* iconv_name(OutputEncoding encoding) {
    return encoding == OutputEncoding::gbk ? "GBK" : "GB18030";
}

[[noreturn]] void unconvertible(std::string_view utf8, std::size_t offset,
                                OutputEncoding encoding) {
    const long line = 1 + std::count(utf8.begin(), utf8.begin() + offset, '\n');
    char32_t code_point = 0;
    const std::size_t length = utf8_length(utf8.substr(offset), code_point);
    if (length == 0) {
        throw OutputError(fmt::format("the report is not valid UTF-8: byte 0x{:02X} on line {}",
                                      static_cast<unsigned char>(utf8[offset]), line));
    }
    throw OutputError(fmt::format(
        "the report cannot be written in {}: character '{}' (U+{:04X}) on line {} has no {} "
        "code; use --output-encoding gb18030 or utf-8",
        to_string(encoding), utf8.substr(offset, length), static_cast<std::uint32_t>(code_point),
        line, to_string(encoding)));
}

}  // namespace

std::optional<OutputEncoding> parse_output_encoding(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "utf-8" || lower == "utf8") return OutputEncoding::utf8;
    if (lower == "gbk") return OutputEncoding::gbk;
    if (lower == "gb18030") return OutputEncoding::gb18030;
    return std::nullopt;
}

std::string_view to_string(OutputEncoding encoding) {
    switch (encoding) {
        case OutputEncoding::utf8:
            return "UTF-8";
        case OutputEncoding::gbk:
            return "GBK";
        case OutputEncoding::gb18030:
            return "GB18030";
    }
    return "";
}

std::string encode_output(std::string_view utf8, OutputEncoding encoding) {
    if (encoding == OutputEncoding::utf8) {
        for (std::size_t offset = 0; offset < utf8.size();) {
            char32_t code_point = 0;
            const std::size_t length = utf8_length(utf8.substr(offset), code_point);
            if (length == 0) unconvertible(utf8, offset, encoding);
            offset += length;
        }
        return std::string(utf8);
    }
    Converter converter(iconv_name(encoding));
    std::string out(utf8.size() + 16, '\0');
    // iconv takes char**; it does not write through the input pointer.
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    std::size_t written = 0;
    while (in_left > 0) {
        char* out_ptr = out.data() + written;
        std::size_t out_left = out.size() - written;
        const std::size_t result = iconv(converter.get(), &in, &in_left, &out_ptr, &out_left);
        written = out.size() - out_left;
        if (result != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
        } else {
            unconvertible(utf8, static_cast<std::size_t>(in - utf8.data()), encoding);
        }
    }
    out.resize(written);
    return out;
}

}  // namespace eduqb
