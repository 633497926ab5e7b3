#include "eduqb/profile.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/spelling.hpp"
#include "builtin_profiles.hpp"
#include "eduqb/error.hpp"

namespace eduqb {

std::string_view to_string(Op op) {
    switch (op) {
        case Op::less_equal:
            return "<=";
        case Op::less:
            return "<";
        case Op::greater_equal:
            return ">=";
        case Op::greater:
            return ">";
    }
    return "";
}

std::string_view to_symbol(Op op) {
    switch (op) {
        case Op::less_equal:
            return "≤";
        case Op::less:
            return "<";
        case Op::greater_equal:
            return "≥";
        case Op::greater:
            return ">";
    }
    return "";
}

std::optional<Limit> SchoolCheck::limit_for(SchoolType type, Stage stage) const {
    const auto& stage_limit = for_stage(limit, stage);
    auto by_type = limit_by_type.find(type);
    if (by_type != limit_by_type.end() && stage_limit) {
        return Limit{by_type->second, stage_limit->op};
    }
    return stage_limit;
}

bool Profile::evaluates(Stage stage) const {
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
}

bool Profile::has_standards(Stage stage) const {
    return std::any_of(indicators.begin(), indicators.end(),
                       [&](const IndicatorDef& def) { return for_stage(def.standard, stage); });
}

namespace {

/// Reads one profile file, checking every key and value and naming origin:line on errors.
class ProfileReader {
  public:
    explicit ProfileReader(std::string origin) : origin_(std::move(origin)) {}

    Profile read(const toml::table& root) {
        Profile profile;
        allow_keys(root, {"id", "title", "title_en", "source", "stages", "cv_limit", "composite",
                          "school_rule", "scope", "split", "indicator", "school_check", "two_types",
                          "exchange"});
        profile.id = required_string(root, "id");
        profile.title = required_string(root, "title");
        profile.title_en = optional_string(root, "title_en");
        profile.source = required_string(root, "source");
        profile.stages = read_stages(root);

        PerStage<Limit> default_cv_limit;
        if (const auto* node = root.get("cv_limit")) default_cv_limit = read_limits(*node);
        if (const auto* node = root.get("composite"))
            profile.composite_limit = read_composite(*node);
        if (const auto* node = root.get("school_rule"))
            profile.school_rule = read_school_rule(*node);
        if (const auto* node = root.get("scope")) profile.exclusions = read_scope(*node);
        if (const auto* node = root.get("school_check")) {
            profile.school_checks = read_school_checks(*node);
        }
        if (const auto* node = root.get("two_types")) profile.two_types = read_two_types(*node);
        if (const auto* node = root.get("split")) profile.split = read_split(*node);
        if (const auto* node = root.get("exchange")) profile.exchange = read_exchange(*node);
        profile.indicators = read_indicators(root, default_cv_limit);
        if (profile.school_rule) check_school_rule(root, profile);
        return profile;
    }

  private:
    PerStage<Limit> read_composite(const toml::node& node) {
        const auto& composite = as_table(node, "composite");
        allow_keys(composite, {"limit"});
        const auto* limit = composite.get("limit");
        return limit ? read_limits(*limit) : PerStage<Limit>{};
    }

    SchoolRule read_school_rule(const toml::node& node) {
        const auto& rule = as_table(node, "school_rule");
        allow_keys(rule, {"min_reached", "floor_fraction"});
        SchoolRule school_rule;
        school_rule.min_reached = static_cast<int>(
            required_integer(rule, "min_reached", 0, static_cast<int>(kMaxIndicators)));
        school_rule.floor_fraction = required_number(rule, "floor_fraction");
        if (school_rule.floor_fraction < 0 || school_rule.floor_fraction > 1) {
            fail(*rule.get("floor_fraction"), "floor_fraction must be between 0 and 1");
        }
        return school_rule;
    }

    std::vector<SchoolCheck> read_school_checks(const toml::node& node) {
        const auto* checks = node.as_array();
        if (!checks) fail(node, "'school_check' must be an array of tables ([[school_check]])");
        at_most(node, checks->size(), kMaxSchoolChecks, "school checks");
        std::vector<SchoolCheck> result;
        for (const auto& element : *checks) result.push_back(read_school_check(element));
        return result;
    }

