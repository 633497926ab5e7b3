// eduqb_gen: seeded synthetic school statistics in the canonical eduqb input format.
//
//   eduqb_gen --rows N [--seed S] [--districts D] [--first-year Y] > file.csv
//
// Rows are written district-year by district-year (years descending from --first-year, all
// districts of a year before the next year), each district-year a complete county: regular
// primary and junior schools, nine-year, complete-middle and twelve-year schools (one row per
// section, same school_id, whole-school facility totals), teaching points (many under 50
// students), special-education and vocational schools. Output stops at the first school
// boundary at or after N rows. bench/README.md describes the distributions.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// splitmix64: small, fast, and good enough for synthetic data.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int integer(int lo, int hi) {  // inclusive
        return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform() < p; }
    double normal() {
        // Box-Muller; one value per call keeps the stream simple.
        const double u1 = std::max(uniform(), 1e-300);
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    /// Log-normal with the given median and log-space sigma.
    double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

  private:
    std::uint64_t state_;
};

/// Buffered stdout writer with cheap number formatting.
class Out {
  public:
    Out() : buffer_(new char[kSize]) {}
    ~Out() {
        flush();
        delete[] buffer_;
    }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;

    void text(std::string_view s) {
        if (used_ + s.size() > kSize) flush();
        std::memcpy(buffer_ + used_, s.data(), s.size());
        used_ += s.size();
    }
    void ch(char c) {
        if (used_ + 1 > kSize) flush();
        buffer_[used_++] = c;
    }
    void integer(long long v) {
        if (used_ + 24 > kSize) flush();
        used_ = static_cast<std::size_t>(std::to_chars(buffer_ + used_, buffer_ + kSize, v).ptr -
                                         buffer_);
    }
    /// Fixed decimals (0 = integer), as spreadsheet exports write them.
    void fixed(double v, int decimals) {
        if (decimals == 0) return integer(std::llround(v));
        if (used_ + 40 > kSize) flush();
        used_ = static_cast<std::size_t>(
            std::to_chars(buffer_ + used_, buffer_ + kSize, v, std::chars_format::fixed, decimals)
                .ptr -
            buffer_);
    }
    void flush() {
        if (used_ && std::fwrite(buffer_, 1, used_, stdout) != used_) {
            std::perror("eduqb_gen: write");
            std::exit(1);
        }
        used_ = 0;
    }

  private:
    static constexpr std::size_t kSize = 1 << 20;
    char* buffer_;
    std::size_t used_ = 0;
};

constexpr const char* kHeader =
    "school_id,school_name,district,year,school_type,stage,area_type,students,teachers,"
    "teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,"
    "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,computers,books,"
    "classes\n";

// 60 characters common in Chinese place names; two of them plus a suffix name a district.
constexpr std::string_view kPlaceChars[] = {
    "东", "西", "南", "北", "中", "城", "关", "新", "安", "平", "宁", "河", "山", "江", "湖",
    "阳", "林", "石", "青", "白", "云", "龙", "凤", "兴", "和", "丰", "永", "长", "春", "秋",
    "清", "水", "泉", "沙", "桥", "宝", "金", "玉", "华", "明", "光", "德", "福", "寿", "康",
    "泰", "嘉", "荣", "昌", "盛", "海", "川", "岭", "峰", "溪", "源", "原", "州", "陵", "岗"};
constexpr int kPlaceCount = 60;
constexpr std::string_view kDistrictSuffix[] = {"区", "县", "市", "旗"};

std::string district_name(int index) {
    std::string name;
    name += kPlaceChars[index % kPlaceCount];
    name += kPlaceChars[(index / kPlaceCount) % kPlaceCount];
    name += kDistrictSuffix[(index / (kPlaceCount * kPlaceCount)) % 4];
    return name;
}

enum class Area { urban, town, rural };
constexpr std::string_view kAreaNames[] = {"urban", "town", "rural"};

/// One section's values before formatting.
struct Section {
    std::string_view stage;
    int students = 0;
    int classes = 0;
    double teachers = 0, above = 0, backbone = 0, pe_art = 0, senior_title = 0;
};

/// Whole-school facilities (shared between the sections of a combined school).
struct Facilities {
    double teaching_area = 0, sports_area = 0, equipment = 0, multimedia = 0, computers = 0,
           books = 0;
};

struct District {
    int index = 0;
    std::string name;
    std::string code;         // 6 digits, kept as text (some start with 0)
    double quality = 1;       // district-wide resource level
    double unevenness = 0.2;  // spread of school resource levels inside the district
    double size = 1;          // skew: large districts have many more schools
    double urban_share = 0.3;
};

