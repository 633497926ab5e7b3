// Invariants of the difference coefficient over thousands of randomly generated districts
// (seeded, so every failure reproduces). Districts are written as CSV text and run through the
// real pipeline; expectations come from the generated numbers, never from eduqb's own output.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/dispersion.hpp"
#include "eduqb/judge.hpp"
#include "scope/split.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

/// Districts per property; each property checks every indicator of both national profiles.
/// The sanitizer build (several times slower) looks for memory errors, not rare numbers, and
/// runs a quarter of them.
constexpr int kDistricts = kSanitized ? 500 : 2000;
/// Districts written into one CSV text (one group each), so that a run covers many of them.
constexpr int kPerFile = 100;

/// The numeric columns of test_support's kHeader after students, in header order.
constexpr Column kNumericColumns[] = {Column::teachers,
                                      Column::teachers_above_degree,
                                      Column::teachers_backbone,
                                      Column::teachers_pe_art,
                                      Column::teachers_senior_title,
                                      Column::teaching_area_m2,
                                      Column::sports_area_m2,
                                      Column::equipment_value_yuan,
                                      Column::multimedia_rooms,
                                      Column::computers,
                                      Column::books,
                                      Column::classes};

struct School {
    std::string id;
    std::string type = "primary_school";
    std::string stage = "primary";
    double students = 0;
    std::map<Column, double> values;  ///< numeric columns except students; absent: empty cell
};

struct District {
    std::string name;
    std::vector<School> schools;
};

/// Shortest text that reads back as the same double, so the pipeline sees exactly our numbers.
std::string exact(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

/// A plausible primary-school district: 2–40 schools of 10–3000 students, teacher counts that
/// pass validation, and facilities that vary a lot between schools.
District random_district(std::mt19937_64& random, const std::string& name) {
    std::uniform_int_distribution<int> school_count(2, 40);
    std::uniform_int_distribution<int> students_of(10, 3000);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    District district;
    district.name = name;
    const int n = school_count(random);
    for (int i = 0; i < n; ++i) {
        School school;
        school.id = name + "-" + std::to_string(i);
        school.students = students_of(random);
        // At most a tenth of the students, so that every count survives scaling by up to 10.
        const double teachers = std::floor(school.students / 10 * (0.3 + 0.7 * unit(random)));
        school.values[Column::teachers] = teachers;
        for (Column part : {Column::teachers_above_degree, Column::teachers_backbone,
                            Column::teachers_pe_art, Column::teachers_senior_title}) {
            school.values[part] = std::floor(teachers * unit(random));
        }
        const double size = school.students * (0.2 + 1.8 * unit(random));
        school.values[Column::teaching_area_m2] = size * (2 + 6 * unit(random));
        school.values[Column::sports_area_m2] = size * (3 + 12 * unit(random));
        school.values[Column::equipment_value_yuan] = std::round(size * 3000 * unit(random));
        school.values[Column::multimedia_rooms] = std::round(size / 25 * unit(random));
        school.values[Column::computers] = std::round(size / 5 * unit(random));
        school.values[Column::books] = std::round(size * 40 * unit(random));
        school.values[Column::classes] = std::max(1.0, std::round(school.students / 45));
        district.schools.push_back(std::move(school));
    }
    return district;
}

std::string csv_row(const District& district, const School& school) {
    std::string row = school.id + ",school " + school.id + "," + district.name + ",2024," +
                      school.type + "," + school.stage + ",urban," + exact(school.students);
    for (Column column : kNumericColumns) {
        row += ',';
        auto found = school.values.find(column);
        if (found != school.values.end()) row += exact(found->second);
    }
    return row + "\n";
}

std::string csv_text(const std::vector<District>& districts) {
    std::string text = kHeader;
    for (const auto& district : districts) {
        for (const auto& school : district.schools) text += csv_row(district, school);
    }
    return text;
}

/// Runs the pipeline; the CV of every indicator, by district name and indicator index.
using Cvs = std::map<std::string, std::vector<Measure>>;
Cvs coefficients(const std::string& csv, const std::string& profile) {
    const Report report = evaluate_text(csv, profile);
    Cvs result;
    for (const auto& group : report.groups) {
        auto& cvs = result[group.key.district];
        for (const auto& indicator : group.indicators) cvs.push_back(indicator.dispersion.cv);
        cvs.push_back(group.composite.cv);
    }
    return result;
}

double relative_error(double a, double b) {
    if (a == b) return 0;
    return std::abs(a - b) / std::max(std::abs(b), 1e-300);
}

/// Every CV defined in `a` equals the one in `b` within `tolerance` (relative), and NA agrees.
void check_same(const Cvs& a, const Cvs& b, double tolerance) {
    REQUIRE(a.size() == b.size());
    for (const auto& [district_, cvs] : a) {
        const std::string& district = district_;  // CAPTURE cannot take a structured binding
        CAPTURE(district);
        const auto& other = b.at(district);
        REQUIRE(cvs.size() == other.size());
        for (std::size_t k = 0; k < cvs.size(); ++k) {
            CAPTURE(k);
            REQUIRE(cvs[k].na == other[k].na);
            if (cvs[k].defined()) CHECK(relative_error(cvs[k].value, other[k].value) <= tolerance);
        }
    }
}

/// Generates kDistricts districts in files of kPerFile, seeded by `seed`.
std::vector<std::vector<District>> district_files(std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::vector<std::vector<District>> files;
    for (int f = 0; f < kDistricts / kPerFile; ++f) {
        std::vector<District> districts;
        for (int d = 0; d < kPerFile; ++d) {
            districts.push_back(random_district(random, "d" + std::to_string(f * kPerFile + d)));
        }
        files.push_back(std::move(districts));
    }
    return files;
}

const char* const kProfiles[] = {"national-2012", "national-2017"};

/// The official estimator in long double, two passes, from the generated numbers alone.
long double reference_cv(const std::vector<double>& students, const std::vector<double>& resources,
                         double multiplier) {
    long double total_students = 0, total_resource = 0;
    for (std::size_t i = 0; i < students.size(); ++i) {
        total_students += students[i];
        total_resource += resources[i];
    }
    const long double mean = multiplier * total_resource / total_students;
    long double squares = 0;
    for (std::size_t i = 0; i < students.size(); ++i) {
        const long double x = static_cast<long double>(multiplier) * resources[i] / students[i];
        squares += students[i] / total_students * (x - mean) * (x - mean);
    }
    return std::sqrt(squares) / mean;
}

}  // namespace