    TwoTypesRules read_two_types(const toml::node& node) {
        const auto& table = as_table(node, "two_types");
        allow_keys(table, {"rural_small_students_below", "township_boarding"});
        TwoTypesRules rules;
        if (table.get("rural_small_students_below")) {
            rules.rural_small_below =
                non_negative(table, required_number(table, "rural_small_students_below"),
                             "rural_small_students_below");
        }
        if (const auto* boarding = table.get("township_boarding")) {
            if (!boarding->is_boolean())
                fail(*boarding, "'township_boarding' must be true or false");
            rules.township_boarding = boarding->value<bool>().value();
        }
        return rules;
    }

    std::vector<IndicatorDef> read_indicators(const toml::table& root,
                                              const PerStage<Limit>& default_cv_limit) {
        const auto* indicators = root.get("indicator");
        if (!indicators) fail(root, "a profile needs at least one [[indicator]]");
        const auto* array = indicators->as_array();
        if (!array) fail(*indicators, "'indicator' must be an array of tables ([[indicator]])");
        at_most(*indicators, array->size(), kMaxIndicators, "indicators");
        std::vector<IndicatorDef> result;
        for (const auto& element : *array) {
            result.push_back(read_indicator(element, default_cv_limit));
        }
        if (result.empty()) fail(*indicators, "a profile needs at least one indicator");
        return result;
    }

    /// A school cannot reach more standards than its stage has.
    void check_school_rule(const toml::table& root, const Profile& profile) {
        for (Stage stage : profile.stages) {
            const auto with_standard = std::count_if(
                profile.indicators.begin(), profile.indicators.end(),
                [&](const IndicatorDef& def) { return for_stage(def.standard, stage); });
            if (profile.school_rule->min_reached > with_standard) {
                fail(
                    *root.get("school_rule"),
                    fmt::format("min_reached is {} but only {} indicators have a {} standard",
                                profile.school_rule->min_reached, with_standard, to_string(stage)));
            }
        }
    }

    [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
        throw InputError(Location{origin_, static_cast<long>(node.source().begin.line),
                                  static_cast<int>(node.source().begin.column)},
                         message);
    }

    /// Refuses more than `bound` elements: no method has more, and each costs a column.
    void at_most(const toml::node& node, std::size_t count, std::size_t bound,
                 std::string_view what) const {
        if (count > bound) {
            fail(node, fmt::format("{} {}: a profile has at most {}", count, what, bound));
        }
    }

    /// Indicators and school checks name report columns: one id, one column.
    void claim_id(const toml::table& table, const std::string& id, std::string_view kind) {
        if (id.empty()) fail(*table.get("id"), "'id' must not be empty");
        const auto [found, added] = ids_.emplace(id, kind);
        if (added) return;
        if (found->second == kind) fail(table, fmt::format("{} '{}' is defined twice", kind, id));
        fail(table, fmt::format("'{}' is the id of both an indicator and a school check; "
                                "they name report columns, so they must differ",
                                id));
    }

    double non_negative(const toml::table& table, double value, std::string_view key) const {
        if (value < 0) fail(*table.get(key), fmt::format("'{}' must not be negative", key));
        return value;
    }

    const toml::table& as_table(const toml::node& node, std::string_view what) const {
        const auto* table = node.as_table();
        if (!table) fail(node, fmt::format("'{}' must be a table", what));
        return *table;
    }

    void allow_keys(const toml::table& table, std::initializer_list<std::string_view> allowed) {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        for (const auto& [key, value] : table) {
            if (std::find(names.begin(), names.end(), key.str()) == names.end()) {
                fail(value,
                     fmt::format("unknown key '{}'{}", key.str(), did_you_mean(key.str(), names)));
            }
        }
    }

    std::string required_string(const toml::table& table, std::string_view key) {
        const auto* node = table.get(key);
        if (!node) fail(table, fmt::format("missing key '{}'", key));
        auto value = node->value<std::string>();
        if (!value) fail(*node, fmt::format("'{}' must be a string", key));
        return *value;
    }

