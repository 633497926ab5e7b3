// Reading and parsing run on worker threads, in chunks; everything after them sees the rows in
// input order. So the report and every problem, in its order, must be the same for any number
// of threads and any chunk size, also when reading stops at the error limit.

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "base/ordered_worker.hpp"
#include "eduqb/pipeline.hpp"
#include "eduqb/render.hpp"
#include "input/row_stream.hpp"
#include "test_support.hpp"

using namespace eduqb;
using namespace eduqb::test;

namespace {

/// A district file with a bit of everything: combined schools whose sections are far apart,
/// duplicates, bad and empty cells, implausible ratios, quoted names with commas and newlines,
/// blank lines and CRLF line ends.
std::string mixed_input(int rows) {
    std::ostringstream out;
    out << kHeader;
    std::uint64_t state = 99;
    auto next = [&](int bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(bound));
    };
    for (int i = 0; i < rows; ++i) {
        const int district = i / 400;
        const std::string id = std::to_string(100000 + i);
        const std::string name = next(10) == 0 ? "\"学校, 第" + id + "\n分校\"" : "学校" + id;
        std::string type = "primary_school", stage = "primary";
        if (next(8) == 0) {
            // A nine-year school: its junior section a few rows further on.
            out << id << "," << name << ",区" << district << ",2024,nine_year,primary,rural,"
                << 200 + next(300) << ",20,12,2,2,5,3000,5000,900000,10,40,9000,8\n";
            out << "\n";
            type = "nine_year";
            stage = "junior";
        }
        const int pick = next(40);
        std::string students = std::to_string(100 + next(900));
        std::string area = std::to_string(1000 + next(4000)) + "." + std::to_string(next(10));
        if (pick == 0) students = "many";  // not a number
        if (pick == 1) area = "";          // missing
        if (pick == 2) area = "1";         // implausible: a warning
        const std::string row_id = pick == 3 && i > 0 ? std::to_string(100000 + i - 1) : id;
        out << row_id << "," << name << ",区" << district << ",2024," << type << "," << stage
            << ",town," << students << ",30,20,3,3,6," << area << ",6000,1200000,12,50,"
            << 10000 + next(5000) << ",10" << (next(5) == 0 ? "\r\n" : "\n");
    }
    return out.str();
}

struct Outcome {
    std::string thrown;
    std::vector<std::string> problems;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::string report;
};

Outcome evaluate(const std::string& csv, int threads, std::size_t chunk_bytes,
                 std::size_t max_errors = Diagnostics::kMaxKept, int evaluator_thread = -1) {
    EvaluationOptions options;
    options.keep_schools = true;
    options.skip_invalid = true;
    ReadOptions read;
    read.threads = threads;
    read.evaluator_thread = evaluator_thread;
    read.chunk_bytes = chunk_bytes;
    read.max_errors = max_errors;
    Outcome outcome;
    Diagnostics diagnostics;
    try {
        const Report report = evaluate_text(csv, "national-2017", options, diagnostics, read);
        std::ostringstream rendered;
        render(report, Format::json, Level::school, rendered);
        outcome.report = rendered.str();
    } catch (const InputError& error) {
        outcome.thrown = error.what();
    }
    for (const auto& problem : diagnostics.problems()) {
        outcome.problems.push_back(format_problem(problem));
    }
    outcome.errors = diagnostics.errors();
    outcome.warnings = diagnostics.warnings();
    return outcome;
}

void check_same(const Outcome& a, const Outcome& b) {
    CHECK(a.thrown == b.thrown);
    CHECK(a.errors == b.errors);
    CHECK(a.warnings == b.warnings);
    CHECK(a.problems == b.problems);
    CHECK(a.report == b.report);
}

}  // namespace

TEST_CASE("threads: the same report and problems for any number of threads and chunk size") {
    const std::string csv = mixed_input(3000);
    const Outcome reference = evaluate(csv, 0, ChunkReader::kDefaultChunkBytes);
    REQUIRE(reference.thrown.empty());
    REQUIRE(reference.errors > 100);
    REQUIRE(reference.warnings > 10);
    REQUIRE(reference.report.size() > 100000);
    for (int threads : {0, 1, 2, 4}) {
        for (std::size_t chunk : {std::size_t{1}, std::size_t{700}, std::size_t{16384}}) {
            // The evaluator on the main thread and on its own, whatever the machine's cores.
            for (int evaluator_thread : {0, 1}) {
                CAPTURE(threads);
                CAPTURE(chunk);
                CAPTURE(evaluator_thread);
                check_same(evaluate(csv, threads, chunk, Diagnostics::kMaxKept, evaluator_thread),
                           reference);
            }
        }
    }
}

