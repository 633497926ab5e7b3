// The report as a stream: every format written by the evaluator through its sink, on any
// number of threads, against the same format rendered from the finished report; the verdicts
// the evaluator counts against the groups counted here; the JSON pieces against a document
// written in one go.

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/gaps.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/render.hpp"
#include "eduqb/render_gaps.hpp"
#include "eduqb/report_sink.hpp"
#include "report/json_writer.hpp"
#include "report_shape.hpp"
#include "test_support.hpp"

namespace eduqb {
namespace {

/// The file's text: a repository file, or kManyDistricts.
std::string text_of(const std::string& file);

/// The evaluator of `file`, accumulated and not finished.
std::unique_ptr<Evaluator> accumulated(const std::string& file, const std::string& profile,
                                       EvaluationOptions options) {
    std::istringstream in(text_of(file));
    Diagnostics diagnostics;
    auto evaluators = accumulate_inputs({InputSource{file, &in}}, {builtin_profile(profile)},
                                        ReadOptions{}, options, diagnostics);
    REQUIRE(diagnostics.errors() == 0);
    REQUIRE(evaluators.size() == 1);
    return std::move(evaluators.front());
}

Report evaluated(const std::string& file, const std::string& profile,
                 EvaluationOptions options = {}) {
    std::istringstream in(text_of(file));
    Diagnostics diagnostics;
    Report report = evaluate_inputs({InputSource{file, &in}}, builtin_profile(profile),
                                    ReadOptions{}, options, diagnostics);
    REQUIRE(diagnostics.errors() == 0);
    return report;
}

/// The sample district copied into 150 districts: 300 groups, several blocks of groups for
/// the threads to format.
const std::string kManyDistricts = "many-districts.csv";

std::string text_of(const std::string& file) {
    std::ifstream in(test::source_path(file == kManyDistricts ? "data-samples/district.csv" : file),
                     std::ios::binary);
    REQUIRE(in);
    std::ostringstream whole;
    whole << in.rdbuf();
    if (file != kManyDistricts) return whole.str();
    std::istringstream lines(whole.str());
    std::string header;
    std::getline(lines, header);
    std::vector<std::string> rows;
    for (std::string row; std::getline(lines, row);) rows.push_back(row);
    std::string text = header + "\n";
    for (int d = 0; d < 150; ++d) {
        for (const std::string& row : rows) {
            // school_id,school_name,district,...: the id's first three digits and the district
            // made the copy's own (a combined school's rows keep one id), the rest as it is.
            const std::size_t name_end = row.find(',', row.find(',') + 1);
            const std::size_t district_end = row.find(',', name_end + 1);
            text += std::to_string(100 + d) + row.substr(3, name_end - 3) + ",区" +
                    std::to_string(1000 + d) + row.substr(district_end) + "\n";
        }
    }
    return text;
}

EvaluationOptions keeping_everything() {
    EvaluationOptions options;
    options.keep_schools = true;
    options.keep_exclusions = true;
    return options;
}

std::size_t occurrences(const std::string& text, const std::string& piece) {
    std::size_t count = 0;
    for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) {
        ++count;
    }
    return count;
}

struct Case {
    std::string file;
    std::string profile;
};

const std::vector<Case> kCases = {
    {"data-samples/district.csv", "national-2017"},
    {kManyDistricts, "national-2017"},
    {"data-samples/city.csv", "beijing"},
    {"data-samples/district-2023.csv", "national-2012"},
};

}  // namespace

