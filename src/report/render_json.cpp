// The JSON document (docs/output-formats.md). Its keys are a public API: add, never rename.

#include <algorithm>
#include <cassert>
#include <deque>
#include <memory>
#include <optional>
#include <utility>

#include "base/escape.hpp"
#include "base/ordered_worker.hpp"
#include "compute/measures.hpp"
#include "compute/trends.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report_sink.hpp"
#include "report/json_writer.hpp"
#include "report/labels.hpp"
#include "report/measure_cells.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

using detail::JsonWriter;

void write_year(JsonWriter& json, const std::optional<int>& year) {
    json.key("year");
    json.integer_or_null(year);
}

// Inline: a key's length known where it is written makes its copy a few stores, not a call.
[[gnu::always_inline]] inline void write_measure(JsonWriter& json, std::string_view name,
                                                 const Measure& measure) {
    json.key(name);
    if (measure.defined()) {
        json.number(measure.value);
    } else {
        json.null();
    }
}

void write_limit(JsonWriter& json, const std::optional<Limit>& limit,
                 const std::optional<bool>& pass) {
    json.key("limit");
    if (limit) {
        json.number(limit->value);
    } else {
        json.null();
    }
    json.key("op");
    if (limit) {
        json.string(to_string(limit->op));
    } else {
        json.null();
    }
    json.key("pass");
    json.boolean_or_null(pass);
}

void write_count(JsonWriter& json, std::string_view name, const std::optional<long>& count) {
    json.key(name);
    json.integer_or_null(count);
}

// Without the measures beside the CV (--measures, detail::computed) their keys are left out,
// and the document is the one before they were added.
using detail::computed;

/// The measures beside the CV of one indicator (added after the first release): each a number
/// or null, and `measure_reasons` naming the reason of each null one.
void write_inequality(JsonWriter& json, const InequalityMeasures& measures) {
    if (!computed(measures.theil)) return;
    const std::pair<std::string_view, const Measure*> named[] = {
        {"theil", &measures.theil},
        {"theil_within_area", &measures.theil_within_area},
        {"theil_between_area", &measures.theil_between_area},
        {"gini", &measures.gini},
        {"mcloone", &measures.mcloone},
        {"range_ratio", &measures.range_ratio},
    };
    // One call per key rather than a loop over `named`: each key's length known (write_measure).
    write_measure(json, "theil", measures.theil);
    write_measure(json, "theil_within_area", measures.theil_within_area);
    write_measure(json, "theil_between_area", measures.theil_between_area);
    write_measure(json, "gini", measures.gini);
    write_measure(json, "mcloone", measures.mcloone);
    write_measure(json, "range_ratio", measures.range_ratio);
    json.key("measure_reasons").begin_object();
    for (const auto& [name, measure] : named) {
        if (!measure->defined()) json.key(name).string(to_string(measure->na));
    }
    json.end_object();
}

