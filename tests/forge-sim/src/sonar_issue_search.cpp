// GET api/issues/search: the issues of projects on a pull request or branch, page by page,
// with the server's 10,000-result window.
#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <set>

#include "sonar_endpoints.h"

namespace cib::sim {
namespace {

constexpr long kMaxPageSize = 500;
constexpr long kMaxResults = 10000;  // Elasticsearch's window, which SonarQube does not lift

std::vector<std::string> split_keys(const std::string& text) {
  std::vector<std::string> keys;
  std::string::size_type start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto key = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (!key.empty()) keys.push_back(key);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return keys;
}

// An integer parameter, or an error message in `error`.
long number_param(const SonarQuery& query, const std::string& name, long fallback,
                  std::string& error) {
  const std::string text = query_value(query, name);
  if (text.empty()) return fallback;
  Poco::Int64 value = 0;
  if (!Poco::NumberParser::tryParse64(text, value) || value > kMaxResults + 1 ||
      value < -kMaxResults) {
    error = "The '" + name + "' parameter cannot be parsed as an integer value: " + text;
  }
  return static_cast<long>(value);
}

std::string project_keys(const SonarQuery& query) {
  for (const char* name : {"componentKeys", "components", "projects"}) {
    std::string value = query_value(query, name);
    if (!value.empty()) return value;
  }
  return "";
}

// Keeps open issues for resolved=false, resolved ones for resolved=true, all otherwise.
bool wanted(const Poco::JSON::Object::Ptr& issue, const std::string& resolved) {
  const bool is_resolved = issue->has("resolution") && !issue->isNull("resolution");
  if (resolved == "false") return !is_resolved;
  if (resolved == "true") return is_resolved;
  return true;
}

Poco::JSON::Object::Ptr component_of(const Poco::JSON::Object::Ptr& issue) {
  const auto key = issue->optValue<std::string>("component", "");
  const auto project = issue->optValue<std::string>("project", "");
  Poco::JSON::Object::Ptr component = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  component->set("key", key);
  component->set("enabled", true);
  const bool is_project = key == project;
  component->set("qualifier", is_project ? "TRK" : "FIL");
  const std::string path = key.rfind(project + ":", 0) == 0 ? key.substr(project.size() + 1) : key;
  component->set("name", path.substr(path.rfind('/') + 1));
  component->set("longName", path);
  if (!is_project) component->set("path", path);
  for (const char* scope : {"pullRequest", "branch"}) {
    if (issue->has(scope)) component->set(scope, issue->get(scope));
  }
  return component;
}

Poco::JSON::Array::Ptr components_of(const Poco::JSON::Array::Ptr& issues) {
  Poco::JSON::Array::Ptr components = new Poco::JSON::Array;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < issues->size(); ++i) {
    const auto issue = issues->getObject(static_cast<unsigned>(i));
    const auto component = component_of(issue);
    if (seen.insert(component->getValue<std::string>("key")).second) components->add(component);
  }
  return components;
}

Poco::JSON::Object::Ptr render_page(const std::vector<Poco::JSON::Object::Ptr>& matching, long page,
                                    long page_size) {
  Poco::JSON::Array::Ptr issues = new Poco::JSON::Array;
  const auto first = static_cast<std::size_t>((page - 1) * page_size);
  for (std::size_t i = first; i < matching.size() && i < first + page_size; ++i) {
    issues->add(matching[i]);
  }
  const auto total = static_cast<long>(matching.size());
  Poco::JSON::Object::Ptr paging = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  paging->set("pageIndex", page);
  paging->set("pageSize", page_size);
  paging->set("total", total);
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  body->set("total", total);  // the fields of servers before 9.x, still sent
  body->set("p", page);
  body->set("ps", page_size);
  body->set("paging", paging);
  body->set("effortTotal", 5 * total);
  body->set("issues", issues);
  body->set("components", components_of(issues));
  body->set("facets", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  return body;
}

}  // namespace

Answer serve_issue_search(const SonarQuery& query, const SonarStore& store) {
  std::string error;
  const long page = number_param(query, "p", 1, error);
  const long page_size = number_param(query, "ps", 100, error);
  if (!error.empty()) return sonar_error(400, error);
  if (page < 1)
    return sonar_error(400, "'p' value (" + std::to_string(page) + ") must be positive");
  if (page_size < 1 || page_size > kMaxPageSize) {
    return sonar_error(400, "'ps' value (" + std::to_string(page_size) + ") must be less than " +
                                std::to_string(kMaxPageSize));
  }
  if (page * page_size > kMaxResults) {
    return sonar_error(400, "Can return only the first " + std::to_string(kMaxResults) +
                                " results. " + std::to_string(page * page_size) +
                                "th result asked.");
  }
  const auto keys = split_keys(project_keys(query));
  if (keys.empty()) return sonar_error(400, "The 'componentKeys' parameter is missing");

  std::vector<Poco::JSON::Object::Ptr> matching;
  const std::string resolved = query_value(query, "resolved");
  for (const auto& key : keys) {
    Answer missing;
    const auto analysis = scoped_analysis(query, key, store, missing);
    if (!analysis) return missing;
    for (const auto& issue : analysis->issues) {
      if (wanted(issue, resolved)) matching.push_back(issue);
    }
  }
  return json_answer(200, render_page(matching, page, page_size));
}

}  // namespace cib::sim
