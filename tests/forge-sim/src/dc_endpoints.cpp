#include "dc_endpoints.h"

#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <algorithm>

namespace cib::sim {
namespace {

constexpr int kDefaultLimit = 25;
constexpr int kMaxLimit = 1000;

// A non-negative number from the query, else `fallback`.
int query_number(const DcCall& call, const std::string& name, int fallback) {
  int value = 0;
  const auto text = call.route.param(name);
  if (!Poco::NumberParser::tryParse(text, value) || value < 0) return fallback;
  return value;
}

}  // namespace

Answer dc_error_named(int status, const std::string& message, const std::string& exception) {
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  error->set("context", Poco::Dynamic::Var());
  error->set("message", message);
  error->set("exceptionName",
             exception.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(exception));
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  errors->add(error);
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("errors", errors);
  return json_answer(status, body);
}

Answer dc_error(int status, const std::string& message) {
  return dc_error_named(status, message, "");
}

Answer serve_dc_call(const DcCall& call, SimState& state, DcState& dc, bool legacy_builds) {
  switch (call.route.endpoint) {
    case DcEndpoint::kBuilds:
      if (legacy_builds) break;  // a server before 7.4 has no such resource
      return serve_dc_builds(call, state.statuses);
    case DcEndpoint::kLegacyBuilds:
      return serve_dc_builds(call, state.statuses);
    case DcEndpoint::kCommentList:
    case DcEndpoint::kCommentItem:
    case DcEndpoint::kActivities:
      return serve_dc_comments(call, state.comments, dc);
    case DcEndpoint::kReportItem:
    case DcEndpoint::kAnnotationList:
      return serve_dc_insights(call, state.reports, dc);
    case DcEndpoint::kUnknown:
      break;
  }
  return dc_error(404, "No resource at " + call.route.raw_path);
}

Answer dc_paged(const DcCall& call, const std::vector<Poco::JSON::Object::Ptr>& all) {
  const int start = query_number(call, "start", 0);
  int limit = query_number(call, "limit", kDefaultLimit);
  limit = std::min(limit == 0 ? kDefaultLimit : limit, kMaxLimit);
  Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
  const auto total = static_cast<int>(all.size());
  for (int i = start; i < total && i < start + limit; ++i) values->add(all[i]);
  const bool last = start + limit >= total;
  Poco::JSON::Object::Ptr page = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  page->set("size", static_cast<int>(values->size()));
  page->set("limit", limit);
  page->set("isLastPage", last);
  page->set("values", values);
  page->set("start", start);
  if (!last) page->set("nextPageStart", start + limit);
  return json_answer(200, page);
}

Answer dc_no_content() {
  Answer answer;
  answer.status = 204;
  return answer;
}

Answer dc_method_not_allowed(const DcCall& call) {
  return dc_error(405, "Method " + call.method + " is not supported on " + call.route.raw_path);
}

long long dc_epoch_ms(const std::string& iso8601) {
  int zone = 0;
  Poco::DateTime time;
  if (!Poco::DateTimeParser::tryParse(iso8601, time, zone)) return 0;
  return time.timestamp().epochMicroseconds() / 1000;
}

Poco::JSON::Object::Ptr dc_user() {
  Poco::JSON::Object::Ptr user = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  user->set("name", "cibatch-bot");
  user->set("emailAddress", "cibatch-bot@bb.example");
  user->set("id", 101);
  user->set("displayName", "cibatch bot");
  user->set("active", true);
  user->set("slug", "cibatch-bot");
  user->set("type", "NORMAL");
  return user;
}

}  // namespace cib::sim
