#pragma once
// Every text a person reads in a report or a terminal summary, in Chinese and in English: one
// table per language (labels.cpp), so that a report is wholly in the language asked for.
// Machine formats (CSV columns, JSON keys, codes) never come from here.

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "eduqb/dispersion.hpp"
#include "eduqb/profile.hpp"
#include "eduqb/render.hpp"
#include "eduqb/report.hpp"
#include "eduqb/table.hpp"

namespace eduqb {

/// One text of the label tables. Texts with {} are fmt formats; the comment says what fills
/// them when the name does not.
enum class Text : std::size_t {
    // Names of codes.
    stage_primary,
    stage_junior,
    stage_senior,
    school_type_primary_school,
    school_type_junior_school,
    school_type_nine_year,
    school_type_complete_middle,
    school_type_twelve_year,
    school_type_teaching_point,
    school_type_special_education,
    school_type_vocational,
    area_urban,
    area_town,
    area_rural,
    na_no_students,
    na_too_few_schools,
    na_zero_mean,
    na_indicator_na,
    na_zero_median,
    na_zero_minimum,
    na_no_area_type,
    na_not_computed,
    rule_stage_not_evaluated,  ///< the exclusion rules of eduqb itself, beside the profile's
    rule_no_students,
    rule_invalid,
    not_available,  ///< why
    missing_value,  ///< a school's value that the input leaves empty

    // Units of gap amounts: "{} teachers" and the one of each ("1 teacher").
    amount_teachers,
    amount_teacher,
    amount_m2,
    amount_yuan,
    amount_wan_yuan,  ///< 万元 with two decimals, exact yuan
    amount_rooms,
    amount_room,
    amount_computers,
    amount_computer,
    amount_books,
    amount_book,
    amount_classes,
    amount_class,
    amount_students,
    amount_student,
    unit_teachers,  ///< the units as column values and in "all ..." lines
    unit_m2,
    unit_yuan,
    unit_rooms,
    unit_computers,
    unit_books,
    unit_classes,
    unit_students,
    // Per-student units made for an indicator whose profile gives none in Chinese.
    per_student,     ///< resource unit
    per_100,         ///< resource unit
    per_n_students,  ///< resource unit, multiplier

    // The head of a report.
    field,           ///< a line of the Markdown head: name, value
    profile_source,  ///< profile, source
    report_title,
    districts_title,  ///< count of districts, the title
    year_of,          ///< a group's year
    profile,
    source,
    profile_file,
    profile_read_from,  ///< file
    profile_edited,     ///< file, built-in id
    profile_changes,    ///< the rules a modified profile changes (Profile::changes)
    estimator,
    estimator_text,
    inputs,
    reading,
    totals_row,
    footer,
    rows_not_read,
    // How an input was read (ReadingNote), each "INPUT: note".
    reading_note_of_input,   ///< input, note
    reading_line,            ///< a line number
    reading_lines,           ///< first, last
    reading_titles_skipped,  ///< lines
    reading_header_rows,     ///< rows, lines
    reading_unit_line,       ///< the line's text
    reading_column_numbers,  ///< lines
    reading_above_degree_from_degrees,
    reading_pe_art_from_music_fine_art,
    reading_pe_art_from_arts,
    reading_sports_from_ground_and_indoor,
    reading_sports_from_ground_only,
    date,
    version,
    result,
    result_text,        ///< groups, passed, failed
    result_not_judged,  ///< groups not judged
    excluded,           ///< the sections left out, as a heading
    excluded_count,     ///< count, the counts by rule
    rule_count,         ///< rule, count
    list_separator,     ///< between items of a list on one line
    clause_separator,   ///< between clauses of a sentence
    sentence_end,       ///< after the last clause
    no_groups,

    // Verdicts.
    pass,
    fail,
    not_judged,
    heading_pass,
    heading_fail,
    heading_not_judged,
    meets,
    does_not_meet,
    school_not_judged,

