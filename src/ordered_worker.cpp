#include "ordered_worker.hpp"

#include <vector>

namespace eduqb {

OrderedWorker::OrderedWorker(std::size_t max_waiting)
    : max_waiting_(max_waiting == 0 ? 1 : max_waiting), thread_([this] { run(); }) {}

OrderedWorker::~OrderedWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void OrderedWorker::rethrow_failure() {
    if (failure_) {
        auto failure = failure_;
        failure_ = nullptr;
        std::rethrow_exception(failure);
    }
}

void OrderedWorker::post(std::function<void()> task) {
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
                      const std::function<void(std::size_t, std::string&)>& consume) {
    std::string text;
    if (threads <= 0 || count < 2) {
        for (std::size_t i = 0; i < count; ++i) {
            text.clear();
            produce(i, text);
            consume(i, text);
        }
        return;
    }
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
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) workers.emplace_back(work);
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
