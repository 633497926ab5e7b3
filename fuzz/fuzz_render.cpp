// Fuzz target: hostile names through every output format. The input is cut into one to eight
// names, which replace every text from outside eduqb in a district report (district, school
// names and ids, input file name, profile id, titles, labels, units, reading notes). Each
// report must keep the structure of the same report under plain names (tests/report_shape.hpp):
// the same Markdown lines and table cells with no raw HTML, entity or link; the same CSV
// records and fields, its numbers unchanged and no text cell a spreadsheet would run; HTML with
// eduqb's tags only; JSON that parses and gives the names back; and no control or
// bidirectional character in any of them, nor in XLSX cells and terminal messages. The
// input's size picks the formats: Markdown and CSV, JSON and HTML, the gaps report, or several
// profiles side by side; one input in 32 also writes and reads back the XLSX workbook.

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "../tests/report_shape.hpp"
#include "base/escape.hpp"
#include "eduqb/gaps.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/render.hpp"
#include "eduqb/render_gaps.hpp"
#include "fuzz_support.hpp"
#include "input/workbook/workbook.hpp"

namespace {

using namespace eduqb;

/// Primary and junior schools of the sample district, a nine-year school, and sections the
/// scope rules leave out (a senior section, a teaching point, a special school).
constexpr const char* kDistrict =
    "school_id,school_name,district,year,school_type,stage,area_type,students,teachers,"
    "teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,"
    "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,computers,books,"
    "classes\n"
    "3101010001,城关第一小学,城关区,2024,primary_school,primary,urban,1850,111,96,25,22,63,9010,"
    "14661,6909505,48,199,40591,41\n"
    "3101010002,城关第二小学,城关区,2024,primary_school,primary,urban,1620,101,91,18,17,40,9911,"
    "15036,5682150,43,311,52772,38\n"
    "3101010003,城关第三小学,城关区,2024,primary_school,primary,urban,1380,86,70,19,16,45,7213,"
    "9342,4007901,35,180,46902,30\n"
    "3101020001,实验中学,城关区,2024,junior_school,junior,urban,1720,129,115,33,20,76,10179,"
    "17983,5405866,49,270,60361,39\n"
    "0110240013,沙坪中学,城关区,2024,junior_school,junior,town,380,31,27,5,4,14,2311,5118,"
    "1290035,11,41,11438,8\n"
    "0110250003,清河九年一贯制学校,城关区,2024,nine_year,primary,rural,340,21,17,6,4,11,3557,"
    "6401,2378420,15,84,19324,9\n"
    "0110250003,清河九年一贯制学校,城关区,2024,nine_year,junior,rural,260,28,20,3,3,12,,,,,,,6\n"
    "3101040001,城关中学,城关区,2024,complete_middle,senior,urban,1680,126,112,30,18,54,8000,"
    "12000,4000000,30,150,30000,38\n"
    "0110260041,李家村教学点,城关区,2024,teaching_point,primary,rural,23,3,1,1,1,1,147,314,55062,"
    "1,4,530,2\n"
    "3101060001,城关区特殊教育学校,城关区,2024,special_education,primary,urban,96,24,17,1,2,13,"
    "1467,3103,781016,6,15,2475,10\n";

Report evaluated(const std::string& profile) {
    std::istringstream in(kDistrict);
    EvaluationOptions options;
    options.keep_schools = true;
    Diagnostics diagnostics;
    return evaluate_inputs({InputSource{"district.csv", &in}}, builtin_profile(profile),
                           ReadOptions{}, options, diagnostics);
}

/// The reports under plain names and what each format makes of them, computed once.
struct Plain {
    Report report = evaluated("national-2017");
    Report beijing = evaluated("beijing");
    std::string markdown[2];
    std::string csv[2];
    std::string html;
    std::string gaps_markdown;
    std::string gaps_csv;
    std::string side_by_side_markdown;
    std::string side_by_side_csv;
};

std::string markdown(const Report& report, Level level) {
    return shape::rendered([&](std::ostream& out) { render_markdown(report, level, out); });
}
std::string csv(const Report& report, Level level) {
    return shape::rendered([&](std::ostream& out) { render_csv(report, level, out); });
}
std::string json(const Report& report, Level level) {
    return shape::rendered([&](std::ostream& out) { render_json(report, level, out); });
}
std::string html(const Report& report) {
    return shape::rendered(
        [&](std::ostream& out) { render_html(report, Level::school, ReportContext{}, out); });
}
std::string gaps(const GapReport& report, Format format) {
    return shape::rendered([&](std::ostream& out) { render_gaps(report, format, out); });
}
std::string side_by_side(const std::vector<Report>& reports, Format format) {
    return shape::rendered(
        [&](std::ostream& out) { render_comparison(reports, format, Level::district, out); });
}

const Plain& plain() {
    static const Plain reports = [] {
        Plain p;
        shape::rename_everything(p.report, {"plain"});
        shape::rename_everything(p.beijing, {"plain"});
        for (Level level : {Level::district, Level::school}) {
            p.markdown[static_cast<int>(level)] = markdown(p.report, level);
            p.csv[static_cast<int>(level)] = csv(p.report, level);
        }
        p.html = html(p.report);
        const GapReport gap_report = compute_gaps(p.report);
        p.gaps_markdown = gaps(gap_report, Format::markdown);
        p.gaps_csv = gaps(gap_report, Format::csv);
        p.side_by_side_markdown = side_by_side({p.report, p.beijing}, Format::markdown);
        p.side_by_side_csv = side_by_side({p.report, p.beijing}, Format::csv);
        return p;
    }();
    return reports;
}

/// Stops the run when `problem` names one.
void check(const std::string& problem, const char* format) {
    if (problem.empty()) return;
    std::fprintf(stderr, "eduqb fuzz: %s: %s\n", format, problem.c_str());
    fuzz::broken("a hostile name changed a report's structure");
}

/// The whole XLSX report, read back: every name a string cell, no control character.
void check_xlsx(const Report& report) {
    char path[] = "/tmp/eduqb-fuzz-render-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return;
    close(fd);
    render_xlsx(report, ReportContext{}, path);
    auto workbook = Workbook::open_file(path, "report.xlsx");
    std::vector<std::string> cells;
    for (std::size_t sheet = 0; sheet < workbook->sheets().size(); ++sheet) {
        auto rows = workbook->rows(sheet);
        long row = 0;
        std::vector<std::string> values;
        while (rows->next(row, values)) cells.insert(cells.end(), values.begin(), values.end());
    }
    std::remove(path);
    for (const auto& cell : cells) {
        if (shape::has_hidden(cell, "\t\n")) fuzz::broken("a control character in an XLSX cell");
    }
    const std::string name = detail::xlsx_text(report.schools.front().school_name);
    if (std::find(cells.begin(), cells.end(), name) == cells.end()) {
        fuzz::broken("a school name is not an XLSX string cell");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Plain& p = plain();
    // Each name is written dozens of times: longer names make reports slower, not different
    // (tests/base/escape_test.cpp writes a 40 000-character one).
    size = std::min<std::size_t>(size, 512);
    // The first byte says how many names; the rest is cut into that many.
    const std::size_t count = size == 0 ? 1 : 1 + data[0] % 8;
    const std::string text(reinterpret_cast<const char*>(data) + (size > 0), size - (size > 0));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
        names.push_back(text.substr(text.size() * i / count,
                                    text.size() * (i + 1) / count - text.size() * i / count));
        // An empty name leaves out what it would fill (a title, a district): another shape.
        if (names.back().empty()) names.back() = "x";
    }
    Report report = p.report;
    shape::rename_everything(report, names);
    // Names the JSON reports hold, to be read back as they were.
    const std::vector<std::string> in_json = {report.groups.front().key.district,
                                              report.inputs.front(), report.profile.id,
                                              report.schools.front().school_name};
    // A quarter of the formats per input, picked by its size: four times the inputs a second.
    switch (size % 4) {
        case 0:
            for (Level level : {Level::district, Level::school}) {
                const int l = static_cast<int>(level);
                check(shape::markdown_problem(p.markdown[l], markdown(report, level)), "markdown");
                check(shape::csv_problem(p.csv[l], csv(report, level)), "csv");
            }
            break;
        case 1:
            for (Level level : {Level::district, Level::school}) {
                check(shape::json_problem(json(report, level), in_json), "json");
            }
            check(shape::html_problem(p.html, html(report)), "html");
            break;
        case 2: {
            const GapReport gap_report = compute_gaps(report);
            check(shape::markdown_problem(p.gaps_markdown, gaps(gap_report, Format::markdown)),
                  "gaps markdown");
            check(shape::csv_problem(p.gaps_csv, gaps(gap_report, Format::csv)), "gaps csv");
            check(shape::json_problem(gaps(gap_report, Format::json),
                                      {report.schools.front().school_name}),
                  "gaps json");
            break;
        }
        default: {
            Report beijing = p.beijing;
            shape::rename_everything(beijing, names);
            const std::vector<Report> pair = {report, beijing};
            check(shape::markdown_problem(p.side_by_side_markdown,
                                          side_by_side(pair, Format::markdown)),
                  "side-by-side markdown");
            check(shape::csv_problem(p.side_by_side_csv, side_by_side(pair, Format::csv)),
                  "side-by-side csv");
            check(shape::json_problem(side_by_side(pair, Format::json), {report.profile.id}),
                  "side-by-side json");
            break;
        }
    }

    for (const auto& name : names) {
        const std::string cell = detail::xlsx_text(name);
        if (shape::has_hidden(cell, "\t\n") || shape::repaired(cell) != cell) {
            fuzz::broken("an XLSX cell holds a control character or bytes that are not UTF-8");
        }
        std::size_t characters = 0;
        for (char c : cell) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (characters > detail::kXlsxMaxCellChars) fuzz::broken("an XLSX cell too long");
        const std::string message = detail::terminal_text(name);
        if (shape::has_hidden(message, "") || shape::repaired(message) != message) {
            fuzz::broken("a terminal message holds a control character");
        }
    }
    // Writing a workbook takes milliseconds: one input in 32.
    if (size % 32 == 5) check_xlsx(report);
    return 0;
}
