#include "config/settings_field.h"

#include <algorithm>
#include <cstdlib>

#include "config/property_table.h"
#include "config/record_list.h"
#include "config/value_check.h"

namespace cib::field_conversion {

void from_text(const Property&, const std::string& text, bool& field) {
  field = text == "true";
}

void from_text(const Property&, const std::string& text, std::int64_t& field) {
  field = text.empty() ? -1 : std::strtoll(text.c_str(), nullptr, 10);
}

void from_text(const Property&, const std::string& text, std::string& field) {
  field = text;
}

void from_text(const Property&, const std::string& text, std::vector<std::string>& field) {
  field = split_list(text);
}

void from_text(const Property&, const std::string& text, std::vector<GatewayClientEntry>& field) {
  field.clear();
  for (const auto& record : parse_canonical_records(text)) {
    GatewayClientEntry entry;
    entry.name = record.at("name");
    entry.token_file = record.at("token_file");
    entry.priority = record.at("priority");
    entry.quota_per_hour = std::strtoll(record.at("quota_per_hour").c_str(), nullptr, 10);
    field.push_back(std::move(entry));
  }
}

void from_text(const Property&, const std::string& text, std::vector<GatewayCacheEntry>& field) {
  field.clear();
  for (const auto& record : parse_canonical_records(text)) {
    field.push_back({record.at("path"), std::strtoll(record.at("ttl_s").c_str(), nullptr, 10)});
  }
}

int choice_position(const Property& property, const std::string& text) {
  const std::vector<std::string> choices = enum_choices(property);
  const auto found = std::find(choices.begin(), choices.end(), text);
  // check_value() admits only choices; an unset key without a default reads the first.
  return found == choices.end() ? 0 : static_cast<int>(found - choices.begin());
}

}  // namespace cib::field_conversion
