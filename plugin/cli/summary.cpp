#include "summary.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "cli_errors.h"

namespace cib::cli {
namespace {

using Poco::JSON::Object;

Object::Ptr parse_stats(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var value = parser.parse(text);
    if (value.type() == typeid(Object::Ptr)) return value.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  throw CommandError("the library's statistics are not a JSON object: " + text);
}

std::int64_t counter(const Object::Ptr& stats, const std::string& name) {
  if (stats.isNull() || !stats->has(name)) return 0;
  try {
    return stats->get(name).convert<std::int64_t>();
  } catch (const Poco::Exception&) {
    return 0;
  }
}

}  // namespace

std::string replay_summary_json(const std::string& stats_json, const ReplayTotals& totals) {
  const Object::Ptr stats = parse_stats(stats_json);
  const Object::Ptr kinds =
      stats->has("requests_by_kind") ? stats->getObject("requests_by_kind") : Object::Ptr();
  Object by_kind(Poco::JSON_PRESERVE_KEY_ORDER);
  if (!kinds.isNull()) {
    for (const char* kind : {"status", "comment", "report"})
      by_kind.set(kind, counter(kinds, kind));
  }
  Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("calls", totals.calls);
  out.set("requests", counter(stats, "requests"));
  out.set("by_kind", by_kind);
  out.set("retries", counter(stats, "retries"));
  out.set("rate_limited", counter(stats, "rate_limited"));
  out.set("undelivered", static_cast<std::int64_t>(totals.undelivered()));
  std::ostringstream text;
  out.stringify(text);
  return text.str();
}

}  // namespace cib::cli
