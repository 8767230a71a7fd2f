// Where a stage's first status falls among a report's chunks, on crafted logs.
#include "send_order.h"

#include <Poco/JSON/Object.h>

#include <boost/test/unit_test.hpp>

namespace cib::test {
namespace {

const std::string kCommitPath = "/2.0/repositories/team/mono/commit/abc";

LoggedRequest chunk() {
  LoggedRequest r;
  r.method = "POST";
  r.target = kCommitPath + "/reports/scan/annotations";
  r.status = 200;
  r.body_items = 100;
  return r;
}

LoggedRequest report_put() {
  LoggedRequest r;
  r.method = "PUT";
  r.target = kCommitPath + "/reports/scan";
  r.status = 200;
  return r;
}

LoggedRequest status(const std::string& key, const std::string& state, int answer = 201) {
  LoggedRequest r;
  r.method = "POST";
  r.target = kCommitPath + "/statuses/build";
  r.status = answer;
  r.body = new Poco::JSON::Object;
  r.body->set("key", key);
  r.body->set("state", state);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(send_order)

BOOST_AUTO_TEST_CASE(a_status_between_chunks_has_chunks_after_it) {
  const std::vector<LoggedRequest> log = {report_put(), chunk(),
                                          chunk(),      status("deploy", "INPROGRESS"),
                                          chunk(),      status("deploy", "SUCCESSFUL")};
  const StatusAmongChunks found = status_among_chunks(log, "deploy");
  BOOST_REQUIRE(found.first_status.has_value());
  BOOST_TEST(*found.first_status == 3u);
  BOOST_TEST(found.chunks == 3u);
  BOOST_TEST(found.chunks_after == 1u);
}

BOOST_AUTO_TEST_CASE(a_status_after_every_chunk_has_none_after_it) {
  const std::vector<LoggedRequest> log = {report_put(), chunk(), chunk(),
                                          status("other", "INPROGRESS"),
                                          status("deploy", "SUCCESSFUL")};
  const StatusAmongChunks found = status_among_chunks(log, "deploy");
  BOOST_REQUIRE(found.first_status.has_value());
  BOOST_TEST(found.chunks_after == 0u);
  BOOST_TEST(!status_among_chunks({report_put(), chunk()}, "deploy").first_status.has_value());
}

BOOST_AUTO_TEST_CASE(each_send_is_named_by_method_and_short_target) {
  BOOST_TEST(short_send(report_put()) == "PUT report scan");
  BOOST_TEST(short_send(chunk()) == "POST annotations scan (100)");
  BOOST_TEST(short_send(status("deploy", "INPROGRESS")) == "POST status deploy INPROGRESS");
  BOOST_TEST(short_send(status("deploy", "SUCCESSFUL", 429)) ==
             "POST status deploy SUCCESSFUL -> 429");
  LoggedRequest get;
  get.method = "GET";
  get.target = "/2.0/repositories/team/mono/pullrequests/7/comments?pagelen=100";
  get.status = 200;
  BOOST_TEST(short_send(get) == "GET comments #7");
  get.t_ms = 42;
  BOOST_TEST(order_of_sends({get, report_put()}) ==
             "\n  1. 42 ms GET comments #7\n  2. 0 ms PUT report scan");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
