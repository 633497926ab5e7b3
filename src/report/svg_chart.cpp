#include "report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace eduqb::detail {
namespace {

constexpr const char* kBlue = "#4c78a8";
constexpr const char* kAmber = "#f2a93b";
constexpr const char* kRed = "#d62728";
constexpr const char* kGrey = "#9e9e9e";
constexpr const char* kSlate = "#8aa1b8";  // a value with no standard to reach
constexpr const char* kInk = "#222222";
constexpr const char* kGrid = "#e3e3e3";
constexpr const char* kOrange = "#f58518";  // the part between areas or districts

/// Coordinates with one decimal, without a trailing ".0".
std::string num(double value) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
        text.resize(text.size() - 2);
    return text == "-0" ? "0" : text;
}

/// Tick labels: short and free of binary noise (0.6, not 0.6000000000000001).
std::string tick_text(double value) {
    return fmt::format("{:.6g}", value);
}

/// Step between ticks for an axis that ends at a nice_ceiling() value: 1, 2, 2.5 or 5 × 10^k,
/// dividing the axis into a whole number of parts between 3 and 8, as close to 5 as possible.
double tick_step(double top) {
    const double exponent = std::floor(std::log10(top));
    double best = top / 5;
    double best_distance = 1e9;
    for (double e = exponent - 2; e <= exponent; ++e) {
        for (double leading : {1.0, 2.0, 2.5, 5.0}) {
            const double step = leading * std::pow(10.0, e);
            const double parts = top / step;
            if (parts < 2.9999 || parts > 8.0001) continue;
            if (std::abs(parts - std::round(parts)) > 1e-6) continue;
            if (std::abs(parts - 5) < best_distance) {
                best = step;
                best_distance = std::abs(parts - 5);
            }
        }
    }
    return best;
}

/// Counts the characters of UTF-8 text, CJK characters twice: roughly its width in
/// half-em units.
double text_units(std::string_view text) {
    double units = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        units += length >= 3 ? 2 : 1;
        i += length;
    }
    return units;
}

/// Cuts text to about `units` half-em units, ending in "…" when cut.
std::string fit_text(std::string_view text, double units) {
    if (text_units(text) <= units) return std::string(text);
    std::string out;
    double used = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const double width = length >= 3 ? 2 : 1;
        if (used + width > units - 2) break;
        out.append(text.substr(i, length));
        used += width;
        i += length;
    }
    return out + "…";
}

std::string svg_open(double width, double height, std::string_view title) {
    return fmt::format(
        "<svg viewBox=\"0 0 {} {}\" width=\"{}\" "
        "height=\"{}\" role=\"img\" font-size=\"11\"><title>{}</title>\n",
        num(width), num(height), num(width), num(height), xml_escape(title));
}

std::string text(double x, double y, std::string_view content, std::string_view attributes = "") {
    return fmt::format("<text x=\"{}\" y=\"{}\"{}{}>{}</text>\n", num(x), num(y),
                       attributes.empty() ? "" : " ", attributes, xml_escape(content));
}

std::string rect(double x, double y, double width, double height, std::string_view fill,
                 std::string_view tooltip = "") {
    std::string out = fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"",
                                  num(x), num(y), num(std::max(width, 0.0)), num(height), fill);
    if (tooltip.empty()) return out + "/>\n";
    return out + "><title>" + xml_escape(tooltip) + "</title></rect>\n";
}

std::string line(double x1, double y1, double x2, double y2, std::string_view stroke, double width,
                 std::string_view dash = "") {
    std::string out = fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"", num(x1),
        num(y1), num(x2), num(y2), stroke, num(width));
    if (!dash.empty()) out += fmt::format(" stroke-dasharray=\"{}\"", dash);
    return out + "/>\n";
}

/// Vertical grid lines and tick labels of a horizontal value axis.
std::string value_axis(double left, double right, double top, double bottom, double maximum) {
    std::string out;
    const double step = tick_step(maximum);
    for (int i = 0; i * step <= maximum * (1 + 1e-9); ++i) {
        const double x = left + (right - left) * (i * step) / maximum;
        out += line(x, top, x, bottom, kGrid, 1);
        out += text(x, bottom + 12, tick_text(i * step), "text-anchor=\"middle\" fill=\"#555555\"");
    }
    return out;
}

const char* status_colour(StandardStatus status) {
    switch (status) {
        case StandardStatus::reached:
            return kBlue;
        case StandardStatus::no_standard:
            return kSlate;
        case StandardStatus::above_floor:
            return kAmber;
        case StandardStatus::below_floor:
            return kRed;
        case StandardStatus::missing:
            return kGrey;
    }
    return kGrey;
}

}  // namespace