TEST_CASE("property: CV unchanged when every resource is scaled by a constant") {
    std::mt19937_64 random(20240901);
    const double factors[] = {0.5, 2, 3.7, 10, 0.125, 7.3};
    for (const auto& districts : district_files(1)) {
        std::vector<District> scaled = districts;
        const double factor = factors[random() % std::size(factors)];
        CAPTURE(factor);
        for (auto& district : scaled) {
            for (auto& school : district.schools) {
                for (auto& [column, value] : school.values) {
                    if (column != Column::classes) value *= factor;
                }
            }
        }
        for (const char* profile : kProfiles) {
            CAPTURE(profile);
            check_same(coefficients(csv_text(scaled), profile),
                       coefficients(csv_text(districts), profile), 1e-12);
        }
    }
}

TEST_CASE("property: CV unchanged when the schools are reordered") {
    std::mt19937_64 random(20240902);
    for (const auto& districts : district_files(2)) {
        // Shuffle every row of the file, so districts interleave too.
        std::vector<std::string> rows;
        for (const auto& district : districts) {
            for (const auto& school : district.schools) rows.push_back(csv_row(district, school));
        }
        std::shuffle(rows.begin(), rows.end(), random);
        std::string shuffled = kHeader;
        for (const auto& row : rows) shuffled += row;
        for (const char* profile : kProfiles) {
            CAPTURE(profile);
            check_same(coefficients(shuffled, profile), coefficients(csv_text(districts), profile),
                       1e-12);
        }
    }
}

TEST_CASE("property: merging two identical districts leaves every CV unchanged") {
    for (const auto& districts : district_files(3)) {
        std::vector<District> doubled = districts;
        for (auto& district : doubled) {
            const std::size_t n = district.schools.size();
            for (std::size_t i = 0; i < n; ++i) {
                School copy = district.schools[i];
                copy.id += "-copy";
                district.schools.push_back(std::move(copy));
            }
        }
        for (const char* profile : kProfiles) {
            CAPTURE(profile);
            check_same(coefficients(csv_text(doubled), profile),
                       coefficients(csv_text(districts), profile), 1e-12);
        }
    }
}