TEST_CASE(
    "report sink: each format streamed by the evaluator is the format rendered from the "
    "report, on any number of threads") {
    for (const Case& test_case : kCases) {
        // Copied: clang does not let doctest's CAPTURE take a structured binding.
        const std::string file = test_case.file;
        const std::string profile = test_case.profile;
        const Report report = evaluated(file, profile, keeping_everything());
        REQUIRE_FALSE(report.groups.empty());
        for (Format format : {Format::markdown, Format::csv, Format::json}) {
            for (Level level : {Level::district, Level::school}) {
                std::ostringstream rendered;
                render(report, format, level, rendered);
                for (int threads : {0, 1, 3}) {
                    CAPTURE(file);
                    CAPTURE(static_cast<int>(format));
                    CAPTURE(static_cast<int>(level));
                    CAPTURE(threads);
                    auto evaluator = accumulated(file, profile, keeping_everything());
                    std::ostringstream streamed;
                    const auto sink =
                        make_text_sink(format, level, ReportContext{}, streamed, threads);
                    const Verdicts verdicts = evaluator->finish(*sink, threads);
                    CHECK(streamed.str() == rendered.str());
                    CHECK(verdicts.groups == static_cast<long>(report.groups.size()));
                }
                // Both come from one sink: check the text on its own as well.
                const std::string text = rendered.str();
                if (format == Format::json) {
                    std::vector<std::string> strings;
                    CHECK(shape::JsonReader(text).parse(strings));
                    CHECK(occurrences(text, "\"composite\": {") == report.groups.size());
                }
                if (format == Format::markdown) {
                    CHECK(occurrences(text, "\n## ") - occurrences(text, "\n## Summary\n") -
                              occurrences(text, "\n## Trends") -
                              occurrences(text, "\n## Excluded") -
                              occurrences(text, "\n## Across districts\n") ==
                          report.groups.size());
                }
                if (format == Format::csv && level == Level::district) {
                    CHECK(occurrences(text, "\n") ==
                          1 + report.groups.size() * (report.profile.indicators.size() + 1));
                }
            }
        }
    }
}

TEST_CASE("report sink: the gap analysis streamed is the analysis rendered from compute_gaps") {
    for (const Case& test_case : kCases) {
        // Copied: clang does not let doctest's CAPTURE take a structured binding.
        const std::string file = test_case.file;
        const std::string profile = test_case.profile;
        const Report report = evaluated(file, profile, keeping_everything());
        const GapReport gaps = compute_gaps(report);
        GapCounts expected;
        for (const auto& group : gaps.groups) expected.add(group);
        for (Format format : {Format::markdown, Format::csv, Format::json, Format::html}) {
            std::ostringstream rendered;
            render_gaps(gaps, format, rendered);
            for (int threads : {0, 3}) {
                CAPTURE(file);
                CAPTURE(static_cast<int>(format));
                CAPTURE(threads);
                auto evaluator = accumulated(file, profile, keeping_everything());
                std::ostringstream streamed;
                GapCounts counts;
                const auto sink = make_gaps_sink(format, GapOptions{}, streamed, &counts);
                evaluator->finish(*sink, threads);
                CHECK(streamed.str() == rendered.str());
                CHECK(counts.groups == gaps.groups.size());
                CHECK(counts.sections == expected.sections);
                CHECK(counts.failing == expected.failing);
            }
            if (format == Format::json) {
                std::vector<std::string> strings;
                CHECK(shape::JsonReader(rendered.str()).parse(strings));
            }
        }
    }
}

TEST_CASE("report sink: the spooled school CSV, fed section by section, is render_csv's") {
    for (const Case& test_case : kCases) {
        // Copied: clang does not let doctest's CAPTURE take a structured binding.
        const std::string file = test_case.file;
        const std::string profile = test_case.profile;
        const Report report = evaluated(file, profile, keeping_everything());
        std::ostringstream rendered;
        render_csv(report, Level::school, rendered);

        std::ostringstream spooled;
        const auto sink = make_spooled_school_csv_sink(builtin_profile(profile), {file}, spooled);
        EvaluationOptions options = keeping_everything();
        options.sections = sink.get();
        auto evaluator = accumulated(file, profile, options);
        evaluator->finish(*sink, 2);
        CHECK(spooled.str() == rendered.str());
    }
}

TEST_CASE("report sink: the collected report is the report evaluate_inputs returns") {
    const Report report = evaluated(kManyDistricts, "national-2017", keeping_everything());
    auto evaluator = accumulated(kManyDistricts, "national-2017", keeping_everything());
    ReportCollector collector;
    evaluator->finish(collector, 3);
    const Report collected = collector.take();
    REQUIRE(collected.groups.size() == report.groups.size());
    for (std::size_t i = 0; i < report.groups.size(); ++i) {
        CHECK(collected.groups[i].key == report.groups[i].key);
        CHECK(collected.groups[i].pass == report.groups[i].pass);
    }
    CHECK(collected.schools.size() == report.schools.size());
    CHECK(collected.exclusions.size() == report.exclusions.size());
    std::ostringstream a;
    std::ostringstream b;
    render_json(collected, Level::school, a);
    render_json(report, Level::school, b);
    CHECK(a.str() == b.str());
}

