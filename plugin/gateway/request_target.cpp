#include "gateway/request_target.h"

#include <Poco/URI.h>

#include <cctype>

namespace cib::gw {
namespace {

constexpr unsigned char kFirstPrintable = 0x21;  // '!': space and controls below
constexpr unsigned char kDelete = 0x7f;

// A segment that is, or once decoded holds, "." or ".." (an encoded '/' may hide one).
bool dot_segment(const std::string& encoded) {
  std::string decoded;
  try {
    Poco::URI::decode(encoded, decoded);
  } catch (const std::exception&) {
    return true;  // an undecodable segment is refused like a dot segment
  }
  std::string::size_type start = 0;
  while (true) {
    const auto end = decoded.find_first_of("/\\", start);
    const std::string part =
        decoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part == "." || part == "..") return true;
    if (end == std::string::npos) return false;
    start = end + 1;
  }
}

bool has_dot_segment(const std::string& path) {
  std::string::size_type start = 1;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    const std::string segment =
        path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (dot_segment(segment)) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

bool printable(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < kFirstPrintable || byte == kDelete) return false;
  }
  return true;
}

}  // namespace

std::optional<SplitTarget> split_target(const std::string& target, std::string& problem) {
  if (target.empty() || target[0] != '/') {
    problem = "only a path is accepted as the request target, not a URL: the gateway is no proxy";
    return std::nullopt;
  }
  if (!printable(target)) {
    problem = "the request target holds spaces or control characters";
    return std::nullopt;
  }
  SplitTarget split;
  const auto question = target.find('?');
  split.path = target.substr(0, question);
  if (question != std::string::npos) split.query = target.substr(question + 1);
  if (split.path.find('#') != std::string::npos || split.path.find('\\') != std::string::npos) {
    problem = "the request path holds '#' or '\\'";
    return std::nullopt;
  }
  if (has_dot_segment(split.path)) {
    problem = "the request path holds a '.' or '..' segment";
    return std::nullopt;
  }
  return split;
}

int match_mount(const std::vector<std::string>& mounts, const std::string& path) {
  int best = -1;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < mounts.size(); ++i) {
    const std::string& mount = mounts[i];
    const bool holds = mount == "/" || path == mount ||
                       (path.compare(0, mount.size(), mount) == 0 && path.size() > mount.size() &&
                        path[mount.size()] == '/');
    if (holds && (best < 0 || mount.size() > best_length)) {
      best = static_cast<int>(i);
      best_length = mount.size();
    }
  }
  return best;
}

std::string below_mount(const std::string& mount, const std::string& path) {
  if (mount == "/") return path;
  return path.substr(mount.size());
}

bool plain_host(const std::string& host) {
  if (host.empty()) return false;
  for (const char c : host) {
    const auto byte = static_cast<unsigned char>(c);
    if (!std::isalnum(byte) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') {
      return false;
    }
  }
  return true;
}

}  // namespace cib::gw