    std::string optional_string(const toml::table& table, std::string_view key) {
        return table.get(key) ? required_string(table, key) : std::string();
    }

    double required_number(const toml::table& table, std::string_view key) {
        const auto* node = table.get(key);
        if (!node) fail(table, fmt::format("missing key '{}'", key));
        return number(*node, key);
    }

    double number(const toml::node& node, std::string_view key) {
        auto value = node.value<double>();  // accepts integers too
        if (!value || !std::isfinite(*value)) fail(node, fmt::format("'{}' must be a number", key));
        // No rule needs more; a multiplier or weight of 1e308 made district values infinite,
        // and one of 1e-300 made every value, so every CV, 0.
        if (std::abs(*value) > kMaxProfileNumber) {
            fail(node, fmt::format("'{}' is too large (at most 1e9)", key));
        }
        if (*value != 0 && std::abs(*value) < kMinProfileNumber) {
            fail(node, fmt::format("'{}' is too small (0, or at least 1e-6)", key));
        }
        return *value;
    }

    std::int64_t required_integer(const toml::table& table, std::string_view key, std::int64_t low,
                                  std::int64_t high) {
        const auto* node = table.get(key);
        if (!node) fail(table, fmt::format("missing key '{}'", key));
        if (!node->is_integer()) fail(*node, fmt::format("'{}' must be an integer", key));
        const std::int64_t value = node->value<std::int64_t>().value();
        if (value < low || value > high) {
            fail(*node, fmt::format("'{}' must be between {} and {}", key, low, high));
        }
        return value;
    }

    /// [exchange]: the share of full-time teachers `eduqb rotate` may move, in (0, 1].
    ExchangeRules read_exchange(const toml::node& node) {
        const auto& table = as_table(node, "exchange");
        allow_keys(table, {"share"});
        ExchangeRules rules;
        if (table.get("share")) {
            rules.share = required_number(table, "share");
            if (!(rules.share > 0 && rules.share <= 1)) {
                fail(*table.get("share"), "'share' must be above 0 and at most 1");
            }
        }
        return rules;
    }

    Stage stage_named(const toml::node& node, std::string_view text) {
        auto stage = parse_stage(text);
        if (!stage) {
            fail(node, fmt::format("unknown stage '{}' (expected primary, junior or senior){}",
                                   text, did_you_mean(text, {"primary", "junior", "senior"})));
        }
        return *stage;
    }

    std::vector<Stage> read_stages(const toml::table& root) {
        const auto* node = root.get("stages");
        if (!node) return {Stage::primary, Stage::junior};
        const auto* array = node->as_array();
        if (!array || array->empty()) fail(*node, "'stages' must be a non-empty array of stages");
        std::vector<Stage> stages;
        for (const auto& element : *array) {
            auto text = element.value<std::string>();
            if (!text) fail(element, "'stages' must contain strings");
            stages.push_back(stage_named(element, *text));
        }
        return stages;
    }

    /// Reads a table of numbers keyed by stage (primary/junior/senior).
    PerStage<double> read_per_stage(const toml::node& node, std::string_view what,
                                    std::initializer_list<std::string_view> extra_keys = {}) {
        const auto& table = as_table(node, what);
        PerStage<double> values;
        for (const auto& [key, value] : table) {
            if (std::find(extra_keys.begin(), extra_keys.end(), key.str()) != extra_keys.end()) {
                continue;
            }
            Stage stage = stage_named(value, key.str());
            values[static_cast<int>(stage)] = number(value, key.str());
        }
        return values;
    }