TEST_CASE("property: a district where every school has the same ratio has CV 0") {
    std::mt19937_64 random(20240904);
    std::uniform_int_distribution<int> eighths(1, 8 * 50);
    for (auto districts : district_files(4)) {
        for (auto& district : districts) {
            // A ratio per column, a multiple of 1/8: R_i = ratio·P_i and R_i / P_i are exact.
            std::map<Column, double> ratio;
            for (Column column : kNumericColumns) ratio[column] = eighths(random) / 8.0;
            // Teachers stay below the students, and each kind of teacher below the teachers.
            ratio[Column::teachers] = 0.0625;
            for (Column part : {Column::teachers_above_degree, Column::teachers_backbone,
                                Column::teachers_pe_art, Column::teachers_senior_title}) {
                ratio[part] = static_cast<double>(random() % 8 + 1) / 128;
            }
            for (auto& school : district.schools) {
                for (auto& [column, value] : school.values) {
                    if (column != Column::classes) value = ratio[column] * school.students;
                }
            }
        }
        for (const char* profile : kProfiles) {
            CAPTURE(profile);
            for (const auto& [district_, cvs] : coefficients(csv_text(districts), profile)) {
                const std::string& district = district_;
                CAPTURE(district);
                for (const auto& cv : cvs) {
                    REQUIRE(cv.defined());
                    CHECK(cv.value == 0.0);
                }
            }
        }
    }
}

TEST_CASE("property: the pipeline's CV equals a two-pass long-double reference within 1e-12") {
    for (const auto& districts : district_files(5)) {
        for (const char* profile_id : kProfiles) {
            CAPTURE(profile_id);
            const Profile profile = builtin_profile(profile_id);
            const Cvs cvs = coefficients(csv_text(districts), profile_id);
            for (const auto& district : districts) {
                CAPTURE(district.name);
                std::vector<double> students;
                for (const auto& school : district.schools) students.push_back(school.students);
                for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
                    const IndicatorDef& def = profile.indicators[k];
                    CAPTURE(def.id);
                    std::vector<double> resources;
                    for (const auto& school : district.schools) {
                        resources.push_back(school.values.at(def.column));
                    }
                    const long double expected = reference_cv(students, resources, def.multiplier);
                    const Measure& cv = cvs.at(district.name).at(k);
                    REQUIRE(cv.defined());
                    CHECK(relative_error(cv.value, static_cast<double>(expected)) <= 1e-12);
                }
            }
        }
    }
}

TEST_CASE("property: streaming moments equal the two-pass reference, also when merged") {
    // The accumulator alone, fed the same (P_i, X_i) as the reference. Half the trials have a
    // large district value and a tiny spread (CV about 3e-9), where a running mean of X_i
    // itself loses about eight digits.
    std::mt19937_64 random(20240906);
    std::uniform_int_distribution<int> count_of(2, 500);
    std::uniform_int_distribution<int> students_of(1, 5000);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int trial = 0; trial < kDistricts; ++trial) {
        CAPTURE(trial);
        const int n = count_of(random);
        const double base = trial % 2 ? 1e6 : 0;
        const double spread = trial % 2 ? 1e-2 : 100;
        std::vector<double> students, values;
        WeightedMoments whole, first, second;
        double total_resource = 0;
        for (int i = 0; i < n; ++i) {
            const double p = students_of(random);
            const double x = base + spread * unit(random);
            students.push_back(p);
            values.push_back(x);
            total_resource += x * p;
            whole.add(p, x);
            (i < n / 2 ? first : second).add(p, x);
        }
        long double weight = 0, weighted = 0;
        for (int i = 0; i < n; ++i) {
            weight += students[i];
            weighted += static_cast<long double>(students[i]) * values[i];
        }
        const long double mean = weighted / weight;
        long double squares = 0;
        for (int i = 0; i < n; ++i)
            squares += students[i] * (values[i] - mean) * (values[i] - mean);
        const long double expected = std::sqrt(squares / weight) / mean;

        const Dispersion streamed = dispersion_from(whole, total_resource, 1);
        REQUIRE(streamed.cv.defined());
        CHECK(relative_error(streamed.cv.value, static_cast<double>(expected)) <= 1e-12);
        first.merge(second);
        const Dispersion merged = dispersion_from(first, total_resource, 1);
        CHECK(relative_error(merged.cv.value, static_cast<double>(expected)) <= 1e-12);
    }
}

