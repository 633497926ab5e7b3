// Evaluates a district file against the national 2017 profile and prints the Markdown report:
// what `eduqb compute FILE` prints, through the library.
// Usage: district_report FILE.csv

#include <eduqb/diagnostics.hpp>
#include <eduqb/pipeline.hpp>
#include <eduqb/profile.hpp>
#include <eduqb/render.hpp>

#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: district_report FILE.csv\n";
        return 2;
    }
    const std::string path = argv[1];
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::cerr << path << ": cannot open\n";
        return 3;
    }
    try {
        const std::vector<eduqb::InputSource> inputs = {{path, &file}};
        eduqb::Diagnostics diagnostics;
        eduqb::EvaluationOptions options;
        options.measures = false;  // as `eduqb compute` without --measures
        const eduqb::Report report =
            eduqb::evaluate_inputs(inputs, eduqb::builtin_profile("national-2017"),
                                   eduqb::ReadOptions{}, options, diagnostics);
        for (const eduqb::Problem& problem : diagnostics.problems()) {
            std::cerr << eduqb::format_problem(problem) << '\n';
        }
        if (diagnostics.errors() > 0) return 3;
        eduqb::render_markdown(report, eduqb::Level::district, std::cout);
    } catch (const std::exception& error) {  // eduqb::InputError: a file it cannot read
        std::cerr << "error: " << error.what() << '\n';
        return 3;
    }
    return 0;
}
