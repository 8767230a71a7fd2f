// Questions about the property table: a key's row, its group, the nearest key to a typo, an
// enumeration's values.
#include <algorithm>
#include <vector>

#include "config/property_table.h"

namespace cib {
namespace {

// "a|b|c" as its values; "" as none.
std::vector<std::string> split_choices(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t bar = std::min(text.find('|', start), text.size());
    out.push_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t replace = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, replace});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> enum_choices(const Property& property) {
  return split_choices(property.choices);
}

std::vector<std::string> built_choices(const Property& property) {
  std::vector<std::string> out = split_choices(property.choices);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&property](const std::string& choice) {
                             return is_planned_choice(property, choice);
                           }),
            out.end());
  return out;
}

std::vector<std::string> planned_choices(const Property& property) {
  return split_choices(property.planned);
}

bool is_planned_choice(const Property& property, const std::string& text) {
  const std::vector<std::string> planned = planned_choices(property);
  return std::find(planned.begin(), planned.end(), text) != planned.end();
}

const Property* find_property(const std::string& key) {
  for (const Property& p : property_table()) {
    if (key == p.key) return &p;
  }
  return nullptr;
}

bool is_property_group(const std::string& prefix) {
  const std::string dotted = prefix + ".";
  for (const Property& p : property_table()) {
    if (std::string(p.key).compare(0, dotted.size(), dotted) == 0) return true;
  }
  return false;
}

std::string nearest_property_key(const std::string& key) {
  // Further than a third of the key's length away is a different word, not a typo.
  std::size_t best_distance = key.size() / 3 + 1;
  std::string best;
  for (const Property& p : property_table()) {
    const std::size_t d = edit_distance(key, p.key);
    if (d < best_distance) {
      best_distance = d;
      best = p.key;
    }
  }
  return best;
}

const char* type_name(PropertyType type) {
  switch (type) {
    case PropertyType::boolean:
      return "bool";
    case PropertyType::integer:
      return "integer";
    case PropertyType::string:
      return "string";
    case PropertyType::enumeration:
      return "enum";
    case PropertyType::url:
      return "URL";
    case PropertyType::url_list:
      return "list of URL prefixes";
    case PropertyType::path:
      return "path";
    case PropertyType::path_list:
      return "list of folders";
    case PropertyType::redis_url:
      return "Redis URL";
    case PropertyType::record_list:
      return "list of records";
  }
  return "value";
}

}  // namespace cib
