#include "compute/trends.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "eduqb/pipeline.hpp"

using namespace eduqb;

namespace {

GroupResult group(std::string district, std::optional<int> year, Stage stage,
                  std::vector<Measure> cvs, Measure composite) {
    GroupResult result;
    result.key = GroupKey{std::move(district), year, stage};
    for (std::size_t k = 0; k < cvs.size(); ++k) {
        IndicatorResult indicator;
        indicator.id = "i" + std::to_string(k);
        indicator.dispersion.cv = cvs[k];
        indicator.limit = Limit{0.5, Op::less_equal};
        indicator.pass = cvs[k].defined() ? std::optional<bool>(cvs[k].value <= 0.5) : std::nullopt;
        result.indicators.push_back(indicator);
    }
    result.composite.cv = composite;
    return result;
}

Report two_indicator_report() {
    Report report;
    for (const char* id : {"i0", "i1"}) {
        IndicatorDef def;
        def.id = id;
        report.profile.indicators.push_back(def);
    }
    return report;
}

/// Reads the reference calculator's group CSV: (year, stage, indicator) → cv text.
std::map<std::string, double> reference_cvs(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::map<std::string, double> cvs;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream fields(line);
        std::string cell;
        while (std::getline(fields, cell, ',')) cells.push_back(cell);
        if (cells.size() == 9) cells.push_back("");
        if (cells.size() >= 9 && !cells[8].empty()) {
            cvs[cells[2] + "/" + cells[3] + "/" + cells[6]] = std::stod(cells[8]);
        }
    }
    return cvs;
}

}  // namespace

TEST_CASE("trends: one series per district and stage, changes from the previous year") {
    Report report = two_indicator_report();
    report.groups.push_back(group("A", 2022, Stage::primary, {{0.30}, {0.40}}, {0.35}));
    report.groups.push_back(group("A", 2022, Stage::junior, {{0.20}, {0.10}}, {0.15}));
    report.groups.push_back(group("A", 2023, Stage::primary, {{0.25}, {0.60}}, {0.425}));
    report.groups.push_back(group("A", 2024, Stage::primary,
                                  {{0, NaReason::too_few_schools}, {0.55}},
                                  {0, NaReason::indicator_na}));
    report.groups.push_back(group("B", 2024, Stage::primary, {{0.1}, {0.1}}, {0.1}));

    const auto trends = compute_trends(report);
    REQUIRE(trends.size() == 1);  // A junior and B have one year each
    const Trend& trend = trends[0];
    CHECK(trend.district == "A");
    CHECK(trend.stage == Stage::primary);
    CHECK(trend.years == std::vector<int>{2022, 2023, 2024});
    REQUIRE(trend.indicators.size() == 3);
    CHECK(trend.indicators[2].id == "composite");

    const auto& first = trend.indicators[0].points;
    REQUIRE(first.size() == 3);
    CHECK_FALSE(first[0].change);
    CHECK(*first[1].change == doctest::Approx(-0.05).epsilon(1e-12));
    CHECK_FALSE(first[2].change);  // the 2024 CV is NA
    CHECK_FALSE(first[2].cv.defined());

    const auto& second = trend.indicators[1].points;
    CHECK(*second[1].change == doctest::Approx(0.20).epsilon(1e-12));
    CHECK(*second[2].change == doctest::Approx(-0.05).epsilon(1e-12));
    CHECK(second[1].pass == false);
    REQUIRE(trend.indicators[1].limit);
    CHECK(trend.indicators[1].limit->value == 0.5);
}

TEST_CASE("trends: groups without a year take no part") {
    Report report = two_indicator_report();
    report.groups.push_back(group("A", std::nullopt, Stage::primary, {{0.3}, {0.4}}, {0.35}));
    report.groups.push_back(group("A", 2024, Stage::primary, {{0.3}, {0.4}}, {0.35}));
    CHECK(compute_trends(report).empty());
}

TEST_CASE("trends: two sample files of different years, against the reference calculator") {
    const std::string root = EDUQB_SOURCE_DIR;
    std::ifstream older(root + "/data-samples/district-2023.csv", std::ios::binary);
    std::ifstream newer(root + "/data-samples/district.csv", std::ios::binary);
    REQUIRE(older);
    REQUIRE(newer);
    Diagnostics diagnostics;
    const Report report = evaluate_inputs({{"district-2023.csv", &older}, {"district.csv", &newer}},
                                          builtin_profile("national-2017"), ReadOptions{},
                                          EvaluationOptions{}, diagnostics);

    auto expected =
        reference_cvs(root + "/tests/fixtures/expected/district-2023.national-2017.csv");
    for (const auto& [key, cv] :
         reference_cvs(root + "/tests/fixtures/expected/district.national-2017.csv")) {
        expected[key] = cv;
    }
    const auto trends = compute_trends(report);
    REQUIRE(trends.size() == 2);
    CHECK(trends[0].stage == Stage::primary);
    CHECK(trends[1].stage == Stage::junior);
    for (const auto& trend : trends) {
        CHECK(trend.district == "城关区");
        CHECK(trend.years == std::vector<int>{2023, 2024});
        const std::string stage(to_string(trend.stage));
        for (const auto& indicator : trend.indicators) {
            const double before = expected.at("2023/" + stage + "/" + indicator.id);
            const double after = expected.at("2024/" + stage + "/" + indicator.id);
            CAPTURE(indicator.id);
            CHECK(indicator.points[0].cv.value == doctest::Approx(before).epsilon(1e-12));
            CHECK(indicator.points[1].cv.value == doctest::Approx(after).epsilon(1e-12));
            REQUIRE(indicator.points[1].change);
            CHECK(*indicator.points[1].change == doctest::Approx(after - before).epsilon(1e-9));
        }
    }
}
