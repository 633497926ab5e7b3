// write_shortest against fmt::format("{}") (the text the reports wrote before it) on millions
// of doubles, and against literal texts and strtod where fmt's version could hide a change.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>

#include "base/number_text.hpp"
#include "report/render_common.hpp"

using namespace eduqb;

namespace {

/// A number in [0, bound) from the standard generator the other tests use.
std::uint64_t below(std::mt19937_64& random, std::uint64_t bound) {
    return random() % bound;
}

double from_bits(std::uint64_t bits) {
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

std::string shortest(double value) {
    char text[kShortestTextCapacity];
    const char* end = write_shortest(text, value);
    return std::string(text, static_cast<std::size_t>(end - text));
}

/// Counts the values whose text differs from fmt's; reports the first few.
class Comparison {
  public:
    void check(double value) {
        char text[kShortestTextCapacity];
        const char* end = write_shortest(text, value);
        const std::string_view written(text, static_cast<std::size_t>(end - text));
        char expected[64];
        const char* expected_end = fmt::format_to(expected, "{}", value);
        if (written ==
            std::string_view(expected, static_cast<std::size_t>(expected_end - expected))) {
            return;
        }
        if (++mismatches_ <= 10) {
            FAIL_CHECK(fmt::format(
                "{:a}: wrote {}, fmt writes {}", value, written,
                std::string_view(expected, static_cast<std::size_t>(expected_end - expected))));
        }
    }
    /// `value` and its neighbours on both sides.
    void check_around(double value) {
        check(value);
        double below = value;
        double above = value;
        for (int step = 0; step < 3; ++step) {
            below = std::nextafter(below, -std::numeric_limits<double>::infinity());
            above = std::nextafter(above, std::numeric_limits<double>::infinity());
            if (std::isfinite(below)) check(below);
            if (std::isfinite(above)) check(above);
        }
    }
    long mismatches() const { return mismatches_; }

  private:
    long mismatches_ = 0;
};

}  // namespace

TEST_CASE("number_text: literal texts of fmt 9's general layout") {
    CHECK(shortest(0.0) == "0");
    CHECK(shortest(-0.0) == "-0");
    CHECK(shortest(1.0) == "1");
    CHECK(shortest(-2.5) == "-2.5");
    CHECK(shortest(0.5) == "0.5");
    CHECK(shortest(12766.0) == "12766");
    CHECK(shortest(4.97415008616638) == "4.97415008616638");
    CHECK(shortest(0.1 + 0.2) == "0.30000000000000004");
    CHECK(shortest(1e-4) == "0.0001");
    CHECK(shortest(1.2345e-4) == "0.00012345");
    CHECK(shortest(1e-5) == "1e-05");
    CHECK(shortest(1.5e-5) == "1.5e-05");
    CHECK(shortest(1e15) == "1000000000000000");
    CHECK(shortest(9999999999999998.0) == "9999999999999998");
    CHECK(shortest(9.999999999999999e15) == "1e+16");  // rounds up to 10^16
    CHECK(shortest(1e16) == "1e+16");
    CHECK(shortest(1.2345e20) == "1.2345e+20");
    CHECK(shortest(1e100) == "1e+100");
    CHECK(shortest(DBL_MAX) == "1.7976931348623157e+308");
    CHECK(shortest(-DBL_MAX) == "-1.7976931348623157e+308");
    CHECK(shortest(DBL_MIN) == "2.2250738585072014e-308");
    CHECK(shortest(std::numeric_limits<double>::denorm_min()) == "5e-324");
    CHECK(shortest(-1.2345678901234567e-300) == "-1.2345678901234568e-300");
}

TEST_CASE("number_text: nothing is written past the capacity") {
    // Each notation at its longest: 17 digits with a sign, and the point after 16 of them.
    const double longest[] = {-DBL_MIN,
                              -0.00012345678901234567,
                              -1234567890123456.7,
                              -9007199254740993.0,
                              -1.2345678901234567e+300,
                              -0.1 - 0.2};
    std::mt19937_64 random(40);
    constexpr std::size_t kGuard = 32;
    // At most 24 characters of text, and the guard past the capacity as it was.
    auto fits = [](double value) {
        char text[kShortestTextCapacity + kGuard];
        std::memset(text, '#', sizeof text);
        const char* end = write_shortest(text, value);
        if (end - text > 24) return false;
        for (std::size_t i = kShortestTextCapacity; i < sizeof text; ++i) {
            if (text[i] != '#') return false;
        }
        return true;
    };
    for (double value : longest) CHECK(fits(value));
    long overflows = 0;
    for (int i = 0; i < 100000; ++i) {
        if (!fits(from_bits(random()))) ++overflows;
    }
    CHECK(overflows == 0);
}

TEST_CASE("number_text: infinities and NaN as fmt writes them") {
    CHECK(shortest(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(shortest(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(shortest(std::numeric_limits<double>::quiet_NaN()) ==
          fmt::format("{}", std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("number_text: every text reads back as the same double") {
    std::mt19937_64 random(7);
    long wrong = 0;
    for (int i = 0; i < 200000; ++i) {
        const double value = from_bits(random());
        if (!std::isfinite(value)) continue;
        const std::string text = shortest(value);
        const double read = std::strtod(text.c_str(), nullptr);
        if (std::memcmp(&read, &value, sizeof value) != 0 && ++wrong <= 10) {
            FAIL_CHECK(fmt::format("{:a} wrote {}", value, text));
        }
    }
    CHECK(wrong == 0);
}

TEST_CASE("number_text: random bit patterns, all exponents, subnormals and signs") {
    std::mt19937_64 random(2017);
    Comparison comparison;
    for (int i = 0; i < 1000000; ++i) {
        const double value = from_bits(random());
        if (std::isfinite(value)) comparison.check(value);
    }
    // Subnormals: a zero exponent field and a random significand of every length.
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t sign = random() & (1ULL << 63);
        const int length = static_cast<int>(below(random, 52)) + 1;
        comparison.check(from_bits(sign | (random() >> (64 - length))));
    }
    CHECK(comparison.mismatches() == 0);
}

TEST_CASE("number_text: short decimals and ratios like the statistics produce") {
    std::mt19937_64 random(2012);
    Comparison comparison;
    for (int i = 0; i < 1000000; ++i) {
        const auto k = static_cast<double>(below(random, 10000000));
        const int decimals = static_cast<int>(below(random, 10));
        comparison.check(k / std::pow(10.0, decimals));
        comparison.check(-k / std::pow(10.0, decimals));
    }
    for (int i = 0; i < 1000000; ++i) {
        const auto numerator = static_cast<double>(below(random, 1000000));
        const auto denominator = static_cast<double>(below(random, 100000) + 1);
        comparison.check(numerator / denominator);
        comparison.check(100.0 * numerator / denominator);
    }
    CHECK(comparison.mismatches() == 0);
}

TEST_CASE("number_text: powers of ten and the notation boundaries") {
    Comparison comparison;
    for (int exponent = -324; exponent <= 308; ++exponent) {
        const double power = std::pow(10.0, exponent);
        for (double mantissa : {1.0, 1.5, 2.0, 5.0, 9.999999999999999, 9.5, 1.2345}) {
            comparison.check_around(mantissa * power);
            comparison.check_around(-mantissa * power);
        }
    }
    for (double boundary : {1e-5, 1e-4, 9.999999999999999e-5, 9.999999999999999e15, 1e16, 1e15,
                            0.001, 0.1, 1.0, 10.0, 100.0, 1e7, 1e8}) {
        comparison.check_around(boundary);
        comparison.check_around(-boundary);
    }
    for (double value : {0.0, -0.0, DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN,
                         -DBL_TRUE_MIN, DBL_EPSILON}) {
        comparison.check_around(value);
    }
    // Integers to 2^53 and beyond, where the last digits stop being exact.
    std::mt19937_64 random(53);
    for (int i = 0; i < 200000; ++i) {
        const int bits = static_cast<int>(below(random, 64)) + 1;
        const std::uint64_t integer = random() >> (64 - bits);
        comparison.check(static_cast<double>(integer));
    }
    CHECK(comparison.mismatches() == 0);
}

TEST_CASE("number_text: whole numbers, written without fmt below 2^53") {
    CHECK(shortest(-12766.0) == "-12766");
    CHECK(shortest(9007199254740991.0) == "9007199254740991");
    CHECK(shortest(9007199254740992.0) == "9007199254740992");  // 2^53: through fmt
    CHECK(shortest(-0.0) == "-0");
    Comparison comparison;
    comparison.check_around(9007199254740992.0);
    comparison.check_around(-9007199254740992.0);
    for (double value : {0.0, -0.0, 1.0, 9.0, 10.0, 99.0, 100.0, 1e15, 9999999999999998.0}) {
        comparison.check_around(value);
        comparison.check_around(-value);
    }
    // Whole numbers of every length, and the halves and nearest doubles beside them.
    std::mt19937_64 random(12766);
    for (int i = 0; i < 200000; ++i) {
        const auto whole = static_cast<double>(random() >> (11 + below(random, 53)));
        for (double value :
             {whole, whole + 0.5, std::nextafter(whole, 0.0), std::nextafter(whole, 1e300)}) {
            comparison.check(value);
            comparison.check(-value);
        }
    }
    CHECK(comparison.mismatches() == 0);
}

TEST_CASE("number_text: shortest_text") {
    CHECK(shortest_text(-0.0) == "-0");
    CHECK(shortest_text(123456789012345680.0) == "1.2345678901234568e+17");
    CHECK(shortest_text(std::numeric_limits<double>::infinity()) == "inf");
}

TEST_CASE("number_text: append_shortest appends") {
    std::string text = "x=";
    append_shortest(text, 0.25);
    append_shortest(text, -1e20);
    CHECK(text == "x=0.25-1e+20");
}

TEST_CASE("number_text: thousands() of the extremes, never a wrapped or negative zero") {
    CHECK(detail::thousands(std::numeric_limits<long long>::min()) == "-9,223,372,036,854,775,808");
    CHECK(detail::thousands(std::numeric_limits<long long>::max()) == "9,223,372,036,854,775,807");
    CHECK(detail::thousands(-0.0) == "0");
    CHECK(detail::thousands(-0.4) == "0");
    CHECK(detail::thousands(1234567.5) == "1,234,568");
    CHECK(detail::thousands(5e15) == "5,000,000,000,000,000");
    CHECK(detail::thousands(1e23) == "99,999,999,999,999,991,611,392");
    CHECK(detail::thousands(-1e23) == "-99,999,999,999,999,991,611,392");
}

TEST_CASE("number_text: fixed_text is fmt's {:.Nf}, ties and limits included") {
    const auto check = [](double value, int decimals) {
        CAPTURE(value);
        CAPTURE(decimals);
        const std::string expected = fmt::format("{:.{}f}", value, decimals);
        CHECK(fixed_text(value, decimals) == expected);
        // Appended after what the text holds, the fast path and the slow one alike.
        std::string text = "| ";
        append_fixed(text, value, decimals);
        CHECK(text == "| " + expected);
    };
    std::mt19937_64 random(2026);
    for (int i = 0; i < 200000; ++i) {
        // Random bit patterns (every exponent, subnormals, signs) and report-sized values.
        std::uint64_t bits = random();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        check(value, static_cast<int>(below(random, 8)));
        check(static_cast<double>(below(random, 2000000)) / 7.0,
              static_cast<int>(below(random, 4)));
    }
    // Exact ties in binary (k/8, k/16) and decimal near-ties (x.xx5), where a rounding that
    // multiplied by 10^N first would go the wrong way.
    for (int k = -4000; k <= 4000; ++k) {
        for (int decimals = 0; decimals <= 4; ++decimals) {
            check(k / 8.0, decimals);
            check(k / 16.0, decimals);
            check(k / 1000.0 + 0.0005, decimals);
            check(k * 0.005, decimals);
        }
    }
    // Within a few units in the last place of a decimal tie, either side, and values whose
    // scaled product is near 2^52, where the fast path stops.
    for (int k = 1; k <= 20000; ++k) {
        for (int decimals = 0; decimals <= 9; ++decimals) {
            double tie = (k + 0.5) / std::pow(10.0, decimals);
            for (int step = 0; step < 4; ++step) {
                check(tie, decimals);
                check(-tie, decimals);
                tie = std::nextafter(tie, 0.0);
            }
            tie = (k + 0.5) / std::pow(10.0, decimals);
            for (int step = 0; step < 4; ++step) {
                tie = std::nextafter(tie, 1e300);
                check(tie, decimals);
            }
        }
    }
    for (double value : {0x1p52, 0x1p52 - 0.5, 0x1p52 + 1, 0x1p51 + 0.5, 0x1p49 / 100 + 0.005}) {
        for (int decimals = 0; decimals <= 9; ++decimals) {
            check(value / std::pow(10.0, decimals), decimals);
            check(value, decimals);
        }
    }
    for (double value :
         {0.0, -0.0, 1e308, -1.7976931348623157e308, 4.9e-324, 0.5, 1.5, 2.5,
          std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
          std::numeric_limits<double>::quiet_NaN()}) {
        for (int decimals : {0, 1, 2, 3, 17, 40, 41, 60}) check(value, decimals);
    }
}
