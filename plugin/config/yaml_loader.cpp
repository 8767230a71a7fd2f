#include "config/yaml_loader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "config/config_errors.h"
#include "config/property_table.h"
#include "config/value_check.h"
#include "config/yaml_source.h"

namespace cib {
namespace {

// Aliases can make a document a graph; the search for cibatch: must still end.
constexpr int kMaxDepth = 64;
// What one document may cost, checked before a node of it is built: yaml-cpp's parser recurses
// once per level, and a walk that follows aliases visits an anchor's nodes at every alias, so
// a few hundred bytes of nested aliases can stand for billions of nodes.
constexpr std::size_t kMaxNestedLevels = 64;
constexpr std::size_t kMaxExpandedNodes = 100000;
// yaml-cpp's messages are fixed sentences; this bounds one that would quote the document.
constexpr std::size_t kMaxParserMessage = 80;
constexpr const char* kSection = "cibatch";
constexpr const char* kLock = "lock";

ConfigError syntax_error(const std::string& text) {
  return ConfigError(ConfigError::Code::syntax, text);
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
      const bool list = p->type == PropertyType::url_list || p->type == PropertyType::path_list;
      if (p->type == PropertyType::record_list) {
        deliver(key, record_list(key, value, where), where);
      } else {
        deliver(key, list_or_scalar(key, value, where, list), where);
      }
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

  // A sequence of mappings of plain values; a null or an empty sequence has no records.
  YamlValue record_list(const std::string& key, const YAML::Node& value,
                        const std::string& where) const {
    YamlValue out;
    out.is_records = true;
    if (value.IsNull()) return out;
    const std::string expected =
        "expected a list of mappings {" + describe_schema(*find_property(key)->records) + "}";
    if (!value.IsSequence()) throw invalid_value_error(where, key, expected);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      const std::string item_where = position(file_, item.Mark());
      const std::string at = key + "[" + std::to_string(i) + "]";
      if (!item.IsMap()) throw invalid_value_error(item_where, at, expected);
      RecordText record{item_where, {}};
      for (const auto& pair : item) {
        const std::string field_where = position(file_, pair.first.Mark());
        if (!pair.first.IsScalar()) throw syntax_error(field_where + ": expected a field name");
        if (!pair.second.IsNull() && !pair.second.IsScalar()) {
          throw invalid_value_error(field_where, at + "." + pair.first.Scalar(),
                                    "expected a plain value");
        }
        record.fields.push_back({pair.first.Scalar(),
                                 pair.second.IsNull() ? std::string() : pair.second.Scalar(),
                                 field_where});
      }
      out.records.push_back(std::move(record));
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

// Counts, from the parser's events, the levels open at once and the nodes a walk that follows
// every alias would visit (an alias costs what its anchor holds), and throws at the first event
// past a bound, before the parser recurses deeper or a node is built.
class DocumentBounds : public YAML::EventHandler {
 public:
  explicit DocumentBounds(const std::string& file) : file_(file) {}

  void OnDocumentStart(const YAML::Mark&) override { anchor_nodes_.clear(); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchor_nodes_.find(anchor);
    if (found == anchor_nodes_.end()) {
      throw syntax_error(position(file_, mark) +
                         ": an alias inside its own anchor; a document that contains itself "
                         "cannot be read");
    }
    count(mark, found->second);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Level {
    YAML::anchor_t anchor;
    std::size_t nodes_before;  // nodes_ when the level opened
  };

  void count(const YAML::Mark& mark, std::size_t nodes) {
    nodes_ += nodes;
    if (nodes_ > kMaxExpandedNodes) {
      throw syntax_error(position(file_, mark) + ": more than " +
                         std::to_string(kMaxExpandedNodes) +
                         " nodes once aliases are followed; use fewer or smaller aliases");
    }
  }
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    count(mark, 1);
    if (anchor != YAML::NullAnchor) anchor_nodes_[anchor] = 1;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (levels_.size() >= kMaxNestedLevels) {
      throw syntax_error(position(file_, mark) + ": nested more than " +
                         std::to_string(kMaxNestedLevels) + " levels deep");
    }
    levels_.push_back({anchor, nodes_});
    count(mark, 1);
  }
  void close() {
    const Level level = levels_.back();
    levels_.pop_back();
    if (level.anchor != YAML::NullAnchor) {
      anchor_nodes_[level.anchor] = nodes_ - level.nodes_before;
    }
  }

  const std::string& file_;
  std::size_t nodes_ = 0;
  std::vector<Level> levels_;
  std::map<YAML::anchor_t, std::size_t> anchor_nodes_;
};

ConfigError invalid_yaml(const std::string& file, const YAML::Exception& e) {
  return syntax_error(position(file, e.mark) +
                      ": invalid YAML: " + excerpt_for_message(e.msg, kMaxParserMessage));
}

void check_bounds(const std::string& file, const std::string& text) {
  std::istringstream in(text);
  try {
    YAML::Parser parser(in);
    DocumentBounds bounds(file);
    while (parser.HandleNextDocument(bounds)) {
    }
  } catch (const YAML::Exception& e) {
    throw invalid_yaml(file, e);
  }
}

std::vector<YAML::Node> parse(const std::string& file, const std::string& text) {
  check_bounds(file, text);
  try {
    return YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw invalid_yaml(file, e);
  }
}

}  // namespace

std::string yaml_value_text(const std::string& key, const YamlValue& value,
                            const std::string& origin) {
  if (value.is_list) return join_list(value.items);
  if (!value.is_records) return value.scalar;
  const RecordsCheck checked = check_records(*find_property(key), value.records);
  if (!checked.ok) {
    throw invalid_value_error(checked.where.empty() ? origin : checked.where, key + checked.field,
                              checked.problem);
  }
  return checked.value;
}

void load_cibatch_yaml(const std::string& path_or_text, const YamlKeyHandler& on_key,
                       const YamlLoadOptions& options) {
  load_cibatch_yaml(read_yaml_source(path_or_text), on_key, options);
}

void load_cibatch_yaml(const YamlSource& source, const YamlKeyHandler& on_key,
                       const YamlLoadOptions& options) {
  const std::string& file = source.name;
  const std::vector<YAML::Node> documents = parse(file, source.text);

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
