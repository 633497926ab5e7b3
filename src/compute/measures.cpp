#include "compute/measures.hpp"

#include <algorithm>
#include <array>
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
    const double d = ratio - 1;
    // Near 1 the series Σ_{k≥2} (−d)^k / (k(k−1)): the closed form would lose the leading
    // digits of d²/2 to the cancellation of r ln r against r − 1. Its remainder past d⁶ is
    // below 1e-16 of the sum for |d| < 1e-3.
    if (std::abs(d) < 1e-3) {
        return d * d * (1.0 / 2 - d * (1.0 / 6 - d * (1.0 / 12 - d * (1.0 / 20 - d / 30))));
    }
    if (ratio == 0) return 1;
    return ratio * std::log(ratio) - d;
}

TheilSplit theil_split(const std::vector<TheilPart>& parts) {
    double students = 0;
    double weighted = 0;  // Σ P_a μ_a = m·R
    for (const TheilPart& part : parts) {
        students += part.students;
        weighted += part.students * part.mean;
    }
    const double mean = weighted / students;
    TheilSplit split;
    for (const TheilPart& part : parts) {
        if (part.students <= 0) continue;
        split.within += part.students * part.mean / weighted * part.theil;
        // s_a ln(μ_a/μ) = (P_a/P)(r ln r) with r = μ_a/μ; the parts (P_a/P)(r − 1) sum to zero.
        split.between += part.students / students * theil_term(part.mean / mean);
    }
    return split;
}

namespace {

constexpr std::array<AreaType, 3> kAreas = {AreaType::urban, AreaType::town, AreaType::rural};

/// Σ (P_i/P) theil_term(x_i/μ) over the sections of `area` (all of them for unknown).
double theil_of(const std::vector<SectionValue>& sections, double students, double mean,
                std::optional<AreaType> area) {
    if (!(mean > 0)) return 0;
    double sum = 0;
    for (const SectionValue& section : sections) {
        if (area && section.area != *area) continue;
        sum += section.students * theil_term(section.value / mean);
    }
    return sum / students;
}

/// The Theil index split by area type; NA (no_area_type) when a section has none.
void add_area_split(const std::vector<SectionValue>& sections, InequalityMeasures& measures) {
    std::array<TheilPart, 3> parts{};
    for (const SectionValue& section : sections) {
        if (section.area == AreaType::unknown) {
            measures.theil_within_area.na = NaReason::no_area_type;
            measures.theil_between_area.na = NaReason::no_area_type;
            return;
        }
        TheilPart& part = parts[static_cast<std::size_t>(section.area) - 1];
        part.students += section.students;
        part.mean += section.students * section.value;
    }
    std::vector<TheilPart> present;
    for (std::size_t a = 0; a < parts.size(); ++a) {
        TheilPart part = parts[a];
        if (part.students <= 0) continue;
        part.mean /= part.students;
        part.theil = theil_of(sections, part.students, part.mean, kAreas[a]);
        present.push_back(part);
    }
    const TheilSplit split = theil_split(present);
    measures.theil_within_area.value = split.within;
    measures.theil_between_area.value = split.between;
}

/// Gini = Σ_i Σ_j w_i w_j |x_i − x_j| / (2μ), over `sections` sorted by value: with C_i the
/// students up to and including i, Σ_i P_i (x_i − μ)(2C_i − P_i − P) / (P² μ). The weights
/// (2C_i − P_i − P) sum to zero, so subtracting μ changes nothing but keeps small spreads of
/// large values from cancelling.
double gini_of(const std::vector<SectionValue>& sorted, double students, double mean) {
    double cumulative = 0;
    double sum = 0;
    for (const SectionValue& section : sorted) {
        cumulative += section.students;
        sum += section.students * (section.value - mean) *
               (2 * cumulative - section.students - students);
    }
    return sum / (students * students * mean);
}

/// McLoone over `sections` sorted by value: the median M is the value of the first section
/// at which the cumulative student share reaches 0.5; NA (zero_median) when M = 0.
Measure mcloone_of(const std::vector<SectionValue>& sorted, double students) {
    // A share of exactly one half, summed in floating point, may fall short by a few ulps.
    const double half = (0.5 - 1e-12) * students;
    std::size_t median = 0;
    double cumulative = sorted[0].students;
    while (cumulative < half && median + 1 < sorted.size()) {
        cumulative += sorted[++median].students;
    }
    const double m = sorted[median].value;
    if (m == 0) return Measure{0, NaReason::zero_median};
    double below = 0;  // Σ P_i x_i over x_i ≤ M
    double weight = 0;
    for (const SectionValue& section : sorted) {
        if (section.value > m) break;
        below += section.students * section.value;
        weight += section.students;
    }
    return Measure{below / (m * weight), NaReason::none};
}

}  // namespace

InequalityMeasures inequality_measures(std::vector<SectionValue>& sections) {
    double students = 0;
    double weighted = 0;
    for (const SectionValue& section : sections) {
        students += section.students;
        weighted += section.students * section.value;
    }
    if (!(students > 0)) return InequalityMeasures::undefined(NaReason::no_students);
    if (sections.size() < 2) return InequalityMeasures::undefined(NaReason::too_few_schools);
    const double mean = weighted / students;
    if (!(mean > 0)) return InequalityMeasures::undefined(NaReason::zero_mean);

    std::sort(sections.begin(), sections.end(),
              [](const SectionValue& a, const SectionValue& b) { return a.value < b.value; });
    InequalityMeasures measures = InequalityMeasures::undefined(NaReason::none);
    measures.theil.value = theil_of(sections, students, mean, std::nullopt);
    add_area_split(sections, measures);
    measures.gini.value = gini_of(sections, students, mean);
    measures.mcloone = mcloone_of(sections, students);
    if (sections.front().value == 0) {
        measures.range_ratio.na = NaReason::zero_minimum;
    } else {
        measures.range_ratio.value = sections.back().value / sections.front().value;
    }
    return measures;
}

void AcrossDistrictsCollector::add(std::size_t rank, const GroupResult& group) {
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
    const TheilSplit split = theil_split(parts);
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
