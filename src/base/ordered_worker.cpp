#include "base/ordered_worker.hpp"

#include <algorithm>
#include <new>
#include <system_error>
#include <vector>

#include "base/ordered_map.hpp"

namespace eduqb {

std::vector<std::thread> start_threads(int count, const std::function<void()>& body,
                                       const ThreadStarter& start) {
    std::vector<std::thread> threads;
    if (count <= 0) return threads;
    try {
        threads.reserve(static_cast<std::size_t>(count));
        for (int t = 0; t < count; ++t) {
            threads.push_back(start ? start(body) : std::thread(body));
        }
    } catch (const std::system_error&) {
        // EAGAIN at the process limit: the threads already started do the work.
    } catch (const std::bad_alloc&) {
        // No memory for another stack: the same.
    }
    return threads;
}

OrderedWorker::OrderedWorker(std::size_t max_waiting, const ThreadStarter& start)
    : max_waiting_(max_waiting == 0 ? 1 : max_waiting) {
    auto started = start_threads(
        1, [this] { run(); }, start);
    if (!started.empty()) thread_ = std::move(started.front());
}

OrderedWorker::~OrderedWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OrderedWorker::rethrow_failure() {
    if (failure_) {
        auto failure = failure_;
        failure_ = nullptr;
        std::rethrow_exception(failure);
    }
}

void OrderedWorker::post(std::function<void()> task) {
    if (!thread_.joinable()) {
        task();
        return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return tasks_.size() < max_waiting_ || failure_; });
    rethrow_failure();
    tasks_.push_back(std::move(task));
    lock.unlock();
    changed_.notify_all();
}

void OrderedWorker::finish() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return (tasks_.empty() && !busy_) || failure_; });
    rethrow_failure();
}

void OrderedWorker::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return !tasks_.empty() || stopping_; });
        if (tasks_.empty()) return;  // stopping, and nothing left
        std::function<void()> task = std::move(tasks_.front());
        tasks_.pop_front();
        busy_ = true;
        lock.unlock();
        changed_.notify_all();
        std::exception_ptr failure;
        try {
            task();
        } catch (...) {
            failure = std::current_exception();
        }
        task = nullptr;  // what it captured is released on this thread, outside the lock
        lock.lock();
        busy_ = false;
        if (failure && !failure_) {
            failure_ = failure;
            tasks_.clear();
        }
        changed_.notify_all();
    }
}

void produce_in_order(std::size_t count, int threads,
                      const std::function<void(std::size_t, std::string&)>& produce,
                      const std::function<void(std::size_t, std::string&)>& consume,
                      const ThreadStarter& start) {
    struct NoScratch {};
    // A few texts per thread wait for their turn: memory stays bounded however large `count`.
    OrderedMap<std::string, NoScratch> texts(
        count < 2 ? 0 : threads, 4 * static_cast<std::size_t>(std::max(threads, 1)),
        [count](std::uint64_t i, NoScratch&) { return i < count; },
        [&produce](std::uint64_t i, NoScratch&, std::string& text) {
            text.clear();
            produce(static_cast<std::size_t>(i), text);
            return true;
        },
        start);
    std::string text;
    for (std::size_t i = 0; texts.next(text); ++i) consume(i, text);
}

}  // namespace eduqb
