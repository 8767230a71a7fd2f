#include "providers/page_link.h"

#include <stdexcept>

#include "transport/url.h"

namespace cib {

namespace {

// What follows scheme://authority in a link, query included. The authority is not compared with
// the API URL's: a host behind a proxy may name itself differently, and the Sender only ever
// talks to the API URL anyway.
std::string path_of_link(const std::string& link) {
  const auto scheme_end = link.find("://");
  if (scheme_end == std::string::npos) return link;
  const auto path_start = link.find_first_of("/?#", scheme_end + 3);
  return path_start == std::string::npos ? std::string("/") : link.substr(path_start);
}

// Whether the parameters of one Link entry (what follows its <URL>) name rel="next". rel may
// list several relation types: rel="next last".
bool names_next(const std::string& params) {
  const auto rel = params.find("rel=");
  if (rel == std::string::npos) return false;
  const auto begin = params.find_first_not_of('"', rel + 4);
  if (begin == std::string::npos) return false;
  const auto end = params.find_first_of("\";,", begin);
  const std::string types = ' ' + params.substr(begin, end - begin) + ' ';
  return types.find(" next ") != std::string::npos;
}

}  // namespace

std::string target_from_link(const std::string& link, const std::string& api_url) {
  const std::string base_path = parse_base_url(api_url).path;
  const std::string path = path_of_link(link);
  const bool inside = path.compare(0, base_path.size(), base_path) == 0 &&
                      (path.size() == base_path.size() || path[base_path.size()] == '/' ||
                       path[base_path.size()] == '?');
  if (!inside) {
    throw std::invalid_argument("the host's next-page link lies outside the API path \"" +
                                base_path + "\"");
  }
  return path.substr(base_path.size());
}

std::string next_link(const std::string& link_header) {
  // Entries are "<URL>; params", separated by commas; a URL holds no '<' or '>'.
  for (auto open = link_header.find('<'); open != std::string::npos;) {
    const auto close = link_header.find('>', open);
    if (close == std::string::npos) return "";
    const auto following = link_header.find('<', close);
    if (names_next(link_header.substr(close + 1, following - close - 1))) {
      return link_header.substr(open + 1, close - open - 1);
    }
    open = following;
  }
  return "";
}

}  // namespace cib
