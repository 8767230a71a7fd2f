#include "gitlab_pagination.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <sstream>

namespace cib::sim {
namespace {

constexpr int kMaxPerPage = 100;

int positive(const std::map<std::string, std::string>& query, const std::string& name,
             int fallback) {
  const auto found = query.find(name);
  int value = 0;
  if (found == query.end() || !Poco::NumberParser::tryParse(found->second, value) || value < 1) {
    return fallback;
  }
  return value;
}

std::string page_url(const std::string& base, std::map<std::string, std::string> query,
                     const GitlabPage& page, int number) {
  query["page"] = std::to_string(number);
  query["per_page"] = std::to_string(page.per_page);
  std::string url = base;
  char separator = '?';
  for (const auto& [name, value] : query) {
    std::string encoded_name, encoded_value;
    Poco::URI::encode(name, "!#$&'()*+,/:;=?@[]", encoded_name);
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", encoded_value);
    url += separator + encoded_name + "=" + encoded_value;
    separator = '&';
  }
  return url;
}

}  // namespace

GitlabPage read_gitlab_page(const std::map<std::string, std::string>& query) {
  GitlabPage page;
  page.per_page = std::min(positive(query, "per_page", page.per_page), kMaxPerPage);
  page.page = positive(query, "page", page.page);
  return page;
}

Answer gitlab_page_answer(const std::vector<Poco::JSON::Object::Ptr>& all, const GitlabPage& page,
                          const std::string& origin, const std::string& raw_path,
                          const std::map<std::string, std::string>& query) {
  const std::size_t total = all.size();
  const std::size_t first = static_cast<std::size_t>(page.page - 1) * page.per_page;
  Poco::JSON::Array values;
  for (std::size_t i = first; i < total && i < first + page.per_page; ++i) values.add(all[i]);
  const int pages = std::max<int>(1, static_cast<int>((total + page.per_page - 1) / page.per_page));
  const bool has_next = first + page.per_page < total;
  const bool has_prev = page.page > 1;

  const std::string base = origin + raw_path;
  std::string link;
  auto add_link = [&](int number, const char* rel) {
    if (!link.empty()) link += ", ";
    link += "<" + page_url(base, query, page, number) + ">; rel=\"" + rel + "\"";
  };
  if (has_prev) add_link(page.page - 1, "prev");
  if (has_next) add_link(page.page + 1, "next");
  add_link(1, "first");
  add_link(pages, "last");

  Answer answer;
  std::ostringstream body;
  values.stringify(body);
  answer.body = body.str();
  answer.headers = {{"X-Page", std::to_string(page.page)},
                    {"X-Per-Page", std::to_string(page.per_page)},
                    {"X-Next-Page", has_next ? std::to_string(page.page + 1) : ""},
                    {"X-Prev-Page", has_prev ? std::to_string(page.page - 1) : ""},
                    {"X-Total", std::to_string(total)},
                    {"X-Total-Pages", std::to_string(pages)},
                    {"Link", link}};
  return answer;
}

}  // namespace cib::sim