    // A group.
    group_heading,  ///< title, verdict
    no_section_judged_note,
    no_rule_applied_note,
    group_facts,        ///< schools, students, excluded
    school_rule_facts,  ///< compliant, failing
    not_judged_facts,   ///< sections the per-school rule could not judge
    indicator,
    district_value,
    cv,
    limit,
    verdict,
    composite,
    standard,
    below_standard,
    below_floor_note,  ///< floor percentage, count below the floor
    left_out_for_empty_cells,
    left_out_item,       ///< indicator, count
    failure_item,        ///< reason
    fail_indicator,      ///< indicator, cv, limit
    fail_composite,      ///< cv, limit
    fail_schools,        ///< count
    checks_summary,      ///< the checks
    check_failing,       ///< check, count
    check_without_data,  ///< count
    two_types_counts,    ///< rural small, township boarding
    area_comparison,
    area_schools,     ///< area, count
    area_school_one,  ///< area
    urban_minus_rural,
    urban_over_rural,
    schools,
    school_id,
    school_name,
    school_type,
    district,
    year,
    stage,
    students,
    reached_count,
    school_legend,
    two_types,
    kind,
    what_it_lacks,
    rural_small,
    township_boarding,
    both_types,
    lack_standard,  ///< indicator, value, standard
    lack_missing,   ///< indicator
    lack_check,     ///< check, value, limit
    lack_not_judged,
    lacks_nothing,
    rule,
    line,
    trends,
    trends_heading,  ///< district and stage
    trends_intro,
    change,  ///< previous year, year
    trends_note,
    above_limit_note,

    // HTML.
    html_lang,
    cv_chart_title,
    limit_legend,
    standard_line,  ///< value
    floor_line,     ///< percent, value
    district_line,  ///< value
    reached,
    above_floor,
    below_floor,  ///< floor percentage
    noncompliant,
    school_chart_caption,  ///< unit
    charts,
    charts_left_out,  ///< groups, the most that get charts
    overview,
    failed_indicators,
    school_count,
    schools_failing,
    no_standard,

    // XLSX.
    sheet_overview,
    sheet_summary,
    sheet_trends,
    sheet_exclusions,
    sheet_parameters,
    // The checks, the two types of schools and the urban/rural comparison in HTML and XLSX,
    // and several profiles side by side there.
    sheet_area_comparison,
    sheet_two_types,
    sheet_comparison,
    check_failing_count,
    check_missing_count,
    check_verdict,  ///< check
    area_row,
    profile_report,  ///< profile id
    item,
    schools_compliant,
    schools_not_compliant,
    area,
    file,
    standard_of,  ///< standard
    indicator_id,
    indicator_name,
    change_from_previous,
    rule_id,
    title,
    school_rule_min,
    school_rule_floor,
    indicators,
    unit,
    multiplier,
    weight,
    standard_for,  ///< stage
    cv_limit_for,  ///< stage
    exclusion_rules,
    description,
    students_below,
    split_weights,
    shared_columns,

    // Several profiles.
    comparison_title,
    cvs_over,  ///< count
    composite_over,
    schools_not_meeting,  ///< count