    PerStage<Limit> read_limits(const toml::node& node) {
        const auto& table = as_table(node, "limit");
        Op op = Op::less_equal;
        if (const auto* op_node = table.get("op")) {
            auto text = op_node->value<std::string>();
            if (text && *text == "<=") {
                op = Op::less_equal;
            } else if (text && *text == "<") {
                op = Op::less;
            } else if (text && *text == ">=") {
                op = Op::greater_equal;
            } else if (text && *text == ">") {
                op = Op::greater;
            } else {
                fail(*op_node, "'op' must be \"<=\", \"<\", \">=\" or \">\"");
            }
        }
        PerStage<Limit> limits;
        PerStage<double> values = read_per_stage(node, "limit", {"op"});
        for (int s = 0; s < 3; ++s) {
            if (values[s]) {
                if (*values[s] < 0) fail(node, "a limit must not be negative");
                limits[s] = Limit{*values[s], op};
            }
        }
        return limits;
    }

    Column column_named(const toml::node& node, std::string_view text) {
        auto column = column_from_name(text);
        if (!column || !is_numeric(*column) || *column == Column::students) {
            std::vector<std::string> numeric;
            for (int c = static_cast<int>(Column::teachers); c < kColumnCount; ++c) {
                numeric.emplace_back(column_name(static_cast<Column>(c)));
            }
            fail(node, fmt::format("'{}' is not a numeric resource column{}", text,
                                   did_you_mean(text, numeric)));
        }
        return *column;
    }

    IndicatorDef read_indicator(const toml::node& node, const PerStage<Limit>& default_cv_limit) {
        const auto& table = as_table(node, "indicator");
        allow_keys(table, {"id", "column", "multiplier", "unit", "unit_zh", "label_zh", "label_en",
                           "weight", "standard", "cv_limit"});
        IndicatorDef def;
        def.id = required_string(table, "id");
        claim_id(table, def.id, "indicator");
        const std::string column = required_string(table, "column");
        def.column = column_named(*table.get("column"), column);
        def.multiplier = table.get("multiplier") ? required_number(table, "multiplier") : 1.0;
        if (def.multiplier <= 0) fail(*table.get("multiplier"), "'multiplier' must be positive");
        def.unit = optional_string(table, "unit");
        def.unit_zh = optional_string(table, "unit_zh");
        def.label_zh = optional_string(table, "label_zh");
        def.label_en = optional_string(table, "label_en");
        if (def.label_en.empty()) def.label_en = def.id;
        if (def.label_zh.empty()) def.label_zh = def.label_en;
        def.weight = table.get("weight") ? required_number(table, "weight") : 1.0;
        if (def.weight < 0) fail(*table.get("weight"), "'weight' must not be negative");
        if (const auto* standard = table.get("standard")) {
            def.standard = read_per_stage(*standard, "standard");
            for (const auto& value : def.standard) {
                if (value && *value < 0) fail(*standard, "a standard must not be negative");
            }
        }
        def.cv_limit = default_cv_limit;
        if (const auto* limit = table.get("cv_limit")) def.cv_limit = read_limits(*limit);
        return def;
    }

    /// What a school check measures; a per-student measure names its column.
    void read_check_measure(const toml::table& table, SchoolCheck& check) {
        const std::string measure = required_string(table, "measure");
        if (measure == "class_size") {
            check.measure = CheckMeasure::class_size;
        } else if (measure == "school_students") {
            check.measure = CheckMeasure::school_students;
        } else if (measure == "per_student") {
            check.measure = CheckMeasure::per_student;
            const std::string column = required_string(table, "column");
            check.column = column_named(*table.get("column"), column);
            check.multiplier = table.get("multiplier") ? required_number(table, "multiplier") : 1.0;
            if (check.multiplier <= 0) {
                fail(*table.get("multiplier"), "'multiplier' must be positive");
            }
        } else {
            fail(*table.get("measure"),
                 fmt::format(
                     "unknown measure '{}' (expected class_size, school_students or "
                     "per_student){}",
                     measure,
                     did_you_mean(measure, {"class_size", "school_students", "per_student"})));
        }
    }

    /// The stages whose students a school_students check counts.
    void read_counted_stages(const toml::node& counted, SchoolCheck& check) {
        if (check.measure != CheckMeasure::school_students) {
            fail(counted, "'count_stages' applies to measure school_students only");
        }
        const auto* array = counted.as_array();
        if (!array || array->empty()) {
            fail(counted, "'count_stages' must be a non-empty array of stages");
        }
        check.counted_stages = {false, false, false};
        for (const auto& element : *array) {
            auto text = element.value<std::string>();
            if (!text) fail(element, "'count_stages' must contain strings");
            check.counted_stages[static_cast<int>(stage_named(element, *text))] = true;
        }
    }

