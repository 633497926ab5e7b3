#include "input/duplicates.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "base/short_text.hpp"

namespace eduqb {

DuplicateDetector::DuplicateDetector(std::size_t max_held_hashes)
    : max_held_hashes_(max_held_hashes) {}

DuplicateDetector::~DuplicateDetector() {
    if (file_) std::fclose(file_);
}

std::uint64_t DuplicateDetector::section_hash(const SectionRow& row) {
    return short_text_hash(row.school_id) * 0x9E3779B97F4A7C15ULL ^
           (static_cast<std::uint64_t>(row.stage) + 1) * 0xC2B2AE3D27D4EB4FULL;
}

bool DuplicateDetector::Current::insert(std::uint64_t hash) {
    const bool added =
        index_.find_or_insert(hash, [&](std::uint32_t id) { return hashes_[id] == hash; }).second;
    if (added) hashes_.push_back(hash);
    return added;
}

void DuplicateDetector::Current::reset(const std::vector<std::uint64_t>& hashes) {
    hashes_.assign(hashes.begin(), hashes.end());
    index_.clear(hashes.size());
    for (std::uint64_t hash : hashes_) index_.insert(hash);
}

bool DuplicateDetector::may_use_file() {
    if (file_refused_) return false;
    // Written back and forth more than four times the hashes of the input: the rows are not
    // grouped by district and year, and memory is the better place for them.
    if (file_bytes_ > 4 * 8 * rows_ + (std::uint64_t{1} << 24)) file_refused_ = true;
    if (!file_ && !file_refused_) {
        file_ = std::tmpfile();
        if (!file_) file_refused_ = true;
    }
    return !file_refused_;
}

void DuplicateDetector::store_least_recent() {
    while (held_hashes_ > max_held_hashes_ && !uses_.empty() && may_use_file()) {
        const auto [key, use] = uses_.front();
        uses_.pop_front();
        const auto found = where_.find(key);
        if (found == where_.end() || (found->second & kStoredFlag)) continue;  // stale
        const std::uint32_t index = found->second;
        Held& held = held_[index];
        if (held.last_use != use) continue;  // used again since: a later entry stands for it
        Stored stored{file_bytes_, held.hashes.size()};
        if (std::fseek(file_, static_cast<long>(file_bytes_), SEEK_SET) != 0 ||
            std::fwrite(held.hashes.data(), sizeof(std::uint64_t), held.hashes.size(), file_) !=
                held.hashes.size()) {
            file_refused_ = true;  // a full disk: keep everything in memory from here on
            return;
        }
        held_hashes_ -= held.hashes.size();
        file_bytes_ += held.hashes.size() * sizeof(std::uint64_t);
        found->second = static_cast<std::uint32_t>(stored_.size()) | kStoredFlag;
        stored_.push_back(stored);
        ++spills_;
        if (index + 1 != held_.size()) {
            held = std::move(held_.back());
            where_[held.key] = index;
        }
        held_.pop_back();
    }
}

std::vector<std::uint64_t> DuplicateDetector::take_back(std::uint32_t place) {
    if (place & kStoredFlag) {
        const Stored& stored = stored_[place & ~kStoredFlag];
        std::vector<std::uint64_t> hashes(stored.count);
        if (std::fseek(file_, static_cast<long>(stored.offset), SEEK_SET) != 0 ||
            std::fread(hashes.data(), sizeof(std::uint64_t), hashes.size(), file_) !=
                hashes.size()) {
            throw std::runtime_error("cannot read back the temporary file of the duplicate check");
        }
        ++reloads_;
        return hashes;
    }
    std::vector<std::uint64_t> hashes = std::move(held_[place].hashes);
    held_hashes_ -= hashes.size();
    if (place + 1 != held_.size()) {
        held_[place] = std::move(held_.back());
        where_[held_[place].key] = place;
    }
    held_.pop_back();
    return hashes;
}

void DuplicateDetector::put_away() {
    // An exact copy: the table and list of the district-year in use serve the next one.
    const auto& hashes = current_.hashes();
    held_.push_back(Held{current_key_, ++clock_, {hashes.begin(), hashes.end()}});
    held_hashes_ += hashes.size();
    where_[current_key_] = static_cast<std::uint32_t>(held_.size() - 1);
    uses_.emplace_back(current_key_, clock_);
}

void DuplicateDetector::switch_to(std::uint64_t key) {
    if (in_use_) put_away();
    std::vector<std::uint64_t> hashes;
    if (const auto found = where_.find(key); found != where_.end()) {
        hashes = take_back(found->second);
        where_.erase(found);
    }
    current_.reset(hashes);
    current_key_ = key;
    in_use_ = true;
    store_least_recent();
}

bool DuplicateDetector::seen_before(const SectionRow& row, std::uint64_t hash) {
    ++rows_;
    const int year = row.year.value_or(0);
    if (!in_use_ || year != last_year_ || !same_short_text(row.district, last_district_)) {
        const std::uint64_t key = std::uint64_t{district_ids_.intern(row.district).first} << 32 |
                                  static_cast<std::uint32_t>(year);
        last_district_ = row.district;
        last_year_ = year;
        if (!in_use_ || key != current_key_) switch_to(key);
    }
    return !current_.insert(hash);
}

}  // namespace eduqb
