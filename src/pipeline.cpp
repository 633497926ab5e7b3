#include "eduqb/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>

#include "base/ordered_worker.hpp"
#include "eduqb/error.hpp"
#include "input/normalise.hpp"
#include "input/read.hpp"
#include "input/row_stream.hpp"
#include "input/same_name_check.hpp"
#include "input/similar_names.hpp"
#include "input/table_start.hpp"
#include "input/validate.hpp"
#include "scope/scope.hpp"
#include "scope/split.hpp"

namespace eduqb {

static_assert(ReadOptions::kDefaultChunkBytes == ChunkReader::kDefaultChunkBytes);
namespace {

/// Every column the profile's indicators need must be in the header, whatever the rows hold.
void require_profile_columns(const HeaderMap& header, const Profile& profile,
                             const std::string& file, long header_line) {
    for (const auto& def : profile.indicators) {
        if (!header.has(def.column)) {
            throw InputError(
                Location{file, header_line, 0},
                fmt::format("column '{}' ({}) is missing; profile '{}' needs it for "
                            "indicator '{}' ({})",
                            column_name(def.column), chinese_headers(def.column).front(),
                            profile.id, def.id, def.label_en));
        }
    }
}

/// Under MissingPolicy::error, an empty cell an indicator needs is an error of its row (rows
/// the scope rules leave out need nothing). Returns true when the row has such cells.
bool has_missing_cells(const SectionRow& row, const Profile& profile, const ScopeRules& scope,
                       const RowParser& cells, Diagnostics& diagnostics,
                       std::set<std::tuple<int, long, int>>& reported) {
    // Nearly every row has every cell: the scope rules are asked only about those that lack one.
    if (std::none_of(profile.indicators.begin(), profile.indicators.end(),
                     [&](const IndicatorDef& def) { return is_missing(row.value(def.column)); })) {
        return false;
    }
    if (scope.find_exclusion(row)) return false;
    bool missing = false;
    for (const auto& def : profile.indicators) {
        if (!is_missing(row.value(def.column))) continue;
        missing = true;
        if (!reported.emplace(row.source.file, row.source.line, static_cast<int>(def.column))
                 .second) {
            continue;
        }
        diagnostics.error(cells.locate(row, def.column), std::string(column_name(def.column)),
                          fmt::format("empty for school {} ({}), and indicator {} needs it; an "
                                      "empty cell is missing, never zero (--missing skip leaves "
                                      "the school out of that indicator)",
                                      row.school_id, to_string(row.stage), def.id));
    }
    return missing;
}

}  // namespace

namespace {

/// Districts whose names differ only in how they are written (紅旗縣 and 红旗县) would be
/// evaluated as two: each such pair is named with a line of each.
void warn_about_spellings(const SimilarNames& spellings, const std::vector<std::string>& names,
                          Diagnostics& diagnostics) {
    for (const auto& group : spellings.groups()) {
        const auto& first = group.front();
        for (std::size_t i = 1; i < group.size(); ++i) {
            const auto& other = group[i];
            diagnostics.warning(
                Location{names[other.first.file], other.first.line, 0}, "district",
                fmt::format("district '{}' differs from '{}' ({}:{}) only in how it is written "
                            "(traditional or simplified characters, full-width forms, spaces); "
                            "they are evaluated as two districts: correct the spelling",
                            other.name, first.name, names[first.first.file], first.first.line));
        }
    }
}

/// The header of one input and the records below it.
struct TableHead {
    std::unique_ptr<HeaderMap> header;
    long line = 0;  ///< the header's last line
    Chunk rest;     ///< the records below the header in the chunks read so far
    std::vector<std::string> notes;
};

std::string describe_lines(const std::vector<LeadingRecord>& records, std::size_t first,
                           std::size_t count) {
    const long from = records[first].line;
    const long to = records[first + count - 1].line;
    return from == to ? fmt::format("line {}", from) : fmt::format("lines {}–{}", from, to);
}

/// Reads records until the header is found (table_start.hpp) and maps it.
TableHead read_table_head(ChunkReader& reader, const std::string& name, const ReadOptions& read,
                          Diagnostics& diagnostics) {
    Chunk chunk;
    if (!reader.next(chunk)) {
        throw InputError(Location{name, 0, 0}, "the file is empty (no header row)");
    }
    // The leading records, across chunks when they are short.
    std::vector<LeadingRecord> leading;
    auto collect = [&] {
        leading.clear();
        ChunkRecords records(name, chunk);
        Record record;
        while (leading.size() < kHeaderSearchRecords && records.next(record)) {
            leading.push_back(leading_record(record.line, record.fields.data(),
                                             record.fields.size(), kHeaderSearchColumns));
        }
    };
    collect();
    for (Chunk more; leading.size() < kHeaderSearchRecords && reader.next(more);) {
        chunk.text.insert(chunk.text.end(), more.text.begin(), more.text.end());
        collect();
    }
    std::optional<std::size_t> skip;
    if (read.skip_rows) skip = static_cast<std::size_t>(*read.skip_rows);
    if (skip && *skip >= leading.size()) {
        throw InputError(Location{name, 0, 0}, "no header after the skipped rows");
    }
    TableHead head;
    std::optional<TableStart> start = find_table_start(leading, skip);
    if (!start) {
        // No block looks like a header: the first record is taken as one, and map_header
        // says what it lacks.
        start = TableStart{};
        start->header_first = skip.value_or(0);
        start->data_first = start->header_first + 1;
    }
    // The header rows in full (the search looked at their first columns only).
    std::vector<LeadingRecord> header_rows;
    {
        ChunkRecords records(name, chunk);
        Record record;
        for (std::size_t i = 0; i < start->header_first + start->header_rows; ++i) {
            records.next(record);
            if (i < start->header_first) continue;
            header_rows.push_back(leading_record(record.line, record.fields.data(),
                                                 record.fields.size(), record.fields.size()));
        }
    }
    std::size_t field_count = 0;
    for (const auto& row : header_rows) field_count = std::max(field_count, row.fields);
    head.line = header_rows.back().line;
    head.header = std::make_unique<HeaderMap>(map_header(combine_header_rows(header_rows),
                                                         field_count, head.line, name, diagnostics,
                                                         start->units ? &*start->units : nullptr));
    if (start->header_first > 0) {
        head.notes.push_back(fmt::format("{} above the header skipped (titles)",
                                         describe_lines(leading, 0, start->header_first)));
    }
    if (start->header_rows > 1) {
        head.notes.push_back(
            fmt::format("header of {} rows ({}) read as one", start->header_rows,
                        describe_lines(leading, start->header_first, start->header_rows)));
    }
    if (start->units) {
        head.notes.push_back(
            fmt::format("unit line '{}' applied to the columns that name no "
                        "unit of their own",
                        start->units->text));
    }
    if (start->column_numbers) {
        head.notes.push_back(fmt::format("column-number row skipped ({})",
                                         describe_lines(leading, start->data_first - 1, 1)));
    }
    for (const auto& note : head.header->notes) head.notes.push_back(note);
    ChunkRecords records(name, chunk);
    Record record;
    for (std::size_t i = 0; i < start->data_first; ++i) records.next(record);
    head.rest = records.rest();
    return head;
}

}  // namespace

namespace {

/// Sections handed to a profile's evaluator at a time.
constexpr std::size_t kHandOver = 1024;

/// One profile's share of the work: its own split rules, scope and accumulators.
struct ProfileRun {
    ProfileRun(const Profile& p, const std::vector<std::string>& names,
               const EvaluationOptions& options, Diagnostics& diagnostics)
        : profile(p),
          evaluator(std::make_unique<Evaluator>(p, names, options)),
          splitter(p.split, names, diagnostics),
          scope(p) {
        ready.reserve(kBatchCapacity);
    }
    /// A batch's room: a few more than kHandOver, for the sections of a combined school
    /// released together.
    static constexpr std::size_t kBatchCapacity = kHandOver + 16;
    const Profile& profile;
    std::unique_ptr<Evaluator> evaluator;
    CombinedSchoolSplitter splitter;
    ScopeRules scope;  ///< for the empty-cell rule, which leaves excluded rows alone
    std::vector<SectionRow> ready;
    std::vector<SectionRow> rejected;
    /// Batches the evaluator is done with, kept for their capacity (a batch is megabytes: grown
    /// afresh each time, it was a good part of the main thread's work).
    std::mutex spare_mutex;
    std::vector<std::vector<SectionRow>> spare;
    /// Runs the evaluator beside the reading, when there are threads to spare.
    std::unique_ptr<OrderedWorker> worker;