class Generator {
  public:
    Generator(std::uint64_t seed, int districts, int first_year, int years, long long target_rows)
        : rng_(seed), first_year_(first_year), years_(years), target_(target_rows) {
        districts_.reserve(static_cast<std::size_t>(districts));
        Rng setup(seed ^ 0xD1571C7ULL);
        for (int d = 0; d < districts; ++d) {
            District district;
            district.index = d;
            district.name = district_name(d);
            char code[16];
            std::snprintf(code, sizeof code, "%02d%04d", 1 + d % 65, d / 65 + 1);
            district.code = code;
            district.quality = setup.lognormal(1.0, 0.15);
            district.unevenness = setup.uniform(0.08, 0.35);
            district.size = std::clamp(setup.lognormal(1.0, 0.55), 0.25, 5.0);
            district.urban_share = setup.uniform(0.05, 0.6);
            districts_.push_back(std::move(district));
        }
    }

    void run() {
        out_.text(kHeader);
        for (int block = 0; rows_ < target_; ++block) {
            const int year = first_year_ - (years_ > 0 ? block % years_ : block);
            for (const District& district : districts_) {
                if (rows_ >= target_) break;
                district_year(district, year);
            }
        }
        out_.flush();
    }

    long long rows() const { return rows_; }

  private:
    void district_year(const District& d, int year) {
        serial_ = 0;
        const double s = 0.83 * d.size;
        const int primary = std::max(2, static_cast<int>(std::lround(rng_.lognormal(38 * s, 0.2))));
        const int junior = std::max(2, static_cast<int>(std::lround(rng_.lognormal(12 * s, 0.2))));
        const int points = static_cast<int>(std::lround(rng_.lognormal(14 * s, 0.5)));
        const int nine = rng_.integer(0, static_cast<int>(std::lround(9 * s)));
        const int complete = rng_.integer(0, static_cast<int>(std::lround(4 * s)));
        const int twelve = rng_.chance(std::min(1.0, 0.5 * s)) ? rng_.integer(1, 2) : 0;
        const int special = rng_.chance(0.85) ? 1 : 0;
        const int vocational = rng_.integer(0, 2);
        // Interleave the types as a statistics export sorted by school code would.
        int left[8] = {primary, junior, points, nine, complete, twelve, special, vocational};
        int total = primary + junior + points + nine + complete + twelve + special + vocational;
        while (total > 0 && rows_ < target_) {
            int pick = static_cast<int>(rng_.next() % static_cast<std::uint64_t>(total));
            int type = 0;
            while (pick >= left[type]) pick -= left[type++];
            --left[type];
            --total;
            school(d, year, type);
        }
    }

    Area area_for(const District& d) {
        const double u = rng_.uniform();
        if (u < d.urban_share) return Area::urban;
        if (u < d.urban_share + 0.35) return Area::town;
        return Area::rural;
    }

    int students_for(std::string_view stage, Area area, double scale) {
        double median = stage == "primary" ? 520 : stage == "junior" ? 760 : 900;
        if (area == Area::urban) median *= 2.2;
        if (area == Area::rural) median *= 0.45;
        return std::clamp(static_cast<int>(std::lround(rng_.lognormal(median * scale, 0.7))), 15,
                          4800);
    }

    /// Teacher counts of one section from its students and the school's resource level.
    Section section(std::string_view stage, int students, double level) {
        Section s;
        s.stage = stage;
        s.students = students;
        const bool primary = stage == "primary";
        s.classes = std::max(1, static_cast<int>(std::ceil(students / rng_.uniform(38, 52))));
        const double per_teacher = primary ? rng_.uniform(14, 20) : rng_.uniform(11, 15);
        s.teachers = std::max(1.0, std::round(students / per_teacher * std::sqrt(level)));
        // Ratios per 100 students around the national standards (4.2/5.3, 1, 0.9).
        auto per100 = [&](double standard, double spread) {
            return std::max(0.0, std::round(students / 100.0 * standard *
                                            rng_.lognormal(1.15 * level, spread)));
        };
        s.above = std::min(s.teachers, per100(primary ? 4.2 : 5.3, 0.15));
        s.backbone = std::min(s.teachers, per100(1.0, 0.35));
        s.pe_art = std::min(s.teachers, per100(0.9, 0.25));
        s.senior_title = std::round(s.teachers * rng_.uniform(0.2, 0.6));
        return s;
    }

