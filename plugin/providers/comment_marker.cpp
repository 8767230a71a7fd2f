#include "providers/comment_marker.h"

#include <sstream>

#include "model/marker_key.h"

namespace cib {

namespace {

constexpr const char* kMarkerStart = "[//]: # (cibatch:";
constexpr const char* kMarkerEnd = ")";

}  // namespace

std::string comment_marker(const std::string& key) {
  return kMarkerStart + encode_marker_key(key) + kMarkerEnd;
}

std::string marked_comment(const std::string& body, const std::string& key) {
  return body + "\n\n" + comment_marker(key);
}

std::vector<std::string> marker_keys(const std::string& raw) {
  const std::string start = kMarkerStart;
  std::vector<std::string> keys;
  std::istringstream lines(raw);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > start.size() && line.compare(0, start.size(), start) == 0 &&
        line.back() == kMarkerEnd[0]) {
      keys.push_back(decode_marker_key(line.substr(start.size(), line.size() - start.size() - 1)));
    }
  }
  return keys;
}

}  // namespace cib
