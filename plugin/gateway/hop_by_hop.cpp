// Removing the connection-level headers from what the gateway passes on.
#include "gateway/hop_by_hop.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <array>
#include <set>

namespace cib::gw {
namespace {

constexpr std::array<const char*, 8> kHopByHop = {
    "connection", "keep-alive", "proxy-authorization", "proxy-authenticate",
    "te",         "trailer",    "transfer-encoding",   "upgrade"};

// The lower-case names that the Connection fields list ("close" and "keep-alive" among them).
std::set<std::string> named_by_connection(const Headers& headers) {
  std::set<std::string> names;
  for (const auto& [name, value] : headers) {
    if (Poco::icompare(name, "connection") != 0) continue;
    const Poco::StringTokenizer tokens(
        value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& token : tokens) names.insert(Poco::toLower(token));
  }
  return names;
}

}  // namespace

bool is_hop_by_hop(const std::string& name) {
  const std::string lower = Poco::toLower(name);
  for (const char* hop : kHopByHop) {
    if (lower == hop) return true;
  }
  return false;
}

Headers end_to_end(const Headers& headers) {
  const std::set<std::string> named = named_by_connection(headers);
  Headers kept;
  for (const auto& field : headers) {
    if (is_hop_by_hop(field.first) || named.count(Poco::toLower(field.first)) != 0) continue;
    kept.push_back(field);
  }
  return kept;
}

}  // namespace cib::gw
