#include "eduqb/pipeline.hpp"

#include <fmt/format.h>

#include "eduqb/error.hpp"
#include "eduqb/normalise.hpp"
#include "eduqb/read.hpp"
#include "eduqb/split.hpp"

namespace eduqb {
namespace {

/// Every column the profile's indicators need must be in the header, whatever the rows hold.
void require_profile_columns(const HeaderMap& header, const Profile& profile,
                             const std::string& file, long header_line) {
    for (const auto& def : profile.indicators) {
        if (!header.has(def.column)) {
            throw InputError(
                Location{file, header_line, 0},
                fmt::format("column '{}' is missing; profile '{}' needs it for "
                            "indicator '{}' ({})",
                            column_name(def.column), profile.id, def.id, def.label_en));
        }
    }
}

bool is_blank(const Record& record) {
    for (auto field : record.fields) {
        if (field.find_first_not_of(" \t") != std::string_view::npos) return false;
    }
    return true;
}

}  // namespace

Report evaluate_inputs(const std::vector<InputSource>& inputs, const Profile& profile,
                       const EvaluationOptions& options, std::vector<Warning>& warnings,
                       const ProgressHook& progress) {
    std::vector<std::string> names;
    for (const auto& input : inputs) names.push_back(input.name);

    Evaluator evaluator(profile, names, options);
    CombinedSchoolSplitter splitter(profile.split, names);
    std::vector<SectionRow> ready;
    constexpr std::size_t kHandOver = 4096;
    Progress done;

    for (std::size_t f = 0; f < inputs.size(); ++f) {
        const std::string& name = names[f];
        CsvReader reader(name, *inputs[f].stream);
        Record record;
        if (!reader.next(record)) throw InputError(Location{name, 0, 0}, "the file is empty");
        const HeaderMap header = map_header(record, name);
        for (const auto& unknown : header.unknown_headers) {
            warnings.push_back(
                Warning{name, record.line, fmt::format("unknown column '{}' ignored", unknown)});
        }
        require_profile_columns(header, profile, name, record.line);
        RowParser parser(header, name, static_cast<int>(f));
        long rows = 0;
        done.input = f;
        done.bytes = 0;
        while (reader.next(record)) {
            if (progress) {
                for (auto field : record.fields) done.bytes += field.size() + 1;  // + separator
                if (++done.rows % kHandOver == 0) progress(done);
            }
            if (is_blank(record)) continue;  // spreadsheets leave rows of empty cells
            splitter.push(parser.parse(record), ready);
            ++rows;
            if (ready.size() >= kHandOver) evaluator.add(ready);
        }
        if (progress) progress(done);
        if (rows == 0) {
            warnings.push_back(Warning{name, record.line, "the file has a header but no rows"});
        }
    }
    splitter.finish(ready);
    evaluator.add(ready);
    return evaluator.finish();
}

}  // namespace eduqb
