#include "compute/measures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace eduqb {

InequalityMeasures InequalityMeasures::undefined(NaReason reason) {
    const Measure na{0, reason};
    return InequalityMeasures{na, na, na, na, na, na};
}

double theil_term(double ratio) {
    return theil_term(ratio, theil_term_needs_log(ratio) ? std::log(ratio) : 0);
}

TheilSplit theil_split(const TheilPart* first, const TheilPart* last) {
    double students = 0;
    double weighted = 0;  // Σ P_a μ_a = m·R
    for (const TheilPart* part = first; part != last; ++part) {
        students += part->students;
        weighted += part->students * part->mean;
    }
    const double mean = weighted / students;
    TheilSplit split;
    for (const TheilPart* part = first; part != last; ++part) {
        if (part->students <= 0) continue;
        split.within += part->students * part->mean / weighted * part->theil;
        // s_a ln(μ_a/μ) = (P_a/P)(r ln r) with r = μ_a/μ; the parts (P_a/P)(r − 1) sum to zero.
        split.between += part->students / students * theil_term(part->mean / mean);
    }
    return split;
}

void GroupValues::clear() {
    size_ = 0;
    students_ = 0;
    weighted_ = 0;
    for (TheilPart& part : areas_) part = TheilPart{};
}

void GroupValues::reserve(std::size_t sections) {
    if (sections <= capacity_) return;
    std::unique_ptr<Point[]> points(new Point[sections]);
    std::copy(points_.get(), points_.get() + size_, points.get());
    points_ = std::move(points);
    capacity_ = sections;
}

void GroupValues::add_column(const double* const* records, const AreaType* areas, std::size_t n,
                             std::size_t column) {
    reserve(size_ + n);
    // add_within_reserve with the sums in registers: one pass per indicator.
    Point* point = points_.get() + size_;
    double students = students_;
    double weighted = weighted_;
    for (std::size_t i = 0; i < n; ++i) {
        const double* record = records[i];
        const double value = record[column];
        if (is_missing(value)) continue;
        const double section_students = record[0];
        *point++ = Point{value, section_students};
        const double section_weighted = section_students * value;
        students += section_students;
        weighted += section_weighted;
        TheilPart& part = areas_[static_cast<std::size_t>(areas[i])];
        part.students += section_students;
        part.mean += section_weighted;
    }
    size_ = static_cast<std::size_t>(point - points_.get());
    students_ = students;
    weighted_ = weighted;
}

double GroupValues::theil_sum(double inverse_mean) {
    double theil = 0;
    for (std::size_t i = 0; i < size_; ++i) {
        const double ratio = points_[i].value * inverse_mean;
        // Taken of every ratio, also where theil_term does not read it (0, within 1e-3 of 1):
        // rare, and a test before the call would be paid at every value.
        const double log_ratio = std::log(ratio);
        theil += points_[i].students * theil_term(ratio, log_ratio);
    }
    return theil;
}

InequalityMeasures GroupValues::measures() {
    const double students = students_;
    if (!(students > 0)) return InequalityMeasures::undefined(NaReason::no_students);
    if (size_ < 2) return InequalityMeasures::undefined(NaReason::too_few_schools);
    const double mean = weighted_ / students;
    if (!(mean > 0)) return InequalityMeasures::undefined(NaReason::zero_mean);

    // Theil T = Σ (P_i/P) theil_term(x_i/μ), summed in input order.
    const double theil = theil_sum(1 / mean);

    Point* const first = points_.get();
    Point* const last = first + size_;
    std::sort(first, last, [](const Point& a, const Point& b) { return a.value < b.value; });
    // Over the sorted values:
    // - Gini = Σ_i Σ_j w_i w_j |x_i − x_j| / (2μ) = Σ_i P_i (x_i − μ)(2C_i − P_i − P) / (P² μ),
    //   C_i the students up to and including i: the weights 2C_i − P_i − P sum to zero, so
    //   subtracting μ changes nothing but keeps small spreads of large values from cancelling;
    // - McLoone: the median M is the value of the first section at which the cumulative
    //   student share reaches 0.5 (a share of exactly one half, summed in floating point, may
    //   fall short by a few ulps); Σ P_i x_i and Σ P_i over x_i ≤ M. Sorted, those are the
    //   values up to the median and the ones equal to it after it.
    const double half = (0.5 - 1e-12) * students;
    double gini = 0;
    double cumulative = 0;
    double median = -1;
    double below = 0;
    double below_students = 0;
    const auto add_gini = [&](const Point& point) {
        cumulative += point.students;
        gini +=
            point.students * (point.value - mean) * (2 * cumulative - point.students - students);
    };
    const Point* point = first;
    while (point != last) {
        add_gini(*point);
        below += point->students * point->value;
        below_students += point->students;
        if (cumulative >= half) {
            median = point->value;
            ++point;
            break;
        }
        ++point;
    }
    for (; point != last && point->value <= median; ++point) {
        add_gini(*point);
        below += point->students * point->value;
        below_students += point->students;
    }
    for (; point != last; ++point) add_gini(*point);
    if (median < 0) median = last[-1].value;

    InequalityMeasures measures = InequalityMeasures::undefined(NaReason::none);
    measures.theil.value = theil / students;
    add_area_split(measures);
    measures.gini.value = gini / (students * students * mean);
    if (median == 0) {
        measures.mcloone.na = NaReason::zero_median;
    } else {
        measures.mcloone.value = below / (median * below_students);
    }
    if (first->value == 0) {
        measures.range_ratio.na = NaReason::zero_minimum;
    } else {
        measures.range_ratio.value = last[-1].value / first->value;
    }
    return measures;
}

