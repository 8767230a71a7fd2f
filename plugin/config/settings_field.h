// How a property row names the Settings field its value fills: `to<&Settings::linger_ms>()`.
// The field's type chooses the conversion from the key's checked text; a row may name a
// converter of its own instead (`to<&Settings::api_url, without_trailing_slashes>()`).
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "config/settings.h"

namespace cib {

struct Property;

// A literal type, so rows holding one stay constants.
struct SettingsField {
  // Sets the field from text that check_value() accepted for the property ("" when unset).
  void (*assign)(const Property& property, Settings& settings, const std::string& text);
  // The field itself: lets a test check that every field is named by exactly one row.
  const void* (*locate)(const Settings& settings);
};

namespace field_conversion {

void from_text(const Property& property, const std::string& text, bool& field);
// An integer key left empty reads -1 ("the host kind's default").
void from_text(const Property& property, const std::string& text, std::int64_t& field);
void from_text(const Property& property, const std::string& text, std::string& field);
// A url_list: comma-separated items, trimmed, empty ones dropped.
void from_text(const Property& property, const std::string& text, std::vector<std::string>& field);

// A record_list's canonical JSON (config/record_list.h); "" reads no records.
void from_text(const Property& property, const std::string& text,
               std::vector<GatewayClientEntry>& field);
void from_text(const Property& property, const std::string& text,
               std::vector<GatewayCacheEntry>& field);

// The position of text among the property's choices, then its planned values.
int choice_position(const Property& property, const std::string& text);

// An enumeration's enumerators follow its choices (see config/settings.h).
template <typename Enum, std::enable_if_t<std::is_enum_v<Enum>, int> = 0>
void from_text(const Property& property, const std::string& text, Enum& field) {
  field = static_cast<Enum>(choice_position(property, text));
}

}  // namespace field_conversion

// The field `Member` of Settings, converted by its type, or by `Convert(text)` when given.
template <auto Member, auto Convert = nullptr>
constexpr SettingsField to() {
  return {
      []([[maybe_unused]] const Property& property, Settings& settings, const std::string& text) {
        if constexpr (std::is_null_pointer_v<decltype(Convert)>) {
          field_conversion::from_text(property, text, settings.*Member);
        } else {
          settings.*Member = Convert(text);
        }
      },
      [](const Settings& settings) -> const void* { return &(settings.*Member); }};
}

}  // namespace cib
