// The one table of every configuration key. Validation, defaults, the YAML loader, get(), the
// Settings snapshot and the generated reference (docs/CONFIGURATION.md) all read it, so a key
// exists in exactly one place: its row (property_table.cpp), which names its Settings field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "config/record_list.h"
#include "config/settings_field.h"

namespace cib {

enum class PropertyType {
  boolean,
  integer,  // with min_value / max_value
  string,
  enumeration,  // one of `choices` (some of which may be `planned`)
  url,          // http:// or https:// with a host
  url_list,     // URL prefixes; a YAML sequence, or comma-separated text
  path,
  path_list,  // absolute folders; a YAML sequence, or comma-separated text
  redis_url,  // redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] (config/redis_url_rules.h)
  // Records with the fields of `records`: a YAML sequence of mappings, or a JSON array of
  // objects; kept as canonical JSON (config/record_list.h).
  record_list,
};

// A literal type, so the table is a constant with no start-up code.
struct Property {
  const char* key;
  SettingsField field;  // the Settings field its value fills
  PropertyType type;
  const char* default_value;  // as text; "" when the key has no default
  bool required;
  bool secret;         // never shown: get() reads "(secret)", messages say "<secret>"
  bool env_expansion;  // ${ENV_NAME} is expanded in settings(); only host.auth.* keys
  // Next to a credential (host.auth.*, proxy): a message never quotes the value, in case a
  // secret was typed into the wrong key; it says how long the value is instead.
  bool unquoted;
  std::int64_t min_value;
  std::int64_t max_value;
  const char* choices;  // enumeration only: "a|b|c"
  // Enumeration values accepted by set() but refused by settings() until they are built, e.g.
  // host kinds without a provider: "d|e".
  const char* planned;
  const char* doc;  // one line for the reference
  // Only the administrator's file may set it: a pipeline that does gets a `locked` error.
  bool admin_only = false;
  // record_list only: the fields each record has.
  const RecordSchema* records = nullptr;
};

// The whole table, in the order the reference lists it.
struct PropertyTable {
  const Property* first;
  std::size_t count;
  const Property* begin() const { return first; }
  const Property* end() const { return first + count; }
};
PropertyTable property_table();

// An enumeration's choices, in the order of the field's enum (planned ones included).
std::vector<std::string> enum_choices(const Property& property);
// The choices this version builds (those not planned), and the planned ones.
std::vector<std::string> built_choices(const Property& property);
std::vector<std::string> planned_choices(const Property& property);

// True when text is one of an enumeration's planned values.
bool is_planned_choice(const Property& property, const std::string& text);

// The property named `key`, or nullptr.
const Property* find_property(const std::string& key);

// True when `prefix` names a group of keys: "host" and "host.auth" for host.auth.type.
bool is_property_group(const std::string& prefix);

// The number of single-character edits that turn a into b.
std::size_t edit_distance(const std::string& a, const std::string& b);

// The known key nearest to a mistyped one (for "did you mean"), or "" when none is close.
std::string nearest_property_key(const std::string& key);

// "bool", "integer", "enum", ... as written in the reference.
const char* type_name(PropertyType type);

// The complete text of docs/CONFIGURATION.md.
std::string render_reference_markdown();

}  // namespace cib
