// The rules where a profile file differs from the built-in profile of its id, found by
// comparing the two TOML documents key by key: what a report lists under "modified".

#include <toml++/toml.h>

#include <cmath>
#include <map>
#include <sstream>

#include "base/number_text.hpp"
#include "eduqb/profile.hpp"

namespace eduqb {
namespace {

/// Keys that describe a rule or name it for readers, and change no result.
bool is_descriptive(std::string_view key) {
    const auto ends_with = [&](std::string_view end) {
        return key.size() >= end.size() && key.substr(key.size() - end.size()) == end;
    };
    return key == "title" || key == "source" || key == "description" || key == "unit" ||
           key.substr(0, 5) == "label" || ends_with("_zh") || ends_with("_en");
}

/// A leaf as the comparison sees it: numbers by value (6 and 6.0 are one number), the rest
/// by their TOML text.
struct Leaf {
    std::string text;
    bool is_number = false;
    double number = 0;

    bool operator==(const Leaf& other) const {
        if (is_number && other.is_number) return number == other.number;
        return is_number == other.is_number && text == other.text;
    }
};

Leaf leaf_of(const toml::node& node) {
    Leaf leaf;
    if (const auto* integer = node.as_integer()) {
        leaf.is_number = true;
        leaf.number = static_cast<double>(integer->get());
        leaf.text = std::to_string(integer->get());
    } else if (const auto* floating = node.as_floating_point()) {
        leaf.is_number = true;
        leaf.number = floating->get();
        leaf.text = shortest_text(floating->get());
    } else if (const auto* string = node.as_string()) {
        leaf.text = "\"" + string->get() + "\"";
    } else {
        std::ostringstream text;
        node.visit([&](const auto& value) { text << value; });
        leaf.text = text.str();
    }
    return leaf;
}

using Leaves = std::map<std::string, Leaf>;

/// Keys a profile file may leave out, and the value the profile reader then takes: a copy made
/// before such a key was written into the built-in profiles is no modified profile.
Leaves defaults() {
    Leaves leaves;
    Leaf share;
    share.is_number = true;
    share.number = ExchangeRules{}.share;
    share.text = shortest_text(share.number);
    leaves["exchange.share"] = share;
    return leaves;
}

void flatten(const toml::node& node, const std::string& path, Leaves& leaves);

/// An array of tables that carry an `id` is keyed by it ("indicator[backbone_per100]"), so
/// that reordering them is no change; other arrays of tables by position; an array of
/// values is one leaf.
void flatten_array(const toml::array& array, const std::string& path, Leaves& leaves) {
    const bool of_tables = !array.empty() && array.is_array_of_tables();
    if (!of_tables) {
        leaves[path] = leaf_of(array);
        return;
    }
    for (std::size_t i = 0; i < array.size(); ++i) {
        const toml::table& table = *array[i].as_table();
        const auto id = table["id"].value<std::string>();
        flatten(table, path + "[" + (id ? *id : std::to_string(i + 1)) + "]", leaves);
    }
}

void flatten(const toml::node& node, const std::string& path, Leaves& leaves) {
    if (const auto* table = node.as_table()) {
        for (const auto& [key, value] : *table) {
            if (is_descriptive(key.str())) continue;
            flatten(value,
                    path.empty() ? std::string(key.str()) : path + "." + std::string(key.str()),
                    leaves);
        }
    } else if (const auto* array = node.as_array()) {
        flatten_array(*array, path, leaves);
    } else {
        leaves[path] = leaf_of(node);
    }
}

/// The document's rules, with the defaults of the keys it leaves out.
Leaves leaves_of(std::string_view toml_text) {
    Leaves leaves;
    flatten(toml::parse(toml_text), "", leaves);
    for (const auto& [path, leaf] : defaults()) leaves.emplace(path, leaf);
    return leaves;
}

}  // namespace

std::vector<std::string> profile_changes(std::string_view builtin_text,
                                         std::string_view file_text) {
    const Leaves before = leaves_of(builtin_text);
    const Leaves after = leaves_of(file_text);
    std::vector<std::string> changes;
    auto old_leaf = before.begin();
    auto new_leaf = after.begin();
    // Both maps in key order: one pass finds what changed, what is new and what is gone.
    while (old_leaf != before.end() || new_leaf != after.end()) {
        if (new_leaf == after.end() ||
            (old_leaf != before.end() && old_leaf->first < new_leaf->first)) {
            changes.push_back(old_leaf->first + ": removed (was " + old_leaf->second.text + ")");
            ++old_leaf;
        } else if (old_leaf == before.end() || new_leaf->first < old_leaf->first) {
            changes.push_back(new_leaf->first + ": added (" + new_leaf->second.text + ")");
            ++new_leaf;
        } else {
            if (!(old_leaf->second == new_leaf->second)) {
                changes.push_back(old_leaf->first + ": " + old_leaf->second.text + " → " +
                                  new_leaf->second.text);
            }
            ++old_leaf;
            ++new_leaf;
        }
    }
    return changes;
}

}  // namespace eduqb