TEST_CASE("report sink: the evaluator counts the verdicts of the groups it streams") {
    for (const Case& test_case : kCases) {
        // Copied: clang does not let doctest's CAPTURE take a structured binding.
        const std::string file = test_case.file;
        const std::string profile = test_case.profile;
        const Report report = evaluated(file, profile);
        long passed = 0;
        long not_judged = 0;
        for (const auto& group : report.groups) {
            if (group.pass) ++passed;
            if (!group.judged) ++not_judged;
        }
        auto evaluator = accumulated(file, profile, EvaluationOptions{});
        ReportCollector collector;
        const Verdicts verdicts = evaluator->finish(collector, 2);
        CHECK(verdicts.groups == static_cast<long>(report.groups.size()));
        CHECK(verdicts.passed == passed);
        CHECK(verdicts.not_judged == not_judged);
        CHECK(verdicts.all_pass() ==
              (passed == static_cast<long>(report.groups.size()) && !report.groups.empty()));
    }
}

TEST_CASE("report sink: verdicts of no group do not pass; one failure fails them") {
    Verdicts none;
    CHECK_FALSE(none.all_pass());
    GroupResult passing;
    passing.pass = true;
    GroupResult failing;
    failing.pass = false;
    GroupResult unjudged;
    unjudged.pass = false;
    unjudged.judged = false;
    Verdicts verdicts;
    verdicts.add(passing);
    CHECK(verdicts.all_pass());
    verdicts.add(failing);
    verdicts.add(unjudged);
    CHECK_FALSE(verdicts.all_pass());
    CHECK(verdicts.groups == 3);
    CHECK(verdicts.passed == 1);
    CHECK(verdicts.failed() == 1);
    CHECK(verdicts.not_judged == 1);
}

TEST_CASE("json writer: pieces written apart and spliced are the document written in one go") {
    const auto element = [](detail::JsonWriter& json, int i) {
        json.begin_object();
        json.key("i").integer(i);
        json.key("list").begin_array();
        json.integer(i).integer(i + 1);
        json.end_array();
        json.end_object();
    };
    std::ostringstream whole;
    {
        detail::JsonWriter json(whole);
        json.begin_object();
        json.key("items").begin_array();
        for (int i = 0; i < 5; ++i) element(json, i);
        json.end_array();
        json.key("empty").begin_array();
        json.end_array();
        json.end_object();
    }
    std::ostringstream spliced;
    {
        detail::JsonWriter json(spliced);
        json.begin_object();
        json.key("items").begin_array();
        // Pieces of two elements, one and two, as blocks of groups are.
        for (auto [first, end] : {std::pair{0, 2}, std::pair{2, 3}, std::pair{3, 5}}) {
            std::string text;
            {
                detail::JsonWriter piece(text, 2, first == 0);
                for (int i = first; i < end; ++i) element(piece, i);
            }  // the piece is complete when its writer is gone
            json.splice(text);
        }
        json.end_array();
        json.key("empty").begin_array();
        json.splice("");
        json.end_array();
        json.end_object();
    }
    CHECK(spliced.str() == whole.str());
}

TEST_CASE("report sink: JSON with the exclusions formatted as they come is render_json's") {
    for (const Case& test_case : kCases) {
        const std::string file = test_case.file;
        const std::string profile = test_case.profile;
        CAPTURE(file);
        CAPTURE(profile);
        EvaluationOptions options;
        options.keep_exclusions = true;
        const Report report = evaluated(file, profile, options);
        std::ostringstream rendered;
        render_json(report, Level::district, rendered);

        std::ostringstream streamed;
        const auto sink = make_json_sink(Level::district, streamed, 2);
        options.sections = sink.get();
        auto evaluator = accumulated(file, profile, options);
        evaluator->finish(*sink, 2);
        CHECK(streamed.str() == rendered.str());
        CHECK(occurrences(streamed.str(), "\"rule\": ") == report.exclusions.size());
    }
}

}  // namespace eduqb
