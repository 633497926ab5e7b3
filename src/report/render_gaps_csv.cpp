// The gap analysis as one tidy CSV table: one row per fact, the `part` column says which
// (docs/gaps.md lists the columns each part fills). Numbers are exact; amounts are integers.

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>

#include "base/escape.hpp"
#include "base/text_stream.hpp"
#include "eduqb/render_gaps.hpp"
#include "report/gap_writer.hpp"
#include "report/render_common.hpp"

namespace eduqb {
namespace {

using detail::exact_number;

constexpr std::array<const char*, 37> kColumns = {
    "profile",      "district",    "year",      "stage",        "part",   "school_id",
    "school_name",  "students",    "indicator", "unit",         "status", "reached",
    "value",        "standard",    "floor",     "target",       "level",  "amount",
    "amount_floor", "value_after", "cost",      "cost_floor",   "rank",   "term",
    "share",        "cumulative",  "driver",    "mean",         "cv",     "cv_below",
    "cv_after",     "limit_op",    "limit",     "limit_source", "pass",   "left_out",
    "two_types"};

/// True for the columns that hold text, which a spreadsheet must not read as a formula; the
/// others hold numbers, written as they are ("-0.5" stays a number).
bool is_text_column(std::string_view name) {
    constexpr std::array<std::string_view, 14> kText = {
        "profile", "district", "stage",  "part",     "school_id",    "school_name", "indicator",
        "unit",    "status",   "driver", "limit_op", "limit_source", "pass",        "two_types"};
    return std::find(kText.begin(), kText.end(), name) != kText.end();
}

using Row = std::map<std::string, std::string>;

/// "rural_small", "township_boarding", both joined by ';', or "".
std::string two_types_text(bool rural_small, bool township_boarding) {
    std::string text = rural_small ? "rural_small" : "";
    if (township_boarding) text += text.empty() ? "township_boarding" : ";township_boarding";
    return text;
}

class Writer {
  public:
    Writer(const GapReport& gaps, std::ostream& out) : gaps_(gaps), out_(out) {}

    void header() {
        for (std::size_t i = 0; i < kColumns.size(); ++i) out_ << (i ? "," : "") << kColumns[i];
        out_ << '\n';
    }

  private:
    void emit(const GroupGaps& group, std::string_view part, Row row) {
        row["profile"] = gaps_.profile.id;
        row["district"] = group.key.district;
        row["year"] = detail::year_text(group.key.year);
        row["stage"] = std::string(to_string(group.key.stage));
        row["part"] = std::string(part);
        std::string line;
        for (std::size_t i = 0; i < kColumns.size(); ++i) {
            if (i) line += ',';
            auto found = row.find(kColumns[i]);
            if (found == row.end()) continue;
            detail::append_csv_field(line, is_text_column(kColumns[i])
                                               ? detail::csv_text(found->second)
                                               : found->second);
        }
        line += '\n';
        out_ << line;
    }

    Row indicator_cells(std::size_t k) const {
        const IndicatorDef& def = gaps_.profile.indicators.at(k);
        return Row{{"indicator", def.id}, {"unit", std::string(resource_unit(def.column))}};
    }

    static Row school_cells(const std::string& id, const std::string& name, double students) {
        return Row{{"school_id", id}, {"school_name", name}, {"students", exact_number(students)}};
    }

    static void merge(Row& into, const Row& from) { into.insert(from.begin(), from.end()); }

    static void limit_cells(Row& row, const CvCheck& check) {
        row["limit_op"] = std::string(to_string(check.limit.op));
        row["limit"] = exact_number(check.limit.value);
        row["limit_source"] = std::string(to_string(check.source));
    }

  public:
    void write_group(const GroupGaps& group) {
        for (const auto& school : group.gap_schools) {
            Row base = school_cells(school.school_id, school.school_name, school.students);
            for (const auto& gap : school.gaps) {
                Row row = base;
                merge(row, indicator_cells(gap.indicator));
                row["status"] = std::string(to_string(gap.status));
                row["value"] = exact_number(gap.value);
                row["standard"] = exact_number(gap.standard);
                if (gaps_.profile.school_rule) row["floor"] = exact_number(gap.floor);
                if (gap.status != StandardStatus::missing) {
                    row["amount"] = std::to_string(gap.to_standard);
                    row["amount_floor"] = std::to_string(gap.to_floor);
                    row["cost"] = exact_number(gap.cost_standard);
                    row["cost_floor"] = exact_number(gap.cost_floor);
                }
                emit(group, "gap", std::move(row));
            }
            Row summary = base;
            summary["status"] = std::string(to_string(school.verdict));
            summary["reached"] = std::to_string(school.reached);
            if (school.verdict == SchoolVerdict::fixable) {
                summary["cost"] = exact_number(school.plan_cost);
            }
            if (const std::string kinds =
                    two_types_text(school.rural_small, school.township_boarding);
                !kinds.empty()) {
                summary["two_types"] = kinds;
            }
            emit(group, "school", std::move(summary));
            for (const auto& check : school.checks) {
                const SchoolCheck& def = gaps_.profile.school_checks.at(check.check);
                Row row = base;
                row["indicator"] = def.id;
                row["unit"] = std::string(check_unit(def));
                row["status"] = "fail";
                row["value"] = exact_number(check.value);
                row["limit_op"] = std::string(to_string(check.limit.op));
                row["limit"] = exact_number(check.limit.value);
                if (check.amount) row["amount"] = std::to_string(*check.amount);
                emit(group, "school_check", std::move(row));
            }
            for (const auto& action : school.plan) {
                Row row = base;
                merge(row, indicator_cells(action.indicator));
                const IndicatorGap* gap = nullptr;
                for (const auto& g : school.gaps) {
                    if (g.indicator == action.indicator) gap = &g;
                }
                row["value"] = exact_number(gap->value);
                row["standard"] = exact_number(gap->standard);
                row["target"] = std::string(to_string(action.target));
                row["level"] = exact_number(action.level);
                row["amount"] = std::to_string(action.amount);
                row["cost"] = exact_number(action.cost);
                emit(group, "action", std::move(row));
            }
        }
        for (const auto& entry : group.two_types) {
            Row row = school_cells(entry.school_id, entry.school_name, entry.students);
            row["two_types"] = two_types_text(entry.rural_small, entry.township_boarding);
            row["status"] = entry.gaps ? "lacks" : "none";
            emit(group, "two_types", std::move(row));
        }
        for (const auto& check : group.cv_checks) write_check(group, check);
        write_totals(group);
    }