    SchoolCheck read_school_check(const toml::node& node) {
        const auto& table = as_table(node, "school_check");
        allow_keys(table, {"id", "label_zh", "label_en", "measure", "column", "multiplier",
                           "count_stages", "limit", "limit_by_type", "affects_verdict"});
        SchoolCheck check;
        check.id = required_string(table, "id");
        claim_id(table, check.id, "school check");
        check.label_en = optional_string(table, "label_en");
        check.label_zh = optional_string(table, "label_zh");
        if (check.label_en.empty()) check.label_en = check.id;
        if (check.label_zh.empty()) check.label_zh = check.label_en;
        read_check_measure(table, check);
        if (const auto* counted = table.get("count_stages")) read_counted_stages(*counted, check);
        const auto* limit = table.get("limit");
        if (!limit) fail(table, "a school_check needs a limit");
        check.limit = read_limits(*limit);
        if (const auto* by_type = table.get("limit_by_type")) {
            for (const auto& [key, value] : as_table(*by_type, "limit_by_type")) {
                auto type = parse_school_type(key.str());
                if (!type) fail(value, fmt::format("unknown school type '{}'", key.str()));
                check.limit_by_type[*type] = number(value, key.str());
                if (check.limit_by_type[*type] < 0) fail(value, "a limit must not be negative");
            }
        }
        if (const auto* affects = table.get("affects_verdict")) {
            if (!affects->is_boolean()) fail(*affects, "'affects_verdict' must be true or false");
            check.affects_verdict = affects->value<bool>().value();
        }
        return check;
    }

    std::vector<ExclusionRule> read_scope(const toml::node& node) {
        const auto& table = as_table(node, "scope");
        allow_keys(table, {"exclude"});
        std::vector<ExclusionRule> rules;
        const auto* exclude = table.get("exclude");
        if (!exclude) return rules;
        const auto* array = exclude->as_array();
        if (!array) fail(*exclude, "'exclude' must be an array of tables");
        at_most(*exclude, array->size(), kMaxExclusionRules, "exclusion rules");
        for (const auto& element : *array) {
            const auto& rule_table = as_table(element, "exclude");
            allow_keys(rule_table, {"id", "description", "label_zh", "label_en", "school_type",
                                    "stage", "students_below"});
            ExclusionRule rule;
            rule.id = required_string(rule_table, "id");
            rule.description = optional_string(rule_table, "description");
            if (rule.description.empty()) rule.description = rule.id;
            rule.label_zh = optional_string(rule_table, "label_zh");
            rule.label_en = optional_string(rule_table, "label_en");
            if (rule.label_zh.empty()) rule.label_zh = rule.description;
            if (rule.label_en.empty()) rule.label_en = rule.description;
            if (const auto* type = rule_table.get("school_type")) {
                std::string text = required_string(rule_table, "school_type");
                rule.school_type = parse_school_type(text);
                if (!rule.school_type) fail(*type, fmt::format("unknown school type '{}'", text));
            }
            if (const auto* stage = rule_table.get("stage")) {
                rule.stage = stage_named(*stage, required_string(rule_table, "stage"));
            }
            if (rule_table.get("students_below")) {
                rule.students_below = non_negative(
                    rule_table, required_number(rule_table, "students_below"), "students_below");
            }
            if (!rule.school_type && !rule.stage && !rule.students_below) {
                fail(element, "an exclusion rule needs school_type, stage or students_below");
            }
            rules.push_back(std::move(rule));
        }
        return rules;
    }

