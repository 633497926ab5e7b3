#include "eduqb/duplicates.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace eduqb {
namespace {

/// Beyond this, inserting into a sorted vector is slow: the hashes go into a hash set.
constexpr std::size_t kSortedLimit = 4096;

}  // namespace

DuplicateDetector::DuplicateDetector(std::size_t max_held_hashes)
    : max_held_hashes_(max_held_hashes) {}

DuplicateDetector::~DuplicateDetector() {
    if (file_) std::fclose(file_);
}

std::uint64_t DuplicateDetector::section_hash(const SectionRow& row) {
    return std::hash<std::string>{}(row.school_id) * 0x9E3779B97F4A7C15ULL ^
           (static_cast<std::uint64_t>(row.stage) + 1) * 0xC2B2AE3D27D4EB4FULL;
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
        const std::uint32_t place = where_.at(key);
        if ((place & kStoredFlag) || held_[place]->last_use != use) continue;  // a stale entry
        if (held_[place].get() == last_) {  // never the district-year in use
            uses_.emplace_back(key, use);
            return;
        }
        store(place);
    }
}

void DuplicateDetector::store(std::size_t oldest) {
    Held& held = *held_[oldest];
    std::vector<std::uint64_t> hashes =
        held.large ? std::vector<std::uint64_t>(held.hashed.begin(), held.hashed.end())
                   : std::move(held.sorted);
    if (held.large) std::sort(hashes.begin(), hashes.end());
    Stored stored{file_bytes_, hashes.size()};
    if (std::fseek(file_, static_cast<long>(file_bytes_), SEEK_SET) != 0 ||
        std::fwrite(hashes.data(), sizeof(std::uint64_t), hashes.size(), file_) != hashes.size()) {
        // A full disk: keep everything in memory from here on.
        file_refused_ = true;
        if (!held.large) held.sorted = std::move(hashes);
        return;
    }
    held_hashes_ -= hashes.size();
    file_bytes_ += hashes.size() * sizeof(std::uint64_t);
    where_[held.key] = static_cast<std::uint32_t>(stored_.size()) | kStoredFlag;
    stored_.push_back(stored);
    ++spills_;
    if (oldest + 1 != held_.size()) {
        held_[oldest] = std::move(held_.back());
        where_[held_[oldest]->key] = static_cast<std::uint32_t>(oldest);
    }
    held_.pop_back();
}

DuplicateDetector::Held& DuplicateDetector::load(std::uint64_t key, std::uint32_t stored) {
    const Stored& place = stored_[stored & ~kStoredFlag];
    std::vector<std::uint64_t> hashes(place.count);
    if (std::fseek(file_, static_cast<long>(place.offset), SEEK_SET) != 0 ||
        std::fread(hashes.data(), sizeof(std::uint64_t), hashes.size(), file_) != hashes.size()) {
        throw std::runtime_error("cannot read back the temporary file of the duplicate check");
    }
    auto held = std::make_unique<Held>();
    held->key = key;
    if (hashes.size() >= kSortedLimit) {
        held->large = true;
        held->hashed.insert(hashes.begin(), hashes.end());
    } else {
        held->sorted = std::move(hashes);  // stored sorted
    }
    ++reloads_;
    held_hashes_ += held->size();
    where_[key] = static_cast<std::uint32_t>(held_.size());
    held_.push_back(std::move(held));
    return *held_.back();
}

DuplicateDetector::Held& DuplicateDetector::held_for(std::uint64_t key) {
    auto [found, added] = where_.try_emplace(key, static_cast<std::uint32_t>(held_.size()));
    if (added) {
        held_.push_back(std::make_unique<Held>());
        held_.back()->key = key;
        return *held_.back();
    }
    if (found->second & kStoredFlag) return load(key, found->second);
    return *held_[found->second];
}

bool DuplicateDetector::seen_before(const SectionRow& row, std::uint64_t hash) {
    ++rows_;
    const int year = row.year.value_or(0);
    if (last_ == nullptr || year != last_year_ || row.district != last_district_) {
        // Done with a district-year, most likely: give back the slack of its vector (up to
        // half of it). Costs what one insertion does.
        if (last_ != nullptr && !last_->large) last_->sorted.shrink_to_fit();
        auto [district, added] = district_ids_.try_emplace(
            row.district, static_cast<std::uint32_t>(district_ids_.size()));
        const std::uint64_t key =
            std::uint64_t{district->second} << 32 | static_cast<std::uint32_t>(year);
        last_ = &held_for(key);
        last_district_ = row.district;
        last_year_ = year;
        last_->last_use = ++clock_;
        uses_.emplace_back(key, clock_);
        store_least_recent();
    }
    Held& seen = *last_;
    if (seen.large) {
        if (!seen.hashed.insert(hash).second) return true;
        ++held_hashes_;
        return false;
    }
    auto at = std::lower_bound(seen.sorted.begin(), seen.sorted.end(), hash);
    if (at != seen.sorted.end() && *at == hash) return true;
    seen.sorted.insert(at, hash);
    ++held_hashes_;
    if (seen.sorted.size() >= kSortedLimit) {
        seen.hashed.insert(seen.sorted.begin(), seen.sorted.end());
        seen.sorted = {};
        seen.large = true;
    }
    return false;
}

}  // namespace eduqb