TEST_CASE("property: splitting a combined school conserves every facility total") {
    std::mt19937_64 random(20240907);
    std::uniform_int_distribution<int> students_of(1, 3000);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    struct Kind {
        SchoolType type;
        std::vector<Stage> stages;
    };
    const Kind kinds[] = {
        {SchoolType::nine_year, {Stage::primary, Stage::junior}},
        {SchoolType::complete_middle, {Stage::junior, Stage::senior}},
        {SchoolType::twelve_year, {Stage::primary, Stage::junior, Stage::senior}},
    };
    const Profile profile = builtin_profile("national-2017");
    const std::vector<std::string> files = {"test.csv"};
    for (int trial = 0; trial < kDistricts; ++trial) {
        CAPTURE(trial);
        const Kind& kind = kinds[trial % 3];
        std::vector<SectionRow> sections;
        std::map<Column, double> totals;
        for (Column column : profile.split.columns) {
            totals[column] = std::round(1e6 * unit(random)) / (trial % 5 + 1);
        }
        for (std::size_t s = 0; s < kind.stages.size(); ++s) {
            SectionRow row;
            row.school_id = "combined";
            row.school_type = kind.type;
            row.stage = kind.stages[s];
            row.values.fill(kMissing);
            row.value(Column::students) = students_of(random);
            // The total on every row, or on one row only with the others empty.
            for (const auto& [column, total] : totals) {
                if (trial % 2 == 0 || s == trial % kind.stages.size()) row.value(column) = total;
            }
            sections.push_back(row);
        }
        Diagnostics diagnostics;
        REQUIRE(split_combined_school(sections, profile.split, files, diagnostics));
        REQUIRE(diagnostics.errors() == 0);
        for (const auto& [column_, total] : totals) {
            const auto column = column_;
            CAPTURE(column_name(column));
            long double sum = 0;
            for (const auto& section : sections) {
                CHECK(section.value(column) >= 0);
                sum += section.value(column);
            }
            CHECK(relative_error(static_cast<double>(sum), total) <= 1e-12);
        }
    }
}

TEST_CASE("property: the sections a report shows add up to the whole nine-year school") {
    // Through the pipeline: X_s·P_s/m of both sections of a nine-year school (both are
    // compulsory, so both are in the report) gives back each whole-school facility total.
    std::mt19937_64 random(20240908);
    const Profile profile = builtin_profile("national-2017");
    EvaluationOptions options;
    options.keep_schools = true;
    for (const auto& districts : district_files(8)) {
        std::vector<District> combined = districts;
        std::map<std::string, std::map<Column, double>> totals;  // by school id
        for (auto& district : combined) {
            // The first two schools become the primary and junior sections of one school.
            School& primary = district.schools[0];
            School& junior = district.schools[1];
            junior.id = primary.id;
            primary.type = junior.type = "nine_year";
            junior.stage = "junior";
            for (Column column : profile.split.columns) {
                if (!primary.values.count(column)) continue;
                totals[primary.id][column] = primary.values[column];
                if (random() % 2) {
                    junior.values[column] = primary.values[column];
                } else {
                    junior.values.erase(column);
                }
            }
        }
        const Report report = evaluate_text(csv_text(combined), "national-2017", options);
        std::map<std::string, std::map<Column, long double>> sums;
        for (const auto& school : report.schools) {
            if (school.school_type != SchoolType::nine_year) continue;
            for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
                const IndicatorDef& def = profile.indicators[k];
                sums[school.school_id][def.column] +=
                    static_cast<long double>(school.values[k]) * school.students / def.multiplier;
            }
        }
        REQUIRE(sums.size() == totals.size());
        for (const auto& [id_, columns] : sums) {
            const auto& id = id_;
            CAPTURE(id);
            for (const auto& [column_, sum] : columns) {
                const auto column = column_;
                CAPTURE(column_name(column));
                const auto split =
                    std::find(profile.split.columns.begin(), profile.split.columns.end(), column);
                if (split == profile.split.columns.end()) continue;  // a per-section count
                CHECK(relative_error(static_cast<double>(sum), totals.at(id).at(column)) <= 1e-12);
            }
        }
    }
}

