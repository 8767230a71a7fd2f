// A compact parsed JSON document for the Sonar readers. Poco's own tree costs about 20 times
// the text (a map and a deque per object, a heap holder per value); this one keeps each value
// in one small node, so a 10,000-finding SARIF document or a large issues page stays a few
// times its text. Poco's parser still does the parsing (through a Poco::JSON::Handler).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cib::sonar {

struct JsonNode {
  enum class Kind : std::uint8_t {
    null,
    boolean,
    integer,
    big_integer,
    real,
    string,
    object,
    array
  };

  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;  // integer; big_integer: past INT64_MAX (not kept)
  double real = 0;
  std::string text;  // string
  // object: members sorted by name, one per name (the last of duplicates, as Poco keeps);
  // array: the elements, with empty names.
  std::vector<std::pair<std::string, JsonNode>> children;

  // An object's member, or nullptr.
  const JsonNode* member(const std::string& name) const;
};

// Parses `text` (UTF-8 checked by the caller) at most `max_depth` levels deep. Throws
// Poco::Exception (or std::exception) with the parser's message when it is not JSON.
std::shared_ptr<const JsonNode> parse_json_tree(const std::string& text, std::size_t max_depth);

}  // namespace cib::sonar
