#include "agent_protocol.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "protocol_json.h"

namespace cib::agent {
namespace {

using json::fail;
using json::Members;
using json::to_text;

using Poco::JSON::Object;

std::optional<Route> read_route(const Members& m) {
  if (!m.has("route")) return std::nullopt;
  const Members r(m.object("route"), "route.");
  r.allow_only({"kind", "api_url", "account"});
  return Route{r.text("kind"), r.text("api_url"), r.text("account")};
}

std::uint64_t read_tag(const Members& m) {
  return static_cast<std::uint64_t>(
      m.integer("tag", 0, 0, static_cast<std::int64_t>(kMaxRequestTag)));
}

void check_version(const Members& m) {
  if (!m.has("v")) throw ProtocolError("version", "missing member \"v\" (this agent speaks 1)");
  std::int64_t version = 0;
  try {
    version = m.integer("v", 0, 0, std::numeric_limits<std::int32_t>::max());
  } catch (const ProtocolError&) {
    throw ProtocolError("version", "v: expected 1 (this agent speaks protocol version 1)");
  }
  if (version != kProtocolVersion) {
    throw ProtocolError("version", "protocol version " + std::to_string(version) +
                                       " is not spoken here (this agent speaks 1)");
  }
}

void put_route(Object& o, const std::optional<Route>& route) {
  if (!route) return;
  Object r;
  r.set("kind", route->kind);
  r.set("api_url", route->api_url);
  r.set("account", route->account);
  o.set("route", r);
}

Object header(const char* op) {
  Object o;
  o.set("v", kProtocolVersion);
  o.set("op", std::string(op));
  return o;
}

}  // namespace

Request parse_request(const std::string& line) {
  const Members m(json::parse_object(line), "");
  check_version(m);
  const std::string op = m.text("op");
  if (op == "hello") {
    m.allow_only({"v", "op"});
    return HelloRequest{};
  }
  if (op == "post") {
    m.allow_only(
        {"v", "op", "route", "tag", "force", "wait_ms", "post", "server_url", "dashboard_url"});
    PostRequest p;
    p.route = read_route(m);
    p.tag = read_tag(m);
    p.force = m.boolean("force");
    p.wait_ms = m.integer("wait_ms", -1, -1, std::numeric_limits<std::int32_t>::max());
    p.post_json = to_text(*m.object("post"));
    p.server_url = m.text("server_url");
    p.dashboard_url = m.text("dashboard_url");
    return p;
  }
  if (op == "flush") {
    m.allow_only({"v", "op", "route", "tag", "timeout_ms"});
    FlushRequest f;
    f.route = read_route(m);
    f.tag = read_tag(m);
    f.timeout_ms = m.integer("timeout_ms", 30000, -1, std::numeric_limits<std::int32_t>::max());
    return f;
  }
  if (op.empty()) fail("missing member \"op\" (hello, post or flush)");
  fail("op: unknown op \"" + op + "\" (expected hello, post or flush)");
}

std::string encode(const HelloRequest&) {
  return to_text(header("hello"));
}

std::string encode(const PostRequest& request) {
  Object o = header("post");
  put_route(o, request.route);
  o.set("tag", static_cast<Poco::UInt64>(request.tag));
  o.set("force", request.force);
  o.set("wait_ms", static_cast<Poco::Int64>(request.wait_ms));
  if (!request.server_url.empty()) o.set("server_url", request.server_url);
  if (!request.dashboard_url.empty()) o.set("dashboard_url", request.dashboard_url);
  // The post is JSON already: spliced in rather than parsed and written again.
  std::string text = to_text(o);
  text.pop_back();
  return text + ",\"post\":" + request.post_json + "}";
}

std::string encode(const FlushRequest& request) {
  Object o = header("flush");
  put_route(o, request.route);
  o.set("tag", static_cast<Poco::UInt64>(request.tag));
  o.set("timeout_ms", static_cast<Poco::Int64>(request.timeout_ms));
  return to_text(o);
}

bool route_matches(const Route& route, const IdentityInfo& identity) {
  const auto normal = [](std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    const std::size_t scheme_end = url.find("://");
    const std::size_t host_end =
        scheme_end == std::string::npos ? 0 : url.find('/', scheme_end + 3);
    const std::size_t end = host_end == std::string::npos ? url.size() : host_end;
    std::transform(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(end), url.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return url;
  };
  return route.kind == identity.kind && normal(route.api_url) == normal(identity.api_url) &&
         (route.account.empty() || route.account == identity.account);
}

}  // namespace cib::agent
