// Keys whose value is a list of records with a fixed set of fields (gateway.clients,
// gateway.cache). In YAML a sequence of mappings; through cib_config_set a JSON array of
// objects. Either way the store keeps one canonical JSON text (fields in the schema's order,
// defaults filled in), which the Settings snapshot turns into its vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cib {

struct Property;

enum class RecordFieldType {
  name,    // letters, digits, '.', '_' and '-': it appears in metrics and pages
  path,    // a file: one line, not ending in '/'
  rooted,  // one line starting with '/': a path pattern below a mount
  count,   // a non-negative integer up to max_value
  choice,  // one of `choices`
};

// A literal type, so schemas are constants beside the property table.
struct RecordField {
  const char* name;
  RecordFieldType type;
  bool required;
  const char* default_value;  // "" when none (required fields)
  std::int64_t max_value;     // count only
  const char* choices;        // choice only: "a|b"
  // choice only: values refused with `reserved_reason`, e.g. "gating" ("reserved for the library")
  const char* reserved;
  const char* reserved_reason;
  bool unique;  // no two records may share the value
};

struct RecordSchema {
  const RecordField* fields;
  std::size_t count;
  const RecordField* begin() const { return fields; }
  const RecordField* end() const { return fields + count; }
};

// One field as written, and where ("file:line:column", or the record's origin).
struct RecordFieldText {
  std::string name;
  std::string value;
  std::string origin;
};

// One record as written: its fields in the order given.
struct RecordText {
  std::string origin;
  std::vector<RecordFieldText> fields;
};

// What check_records() found: the canonical text, or the first problem and where it lies.
struct RecordsCheck {
  bool ok = false;
  std::string value;    // when ok: canonical JSON, "[]" for no records
  std::string field;    // when not ok: "[1].priority", or "" for the list as a whole
  std::string where;    // when not ok: the origin of the offending record or field, or ""
  std::string problem;  // when not ok: "expected ..., got ..."
};

// Checks records against the property's schema (unknown or repeated fields, missing required
// ones, values of the wrong kind, duplicates of unique fields).
RecordsCheck check_records(const Property& property, const std::vector<RecordText>& records);

// The same for text: a JSON array of objects (members strings or integers), or "" for none.
// Each record's origin is `origin`.
RecordsCheck check_records_text(const Property& property, const std::string& text,
                                const std::string& origin = "");

// The records of canonical text (what check_records accepted): each a map of field to text.
std::vector<std::map<std::string, std::string>> parse_canonical_records(const std::string& text);

// "{name, token_file, priority: interactive|background, quota_per_hour}" for messages and the
// reference.
std::string describe_schema(const RecordSchema& schema);

}  // namespace cib
