// Reads the `cibatch:` mapping of a YAML document and hands over its keys one by one, flattened
// to dotted names. The only file that knows yaml-cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/record_list.h"
#include "config/yaml_source.h"

namespace cib {

struct YamlValue {
  bool is_list = false;
  bool is_records = false;                // a record_list key's sequence of mappings
  std::string scalar;                     // when neither; a YAML null reads ""
  std::vector<std::string> items;         // when is_list
  std::vector<std::string> item_origins;  // "file:line:column" of each item
  std::vector<RecordText> records;        // when is_records, each field with its position
};

// The text a key's value is set from: a list's items joined with commas, a record list's
// canonical JSON (config/record_list.h). Throws ConfigError naming the offending field's
// file:line:column when a record is wrong.
std::string yaml_value_text(const std::string& key, const YamlValue& value,
                            const std::string& origin);

// Called once per key, in document order. origin is "file:line:column" of the key (1-based);
// the file is the path as given, or "<yaml>" for text.
using YamlKeyHandler =
    std::function<void(const std::string& key, const YamlValue& value, const std::string& origin)>;

struct YamlLoadOptions {
  // The administrator's file may carry a `lock:` list, inside the cibatch: mapping or next to
  // it; a pipeline's may not.
  bool accept_lock = false;
};

// path_or_text is YAML text when it contains a newline, else a file path. The mapping is
// `cibatch:` at the root or nested anywhere (a section of a pipeline file), or the root itself
// when it has no `cibatch:` and its keys are ours. Throws ConfigError naming file:line:column:
// syntax (bad YAML, unreadable file, no or several cibatch: mappings), unknown_key (a group
// or key the property table does not know), invalid_value (a mapping or list where a single
// value belongs, a record list that is not a sequence of mappings of plain values). Exceptions
// thrown by on_key pass through.
void load_cibatch_yaml(const std::string& path_or_text, const YamlKeyHandler& on_key,
                       const YamlLoadOptions& options = {});
// The same for a document already read (config/yaml_source.h), file or text.
void load_cibatch_yaml(const YamlSource& source, const YamlKeyHandler& on_key,
                       const YamlLoadOptions& options = {});

}  // namespace cib