TEST_CASE("threads: reading stops at the same row for any number of threads") {
    const std::string csv = mixed_input(3000);
    const Outcome reference = evaluate(csv, 0, ChunkReader::kDefaultChunkBytes, 40);
    CAPTURE(reference.thrown);
    REQUIRE(reference.thrown.find("errors; stopped reading here") != std::string::npos);
    for (int threads : {1, 2, 4}) {
        for (std::size_t chunk : {std::size_t{1}, std::size_t{2048}}) {
            for (int evaluator_thread : {0, 1}) {
                CAPTURE(threads);
                CAPTURE(chunk);
                CAPTURE(evaluator_thread);
                check_same(evaluate(csv, threads, chunk, 40, evaluator_thread), reference);
            }
        }
    }
}

TEST_CASE("threads: no workers by default for inputs under 2 MiB, nor for a pipe's unknown size") {
    CHECK(kThreadedInputBytes == 2 * 1024 * 1024);
    CHECK(default_worker_threads(std::uint64_t{0}) == 0);
    CHECK(default_worker_threads(kThreadedInputBytes - 1) == 0);
    CHECK(default_worker_threads(kThreadedInputBytes) == default_worker_threads());
    CHECK(default_worker_threads(std::nullopt) == default_worker_threads());
}

namespace {

/// Starts `allowed` threads, then fails as std::thread does at the process limit.
ThreadStarter starter_allowing(int allowed) {
    auto started = std::make_shared<int>(0);
    return [started, allowed](std::function<void()> body) {
        if (*started == allowed) {
            throw std::system_error(
                std::make_error_code(std::errc::resource_unavailable_try_again));
        }
        ++*started;
        return std::thread(std::move(body));
    };
}

}  // namespace

TEST_CASE("threads: threads the system refuses are done without, never a crash") {
    for (int allowed : {0, 1, 3}) {
        CAPTURE(allowed);
        std::vector<std::thread> threads = start_threads(
            5, [] {}, starter_allowing(allowed));
        CHECK(threads.size() == static_cast<std::size_t>(allowed));
        for (auto& thread : threads) thread.join();

        std::string joined;
        produce_in_order(
            40, 4, [](std::size_t i, std::string& text) { text = std::to_string(i) + ","; },
            [&](std::size_t, std::string& text) { joined += text; }, starter_allowing(allowed));
        std::string expected;
        for (int i = 0; i < 40; ++i) expected += std::to_string(i) + ",";
        CHECK(joined == expected);

        std::vector<int> order;
        {
            OrderedWorker worker(2, starter_allowing(allowed));
            for (int i = 0; i < 10; ++i) worker.post([&order, i] { order.push_back(i); });
            worker.finish();
        }
        CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
}

TEST_CASE("threads: a caller waiting for its next item makes the next ones itself") {
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> by_caller{0};
    std::string joined;
    produce_in_order(
        60, 1,
        [&](std::size_t i, std::string& text) {
            if (std::this_thread::get_id() == caller) {
                ++by_caller;
            } else {
                // A slow worker: the caller finds its items not made yet.
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            text = std::to_string(i) + ",";
        },
        [&](std::size_t, std::string& text) { joined += text; });
    std::string expected;
    for (int i = 0; i < 60; ++i) expected += std::to_string(i) + ",";
    CHECK(joined == expected);
    CHECK(by_caller > 0);

    // What a make on the caller's thread throws reaches the caller.
    std::string before;
    CHECK_THROWS_AS(produce_in_order(
                        60, 1,
                        [&](std::size_t i, std::string& text) {
                            if (std::this_thread::get_id() != caller) {
                                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                            } else if (i >= 10) {
                                throw std::runtime_error("made on the caller's thread");
                            }
                            text = std::to_string(i) + ",";
                        },
                        [&](std::size_t, std::string& text) { before += text; }),
                    std::runtime_error);
}
