#pragma once
// A stage that must see its input in order but can run beside the stage that feeds it.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace eduqb {

/// Starts a thread running its argument. Tests pass one that fails as the system does at a
/// process or memory limit (`ulimit -u`, `ulimit -v`).
using ThreadStarter = std::function<std::thread(std::function<void()>)>;

/// Starts up to `count` threads running `body` with `start` (std::thread when empty) and
/// returns those that started: fewer, perhaps none, when the system refuses more. Callers then
/// do the same work on fewer threads (or on their own) instead of failing.
std::vector<std::thread> start_threads(int count, const std::function<void()>& body,
                                       const ThreadStarter& start = {});

/// One background thread that runs tasks in the order they were posted.
class OrderedWorker {
  public:
    /// post() waits while `max_waiting` tasks are waiting: a bound on the memory they hold.
    /// When no thread can be started, post() runs each task at once on the caller's thread.
    explicit OrderedWorker(std::size_t max_waiting, const ThreadStarter& start = {});
    /// Lets the tasks posted so far run (their errors are dropped), then joins.
    ~OrderedWorker();
    OrderedWorker(const OrderedWorker&) = delete;
    OrderedWorker& operator=(const OrderedWorker&) = delete;

    /// Queues a task. Rethrows the exception of a task that failed (later tasks are dropped).
    void post(std::function<void()> task);
    /// Waits until every task has run; rethrows the exception of a task that failed.
    void finish();

  private:
    void run();
    void rethrow_failure();

    std::size_t max_waiting_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::function<void()>> tasks_;
    bool busy_ = false;
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::thread thread_;  ///< not joinable when none could be started
};

/// Calls produce(i, text) for i = 0 .. count-1 on `threads` threads, and consume(i, text) with
/// each text on the calling thread in order of i. At most a few texts per thread wait for
/// their turn, so memory stays bounded however large `count`. Without threads, both run on the
/// calling thread, as when no thread can be started. The first exception of a produce() is
/// rethrown.
void produce_in_order(std::size_t count, int threads,
                      const std::function<void(std::size_t, std::string&)>& produce,
                      const std::function<void(std::size_t, std::string&)>& consume,
                      const ThreadStarter& start = {});

}  // namespace eduqb
