// The district CSV writer against records assembled cell by cell here, with fmt's "{}" for
// numbers and the quoting rule of docs/output-formats.md, on groups built to reach its corners:
// cells to quote anywhere in their text, limits the profile does not set, -0, NaN and
// infinite values, absent area types and a district name longer than the room it makes.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/render.hpp"
#include "report/csv_writers.hpp"

using namespace eduqb;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string quoted(const std::string& cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string text = "\"";
    for (char c : cell) {
        if (c == '"') text += '"';
        text += c;
    }
    return text + '"';
}

std::string number(double value) {
    return std::isfinite(value) ? fmt::format("{}", value) : "";
}

std::string measure(const Measure& value) {
    return value.defined() ? number(value.value) : "";
}

std::string record(const std::vector<std::string>& cells) {
    std::string line;
    for (const auto& cell : cells) line += (line.empty() ? "" : ",") + quoted(cell);
    return line + '\n';
}

Profile test_profile() {
    Profile profile;
    profile.id = "test,profile";
    for (const char* id : {"books_per_student", "labs,per\"100"}) {
        IndicatorDef indicator;
        indicator.id = id;
        indicator.cv_limit[static_cast<int>(Stage::primary)] = Limit{0.5, Op::less_equal};
        indicator.cv_limit[static_cast<int>(Stage::junior)] = Limit{0.0, Op::less};
        profile.indicators.push_back(indicator);
    }
    profile.composite_limit[static_cast<int>(Stage::primary)] = Limit{0.65, Op::less_equal};
    return profile;
}

IndicatorResult indicator(std::string id, Measure value, Measure cv, std::optional<Limit> limit,
                          std::optional<bool> pass, long missing) {
    IndicatorResult result;
    result.id = std::move(id);
    result.dispersion.value = value;
    result.dispersion.cv = cv;
    result.limit = limit;
    result.pass = pass;
    result.missing = missing;
    return result;
}

/// A group whose indicators cover one limit from the profile, one it does not set, its 0
/// written as -0, and an infinite one; NaN and undefined measures; only two area types.
GroupResult corner_group(std::string district) {
    GroupResult group;
    group.key = {std::move(district), 2023, Stage::primary};
    group.schools = 28;
    group.students = 12766.5;
    group.excluded = 3;
    group.indicators = {
        indicator("books_per_student", {4.97415008616638}, {0.26485640400261634},
                  Limit{0.5, Op::less_equal}, true, 0),
        indicator("labs,per\"100", {1e-7}, {123456789012345680.0}, Limit{0.123, Op::less}, false,
                  2),
        indicator("a_rather_long_indicator_name\n", {0.1 + 0.2}, {kNaN}, Limit{-0.0, Op::less},
                  std::nullopt, 1),
        indicator("x", {0, NaReason::no_students}, {0, NaReason::too_few_schools},
                  Limit{kInfinity, Op::greater}, std::nullopt, 5),
    };
    // Measures all defined, NA for three reasons at once, all NA for one, and never computed.
    group.indicators[0].measures = {{0.01}, {0.004}, {0.006}, {0.1}, {0.9}, {3.5}};
    group.indicators[1].measures = {
        {1e-7}, {0, NaReason::no_area_type}, {0, NaReason::no_area_type},
        {0.25}, {0, NaReason::zero_median},  {0, NaReason::zero_minimum}};
    group.indicators[2].measures = InequalityMeasures::undefined(NaReason::too_few_schools);
    group.composite.cv = {0.4};
    group.composite.limit = Limit{0.65, Op::less_equal};
    group.composite.pass = true;
    group.schools_compliant = 11;
    group.schools_failing = 17;
    group.pass = false;
    AreaSummary rural;
    rural.area = AreaType::rural;
    rural.values = {{5.287286063569682}, {2.5}, {-0.0}, {kNaN}};
    AreaSummary urban;
    urban.area = AreaType::urban;
    urban.values = {{4.801010739102969}, {0, NaReason::zero_mean}, {1e16}, {1.5e-5}};
    group.by_area = {rural, urban};  // not in column order
    return group;
}