    // The gap analysis.
    gaps_title,
    per_school_rule,
    per_school_rule_text,  ///< standards to reach, floor percentage
    no_school_rule,
    gaps_result,    ///< groups, sections with gaps, coefficients over the limit
    gaps_excluded,  ///< count
    gaps_amounts_note,
    gaps_group_facts,        ///< schools, students
    gaps_rule_facts,         ///< compliant, failing
    gaps_group_tail,         ///< sections with gaps, coefficients over the limit
    district_totals,         ///< clauses
    clause_to_standards,     ///< amounts
    clause_to_floors,        ///< floor percentage, amounts
    clause_school_plans,     ///< amounts
    clause_floor_plans,      ///< amounts
    clause_checks,           ///< checks
    check_amount,            ///< check, amount
    check_amount_over_caps,  ///< check, amount
    problem_list,
    no_standards_for_stage,
    every_standard_reached,
    value,
    of_standard,
    status,
    to_standard,
    to_floor,  ///< floor percentage
    status_missing,
    status_below_floor,
    status_above_floor,
    school_checks,
    check,
    what_closes_it,
    check_note,
    not_judged_for_lack,  ///< the checks
    check_missing_item,   ///< check, count
    over_the_cap,         ///< amount
    added,                ///< amount
    lacks_and_adds,
    lack_standard_add,  ///< indicator, value, standard, amount
    lack_check_add,     ///< check, value, limit, amount
    lacks_nothing_checks,
    none_needed,
    rule_met,
    cannot_pass,
    plan_not_judged,
    no_rule_for_plan,
    plan_step,  ///< indicator, target, level, amount
    target_standard,
    target_floor,
    school_plans,
    school_plans_intro,
    reached_column,
    now,
    plan,
    reached_of,  ///< reached, standards
    composite_limit_note,
    coefficients,
    composite_only_note,
    audit_heading,   ///< indicator, cv, limit
    audit_line,      ///< students, mean, unit, sum, sd, cv
    audit_left_out,  ///< count
    drivers_line,    ///< drivers, share, driver share
    share,
    cumulative,
    driver,
    floor_plan_heading,  ///< indicator
    floor_unreachable,   ///< largest value, unit, limit
    floor_raise,         ///< level, unit, schools, total
    cv_at_level,         ///< cv, limit
    cv_just_below,       ///< cv, within or over
    cv_after,            ///< cv, pass or fail
    within,
    over,
    add,
    value_after,
    totals,
    to_standards,
    to_floors,
    per_school_plans,
    floor_plans,
    // The gaps handover (-o plan.xlsx, plan.html): the district summary and 一校一案.
    handover_title,
    sheet_gap_summary,
    sheet_school_plans,
    district_summary,
    group_column,
    schools_with_plan,  ///< schools that need action: a block each
    schools_failing_rule,
    fixable_schools,
    not_fixable_schools,
    to_add_of_unit,  ///< unit
    unit_wan_yuan,
    item_column,
    value_now,
    target_column,
    to_add,
    to_add_in_words,
    school_entry_title,  ///< school id, school name, group, students
    entry_fixable,       ///< reached, standards
    entry_not_fixable,   ///< reached, standards
    entry_not_judged,
    entry_no_rule,
    entry_checks_only,
    target_level,      ///< target (standard, floor), level
    students_to_move,  ///< amount
    plan_amounts,
    handover_groups_note,  ///< groups, the most whose every school is shown, groups shown
    no_school_needs_action,
    // The gap analysis's summary, after the report's sentences (summary_*).
    gaps_summary_floors,      ///< coefficients a floor brings within their limits
    gaps_summary_floors_not,  ///< coefficients no floor brings within
    gaps_summary_no_floor,
    gaps_summary_entry,             ///< schools (counted): one
    gaps_summary_entries,           ///< schools (counted): several
    gaps_summary_fixable,           ///< fixable, not fixable
    gaps_summary_fixable_only,      ///< fixable
    gaps_summary_not_fixable_only,  ///< not fixable
    gaps_summary_amounts,           ///< the amounts, listed
    gaps_summary_no_entry,
    all_of_unit,  ///< unit
    all_note,
    teacher_overlap_note,

    // Terminal summaries.
    errors_one,
    errors_many,
    warnings_one,
    warnings_many,
    rows_one,
    rows_many,
    validate_summary,  ///< errors, warnings, rows, valid or invalid
    valid,
    invalid,
    more_problems,    ///< count
    compute_verbose,  ///< profile, groups, sections excluded
    gaps_verbose,     ///< profile, groups, sections with gaps

    // The summary paragraph a report opens with (summary.cpp). {0}, {1}, … as listed.
    summary_heading,
    summary_sentence_end,
    summary_list_separator,
    summary_one_group,          ///< group, schools (counted), students
    summary_excluded,           ///< sections left out
    summary_many_groups,        ///< districts (counted), groups (counted)
    summary_district_groups,    ///< district, groups (counted)
    summary_group_passes,       ///< profile, group
    summary_group_fails,        ///< profile, group
    summary_group_not_judged,   ///< profile, group
    summary_groups_verdicts,    ///< profile, passed, failed
    summary_groups_not_judged,  ///< not judged
    summary_no_limit,
    summary_within_limits,
    summary_none_judged,      ///< no coefficient could be judged against a limit
    summary_excesses,         ///< count
    summary_excess,           ///< indicator, cv, op, limit, excess
    summary_excess_at_limit,  ///< indicator, cv, op, limit: on a strict limit
    summary_groups_within,
    summary_groups_excess,     ///< groups, indicator, groups over on it
    summary_largest_excess,    ///< group, indicator, cv, op, limit, excess
    summary_largest_at_limit,  ///< group, indicator, cv, op, limit: on a strict limit
    summary_composite,
    summary_schools_failing,  ///< schools, failing, standards to reach, floor %
    summary_schools_meet,     ///< schools, standards to reach, floor %
    summary_most_missed,      ///< the list of summary_missed_item
    summary_missed_item,      ///< indicator, schools (counted)
    summary_list_comma,
    summary_widest_gap,          ///< indicator, ratio
    summary_widest_gap_where,    ///< group, indicator, ratio
    summary_trend_one,           ///< the year before, narrowed, widened
    summary_trend_many,          ///< trends (counted), narrowed, widened
    summary_schools_one,         ///< count
    summary_schools_many,        ///< count
    summary_groups_one,          ///< count
    summary_groups_many,         ///< count
    summary_districts_one,       ///< count
    summary_districts_many,      ///< count
    summary_trends_one,          ///< count
    summary_trends_many,         ///< count
    summary_group_name,          ///< district, year, stage
    summary_group_name_no_year,  ///< district, stage