  private:
    void write_check(const GroupGaps& group, const CvCheck& check) {
        Row row = indicator_cells(check.indicator);
        limit_cells(row, check);
        if (check.cv.defined()) {
            row["cv"] = exact_number(check.cv.value);
        } else {
            row["status"] = std::string(to_string(check.cv.na));
        }
        row["pass"] = detail::verdict_text(check.pass);
        row["left_out"] = std::to_string(check.left_out);
        if (check.audit) row["mean"] = exact_number(check.audit->mean);
        emit(group, "cv", std::move(row));

        if (check.audit) {
            const Audit& audit = *check.audit;
            for (std::size_t r = 0; r < audit.rows.size(); ++r) {
                const AuditRow& line = audit.rows[r];
                Row cells = school_cells(line.school_id, line.school_name, line.students);
                merge(cells, indicator_cells(check.indicator));
                cells["value"] = exact_number(line.value);
                cells["mean"] = exact_number(audit.mean);
                cells["term"] = exact_number(line.term);
                cells["share"] = exact_number(line.share);
                cells["cumulative"] = exact_number(line.cumulative);
                cells["rank"] = std::to_string(r + 1);
                cells["driver"] = line.driver ? "yes" : "no";
                emit(group, "audit", std::move(cells));
            }
        }
        if (check.plan) {
            const FloorPlan& plan = *check.plan;
            Row summary = indicator_cells(check.indicator);
            limit_cells(summary, check);
            summary["status"] = plan.reachable ? "reachable" : "unreachable";
            summary["level"] = exact_number(plan.level);
            if (plan.reachable) {
                summary["amount"] = std::to_string(plan.total);
                summary["cv"] = exact_number(plan.cv_at_level);
                summary["cv_below"] = exact_number(plan.cv_just_below);
                summary["cv_after"] = exact_number(plan.cv_after);
                summary["pass"] = plan.pass_after ? "pass" : "fail";
            }
            emit(group, "floor_level", std::move(summary));
            for (const auto& line : plan.schools) {
                Row cells = school_cells(line.school_id, line.school_name, line.students);
                merge(cells, indicator_cells(check.indicator));
                cells["value"] = exact_number(line.value);
                cells["level"] = exact_number(plan.level);
                cells["amount"] = std::to_string(line.amount);
                cells["value_after"] = exact_number(line.new_value);
                emit(group, "floor_plan", std::move(cells));
            }
        }
    }

    void write_totals(const GroupGaps& group) {
        const std::pair<const char*, const Totals*> kinds[] = {
            {"to_standard", &group.totals.to_standard},
            {"to_floor", &group.totals.to_floor},
            {"school_plans", &group.totals.school_plans},
            {"floor_plans", &group.totals.floor_plans}};
        for (const auto& [target, totals] : kinds) {
            for (std::size_t k = 0; k < totals->by_indicator.size(); ++k) {
                Row row = indicator_cells(k);
                row["target"] = target;
                row["amount"] = std::to_string(totals->by_indicator[k]);
                emit(group, "total", std::move(row));
            }
            for (const auto& unit : totals->by_unit) {
                emit(group, "total",
                     Row{{"unit", unit.unit},
                         {"target", target},
                         {"amount", std::to_string(unit.amount)}});
            }
        }
        for (std::size_t c = 0; c < group.totals.checks.size(); ++c) {
            const SchoolCheck& def = gaps_.profile.school_checks.at(c);
            emit(group, "total",
                 Row{{"indicator", def.id},
                     {"unit", std::string(check_unit(def))},
                     {"target", "school_checks"},
                     {"amount", std::to_string(group.totals.checks[c])},
                     {"left_out", std::to_string(group.checks_missing.at(c))}});
        }
    }

    const GapReport& gaps_;
    std::ostream& out_;
};

/// One table: the header, then each group's rows.
class CsvGapWriter final : public GapWriter {
  public:
    using GapWriter::GapWriter;
    void head(const GapReport& gaps, const GapCounts&) override { Writer(gaps, out_).header(); }
    void group(const GapReport& gaps, const GroupGaps& group, std::size_t,
               std::string& text) const override {
        TextStream out;
        Writer(gaps, out).write_group(group);
        text += out.str();
    }
    void tail(const GapReport&, const GapCounts&) override {}
};

}  // namespace

std::unique_ptr<GapWriter> make_gap_csv_writer(std::ostream& out) {
    return std::make_unique<CsvGapWriter>(out);
}

}  // namespace eduqb
