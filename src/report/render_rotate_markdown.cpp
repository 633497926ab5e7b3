// The teacher-exchange plan for people: a preamble, then per group its figures, the outcome
// in one sentence, the moves and the coefficients before and after.

#include <fmt/format.h>

#include <algorithm>

#include "base/escape.hpp"
#include "eduqb/error.hpp"
#include "eduqb/render_rotate.hpp"
#include "report/render_common.hpp"
#include "report/rotate_labels.hpp"

namespace eduqb {
namespace {

using detail::label;
using detail::markdown_code;
using detail::markdown_text;
using detail::RotateLabel;

/// Escaped for Markdown: the district comes from the input.
std::string group_title(const GroupKey& key) {
    std::string title = key.district.empty() ? std::string() : markdown_text(key.district) + " ";
    if (key.year) title += std::to_string(*key.year) + " ";
    return title + fmt::format("{} ({})", to_chinese(key.stage), to_string(key.stage));
}

std::string cv_text(const Measure& cv) {
    return cv.defined() ? detail::rounded(cv.value, 3)
                        : "NA (" + std::string(to_string(cv.na)) + ")";
}

class Writer {
  public:
    Writer(const RotateReport& plan, Language language, std::ostream& out)
        : plan_(plan), language_(language), out_(out) {}

    void write() {
        preamble();
        for (const GroupRotation& group : plan_.groups) write_group(group);
    }

  private:
    std::string_view words(RotateLabel id) const { return label(id, language_); }

    std::string category_list() const {
        std::string list;
        for (TeacherCategory category : plan_.categories) {
            if (!list.empty()) list += language_ == Language::zh ? "，" : ", ";
            list += detail::category_label(category, language_);
        }
        return list;
    }

    void preamble() {
        const Profile& profile = plan_.profile;
        long failing_before = 0;
        long failing_after = 0;
        long long moved = 0;
        for (const GroupRotation& group : plan_.groups) {
            moved += group.moved;
            for (const CvChange& cv : group.cvs) {
                failing_before += cv.pass_before == false;
                failing_after += cv.pass_after == false;
            }
        }
        out_ << "# " << words(RotateLabel::title) << "\n\n";
        out_ << fmt::format("- **{}:** {} — {}\n", words(RotateLabel::profile),
                            markdown_code(profile.id), markdown_text(profile.title));
        for (const auto& input : plan_.inputs) {
            out_ << fmt::format("- **{}:** {}\n", words(RotateLabel::input), markdown_code(input));
        }
        out_ << "- "
             << fmt::format(fmt::runtime(words(RotateLabel::share_line)),
                            fmt::format("{:g} %", 100 * plan_.share), category_list())
             << "\n";
        out_ << "- "
             << fmt::format(fmt::runtime(words(RotateLabel::result_line)), plan_.groups.size(),
                            moved, failing_before, failing_after)
             << "\n";
        out_ << "- **eduqb:** " << eduqb_version() << "\n\n";
        out_ << words(RotateLabel::move_rule) << "\n";
    }

    void write_group(const GroupRotation& group) {
        out_ << "\n## " << group_title(group.key) << "\n\n";
        out_ << fmt::format(fmt::runtime(words(RotateLabel::group_line)), group.members.size(),
                            detail::thousands(group.teachers), detail::thousands(group.budget),
                            detail::thousands(group.moved))
             << "\n\n";
        out_ << "**" << words(RotateLabel::outcome) << ":** "
             << detail::outcome_sentence(group, language_) << "\n";
        if (group.fixed_sections > 0) {
            out_ << "\n"
                 << fmt::format(fmt::runtime(words(RotateLabel::fixed_sections)),
                                group.fixed_sections)
                 << "\n";
        }
        write_moves(group);
        write_coefficients(group);
    }

    void write_moves(const GroupRotation& group) {
        if (group.moves.empty()) return;
        out_ << "\n### " << words(RotateLabel::moves) << "\n\n";
        detail::markdown_row(
            out_,
            {std::string(words(RotateLabel::from_id)), std::string(words(RotateLabel::from_name)),
             std::string(words(RotateLabel::to_id)), std::string(words(RotateLabel::to_name)),
             std::string(words(RotateLabel::category)),
             std::string(words(RotateLabel::teachers_moved))});
        detail::markdown_rule(out_, 6, "lllllr");
        for (const TeacherMove& move : group.moves) {
            const SchoolResult& from = *group.members[move.from];
            const SchoolResult& to = *group.members[move.to];
            detail::markdown_row(out_,
                                 {from.school_id, from.school_name, to.school_id, to.school_name,
                                  std::string(detail::category_label(move.category, language_)),
                                  std::to_string(move.count)});
        }
    }

    std::string verdict(const std::optional<bool>& pass) const {
        if (!pass) return std::string(words(RotateLabel::not_judged));
        return *pass ? "✓ " + std::string(words(RotateLabel::pass))
                     : "✗ " + std::string(words(RotateLabel::fail));
    }

    void write_coefficients(const GroupRotation& group) {
        if (group.cvs.empty()) return;
        out_ << "\n### " << words(RotateLabel::coefficients) << "\n\n";
        detail::markdown_row(
            out_,
            {std::string(words(RotateLabel::indicator)), std::string(words(RotateLabel::limit)),
             std::string(words(RotateLabel::cv_before)), std::string(words(RotateLabel::cv_after)),
             std::string(words(RotateLabel::verdict_before)),
             std::string(words(RotateLabel::verdict_after))});
        detail::markdown_rule(out_, 6, "lrrrll");
        for (const CvChange& cv : group.cvs) {
            const IndicatorDef& def = plan_.profile.indicators.at(cv.indicator);
            detail::markdown_row(
                out_, {language_ == Language::zh ? def.label_zh : def.label_en,
                       detail::limit_text(cv.limit, 2), cv_text(cv.before), cv_text(cv.after),
                       verdict(cv.pass_before), verdict(cv.pass_after)});
        }
    }

    const RotateReport& plan_;
    Language language_;
    std::ostream& out_;
};

}  // namespace

void render_rotate_markdown(const RotateReport& plan, Language language, std::ostream& out) {
    Writer(plan, language, out).write();
}

void render_rotate(const RotateReport& plan, Format format, Language language, std::ostream& out) {
    switch (format) {
        case Format::markdown:
            return render_rotate_markdown(plan, language, out);
        case Format::csv:
            return render_rotate_csv(plan, out);
        case Format::json:
            return render_rotate_json(plan, out);
        case Format::html:
        case Format::xlsx:
            break;
    }
    throw UsageError(fmt::format("rotate writes markdown, csv and json to a stream (got {})",
                                 static_cast<int>(format)));
}

}  // namespace eduqb
