#pragma once
// The one hash index of eduqb (internal): from keys the caller keeps, in a vector of its own,
// to their positions there. Interned district names, the groups of an evaluation and the
// sections a duplicate check has seen all use it.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace eduqb {

/// Open addressing with linear probing, at most half full. A slot is 8 bytes: the high 32 bits
/// of the key's hash and its id + 1 (0: empty). A key is compared only when those 32 bits
/// match, and the slot is picked from them too, so that the index grows without asking for
/// the keys again. Ids are 0, 1, 2, … in order of insertion.
class FlatIndex {
  public:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();  ///< no id

    /// The id of the key that has `hash` and for which `is_key(id)` holds, and false; or, when
    /// there is none, the next id, size(), now given to that key, and true. One probe does
    /// both: the empty slot that ends the search is where the key goes.
    template <typename IsKey>
    std::pair<std::uint32_t, bool> find_or_insert(std::uint64_t hash, IsKey is_key) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::uint64_t tag = hash >> 32;
        for (std::size_t i = first_slot(tag);; i = (i + 1) & mask_) {
            const std::uint64_t slot = slots_[i];
            if (slot == 0) {
                const std::uint32_t id = next_id();
                slots_[i] = tag << 32 | (std::uint64_t{id} + 1);
                return {id, true};
            }
            if ((slot >> 32) == tag) {
                const auto id = static_cast<std::uint32_t>(slot) - 1;
                if (is_key(id)) return {id, false};
            }
        }
    }

    /// Adds the next id, size(), for a key with `hash` known not to be in the index.
    std::uint32_t insert(std::uint64_t hash) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::uint32_t id = next_id();
        place((hash >> 32) << 32 | (std::uint64_t{id} + 1));
        return id;
    }

    std::size_t size() const { return size_; }

    /// Empty again, with room for `expected` keys; the slots' memory serves again.
    void clear(std::size_t expected = 0) {
        std::size_t capacity = 64;
        while (capacity < 2 * (expected + 1)) capacity *= 2;
        resize_slots(capacity);
        size_ = 0;
    }

  private:
    std::uint32_t next_id() {
        if (size_ >= kNone - 1) throw std::length_error("more than 4 billion keys in an index");
        return static_cast<std::uint32_t>(size_++);
    }

    /// A multiplicative hash of the tag: its top bits pick the slot.
    std::size_t first_slot(std::uint64_t tag) const {
        return static_cast<std::size_t>((tag * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_;
    }

    void place(std::uint64_t slot) {
        std::size_t i = first_slot(slot >> 32);
        while (slots_[i] != 0) i = (i + 1) & mask_;
        slots_[i] = slot;
    }

    void resize_slots(std::size_t capacity) {
        slots_.assign(capacity, 0);
        mask_ = capacity - 1;
        shift_ = 64;
        for (std::size_t n = capacity; n > 1; n >>= 1) --shift_;
    }

    void grow() {
        // Through a copy whose memory stays: an index cleared and grown again (one district
        // after another) allocates nothing once it has been as large.
        moving_.assign(slots_.begin(), slots_.end());
        resize_slots(slots_.empty() ? 64 : slots_.size() * 2);
        for (std::uint64_t slot : moving_) {
            if (slot != 0) place(slot);
        }
    }

    std::vector<std::uint64_t> slots_;
    std::vector<std::uint64_t> moving_;  ///< the slots while they move to a larger table
    std::size_t mask_ = 0;
    unsigned shift_ = 64;  ///< 64 − log2(slots)
    std::size_t size_ = 0;
};

}  // namespace eduqb
