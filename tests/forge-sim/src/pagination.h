// Bitbucket Cloud's paged lists: ?pagelen=N (default 10, at most 100) & page=P (from 1), and
// a "next" link that is an absolute URL.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

namespace cib::sim {

struct PageRequest {
  int pagelen = 10;
  int page = 1;
};

// Reads pagelen and page from the query; returns false and sets `error` on a bad value.
bool read_page_request(const std::map<std::string, std::string>& query, PageRequest& request,
                       std::string& error);

// {"pagelen","size","page","values",["next"],["previous"]}; `origin` is
// "http(s)://127.0.0.1:PORT" and `raw_path` the still-encoded path of the list. `kept_query`
// ("state=OPEN&state=MERGED", encoded) is carried into the next and previous links, as the
// host keeps a list's filters.
Poco::JSON::Object::Ptr render_page(const std::vector<Poco::JSON::Object::Ptr>& all,
                                    const PageRequest& request, const std::string& origin,
                                    const std::string& raw_path,
                                    const std::string& kept_query = "");

}  // namespace cib::sim
