// The gap analysis as a JSON document (docs/gaps.md). Its keys are a public API: add, never
// rename.

#include <memory>

#include "eduqb/render_gaps.hpp"
#include "report/gap_writer.hpp"
#include "report/json_writer.hpp"

namespace eduqb {
namespace {

using detail::JsonWriter;

class Writer {
  public:
    Writer(const GapReport& gaps, JsonWriter& json) : gaps_(gaps), json_(json) {}

    /// The document up to its open array of groups.
    void head() {
        const Profile& profile = gaps_.profile;
        json_.begin_object();
        json_.key("profile").string(profile.id);
        json_.key("profile_title").string(profile.title);
        json_.key("profile_source").string(profile.source);
        json_.key("profile_file");
        if (profile.file.empty()) {
            json_.null();
        } else {
            json_.string(profile.file);
        }
        json_.key("profile_edited").boolean(profile.edited);
        json_.key("eduqb_version").string(eduqb_version());
        json_.key("inputs").begin_array();
        for (const auto& input : gaps_.inputs) json_.string(input);
        json_.end_array();
        json_.key("school_rule");
        if (profile.school_rule) {
            json_.begin_object();
            json_.key("min_reached").integer(profile.school_rule->min_reached);
            json_.key("floor_fraction").number(profile.school_rule->floor_fraction);
            json_.end_object();
        } else {
            json_.null();
        }
        json_.key("driver_share").number(gaps_.options.driver_share);
        json_.key("excluded").integer(static_cast<long long>(gaps_.excluded));
        json_.key("groups").begin_array();
    }

  private:
    const IndicatorDef& def(std::size_t k) const { return gaps_.profile.indicators.at(k); }

    void indicator(std::size_t k) {
        json_.key("indicator").string(def(k).id);
        json_.key("unit").string(resource_unit(def(k).column));
    }

    void optional_count(std::string_view name, const std::optional<long>& count) {
        json_.key(name);
        if (count) {
            json_.integer(*count);
        } else {
            json_.null();
        }
    }

  public:
    void write_group(const GroupGaps& group) {
        json_.begin_object();
        write_group_key(json_, group.key);
        json_.key("schools").integer(group.schools);
        json_.key("students").number(group.students);
        optional_count("schools_compliant", group.schools_compliant);
        optional_count("schools_failing", group.schools_failing);
        json_.key("gap_schools").begin_array();
        for (const auto& school : group.gap_schools) write_school(school);
        json_.end_array();
        json_.key("two_types").begin_array();
        for (const auto& entry : group.two_types) {
            json_.begin_object();
            json_.key("school_id").string(entry.school_id);
            json_.key("school_name").string(entry.school_name);
            json_.key("students").number(entry.students);
            json_.key("rural_small").boolean(entry.rural_small);
            json_.key("township_boarding").boolean(entry.township_boarding);
            json_.key("lacks").boolean(entry.gaps.has_value());
            json_.end_object();
        }
        json_.end_array();
        json_.key("cv_checks").begin_array();
        for (const auto& check : group.cv_checks) write_check(check);
        json_.end_array();
        json_.key("totals").begin_object();
        write_totals("to_standard", group.totals.to_standard);
        write_totals("to_floor", group.totals.to_floor);
        write_totals("school_plans", group.totals.school_plans);
        write_totals("floor_plans", group.totals.floor_plans);
        json_.key("school_checks").begin_array();
        for (std::size_t c = 0; c < group.totals.checks.size(); ++c) {
            const SchoolCheck& def = gaps_.profile.school_checks.at(c);
            json_.begin_object();
            json_.key("check").string(def.id);
            json_.key("unit").string(check_unit(def));
            json_.key("amount").integer(group.totals.checks[c]);
            json_.key("missing").integer(group.checks_missing.at(c));
            json_.end_object();
        }
        json_.end_array();
        json_.end_object();
        json_.end_object();
    }

  private:
    void write_school(const SchoolGaps& school) {
        json_.begin_object();
        json_.key("school_id").string(school.school_id);
        json_.key("school_name").string(school.school_name);
        json_.key("school_type").string(to_string(school.school_type));
        json_.key("students").number(school.students);
        json_.key("file").string(gaps_.inputs.at(school.source.file));
        json_.key("line").integer(school.source.line);
        json_.key("reached").integer(school.reached);
        json_.key("verdict").string(to_string(school.verdict));
        json_.key("rural_small").boolean(school.rural_small);
        json_.key("township_boarding").boolean(school.township_boarding);
        json_.key("gaps").begin_array();
        for (const auto& gap : school.gaps) {
            json_.begin_object();
            indicator(gap.indicator);
            json_.key("status").string(to_string(gap.status));
            json_.key("value").number(gap.value);
            json_.key("standard").number(gap.standard);
            json_.key("floor");
            if (gaps_.profile.school_rule) {
                json_.number(gap.floor);
            } else {
                json_.null();
            }
            const bool missing = gap.status == StandardStatus::missing;
            for (auto [name, amount] :
                 {std::pair{"to_standard", gap.to_standard}, std::pair{"to_floor", gap.to_floor}}) {
                json_.key(name);
                if (missing) {
                    json_.null();
                } else {
                    json_.integer(amount);
                }
            }
            for (auto [name, cost] : {std::pair{"cost_standard", gap.cost_standard},
                                      std::pair{"cost_floor", gap.cost_floor}}) {
                json_.key(name);
                if (missing) {
                    json_.null();
                } else {
                    json_.number(cost);
                }
            }
            json_.end_object();
        }
        json_.end_array();
        json_.key("checks").begin_array();
        for (const auto& check : school.checks) {
            const SchoolCheck& def = gaps_.profile.school_checks.at(check.check);
            json_.begin_object();
            json_.key("check").string(def.id);
            json_.key("unit").string(check_unit(def));
            json_.key("value").number(check.value);
            json_.key("limit").number(check.limit.value);
            json_.key("op").string(to_string(check.limit.op));
            json_.key("amount");
            if (check.amount) {
                json_.integer(*check.amount);
            } else {
                json_.null();
            }
            json_.end_object();
        }
        json_.end_array();
        json_.key("plan");
        if (school.verdict == SchoolVerdict::fixable) {
            json_.begin_object();
            json_.key("cost").number(school.plan_cost);
            json_.key("actions").begin_array();
            for (const auto& action : school.plan) {
                json_.begin_object();
                indicator(action.indicator);
                json_.key("target").string(to_string(action.target));
                json_.key("level").number(action.level);
                json_.key("amount").integer(action.amount);
                json_.key("cost").number(action.cost);
                json_.end_object();
            }
            json_.end_array();
            json_.end_object();
        } else {
            json_.null();
        }
        json_.end_object();
    }

