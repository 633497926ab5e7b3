// eduqb template: an empty input file with the right headers and one example row.

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/table.hpp"
#include "input/normalise.hpp"
#include "report_output.hpp"

namespace eduqb::cli {
namespace {

/// Units written into the Chinese headers, so a file states what its numbers mean.
std::string_view chinese_unit(Column column) {
    switch (column) {
        case Column::teaching_area_m2:
        case Column::sports_area_m2:
        case Column::music_art_area_m2:
            return "(平方米)";
        case Column::equipment_value_yuan:
            return "(元)";
        default:
            return "";
    }
}

/// One realistic primary school; every column filled so the row documents the format.
constexpr std::string_view kExampleEnglish =
    "3101010001,城关第一小学,城关区,2024,primary_school,primary,urban,1850,111,96,25,22,63,"
    "9010,14661,6909505,48,199,40591,41,3800,no";
constexpr std::string_view kExampleChinese =
    "3101010001,城关第一小学,城关区,2024,小学,小学,城区,1850,111,96,25,22,63,"
    "9010,14661,6909505,48,199,40591,41,3800,否";

int run_template(const std::string& lang) {
    const bool chinese = language_option(lang) == Language::zh;
    if (chinese) std::cout << "\xEF\xBB\xBF";  // so that Excel opens the file as UTF-8
    for (int c = 0; c < kColumnCount; ++c) {
        const auto column = static_cast<Column>(c);
        if (c) std::cout << ',';
        if (chinese) {
            std::cout << chinese_headers(column).front() << chinese_unit(column);
        } else {
            std::cout << column_name(column);
        }
    }
    std::cout << "\r\n" << (chinese ? kExampleChinese : kExampleEnglish) << "\r\n";
    return kExitOk;
}

}  // namespace

void add_template_command(CLI::App& app, Action& action) {
    auto lang = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "template", "Print an input CSV with every column's header and one example row");
    add_language_option(*cmd, *lang,
                        "the headers: zh, Chinese headers (UTF-8 with BOM, for Excel); en, "
                        "canonical English headers");
    cmd->callback([lang, &action] { action = [lang] { return run_template(*lang); }; });
}

}  // namespace eduqb::cli
