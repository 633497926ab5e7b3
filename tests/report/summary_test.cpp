// The summary paragraph of the hand-made report (tests/hand_report.hpp): every figure in the
// expected texts is read off that file's comment, not computed by the code under test.

#include "report/summary.hpp"

#include <doctest/doctest.h>

#include <string>

#include "hand_report.hpp"

using namespace eduqb;

namespace {

/// The report with only the group at `rank`, and no trend.
Report with_one_group(std::size_t rank) {
    Report report = test::hand_report();
    report.groups = {report.groups.at(rank)};
    return report;
}

}  // namespace

TEST_CASE("summary: three groups in two districts, in Chinese") {
    // G0 passes, G1 fails on 设备值 (CV 0.6044 against ≤ 0.50), G2 is not judged; schools
    // 2 + 4 + 1, failing 0 + 1 + 0; G1's urban/rural ratios are 1.25 on both indicators (the
    // first is named); G0 → G1 is one trend: 高学历教师 0.2 → 0.12345, 设备值 0.5 → 0.6044.
    CHECK(report_summary(test::hand_report(), Language::zh) ==
          "本报告评估2个区县的3个评估单元（每个区县每年每个学段为一个单元）。"
          "按《测试标准》，1个单元达到要求，1个未达到，1个无法判定。"
          "1个单元有差异系数超过限值，其中最常见的是设备值（1个单元）；"
          "超出最多的是东|区\n北2024年小学的设备值：0.604，限值≤0.50，超出0.104。"
          "7所学校中有1所未达到校际达标要求（至少1项达到标准，其余不低于标准的85%）。"
          "城乡差距最大的是东|区\n北2024年小学的高学历教师：城区为乡村的1.25倍。"
          "与2023年相比，1项差异系数缩小，1项扩大。");
}

TEST_CASE("summary: one failing group, in English") {
    CHECK(report_summary(with_one_group(1), Language::en) ==
          "This report evaluates 东|区\n北 2024 primary: 4 schools and 12,345 students (1 more "
          "left out by the profile's rules). Under Test profile, 东|区\n北 2024 primary does "
          "not meet the requirements. Over their limits (1): Equipment 0.604, limit ≤ 0.50, "
          "over by 0.104. Schools that do not meet the per-school rule: 1 of 4 schools (at least 1 "
          "of "
          "the standards reached, the others at 85 % or more). The widest urban/rural gap is "
          "Teachers above the degree: urban schools at 1.25 times the rural value.");
}

TEST_CASE("summary: a passing group, a group not judged, and a profile without CV limits") {
    CHECK(report_summary(with_one_group(0), Language::zh) ==
          "本报告评估东|区\n北2023年小学，共2所学校、900名学生。"
          "按《测试标准》，东|区\n北2023年小学达到要求。各项差异系数均未超过限值。"
          "2所学校均达到校际达标要求（至少1项达到标准，其余不低于标准的85%）。");
    Report unlimited = with_one_group(2);
    for (auto& def : unlimited.profile.indicators) def.cv_limit = {};
    unlimited.profile.composite_limit = {};
    unlimited.profile.school_rule.reset();
    CHECK(report_summary(unlimited, Language::en) ==
          "This report evaluates 西区 junior: 1 school and 500 students. Under Test profile, "
          "西区 junior cannot be judged (too few schools, or no rule that applies). The "
          "profile sets no limit on the difference coefficients; they are for reference only.");
}

TEST_CASE("summary: an empty report says nothing") {
    Report report = test::hand_report();
    report.groups.clear();
    CHECK(report_summary(report, Language::zh).empty());
}

TEST_CASE("summary: the standards most often missed, with how many schools miss each") {
    // G1 alone: 1 of its 4 schools fails the rule; say 3 schools are below 设备值's standard and
    // 1 below 高学历教师's: the more missed comes first.
    Report report = with_one_group(1);
    report.groups[0].indicators[0].below_standard = 1;
    report.groups[0].indicators[1].below_standard = 3;
    const std::string zh = report_summary(report, Language::zh);
    CHECK(zh.find("4所学校中有1所未达到校际达标要求（至少1项达到标准，其余不低于标准的85%）；"
                  "未达到次数最多的标准：设备值（3所学校）、高学历教师（1所学校）。") !=
          std::string::npos);
    const std::string en = report_summary(report, Language::en);
    CHECK(en.find("the standards most often not reached: Equipment (3 schools), Teachers above "
                  "the degree (1 school).") != std::string::npos);
}
