#include "sonar/json_field.h"

#include <Poco/Exception.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"
#include "sonar/text_bounds.h"

namespace cib::sonar {
namespace {

using Kind = JsonNode::Kind;

const char* kind_of(const JsonNode& value) {
  switch (value.kind) {
    case Kind::null:
      return "null";
    case Kind::object:
      return "an object";
    case Kind::array:
      return "an array";
    case Kind::string:
      return "a string";
    case Kind::boolean:
      return "a boolean";
    case Kind::integer:
    case Kind::big_integer:
    case Kind::real:
      return "a number";
  }
  return "another kind of value";
}

const JsonNode kMissing;  // what a missing member reads as

}  // namespace

JsonField::JsonField(std::shared_ptr<const JsonNode> root, const JsonNode* node, std::string where,
                     std::string path)
    : root_(std::move(root)), node_(node), where_(std::move(where)), path_(std::move(path)) {}

JsonField JsonField::parse(const std::string& text, const std::string& where) {
  const std::size_t bad = first_invalid_utf8(text);
  if (bad != std::string::npos) {
    throw SonarError(SonarErrorKind::invalid_input,
                     where + ": byte " + std::to_string(bad) + ": invalid UTF-8");
  }
  try {
    std::shared_ptr<const JsonNode> root = parse_json_tree(text, kMaxJsonDepth);
    const JsonNode* node = root.get();
    return JsonField(std::move(root), node, where, "");
  } catch (const Poco::Exception& e) {
    throw SonarError(SonarErrorKind::invalid_input, where + ": not valid JSON: " + e.message());
  } catch (const std::exception& e) {
    throw SonarError(SonarErrorKind::invalid_input, where + ": not valid JSON: " + e.what());
  }
}

void JsonField::fail(const std::string& what) const {
  const std::string at = path_.empty() ? "" : path_ + ": ";
  throw SonarError(SonarErrorKind::invalid_input, where_ + ": " + at + what);
}

bool JsonField::is_object() const {
  return node_->kind == Kind::object;
}
bool JsonField::is_array() const {
  return node_->kind == Kind::array;
}
bool JsonField::is_string() const {
  return node_->kind == Kind::string;
}

std::optional<JsonField> JsonField::optional_member(const std::string& name) const {
  if (!is_object()) fail(std::string("expected an object, got ") + kind_of(*node_));
  const JsonNode* member = node_->member(name);
  if (member == nullptr || member->kind == Kind::null) return std::nullopt;
  return JsonField(root_, member, where_, path_.empty() ? name : path_ + "." + name);
}

JsonField JsonField::member(const std::string& name) const {
  std::optional<JsonField> field = optional_member(name);
  if (!field)
    JsonField(root_, &kMissing, where_, path_.empty() ? name : path_ + "." + name).fail("missing");
  return *field;
}

std::vector<std::string> JsonField::member_names() const {
  if (!is_object()) fail(std::string("expected an object, got ") + kind_of(*node_));
  std::vector<std::string> names;
  names.reserve(node_->children.size());
  for (const auto& member : node_->children) names.push_back(member.first);
  return names;  // sorted already
}

std::size_t JsonField::size() const {
  if (!is_array()) fail(std::string("expected an array, got ") + kind_of(*node_));
  return node_->children.size();
}

JsonField JsonField::at(std::size_t index) const {
  if (index >= size()) fail("no element " + std::to_string(index));
  return JsonField(root_, &node_->children[index].second, where_,
                   path_ + "[" + std::to_string(index) + "]");
}

std::string JsonField::raw_string() const {
  if (!is_string()) fail(std::string("expected a string, got ") + kind_of(*node_));
  // An escape such as "\udc00" can still decode to bytes that are not UTF-8.
  if (first_invalid_utf8(node_->text) != std::string::npos) fail("invalid UTF-8");
  return node_->text;
}

std::string JsonField::text() const {
  std::string text = raw_string();
  if (text.size() > kMaxFieldBytes) {
    throw SonarError(SonarErrorKind::too_large,
                     where_ + ": " + path_ + ": " + std::to_string(text.size()) +
                         " bytes, more than " + std::to_string(kMaxFieldBytes));
  }
  return text;
}

std::string JsonField::text_cut(std::size_t max_bytes) const {
  return cut_with_note(raw_string(), max_bytes);
}

std::int32_t JsonField::int32() const {
  if (node_->kind != Kind::integer && node_->kind != Kind::big_integer) {
    fail(std::string("expected an integer, got ") + kind_of(*node_));
  }
  if (node_->kind == Kind::integer && node_->integer >= 0 &&
      node_->integer <= std::numeric_limits<std::int32_t>::max()) {
    return static_cast<std::int32_t>(node_->integer);
  }
  fail("expected an integer from 0 to 2147483647");
}

}  // namespace cib::sonar
