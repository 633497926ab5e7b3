#include "base/ordered_worker.hpp"

#include <new>
#include <system_error>
#include <vector>

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
    std::string text;
    auto one_thread = [&] {
        for (std::size_t i = 0; i < count; ++i) {
            text.clear();
            produce(i, text);
            consume(i, text);
        }
    };
    if (threads <= 0 || count < 2) return one_thread();
    // A ring of slots: item i goes to slot i % ring once item i - ring has been consumed.
    const std::size_t ring = 4 * static_cast<std::size_t>(threads);
    struct Slot {
        std::string text;
        std::size_t item = static_cast<std::size_t>(-1);
    };
    std::vector<Slot> slots(ring);
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t next = 0;      // the next item to claim
    std::size_t consumed = 0;  // items before this one are consumed
    std::exception_ptr failure;
    bool stopping = false;
    auto work = [&] {
        std::string own;
        for (;;) {
            std::size_t item = 0;
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock,
                             [&] { return stopping || next >= count || next < consumed + ring; });
                if (stopping || next >= count) return;
                item = next++;
            }
            own.clear();
            try {
                produce(item, own);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure) failure = std::current_exception();
                stopping = true;
                changed.notify_all();
                return;
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                slots[item % ring].text.swap(own);
                slots[item % ring].item = item;
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> workers = start_threads(threads, work, start);
    if (workers.empty()) return one_thread();
    std::exception_ptr consume_failure;
    for (std::size_t i = 0; i < count; ++i) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return slots[i % ring].item == i || failure; });
            if (failure) break;
            text.swap(slots[i % ring].text);
        }
        try {
            consume(i, text);
        } catch (...) {
            consume_failure = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            consumed = i + 1;
            if (consume_failure) stopping = true;
        }
        changed.notify_all();
        if (consume_failure) break;
    }
    for (auto& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
    if (consume_failure) std::rethrow_exception(consume_failure);
}

}  // namespace eduqb