double nice_ceiling(double value) {
    if (!(value > 0) || !std::isfinite(value)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double leading : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (leading * magnitude >= value * (1 - 1e-12)) return leading * magnitude;
    }
    return 10 * magnitude;
}

std::string cv_chart(const std::vector<CvBar>& bars, std::string_view title,
                     std::string_view limit_label) {
    constexpr double kWidth = 720, kLabel = 300, kRight = 650, kRow = 22, kTop = 30;
    double maximum = 0;
    for (const auto& bar : bars) {
        if (bar.cv) maximum = std::max(maximum, *bar.cv);
        if (bar.limit) maximum = std::max(maximum, *bar.limit);
    }
    maximum = nice_ceiling(maximum * 1.05);
    const double bottom = kTop + kRow * static_cast<double>(bars.size());
    const double height = bottom + 22;
    auto x_of = [&](double value) { return kLabel + (kRight - kLabel) * value / maximum; };

    std::string out = svg_open(kWidth, height, title);
    // Legend: the limit tick.
    out += line(kLabel, 10, kLabel, 22, kInk, 2.5);
    out += text(kLabel + 6, 20, limit_label);
    out += value_axis(kLabel, kRight, kTop - 4, bottom, maximum);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& bar = bars[i];
        const double y = kTop + kRow * static_cast<double>(i);
        out += text(kLabel - 6, y + 15, fit_text(bar.label, 48), "text-anchor=\"end\"");
        const char* colour = !bar.pass ? kGrey : *bar.pass ? kBlue : kRed;
        if (bar.cv) {
            out += rect(kLabel, y + 4, x_of(*bar.cv) - kLabel, kRow - 8, colour,
                        bar.label + ": " + bar.cv_text);
            out += text(x_of(*bar.cv) + 4, y + 15, bar.cv_text,
                        bar.pass == false ? "font-weight=\"bold\" fill=\"#b71c1c\"" : "");
        } else {
            out += text(kLabel + 4, y + 15, bar.cv_text, "fill=\"#555555\"");
        }
        if (bar.limit) {
            const double x = x_of(*bar.limit);
            out += line(x, y + 1, x, y + kRow - 1, kInk, 2.5);
        }
    }
    out += line(kLabel, kTop - 4, kLabel, bottom, kInk, 1);
    return out + "</svg>";
}

std::string school_chart(const std::vector<SchoolBar>& schools,
                         const std::vector<ReferenceLine>& lines, const SchoolChartLegend& legend,
                         std::string_view title) {
    constexpr double kWidth = 720, kLabel = 190, kRight = 640, kRow = 15, kTop = 52;
    double maximum = 0;
    for (const auto& school : schools) {
        if (school.value) maximum = std::max(maximum, *school.value);
    }
    for (const auto& reference : lines) maximum = std::max(maximum, reference.value);
    maximum = nice_ceiling(maximum * 1.02);
    const double bottom = kTop + kRow * static_cast<double>(schools.size());
    const double height = bottom + 22;
    auto x_of = [&](double value) { return kLabel + (kRight - kLabel) * value / maximum; };

    std::string out = svg_open(kWidth, height, title);
    // Legend, two rows: the bar colours, then the reference lines.
    double x = 10;
    for (const auto& [colour, label] :
         {std::pair{kBlue, &legend.reached}, std::pair{kAmber, &legend.above_floor},
          std::pair{kRed, &legend.below_floor}, std::pair{kSlate, &legend.no_standard}}) {
        if (label->empty()) continue;
        out += rect(x, 6, 12, 10, colour);
        out += text(x + 16, 15, *label);
        x += 34 + 5.6 * text_units(*label);
    }
    if (!legend.noncompliant.empty()) {
        out += fmt::format("<circle cx=\"{}\" cy=\"11\" r=\"4\" fill=\"{}\"/>\n", num(x + 5), kRed);
        out += text(x + 14, 15, legend.noncompliant, "fill=\"#b71c1c\"");
    }
    x = 10;
    for (const auto& reference : lines) {
        const char* dash = reference.style == ReferenceLine::Style::standard ? ""
                           : reference.style == ReferenceLine::Style::floor  ? "5 3"
                                                                             : "2 2";
        const char* colour = reference.style == ReferenceLine::Style::district ? "#1565c0" : kInk;
        out += line(x, 29, x + 18, 29, colour, 2, dash);
        out += text(x + 22, 33, reference.label);
        x += 40 + 5.6 * text_units(reference.label);
    }

    out += value_axis(kLabel, kRight, kTop - 4, bottom, maximum);
    for (std::size_t i = 0; i < schools.size(); ++i) {
        const auto& school = schools[i];
        const double y = kTop + kRow * static_cast<double>(i);
        if (school.noncompliant) {
            out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"/>\n", num(8),
                               num(y + kRow / 2), kRed);
        }
        out += text(
            kLabel - 6, y + 11, fit_text(school.name, 30),
            school.noncompliant ? "text-anchor=\"end\" fill=\"#b71c1c\"" : "text-anchor=\"end\"");
        if (school.value) {
            out += rect(kLabel, y + 2.5, x_of(*school.value) - kLabel, kRow - 5,
                        status_colour(school.status), school.name + ": " + school.value_text);
            out += text(x_of(*school.value) + 4, y + 11, school.value_text,
                        "font-size=\"9\" fill=\"#444444\"");
        } else {
            out += text(kLabel + 4, y + 11, school.value_text, "font-size=\"9\" fill=\"#555555\"");
        }
    }
    for (const auto& reference : lines) {
        const double lx = x_of(reference.value);
        const char* dash = reference.style == ReferenceLine::Style::standard ? ""
                           : reference.style == ReferenceLine::Style::floor  ? "5 3"
                                                                             : "2 2";
        const char* colour = reference.style == ReferenceLine::Style::district ? "#1565c0" : kInk;
        out += line(lx, kTop - 4, lx, bottom, colour, 1.5, dash);
    }
    out += line(kLabel, kTop - 4, kLabel, bottom, kInk, 1);
    return out + "</svg>";
}

