// Hosts that page their lists by absolute links (Bitbucket Cloud's `next`, GitHub's
// `Link: <...>; rel="next"`): the link becomes a target relative to the API URL, so the Sender
// still talks only to the API URL.
#pragma once

#include <string>

namespace cib {

// Turns a pagination link (an absolute URL the host made) into a target relative to `api_url`:
// drops scheme://host[:port] and the API URL's path. Throws std::invalid_argument when the
// link's path lies outside the API URL's path.
std::string target_from_link(const std::string& link, const std::string& api_url);

// The URL of the `rel="next"` entry of an RFC 8288 Link header value; "" when there is none.
std::string next_link(const std::string& link_header);

}  // namespace cib