std::string expected_records(const Profile& profile, const GroupResult& group,
                             const std::string& inputs) {
    const std::vector<std::string> head = {profile.id,
                                           group.key.district,
                                           std::to_string(*group.key.year),
                                           std::string(to_string(group.key.stage)),
                                           std::to_string(group.schools),
                                           number(group.students),
                                           std::to_string(group.excluded)};
    const std::vector<std::string> verdicts = {std::to_string(*group.schools_compliant),
                                               std::to_string(*group.schools_failing),
                                               group.pass ? "pass" : "fail"};
    auto limit_cells = [](const std::optional<Limit>& limit) {
        return limit ? std::vector<std::string>{std::string(to_string(limit->op)),
                                                number(limit->value)}
                     : std::vector<std::string>{"", ""};
    };
    auto pass_cell = [](const std::optional<bool>& pass) {
        return pass ? (*pass ? "pass" : "fail") : "";
    };
    std::string text;
    for (std::size_t k = 0; k < group.indicators.size(); ++k) {
        const auto& result = group.indicators[k];
        std::vector<std::string> cells = head;
        cells.push_back(result.id);
        cells.push_back(measure(result.dispersion.value));
        cells.push_back(measure(result.dispersion.cv));
        const NaReason reason =
            result.dispersion.cv.defined() ? result.dispersion.value.na : result.dispersion.cv.na;
        cells.emplace_back(to_string(reason));
        for (const auto& cell : limit_cells(result.limit)) cells.push_back(cell);
        cells.emplace_back(pass_cell(result.pass));
        cells.insert(cells.end(), verdicts.begin(), verdicts.end());
        cells.push_back(std::to_string(result.missing));
        for (AreaType area : {AreaType::urban, AreaType::town, AreaType::rural}) {
            std::string cell;
            for (const auto& summary : group.by_area) {
                if (summary.area == area) cell = measure(summary.values[k]);
            }
            cells.push_back(cell);
        }
        cells.emplace_back(kEstimatorId);
        cells.push_back(inputs);
        const InequalityMeasures& m = result.measures;
        std::string reasons;
        for (const Measure* each : {&m.theil, &m.theil_within_area, &m.theil_between_area, &m.gini,
                                    &m.mcloone, &m.range_ratio}) {
            cells.push_back(measure(*each));
            const std::string reason(to_string(each->na));
            if (!reason.empty() &&
                (";" + reasons + ";").find(";" + reason + ";") == std::string::npos) {
                reasons += (reasons.empty() ? "" : ";") + reason;
            }
        }
        cells.push_back(reasons);
        text += record(cells);
    }
    std::vector<std::string> cells = head;
    cells.emplace_back("composite");
    cells.emplace_back("");
    cells.push_back(measure(group.composite.cv));
    cells.emplace_back(to_string(group.composite.cv.na));
    for (const auto& cell : limit_cells(group.composite.limit)) cells.push_back(cell);
    cells.emplace_back(pass_cell(group.composite.pass));
    cells.insert(cells.end(), verdicts.begin(), verdicts.end());
    for (int empty = 0; empty < 4; ++empty) cells.emplace_back("");
    cells.emplace_back(kEstimatorId);
    cells.push_back(inputs);
    for (int empty = 0; empty < 7; ++empty) cells.emplace_back("");
    return text + record(cells);
}

}  // namespace

TEST_CASE("render_csv: district records, cell by cell") {
    const Profile profile = test_profile();
    const std::vector<std::string> inputs = {"a.csv", "b,c.csv"};
    const std::string joined_inputs = "a.csv;b,c.csv";
    std::ostringstream out;
    DistrictCsvWriter writer(profile, inputs, out);
    out.str("");  // the header

    SUBCASE("separators in the first eight bytes of a cell, after them, and at its end") {
        for (const char* district :
             {"东,区", "Eastern district, north", "Eastern \"north\"", "short", "district\r"}) {
            const GroupResult group = corner_group(district);
            std::string text = "kept:";
            writer.append(group, text);
            CHECK(text == "kept:" + expected_records(profile, group, joined_inputs));
        }
    }
    SUBCASE("a district name longer than the room made at a time") {
        const GroupResult group = corner_group(std::string(5000, 'x') + ",");
        std::string text;
        writer.append(group, text);
        writer.append(group, text);
        const std::string once = expected_records(profile, group, joined_inputs);
        CHECK(text == once + once);
    }
    SUBCASE("write() writes what append() appends") {
        const GroupResult first = corner_group("north");
        const GroupResult second = corner_group("south");
        writer.write(first);
        writer.write(second);
        CHECK(out.str() == expected_records(profile, first, joined_inputs) +
                               expected_records(profile, second, joined_inputs));
    }
}
