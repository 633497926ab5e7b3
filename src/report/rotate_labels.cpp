#include "report/rotate_labels.hpp"

#include <fmt/format.h>

#include <array>

#include "report/render_common.hpp"

namespace eduqb::detail {
namespace {

struct Words {
    const char* en;
    const char* zh;
};

/// In RotateLabel order.
constexpr std::array<Words, static_cast<std::size_t>(RotateLabel::count)> kWords = {{
    {"Teacher exchange plan (交流轮岗)", "教师交流轮岗方案"},
    {"Profile", "标准"},
    {"Input", "输入"},
    {"at most {} of the full-time teachers of each district, year and stage move; categories: {}",
     "每个区县、年度、学段交流人数不超过专任教师的 {}；交流类别：{}"},
    {"{} group(s); {} teacher(s) moved; failing teacher coefficients: {} before, {} after",
     "{} 个组；交流 {} 人；未达标的教师指标差异系数：交流前 {} 个，交流后 {} 个"},
    {"A move takes one teacher of one category from a section to another, and with them one "
     "full-time teacher; the data do not say which other categories the same teacher is in, so "
     "those counts stay as they are. No section loses a standard it reached, falls below the "
     "floor, or stops meeting the per-school rule. Rules and algorithm: docs/gaps.md.",
     "每次交流把某一类别的一名教师（同时也是一名专任教师）从一个学校调往另一个学校；数据不显示该教"
     "师"
     "还属于哪些其他类别，这些类别的人数不变。任何学校都不会失去已达到的标准、跌破底线或由达标变为"
     "不达标。规则与算法见 docs/gaps.md。"},
    {"{} sections · {} full-time teachers · at most {} may move · {} moved",
     "{} 所学校 · 专任教师 {} 人 · 至多交流 {} 人 · 交流 {} 人"},
    {"{} section(s) can neither give nor take teachers: a teacher count that is empty, not a "
     "whole number, given in parts, or split between a combined school's sections.",
     "{} 所学校不参与交流：教师人数为空、不是整数、由分项合计，或在一贯制学校各学段间分摊。"},
    {"Moves", "交流安排"},
    {"No moves.", "无需交流。"},
    {"Difference coefficients", "差异系数"},
    {"From id", "调出学校代码"},
    {"From", "调出学校"},
    {"To id", "调入学校代码"},
    {"To", "调入学校"},
    {"Category", "类别"},
    {"Teachers", "人数"},
    {"Indicator", "指标"},
    {"Limit", "限值"},
    {"CV before", "交流前差异系数"},
    {"CV after", "交流后差异系数"},
    {"Before", "交流前"},
    {"After", "交流后"},
    {"pass", "达标"},
    {"fail", "未达标"},
    {"not judged", "未判定"},
    {"Outcome", "结果"},
    {"Every coefficient the chosen categories enter is within its limit already: no exchange "
     "is needed.",
     "所选类别涉及的各项教师指标差异系数均已达标，无需交流。"},
    {"These {} move(s) bring every coefficient the chosen categories enter within its limit: "
     "the fewest the planner found.",
     "以上 {} 人次交流使所选类别涉及的各项教师指标差异系数全部达标（规划所得最少人次）。"},
    {"No plan found within the share brings every coefficient the chosen categories enter "
     "within its limit; this plan lowers the worst CV/limit most, from {} to {}.",
     "在交流比例内未找到使所选类别涉及的全部差异系数达标的方案；本方案使最差的差异系数/"
     "限值降幅最大，"
     "由 {} 降至 {}。"},
    {"Teacher coefficients fail, but no move the rules allow lowers the worst CV/limit ({}).",
     "教师指标差异系数未达标，但在规则允许的范围内没有能降低最差差异系数/限值（{}）的交流。"},
    {"No coefficient the chosen categories enter has a limit and a value here.",
     "本组没有所选类别涉及且设有限值的教师指标差异系数。"},
    {"District", "区县"},
    {"Year", "年度"},
    {"Stage", "学段"},
    {"Sections", "学校数"},
    {"Full-time teachers", "专任教师"},
    {"At most", "交流上限"},
    {"Moved", "交流人数"},
    {"Worst CV/limit before", "交流前最差差异系数/限值"},
    {"Worst CV/limit after", "交流后最差差异系数/限值"},
    {"Groups", "分组"},
    {"Moves", "交流安排"},
    {"Coefficients", "差异系数"},
    {"county-level backbone", "县级以上骨干教师"},
    {"above the required degree", "高于规定学历教师"},
    {"PE and art", "体育艺术专任教师"},
}};

}  // namespace

std::string_view label(RotateLabel id, Language language) {
    const Words& words = kWords[static_cast<std::size_t>(id)];
    return language == Language::zh ? words.zh : words.en;
}

std::string_view category_label(TeacherCategory category, Language language) {
    switch (category) {
        case TeacherCategory::backbone:
            return label(RotateLabel::backbone, language);
        case TeacherCategory::above_degree:
            return label(RotateLabel::above_degree, language);
        case TeacherCategory::pe_art:
            return label(RotateLabel::pe_art, language);
    }
    return "";
}

std::string outcome_sentence(const GroupRotation& group, Language language) {
    switch (group.outcome) {
        case RotateOutcome::within_limits:
            return std::string(label(RotateLabel::within_limits, language));
        case RotateOutcome::brought_within:
            return fmt::format(fmt::runtime(label(RotateLabel::brought_within, language)),
                               group.moved);
        case RotateOutcome::best_within_share:
            return fmt::format(fmt::runtime(label(RotateLabel::best_within_share, language)),
                               rounded(group.worst_before, 3), rounded(group.worst_after, 3));
        case RotateOutcome::nothing_to_improve:
            return fmt::format(fmt::runtime(label(RotateLabel::nothing_to_improve, language)),
                               rounded(group.worst_before, 3));
        case RotateOutcome::no_limit:
            return std::string(label(RotateLabel::no_limit, language));
    }
    return "";
}

}  // namespace eduqb::detail
