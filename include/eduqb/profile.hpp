#pragma once
// Standards profiles: every threshold, operator, weight, exclusion and split ratio as data.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eduqb/table.hpp"

namespace eduqb {

/// How a value is compared with its limit. The operator is part of the rule: Beijing's
/// composite must be strictly below its limit, the national CVs at or below theirs; a
/// school's music/art space must be at least its minimum.
enum class Op { less_equal, less, greater_equal, greater };
/// "<=", "<", ">=", ">"
std::string_view to_string(Op op);
/// "≤", "<", "≥", ">" for people.
std::string_view to_symbol(Op op);

struct Limit {
    double value = 0;
    Op op = Op::less_equal;
};

/// One value per stage; empty where the profile sets nothing for that stage.
template <typename T>
using PerStage = std::array<std::optional<T>, 3>;

template <typename T>
const std::optional<T>& for_stage(const PerStage<T>& values, Stage stage) {
    return values[static_cast<int>(stage)];
}

/// One resource indicator: X_i = column_i / students_i × multiplier.
struct IndicatorDef {
    std::string id;
    Column column = Column::students;
    double multiplier = 1;
    std::string unit;     ///< in English, as JSON and CSV give it: "yuan per student"
    std::string unit_zh;  ///< for Chinese reports: "元/生"; empty: made from the column
    std::string label_zh;
    std::string label_en;
    double weight = 1;          ///< weight in the composite coefficient
    PerStage<double> standard;  ///< per-school standard: reached when value ≥ standard
    PerStage<Limit> cv_limit;   ///< limit on the difference coefficient
};

/// A scope rule: rows matching every given condition are left out, and listed.
struct ExclusionRule {
    std::string id;
    std::string description;  ///< as JSON gives it
    std::string label_zh;     ///< the rule's name in Chinese reports
    std::string label_en;     ///< the rule's name in English reports
    std::optional<SchoolType> school_type;
    std::optional<Stage> stage;
    std::optional<double> students_below;  ///< matches when students < this
};

/// The per-school rule of the quality-balance methods.
struct SchoolRule {
    int min_reached = 0;        ///< standards a school must reach (value ≥ standard)
    double floor_fraction = 0;  ///< every other standard at least this fraction of it
};

/// How the shared facilities of combined schools are divided between their sections.
/// What a per-school check measures.
enum class CheckMeasure {
    class_size,       ///< students / classes of the section (an average: above a cap means
                      ///< some class is above it for certain)
    school_students,  ///< students of the whole school over the stages the check counts
    per_student,      ///< column × multiplier / students of the section
};

/// A rule every school section is judged on besides the indicator standards (class size,
/// school size, Beijing's music/art space). Reported per school and counted per group.
struct SchoolCheck {
    std::string id;
    std::string label_zh;
    std::string label_en;
    CheckMeasure measure = CheckMeasure::class_size;
    Column column = Column::students;  ///< for per_student
    double multiplier = 1;             ///< for per_student
    /// For school_students: whether the students of each stage count (the 2017 cap counts the
    /// compulsory stages only, so a twelve-year school's senior students never do).
    std::array<bool, 3> counted_stages{true, true, true};
    PerStage<Limit> limit;
    std::map<SchoolType, double> limit_by_type;  ///< overrides the stage limit (same operator)
    bool affects_verdict = false;                ///< a school failing it makes its group fail

    /// The limit for a section of `type` and `stage`, if any.
    std::optional<Limit> limit_for(SchoolType type, Stage stage) const;
};

/// The "two types" of schools the policy texts single out (两类学校).
struct TwoTypesRules {
    double rural_small_below = 100;  ///< 乡村小规模学校: rural, fewer whole-school students
    bool township_boarding = true;   ///< 乡镇寄宿制学校: boarding, in a town or rural area
};

/// The teacher exchange (交流轮岗) `eduqb rotate` plans.
struct ExchangeRules {
    /// The most that may move in a year, per district and stage, as a share of the full-time
    /// teachers of the evaluated sections: 10 %, the exchange rule's yearly figure.
    double share = 0.10;
};

struct SplitRules {
    std::vector<Column> columns;                     ///< shared facility columns
    std::map<SchoolType, PerStage<double>> weights;  ///< stage weights per combined type
};

struct Profile {
    std::string id;
    std::string title;
    std::string title_en;
    std::string source;
    /// The file the profile was read from; empty for a built-in profile.
    std::string file;
    /// Read from a file under a built-in profile's id, with other rules: its numbers are the
    /// file's, not the cited method's, and reports say so.
    bool edited = false;
    /// The rules where an edited profile differs from the built-in one, a line each:
    /// "cv_limit.primary: 0.5 → 0.15", "indicator[backbone_per100].standard.junior: added (1)".
    std::vector<std::string> changes;
    std::vector<Stage> stages;  ///< stages evaluated; other sections are dropped after splitting
    std::vector<ExclusionRule> exclusions;
    SplitRules split;
    std::vector<IndicatorDef> indicators;
    PerStage<Limit> composite_limit;
    std::optional<SchoolRule> school_rule;
    std::vector<SchoolCheck> school_checks;
    std::optional<TwoTypesRules> two_types;
    ExchangeRules exchange;

    bool evaluates(Stage stage) const;
    /// True when some indicator has a standard for `stage`.
    bool has_standards(Stage stage) const;
};

/// Bounds on a profile file: far above any real profile, low enough that a hostile one costs
/// little time and no stack (docs/reliability.md, "Bounds and arithmetic").
inline constexpr std::size_t kMaxProfileBytes = std::size_t{1} << 20;
/// Levels of a dotted key or a [table.header] (toml++ recurses once per level).
inline constexpr int kMaxProfileKeyDepth = 32;
inline constexpr std::size_t kMaxIndicators = 64;
inline constexpr std::size_t kMaxSchoolChecks = 64;
inline constexpr std::size_t kMaxExclusionRules = 64;
/// Numbers in a profile: 0, or a magnitude in [kMinProfileNumber, kMaxProfileNumber].
inline constexpr double kMaxProfileNumber = 1e9;
inline constexpr double kMinProfileNumber = 1e-6;

/// Parses a profile file. Unknown keys and bad values are InputErrors naming origin:line.
Profile parse_profile(std::string_view toml_text, const std::string& origin);

/// Ids of the profiles compiled into the binary, in a stable order.
std::vector<std::string> builtin_profile_ids();
/// The TOML text of a built-in profile, or nothing.
std::optional<std::string_view> builtin_profile_text(std::string_view id);

/// The rules where `file_text` differs from `builtin_text` (both valid profiles), in key
/// order, a line each: "PATH: OLD → NEW", "PATH: added (NEW)", "PATH: removed (was OLD)".
/// Titles, sources, labels, units and descriptions are no rules and are not compared;
/// numbers compare by value, and indicators, checks and exclusions by their id.
std::vector<std::string> profile_changes(std::string_view builtin_text, std::string_view file_text);
/// A built-in profile by id; UsageError (with the nearest id) when there is none.
Profile builtin_profile(std::string_view id);

}  // namespace eduqb