    // Measures beside the CV: tables and charts.
    measures_heading,
    measures_note,
    measures_theil,
    measures_within_area,
    measures_between_area,
    measures_between_area_share,
    measures_gini,
    measures_mcloone,
    measures_range_ratio,
    measures_no_inequality,  ///< a share where the Theil index is 0
    measures_share_chart_title,
    measures_share_caption,
    measures_across_heading,
    measures_across_intro,
    measures_within_districts,
    measures_between_districts,
    measures_between_districts_share,
    measures_across_chart_title,
    measures_across_caption,
    measures_part,  ///< the column naming Theil, within, between in the trend tables
    measures_trend_heading,
    measures_trend_note,
    measures_trend_chart_title,  ///< indicator
    measures_sheet,
    measures_across_sheet,

    count_  ///< the number of texts, not a text
};

inline constexpr std::size_t kTextCount = static_cast<std::size_t>(Text::count_);
using LabelTable = std::array<std::string_view, kTextCount>;

/// The texts of one language, and the names of codes and profile rules in it.
class Labels {
  public:
    Labels(Language language, const LabelTable& table) : language_(language), table_(table) {}

    Language language() const { return language_; }
    std::string_view operator[](Text text) const { return table_[static_cast<std::size_t>(text)]; }
    /// The text, its {} filled with `args`.
    template <typename... Args>
    std::string operator()(Text text, const Args&... args) const {
        return fmt::format(fmt::runtime((*this)[text]), args...);
    }
    /// `one` when count is 1, else `many`, filled with the count.
    std::string count(Text one, Text many, long long count) const;

    std::string_view stage(Stage stage) const;
    std::string_view school_type(SchoolType type) const;
    /// Empty for an unknown area type.
    std::string_view area(AreaType area) const;
    std::string_view reason(NaReason reason) const;
    /// "NA (fewer than 2 schools)".
    std::string not_available(NaReason reason) const;

    /// The profile's name for an indicator, check or exclusion rule in this language.
    const std::string& indicator(const IndicatorDef& def) const;
    const std::string& check(const SchoolCheck& check) const;
    /// The rule `rule_id` of the profile, or a built-in rule; `description` when neither.
    std::string exclusion_rule(const Profile& profile, const std::string& rule_id,
                               const std::string& description) const;
    /// "元/生"; for a profile without unit_zh, made from the column and multiplier.
    std::string unit(const IndicatorDef& def) const;
    std::string profile_title(const Profile& profile) const;
    /// "6 (special-education school: 1, ...)": the sections left out, by rule.
    std::string excluded_summary(const Report& report) const;
    /// "district.csv: lines 1–2 above the header skipped (titles)".
    std::string reading_note(const ReadingNote& note) const;
    /// Where the profile was read from, for reports; "" for a built-in profile.
    std::string profile_file_note(const Profile& profile) const;

    /// "3 teachers", "1,274 m²", "27.31 万元 (273,011 元)": `unit` is a unit of the gaps
    /// report (resource_unit, check_unit).
    std::string amount(long long units, std::string_view unit) const;
    /// The unit itself: "teachers", "m²".
    std::string_view unit_name(std::string_view unit) const;

  private:
    Language language_;
    const LabelTable& table_;
};

/// The labels of `language`.
const Labels& labels_for(Language language);

/// The language a locale asks for: zh when the first non-empty of LC_ALL, LC_MESSAGES and
/// LANG (POSIX precedence) names Chinese (zh, zh_CN, zh_TW.UTF-8, zh_HK@modifier, ...), else
/// en. Pure, for tests; the environment is read in the command line.
Language language_of_locale(std::string_view lc_all, std::string_view lc_messages,
                            std::string_view lang);

}  // namespace eduqb
