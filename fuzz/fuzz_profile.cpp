// Fuzz target: the profile-file parser (eduqb::parse_profile) on arbitrary bytes. A profile
// that parses is then used to evaluate a small district holding every kind of school (combined
// schools to split, a small teaching point, a special school), and the report is checked and
// rendered: a user's profile must never make the computation crash or print a NaN.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "eduqb/error.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/profile.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr const char* kDistrict =
    "school_id,school_name,district,year,school_type,stage,area_type,students,teachers,"
    "teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,"
    "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,computers,books,"
    "classes,music_art_area_m2\n"
    "1,nine,d,2024,nine_year,primary,rural,166,11,9,2,2,5,2382,4764,1191000,12,60,23226,6,300\n"
    "1,nine,d,2024,nine_year,junior,rural,210,17,13,3,2,8,,,,,,,6,\n"
    "2,east,d,2024,primary_school,primary,urban,420,25,21,6,5,12,2142,3780,1050000,11,63,"
    "10500,10,800\n"
    "3,south,d,2024,primary_school,primary,rural,300,19,15,4,3,8,1560,3300,690000,8,42,9600,7,\n"
    "4,mid,d,2024,junior_school,junior,urban,900,70,55,12,9,33,5580,9720,2520000,24,144,27000,"
    "20,1200\n"
    "5,full,d,2024,complete_middle,junior,town,450,36,27,6,5,15,6000,9000,3000000,30,150,40000,"
    "10,900\n"
    "5,full,d,2024,complete_middle,senior,town,500,40,30,7,6,20,,,,,,,12,\n"
    "6,twelve,e,2024,twelve_year,primary,urban,200,14,12,3,2,6,9000,12000,5000000,40,200,60000,"
    "6,1000\n"
    "6,twelve,e,2024,twelve_year,junior,urban,150,12,10,2,2,5,,,,,,,4,\n"
    "6,twelve,e,2024,twelve_year,senior,urban,100,10,9,2,1,5,,,,,,,3,\n"
    "7,point,e,2024,teaching_point,primary,rural,30,3,2,0,0,1,100,200,30000,1,3,900,2,\n"
    "8,special,e,2024,special_education,primary,urban,80,20,18,3,2,9,900,800,700000,5,40,"
    "4000,8,100\n"
    "9,zero,e,2024,primary_school,primary,rural,60,4,3,0,0,1,0,0,0,0,0,0,2,0\n";

void evaluate(const eduqb::Profile& profile, eduqb::MissingPolicy missing) {
    using namespace eduqb;
    std::istringstream in(kDistrict);
    Diagnostics diagnostics;
    EvaluationOptions options;
    options.keep_schools = true;
    options.missing = missing;
    options.skip_invalid = true;
    try {
        const Report report = evaluate_inputs({InputSource{"district.csv", &in}}, profile,
                                              ReadOptions{}, options, diagnostics);
        fuzz::check_report(report);
        fuzz::render_everything(report);
    } catch (const InputError&) {
        // A profile may need a column the district lacks: a clear error, not a bug.
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace eduqb;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Profile profile;
    try {
        profile = parse_profile(text, "fuzz.toml");
    } catch (const InputError& error) {
        if (error.where().file != "fuzz.toml") fuzz::broken("a profile error naming no file");
        return 0;
    }
    evaluate(profile, MissingPolicy::error);
    evaluate(profile, MissingPolicy::skip);
    return 0;
}
