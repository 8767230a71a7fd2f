// One value of a parsed JSON answer together with where it sits (`issues page 2`,
// `issues[17].textRange.startLine`), so every refusal names the input and the field. Only the
// readers in this folder use it; the parsed document is a compact JsonNode tree (json_tree.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sonar/json_tree.h"

namespace cib::sonar {

class JsonField {
 public:
  // Parses `text` (checked as UTF-8 first). `where` names the input in messages.
  static JsonField parse(const std::string& text, const std::string& where);

  // The member `name` of this object; throws when this is not an object or it is missing.
  JsonField member(const std::string& name) const;
  // The member `name`, or nothing when it is missing or null.
  std::optional<JsonField> optional_member(const std::string& name) const;

  bool is_object() const;
  bool is_array() const;
  bool is_string() const;

  // The names of an object's members, sorted.
  std::vector<std::string> member_names() const;

  // Elements of an array; throws when this is not an array.
  std::size_t size() const;
  JsonField at(std::size_t index) const;

  // A string of at most kMaxFieldBytes bytes, valid UTF-8.
  std::string text() const;
  // A string cut at a character boundary to at most `max_bytes`, with a note when cut.
  std::string text_cut(std::size_t max_bytes) const;
  // An integer that fits in 32 bits (a JSON number, not a string of digits).
  std::int32_t int32() const;

  const std::string& path() const { return path_; }
  const std::string& where() const { return where_; }

  // Throws SonarError(invalid_input) with "<where>: <path>: <what>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  JsonField(std::shared_ptr<const JsonNode> root, const JsonNode* node, std::string where,
            std::string path);
  std::string raw_string() const;

  std::shared_ptr<const JsonNode> root_;  // keeps the document alive
  const JsonNode* node_;
  std::string where_, path_;
};

}  // namespace cib::sonar
