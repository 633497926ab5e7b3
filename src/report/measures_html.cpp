#include "report/measures_html.hpp"

#include <algorithm>
#include <vector>

#include "base/escape.hpp"
#include "report/measure_cells.hpp"
#include "report/render_common.hpp"
#include "report/svg_chart.hpp"

namespace eduqb::detail {
namespace {

std::string e(std::string_view text) {
    return xml_escape(text);
}

void head_row(std::ostream& out, std::string_view first, const std::vector<std::string>& heads) {
    out << "<thead><tr><th>" << e(first) << "</th>";
    for (const auto& head : heads) out << "<th>" << e(head) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
}

/// A row of cells; when every cell says the same (all NA for one reason), one cell across.
void body_row(std::ostream& out, std::string_view name, const std::vector<std::string>& cells) {
    out << "<tr><th>" << e(name) << "</th>";
    const bool same = std::all_of(cells.begin(), cells.end(),
                                  [&](const std::string& cell) { return cell == cells.front(); });
    if (same && cells.size() > 1) {
        out << "<td colspan=\"" << cells.size() << "\">" << e(cells.front()) << "</td>";
    } else {
        for (const auto& cell : cells) out << "<td class=\"num\">" << e(cell) << "</td>";
    }
    out << "</tr>\n";
}

ShareBar share_bar(const Labels& text, std::string label, const Measure& theil,
                   const Measure& within, const Measure& between) {
    ShareBar bar;
    bar.label = std::move(label);
    bar.first = share_of(within, theil);
    bar.first_text = share_cell(text, within, theil);
    bar.second_text = share_cell(text, between, theil);
    bar.text = bar.second_text;
    return bar;
}

void figure(std::ostream& out, const std::string& svg, std::string_view caption) {
    out << "<figure>\n" << svg << "\n<figcaption>" << e(caption) << "</figcaption>\n</figure>\n";
}

}  // namespace

void write_html_measures(const Labels& text, const Profile& profile, const GroupResult& group,
                         std::ostream& out) {
    if (!measures_computed(group)) return;
    out << "<h3>" << e(text[Text::measures_heading]) << "</h3>\n<table class=\"measures\">\n";
    head_row(out, text[Text::indicator], measure_heads(text));
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        body_row(out, text.indicator(profile.indicators[k]),
                 measure_cells(text, group.indicators[k].measures));
    }
    out << "</tbody>\n</table>\n<p>" << e(text[Text::measures_note]) << "</p>\n";
}

void write_html_share_chart(const Labels& text, const Profile& profile, const GroupResult& group,
                            const std::string& title, std::ostream& out) {
    if (!measures_computed(group)) return;
    std::vector<ShareBar> bars;
    for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
        const InequalityMeasures& m = group.indicators[k].measures;
        bars.push_back(share_bar(text, text.indicator(profile.indicators[k]), m.theil,
                                 m.theil_within_area, m.theil_between_area));
    }
    const PartsLegend legend{std::string(text[Text::measures_within_area]),
                             std::string(text[Text::measures_between_area])};
    figure(out,
           share_chart(bars, legend,
                       title + " · " + std::string(text[Text::measures_share_chart_title])),
           text[Text::measures_share_caption]);
}

bool write_html_across_districts(const Labels& text, const Report& report, const std::string& id,
                                 bool first, std::ostream& out) {
    const auto entries = across_districts_of(report);
    if (entries.empty()) return false;
    out << "<section class=\"across\" id=\"" << e(id) << "\">\n<h2"
        << (first ? " class=\"first\"" : "") << ">" << e(text[Text::measures_across_heading])
        << "</h2>\n<p>" << e(text[Text::measures_across_intro]) << "</p>\n";
    const PartsLegend legend{std::string(text[Text::measures_within_districts]),
                             std::string(text[Text::measures_between_districts])};
    const auto& defs = report.profile.indicators;
    for (const AcrossDistricts& across : entries) {
        const std::string name = year_stage(text, across.year, across.stage);
        out << "<h3>" << e(name) << "</h3>\n<table class=\"measures\">\n";
        head_row(out, text[Text::indicator], across_heads(text));
        std::vector<ShareBar> bars;
        for (std::size_t k = 0; k < across.indicators.size(); ++k) {
            const DistrictsTheil& indicator = across.indicators[k];
            body_row(out, text.indicator(defs[k]), across_cells(text, indicator));
            bars.push_back(share_bar(text, text.indicator(defs[k]), indicator.theil,
                                     indicator.within, indicator.between));
        }
        out << "</tbody>\n</table>\n";
        figure(out,
               share_chart(bars, legend,
                           name + " · " + std::string(text[Text::measures_across_chart_title])),
               text[Text::measures_across_caption]);
    }
    out << "</section>\n";
    return true;
}