TEST_CASE(
    "property: per-school verdicts and the counts of a district report follow judge_standard") {
    // Values at, just off and far from each standard and its 85 % floor, and missing cells, in
    // a profile where one indicator has no junior standard. The verdicts expected come from
    // judge_standard() on the value R·m/P made here; the district-only run counts compliant
    // schools without keeping a verdict per school, and must count the same ones.
    Profile profile = builtin_profile("national-2017");
    REQUIRE(profile.school_rule.has_value());
    const std::size_t without_junior = 2;
    profile.indicators[without_junior].standard[static_cast<int>(Stage::junior)].reset();
    const double fractions[] = {
        0.5, 0.84, 0.85, 0.85 * (1 + 1e-12), 0.86, 0.99, 1.0, 1 + 1e-12, 1 - 1e-12, 1.01, 3.0};
    std::mt19937_64 random(20261130);
    std::vector<District> districts;
    for (int d = 0; d < 60; ++d) {
        District district;
        district.name = "d" + std::to_string(d);
        for (int i = 0; i < 25; ++i) {
            School school;
            school.id = district.name + "-" + std::to_string(i);
            const bool junior = random() % 2 != 0;
            school.type = junior ? "junior_school" : "primary_school";
            school.stage = junior ? "junior" : "primary";
            school.students = static_cast<double>(50 + random() % 2000);
            school.values[Column::teachers] = school.students;  // every teacher count fits
            school.values[Column::classes] = std::ceil(school.students / 45);
            const Stage stage = junior ? Stage::junior : Stage::primary;
            for (const IndicatorDef& def : profile.indicators) {
                if (random() % 12 == 0) continue;  // a missing cell
                const auto& standard = for_stage(def.standard, stage);
                const double target =
                    (standard ? *standard : 1.0) * fractions[random() % std::size(fractions)];
                school.values[def.column] = target * school.students / def.multiplier;
            }
            district.schools.push_back(std::move(school));
        }
        districts.push_back(std::move(district));
    }
    const std::string csv = csv_text(districts);

    EvaluationOptions options;
    options.missing = MissingPolicy::skip;
    std::map<std::string, std::pair<long, long>> tallies;  // district/stage: compliant, failing
    EvaluationOptions with_schools = options;
    with_schools.keep_schools = true;
    std::istringstream school_input(csv);
    Diagnostics school_problems;
    const Report schools = evaluate_inputs({InputSource{"test.csv", &school_input}}, profile,
                                           ReadOptions{}, with_schools, school_problems);
    REQUIRE(school_problems.errors() == 0);
    REQUIRE(schools.schools.size() == 60 * 25);
    std::size_t below_floor = 0, above_floor = 0, missing = 0, no_standard = 0;
    for (const SchoolResult& school : schools.schools) {
        CAPTURE(school.school_id);
        const District& district = districts.at(std::stoul(school.school_id.substr(1)));
        const School& generated = district.schools.at(
            std::stoul(school.school_id.substr(school.school_id.find('-') + 1)));
        std::vector<StandardStatus> expected;
        int reached = 0;
        for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
            const IndicatorDef& def = profile.indicators[k];
            const auto cell = generated.values.find(def.column);
            const double value = cell == generated.values.end()
                                     ? kMissing
                                     : cell->second * def.multiplier / generated.students;
            expected.push_back(judge_standard(value, for_stage(def.standard, school.key.stage),
                                              profile.school_rule->floor_fraction));
            reached += expected.back() == StandardStatus::reached;
            below_floor += expected.back() == StandardStatus::below_floor;
            above_floor += expected.back() == StandardStatus::above_floor;
            missing += expected.back() == StandardStatus::missing;
            no_standard += expected.back() == StandardStatus::no_standard;
        }
        CHECK(school.statuses == expected);
        CHECK(school.reached == reached);
        const bool judged =
            std::find(expected.begin(), expected.end(), StandardStatus::missing) == expected.end();
        REQUIRE(school.compliant.has_value() == judged);
        if (!judged) continue;
        const bool complies = school_complies(expected, *profile.school_rule);
        CHECK(*school.compliant == complies);
        auto& tally = tallies[school.key.district + "/" + std::string(to_string(school.key.stage))];
        ++(complies ? tally.first : tally.second);
    }
    // Every kind of verdict came up often enough to matter.
    CHECK(below_floor > 100);
    CHECK(above_floor > 100);
    CHECK(missing > 100);
    CHECK(no_standard > 100);

    std::istringstream district_input(csv);
    Diagnostics district_problems;
    const Report report = evaluate_inputs({InputSource{"test.csv", &district_input}}, profile,
                                          ReadOptions{}, options, district_problems);
    REQUIRE(report.schools.empty());
    REQUIRE(report.groups.size() == 120);  // 60 districts, both stages
    for (const GroupResult& group : report.groups) {
        // A group none of whose schools has every value counts none (0, 0).
        const auto& tally =
            tallies[group.key.district + "/" + std::string(to_string(group.key.stage))];
        CAPTURE(group.key.district);
        CHECK(group.schools_compliant == tally.first);
        CHECK(group.schools_failing == tally.second);
    }
}