    /// Facilities for `students` (weighted) students at the given level, as a school reports.
    Facilities facilities(double weighted_students, bool junior, double level) {
        Facilities f;
        const double n = weighted_students;
        f.teaching_area = n * (junior ? 5.8 : 4.5) * rng_.lognormal(1.2 * level, 0.2);
        f.sports_area = n * (junior ? 10.2 : 7.5) * rng_.lognormal(1.15 * level, 0.3);
        f.equipment = n * (junior ? 2500 : 2000) * rng_.lognormal(1.3 * level, 0.35);
        f.multimedia = std::max(1.0, std::round(n / 100 * 2.4 * rng_.lognormal(1.1 * level, 0.2)));
        f.computers = std::round(n * rng_.uniform(0.08, 0.22));
        f.books = std::round(n * rng_.uniform(18, 45));
        return f;
    }

    void school(const District& d, int year, int type) {
        ++serial_;
        ++facility_decimals_;  // number style is per school: a combined school's rows agree
        const Area area = area_for(d);
        const double level = std::clamp(d.quality * rng_.lognormal(1.0, d.unevenness), 0.35, 3.0);
        std::string id = d.code;
        char serial[8];
        std::snprintf(serial, sizeof serial, "%04d", serial_ % 10000);
        id += serial;
        name_.assign(d.name);
        char ordinal[16];
        std::snprintf(ordinal, sizeof ordinal, "第%d", serial_);

        switch (type) {
            case 0: {  // primary school
                name_ += ordinal;
                name_ += "小学";
                const Section s = section("primary", students_for("primary", area, 1), level);
                write(d, year, id, "primary_school", area, s, facilities(s.students, false, level),
                      true);
                break;
            }
            case 1: {  // junior school
                name_ += ordinal;
                name_ += "中学";
                const Section s = section("junior", students_for("junior", area, 1), level);
                write(d, year, id, "junior_school", area, s, facilities(s.students, true, level),
                      true);
                break;
            }
            case 2: {  // teaching point: mostly tiny, many under 50 students
                name_ += ordinal;
                name_ += "教学点";
                const int students =
                    std::clamp(static_cast<int>(std::lround(rng_.lognormal(42, 0.6))), 4, 220);
                const Section s = section("primary", students, level);
                write(d, year, id, "teaching_point", Area::rural, s,
                      facilities(s.students, false, level), true);
                break;
            }
            case 3:  // nine-year school: primary 1, junior 1.1
                combined(d, year, id, "nine_year", "九年一贯制学校", area, level,
                         {"primary", "junior"}, {1.0, 1.1});
                break;
            case 4:  // complete middle school: junior 1, senior 1.2
                combined(d, year, id, "complete_middle", "完全中学", area, level,
                         {"junior", "senior"}, {1.0, 1.2});
                break;
            case 5:  // twelve-year school: 1, 1.1, 1.32
                combined(d, year, id, "twelve_year", "十二年一贯制学校", area, level,
                         {"primary", "junior", "senior"}, {1.0, 1.1, 1.32});
                break;
            case 6: {  // special education (excluded by scope)
                name_ += "特殊教育学校";
                const int students = rng_.integer(25, 320);
                const Section s = section(rng_.chance(0.7) ? "primary" : "junior", students, level);
                write(d, year, id, "special_education", Area::urban, s,
                      facilities(s.students, false, level), true);
                break;
            }
            default: {  // vocational (excluded by scope)
                name_ += ordinal;
                name_ += "职业高级中学";
                const Section s = section("senior", students_for("senior", area, 1.5), level);
                write(d, year, id, "vocational", area, s, facilities(s.students, true, level),
                      true);
                break;
            }
        }
    }

    void combined(const District& d, int year, const std::string& id, std::string_view type,
                  std::string_view suffix, Area area, double level,
                  std::initializer_list<std::string_view> stages,
                  std::initializer_list<double> weights) {
        name_ += ordinal_text();
        name_ += suffix;
        // About 1 % of names carry a comma (a campus in brackets) and must be quoted.
        if (rng_.chance(0.01)) name_ += "(东校区,本部)";
        Section sections[3];
        std::size_t n = 0;
        double weighted = 0;
        bool has_junior = false;
        auto w = weights.begin();
        for (std::string_view stage : stages) {
            const double scale = stage == "primary" ? 0.8 : 0.6;
            sections[n] = section(stage, students_for(stage, area, scale), level);
            weighted += *w++ * sections[n].students;
            has_junior |= stage != "primary";
            ++n;
        }
        const Facilities total = facilities(weighted, has_junior, level);
        // 70 % carry the whole-school totals on every section row, 30 % on the first only.
        const bool every_row = rng_.chance(0.7);
        for (std::size_t i = 0; i < n; ++i) {
            write(d, year, id, type, area, sections[i], total, every_row || i == 0);
        }
    }

