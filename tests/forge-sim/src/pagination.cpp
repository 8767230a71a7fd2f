#include "pagination.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

namespace cib::sim {
namespace {

constexpr int kMaxPagelen = 100;

bool read_int(const std::map<std::string, std::string>& query, const std::string& name, int& value,
              std::string& error) {
  const auto found = query.find(name);
  if (found == query.end()) return true;
  int parsed = 0;
  if (!Poco::NumberParser::tryParse(found->second, parsed) || parsed < 1) {
    error = "Invalid " + name + ": \"" + found->second + "\" is not a positive integer";
    return false;
  }
  value = parsed;
  return true;
}

std::string page_link(const std::string& origin, const std::string& raw_path,
                      const std::string& kept_query, int pagelen, int page) {
  return origin + raw_path + "?" + (kept_query.empty() ? "" : kept_query + "&") +
         "pagelen=" + std::to_string(pagelen) + "&page=" + std::to_string(page);
}

}  // namespace

bool read_page_request(const std::map<std::string, std::string>& query, PageRequest& request,
                       std::string& error) {
  if (!read_int(query, "pagelen", request.pagelen, error)) return false;
  if (!read_int(query, "page", request.page, error)) return false;
  if (request.pagelen > kMaxPagelen) request.pagelen = kMaxPagelen;
  return true;
}

Poco::JSON::Object::Ptr render_page(const std::vector<Poco::JSON::Object::Ptr>& all,
                                    const PageRequest& request, const std::string& origin,
                                    const std::string& raw_path, const std::string& kept_query) {
  const std::size_t size = all.size();
  const std::size_t first = static_cast<std::size_t>(request.page - 1) * request.pagelen;
  Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
  for (std::size_t i = first; i < size && i < first + request.pagelen; ++i) values->add(all[i]);

  Poco::JSON::Object::Ptr page = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  page->set("pagelen", request.pagelen);
  page->set("size", static_cast<long>(size));
  page->set("page", request.page);
  page->set("values", values);
  if (first + request.pagelen < size) {
    page->set("next", page_link(origin, raw_path, kept_query, request.pagelen, request.page + 1));
  }
  if (request.page > 1) {
    page->set("previous",
              page_link(origin, raw_path, kept_query, request.pagelen, request.page - 1));
  }
  return page;
}

}  // namespace cib::sim