/// The Theil index of each (year, stage) over all districts (added after the first release).
void write_across_districts(JsonWriter& json, const std::vector<AcrossDistricts>& entries) {
    const bool any_computed = std::any_of(entries.begin(), entries.end(), [](const auto& across) {
        return std::any_of(
            across.indicators.begin(), across.indicators.end(),
            [](const DistrictsTheil& indicator) { return computed(indicator.theil); });
    });
    if (!any_computed) return;
    json.key("across_districts").begin_array();
    for (const AcrossDistricts& across : entries) {
        json.begin_object();
        write_year(json, across.year);
        json.key("stage").string(to_string(across.stage));
        json.key("indicators").begin_array();
        for (const DistrictsTheil& indicator : across.indicators) {
            json.begin_object();
            json.key("id").string(indicator.id);
            write_measure(json, "theil", indicator.theil);
            write_measure(json, "theil_within_districts", indicator.within);
            write_measure(json, "theil_between_districts", indicator.between);
            if (!indicator.theil.defined()) {
                json.key("reason").string(to_string(indicator.theil.na));
            }
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
}

void write_group(JsonWriter& json, const Profile& profile, const GroupResult& group) {
    json.begin_object();
    write_group_key(json, group.key);
    json.key("schools").integer(group.schools);
    json.key("students").number(group.students);
    json.key("excluded").integer(group.excluded);
    json.key("indicators").begin_array();
    for (const auto& indicator : group.indicators) {
        json.begin_object();
        json.key("id").string(indicator.id);
        write_measure(json, "value", indicator.dispersion.value);
        write_measure(json, "cv", indicator.dispersion.cv);
        write_limit(json, indicator.limit, indicator.pass);
        NaReason reason = detail::na_reason(indicator.dispersion);
        if (reason != NaReason::none) json.key("reason").string(to_string(reason));
        json.key("schools").integer(indicator.dispersion.schools);
        json.key("missing").integer(indicator.missing);
        write_inequality(json, indicator.measures);
        json.end_object();
    }
    json.end_array();
    json.key("composite").begin_object();
    write_measure(json, "value", group.composite.cv);
    write_limit(json, group.composite.limit, group.composite.pass);
    if (!group.composite.cv.defined()) json.key("reason").string(to_string(group.composite.cv.na));
    json.end_object();
    write_count(json, "schools_compliant", group.schools_compliant);
    write_count(json, "schools_failing", group.schools_failing);
    json.key("pass").boolean(group.pass);
    json.key("judged").boolean(group.judged);
    json.key("schools_not_judged").integer(group.schools_not_judged);
    json.key("checks").begin_array();
    for (const auto& check : group.checks) {
        json.begin_object();
        json.key("id").string(check.id);
        json.key("failing").integer(check.failing);
        json.key("missing").integer(check.missing);
        json.end_object();
    }
    json.end_array();
    json.key("by_area").begin_array();
    for (const auto& area : group.by_area) {
        json.begin_object();
        json.key("area").string(to_string(area.area));
        json.key("schools").integer(area.schools);
        json.key("students").number(area.students);
        json.key("values").begin_array();
        for (std::size_t k = 0; k < area.values.size(); ++k) {
            json.begin_object();
            json.key("id").string(profile.indicators[k].id);
            write_measure(json, "value", area.values[k]);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.key("urban_rural_gap").begin_array();
    for (const auto& gap : detail::urban_rural_gaps(group)) {
        json.begin_object();
        json.key("id").string(profile.indicators[gap.indicator].id);
        json.key("urban").number(gap.urban);
        json.key("rural").number(gap.rural);
        json.key("difference").number(gap.urban - gap.rural);
        json.key("ratio");
        if (gap.rural != 0) {
            json.number(gap.urban / gap.rural);
        } else {
            json.null();
        }
        json.end_object();
    }
    json.end_array();
    json.key("two_types").begin_object();
    json.key("rural_small").integer(group.rural_small);
    json.key("township_boarding").integer(group.township_boarding);
    json.end_object();
    json.end_object();
}

void write_school(JsonWriter& json, const Report& report, const SchoolResult& school) {
    json.begin_object();
    write_group_key(json, school.key);
    json.key("school_id").string(school.school_id);
    json.key("school_name").string(school.school_name);
    json.key("school_type").string(to_string(school.school_type));
    json.key("area_type").string(to_string(school.area_type));
    json.key("students").number(school.students);
    json.key("indicators").begin_array();
    for (std::size_t k = 0; k < school.values.size(); ++k) {
        const IndicatorDef& def = report.profile.indicators[k];
        json.begin_object();
        json.key("id").string(def.id);
        json.key("value");
        if (is_missing(school.values[k])) {
            json.null();
        } else {
            json.number(school.values[k]);
        }
        json.key("standard");
        if (const auto& standard = for_stage(def.standard, school.key.stage)) {
            json.number(*standard);
        } else {
            json.null();
        }
        json.key("status").string(to_string(school.statuses[k]));
        json.end_object();
    }
    json.end_array();
    json.key("standards_reached").integer(school.reached);
    json.key("compliant");
    json.boolean_or_null(school.compliant);
    json.key("file").string(report.inputs.at(school.source.file));
    json.key("line").integer(school.source.line);
    json.key("checks").begin_array();
    for (std::size_t c = 0; c < school.check_values.size(); ++c) {
        const SchoolCheck& check = report.profile.school_checks[c];
        const auto limit = check.limit_for(school.school_type, school.key.stage);
        json.begin_object();
        json.key("id").string(check.id);
        json.key("value").number(school.check_values[c]);
        std::optional<bool> pass;
        if (school.check_statuses[c] == CheckStatus::pass) pass = true;
        if (school.check_statuses[c] == CheckStatus::fail) pass = false;
        write_limit(json, limit, pass);
        json.key("status").string(to_string(school.check_statuses[c]));
        json.end_object();
    }
    json.end_array();
    json.key("school_students").number(school.school_students);
    json.key("boarding");
    json.boolean_or_null(school.boarding);
    json.key("rural_small").boolean(school.rural_small);
    json.key("township_boarding").boolean(school.township_boarding);
    json.end_object();
}

/// Writes exclusions one after another. A national year leaves out tens of thousands of
/// sections, mostly of a few districts, rules and inputs: those strings are escaped once each
/// time they change, not once per section.
class ExclusionWriter {
  public:
    explicit ExclusionWriter(const std::vector<std::string>& inputs) : inputs_(inputs) {}

    void write(JsonWriter& json, const Exclusion& excluded) {
        json.begin_object();
        json.key("district").raw(district_.of(excluded.key.district));
        write_year(json, excluded.key.year);
        json.key("stage").code(to_string(excluded.key.stage));
        json.key("school_id").string(excluded.school_id);
        json.key("school_name").string(excluded.school_name);
        json.key("school_type").code(to_string(excluded.school_type));
        json.key("area_type").code(to_string(excluded.area_type));
        json.key("students").number(excluded.students);
        json.key("rule").raw(rule_id_.of(excluded.rule_id));
        json.key("description").raw(rule_.of(excluded.rule));
        json.key("file").raw(file_.of(inputs_.at(excluded.source.file)));
        json.key("line").integer(excluded.source.line);
        json.end_object();
    }

  private:
    /// The JSON strings of the last few texts asked for (the rules and inputs of a run are
    /// few; a district's sections come together).
    class Recent {
      public:
        const std::string& of(std::string_view text) {
            for (const auto& [known, json] : entries_) {
                if (known == text) return json;
            }
            if (entries_.size() < kEntries) entries_.emplace_back();
            auto& [known, json] = entries_[next_];
            next_ = (next_ + 1) % kEntries;
            known = text;
            json.clear();
            detail::append_json_string(json, text);
            return json;
        }

      private:
        static constexpr std::size_t kEntries = 8;
        std::vector<std::pair<std::string, std::string>> entries_;
        std::size_t next_ = 0;
    };

    const std::vector<std::string>& inputs_;
    Recent district_, rule_id_, rule_, file_;
};

void write_trend(JsonWriter& json, const Trend& trend) {
    json.begin_object();
    json.key("district").string(trend.district);
    json.key("stage").string(to_string(trend.stage));
    json.key("years").begin_array();
    for (int year : trend.years) json.integer(year);
    json.end_array();
    json.key("indicators").begin_array();
    for (const auto& indicator : trend.indicators) {
        json.begin_object();
        json.key("id").string(indicator.id);
        json.key("limit");
        if (indicator.limit) {
            json.number(indicator.limit->value);
        } else {
            json.null();
        }
        json.key("op");
        if (indicator.limit) {
            json.string(to_string(indicator.limit->op));
        } else {
            json.null();
        }
        json.key("points").begin_array();
        for (const auto& point : indicator.points) {
            json.begin_object();
            json.key("year").integer(point.year);
            write_measure(json, "cv", point.cv);
            json.key("pass");
            json.boolean_or_null(point.pass);
            json.key("change");
            json.number_or_null(point.change);
            if (computed(point.theil)) {
                write_measure(json, "theil", point.theil);
                write_measure(json, "theil_within_area", point.theil_within_area);
                write_measure(json, "theil_between_area", point.theil_between_area);
            }
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

/// The JSON document as a sink: the head when the report begins, each group formatted where
/// it is built, the schools (school level) on `threads` threads at the end.
class JsonSink final : public ReportSink {
  public:
    JsonSink(Level level, std::ostream& out, int threads)
        : level_(level), threads_(threads), json_(out) {}

    void begin(Report& head, std::size_t groups, const std::vector<std::uint32_t>&) override {
        head_ = &head;
        trends_.reset(groups);
        across_.reset(groups);
        json_.begin_object();
        json_.key("profile").string(head.profile.id);
        json_.key("profile_title").string(head.profile.title);
        json_.key("profile_source").string(head.profile.source);
        // Added after the first release: a profile read from a file, and whether it is an
        // edited copy of the built-in profile of its id.
        json_.key("profile_file");
        if (head.profile.file.empty()) {
            json_.null();
        } else {
            json_.string(head.profile.file);
        }
        json_.key("profile_edited").boolean(head.profile.edited);
        json_.key("profile_changes").begin_array();
        for (const auto& change : head.profile.changes) json_.string(change);
        json_.end_array();
        json_.key("estimator").string(kEstimatorText);
        json_.key("eduqb_version").string(eduqb_version());
        json_.key("level").string(level_ == Level::school ? "school" : "district");
        json_.key("inputs").begin_array();
        for (const auto& input : head.inputs) json_.string(input);
        json_.end_array();
        json_.key("reading_notes").begin_array();
        // English, as the API has always given them.
        const Labels& english = labels_for(Language::en);
        for (const auto& note : head.reading_notes) json_.string(english.reading_note(note));
        json_.end_array();
        json_.key("rows_not_read").begin_array();
        for (const auto& row : head.rows_not_read) {
            json_.begin_object();
            json_.key("input").string(row.input);
            json_.key("line").integer(row.line);
            json_.key("reason").string(row.reason_id);
            json_.key("text").string(row.text);
            json_.end_object();
        }
        json_.end_array();
        json_.key("groups").begin_array();
    }

    void group(std::size_t rank, const GroupResult& group, std::string& text) override {
        JsonWriter piece(text, kArrayDepth, rank == 0);
        write_group(piece, head_->profile, group);
        trends_.add(rank, group);
        across_.add(rank, group);
    }

    void write(std::string& text) override { json_.splice(text); }

    /// Formatted as the evaluator leaves them out, while the input is still being read; they
    /// come in the order the report lists them.
    void sections_begin(const std::vector<std::string>& inputs) override {
        inputs_ = inputs;
        exclusions_.emplace(inputs_);
    }
    void exclusion(const Exclusion& excluded) override {
        // Pieces of bounded length, each written by one writer: one long text would be
        // copied whole each time it grew, and a writer per element would clear new room for
        // each.
        if (!exclusion_writer_ || exclusion_writer_->size() >= kExclusionPiece) {
            const bool first = exclusion_pieces_.empty();
            exclusion_writer_.reset();
            exclusion_pieces_.emplace_back().reserve(kExclusionPiece + kExclusionPiece / 8);
            exclusion_writer_.emplace(exclusion_pieces_.back(), kArrayDepth, first);
        }
        exclusions_->write(*exclusion_writer_, excluded);
    }

    void end(const Verdicts&) override {
        json_.end_array();
        const Report& head = *head_;
        if (level_ == Level::school) {
            json_.key("schools").begin_array();
            write_elements(head.schools, [&](JsonWriter& json, const SchoolResult& school) {
                write_school(json, head, school);
            });
            json_.end_array();
        }
        json_.key("exclusions").begin_array();
        // Streamed while reading (exclusion()) or kept in the report: never both.
        assert(exclusion_pieces_.empty() || head.exclusions.empty());
        exclusion_writer_.reset();
        for (const std::string& piece : exclusion_pieces_) json_.splice(piece);
        write_exclusions(head.exclusions, head.inputs);
        json_.end_array();
        // Added after the first release: one entry per district and stage spanning several years.
        json_.key("trends").begin_array();
        for (const auto& trend : trends_.trends(head.profile)) write_trend(json_, trend);
        json_.end_array();
        write_across_districts(json_, across_.across_districts(head.profile));
        json_.end_object();
    }

  private:
    /// The arrays of groups and schools are members of the document's object.
    static constexpr std::size_t kArrayDepth = 2;

    /// The elements of the array open in json_, formatted in pieces on threads_ threads:
    /// `write_block` writes items [first, last) into one piece.
    template <typename Item, typename WriteBlock>
    void write_blocks(const std::vector<Item>& items, WriteBlock write_block) {
        constexpr std::size_t kBlock = 256;  // elements per piece of text
        produce_in_order((items.size() + kBlock - 1) / kBlock, threads_,
                         [&](std::size_t block, std::string& text) {
                             JsonWriter piece(text, kArrayDepth, block == 0);
                             const std::size_t end = std::min(items.size(), (block + 1) * kBlock);
                             write_block(piece, items.data() + block * kBlock, items.data() + end);
                         },
                         [&](std::size_t, std::string& text) { json_.splice(text); });
    }

    template <typename Item, typename WriteItem>
    void write_elements(const std::vector<Item>& items, WriteItem write_item) {
        write_blocks(items, [&](JsonWriter& piece, const Item* first, const Item* last) {
            for (const Item* item = first; item != last; ++item) write_item(piece, *item);
        });
    }

    void write_exclusions(const std::vector<Exclusion>& exclusions,
                          const std::vector<std::string>& inputs) {
        write_blocks(exclusions,
                     [&](JsonWriter& piece, const Exclusion* first, const Exclusion* last) {
                         ExclusionWriter writer(inputs);
                         for (const Exclusion* item = first; item != last; ++item) {
                             writer.write(piece, *item);
                         }
                     });
    }

    Level level_;
    int threads_;
    JsonWriter json_;
    static constexpr std::size_t kExclusionPiece = std::size_t{1} << 20;

    std::vector<std::string> inputs_;  ///< for exclusion(), on the evaluator's thread
    /// The exclusions' array elements, from exclusion(); a deque, so that the writer's text
    /// stays where it is as pieces are added.
    std::deque<std::string> exclusion_pieces_;
    std::optional<ExclusionWriter> exclusions_;   ///< from sections_begin()
    std::optional<JsonWriter> exclusion_writer_;  ///< writing the last piece
    const Report* head_ = nullptr;
    TrendCollector trends_;
    AcrossDistrictsCollector across_;
};

}  // namespace

std::unique_ptr<ReportSink> make_json_sink(Level level, std::ostream& out, int threads) {
    return std::make_unique<JsonSink>(level, out, threads);
}

void render_json(const Report& report, Level level, std::ostream& out) {
    JsonSink sink(level, out, 0);
    replay(report, sink);
}

}  // namespace eduqb
