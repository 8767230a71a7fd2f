// The host's own URLs in an answer, turned into the gateway's so a tool's next page goes
// through the gateway too: JSON bodies (Bitbucket's `next`, `links.*.href`), the `Link` header
// (GitHub, GitLab) and `Location`. Pure functions.
#pragma once

#include <string>

#include "transport/http_types.h"

namespace cib::gw {

struct LinkBases {
  std::string upstream;  // the host's API URL, e.g. https://api.bitbucket.org/2.0 (no trailing /)
  std::string gateway;   // what a tool uses instead, e.g. http://ci-gw:8790/2.0 (no trailing /)
};

// Replaces every URL that starts with bases.upstream (followed by '/', '?', '"', '>' or the
// end) with the same URL on bases.gateway; also the JSON-escaped form (`\/`). Other URLs are
// left alone.
std::string rewrite_links(const std::string& text, const LinkBases& bases);

// Rewrites `Location` and `Link` headers, and the body when its Content-Type is JSON (or
// text). Other headers and bodies are left as they are.
void rewrite_answer(Headers& headers, std::string& body, const LinkBases& bases);

}  // namespace cib::gw
