// GitLab's offset pagination: ?per_page=N (default 20, at most 100) & page=P (from 1); the body
// is a JSON array and the paging is in headers: X-Page, X-Per-Page, X-Next-Page, X-Prev-Page,
// X-Total, X-Total-Pages and a Link header of absolute URLs (rel first, prev, next, last).
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

#include "answer.h"

namespace cib::sim {

struct GitlabPage {
  int per_page = 20;
  int page = 1;
};

// GitLab does not refuse a bad value: it falls back to the default (and caps per_page at 100).
GitlabPage read_gitlab_page(const std::map<std::string, std::string>& query);

// A 200 answer with one page of `all`. `origin` is "http(s)://127.0.0.1:PORT", `raw_path` the
// still-encoded path and `query` the decoded query the links repeat.
Answer gitlab_page_answer(const std::vector<Poco::JSON::Object::Ptr>& all, const GitlabPage& page,
                          const std::string& origin, const std::string& raw_path,
                          const std::map<std::string, std::string>& query);

}  // namespace cib::sim
