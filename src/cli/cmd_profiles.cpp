// eduqb profiles: list the built-in standards profiles, or print one as an editable file.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli.hpp"
#include "eduqb/exit_codes.hpp"
#include "eduqb/profile.hpp"
#include "report/labels.hpp"
#include "report_output.hpp"

namespace eduqb::cli {
namespace {

int list_profiles(const std::string& lang) {
    const Labels& text = labels_for(language_option(lang));
    for (const auto& id : builtin_profile_ids()) {
        const Profile profile = builtin_profile(id);
        std::cout << fmt::format("{:<14} {} ({})\n", id, text.profile_title(profile),
                                 profile.source);
    }
    return kExitOk;
}

int show_profile(const std::string& id) {
    builtin_profile(id);  // a UsageError with a suggestion when the id is unknown
    std::cout << *builtin_profile_text(id);
    return kExitOk;
}

}  // namespace

void add_profiles_command(CLI::App& app, Action& action) {
    CLI::App* cmd = app.add_subcommand("profiles", "List the built-in standards profiles");
    auto id = std::make_shared<std::string>();
    auto lang = std::make_shared<std::string>();
    add_language_option(*cmd, *lang, "the profiles' titles");
    CLI::App* show = cmd->add_subcommand("show", "Print a built-in profile as a TOML file");
    show->add_option("id", *id, "Profile id")->required();
    cmd->callback([&action, show, id, lang] {
        if (show->parsed()) {
            action = [id] { return show_profile(*id); };
        } else {
            action = [lang] { return list_profiles(*lang); };
        }
    });
}

}  // namespace eduqb::cli