    /// Folds `ready` and `rejected` into the evaluator (on its worker, when it has one).
    void evaluate() {
        if (!worker) {
            evaluator->add(ready);
            evaluator->reject(rejected);
            return;
        }
        worker->post([this, sections = std::move(ready), invalid = std::move(rejected)]() mutable {
            evaluator->add(sections);
            evaluator->reject(invalid);
            std::lock_guard<std::mutex> lock(spare_mutex);
            spare.push_back(std::move(sections));
        });
        ready.clear();
        rejected.clear();
        {
            std::lock_guard<std::mutex> lock(spare_mutex);
            if (!spare.empty()) {
                ready = std::move(spare.back());
                spare.pop_back();
            }
        }
        // Grown from nothing, a batch was copied ten times over on the way to its size.
        ready.reserve(kBatchCapacity);
    }
    void finish() {
        if (worker) worker->finish();
    }
};

}  // namespace

namespace {

/// What the summaries say of how each input was read, for the reports.
void add_reading_notes(Evaluator& evaluator, const std::vector<InputSummary>& summaries) {
    std::vector<std::string> notes;
    std::vector<RowNotRead> rows_not_read;
    for (const auto& summary : summaries) {
        for (const auto& note : summary.notes) {
            notes.push_back(fmt::format("{}: {}", summary.name, note));
        }
        rows_not_read.insert(rows_not_read.end(), summary.not_read.begin(), summary.not_read.end());
    }
    evaluator.add_reading_notes(std::move(notes), std::move(rows_not_read));
}

}  // namespace

std::vector<std::unique_ptr<Evaluator>> accumulate_inputs(
    const std::vector<InputSource>& inputs, const std::vector<Profile>& profiles,
    const ReadOptions& read, const EvaluationOptions& options, Diagnostics& diagnostics,
    std::vector<InputSummary>* summaries, const ProgressHook& progress) {
    std::vector<InputSummary> own_summaries;
    if (!summaries) summaries = &own_summaries;
    std::vector<std::string> names;
    for (const auto& input : inputs) names.push_back(input.name);

    std::vector<std::unique_ptr<ProfileRun>> runs;
    for (const auto& profile : profiles) {
        runs.push_back(std::make_unique<ProfileRun>(profile, names, options, diagnostics));
    }
    const int threads = read.threads < 0 ? default_worker_threads() : read.threads;
    if (threads > 0 &&
        (read.evaluator_thread < 0 ? evaluator_thread_helps(threads) : read.evaluator_thread > 0)) {
        for (auto& run : runs) run->worker = std::make_unique<OrderedWorker>(2);
    }
    DuplicateDetector duplicates;
    SameNameCheck same_names;
    SimilarNames district_spellings;
    Progress done;

    // One header map and parser per file, kept so split rows can still name their cells.
    std::vector<std::unique_ptr<HeaderMap>> headers;
    std::vector<std::unique_ptr<RowParser>> parsers;
    // An empty cell two profiles need is one problem, reported once.
    std::set<std::tuple<int, long, int>> reported_missing;
    auto hand_over = [&](ProfileRun& run) {
        // Rows an indicator lacks a cell for leave `ready` for `rejected`; the rest stay put.
        std::size_t kept = 0;
        for (std::size_t i = 0; i < run.ready.size(); ++i) {
            SectionRow& row = run.ready[i];
            const RowParser& cells = *parsers[row.source.file];
            if (&run == runs.front().get()) {
                check_ratios(row, names[row.source.file], diagnostics);
            }
            if (options.missing == MissingPolicy::error &&
                has_missing_cells(row, run.profile, run.scope, cells, diagnostics,
                                  reported_missing)) {
                run.rejected.push_back(std::move(row));
                continue;
            }
            if (kept != i) run.ready[kept] = std::move(row);
            ++kept;
        }
        run.ready.resize(kept);
        run.evaluate();
    };

    long total_rows = 0;
    for (std::size_t f = 0; f < inputs.size(); ++f) {
        const std::string& name = names[f];
        ChunkReader reader(name, *inputs[f].stream, inputs[f].encoding.value_or(read.encoding),
                           read.chunk_bytes);
        TableHead head = read_table_head(reader, name, read, diagnostics);
        headers.push_back(std::move(head.header));
        const long header_line = head.line;
        InputSummary summary;
        summary.name = name;
        summary.notes = std::move(head.notes);
        const HeaderMap& header = *headers.back();
        for (const auto& profile : profiles) {
            require_profile_columns(header, profile, name, header_line);
        }
        parsers.push_back(std::make_unique<RowParser>(
            header, name, static_cast<int>(f), options.keep_schools || options.keep_exclusions));
        RowParser& parser = *parsers.back();
        if (!read.fill_down.empty()) parser.fill_down(read.fill_down);
        long rows = 0;
        done.input = f;
        done.bytes = 0;
        RowStream stream(name, reader, std::move(head.rest), parser,
                         parser.fills_down() ? 0 : threads, read.max_errors);
        std::unique_ptr<ParsedRows> parsed;
        std::optional<long> footer_line;
        long after_footer = 0;
        // Totals rows and the footer come as notes between the rows.
        auto take_note = [&](const ParsedRows::Note& note) {
            if (footer_line) {
                ++after_footer;
                return;
            }
            if (note.kind == RowKind::footer) {
                footer_line = note.line;
                summary.not_read.push_back(RowNotRead{name, note.line, "footer", note.text});
                return;
            }
            diagnostics.warning(
                Location{name, note.line, 0}, "",
                fmt::format("'{}' is a totals row, not a school: left out", note.text));
            summary.not_read.push_back(RowNotRead{name, note.line, "totals_row", note.text});
        };
        while (stream.next(parsed)) {
            std::size_t next_note = 0;
            for (std::size_t i = 0; i < parsed->rows.size(); ++i) {
                while (next_note < parsed->notes.size() && parsed->notes[next_note].before <= i) {
                    take_note(parsed->notes[next_note++]);
                }
                SectionRow& row = parsed->rows[i];
                if (footer_line) {
                    ++after_footer;
                    continue;
                }
                ++rows;
                if (++total_rows > read.max_rows) {
                    throw InputError(Location{name, row.source.line, 0},
                                     fmt::format("more than {} rows; stopped reading here (the "
                                                 "bound guards against endless input; raise it "
                                                 "with --max-rows)",
                                                 read.max_rows));
                }
                diagnostics.append(parsed->problems, parsed->marks[i], parsed->marks[i + 1]);
                // A duplicate is found even when the first of the two rows has other problems.
                const bool duplicate = (parsed->status[i] & ParsedRows::kParsed) &&
                                       duplicates.seen_before(row, parsed->section_hashes[i]);
                bool ok = (parsed->status[i] & ParsedRows::kChecked) != 0;
                if (duplicate) {
                    diagnostics.error(
                        parser.locate(row, Column::school_id), "school_id",
                        fmt::format("school {} has a second {} row for {}{}", row.school_id,
                                    to_string(row.stage),
                                    row.district.empty() ? "this district" : row.district,
                                    row.year ? fmt::format(" in {}", *row.year) : ""));
                    ok = false;
                }
                if (parsed->status[i] & ParsedRows::kParsed) {
                    if (parsed->status[i] & ParsedRows::kNewDistrict) {
                        district_spellings.add(row.district, row.source);
                    }
                    if (auto other = same_names.other_school(row, parsed->name_hashes[i])) {
                        diagnostics.warning(
                            parser.locate(row, Column::school_name), "school_name",
                            fmt::format("school {} has the same name as the school at {}:{}, "
                                        "under another id, in {}{}: one school under two ids? "
                                        "Each is evaluated as a school of its own",
                                        row.school_id, names[other->file], other->line,
                                        row.district.empty() ? "this district" : row.district,
                                        row.year ? fmt::format(" {}", *row.year) : ""));
                    }
                }
                for (std::size_t p = 0; p < runs.size(); ++p) {
                    ProfileRun& run = *runs[p];
                    auto take = [&](SectionRow&& taken) {
                        if (ok) {
                            run.splitter.push(std::move(taken), run.ready, run.rejected);
                        } else {
                            run.splitter.reject(std::move(taken), run.rejected);
                        }
                    };
                    // The last profile takes the row itself, the others a copy.
                    if (p + 1 < runs.size()) {
                        take(SectionRow(row));
                    } else {
                        take(std::move(row));
                    }
                    if (run.ready.size() + run.rejected.size() >= kHandOver) hand_over(run);
                }
                if (diagnostics.errors() >= read.max_errors) {
                    throw InputError(Location{name, row.source.line, 0},
                                     fmt::format("{} errors; stopped reading here (is this the "
                                                 "right file, encoding and --skip-rows?)",
                                                 diagnostics.errors()));
                }
            }
            while (next_note < parsed->notes.size()) take_note(parsed->notes[next_note++]);
            after_footer += parsed->after_footer;
            done.rows += static_cast<std::uint64_t>(parsed->records);
            done.bytes = parsed->end_offset;
            if (progress) progress(done);
            if (parsed->error) std::rethrow_exception(parsed->error);
        }
        if (footer_line && after_footer > 0) {
            diagnostics.warning(Location{name, *footer_line, 0}, "",
                                fmt::format("the table ends at this footer line; {} non-empty "
                                            "row{} below it {} not read",
                                            after_footer, after_footer == 1 ? "" : "s",
                                            after_footer == 1 ? "was" : "were"));
        }
        if (rows == 0) {
            if (read.refuse_empty) {
                throw InputError(Location{name, header_line, 0},
                                 "the file has a header but no rows: nothing to evaluate");
            }
            diagnostics.warning(Location{name, header_line, 0}, "",
                                "the file has a header but no rows");
        }
        summary.encoding = reader.encoding();
        summary.rows = rows;
        summaries->push_back(std::move(summary));
    }
    warn_about_spellings(district_spellings, names, diagnostics);
    std::vector<std::unique_ptr<Evaluator>> evaluators;
    for (auto& run : runs) {
        run->splitter.finish(run->ready, run->rejected);
        hand_over(*run);
        run->finish();
        add_reading_notes(*run->evaluator, *summaries);
        evaluators.push_back(std::move(run->evaluator));
    }
    return evaluators;
}

std::vector<Report> evaluate_inputs(const std::vector<InputSource>& inputs,
                                    const std::vector<Profile>& profiles, const ReadOptions& read,
                                    const EvaluationOptions& options, Diagnostics& diagnostics,
                                    std::vector<InputSummary>* summaries,
                                    const ProgressHook& progress) {
    std::vector<Report> reports;
    for (auto& evaluator :
         accumulate_inputs(inputs, profiles, read, options, diagnostics, summaries, progress)) {
        reports.push_back(evaluator->finish());
    }
    return reports;
}

Report evaluate_inputs(const std::vector<InputSource>& inputs, const Profile& profile,
                       const ReadOptions& read, const EvaluationOptions& options,
                       Diagnostics& diagnostics, std::vector<InputSummary>* summaries,
                       const ProgressHook& progress) {
    return std::move(evaluate_inputs(inputs, std::vector<Profile>{profile}, read, options,
                                     diagnostics, summaries, progress)
                         .front());
}

}  // namespace eduqb
