#include "eduqb/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

#include "base/ordered_worker.hpp"
#include "eduqb/error.hpp"
#include "input/normalise.hpp"
#include "input/read.hpp"
#include "input/row_stream.hpp"
#include "input/same_name_check.hpp"
#include "input/similar_names.hpp"
#include "input/table_head.hpp"
#include "input/validate.hpp"
#include "scope/scope.hpp"
#include "scope/section_batch.hpp"
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
    SectionBatch ready;
    std::vector<SectionRow> rejected;
    /// Batches the evaluator is done with, kept for their capacity (a batch is megabytes: grown
    /// afresh each time, it was a good part of the main thread's work).
    std::mutex spare_mutex;
    std::vector<SectionBatch> spare;
    /// Runs the evaluator beside the reading, when there are threads to spare.
    std::unique_ptr<OrderedWorker> worker;

    /// Folds `ready` and `rejected` into the evaluator (on its worker, when it has one).
    void evaluate() {
        if (!worker) {
            evaluator->add(ready.begin(), ready.end());
            evaluator->reject(rejected);
            ready.clear();
            return;
        }
        worker->post([this, sections = std::move(ready), invalid = std::move(rejected)]() mutable {
            evaluator->add(sections.begin(), sections.end());
            evaluator->reject(invalid);
            sections.clear();
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
    std::vector<ReadingNote> notes;
    std::vector<RowNotRead> rows_not_read;
    for (const auto& summary : summaries) {
        notes.insert(notes.end(), summary.notes.begin(), summary.notes.end());
        rows_not_read.insert(rows_not_read.end(), summary.not_read.begin(), summary.not_read.end());
    }
    evaluator.add_reading_notes(std::move(notes), std::move(rows_not_read));
}

}  // namespace

namespace {

/// Where an input's table ends: the footer line (填表人, 审核人, ...), and the non-empty rows
/// below it, which are not read but counted for a warning.
struct TableEnd {
    std::optional<long> footer_line;
    long rows_after = 0;

    /// A totals row or the footer, noted by the parser between the rows.
    void take_note(const ParsedRows::Note& note, const std::string& name, InputSummary& summary,
                   Diagnostics& diagnostics) {
        if (footer_line) {
            ++rows_after;
            return;
        }
        if (note.kind == RowKind::footer) {
            footer_line = note.line;
            summary.not_read.push_back(RowNotRead{name, note.line, "footer", note.text});
            return;
        }
        diagnostics.warning(Location{name, note.line, 0}, "",
                            fmt::format("'{}' is a totals row, not a school: left out", note.text));
        summary.not_read.push_back(RowNotRead{name, note.line, "totals_row", note.text});
    }

    void warn_about_rows_after(const std::string& name, Diagnostics& diagnostics) const {
        if (!footer_line || rows_after == 0) return;
        diagnostics.warning(
            Location{name, *footer_line, 0}, "",
            fmt::format("the table ends at this footer line; {} non-empty "
                        "row{} below it {} not read",
                        rows_after, rows_after == 1 ? "" : "s", rows_after == 1 ? "was" : "were"));
    }
};

/// Reading every input once for every profile: each input's header and rows, the checks
/// across rows (duplicates, one school under two ids, district spellings), and each row
/// handed to every profile's splitter and evaluator.
class Accumulation {
  public:
    Accumulation(const std::vector<InputSource>& inputs, const std::vector<Profile>& profiles,
                 const ReadOptions& read, const EvaluationOptions& options,
                 Diagnostics& diagnostics, const ProgressHook& progress)
        : inputs_(inputs),
          profiles_(profiles),
          read_(read),
          options_(options),
          diagnostics_(diagnostics),
          progress_(progress),
          threads_(read.threads < 0 ? default_worker_threads() : read.threads) {
        for (const auto& input : inputs) names_.push_back(input.name);
        for (const auto& profile : profiles) {
            runs_.push_back(std::make_unique<ProfileRun>(profile, names_, options, diagnostics));
        }
        const bool evaluator_thread = read.evaluator_thread < 0 ? evaluator_thread_helps(threads_)
                                                                : read.evaluator_thread > 0;
        if (threads_ > 0 && evaluator_thread) {
            for (auto& run : runs_) run->worker = std::make_unique<OrderedWorker>(2);
        }
    }

    /// Input `f`, header to last row.
    InputSummary read_input(std::size_t f) {
        const std::string& name = names_[f];
        ChunkReader reader(name, *inputs_[f].stream, inputs_[f].encoding.value_or(read_.encoding),
                           read_.chunk_bytes);
        TableHead head = read_table_head(reader, name, read_, diagnostics_);
        InputSummary summary;
        summary.name = name;
        summary.notes = std::move(head.notes);
        for (auto& note : summary.notes) note.input = name;
        const long header_line = head.line;
        RowParser& parser = open_table(f, std::move(head.header), header_line);
        RowStream stream(name, reader, std::move(head.rest), parser,
                         parser.fills_down() ? 0 : threads_, read_.max_errors);
        done_.input = f;
        done_.bytes = 0;
        TableEnd table_end;
        long rows = 0;
        std::unique_ptr<ParsedRows> parsed;
        while (stream.next(parsed)) {
            std::size_t next_note = 0;
            for (std::size_t i = 0; i < parsed->rows.size(); ++i) {
                while (next_note < parsed->notes.size() && parsed->notes[next_note].before <= i) {
                    table_end.take_note(parsed->notes[next_note++], name, summary, diagnostics_);
                }
                if (table_end.footer_line) {
                    ++table_end.rows_after;
                    continue;
                }
                ++rows;
                take_row(*parsed, i, parser);
            }
            while (next_note < parsed->notes.size()) {
                table_end.take_note(parsed->notes[next_note++], name, summary, diagnostics_);
            }
            table_end.rows_after += parsed->after_footer;
            report_progress(*parsed);
            if (parsed->error) std::rethrow_exception(parsed->error);
        }
        table_end.warn_about_rows_after(name, diagnostics_);
        if (rows == 0) refuse_empty(name, header_line);
        summary.encoding = reader.encoding();
        summary.rows = rows;
        return summary;
    }

    /// Ends the reading: the last sections to each evaluator, which learn how the inputs were
    /// read.
    std::vector<std::unique_ptr<Evaluator>> finish(const std::vector<InputSummary>& summaries) {
        warn_about_spellings(district_spellings_, names_, diagnostics_);
        std::vector<std::unique_ptr<Evaluator>> evaluators;
        for (auto& run : runs_) {
            run->splitter.finish(run->ready, run->rejected);
            hand_over(*run);
            run->finish();
            add_reading_notes(*run->evaluator, summaries);
            evaluators.push_back(std::move(run->evaluator));
        }
        return evaluators;
    }

  private:
    /// The parser of input `f`'s table, after checking its header has what every profile
    /// needs. Header and parser are kept so that split rows can still name their cells.
    RowParser& open_table(std::size_t f, std::unique_ptr<HeaderMap> header, long header_line) {
        headers_.push_back(std::move(header));
        const HeaderMap& map = *headers_.back();
        for (const auto& profile : profiles_) {
            require_profile_columns(map, profile, names_[f], header_line);
        }
        parsers_.push_back(
            std::make_unique<RowParser>(map, names_[f], static_cast<int>(f),
                                        options_.keep_schools || options_.keep_exclusions));
        RowParser& parser = *parsers_.back();
        if (!read_.fill_down.empty()) parser.fill_down(read_.fill_down);
        return parser;
    }

    /// Row i of a parsed chunk: checked against the rows before it, then to every profile.
    void take_row(ParsedRows& parsed, std::size_t i, const RowParser& parser) {
        SectionRow& row = parsed.rows[i];
        if (++total_rows_ > read_.max_rows) {
            throw InputError(Location{names_[row.source.file], row.source.line, 0},
                             fmt::format("more than {} rows; stopped reading here (the bound "
                                         "guards against endless input; raise it with "
                                         "--max-rows)",
                                         read_.max_rows));
        }
        diagnostics_.append(parsed.problems, parsed.marks[i], parsed.marks[i + 1]);
        const bool ok = check_across_rows(parsed, i, parser);
        distribute(row, ok);
        if (diagnostics_.errors() >= read_.max_errors) {
            throw InputError(Location{names_[row.source.file], row.source.line, 0},
                             fmt::format("{} errors; stopped reading here (is this the right "
                                         "file, encoding and --skip-rows?)",
                                         diagnostics_.errors()));
        }
    }

    /// The checks that need the rows before: a second row of one school and stage (an error),
    /// one name under two ids, a district spelt two ways (warnings). False when the row is
    /// not to be evaluated.
    bool check_across_rows(const ParsedRows& parsed, std::size_t i, const RowParser& parser) {
        const SectionRow& row = parsed.rows[i];
        const bool was_parsed = (parsed.status[i] & ParsedRows::kParsed) != 0;
        bool ok = (parsed.status[i] & ParsedRows::kChecked) != 0;
        // A duplicate is found even when the first of the two rows has other problems.
        if (was_parsed && duplicates_.seen_before(row, parsed.section_hashes[i])) {
            diagnostics_.error(parser.locate(row, Column::school_id), "school_id",
                               fmt::format("school {} has a second {} row for {}{}", row.school_id,
                                           to_string(row.stage),
                                           row.district.empty() ? "this district" : row.district,
                                           row.year ? fmt::format(" in {}", *row.year) : ""));
            ok = false;
        }
        if (!was_parsed) return ok;
        if (parsed.status[i] & ParsedRows::kNewDistrict) {
            district_spellings_.add(row.district, row.source);
        }
        if (auto other = same_names_.other_school(row, parsed.name_hashes[i])) {
            diagnostics_.warning(
                parser.locate(row, Column::school_name), "school_name",
                fmt::format("school {} has the same name as the school at {}:{}, under another "
                            "id, in {}{}: one school under two ids? Each is evaluated as a "
                            "school of its own",
                            row.school_id, names_[other->file], other->line,
                            row.district.empty() ? "this district" : row.district,
                            row.year ? fmt::format(" {}", *row.year) : ""));
        }
        return ok;
    }

    /// The row to every profile's splitter, `ok` or rejected; the last profile takes the row's
    /// contents (leaving it a spent row's memory to parse into), the others a copy.
    void distribute(SectionRow& row, bool ok) {
        for (std::size_t p = 0; p < runs_.size(); ++p) {
            ProfileRun& run = *runs_[p];
            auto take = [&](SectionRow&& taken) {
                if (ok) {
                    run.splitter.push(std::move(taken), run.ready, run.rejected);
                } else {
                    run.splitter.reject(std::move(taken), run.rejected);
                }
            };
            if (p + 1 < runs_.size()) {
                take(SectionRow(row));
            } else {
                take(std::move(row));
            }
            if (run.ready.size() + run.rejected.size() >= kHandOver) hand_over(run);
        }
    }

    /// A profile's split sections to its evaluator; those an indicator lacks a cell for go
    /// among the rejected (--missing error).
    void hand_over(ProfileRun& run) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < run.ready.size(); ++i) {
            SectionRow& row = run.ready[i];
            const RowParser& cells = *parsers_[row.source.file];
            if (&run == runs_.front().get()) {
                check_ratios(row, names_[row.source.file], diagnostics_);
            }
            if (options_.missing == MissingPolicy::error &&
                has_missing_cells(row, run.profile, run.scope, cells, diagnostics_,
                                  reported_missing_)) {
                run.rejected.push_back(std::move(row));
                continue;
            }
            if (kept != i) run.ready[kept] = std::move(row);
            ++kept;
        }
        run.ready.truncate(kept);
        run.evaluate();
    }

    void report_progress(const ParsedRows& parsed) {
        done_.rows += static_cast<std::uint64_t>(parsed.records);
        done_.bytes = parsed.end_offset;
        if (progress_) progress_(done_);
    }

    void refuse_empty(const std::string& name, long header_line) {
        if (read_.refuse_empty) {
            throw InputError(Location{name, header_line, 0},
                             "the file has a header but no rows: nothing to evaluate");
        }
        diagnostics_.warning(Location{name, header_line, 0}, "",
                             "the file has a header but no rows");
    }

    const std::vector<InputSource>& inputs_;
    const std::vector<Profile>& profiles_;
    const ReadOptions& read_;
    const EvaluationOptions& options_;
    Diagnostics& diagnostics_;
    const ProgressHook& progress_;
    int threads_;
    std::vector<std::string> names_;
    std::vector<std::unique_ptr<ProfileRun>> runs_;
    DuplicateDetector duplicates_;
    SameNameCheck same_names_;
    SimilarNames district_spellings_;
    Progress done_;
    long total_rows_ = 0;
    std::vector<std::unique_ptr<HeaderMap>> headers_;
    std::vector<std::unique_ptr<RowParser>> parsers_;
    /// An empty cell two profiles need is one problem, reported once.
    std::set<std::tuple<int, long, int>> reported_missing_;
};

}  // namespace

std::vector<std::unique_ptr<Evaluator>> accumulate_inputs(
    const std::vector<InputSource>& inputs, const std::vector<Profile>& profiles,
    const ReadOptions& read, const EvaluationOptions& options, Diagnostics& diagnostics,
    std::vector<InputSummary>* summaries, const ProgressHook& progress) {
    std::vector<InputSummary> own_summaries;
    if (!summaries) summaries = &own_summaries;
    Accumulation accumulation(inputs, profiles, read, options, diagnostics, progress);
    for (std::size_t f = 0; f < inputs.size(); ++f) {
        summaries->push_back(accumulation.read_input(f));
    }
    return accumulation.finish(*summaries);
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
