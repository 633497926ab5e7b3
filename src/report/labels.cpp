#include "report/labels.hpp"

#include "eduqb/gaps.hpp"
#include "report/render_common.hpp"
#include "scope/scope.hpp"

namespace eduqb {
namespace {

/// Fills a table by name, so that the order of the enum is never repeated here.
class TableBuilder {
  public:
    void operator()(Text text, std::string_view value) {
        table_[static_cast<std::size_t>(text)] = value;
    }
    const LabelTable& table() const { return table_; }

  private:
    LabelTable table_{};
};

LabelTable english_table() {
    TableBuilder t;
    t(Text::stage_primary, "primary");
    t(Text::stage_junior, "junior");
    t(Text::stage_senior, "senior");
    t(Text::school_type_primary_school, "primary school");
    t(Text::school_type_junior_school, "junior secondary school");
    t(Text::school_type_nine_year, "nine-year school");
    t(Text::school_type_complete_middle, "complete middle school");
    t(Text::school_type_twelve_year, "twelve-year school");
    t(Text::school_type_teaching_point, "teaching point");
    t(Text::school_type_special_education, "special-education school");
    t(Text::school_type_vocational, "vocational school");
    t(Text::area_urban, "urban");
    t(Text::area_town, "town");
    t(Text::area_rural, "rural");
    t(Text::na_no_students, "no students with data");
    t(Text::na_too_few_schools, "fewer than 2 schools");
    t(Text::na_zero_mean, "district value is 0");
    t(Text::na_indicator_na, "an indicator coefficient is NA");
    t(Text::na_zero_median, "the median value is 0");
    t(Text::na_zero_minimum, "the lowest value is 0");
    t(Text::na_no_area_type, "a school has no area type");
    t(Text::na_not_computed, "not computed for this report");
    t(Text::rule_stage_not_evaluated, "section of a stage the profile does not evaluate");
    t(Text::rule_no_students, "section with no students");
    t(Text::rule_invalid, "row with errors (see the messages)");
    t(Text::not_available, "NA ({})");
    t(Text::missing_value, "NA");
    t(Text::amount_teachers, "{} teachers");
    t(Text::amount_teacher, "{} teacher");
    t(Text::amount_m2, "{} m²");
    t(Text::amount_yuan, "{} yuan");
    t(Text::amount_wan_yuan, "{1} yuan");
    t(Text::amount_rooms, "{} rooms");
    t(Text::amount_room, "{} room");
    t(Text::amount_computers, "{} computers");
    t(Text::amount_computer, "{} computer");
    t(Text::amount_books, "{} books");
    t(Text::amount_book, "{} book");
    t(Text::amount_classes, "{} classes");
    t(Text::amount_class, "{} class");
    t(Text::amount_students, "{} students");
    t(Text::amount_student, "{} student");
    t(Text::unit_teachers, "teachers");
    t(Text::unit_m2, "m²");
    t(Text::unit_yuan, "yuan");
    t(Text::unit_rooms, "rooms");
    t(Text::unit_computers, "computers");
    t(Text::unit_books, "books");
    t(Text::unit_classes, "classes");
    t(Text::unit_students, "students");
    t(Text::per_student, "{} per student");
    t(Text::per_100, "{} per 100 students");
    t(Text::per_n_students, "{} per {} students");
    t(Text::field, "- **{}:** {}");
    t(Text::profile_source, "{}; source: {}");
    t(Text::report_title, "Compulsory-education balance evaluation report");
    t(Text::districts_title, "{} districts: {}");
    t(Text::year_of, "{}");
    t(Text::profile, "Profile");
    t(Text::source, "Source");
    t(Text::profile_file, "Profile file");
    t(Text::profile_read_from, "read from {}");
    t(Text::profile_edited, "based on {1}, modified: {0}");
    t(Text::profile_changes, "Rules changed");
    t(Text::estimator, "Estimator");
    t(Text::estimator_text, kEstimatorText);
    t(Text::inputs, "Input files");
    t(Text::reading, "How the inputs were read");
    t(Text::totals_row, "totals row, not a school");
    t(Text::footer, "footer (the table ends here)");
    t(Text::rows_not_read, "Rows not read as schools");
    t(Text::reading_note_of_input, "{}: {}");
    t(Text::reading_line, "line {}");
    t(Text::reading_lines, "lines {}–{}");
    t(Text::reading_titles_skipped, "{} above the header skipped (titles)");
    t(Text::reading_header_rows, "header of {} rows ({}) read as one");
    t(Text::reading_unit_line,
      "unit line '{}' applied to the columns that name no unit of their own");
    t(Text::reading_column_numbers, "column-number row skipped ({})");
    t(Text::reading_above_degree_from_degrees,
      "teachers_above_degree (高于规定学历教师数) = 研究生毕业 + 本科毕业 + 专科毕业 for primary "
      "teachers, 研究生毕业 + 本科毕业 for junior teachers (教师法 第十一条)");
    t(Text::reading_pe_art_from_music_fine_art,
      "teachers_pe_art (体育、艺术专任教师数) = 体育 + 音乐 + 美术");
    t(Text::reading_pe_art_from_arts, "teachers_pe_art (体育、艺术专任教师数) = 体育 + 艺术");
    t(Text::reading_sports_from_ground_and_indoor,
      "sports_area_m2 (体育运动场馆面积) = 运动场地面积 + 室内体育用房面积");
    t(Text::reading_sports_from_ground_only,
      "sports_area_m2 (体育运动场馆面积) = 运动场地面积 only: the file has no 室内体育用房面积 "
      "column");
    t(Text::date, "Date");
    t(Text::version, "eduqb version");
    t(Text::result, "Result");
    t(Text::result_text, "{} group(s): {} pass, {} fail");
    t(Text::result_not_judged, ", {} not judged");
    t(Text::excluded, "Excluded sections");
    t(Text::excluded_count, "{} ({})");
    t(Text::rule_count, "{}: {}");
    t(Text::list_separator, ", ");
    t(Text::clause_separator, "; ");
    t(Text::sentence_end, ".");
    t(Text::no_groups, "No school section was evaluated.");
    t(Text::pass, "pass");
    t(Text::fail, "fail");
    t(Text::not_judged, "not judged");
    t(Text::heading_pass, "PASS");
    t(Text::heading_fail, "FAIL");
    t(Text::heading_not_judged, "NOT JUDGED");
    t(Text::meets, "meets");
    t(Text::does_not_meet, "does not meet");
    t(Text::school_not_judged, "not judged");

    t(Text::group_heading, "{}: {}");
    t(Text::no_section_judged_note,
      "No section could be judged by the per-school rule: each lacks a value it needs (an empty "
      "cell, --missing skip), and the difference coefficients alone do not make the group pass.");
    t(Text::no_rule_applied_note,
      "No rule could be applied: a difference coefficient needs at least 2 schools, and no school "
      "here could be judged by a per-school rule.");
    t(Text::group_facts, "{} school sections · {} students · {} excluded");
    t(Text::school_rule_facts, " · per-school standards met by {}, not met by {}");
    t(Text::not_judged_facts, ", not judged {} (a value is missing)");
    t(Text::indicator, "Indicator");
    t(Text::district_value, "District value");
    t(Text::cv, "Difference coefficient");
    t(Text::limit, "Limit");
    t(Text::verdict, "Verdict");
    t(Text::composite, "Composite difference coefficient");
    t(Text::standard, "School standard");
    t(Text::below_standard, "Schools below standard");
    t(Text::below_floor_note, "{1} below {0} % of it");
    t(Text::left_out_for_empty_cells, "Schools left out for empty cells: {}.");
    t(Text::left_out_item, "{}: {}");
    t(Text::failure_item, "FAIL: {}");
    t(Text::fail_indicator, "the difference coefficient of {} is {}, limit {}");
    t(Text::fail_composite, "the composite difference coefficient is {}, limit {}");
    t(Text::fail_schools, "{} school(s) do not meet the per-school standards");
    t(Text::checks_summary, "Per-school checks: {}");
    t(Text::check_failing, "{}: {} failing");
    t(Text::check_without_data, ", {} without data");
    t(Text::two_types_counts, "rural small schools: {}; township boarding schools: {}");
    t(Text::area_comparison, "Values by area type");
    t(Text::area_schools, "{} ({} schools)");
    t(Text::area_school_one, "{} (1 school)");
    t(Text::urban_minus_rural, "urban − rural");
    t(Text::urban_over_rural, "urban / rural");
    t(Text::schools, "Schools");
    t(Text::school_id, "School code");
    t(Text::school_name, "School name");
    t(Text::school_type, "School type");
    t(Text::district, "District");
    t(Text::year, "Year");
    t(Text::stage, "Stage");
    t(Text::students, "Students");
    t(Text::reached_count, "Standards reached");
    t(Text::school_legend,
      "▽ below the standard but at least the floor; ✗ below the floor (or a failed check).");
    t(Text::two_types, "Rural small schools and township boarding schools");
    t(Text::kind, "Kind");
    t(Text::what_it_lacks, "What it lacks");
    t(Text::rural_small, "rural small school");
    t(Text::township_boarding, "township boarding school");
    t(Text::both_types, "rural small, township boarding");
    t(Text::lack_standard, "{} {} < {}");
    t(Text::lack_missing, "{} NA (no value)");
    t(Text::lack_check, "{} {} (limit {})");
    t(Text::lack_not_judged, "not judged by the per-school rule");
    t(Text::lacks_nothing, "nothing: every standard reached");
    t(Text::rule, "Rule");
    t(Text::line, "Line");
    t(Text::trends, "Trends");
    t(Text::trends_heading, "Trends: {}");
    t(Text::trends_intro,
      "Each indicator's difference coefficient per year (changes computed from unrounded "
      "coefficients).");
    t(Text::change, "change {}→{}");
    t(Text::trends_note, "✗ above the limit. Changes are computed from unrounded coefficients.");
    t(Text::above_limit_note, "✗ above the limit");
    t(Text::html_lang, "en");
    t(Text::cv_chart_title, "Difference coefficient of each indicator against its limit");
    t(Text::limit_legend, "limit");
    t(Text::standard_line, "standard {}");
    t(Text::floor_line, "{}% of standard = {}");
    t(Text::district_line, "district value {}");
    t(Text::reached, "reaches the standard");
    t(Text::above_floor, "below the standard");
    t(Text::below_floor, "below {} % of it");
    t(Text::noncompliant, "school fails the school rule");
    t(Text::school_chart_caption, "Unit: {}; schools sorted from lowest to highest value");
    t(Text::charts, "Charts");
    t(Text::charts_left_out,
      "This report holds {} groups, more than {}: each group has its tables but no per-school or "
      "trend charts, which would make the file too large to open. For a district's charts, run "
      "eduqb on that district's rows.");
    t(Text::overview, "Overview");
    t(Text::failed_indicators, "Coefficients above their limit");
    t(Text::school_count, "Schools");
    t(Text::schools_failing, "Schools below the per-school standards");
    t(Text::no_standard, "no school standard set");
    t(Text::sheet_overview, "Overview");
    t(Text::sheet_summary, "Summary");
    t(Text::sheet_trends, "Trends");
    t(Text::sheet_exclusions, "Exclusions");
    t(Text::sheet_parameters, "Parameters");
    t(Text::sheet_area_comparison, "Urban and rural");
    t(Text::sheet_two_types, "Two types of schools");
    t(Text::sheet_comparison, "Profiles compared");
    t(Text::check_failing_count, "Schools failing");
    t(Text::check_missing_count, "Schools without data");
    t(Text::check_verdict, "{}: verdict");
    t(Text::area_row, "Area type or gap");
    t(Text::profile_report, "Report under {}");
    t(Text::item, "Item");
    t(Text::schools_compliant, "Schools compliant");
    t(Text::schools_not_compliant, "Schools not compliant");
    t(Text::area, "Area");
    t(Text::file, "File");
    t(Text::standard_of, "{} (standard {})");
    t(Text::indicator_id, "Indicator code");
    t(Text::indicator_name, "Indicator");
    t(Text::change_from_previous, "Change from the year before");
    t(Text::rule_id, "Rule code");
    t(Text::title, "Title");
    t(Text::school_rule_min, "School rule: standards to reach");
    t(Text::school_rule_floor, "School rule: every other standard at least this fraction");
    t(Text::indicators, "Indicators");
    t(Text::unit, "Unit");
    t(Text::multiplier, "Multiplier");
    t(Text::weight, "Weight");
    t(Text::standard_for, "Standard, {}");
    t(Text::cv_limit_for, "Difference coefficient limit, {}");
    t(Text::exclusion_rules, "Exclusion rules");
    t(Text::description, "Description");
    t(Text::students_below, "Students below");
    t(Text::split_weights, "Split weights of combined schools");
    t(Text::shared_columns, "Shared facilities");
    t(Text::comparison_title, "Verdicts side by side");
    t(Text::cvs_over, "{} difference coefficient(s) over the limit");
    t(Text::composite_over, "composite over the limit");
    t(Text::schools_not_meeting, "{} school(s) not meeting the standards");
    t(Text::gaps_title, "Gap analysis: problem list and per-school plans");
    t(Text::per_school_rule, "Per-school rule");
    t(Text::per_school_rule_text,
      "at least {} standards reached and every other one at least {} of its standard (the floor)");
    t(Text::no_school_rule, "none in this profile");
    t(Text::gaps_result,
      "{} group(s); {} section(s) miss a standard or fail a check; {} difference coefficient(s) "
      "over their limit");
    t(Text::gaps_excluded, "{} (eduqb compute --level school lists them)");
    t(Text::gaps_amounts_note,
      "Amounts are in natural units, rounded up: whole teachers, m², yuan, rooms. Rules and "
      "formulas: docs/gaps.md.");
    t(Text::gaps_group_facts, "{} schools · {} students");
    t(Text::gaps_rule_facts, " · per-school rule met by {}, not met by {}");
    t(Text::gaps_group_tail, " · {} section(s) with gaps · {} coefficient(s) over the limit");
    t(Text::district_totals, "**District totals.** {}.");
    t(Text::clause_to_standards, "to bring every section to the standards the district needs {}");
    t(Text::clause_to_floors, "to the floors ({}) {}");
    t(Text::clause_school_plans, "for the per-school plans {}");
    t(Text::clause_floor_plans, "for the floor plans of the failing coefficients {}");
    t(Text::clause_checks, "for the school checks {}");
    t(Text::check_amount, "{} {}");
    t(Text::check_amount_over_caps, "{} {} over the caps");
    t(Text::problem_list, "Problem list");
    t(Text::no_standards_for_stage, "The profile sets no per-school standards for this stage.");
    t(Text::every_standard_reached, "Every section reaches every standard.");
    t(Text::value, "Value");
    t(Text::of_standard, "Of standard");
    t(Text::status, "Status");
    t(Text::to_standard, "To the standard");
    t(Text::to_floor, "To the floor ({})");
    t(Text::status_missing, "missing");
    t(Text::status_below_floor, "✗ below floor");
    t(Text::status_above_floor, "▽ above floor");
    t(Text::school_checks, "School checks");
    t(Text::check, "Check");
    t(Text::what_closes_it, "What closes it");
    t(Text::check_note,
      "Classes: classes to add at the same number of students so that the average class meets the "
      "cap; students: students the size cap counts above it.");
    t(Text::not_judged_for_lack, "Not judged for lack of data: {}.");
    t(Text::check_missing_item, "{}: {} section(s)");
    t(Text::over_the_cap, "{} over the cap");
    t(Text::added, "+{}");
    t(Text::lacks_and_adds, "What it lacks, what to add (to the standard)");
    t(Text::lack_standard_add, "{} {} < {}: +{}");
    t(Text::lack_check_add, "{} {} (limit {}): {}");
    t(Text::lacks_nothing_checks, "nothing: every standard reached, every check met");
    t(Text::none_needed, "none needed");
    t(Text::rule_met, "per-school rule met");
    t(Text::cannot_pass, "cannot pass: the stage sets fewer standards than the rule asks to reach");
    t(Text::plan_not_judged, "not judged: a value is missing");
    t(Text::no_rule_for_plan, "no per-school rule");
    t(Text::plan_step, "{} → {} {}: +{}");
    t(Text::target_standard, "standard");
    t(Text::target_floor, "floor");
    t(Text::school_plans, "Per-school plan");
    t(Text::school_plans_intro,
      "The cheapest set of fixes that makes each section meet the per-school rule: every indicator "
      "below its floor raised to the floor, and the missing standards reached where the shortfall "
      "beyond the floor is smallest.");
    t(Text::reached_column, "Reached");
    t(Text::now, "Now");
    t(Text::plan, "Plan (cheapest)");
    t(Text::reached_of, "{} of {}");
    t(Text::composite_limit_note, "{} (composite limit)");
    t(Text::coefficients, "Difference coefficients");
    t(Text::composite_only_note,
      "The profile judges only the composite coefficient; an indicator whose own coefficient "
      "exceeds the composite limit is treated as failing here, to show which indicators raise the "
      "composite.");
    t(Text::audit_heading, "Audit: {} — CV {}, limit {}");
    t(Text::audit_line,
      "P = {} students · X̄ = {} {} · Σ P_i/P·(X_i − X̄)² = S² = {} · S = {} · CV = S/X̄ = {}");
    t(Text::audit_left_out, " · {} school(s) without a value left out");
    t(Text::drivers_line,
      "★ drivers: the {} largest contributor(s), {} of the sum (the fewest reaching {}).");
    t(Text::share, "Share");
    t(Text::cumulative, "Cumulative");
    t(Text::driver, "Driver");
    t(Text::floor_plan_heading, "Floor plan: {}");
    t(Text::floor_unreachable,
      "No floor up to the largest value ({} {}) brings the coefficient within {}.");
    t(Text::floor_raise,
      "Raise every school below L = {} {} to L (the others unchanged): {} school(s), {} in total.");
    t(Text::cv_at_level, "CV with every school at least L: {} (limit {})");
    t(Text::cv_just_below, "CV with the floor at L·(1 − 10⁻⁶): {} ({})");
    t(Text::cv_after, "CV after the rounded amounts below: {} ({})");
    t(Text::within, "within");
    t(Text::over, "over");
    t(Text::add, "Add");
    t(Text::value_after, "X_i after");
    t(Text::totals, "Totals");
    t(Text::to_standards, "To standards");
    t(Text::to_floors, "To floors");
    t(Text::per_school_plans, "Per-school plans");
    t(Text::floor_plans, "Floor plans");
    t(Text::handover_title, "Gap analysis: district summary and per-school plans");
    t(Text::sheet_gap_summary, "District summary");
    t(Text::sheet_school_plans, "Per-school plans");
    t(Text::district_summary, "District summary");
    t(Text::group_column, "Group");
    t(Text::schools_with_plan, "Schools that need action");
    t(Text::schools_failing_rule, "Schools failing the per-school rule");
    t(Text::fixable_schools, "Fixable");
    t(Text::not_fixable_schools, "Not fixable");
    t(Text::to_add_of_unit, "To add: {}");
    t(Text::unit_wan_yuan, "10,000 yuan");
    t(Text::item_column, "Item");
    t(Text::value_now, "Now");
    t(Text::target_column, "Target");
    t(Text::to_add, "To add");
    t(Text::to_add_in_words, "To add (in words)");
    t(Text::school_entry_title, "{} {} · {} · {} students");
    t(Text::entry_fixable,
      "{} of {} standards reached; does not meet the per-school rule; the lines below make it meet "
      "it");
    t(Text::entry_not_fixable,
      "{} of {} standards reached; cannot meet the per-school rule (the stage sets fewer "
      "standards than it asks to reach); the lines below bring it to the standards");
    t(Text::entry_not_judged,
      "not judged against the per-school rule (a value is missing); the lines below bring it to "
      "the standards");
    t(Text::entry_no_rule,
      "the profile has no per-school rule; the lines below bring it to the standards");
    t(Text::entry_checks_only, "meets the per-school rule; fails a school check");
    t(Text::target_level, "{} {}");
    t(Text::students_to_move, "{} to move to other schools");
    t(Text::plan_amounts, "Plan amounts by unit");
    t(Text::handover_groups_note,
      "{} groups: more than {}, so the per-school plans below are those of the {} group(s) with "
      "a difference coefficient over its limit; every school of every group is in the XLSX plan "
      "(-o plan.xlsx).");
    t(Text::no_school_needs_action, "No school needs action.");
    t(Text::gaps_summary_floors,
      "Raising the lowest schools to a uniform floor brings {0} of the coefficients over their "
      "limits within them");
    t(Text::gaps_summary_floors_not, "; for {0}, no floor up to the highest value is enough");
    t(Text::gaps_summary_no_floor,
      "No uniform floor up to the highest value brings them within the limit");
    t(Text::gaps_summary_entry, "{0} needs action (一校一案)");
    t(Text::gaps_summary_entries, "{0} need action (一校一案)");
    t(Text::gaps_summary_fixable,
      ": {0} can meet the per-school rule with what the entries add, {1} cannot under the "
      "standards their stage sets");
    t(Text::gaps_summary_fixable_only,
      ": {0} can meet the per-school rule with what the entries add");
    t(Text::gaps_summary_not_fixable_only,
      ": {0} cannot meet the per-school rule under the standards their stage sets");
    t(Text::gaps_summary_amounts, "The entries add up to {0}");
    t(Text::gaps_summary_no_entry, "No school needs action");
    t(Text::all_of_unit, "all {}");
    t(Text::all_note, "The **all** lines add the indicators counted in the same unit.");
    t(Text::teacher_overlap_note,
      " Teacher categories overlap (a backbone teacher may also hold a degree above the required "
      "one), so the teachers line counts positions by category, an upper bound on the head count.");
    t(Text::errors_one, "{} error");
    t(Text::errors_many, "{} errors");
    t(Text::warnings_one, "{} warning");
    t(Text::warnings_many, "{} warnings");
    t(Text::rows_one, "{} row");
    t(Text::rows_many, "{} rows");
    t(Text::validate_summary, "{}, {} in {} ({})");
    t(Text::valid, "valid");
    t(Text::invalid, "invalid");
    t(Text::more_problems, "... and {} more problems not listed");
    t(Text::compute_verbose, "eduqb: profile {}; {} group(s); {} section(s) excluded");
    t(Text::gaps_verbose, "eduqb: profile {}; {} group(s); {} section(s) with gaps");
    t(Text::summary_heading, "Summary");
    t(Text::summary_sentence_end, ". ");
    t(Text::summary_list_separator, "; ");
    t(Text::summary_one_group, "This report evaluates {0}: {1} and {2} students");
    t(Text::summary_excluded, " ({0} more left out by the profile's rules)");
    t(Text::summary_many_groups,
      "This report evaluates {1} (each a district's stage in one year) in {0}");
    t(Text::summary_district_groups, "This report evaluates {1} (each a stage in one year) of {0}");
    t(Text::summary_group_passes, "Under {0}, {1} meets the requirements");
    t(Text::summary_group_fails, "Under {0}, {1} does not meet the requirements");
    t(Text::summary_group_not_judged,
      "Under {0}, {1} cannot be judged (too few schools, or no rule that applies)");
    t(Text::summary_groups_verdicts,
      "Under {0}, groups meeting the requirements: {1}; not meeting them: {2}");
    t(Text::summary_groups_not_judged, "; not judged: {0}");
    t(Text::summary_no_limit,
      "The profile sets no limit on the difference coefficients; they are for reference only");
    t(Text::summary_within_limits, "No difference coefficient exceeds its limit");
    t(Text::summary_none_judged,
      "No difference coefficient could be judged against its limit (too few schools, or no "
      "students)");
    t(Text::summary_excesses, "Over their limits ({0}): ");
    t(Text::summary_excess, "{0} {1}, limit {2} {3}, over by {4}");
    t(Text::summary_excess_at_limit, "{0} {1}, limit {2} {3}: on the limit, not below it");
    t(Text::summary_groups_within, "No group has a difference coefficient over its limit");
    t(Text::summary_groups_excess,
      "Groups with a difference coefficient over its limit: {0}, most often on {1} ({2})");
    t(Text::summary_largest_excess,
      "the largest excess is {1} in {0}: {2}, limit {3} {4}, over by {5}");
    t(Text::summary_largest_at_limit,
      "the largest excess is {1} in {0}: {2}, limit {3} {4}, on the limit, not below it");
    t(Text::summary_composite, "the composite coefficient");
    t(Text::summary_schools_failing,
      "Schools that do not meet the per-school rule: {1} of {0} (at least {2} of the standards "
      "reached, the others at {3} % or more)");
    t(Text::summary_schools_meet,
      "Every school meets the per-school rule ({0}; at least {1} of the standards reached, the "
      "others at {2} % or more)");
    t(Text::summary_most_missed, "; the standards most often not reached: {0}");
    t(Text::summary_missed_item, "{0} ({1})");
    t(Text::summary_list_comma, ", ");
    t(Text::summary_widest_gap,
      "The widest urban/rural gap is {0}: urban schools at {1} times the rural value");
    t(Text::summary_widest_gap_where,
      "The widest urban/rural gap is {1} in {0}: urban schools at {2} times the rural value");
    t(Text::summary_trend_one, "Against {0}, difference coefficients narrowed: {1}; widened: {2}");
    t(Text::summary_trend_many,
      "Against the year before, over {0} with several years, difference coefficients narrowed: "
      "{1}; widened: {2}");
    t(Text::summary_schools_one, "{} school");
    t(Text::summary_schools_many, "{} schools");
    t(Text::summary_groups_one, "{} group");
    t(Text::summary_groups_many, "{} groups");
    t(Text::summary_districts_one, "{} district");
    t(Text::summary_districts_many, "{} districts");
    t(Text::summary_trends_one, "{} district's stage");
    t(Text::summary_trends_many, "{} districts' stages");
    t(Text::summary_group_name, "{0} {1} {2}");
    t(Text::summary_group_name_no_year, "{0} {1}");
    // Measures beside the CV: tables and charts.
    t(Text::measures_heading, "Inequality beside the difference coefficient");
    t(Text::measures_note,
      "Theil index split by area type: the between share is the part of the inequality that "
      "lies between urban, town and rural schools; the rest lies among the schools of each "
      "area type. Gini 0 and McLoone 1 mean equal schools; the range ratio is the highest "
      "school value over the lowest.");
    t(Text::measures_theil, "Theil index");
    t(Text::measures_within_area, "within area types");
    t(Text::measures_between_area, "between area types");
    t(Text::measures_between_area_share, "between area types, share");
    t(Text::measures_gini, "Gini coefficient");
    t(Text::measures_mcloone, "McLoone index");
    t(Text::measures_range_ratio, "range ratio");
    t(Text::measures_no_inequality, "no inequality (Theil index 0)");
    t(Text::measures_share_chart_title, "Theil index: share within and between area types");
    t(Text::measures_share_caption,
      "Each bar is one indicator's Theil index as 100 %: the part among the schools of each "
      "area type, and the part between urban, town and rural schools.");
    t(Text::measures_across_heading, "Across districts");
    t(Text::measures_across_intro,
      "The Theil index of each indicator over the schools of all districts, split into the "
      "part within the districts and the part between them: a large between share means the "
      "districts differ more than the schools inside them.");
    t(Text::measures_within_districts, "within districts");
    t(Text::measures_between_districts, "between districts");
    t(Text::measures_between_districts_share, "between districts, share");
    t(Text::measures_across_chart_title, "Theil index: share within and between districts");
    t(Text::measures_across_caption,
      "Each bar is one indicator's Theil index over all districts as 100 %: the part within the "
      "districts and the part between them.");
    t(Text::measures_part, "Measure");
    t(Text::measures_trend_heading, "Theil index over the years");
    t(Text::measures_trend_note,
      "A falling part between area types means urban, town and rural schools draw closer; a "
      "falling part within them, that the schools of each area type do. Changes are computed "
      "from unrounded values.");
    t(Text::measures_trend_chart_title, "{}: Theil index");
    t(Text::measures_sheet, "Measures");
    t(Text::measures_across_sheet, "Across districts");
    return t.table();
}

constexpr const char* kEstimatorChinese =
    "按学生数加权的差异系数：X̄ = m·ΣR/ΣP，S = sqrt(Σ (P_i/P)·(X_i − X̄)²)，CV = S/X̄（总体形式，"
    "除以 P）";

LabelTable chinese_table() {
    TableBuilder t;
    t(Text::stage_primary, "小学");
    t(Text::stage_junior, "初中");
    t(Text::stage_senior, "高中");
    t(Text::school_type_primary_school, "小学");
    t(Text::school_type_junior_school, "初级中学");
    t(Text::school_type_nine_year, "九年一贯制学校");
    t(Text::school_type_complete_middle, "完全中学");
    t(Text::school_type_twelve_year, "十二年一贯制学校");
    t(Text::school_type_teaching_point, "教学点");
    t(Text::school_type_special_education, "特殊教育学校");
    t(Text::school_type_vocational, "职业学校");
    t(Text::area_urban, "城区");
    t(Text::area_town, "镇区");
    t(Text::area_rural, "乡村");
    t(Text::na_no_students, "没有有数据的学生");
    t(Text::na_too_few_schools, "不足 2 所学校");
    t(Text::na_zero_mean, "区县值为 0");
    t(Text::na_indicator_na, "有指标的差异系数无法计算");
    t(Text::na_zero_median, "中位数为0");
    t(Text::na_zero_minimum, "最低值为0");
    t(Text::na_no_area_type, "有学校缺少城乡类型");
    t(Text::na_not_computed, "本报告未计算");
    t(Text::rule_stage_not_evaluated, "不在评估范围内的学段（如高中）");
    t(Text::rule_no_students, "没有学生的学段");
    t(Text::rule_invalid, "有错误的行（见错误信息）");
    t(Text::not_available, "无法计算（{}）");
    t(Text::missing_value, "缺失");
    t(Text::amount_teachers, "{} 名教师");
    t(Text::amount_teacher, "{} 名教师");
    t(Text::amount_m2, "{} 平方米");
    t(Text::amount_yuan, "{} 元");
    t(Text::amount_wan_yuan, "{} 万元（{} 元）");
    t(Text::amount_rooms, "{} 间");
    t(Text::amount_room, "{} 间");
    t(Text::amount_computers, "{} 台");
    t(Text::amount_computer, "{} 台");
    t(Text::amount_books, "{} 册");
    t(Text::amount_book, "{} 册");
    t(Text::amount_classes, "{} 个班");
    t(Text::amount_class, "{} 个班");
    t(Text::amount_students, "{} 名学生");
    t(Text::amount_student, "{} 名学生");
    t(Text::unit_teachers, "人");
    t(Text::unit_m2, "平方米");
    t(Text::unit_yuan, "元");
    t(Text::unit_rooms, "间");
    t(Text::unit_computers, "台");
    t(Text::unit_books, "册");
    t(Text::unit_classes, "个班");
    t(Text::unit_students, "名学生");
    t(Text::per_student, "{}/生");
    t(Text::per_100, "{}/百生");
    t(Text::per_n_students, "{}/{}生");
    t(Text::field, "- **{}：**{}");
    t(Text::profile_source, "{}；依据：{}");
    t(Text::report_title, "义务教育均衡发展评估报告");
    t(Text::districts_title, "{} 个区县 {}");
    t(Text::year_of, "{}年");
    t(Text::profile, "评估标准");
    t(Text::source, "依据");
    t(Text::profile_file, "评估标准文件");
    t(Text::profile_read_from, "读自 {}");
    t(Text::profile_edited, "基于 {1} 修改：{0}");
    t(Text::profile_changes, "修改的规则");
    t(Text::estimator, "计算方法");
    t(Text::estimator_text, kEstimatorChinese);
    t(Text::inputs, "输入文件");
    t(Text::reading, "读取说明");
    t(Text::totals_row, "合计行，不是学校");
    t(Text::footer, "表尾（表格到此结束）");
    t(Text::rows_not_read, "未作为学校读取的行");
    t(Text::reading_note_of_input, "{}：{}");
    t(Text::reading_line, "第 {} 行");
    t(Text::reading_lines, "第 {}–{} 行");
    t(Text::reading_titles_skipped, "表头上方{}为标题，已跳过");
    t(Text::reading_header_rows, "{} 行表头（{}）合并为一行读取");
    t(Text::reading_unit_line, "单位行“{}”用于未自注单位的列");
    t(Text::reading_column_numbers, "栏目序号行已跳过（{}）");
    t(Text::reading_above_degree_from_degrees,
      "高于规定学历教师数：小学为研究生毕业 + 本科毕业 + 专科毕业，初中为研究生毕业 + "
      "本科毕业（《教师法》第十一条）");
    t(Text::reading_pe_art_from_music_fine_art, "体育、艺术专任教师数 = 体育 + 音乐 + 美术");
    t(Text::reading_pe_art_from_arts, "体育、艺术专任教师数 = 体育 + 艺术");
    t(Text::reading_sports_from_ground_and_indoor,
      "体育运动场馆面积 = 运动场地面积 + 室内体育用房面积");
    t(Text::reading_sports_from_ground_only,
      "体育运动场馆面积 = 运动场地面积（文件无室内体育用房面积列）");
    t(Text::date, "报告日期");
    t(Text::version, "eduqb 版本");
    t(Text::result, "结果");
    t(Text::result_text, "共 {} 个评估组：{} 个达到要求，{} 个未达到要求");
    t(Text::result_not_judged, "，{} 个不评判");
    t(Text::excluded, "未纳入评估的学校（学段）");
    t(Text::excluded_count, "{}（{}）");
    t(Text::rule_count, "{} {} 个");
    t(Text::list_separator, "，");
    t(Text::clause_separator, "；");
    t(Text::sentence_end, "。");
    t(Text::no_groups, "没有评估任何学校（学段）。");
    t(Text::pass, "达到要求");
    t(Text::fail, "未达到要求");
    t(Text::not_judged, "不评判");
    t(Text::heading_pass, "达到要求");
    t(Text::heading_fail, "未达到要求");
    t(Text::heading_not_judged, "不评判");
    t(Text::meets, "达标");
    t(Text::does_not_meet, "未达标");
    t(Text::school_not_judged, "未评判");

    t(Text::group_heading, "{}：{}");
    t(Text::no_section_judged_note,
      "没有学校（学段）能按学校标准评判：每所都缺少所需的数值（空白单元格，--missing "
      "skip），仅凭差异系数不能判定该组达到要求。");
    t(Text::no_rule_applied_note,
      "没有可适用的规则：差异系数至少需要 2 所学校，且没有学校能按学校标准评判。");
    t(Text::group_facts, "{} 所学校（学段） · {} 名学生 · {} 个未纳入");
    t(Text::school_rule_facts, " · 学校达标：{} 所达标，{} 所未达标");
    t(Text::not_judged_facts, "，{} 所因数据缺失未评判");
    t(Text::indicator, "指标");
    t(Text::district_value, "区县值");
    t(Text::cv, "差异系数");
    t(Text::limit, "限值");
    t(Text::verdict, "结论");
    t(Text::composite, "综合差异系数");
    t(Text::standard, "学校标准");
    t(Text::below_standard, "未达标学校");
    t(Text::below_floor_note, "其中低于标准 {}% 的 {} 所");
    t(Text::left_out_for_empty_cells, "因空白单元格未计入的学校：{}。");
    t(Text::left_out_item, "{} {} 所");
    t(Text::failure_item, "未达到要求：{}");
    t(Text::fail_indicator, "{} 的差异系数为 {}，限值 {}");
    t(Text::fail_composite, "综合差异系数为 {}，限值 {}");
    t(Text::fail_schools, "{} 所学校未达到学校标准");
    t(Text::checks_summary, "学校其他指标：{}");
    t(Text::check_failing, "{} {} 所未达到");
    t(Text::check_without_data, "，{} 所缺少数据");
    t(Text::two_types_counts, "乡村小规模学校 {} 所，乡镇寄宿制学校 {} 所");
    t(Text::area_comparison, "城乡比较");
    t(Text::area_schools, "{}（{} 所学校）");
    t(Text::area_school_one, "{}（1 所学校）");
    t(Text::urban_minus_rural, "城乡差距（城区 − 乡村）");
    t(Text::urban_over_rural, "城乡比（城区 ÷ 乡村）");
    t(Text::schools, "学校");
    t(Text::school_id, "学校代码");
    t(Text::school_name, "学校名称");
    t(Text::school_type, "学校类型");
    t(Text::district, "区县");
    t(Text::year, "年份");
    t(Text::stage, "学段");
    t(Text::students, "学生数");
    t(Text::reached_count, "达标项数");
    t(Text::school_legend, "▽ 低于标准但不低于底线；✗ 低于底线（或学校其他指标未达到）。");
    t(Text::two_types, "两类学校");
    t(Text::kind, "类别");
    t(Text::what_it_lacks, "缺什么");
    t(Text::rural_small, "乡村小规模学校");
    t(Text::township_boarding, "乡镇寄宿制学校");
    t(Text::both_types, "乡村小规模、乡镇寄宿制");
    t(Text::lack_standard, "{} {} < {}");
    t(Text::lack_missing, "{} 缺失");
    t(Text::lack_check, "{} {}（限值 {}）");
    t(Text::lack_not_judged, "未按学校标准评判");
    t(Text::lacks_nothing, "无：各项标准均已达到");
    t(Text::rule, "规则");
    t(Text::line, "行号");
    t(Text::trends, "历年变化");
    t(Text::trends_heading, "历年变化：{}");
    t(Text::trends_intro, "各项指标差异系数的逐年变化（变化量按未取整的系数计算）。");
    t(Text::change, "{}→{} 变化");
    t(Text::trends_note, "✗ 超过限值。变化量按未取整的系数计算。");
    t(Text::above_limit_note, "✗ 超过限值");
    t(Text::html_lang, "zh-CN");
    t(Text::cv_chart_title, "各项指标差异系数与限值");
    t(Text::limit_legend, "限值");
    t(Text::standard_line, "标准 {}");
    t(Text::floor_line, "标准的 {}% = {}");
    t(Text::district_line, "区县值 {}");
    t(Text::reached, "达到标准");
    t(Text::above_floor, "低于标准");
    t(Text::below_floor, "低于标准的 {}%");
    t(Text::noncompliant, "学校未达标");
    t(Text::school_chart_caption, "单位：{}；学校按数值由低到高排列");
    t(Text::charts, "图表");
    t(Text::charts_left_out,
      "本报告共 {} 个评估组，超过 {} "
      "个：各组只列数据表，不画学校图和历年变化图，以免文件过大。需要某一区县的图表时，用该区县的数"
      "据单独生成报告。");
    t(Text::overview, "总览");
    t(Text::failed_indicators, "超过限值的差异系数");
    t(Text::school_count, "学校数");
    t(Text::schools_failing, "学校未达标数");
    t(Text::no_standard, "未设学校标准");
    t(Text::sheet_overview, "概述");
    t(Text::sheet_summary, "汇总");
    t(Text::sheet_trends, "历年变化");
    t(Text::sheet_exclusions, "未纳入");
    t(Text::sheet_parameters, "参数");
    t(Text::sheet_area_comparison, "城乡比较");
    t(Text::sheet_two_types, "两类学校");
    t(Text::sheet_comparison, "评估标准对比");
    t(Text::check_failing_count, "未达到的学校数");
    t(Text::check_missing_count, "缺少数据的学校数");
    t(Text::check_verdict, "{}结论");
    t(Text::area_row, "城乡类型或差距");
    t(Text::profile_report, "{} 评估结果");
    t(Text::item, "项目");
    t(Text::schools_compliant, "学校达标");
    t(Text::schools_not_compliant, "学校未达标");
    t(Text::area, "城乡");
    t(Text::file, "文件");
    t(Text::standard_of, "{}（标准 {}）");
    t(Text::indicator_id, "指标代码");
    t(Text::indicator_name, "指标名称");
    t(Text::change_from_previous, "较上年变化");
    t(Text::rule_id, "规则代码");
    t(Text::title, "名称");
    t(Text::school_rule_min, "学校标准：至少达标项数");
    t(Text::school_rule_floor, "学校标准：其余指标不低于标准的比例");
    t(Text::indicators, "指标");
    t(Text::unit, "单位");
    t(Text::multiplier, "倍数");
    t(Text::weight, "权重");
    t(Text::standard_for, "标准（{}）");
    t(Text::cv_limit_for, "差异系数限值（{}）");
    t(Text::exclusion_rules, "未纳入规则");
    t(Text::description, "说明");
    t(Text::students_below, "学生数少于");
    t(Text::split_weights, "一贯制学校分摊权重");
    t(Text::shared_columns, "分摊的设施");
    t(Text::comparison_title, "多标准对照");
    t(Text::cvs_over, "{} 项差异系数超过限值");
    t(Text::composite_over, "综合差异系数超过限值");
    t(Text::schools_not_meeting, "{} 所学校未达标");
    t(Text::gaps_title, "问题清单与一校一案");
    t(Text::per_school_rule, "学校标准");
    t(Text::per_school_rule_text, "至少 {} 项达到标准，其余各项不低于标准的 {}（底线）");
    t(Text::no_school_rule, "本评估标准未设");
    t(Text::gaps_result,
      "共 {} 个评估组；{} 所学校（学段）有未达到的标准或未通过的检查；{} 项差异系数超过限值");
    t(Text::gaps_excluded, "{}（eduqb compute --level school 列出明细）");
    t(Text::gaps_amounts_note,
      "数量按自然单位向上取整：教师按人，面积按平方米，金额 1 "
      "万元以上按万元（并注明元），教室按间。规则和公式见 docs/gaps.md。");
    t(Text::gaps_group_facts, "{} 所学校 · {} 名学生");
    t(Text::gaps_rule_facts, " · 学校标准：{} 所达到，{} 所未达到");
    t(Text::gaps_group_tail, " · {} 所学校（学段）有差距 · {} 项差异系数超过限值");
    t(Text::district_totals, "**区县合计。** {}。");
    t(Text::clause_to_standards, "各学校（学段）补足到标准共需 {}");
    t(Text::clause_to_floors, "补足到底线（{}）需 {}");
    t(Text::clause_school_plans, "一校一案需 {}");
    t(Text::clause_floor_plans, "未达到的差异系数的补短板方案需 {}");
    t(Text::clause_checks, "学校其他指标需 {}");
    t(Text::check_amount, "{} {}");
    t(Text::check_amount_over_caps, "{} 超出 {}");
    t(Text::problem_list, "问题清单");
    t(Text::no_standards_for_stage, "本评估标准对该学段未设学校标准。");
    t(Text::every_standard_reached, "各学校（学段）均达到各项标准。");
    t(Text::value, "现值");
    t(Text::of_standard, "达成");
    t(Text::status, "状态");
    t(Text::to_standard, "补至标准");
    t(Text::to_floor, "补至底线（{}）");
    t(Text::status_missing, "缺失");
    t(Text::status_below_floor, "✗ 低于底线");
    t(Text::status_above_floor, "▽ 高于底线");
    t(Text::school_checks, "班额、规模等学校其他指标");
    t(Text::check, "检查");
    t(Text::what_closes_it, "补什么");
    t(Text::check_note,
      "班：学生数不变时为使平均班额不超过上限需增加的班数；学生：学校规模上限以外的学生数。");
    t(Text::not_judged_for_lack, "因缺少数据未评判：{}。");
    t(Text::check_missing_item, "{} {} 所");
    t(Text::over_the_cap, "超出 {}");
    t(Text::added, "+{}");
    t(Text::lacks_and_adds, "缺什么、补什么（补至标准）");
    t(Text::lack_standard_add, "{} {} < {}：+{}");
    t(Text::lack_check_add, "{} {}（限值 {}）：{}");
    t(Text::lacks_nothing_checks, "无：各项标准均已达到，各项检查均已通过");
    t(Text::none_needed, "无需补充");
    t(Text::rule_met, "已达到学校标准");
    t(Text::cannot_pass, "无法达标：该学段设定的标准少于规则要求达到的项数");
    t(Text::plan_not_judged, "未评判：有数值缺失");
    t(Text::no_rule_for_plan, "未设学校标准");
    t(Text::plan_step, "{} → {} {}：+{}");
    t(Text::target_standard, "标准");
    t(Text::target_floor, "底线");
    t(Text::school_plans, "一校一案");
    t(Text::school_plans_intro,
      "使每所学校（学段）达到学校标准的最省方案：低于底线的指标补至底线，其余差额最小的指标补至标准"
      "。");
    t(Text::reached_column, "达标项数");
    t(Text::now, "现状");
    t(Text::plan, "方案（最省）");
    t(Text::reached_of, "{}/{}");
    t(Text::composite_limit_note, "{}（综合差异系数限值）");
    t(Text::coefficients, "差异系数");
    t(Text::composite_only_note,
      "本评估标准只评判综合差异系数；此处把自身差异系数超过综合限值的指标视为未达到，以显示哪些指标"
      "推高了综合差异系数。");
    t(Text::audit_heading, "差异系数核算：{} — CV {}，限值 {}");
    t(Text::audit_line,
      "P = {} 名学生 · X̄ = {} {} · Σ P_i/P·(X_i − X̄)² = S² = {} · S = {} · CV = S/X̄ = {}");
    t(Text::audit_left_out, " · {} 所无数值的学校未计入");
    t(Text::drivers_line,
      "★ 主要来源：贡献最大的 {} 所学校，占总和的 {}（达到 {} 所需的最少学校）。");
    t(Text::share, "占比");
    t(Text::cumulative, "累计");
    t(Text::driver, "主要来源");
    t(Text::floor_plan_heading, "补短板方案：{}");
    t(Text::floor_unreachable, "底线提高到最大值（{} {}）也不能使差异系数达到 {}。");
    t(Text::floor_raise, "把低于 L = {} {} 的学校补至 L（其余不变）：{} 所学校，共 {}。");
    t(Text::cv_at_level, "各学校不低于 L 时的差异系数：{}（限值 {}）");
    t(Text::cv_just_below, "底线为 L·(1 − 10⁻⁶) 时的差异系数：{}（{}）");
    t(Text::cv_after, "按下表取整补充后的差异系数：{}（{}）");
    t(Text::within, "未超过限值");
    t(Text::over, "超过限值");
    t(Text::add, "补充");
    t(Text::value_after, "补充后 X_i");
    t(Text::totals, "合计");
    t(Text::to_standards, "补至标准");
    t(Text::to_floors, "补至底线");
    t(Text::per_school_plans, "一校一案");
    t(Text::floor_plans, "补短板方案");
    t(Text::handover_title, "差距分析：区县汇总与一校一案");
    t(Text::sheet_gap_summary, "区县汇总");
    t(Text::sheet_school_plans, "一校一案");
    t(Text::district_summary, "区县汇总");
    t(Text::group_column, "评估组");
    t(Text::schools_with_plan, "需要补充的学校");
    t(Text::schools_failing_rule, "未达到学校标准的学校");
    t(Text::fixable_schools, "可补足");
    t(Text::not_fixable_schools, "无法补足");
    t(Text::to_add_of_unit, "需补（{}）");
    t(Text::unit_wan_yuan, "万元");
    t(Text::item_column, "项目");
    t(Text::value_now, "现值");
    t(Text::target_column, "目标");
    t(Text::to_add, "补充数量");
    t(Text::to_add_in_words, "补充（说明）");
    t(Text::school_entry_title, "{} {} · {} · {} 名学生");
    t(Text::entry_fixable, "达到 {}/{} 项标准；未达到学校标准，按下列各项补充后可达到");
    t(Text::entry_not_fixable,
      "达到 {}/{} "
      "项标准；该学段设定的标准少于规则要求达到的项数，无法达到学校标准；下列各项补至标准");
    t(Text::entry_not_judged, "有数值缺失，未按学校标准评判；下列各项补至标准");
    t(Text::entry_no_rule, "本评估标准未设学校标准；下列各项补至标准");
    t(Text::entry_checks_only, "已达到学校标准；班额、规模等学校其他指标未通过");
    t(Text::target_level, "{} {}");
    t(Text::students_to_move, "需分流 {}");
    t(Text::plan_amounts, "方案合计（按单位）");
    t(Text::handover_groups_note,
      "共 {} 个评估组，超过 {} 个，下面只列出差异系数超过限值的 {} "
      "个评估组的一校一案；各评估组全部学校的方案见电子表格方案。");
    t(Text::no_school_needs_action, "没有需要补充的学校。");
    t(Text::gaps_summary_floors,
      "将低值学校统一提高到同一底线，可使超限的差异系数中{0}项降至限值以内");
    t(Text::gaps_summary_floors_not, "；另有{0}项即使提高到最高值也无法达到");
    t(Text::gaps_summary_no_floor,
      "将低值学校统一提高到任何不超过最高值的底线，均无法使其降至限值以内");
    t(Text::gaps_summary_entry, "{0}需采取措施（一校一案）");
    t(Text::gaps_summary_entries, "{0}需采取措施（一校一案）");
    t(Text::gaps_summary_fixable,
      "，其中{0}所按所列措施补足后可达到校际均衡要求，{1}所在本学段所设标准下无法达到");
    t(Text::gaps_summary_fixable_only, "，其中{0}所按所列措施补足后可达到校际均衡要求");
    t(Text::gaps_summary_not_fixable_only, "，其中{0}所在本学段所设标准下无法达到校际均衡要求");
    t(Text::gaps_summary_amounts, "所列措施合计需增加{0}");
    t(Text::gaps_summary_no_entry, "没有需要采取措施的学校");
    t(Text::all_of_unit, "合计（{}）");
    t(Text::all_note, "**合计**行把单位相同的指标相加。");
    t(Text::teacher_overlap_note,
      "教师类别有重叠（骨干教师也可能具有高于规定的学历），教师合计按类别计岗位数，是人数的上限。");
    t(Text::errors_one, "{} 个错误");
    t(Text::errors_many, "{} 个错误");
    t(Text::warnings_one, "{} 个警告");
    t(Text::warnings_many, "{} 个警告");
    t(Text::rows_one, "{} 行");
    t(Text::rows_many, "{} 行");
    t(Text::validate_summary, "{}，{}，共 {}（{}）");
    t(Text::valid, "有效");
    t(Text::invalid, "无效");
    t(Text::more_problems, "……另有 {} 个问题未列出");
    t(Text::compute_verbose, "eduqb：评估标准 {}；{} 个评估组；{} 个学校（学段）未纳入");
    t(Text::gaps_verbose, "eduqb：评估标准 {}；{} 个评估组；{} 个学校（学段）有差距");
    t(Text::summary_heading, "评估结论摘要");
    t(Text::summary_sentence_end, "。");
    t(Text::summary_list_separator, "；");
    t(Text::summary_one_group, "本报告评估{0}，共{1}、{2}名学生");
    t(Text::summary_excluded, "（另有{0}所按规定不参与评估）");
    t(Text::summary_many_groups, "本报告评估{0}的{1}（每个区县每年每个学段为一个单元）");
    t(Text::summary_district_groups, "本报告评估{0}的{1}（每年每个学段为一个单元）");
    t(Text::summary_group_passes, "按《{0}》，{1}达到要求");
    t(Text::summary_group_fails, "按《{0}》，{1}未达到要求");
    t(Text::summary_group_not_judged, "按《{0}》，{1}无法判定（学校不足或缺少可判定的规则）");
    t(Text::summary_groups_verdicts, "按《{0}》，{1}个单元达到要求，{2}个未达到");
    t(Text::summary_groups_not_judged, "，{0}个无法判定");
    t(Text::summary_no_limit, "本标准未设差异系数限值，差异系数仅供参考");
    t(Text::summary_within_limits, "各项差异系数均未超过限值");
    t(Text::summary_none_judged, "差异系数均无法与限值比较（学校不足或无学生）");
    t(Text::summary_excesses, "{0}项差异系数超过限值：");
    t(Text::summary_excess, "{0}为{1}，限值{2}{3}，超出{4}");
    t(Text::summary_excess_at_limit, "{0}为{1}，限值{2}{3}，恰在限值上而未低于限值");
    t(Text::summary_groups_within, "各单元的差异系数均未超过限值");
    t(Text::summary_groups_excess, "{0}个单元有差异系数超过限值，其中最常见的是{1}（{2}个单元）");
    t(Text::summary_largest_excess, "超出最多的是{0}的{1}：{2}，限值{3}{4}，超出{5}");
    t(Text::summary_largest_at_limit,
      "超出最多的是{0}的{1}：{2}，限值{3}{4}，恰在限值上而未低于限值");
    t(Text::summary_composite, "综合差异系数");
    t(Text::summary_schools_failing,
      "{0}中有{1}所未达到校际达标要求（至少{2}项达到标准，其余不低于标准的{3}%）");
    t(Text::summary_schools_meet,
      "{0}均达到校际达标要求（至少{1}项达到标准，其余不低于标准的{2}%）");
    t(Text::summary_most_missed, "；未达到次数最多的标准：{0}");
    t(Text::summary_missed_item, "{0}（{1}）");
    t(Text::summary_list_comma, "、");
    t(Text::summary_widest_gap, "城乡差距最大的是{0}：城区为乡村的{1}倍");
    t(Text::summary_widest_gap_where, "城乡差距最大的是{0}的{1}：城区为乡村的{2}倍");
    t(Text::summary_trend_one, "与{0}年相比，{1}项差异系数缩小，{2}项扩大");
    t(Text::summary_trend_many, "在{0}中，与上一年相比共有{1}项差异系数缩小，{2}项扩大");
    t(Text::summary_schools_one, "{}所学校");
    t(Text::summary_schools_many, "{}所学校");
    t(Text::summary_groups_one, "{}个评估单元");
    t(Text::summary_groups_many, "{}个评估单元");
    t(Text::summary_districts_one, "{}个区县");
    t(Text::summary_districts_many, "{}个区县");
    t(Text::summary_trends_one, "{}个跨年度的区县学段");
    t(Text::summary_trends_many, "{}个跨年度的区县学段");
    t(Text::summary_group_name, "{0}{1}年{2}");
    t(Text::summary_group_name_no_year, "{0}{1}");
    // Measures beside the CV: tables and charts.
    t(Text::measures_heading, "差异系数以外的差异测度");
    t(Text::measures_note,
      "泰尔指数按城乡类型分解：城乡类型间贡献率为城区、镇区、乡村学校之间的差异占总差异的比例，"
      "其余为各类型内部学校之间的差异。基尼系数为0、麦克卢恩指数为1表示学校之间没有差异；"
      "极差率为学校最高值与最低值之比。");
    t(Text::measures_theil, "泰尔指数");
    t(Text::measures_within_area, "城乡类型内差异");
    t(Text::measures_between_area, "城乡类型间差异");
    t(Text::measures_between_area_share, "城乡类型间贡献率");
    t(Text::measures_gini, "基尼系数");
    t(Text::measures_mcloone, "麦克卢恩指数");
    t(Text::measures_range_ratio, "极差率");
    t(Text::measures_no_inequality, "无差异（泰尔指数为0）");
    t(Text::measures_share_chart_title, "泰尔指数的城乡类型内、类型间构成");
    t(Text::measures_share_caption,
      "每条横条为一项指标的泰尔指数（100%）：各城乡类型内部学校之间的差异，"
      "与城区、镇区、乡村之间的差异。");
    t(Text::measures_across_heading, "区县间差异分解");
    t(Text::measures_across_intro,
      "各项指标在全部区县学校上的泰尔指数，分解为区县内差异与区县间差异：区县间贡献率越高，"
      "说明区县之间的差异越大于各区县内部学校之间的差异。");
    t(Text::measures_within_districts, "区县内差异");
    t(Text::measures_between_districts, "区县间差异");
    t(Text::measures_between_districts_share, "区县间贡献率");
    t(Text::measures_across_chart_title, "泰尔指数的区县内、区县间构成");
    t(Text::measures_across_caption,
      "每条横条为一项指标在全部区县上的泰尔指数（100%）：区县内部学校之间的差异，"
      "与区县之间的差异。");
    t(Text::measures_part, "测度");
    t(Text::measures_trend_heading, "泰尔指数历年变化");
    t(Text::measures_trend_note,
      "城乡类型间差异下降，说明城区、镇区、乡村学校之间的差距在缩小；城乡类型内差异下降，"
      "说明各类型内部学校之间的差距在缩小。变化量按未取整的数值计算。");
    t(Text::measures_trend_chart_title, "{}：泰尔指数");
    t(Text::measures_sheet, "差异测度");
    t(Text::measures_across_sheet, "区县间差异");
    return t.table();
}

}  // namespace

std::string Labels::count(Text one, Text many, long long count) const {
    return (*this)(count == 1 ? one : many, count);
}

std::string_view Labels::stage(Stage stage) const {
    static constexpr Text kTexts[] = {Text::stage_primary, Text::stage_junior, Text::stage_senior};
    return (*this)[kTexts[static_cast<int>(stage)]];
}

std::string_view Labels::school_type(SchoolType type) const {
    static constexpr Text kTexts[] = {
        Text::school_type_primary_school,    Text::school_type_junior_school,
        Text::school_type_nine_year,         Text::school_type_complete_middle,
        Text::school_type_twelve_year,       Text::school_type_teaching_point,
        Text::school_type_special_education, Text::school_type_vocational};
    return (*this)[kTexts[static_cast<int>(type)]];
}

std::string_view Labels::area(AreaType area) const {
    switch (area) {
        case AreaType::urban:
            return (*this)[Text::area_urban];
        case AreaType::town:
            return (*this)[Text::area_town];
        case AreaType::rural:
            return (*this)[Text::area_rural];
        case AreaType::unknown:
            break;
    }
    return "";
}

std::string_view Labels::reason(NaReason reason) const {
    switch (reason) {
        case NaReason::no_students:
            return (*this)[Text::na_no_students];
        case NaReason::too_few_schools:
            return (*this)[Text::na_too_few_schools];
        case NaReason::zero_mean:
            return (*this)[Text::na_zero_mean];
        case NaReason::indicator_na:
            return (*this)[Text::na_indicator_na];
        case NaReason::zero_median:
            return (*this)[Text::na_zero_median];
        case NaReason::zero_minimum:
            return (*this)[Text::na_zero_minimum];
        case NaReason::no_area_type:
            return (*this)[Text::na_no_area_type];
        case NaReason::not_computed:
            return (*this)[Text::na_not_computed];
        case NaReason::none:
            break;
    }
    return "";
}

std::string Labels::not_available(NaReason reason) const {
    return (*this)(Text::not_available, this->reason(reason));
}

const std::string& Labels::indicator(const IndicatorDef& def) const {
    return language_ == Language::zh ? def.label_zh : def.label_en;
}

const std::string& Labels::check(const SchoolCheck& check) const {
    return language_ == Language::zh ? check.label_zh : check.label_en;
}

std::string Labels::exclusion_rule(const Profile& profile, const std::string& rule_id,
                                   const std::string& description) const {
    const auto name = [this](const ExclusionRule& rule) {
        return language_ == Language::zh ? rule.label_zh : rule.label_en;
    };
    for (const auto& rule : profile.exclusions) {
        if (rule.id == rule_id) return name(rule);
    }
    if (rule_id == kStageNotEvaluated.id)
        return std::string((*this)[Text::rule_stage_not_evaluated]);
    if (rule_id == kNoStudents.id) return std::string((*this)[Text::rule_no_students]);
    if (rule_id == "invalid") return std::string((*this)[Text::rule_invalid]);
    return description;
}

std::string Labels::unit(const IndicatorDef& def) const {
    const std::string& given = language_ == Language::zh ? def.unit_zh : def.unit;
    if (!given.empty()) return given;
    const std::string name(unit_name(resource_unit(def.column)));
    if (def.multiplier == 1) return (*this)(Text::per_student, name);
    if (def.multiplier == 100) return (*this)(Text::per_100, name);
    return (*this)(Text::per_n_students, name, def.multiplier);
}

std::string Labels::profile_title(const Profile& profile) const {
    if (language_ == Language::en && !profile.title_en.empty()) return profile.title_en;
    return profile.title;
}

std::string Labels::excluded_summary(const Report& report) const {
    const std::string total = std::to_string(report.excluded_total());
    if (report.excluded_by_rule.empty()) return total;
    std::string rules;
    for (const auto& [rule, count] : report.excluded_by_rule) {
        if (!rules.empty()) rules += (*this)[Text::list_separator];
        rules += (*this)(Text::rule_count, exclusion_rule(report.profile, rule, rule), count);
    }
    return (*this)(Text::excluded_count, total, rules);
}

std::string Labels::reading_note(const ReadingNote& note) const {
    using Kind = ReadingNote::Kind;
    const std::string lines = note.first == note.last
                                  ? (*this)(Text::reading_line, note.first)
                                  : (*this)(Text::reading_lines, note.first, note.last);
    std::string text;
    switch (note.kind) {
        case Kind::titles_skipped:
            text = (*this)(Text::reading_titles_skipped, lines);
            break;
        case Kind::header_rows:
            text = (*this)(Text::reading_header_rows, note.rows, lines);
            break;
        case Kind::unit_line:
            text = (*this)(Text::reading_unit_line, note.text);
            break;
        case Kind::column_numbers:
            text = (*this)(Text::reading_column_numbers, lines);
            break;
        case Kind::above_degree_from_degrees:
            text = (*this)[Text::reading_above_degree_from_degrees];
            break;
        case Kind::pe_art_from_music_fine_art:
            text = (*this)[Text::reading_pe_art_from_music_fine_art];
            break;
        case Kind::pe_art_from_arts:
            text = (*this)[Text::reading_pe_art_from_arts];
            break;
        case Kind::sports_from_ground_and_indoor:
            text = (*this)[Text::reading_sports_from_ground_and_indoor];
            break;
        case Kind::sports_from_ground_only:
            text = (*this)[Text::reading_sports_from_ground_only];
            break;
    }
    return (*this)(Text::reading_note_of_input, note.input, text);
}

std::string Labels::profile_file_note(const Profile& profile) const {
    if (profile.file.empty()) return "";
    if (!profile.edited) return (*this)(Text::profile_read_from, profile.file);
    return (*this)(Text::profile_edited, profile.file, profile.id);
}

namespace {

struct UnitTexts {
    std::string_view unit;
    Text many;
    Text one;
    Text name;
};

/// The units of the gaps report (resource_unit, check_unit) and their texts.
constexpr UnitTexts kUnits[] = {
    {"teachers", Text::amount_teachers, Text::amount_teacher, Text::unit_teachers},
    {"m²", Text::amount_m2, Text::amount_m2, Text::unit_m2},
    {"yuan", Text::amount_yuan, Text::amount_yuan, Text::unit_yuan},
    {"rooms", Text::amount_rooms, Text::amount_room, Text::unit_rooms},
    {"computers", Text::amount_computers, Text::amount_computer, Text::unit_computers},
    {"books", Text::amount_books, Text::amount_book, Text::unit_books},
    {"classes", Text::amount_classes, Text::amount_class, Text::unit_classes},
    {"students", Text::amount_students, Text::amount_student, Text::unit_students},
};

const UnitTexts* unit_texts(std::string_view unit) {
    for (const auto& texts : kUnits) {
        if (texts.unit == unit) return &texts;
    }
    return nullptr;
}

}  // namespace

std::string Labels::amount(long long units, std::string_view unit) const {
    const UnitTexts* texts = unit_texts(unit);
    if (!texts) return detail::thousands(units) + " " + std::string(unit);
    if (unit == "yuan" && units >= 10000) {
        // 万元 as offices budget it, rounded up to the hundred yuan, with the exact yuan.
        const long long hundreds = (units + 99) / 100;
        const std::string wan =
            fmt::format("{}.{:02d}", detail::thousands(hundreds / 100), hundreds % 100);
        return (*this)(Text::amount_wan_yuan, wan, detail::thousands(units));
    }
    return (*this)(units == 1 ? texts->one : texts->many, detail::thousands(units));
}

std::string_view Labels::unit_name(std::string_view unit) const {
    const UnitTexts* texts = unit_texts(unit);
    return texts ? (*this)[texts->name] : unit;
}

const Labels& labels_for(Language language) {
    static const LabelTable chinese_texts = chinese_table();
    static const LabelTable english_texts = english_table();
    static const Labels chinese(Language::zh, chinese_texts);
    static const Labels english(Language::en, english_texts);
    return language == Language::zh ? chinese : english;
}

namespace {

/// True for "zh", "zh_CN", "zh_TW.UTF-8", "zh_HK@stroke", "zh.GB18030".
bool names_chinese(std::string_view locale) {
    const std::string_view language = locale.substr(0, locale.find_first_of("_.@"));
    return language == "zh";
}

}  // namespace

Language language_of_locale(std::string_view lc_all, std::string_view lc_messages,
                            std::string_view lang) {
    for (const std::string_view value : {lc_all, lc_messages, lang}) {
        if (!value.empty()) return names_chinese(value) ? Language::zh : Language::en;
    }
    return Language::en;
}

}  // namespace eduqb
