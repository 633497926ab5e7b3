#pragma once
// The one ordered parallel map of eduqb (internal): items 0, 1, 2, … made on worker threads and
// taken by the caller in order. Reading (RowStream: chunks read in order, parsed in parallel)
// and formatting (produce_in_order: groups formatted in parallel, written in order) both run
// on it.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "base/ordered_worker.hpp"

namespace eduqb {

/// Making item i has two parts. `claim(i, state)` runs on one thread at a time, for i = 0, 1,
/// 2, … in turn (reading the next chunk of a file), and returns false when there is no item i.
/// `make(i, state, item)` then runs concurrently with the other workers' (parsing the chunk)
/// and returns false when item i is the last. `State` is each worker's scratch space. At most
/// `ahead` items (one more with workers, for the caller's) are made before the caller takes
/// them; taking one gives the slot the caller's previous item, whose memory the next item made
/// there reuses. A caller whose next item is not made yet makes the next unclaimed one itself
/// rather than wait: with a worker per core but one, its core would idle while the workers set
/// the pace.
template <typename Item, typename State>
class OrderedMap {
  public:
    using Claim = std::function<bool(std::uint64_t, State&)>;
    using Make = std::function<bool(std::uint64_t, State&, Item&)>;

    /// `threads` workers (0: every item made by next() on the caller's thread, as when the
    /// system refuses threads).
    OrderedMap(int threads, std::size_t ahead, Claim claim, Make make,
               const ThreadStarter& start = {})
        : claim_(std::move(claim)),
          make_(std::move(make)),
          slots_((ahead < 1 ? 1 : ahead) + (threads > 0 ? 1 : 0)) {
        if (threads > 0)
            workers_ = start_threads(
                threads, [this] { work(); }, start);
    }

    /// Stops the workers; items made and not taken are dropped.
    ~OrderedMap() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        for (auto& worker : workers_) worker.join();
    }

    OrderedMap(const OrderedMap&) = delete;
    OrderedMap& operator=(const OrderedMap&) = delete;

    /// The next item in order, swapped into `item`; false when there is none. Rethrows what a
    /// claim or a make threw, once the items before it are taken.
    bool next(Item& item) {
        if (workers_.empty()) return next_here(item);
        std::unique_lock<std::mutex> lock(mutex_);
        Slot& slot = slots_[taken_ % slots_.size()];
        bool may_help = true;
        while (slot.made != taken_ && !over()) {
            if (may_help && has_room()) {
                may_help = help(lock);
                continue;
            }
            changed_.wait(lock);
        }
        if (slot.made != taken_) {
            if (failure_) std::rethrow_exception(failure_);
            return false;
        }
        std::swap(item, slot.item);
        ++taken_;
        lock.unlock();
        changed_.notify_all();
        return true;
    }

  private:
    static constexpr std::uint64_t kNotMade = ~std::uint64_t{0};
    struct Slot {
        Item item{};
        std::uint64_t made = kNotMade;  ///< the index of the item it holds
    };

    /// Nothing more will come for the caller: the items ended, or a worker failed.
    bool over() const { return failure_ || (end_ != kNotMade && taken_ >= end_); }
    /// An item may be claimed: the slots have room, and the items have not ended. Under mutex_.
    bool has_room() const {
        return !stopping_ && !failure_ && end_ == kNotMade && claimed_ < taken_ + slots_.size();
    }

    /// The caller makes an item as a worker would. Called and returns with `lock` held; false
    /// when there was nothing more to claim or make.
    bool help(std::unique_lock<std::mutex>& lock) {
        ++claimed_;
        lock.unlock();
        const bool more = make_next(own_state_, spare_);
        lock.lock();
        return more;
    }

    bool next_here(Item& item) {
        if (end_ != kNotMade && taken_ >= end_) return false;
        const std::uint64_t i = taken_;
        if (!claim_(i, own_state_)) {
            end_ = i;
            return false;
        }
        if (!make_(i, own_state_, item)) end_ = i + 1;
        ++taken_;
        return true;
    }

    void work() {
        State state{};
        Item item{};
        for (;;) {
            {
                std::unique_lock<std::mutex> lock(mutex_);
                changed_.wait(lock, [&] {
                    return stopping_ || failure_ || end_ != kNotMade ||
                           claimed_ < taken_ + slots_.size();
                });
                if (stopping_ || failure_ || end_ != kNotMade) return;
                ++claimed_;
            }
            if (!make_next(state, item)) return;
        }
    }

    /// Claims the next item and makes it into its slot (`item` gets the slot's old one). False
    /// when no item follows: none was left to claim, this one was the last, or it failed.
    bool make_next(State& state, Item& item) {
        std::uint64_t i = 0;
        bool has_item = false;
        bool more = true;
        try {
            {
                std::lock_guard<std::mutex> claiming(claim_mutex_);
                if (claims_over_) return false;
                i = next_claim_++;
                has_item = claim_(i, state);
                if (!has_item) claims_over_ = true;
            }
            if (has_item) more = make_(i, state, item);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
            changed_.notify_all();
            return false;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!has_item || !more) {
                const std::uint64_t end = has_item ? i + 1 : i;
                if (end < end_) end_ = end;
            }
            if (has_item) {
                Slot& slot = slots_[i % slots_.size()];
                std::swap(slot.item, item);
                slot.made = i;
            }
        }
        changed_.notify_all();
        if (!has_item || !more) {
            std::lock_guard<std::mutex> claiming(claim_mutex_);
            claims_over_ = true;
            return false;
        }
        return true;
    }

    Claim claim_;
    Make make_;
    State own_state_{};  ///< the caller's
    Item spare_{};       ///< the caller's room to make an item in, when it helps

    std::mutex claim_mutex_;  ///< claims one at a time, in order
    std::uint64_t next_claim_ = 0;
    bool claims_over_ = false;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Slot> slots_;
    std::uint64_t claimed_ = 0;     ///< items workers have started on
    std::uint64_t taken_ = 0;       ///< items the caller has taken
    std::uint64_t end_ = kNotMade;  ///< one past the last item, once known
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::vector<std::thread> workers_;  ///< last: started once the rest is in place
};

}  // namespace eduqb
