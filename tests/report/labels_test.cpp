// The label tables: complete in both languages, Chinese without English words, and the
// language a locale asks for.

#include "report/labels.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace eduqb;

namespace {

/// The Latin words a Chinese text may hold: symbols of the formulas (X̄ = m·ΣR/ΣP, P_i, L),
/// the coefficient's usual abbreviation, the program's name, an option and a document path
/// quoted as typed, and the HTML language tag.
const std::set<std::string> kLatinInChinese = {
    "CV",      "X",    "m",       "R",     "P",      "S",    "sqrt", "i",  "L",  "eduqb",
    "missing", "skip", "compute", "level", "school", "docs", "gaps", "md", "zh", "CN"};

/// The runs of ASCII letters in `text`.
std::set<std::string> latin_words(std::string_view text) {
    std::set<std::string> words;
    std::string word;
    for (char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            word += c;
        } else if (!word.empty()) {
            words.insert(word);
            word.clear();
        }
    }
    if (!word.empty()) words.insert(word);
    return words;
}

}  // namespace

TEST_CASE("labels: every text is there in both languages") {
    for (const Language language : {Language::zh, Language::en}) {
        const Labels& text = labels_for(language);
        for (std::size_t i = 0; i < kTextCount; ++i) {
            CAPTURE(i);
            CHECK_FALSE(text[static_cast<Text>(i)].empty());
        }
    }
}

TEST_CASE("labels: the Chinese texts hold no English word") {
    const Labels& text = labels_for(Language::zh);
    for (std::size_t i = 0; i < kTextCount; ++i) {
        const std::string_view label = text[static_cast<Text>(i)];
        for (const auto& word : latin_words(label)) {
            CAPTURE(label);
            CHECK(kLatinInChinese.count(word) == 1);
        }
    }
}

TEST_CASE("labels: the English texts are not the Chinese ones") {
    const Labels& zh = labels_for(Language::zh);
    const Labels& en = labels_for(Language::en);
    CHECK(en.language() == Language::en);
    CHECK(zh.language() == Language::zh);
    for (const Text shared : {Text::report_title, Text::pass, Text::cv, Text::school_legend}) {
        CHECK(zh[shared] != en[shared]);
    }
}

TEST_CASE("labels: names of codes and amounts in each language") {
    const Labels& zh = labels_for(Language::zh);
    const Labels& en = labels_for(Language::en);
    CHECK(zh.stage(Stage::junior) == "初中");
    CHECK(en.school_type(SchoolType::special_education) == "special-education school");
    CHECK(zh.school_type(SchoolType::special_education) == "特殊教育学校");
    CHECK(zh.area(AreaType::rural) == "乡村");
    CHECK(zh.area(AreaType::unknown).empty());
    CHECK(zh.not_available(NaReason::too_few_schools) == "无法计算（不足 2 所学校）");
    CHECK(en.amount(1, "teachers") == "1 teacher");
    CHECK(en.amount(3, "rooms") == "3 rooms");
    CHECK(en.amount(273011, "yuan") == "273,011 yuan");
    // 万元 rounded up to the hundred yuan, the exact yuan beside.
    CHECK(zh.amount(273011, "yuan") == "27.31 万元（273,011 元）");
    CHECK(zh.amount(9999, "yuan") == "9,999 元");
    CHECK(zh.amount(2, "classes") == "2 个班");
}

TEST_CASE("labels: a unit for an indicator whose profile names none in Chinese") {
    IndicatorDef def;
    def.column = Column::teachers_backbone;
    def.multiplier = 100;
    def.unit = "teachers per 100 students";
    CHECK(labels_for(Language::zh).unit(def) == "人/百生");
    CHECK(labels_for(Language::en).unit(def) == "teachers per 100 students");
    def.unit_zh = "名/百生";
    CHECK(labels_for(Language::zh).unit(def) == "名/百生");
    def.column = Column::equipment_value_yuan;
    def.multiplier = 1;
    def.unit_zh.clear();
    CHECK(labels_for(Language::zh).unit(def) == "元/生");
}

