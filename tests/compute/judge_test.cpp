#include "eduqb/judge.hpp"

#include <doctest/doctest.h>

using namespace eduqb;

TEST_CASE("judge: operators at the exact boundary") {
    CHECK(satisfies(0.50, Limit{0.50, Op::less_equal}));
    CHECK_FALSE(satisfies(0.50, Limit{0.50, Op::less}));
    // Rounding noise around the boundary does not decide: the operator does.
    CHECK(satisfies(0.5000000000000001, Limit{0.50, Op::less_equal}));
    CHECK_FALSE(satisfies(0.49999999999999994, Limit{0.50, Op::less}));
    // Clearly on either side.
    CHECK(satisfies(0.4999, Limit{0.50, Op::less}));
    CHECK_FALSE(satisfies(0.5001, Limit{0.50, Op::less_equal}));
}

TEST_CASE("judge: standards and the 85 % floor") {
    CHECK(judge_standard(4.5, 4.5, 0.85) == StandardStatus::reached);
    CHECK(judge_standard(3825.0 / 1000.0, 4.5, 0.85) ==
          StandardStatus::above_floor);  // 85 % exactly
    CHECK(judge_standard(3.82, 4.5, 0.85) == StandardStatus::below_floor);
    CHECK(judge_standard(1.0, std::nullopt, 0.85) == StandardStatus::no_standard);
    CHECK(judge_standard(kMissing, 4.5, 0.85) == StandardStatus::missing);
}

TEST_CASE("judge: per-school rule, 6 of 7 and the rest at 85 %") {
    const SchoolRule rule{6, 0.85};
    using S = StandardStatus;
    CHECK(school_complies(
        {S::reached, S::reached, S::reached, S::reached, S::reached, S::reached, S::reached},
        rule));
    CHECK(school_complies(
        {S::reached, S::reached, S::reached, S::reached, S::reached, S::reached, S::above_floor},
        rule));
    // Six reached but the seventh below 85 %: fails.
    CHECK_FALSE(school_complies(
        {S::reached, S::reached, S::reached, S::reached, S::reached, S::reached, S::below_floor},
        rule));
    // Only five reached, even if the other two are close: fails.
    CHECK_FALSE(school_complies({S::reached, S::reached, S::reached, S::reached, S::reached,
                                 S::above_floor, S::above_floor},
                                rule));
}

TEST_CASE("judge: limits are not judged on NA") {
    CHECK(judge_limit(Measure{0, NaReason::too_few_schools}, Limit{0.5, Op::less_equal}) ==
          std::nullopt);
    CHECK(judge_limit(Measure{0.3, NaReason::none}, std::nullopt) == std::nullopt);
    CHECK(judge_limit(Measure{0.6, NaReason::none}, Limit{0.5, Op::less_equal}) == false);
}

TEST_CASE("judge: a prepared limit draws the boundary where the tolerance puts it") {
    // The tolerance is 1e-9 of the limit (at least 1e-9): ±1e-9 around 0.5, ±2e-6 around 2000.
    CHECK(LimitCheck(Limit{0.50, Op::less_equal}).satisfied_by(0.50 + 0.5e-9));
    CHECK_FALSE(LimitCheck(Limit{0.50, Op::less_equal}).satisfied_by(0.50 + 2e-9));
    CHECK(LimitCheck(Limit{0.50, Op::less}).satisfied_by(0.50 - 2e-9));
    CHECK_FALSE(LimitCheck(Limit{0.50, Op::less}).satisfied_by(0.50 - 0.5e-9));
    CHECK(LimitCheck(Limit{2000, Op::greater_equal}).satisfied_by(2000 - 1e-6));
    CHECK_FALSE(LimitCheck(Limit{2000, Op::greater_equal}).satisfied_by(2000 - 3e-6));
    CHECK(LimitCheck(Limit{2000, Op::greater}).satisfied_by(2000 + 3e-6));
    CHECK_FALSE(LimitCheck(Limit{2000, Op::greater}).satisfied_by(2000 + 1e-6));
    // A missing value satisfies no limit.
    for (Op op : {Op::less, Op::less_equal, Op::greater, Op::greater_equal}) {
        CHECK_FALSE(LimitCheck(Limit{1, op}).satisfied_by(kMissing));
        CHECK_FALSE(satisfies(kMissing, Limit{1, op}));
    }
}

TEST_CASE("judge: the per-school rule on counts") {
    const SchoolRule rule{6, 0.85};
    StandardCounts counts;
    counts.reached = 6;
    CHECK(school_complies(counts, rule));
    counts.below_floor = 1;
    CHECK_FALSE(school_complies(counts, rule));
    counts.below_floor = 0;
    counts.missing = 1;
    CHECK_FALSE(school_complies(counts, rule));
    counts.missing = 0;
    counts.reached = 5;
    CHECK_FALSE(school_complies(counts, rule));

    // Counting statuses: only reached, below_floor and missing are counted.
    using S = StandardStatus;
    StandardCounts counted;
    for (S status :
         {S::reached, S::above_floor, S::below_floor, S::no_standard, S::missing, S::reached}) {
        counted.add(status);
    }
    CHECK(counted.reached == 2);
    CHECK(counted.below_floor == 1);
    CHECK(counted.missing == 1);
}
