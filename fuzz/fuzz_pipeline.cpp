// Fuzz target: the whole compute pipeline (eduqb::evaluate_inputs) on arbitrary bytes, then
// every renderer at both levels. The report must obey the rules in fuzz_support.hpp (no NaN or
// infinity behind a defined value, verdicts that agree with their numbers). The input's size
// picks the built-in profile, the missing-cell policy and --skip-invalid, so that the corpus
// covers every combination without running each input three times.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "eduqb/error.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/profile.hpp"
#include "fuzz_support.hpp"

namespace {

const std::vector<eduqb::Profile>& profiles() {
    static const std::vector<eduqb::Profile> all = [] {
        std::vector<eduqb::Profile> list;
        for (const auto& id : eduqb::builtin_profile_ids()) {
            list.push_back(eduqb::builtin_profile(id));
        }
        return list;
    }();
    return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace eduqb;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const Profile& profile = profiles()[size % profiles().size()];
    EvaluationOptions options;
    options.keep_schools = true;
    options.missing = size / 3 % 2 ? MissingPolicy::skip : MissingPolicy::error;
    options.skip_invalid = size / 6 % 2;
    std::istringstream in(bytes);
    Diagnostics diagnostics;
    try {
        const Report report = evaluate_inputs({InputSource{"fuzz.csv", &in}}, profile,
                                              ReadOptions{}, options, diagnostics);
        fuzz::check_report(report);
        fuzz::render_everything(report);
    } catch (const InputError& error) {
        if (error.where().file != "fuzz.csv") fuzz::broken("an input error naming no file");
    }
    return 0;
}