std::string trend_chart(const std::vector<TrendMark>& marks, std::optional<double> limit,
                        std::string_view limit_label, std::string_view title) {
    constexpr double kWidth = 340, kHeight = 190, kLeft = 44, kRight = 320, kTop = 34,
                     kBottom = 160;
    double maximum = limit.value_or(0);
    for (const auto& mark : marks) {
        if (mark.cv) maximum = std::max(maximum, *mark.cv);
    }
    maximum = nice_ceiling(maximum * 1.1);
    auto y_of = [&](double value) { return kBottom - (kBottom - kTop) * value / maximum; };
    auto x_of = [&](std::size_t i) {
        if (marks.size() < 2) return (kLeft + kRight) / 2;
        return kLeft + 20 +
               (kRight - kLeft - 40) * static_cast<double>(i) /
                   static_cast<double>(marks.size() - 1);
    };

    std::string out = svg_open(kWidth, kHeight, title);
    out += text(kLeft, 14, fit_text(title, 56), "font-weight=\"bold\"");
    const double step = tick_step(maximum);
    for (int i = 0; i * step <= maximum * (1 + 1e-9); ++i) {
        const double y = y_of(i * step);
        out += line(kLeft, y, kRight, y, kGrid, 1);
        out += text(kLeft - 4, y + 4, tick_text(i * step), "text-anchor=\"end\" fill=\"#555555\"");
    }
    if (limit) {
        out += line(kLeft, y_of(*limit), kRight, y_of(*limit), kRed, 1.5, "6 3");
        out += text(kRight, y_of(*limit) - 4, limit_label, "text-anchor=\"end\" fill=\"#b71c1c\"");
    }
    std::string points;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        out += text(x_of(i), kBottom + 16, marks[i].year, "text-anchor=\"middle\"");
        if (!marks[i].cv) continue;
        points += fmt::format("{}{},{}", points.empty() ? "" : " ", num(x_of(i)),
                              num(y_of(*marks[i].cv)));
    }
    if (!points.empty()) {
        out += fmt::format(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", points,
            kBlue);
    }
    for (std::size_t i = 0; i < marks.size(); ++i) {
        const auto& mark = marks[i];
        if (!mark.cv) {
            out += text(x_of(i), kBottom - 6, mark.text, "text-anchor=\"middle\" fill=\"#555555\"");
            continue;
        }
        const char* colour = mark.pass == false ? kRed : kBlue;
        out += fmt::format(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\"><title>{}</title></circle>\n",
            num(x_of(i)), num(y_of(*mark.cv)), colour, xml_escape(mark.year + ": " + mark.text));
        out += text(x_of(i), y_of(*mark.cv) - 8, mark.text, "text-anchor=\"middle\"");
    }
    out += line(kLeft, kBottom, kRight, kBottom, kInk, 1);
    return out + "</svg>";
}