    void write_check(const CvCheck& check) {
        json_.begin_object();
        indicator(check.indicator);
        json_.key("cv");
        if (check.cv.defined()) {
            json_.number(check.cv.value);
        } else {
            json_.null();
            json_.key("reason").string(to_string(check.cv.na));
        }
        json_.key("limit").number(check.limit.value);
        json_.key("op").string(to_string(check.limit.op));
        json_.key("limit_source").string(to_string(check.source));
        json_.key("pass");
        if (check.pass) {
            json_.boolean(*check.pass);
        } else {
            json_.null();
        }
        json_.key("left_out").integer(check.left_out);
        json_.key("audit");
        if (check.audit) {
            write_audit(*check.audit);
        } else {
            json_.null();
        }
        json_.key("floor_plan");
        if (check.plan) {
            write_plan(*check.plan);
        } else {
            json_.null();
        }
        json_.end_object();
    }

    void write_audit(const Audit& audit) {
        json_.begin_object();
        json_.key("students").number(audit.students);
        json_.key("mean").number(audit.mean);
        json_.key("sum_terms").number(audit.sum_terms);
        json_.key("sd").number(audit.sd);
        json_.key("cv").number(audit.cv);
        json_.key("drivers").integer(static_cast<long long>(audit.drivers));
        json_.key("rows").begin_array();
        for (const auto& row : audit.rows) {
            json_.begin_object();
            json_.key("school_id").string(row.school_id);
            json_.key("school_name").string(row.school_name);
            json_.key("students").number(row.students);
            json_.key("value").number(row.value);
            json_.key("term").number(row.term);
            json_.key("share").number(row.share);
            json_.key("cumulative").number(row.cumulative);
            json_.key("driver").boolean(row.driver);
            json_.end_object();
        }
        json_.end_array();
        json_.end_object();
    }

    void write_plan(const FloorPlan& plan) {
        json_.begin_object();
        json_.key("reachable").boolean(plan.reachable);
        json_.key("level").number(plan.level);
        json_.key("cv_at_level").number(plan.cv_at_level);
        json_.key("cv_just_below").number(plan.cv_just_below);
        json_.key("cv_after").number(plan.cv_after);
        json_.key("pass_after").boolean(plan.pass_after);
        json_.key("total").integer(plan.total);
        json_.key("schools").begin_array();
        for (const auto& row : plan.schools) {
            json_.begin_object();
            json_.key("school_id").string(row.school_id);
            json_.key("school_name").string(row.school_name);
            json_.key("students").number(row.students);
            json_.key("value").number(row.value);
            json_.key("amount").integer(row.amount);
            json_.key("value_after").number(row.new_value);
            json_.end_object();
        }
        json_.end_array();
        json_.end_object();
    }

    void write_totals(std::string_view name, const Totals& totals) {
        json_.key(name).begin_object();
        json_.key("by_indicator").begin_array();
        for (std::size_t k = 0; k < totals.by_indicator.size(); ++k) {
            json_.begin_object();
            indicator(k);
            json_.key("amount").integer(totals.by_indicator[k]);
            json_.end_object();
        }
        json_.end_array();
        json_.key("by_unit").begin_array();
        for (const auto& unit : totals.by_unit) {
            json_.begin_object();
            json_.key("unit").string(unit.unit);
            json_.key("amount").integer(unit.amount);
            json_.end_object();
        }
        json_.end_array();
        json_.end_object();
    }

    const GapReport& gaps_;
    JsonWriter& json_;
};

/// The document's head and tail on one writer; each group a piece spliced in place.
class JsonGapWriter final : public GapWriter {
  public:
    explicit JsonGapWriter(std::ostream& out) : GapWriter(out), json_(out) {}
    void head(const GapReport& gaps, const GapCounts&) override { Writer(gaps, json_).head(); }
    void group(const GapReport& gaps, const GroupGaps& group, std::size_t rank,
               std::string& text) const override {
        JsonWriter piece(text, kArrayDepth, rank == 0);
        Writer(gaps, piece).write_group(group);
    }
    void write(const std::string& text) override { json_.splice(text); }
    void tail(const GapReport&, const GapCounts&) override {
        json_.end_array();
        json_.end_object();
    }

  private:
    /// The groups are an array in the document's object.
    static constexpr std::size_t kArrayDepth = 2;
    JsonWriter json_;
};

}  // namespace

std::unique_ptr<GapWriter> make_gap_json_writer(std::ostream& out) {
    return std::make_unique<JsonGapWriter>(out);
}

}  // namespace eduqb
