#include "config/yaml_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>
#include <system_error>

#include "config/config_errors.h"
#include "config/property_table.h"

namespace cib {
namespace {

// Aliases can make a document a graph; the search for cibatch: must still end.
constexpr int kMaxDepth = 64;
constexpr const char* kSection = "cibatch";
constexpr const char* kLock = "lock";

ConfigError syntax_error(const std::string& text) {
  return ConfigError(ConfigError::Code::syntax, text);
}

std::string read_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    throw syntax_error("cannot read " + path + ": " + std::generic_category().message(error));
  }
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw syntax_error("cannot read " + path);
  return text;
}

std::string position(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return file;
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

struct Section {
  YAML::Node mapping;
  YAML::Node parent;  // the mapping that holds `cibatch:`, or a null node for a root section
  YAML::Mark mark;
};

void find_sections(const YAML::Node& node, int depth, std::vector<Section>& out) {
  if (depth > kMaxDepth) return;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) find_sections(item, depth + 1, out);
  } else if (node.IsMap()) {
    for (const auto& pair : node) {
      if (pair.first.IsScalar() && pair.first.Scalar() == kSection) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const Section& s) {
          return s.mark.pos == pair.first.Mark().pos;
        });
        if (!seen) out.push_back({pair.second, node, pair.first.Mark()});
      } else {
        find_sections(pair.second, depth + 1, out);
      }
    }
  }
}

bool is_our_key(const std::string& key, const YamlLoadOptions& options) {
  return find_property(key) != nullptr || is_property_group(key) ||
         (options.accept_lock && key == kLock);
}

// A root mapping without `cibatch:` is a file of our own when any of its keys is one of ours;
// its other keys then get precise unknown-key errors instead of "no cibatch: mapping".
bool looks_like_ours(const YAML::Node& root, const YamlLoadOptions& options) {
  if (!root.IsMap()) return false;
  for (const auto& pair : root) {
    if (pair.first.IsScalar() && is_our_key(pair.first.Scalar(), options)) return true;
  }
  return false;
}

class Flattener {
 public:
  Flattener(std::string file, const YamlKeyHandler& on_key, const YamlLoadOptions& options)
      : file_(std::move(file)), on_key_(on_key), options_(options) {}

  void section(const Section& s) {
    const std::string where = position(file_, s.mark);
    if (!s.mapping.IsNull() && !s.mapping.IsMap()) {
      throw invalid_value_error(where, kSection, "expected a mapping of keys");
    }
    if (options_.accept_lock && s.parent.IsMap() && s.parent[kLock]) {
      for (const auto& pair : s.parent) {
        if (pair.first.Scalar() == kLock) entry(kLock, pair.second, pair.first.Mark());
      }
    }
    if (s.mapping.IsMap()) mapping(s.mapping, "");
  }

 private:
  void mapping(const YAML::Node& node, const std::string& prefix) {
    for (const auto& pair : node) {
      const std::string where = position(file_, pair.first.Mark());
      if (!pair.first.IsScalar()) throw syntax_error(where + ": expected a key name");
      const std::string key =
          prefix.empty() ? pair.first.Scalar() : prefix + "." + pair.first.Scalar();
      entry(key, pair.second, pair.first.Mark());
    }
  }

  void entry(const std::string& key, const YAML::Node& value, const YAML::Mark& mark) {
    const std::string where = position(file_, mark);
    if (key == kLock) {
      if (!options_.accept_lock) {
        throw ConfigError(ConfigError::Code::unknown_key,
                          where + ": lock: only the administrator's file may lock keys");
      }
      deliver(key, list_or_scalar(key, value, where, true), where);
    } else if (const Property* p = find_property(key)) {
      deliver(key, list_or_scalar(key, value, where, p->type == PropertyType::url_list), where);
    } else if (is_property_group(key)) {
      if (value.IsMap()) {
        mapping(value, key);
      } else if (!value.IsNull()) {
        throw invalid_value_error(where, key, "expected a mapping (it is a group of keys)");
      }
    } else {
      throw unknown_key_error(where, key);
    }
  }

  YamlValue list_or_scalar(const std::string& key, const YAML::Node& value,
                           const std::string& where, bool list_allowed) const {
    YamlValue out;
    if (value.IsMap()) throw invalid_value_error(where, key, "expected a value, got a mapping");
    if (value.IsSequence()) {
      if (!list_allowed) throw invalid_value_error(where, key, "expected one value, got a list");
      out.is_list = true;
      for (const YAML::Node& item : value) {
        const std::string item_where = position(file_, item.Mark());
        if (!item.IsScalar()) {
          throw invalid_value_error(item_where, key, "expected a list of plain values");
        }
        out.items.push_back(item.Scalar());
        out.item_origins.push_back(item_where);
      }
    } else if (value.IsScalar()) {
      out.scalar = value.Scalar();
    }
    return out;
  }

  void deliver(const std::string& key, const YamlValue& value, const std::string& where) {
    const auto [first, inserted] = seen_.emplace(key, where);
    if (!inserted) {
      throw invalid_value_error(where, key, "set twice (first at " + first->second + ")");
    }
    on_key_(key, value, where);
  }

  std::string file_;
  const YamlKeyHandler& on_key_;
  const YamlLoadOptions& options_;
  std::map<std::string, std::string> seen_;
};

std::vector<YAML::Node> parse(const std::string& file, const std::string& text) {
  try {
    return YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw syntax_error(position(file, e.mark) + ": invalid YAML: " + e.msg);
  }
}

}  // namespace

void load_cibatch_yaml(const std::string& path_or_text, const YamlKeyHandler& on_key,
                       const YamlLoadOptions& options) {
  const bool is_text = path_or_text.find('\n') != std::string::npos;
  const std::string file = is_text ? "<yaml>" : path_or_text;
  const std::vector<YAML::Node> documents =
      parse(file, is_text ? path_or_text : read_file(path_or_text));

  std::vector<Section> sections;
  for (const YAML::Node& document : documents) find_sections(document, 0, sections);
  if (sections.size() > 1) {
    throw syntax_error(position(file, sections[1].mark) + ": a second cibatch: mapping (the " +
                       "first is at " + position(file, sections[0].mark) + "); keep one");
  }
  if (sections.empty()) {
    if (documents.size() != 1 || !looks_like_ours(documents[0], options)) {
      throw syntax_error(file + ": no cibatch: mapping found");
    }
    sections.push_back({documents[0], YAML::Node(), documents[0].Mark()});
  }
  Flattener(file, on_key, options).section(sections[0]);
}

}  // namespace cib
