#pragma once
// Helpers shared by the unit tests: run the pipeline on fixture files and read CSV expectations.

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/pipeline.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/read.hpp"

namespace eduqb::test {

inline std::string source_path(const std::string& relative) {
    return std::string(EDUQB_SOURCE_DIR) + "/" + relative;
}

/// Runs the whole pipeline on in-memory CSV text.
inline Report evaluate_text(const std::string& csv, const std::string& profile_id,
                            EvaluationOptions options = {}) {
    std::istringstream in(csv);
    std::vector<Warning> warnings;
    return evaluate_inputs({InputSource{"test.csv", &in}}, builtin_profile(profile_id), options,
                           warnings);
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
    std::vector<Warning> warnings;
    return evaluate_inputs(inputs, builtin_profile(profile_id), options, warnings);
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
