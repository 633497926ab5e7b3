#include "ordered_worker.hpp"

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

}  // namespace eduqb
