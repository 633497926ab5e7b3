// The teacher-exchange plan as JSON (docs/gaps.md, "Teacher exchange", gives the schema).

#include "eduqb/render_rotate.hpp"
#include "report/json_writer.hpp"

namespace eduqb {
namespace {

class Writer {
  public:
    Writer(const RotateReport& plan, std::ostream& out) : plan_(plan), json_(out) {}

    void write() {
        json_.begin_object();
        json_.key("profile").string(plan_.profile.id);
        json_.key("profile_title").string(plan_.profile.title);
        json_.key("eduqb_version").string(eduqb_version());
        json_.key("inputs").begin_array();
        for (const auto& input : plan_.inputs) json_.string(input);
        json_.end_array();
        json_.key("share").number(plan_.share);
        json_.key("categories").begin_array();
        for (TeacherCategory category : plan_.categories) json_.string(to_string(category));
        json_.end_array();
        json_.key("groups").begin_array();
        for (const GroupRotation& group : plan_.groups) write_group(group);
        json_.end_array();
        json_.end_object();
    }

  private:
    void measure(std::string_view key, const Measure& cv) {
        json_.key(key);
        if (cv.defined()) {
            json_.number(cv.value);
        } else {
            json_.null();
        }
    }

    void write_group(const GroupRotation& group) {
        json_.begin_object();
        write_group_key(json_, group.key);
        json_.key("sections").integer(static_cast<long long>(group.members.size()));
        json_.key("teachers").integer(group.teachers);
        json_.key("budget").integer(group.budget);
        json_.key("moved").integer(group.moved);
        json_.key("fixed_sections").integer(group.fixed_sections);
        json_.key("outcome").string(to_string(group.outcome));
        json_.key("worst_ratio_before").number(group.worst_before);
        json_.key("worst_ratio_after").number(group.worst_after);
        json_.key("moves").begin_array();
        for (const TeacherMove& move : group.moves) write_move(group, move);
        json_.end_array();
        json_.key("cvs").begin_array();
        for (const CvChange& cv : group.cvs) write_cv(cv);
        json_.end_array();
        json_.end_object();
    }

    void write_move(const GroupRotation& group, const TeacherMove& move) {
        const SchoolResult& from = *group.members[move.from];
        const SchoolResult& to = *group.members[move.to];
        json_.begin_object();
        json_.key("from_id").string(from.school_id);
        json_.key("from_name").string(from.school_name);
        json_.key("to_id").string(to.school_id);
        json_.key("to_name").string(to.school_name);
        json_.key("category").string(to_string(move.category));
        json_.key("count").integer(move.count);
        json_.end_object();
    }

    void write_cv(const CvChange& cv) {
        json_.begin_object();
        json_.key("indicator").string(plan_.profile.indicators.at(cv.indicator).id);
        json_.key("limit").number(cv.limit.value);
        json_.key("op").string(to_string(cv.limit.op));
        json_.key("limit_source").string(to_string(cv.source));
        measure("cv_before", cv.before);
        measure("cv_after", cv.after);
        json_.key("pass_before").boolean_or_null(cv.pass_before);
        json_.key("pass_after").boolean_or_null(cv.pass_after);
        json_.end_object();
    }

    const RotateReport& plan_;
    detail::JsonWriter json_;
};

}  // namespace

void render_rotate_json(const RotateReport& plan, std::ostream& out) {
    Writer(plan, out).write();
}

}  // namespace eduqb
