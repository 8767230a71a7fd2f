// Conditional GETs (see etag.h).
#include "etag.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StringTokenizer.h>

namespace cib::sim {

bool apply_etag(const std::string& method, const std::string& if_none_match, Answer& answer) {
  if (method != "GET" || answer.status != 200) return false;
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(answer.body);
  const std::string etag = "\"" + Poco::DigestEngine::digestToHex(sha256.digest()) + "\"";
  answer.headers.emplace_back("ETag", etag);
  const Poco::StringTokenizer candidates(
      if_none_match, ",",
      Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& candidate : candidates) {
    // A weak validator (W/"…") matches too, as with GitHub's own weak ETags.
    const auto strong = candidate.rfind("W/", 0) == 0 ? candidate.substr(2) : candidate;
    if (strong != etag && candidate != "*") continue;
    answer.status = 304;
    answer.body.clear();
    return true;
  }
  return false;
}

}  // namespace cib::sim