    std::string ordinal_text() const {
        char ordinal[16];
        std::snprintf(ordinal, sizeof ordinal, "第%d", serial_);
        return ordinal;
    }

    void write(const District& d, int year, const std::string& id, std::string_view type, Area area,
               const Section& s, const Facilities& f, bool with_facilities) {
        out_.text(id);
        out_.ch(',');
        if (name_.find(',') != std::string::npos) {
            out_.ch('"');
            out_.text(name_);
            out_.ch('"');
        } else {
            out_.text(name_);
        }
        out_.ch(',');
        out_.text(d.name);
        out_.ch(',');
        out_.integer(year);
        out_.ch(',');
        out_.text(type);
        out_.ch(',');
        out_.text(s.stage);
        out_.ch(',');
        out_.text(kAreaNames[static_cast<int>(area)]);
        out_.ch(',');
        out_.integer(s.students);
        for (double teachers : {s.teachers, s.above, s.backbone, s.pe_art, s.senior_title}) {
            out_.ch(',');
            out_.integer(std::llround(teachers));
        }
        if (with_facilities) {
            // Areas: a quarter with one decimal; money: a third in yuan with fen.
            out_.ch(',');
            out_.fixed(f.teaching_area, facility_decimals_ & 3 ? 0 : 1);
            out_.ch(',');
            out_.fixed(f.sports_area, facility_decimals_ & 3 ? 0 : 1);
            out_.ch(',');
            out_.fixed(f.equipment, facility_decimals_ % 3 ? 0 : 2);
            out_.ch(',');
            out_.integer(std::llround(f.multimedia));
            out_.ch(',');
            out_.integer(std::llround(f.computers));
            out_.ch(',');
            out_.integer(std::llround(f.books));
        } else {
            out_.text(",,,,,,");
        }
        out_.ch(',');
        out_.integer(s.classes);
        out_.ch('\n');
        ++rows_;
    }

    Rng rng_;
    Out out_;
    int first_year_;
    int years_;  // 0: one more year per block; else cycle through this many years
    long long target_;
    long long rows_ = 0;
    int serial_ = 0;
    unsigned facility_decimals_ = 0;
    std::string name_;
    std::vector<District> districts_;
};

[[noreturn]] void usage() {
    std::fputs(
        "usage: eduqb_gen --rows N [--seed S] [--districts D] [--first-year Y] [--years K] "
        "> file.csv\n"
        "  --rows N        rows to write (stops at the first school boundary at or after N)\n"
        "  --seed S        random seed (default 2024)\n"
        "  --districts D   districts per year (default 2850)\n"
        "  --first-year Y  the first (latest) year; later blocks go back one year (default "
        "2024)\n"
        "  --years K       cycle through K years, so districts get more rows instead of more\n"
        "                  years (default: a new year per block)\n",
        stderr);
    std::exit(2);
}

long long number_arg(int& i, int argc, char** argv) {
    if (i + 1 >= argc) usage();
    const char* text = argv[++i];
    long long value = 0;
    auto [end, ec] = std::from_chars(text, text + std::strlen(text), value);
    if (ec != std::errc() || *end != '\0' || value < 0) usage();
    return value;
}

}  // namespace

int main(int argc, char** argv) {
    long long rows = -1;
    std::uint64_t seed = 2024;
    int districts = 2850;
    int first_year = 2024;
    int years = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--rows") {
            rows = number_arg(i, argc, argv);
        } else if (arg == "--seed") {
            seed = static_cast<std::uint64_t>(number_arg(i, argc, argv));
        } else if (arg == "--districts") {
            districts = static_cast<int>(number_arg(i, argc, argv));
        } else if (arg == "--first-year") {
            first_year = static_cast<int>(number_arg(i, argc, argv));
        } else if (arg == "--years") {
            years = static_cast<int>(number_arg(i, argc, argv));
        } else {
            usage();
        }
    }
    if (rows < 0 || districts < 1) usage();
    Generator generator(seed, districts, first_year, years, rows);
    generator.run();
    return 0;
}
