// The Sender the core gives providers, against a loopback peer that answers every request with
// fixed bytes: conditional reads the host answers 304 are not charged to the budget.
#include "core/request_sender.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <memory>

#include "raw_listener.h"
#include "temp_dir.h"

namespace cib {
namespace {

constexpr const char* kNotModified =
    "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n";
constexpr const char* kOk =
    "HTTP/1.1 200 OK\r\nETag: \"v2\"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]";

// A client's core whose API URL is a loopback peer answering `reply` to every request.
struct Core {
  explicit Core(const char* reply) : host(reply), core(settings(host.port(), dir), clock()) {
    slot.id.kind = SlotKind::comment;
  }

  static Settings settings(std::uint16_t port, const test::TempDir& dir) {
    Settings s;
    s.host_kind = HostKind::github;
    s.api_url = "http://127.0.0.1:" + std::to_string(port);
    s.tls_allow_insecure_http = true;
    s.auth_type = AuthType::bearer;
    s.auth_token = "test-token";
    s.spool_sync = SyncMode::off;
    s.budget_path = dir.file("budget.db");
    return s;
  }
  static std::unique_ptr<Clock> clock() { return std::make_unique<SystemClock>(); }

  // Sends a GET of /x, conditional when `etag` is set; returns its status.
  int read(const std::string& etag) {
    HttpRequest request;
    request.method = "GET";
    request.target = "/x";
    if (!etag.empty()) request.headers.emplace_back("If-None-Match", etag);
    RequestSender sender(core, slot, Priority::comment, slot.seq, nullptr);
    return sender.send(request).status;
  }

  std::int64_t used() {
    Poco::JSON::Parser parser;
    return parser.parse(core.budget->json())
        .extract<Poco::JSON::Object::Ptr>()
        ->getValue<std::int64_t>("used");
  }

  test::TempDir dir;
  test::RawListener host;
  ClientCore core;
  Slot slot;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(request_sender)

BOOST_AUTO_TEST_CASE(a_conditional_read_answered_304_is_not_charged_but_counted) {
  Core core(kNotModified);
  BOOST_TEST(core.read("\"v1\"") == 304);
  BOOST_TEST(core.used() == 0);
  BOOST_TEST(core.core.stats.not_modified.load() == 1u);
  BOOST_TEST(core.core.stats.requests.load() == 1u);
  BOOST_TEST(core.read("") == 304);  // not conditional: charged whatever the answer
  BOOST_TEST(core.used() == 1);
  BOOST_TEST(core.core.stats.not_modified.load() == 1u);
}

BOOST_AUTO_TEST_CASE(a_conditional_read_answered_in_full_is_charged) {
  Core core(kOk);
  BOOST_TEST(core.read("\"v1\"") == 200);
  BOOST_TEST(core.used() == 1);
  BOOST_TEST(core.core.stats.not_modified.load() == 0u);
}

BOOST_AUTO_TEST_CASE(a_request_naming_its_media_type_keeps_it) {
  Core core(kOk);
  HttpRequest request;
  request.method = "GET";
  request.target = "/y";
  request.headers.emplace_back("Accept", "application/vnd.github+json");
  RequestSender sender(core.core, core.slot, Priority::comment, core.slot.seq, nullptr);
  sender.send(request);
  BOOST_TEST_REQUIRE(core.host.heads().size() == 1u);
  const std::string head = core.host.heads().at(0);
  BOOST_TEST(head.find("Accept: application/vnd.github+json") != std::string::npos);
  BOOST_TEST(head.find("application/json") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