    SplitRules read_split(const toml::node& node) {
        const auto& table = as_table(node, "split");
        SplitRules rules;
        for (const auto& [key, value] : table) {
            if (key.str() == "columns") {
                const auto* array = value.as_array();
                if (!array) fail(value, "'columns' must be an array of column names");
                for (const auto& element : *array) {
                    auto text = element.value<std::string>();
                    if (!text) fail(element, "'columns' must contain column names");
                    rules.columns.push_back(column_named(element, *text));
                }
                continue;
            }
            auto type = parse_school_type(key.str());
            if (!type || (*type != SchoolType::nine_year && *type != SchoolType::complete_middle &&
                          *type != SchoolType::twelve_year)) {
                fail(value,
                     fmt::format("unknown key '{}' in [split] (expected columns, nine_year, "
                                 "complete_middle or twelve_year){}",
                                 key.str(),
                                 did_you_mean(key.str(), {"columns", "nine_year", "complete_middle",
                                                          "twelve_year"})));
            }
            PerStage<double> weights = read_per_stage(value, key.str());
            int stages = 0;
            for (const auto& weight : weights) {
                if (!weight) continue;
                if (*weight <= 0) fail(value, "split weights must be positive");
                ++stages;
            }
            if (stages < 2) fail(value, "a combined school needs weights for at least two stages");
            rules.weights[*type] = weights;
        }
        return rules;
    }

    std::string origin_;
    std::map<std::string, std::string_view> ids_;  ///< indicator and school check ids, by kind
};

/// Refuses dotted keys and [table.headers] deeper than kMaxProfileKeyDepth before toml++ sees
/// them: it recurses once per level and overflowed the stack on 300 000 of them. Counts the
/// dots in each run of key parts (bare or quoted, joined by dots); a number has one at most.
void check_key_depth(std::string_view text, const std::string& origin) {
    long line = 1;
    int dots = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            // A string, a quoted key part or a value: skipped, counting its lines.
            const std::string_view triple = c == '"' ? R"(""")" : "'''";
            const std::string_view close = text.substr(i, 3) == triple ? triple : text.substr(i, 1);
            std::size_t j = i + close.size();
            while (j < text.size() && text.substr(j, close.size()) != close) {
                if (text[j] == '\n') ++line;
                if (c == '"' && text[j] == '\\') ++j;  // an escaped character
                ++j;
            }
            i = std::min(text.size(), j + close.size()) - 1;
            continue;
        }
        if (c == '.') {
            if (++dots >= kMaxProfileKeyDepth) {
                throw InputError(Location{origin, line, 0},
                                 fmt::format("a key nested more than {} levels deep (a dotted key "
                                             "or [table.header]); no profile needs more than a few",
                                             kMaxProfileKeyDepth));
            }
            continue;
        }
        const bool bare = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+';
        if (bare || c == ' ' || c == '\t') continue;
        if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '\n') ++line;
        dots = 0;  // '=', brackets, commas, braces and line ends end a key
    }
}

}  // namespace

Profile parse_profile(std::string_view toml_text, const std::string& origin) {
    if (toml_text.size() > kMaxProfileBytes) {
        throw InputError(Location{origin, 0, 0},
                         "the profile file is larger than 1 MiB; no profile needs a tenth of that");
    }
    check_key_depth(toml_text, origin);
    toml::table root;
    try {
        root = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& error) {
        throw InputError(Location{origin, static_cast<long>(error.source().begin.line),
                                  static_cast<int>(error.source().begin.column)},
                         std::string(error.description()));
    }
    return ProfileReader(origin).read(root);
}

std::vector<std::string> builtin_profile_ids() {
    std::vector<std::string> ids;
    for (const auto& builtin : detail::kBuiltinProfiles) ids.emplace_back(builtin.id);
    return ids;
}

std::optional<std::string_view> builtin_profile_text(std::string_view id) {
    for (const auto& builtin : detail::kBuiltinProfiles) {
        if (builtin.id == id) return builtin.text;
    }
    return std::nullopt;
}

Profile builtin_profile(std::string_view id) {
    auto text = builtin_profile_text(id);
    if (!text) {
        throw UsageError(fmt::format("unknown profile '{}'{}; built-in profiles: {}", id,
                                     did_you_mean(id, builtin_profile_ids()),
                                     fmt::join(builtin_profile_ids(), ", ")));
    }
    return parse_profile(*text, fmt::format("<built-in {}>", id));
}

}  // namespace eduqb