std::string share_chart(const std::vector<ShareBar>& bars, const PartsLegend& legend,
                        std::string_view title) {
    constexpr double kWidth = 720, kLabel = 300, kRight = 690, kRow = 24, kTop = 30;
    const double bottom = kTop + kRow * static_cast<double>(bars.size());
    auto x_of = [&](double share) { return kLabel + (kRight - kLabel) * share; };

    std::string out = svg_open(kWidth, bottom + 22, title);
    out += rect(kLabel, 8, 12, 10, kBlue);
    out += text(kLabel + 16, 17, legend.first);
    const double second_x = kLabel + 40 + 5.6 * text_units(legend.first);
    out += rect(second_x, 8, 12, 10, kOrange);
    out += text(second_x + 16, 17, legend.second);
    for (int i = 0; i <= 4; ++i) {
        const double x = x_of(i / 4.0);
        out += line(x, kTop - 4, x, bottom, kGrid, 1);
        out += text(x, bottom + 12, fmt::format("{}%", i * 25),
                    "text-anchor=\"middle\" fill=\"#555555\"");
    }
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& bar = bars[i];
        const double y = kTop + kRow * static_cast<double>(i);
        out += text(kLabel - 6, y + 16, fit_text(bar.label, 48), "text-anchor=\"end\"");
        if (!bar.first) {
            out += text(kLabel + 4, y + 16, bar.text, "fill=\"#555555\"");
            continue;
        }
        const double middle = x_of(*bar.first);
        out += rect(kLabel, y + 4, middle - kLabel, kRow - 8, kBlue,
                    bar.label + ": " + legend.first + " " + bar.first_text);
        out += rect(middle, y + 4, kRight - middle, kRow - 8, kOrange,
                    bar.label + ": " + legend.second + " " + bar.second_text);
        // A label only where its segment holds it.
        constexpr double kRoom = 44;
        const char* inside = "text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\"";
        if (middle - kLabel >= kRoom) {
            out += text((kLabel + middle) / 2, y + 16, bar.first_text, inside);
        }
        if (kRight - middle >= kRoom) {
            out += text((middle + kRight) / 2, y + 16, bar.second_text, inside);
        }
    }
    out += line(kLabel, kTop - 4, kLabel, bottom, kInk, 1);
    return out + "</svg>";
}

namespace {

/// One year's column of a Theil trend chart, from the baseline `bottom`.
std::string theil_column(const TheilYear& year, const PartsLegend& legend, double x, double width,
                         double bottom, double scale) {
    if (!year.theil) {
        return text(x, bottom - 6, year.theil_text, "text-anchor=\"middle\" fill=\"#555555\"");
    }
    std::string out;
    const double left = x - width / 2;
    if (year.first && year.second) {
        const double first = *year.first * scale;
        const double second = *year.second * scale;
        out += rect(left, bottom - first, width, first, kBlue,
                    year.year + ": " + legend.first + " " + year.first_text);
        out += rect(left, bottom - first - second, width, second, kOrange,
                    year.year + ": " + legend.second + " " + year.second_text);
    } else {
        out += rect(left, bottom - *year.theil * scale, width, *year.theil * scale, kGrey,
                    year.year + ": " + year.theil_text);
    }
    out += text(x, bottom - *year.theil * scale - 4, year.theil_text, "text-anchor=\"middle\"");
    return out;
}

}  // namespace

std::string theil_trend_chart(const std::vector<TheilYear>& years, const PartsLegend& legend,
                              std::string_view title) {
    constexpr double kWidth = 340, kHeight = 200, kLeft = 50, kRight = 320, kTop = 50,
                     kBottom = 170;
    double maximum = 0;
    for (const auto& year : years) maximum = std::max(maximum, year.theil.value_or(0));
    maximum = nice_ceiling(maximum * 1.15);
    const double scale = (kBottom - kTop) / maximum;
    const double slot =
        (kRight - kLeft) / static_cast<double>(std::max<std::size_t>(years.size(), 1));
    const double width = std::min(44.0, slot * 0.55);

    std::string out = svg_open(kWidth, kHeight, title);
    out += text(kLeft, 14, fit_text(title, 56), "font-weight=\"bold\"");
    out += rect(kLeft, 22, 10, 9, kBlue);
    out += text(kLeft + 14, 30, legend.first, "font-size=\"10\"");
    const double second_x = kLeft + 30 + 5.1 * text_units(legend.first);
    out += rect(second_x, 22, 10, 9, kOrange);
    out += text(second_x + 14, 30, legend.second, "font-size=\"10\"");
    const double step = tick_step(maximum);
    for (int i = 0; i * step <= maximum * (1 + 1e-9); ++i) {
        const double y = kBottom - i * step * scale;
        out += line(kLeft, y, kRight, y, kGrid, 1);
        out += text(kLeft - 4, y + 4, tick_text(i * step), "text-anchor=\"end\" fill=\"#555555\"");
    }
    for (std::size_t i = 0; i < years.size(); ++i) {
        const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
        out += theil_column(years[i], legend, x, width, kBottom, scale);
        out += text(x, kBottom + 16, years[i].year, "text-anchor=\"middle\"");
    }
    out += line(kLeft, kBottom, kRight, kBottom, kInk, 1);
    return out + "</svg>";
}

}  // namespace eduqb::detail