void GroupValues::add_area_split(InequalityMeasures& measures) const {
    if (areas_[0].students > 0) {
        measures.theil_within_area.na = NaReason::no_area_type;
        measures.theil_between_area.na = NaReason::no_area_type;
        return;
    }
    TheilPart parts[3];
    for (std::size_t a = 0; a < 3; ++a) {
        parts[a] = areas_[1 + a];
        if (parts[a].students > 0) parts[a].mean /= parts[a].students;
    }
    // The between part from the areas' means; the within part, Σ s_a T_a, is T less it: no
    // pass per area type. Where all of T lies between, rounding must not make within negative.
    const TheilSplit split = theil_split(parts, parts + 3);
    measures.theil_between_area.value = split.between;
    measures.theil_within_area.value = std::max(0.0, measures.theil.value - split.between);
}

void AcrossDistrictsCollector::add(std::size_t rank, const GroupResult& group) {
    // Without the measures there is nothing to split: no entry, and so none across districts.
    if (group.indicators.empty() ||
        group.indicators.front().measures.theil.na == NaReason::not_computed) {
        return;
    }
    Entry& entry = groups_[rank];
    entry.key = group.key;
    entry.parts.clear();
    entry.parts.reserve(group.indicators.size());
    for (const IndicatorResult& indicator : group.indicators) {
        const Dispersion& dispersion = indicator.dispersion;
        const Measure& theil = indicator.measures.theil;
        Part part;
        part.schools = dispersion.schools;
        part.theil.students = dispersion.students;
        part.theil.mean = dispersion.value.value;
        if (!dispersion.value.defined()) {
            part.na = NaReason::no_students;
        } else if (theil.defined()) {
            part.theil.theil = theil.value;
        } else if (theil.na == NaReason::not_computed) {
            part.na = NaReason::not_computed;
        }
        // Otherwise one school, or every value 0: no inequality inside the district.
        entry.parts.push_back(part);
    }
}

namespace {

/// The Theil index of one indicator over the districts' parts of one (year, stage).
DistrictsTheil theil_across(std::string id, const std::vector<TheilPart>& parts, long schools,
                            bool computed) {
    DistrictsTheil result{std::move(id), {}, {}, {}};
    NaReason na = NaReason::none;
    double students = 0;
    double weighted = 0;
    for (const TheilPart& part : parts) {
        students += part.students;
        weighted += part.students * part.mean;
    }
    if (!computed) {
        na = NaReason::not_computed;
    } else if (!(students > 0)) {
        na = NaReason::no_students;
    } else if (schools < 2) {
        na = NaReason::too_few_schools;
    } else if (!(weighted > 0)) {
        na = NaReason::zero_mean;
    }
    if (na != NaReason::none) {
        result.theil.na = result.within.na = result.between.na = na;
        return result;
    }
    const TheilSplit split = theil_split(parts.data(), parts.data() + parts.size());
    result.within.value = split.within;
    result.between.value = split.between;
    result.theil.value = split.within + split.between;
    return result;
}

}  // namespace

std::vector<AcrossDistricts> AcrossDistrictsCollector::across_districts(
    const Profile& profile) const {
    std::set<std::string> districts;
    // (year, stage) → the entries of its districts, in report order.
    std::map<std::pair<std::optional<int>, Stage>, std::vector<const Entry*>> by_year;
    for (const Entry& entry : groups_) {
        if (entry.parts.empty()) continue;
        districts.insert(entry.key.district);
        by_year[{entry.key.year, entry.key.stage}].push_back(&entry);
    }
    std::vector<AcrossDistricts> result;
    if (districts.size() < 2) return result;
    for (const auto& [key, entries] : by_year) {
        AcrossDistricts across{key.first, key.second, {}};
        for (std::size_t k = 0; k < profile.indicators.size(); ++k) {
            std::vector<TheilPart> parts;
            long schools = 0;
            bool computed = true;
            for (const Entry* entry : entries) {
                const Part& part = entry->parts[k];
                computed &= part.na != NaReason::not_computed;
                if (part.na != NaReason::none) continue;
                parts.push_back(part.theil);
                schools += part.schools;
            }
            across.indicators.push_back(
                theil_across(profile.indicators[k].id, parts, schools, computed));
        }
        result.push_back(std::move(across));
    }
    return result;
}

}  // namespace eduqb
