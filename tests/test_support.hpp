#pragma once
// Helpers shared by the unit tests: run the pipeline on fixture files and read CSV expectations.

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/error.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/profile.hpp"
#include "input/read.hpp"

namespace eduqb::test {

inline std::string source_path(const std::string& relative) {
    return std::string(EDUQB_SOURCE_DIR) + "/" + relative;
}

/// Runs the whole pipeline on in-memory CSV text, collecting problems in `diagnostics`.
inline Report evaluate_text(const std::string& csv, const std::string& profile_id,
                            EvaluationOptions options, Diagnostics& diagnostics,
                            ReadOptions read = {}) {
    std::istringstream in(csv);
    return evaluate_inputs({InputSource{"test.csv", &in}}, builtin_profile(profile_id), read,
                           options, diagnostics);
}

/// Runs the whole pipeline on in-memory CSV text; the first error, if any, is thrown.
inline Report evaluate_text(const std::string& csv, const std::string& profile_id,
                            EvaluationOptions options = {}) {
    Diagnostics diagnostics;
    Report report = evaluate_text(csv, profile_id, options, diagnostics);
    for (const auto& problem : diagnostics.problems()) {
        if (problem.severity == Severity::error) throw InputError(format_problem(problem));
    }
    return report;
}

/// Every problem found in in-memory CSV text, formatted as the command line prints them.
inline std::vector<std::string> problems_in(const std::string& csv,
                                            const std::string& profile_id = "national-2017",
                                            EvaluationOptions options = {}, ReadOptions read = {}) {
    Diagnostics diagnostics;
    std::vector<std::string> lines;
    try {
        evaluate_text(csv, profile_id, options, diagnostics, read);
    } catch (const InputError& error) {
        lines.push_back(error.what());
    }
    for (const auto& problem : diagnostics.problems()) lines.push_back(format_problem(problem));
    return lines;
}

/// Runs the whole pipeline on files of the repository.
inline Report evaluate_files(const std::vector<std::string>& files, const std::string& profile_id,
                             EvaluationOptions options = {}) {
    std::vector<std::ifstream> streams;
    streams.reserve(files.size());
    std::vector<InputSource> inputs;
    for (const auto& file : files) {
        streams.emplace_back(source_path(file), std::ios::binary);
        inputs.push_back(InputSource{file, &streams.back()});
    }
    Diagnostics diagnostics;
    Report report =
        evaluate_inputs(inputs, builtin_profile(profile_id), ReadOptions{}, options, diagnostics);
    if (diagnostics.errors() > 0) throw InputError(format_problem(diagnostics.problems().front()));
    return report;
}

/// A CSV file as rows of named cells (the expectation files are plain, unquoted CSV).
inline std::vector<std::map<std::string, std::string>> read_csv_rows(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    CsvReader reader(path, in);
    Record record;
    std::vector<std::map<std::string, std::string>> rows;
    if (!reader.next(record)) return rows;
    std::vector<std::string> header(record.fields.begin(), record.fields.end());
    while (reader.next(record)) {
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < record.fields.size(); ++i) {
            row[header[i]] = std::string(record.fields[i]);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

/// The header line every fixture uses, for tests that build CSV text inline.
inline const char* kHeader =
    "school_id,school_name,district,year,school_type,stage,area_type,students,teachers,"
    "teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,"
    "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,computers,books,"
    "classes\n";

}  // namespace eduqb::test