TEST_CASE("labels: the locale's language, LC_ALL before LC_MESSAGES before LANG") {
    CHECK(language_of_locale("", "", "") == Language::en);
    CHECK(language_of_locale("", "", "zh_CN.UTF-8") == Language::zh);
    CHECK(language_of_locale("", "", "en_US.UTF-8") == Language::en);
    // The first that is set and not empty wins, even when it is not Chinese.
    CHECK(language_of_locale("C", "", "zh_CN.UTF-8") == Language::en);
    CHECK(language_of_locale("zh_TW", "en_US", "en_US") == Language::zh);
    CHECK(language_of_locale("", "zh_HK.Big5", "en_GB") == Language::zh);
    CHECK(language_of_locale("", "C.UTF-8", "zh_CN") == Language::en);
    // Any Chinese region, encoding or modifier; a language merely starting with "zh" is not.
    for (const char* chinese :
         {"zh", "zh_CN", "zh_SG", "zh_TW.UTF-8", "zh_CN.GB18030", "zh_HK@stroke", "zh.UTF-8"}) {
        CAPTURE(chinese);
        CHECK(language_of_locale("", "", chinese) == Language::zh);
    }
    for (const char* other : {"zha_CN", "POSIX", "C", "en_US.UTF-8", "ja_JP.UTF-8"}) {
        CAPTURE(other);
        CHECK(language_of_locale("", "", other) == Language::en);
    }
}

// How an input was read: JSON and -v give the English sentences, which are part of the API
// (docs/output-formats.md, reading_notes); a Chinese report gives them in Chinese.
TEST_CASE("labels: reading notes in each language") {
    using Kind = ReadingNote::Kind;
    const auto note = [](Kind kind, long first, long last, long rows, std::string text) {
        ReadingNote made;
        made.kind = kind;
        made.input = "a.xlsx[学校]";
        made.first = first;
        made.last = last;
        made.rows = rows;
        made.text = std::move(text);
        return made;
    };
    const Labels& en = labels_for(Language::en);
    const Labels& zh = labels_for(Language::zh);
    const ReadingNote titles = note(Kind::titles_skipped, 1, 2, 2, "");
    CHECK(en.reading_note(titles) == "a.xlsx[学校]: lines 1–2 above the header skipped (titles)");
    CHECK(zh.reading_note(titles) == "a.xlsx[学校]：表头上方第 1–2 行为标题，已跳过");
    const ReadingNote title = note(Kind::titles_skipped, 1, 1, 1, "");
    CHECK(en.reading_note(title) == "a.xlsx[学校]: line 1 above the header skipped (titles)");
    CHECK(zh.reading_note(title) == "a.xlsx[学校]：表头上方第 1 行为标题，已跳过");
    const ReadingNote header = note(Kind::header_rows, 3, 4, 2, "");
    CHECK(en.reading_note(header) == "a.xlsx[学校]: header of 2 rows (lines 3–4) read as one");
    CHECK(zh.reading_note(header) == "a.xlsx[学校]：2 行表头（第 3–4 行）合并为一行读取");
    const ReadingNote unit = note(Kind::unit_line, 0, 0, 0, "单位：万元");
    CHECK(en.reading_note(unit) ==
          "a.xlsx[学校]: unit line '单位：万元' applied to the columns that name no unit of "
          "their own");
    CHECK(zh.reading_note(unit) == "a.xlsx[学校]：单位行“单位：万元”用于未自注单位的列");
    const ReadingNote numbers = note(Kind::column_numbers, 5, 5, 1, "");
    CHECK(en.reading_note(numbers) == "a.xlsx[学校]: column-number row skipped (line 5)");
    CHECK(zh.reading_note(numbers) == "a.xlsx[学校]：栏目序号行已跳过（第 5 行）");
    const ReadingNote sports = note(Kind::sports_from_ground_only, 0, 0, 0, "");
    CHECK(en.reading_note(sports) ==
          "a.xlsx[学校]: sports_area_m2 (体育运动场馆面积) = 运动场地面积 only: the file has no "
          "室内体育用房面积 column");
    CHECK(zh.reading_note(sports) ==
          "a.xlsx[学校]：体育运动场馆面积 = 运动场地面积（文件无室内体育用房面积列）");
    // Every kind has its own text in both languages.
    std::set<std::string> texts;
    for (const Kind kind :
         {Kind::titles_skipped, Kind::header_rows, Kind::unit_line, Kind::column_numbers,
          Kind::above_degree_from_degrees, Kind::pe_art_from_music_fine_art, Kind::pe_art_from_arts,
          Kind::sports_from_ground_and_indoor, Kind::sports_from_ground_only}) {
        texts.insert(en.reading_note(note(kind, 1, 1, 1, "")));
        texts.insert(zh.reading_note(note(kind, 1, 1, 1, "")));
    }
    CHECK(texts.size() == 18);
}