namespace {

void theil_trend_table(const Labels& text, const Profile& profile, const Trend& trend,
                       std::ostream& out) {
    out << "<table class=\"trend\">\n<thead><tr><th>" << e(text[Text::indicator]) << "</th><th>"
        << e(text[Text::measures_part]) << "</th>";
    for (int year : trend.years) out << "<th>" << year << "</th>";
    for (std::size_t i = 1; i < trend.years.size(); ++i) {
        out << "<th>" << e(text(Text::change, trend.years[i - 1], trend.years[i])) << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    for (std::size_t k = 0; k < profile.indicators.size() && k < trend.indicators.size(); ++k) {
        const auto rows = theil_trend_rows(trend.indicators[k]);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            out << "<tr>";
            if (r == 0) {
                out << "<th rowspan=\"" << rows.size() << "\">"
                    << e(text.indicator(profile.indicators[k])) << "</th>";
            }
            out << "<td>" << e(text[rows[r].part]) << "</td>";
            const auto& values = rows[r].values;
            for (const Measure& value : values) {
                out << "<td class=\"num\">" << e(measure_cell(text, value, kTheilDecimals))
                    << "</td>";
            }
            for (std::size_t i = 1; i < values.size(); ++i) {
                const bool both = values[i - 1].defined() && values[i].defined();
                out << "<td class=\"num\">"
                    << e(both ? change_cell(values[i].value - values[i - 1].value, kTheilDecimals)
                              : "—")
                    << "</td>";
            }
            out << "</tr>\n";
        }
    }
    out << "</tbody>\n</table>\n";
}

TheilYear theil_year(const Labels& text, int year, const TrendPoint& point) {
    TheilYear mark;
    mark.year = std::to_string(year);
    if (point.theil.defined()) mark.theil = point.theil.value;
    mark.theil_text = point.theil.defined() ? rounded(point.theil.value, kTheilDecimals)
                                            : std::string(text[Text::missing_value]);
    if (point.theil_within_area.defined() && point.theil_between_area.defined()) {
        mark.first = point.theil_within_area.value;
        mark.second = point.theil_between_area.value;
        mark.first_text = rounded(*mark.first, kTheilDecimals);
        mark.second_text = rounded(*mark.second, kTheilDecimals);
    }
    return mark;
}

}  // namespace

void write_html_theil_trend(const Labels& text, const Profile& profile, const Trend& trend,
                            bool charts, std::ostream& out) {
    if (!measures_computed(trend)) return;
    out << "<h4>" << e(text[Text::measures_trend_heading]) << "</h4>\n";
    theil_trend_table(text, profile, trend, out);
    out << "<p>" << e(text[Text::measures_trend_note]) << "</p>\n";
    if (!charts) return;
    const PartsLegend legend{std::string(text[Text::measures_within_area]),
                             std::string(text[Text::measures_between_area])};
    out << "<div class=\"trends\">\n";
    for (std::size_t k = 0; k < profile.indicators.size() && k < trend.indicators.size(); ++k) {
        std::vector<TheilYear> years;
        for (const TrendPoint& point : trend.indicators[k].points) {
            years.push_back(theil_year(text, point.year, point));
        }
        const std::string title =
            text(Text::measures_trend_chart_title, text.indicator(profile.indicators[k]));
        out << "<figure>\n" << theil_trend_chart(years, legend, title) << "\n</figure>\n";
    }
    out << "</div>\n";
}

}  // namespace eduqb::detail
