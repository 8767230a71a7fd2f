// The library through its C ABI against the simulator: threads, tags, delivery reports,
// comment upserts, refusals and secrets.
#include <boost/test/unit_test.hpp>
#include <thread>

#include "client_fixture.h"
#include "recording_client.h"
#include "sim_state.h"

namespace cib::test {

BOOST_AUTO_TEST_SUITE(client_delivery)

BOOST_AUTO_TEST_CASE(statuses_from_several_threads_are_all_delivered) {
  ForgeSim sim;
  RecordingClient session(client_yaml(sim, "", "integration-token", kFlushOnly));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&session, t] {
      for (int k = 0; k < 10; ++k) {
        const std::string key = "t" + std::to_string(t) + "-k" + std::to_string(k);
        session.status(kRepo, kCommit, key, CIB_STATE_INPROGRESS, t + 1);
        session.status(kRepo, kCommit, key, CIB_STATE_SUCCESSFUL, t + 1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::size_t left = 99;
  BOOST_TEST(session.flush(0, 20000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  const auto statuses = sim.state()->getObject("statuses")->getObject(kRepo)->getObject(kCommit);
  BOOST_TEST(statuses->size() == 40u);
  for (const auto& name : statuses->getNames()) {
    BOOST_TEST(statuses->getObject(name)->getValue<std::string>("state") == "SUCCESSFUL");
  }
  // 80 calls; each key's quick INPROGRESS is coalesced into its SUCCESSFUL.
  BOOST_TEST(json_number(session.stats(), "calls") == 80);
  BOOST_TEST(json_number(session.stats(), "requests") == 40);
  const auto reports = session.deliveries();
  BOOST_TEST(reports.size() == 80u);
}

BOOST_AUTO_TEST_CASE(flush_of_one_tag_does_not_wait_for_another) {
  ForgeSim sim;
  RecordingClient session(
      client_yaml(sim, "  comments: { mode: upsert }\n", "integration-token", kFlushOnly));
  session.comment(kRepo, 42, "coverage", "81%", 7);
  session.comment(kRepo, 43, "coverage", "50%", 8);
  BOOST_TEST(session.flush(7, 10000) == CIB_OK);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 42, "coverage") == 1);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 43, "coverage") == 0);
  BOOST_TEST(session.flush(8, 10000) == CIB_OK);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 43, "coverage") == 1);
  for (const auto& d : session.deliveries()) {
    BOOST_TEST(d.outcome == CIB_OUTCOME_DELIVERED);
    BOOST_TEST(d.kind == CIB_SLOT_COMMENT);
    BOOST_TEST(d.pr == (d.tag == 7 ? 42 : 43));
  }
}

BOOST_AUTO_TEST_CASE(a_keyed_comment_is_updated_in_place_and_unchanged_text_costs_nothing) {
  ForgeSim sim;
  RecordingClient session(client_yaml(sim));
  session.comment(kRepo, 42, "coverage", "81%");
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  session.comment(kRepo, 42, "coverage", "82%");
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  session.comment(kRepo, 42, "coverage", "82%");
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 42, "coverage") == 1);
  // A new client first lists the PR's comments (one GET), then POST, then PUT.
  BOOST_TEST(json_number(session.stats(), "requests") == 3);
  BOOST_TEST(json_number(session.stats(), "deduplicated") == 1);
  BOOST_TEST(session.deliveries().back().outcome == CIB_OUTCOME_UNCHANGED);
}

BOOST_AUTO_TEST_CASE(a_comment_deleted_by_a_person_is_created_anew) {
  ForgeSim sim;
  RecordingClient session(client_yaml(sim));
  session.comment(kRepo, 42, "coverage", "81%");
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  const auto list = sim.state()->getObject("comments")->getObject(kRepo)->getArray("42");
  const auto id = list->getObject(0)->getValue<long>("id");
  sim.control("DELETE", "/2.0/repositories/acme/web/pullrequests/42/comments/" + std::to_string(id),
              "", "Bearer a-person");
  session.comment(kRepo, 42, "coverage", "83%");
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  BOOST_TEST(comments_with_key(sim.state(), kRepo, 42, "coverage") == 1);
}

BOOST_AUTO_TEST_CASE(summary_mode_keeps_one_comment_per_pr) {
  ForgeSim sim;
  RecordingClient session(client_yaml(sim, "  comments: { mode: summary }\n"));
  session.comment(kRepo, 42, "coverage", "81%");
  session.comment(kRepo, 42, "lint", "3 warnings");
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  const auto list = sim.state()->getObject("comments")->getObject(kRepo)->getArray("42");
  BOOST_TEST(list->size() == 1u);
  const std::string raw = list->getObject(0)->getValue<std::string>("raw");
  BOOST_TEST(raw.find("81%") != std::string::npos);
  BOOST_TEST(raw.find("3 warnings") != std::string::npos);
}

namespace {

struct ReentryProbe {
  cib_client* client = nullptr;
  int post_status = -1;
  int flush_status = -1;
};

void post_from_callback(void* opaque, const cib_delivery*) {
  auto* probe = static_cast<ReentryProbe*>(opaque);
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = "acme/web";
  s.commit = "abc";
  s.key = "from-callback";
  char err[256];
  probe->post_status = cib_client_post_status(probe->client, &s, 1, 0, err, sizeof err);
  probe->flush_status = cib_client_flush(probe->client, 0, 0, nullptr, err, sizeof err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(calling_the_client_from_its_own_callback_is_refused) {
  ForgeSim sim;
  RecordingClient session(client_yaml(sim));
  ReentryProbe probe;
  probe.client = session.client();
  char err[256];
  BOOST_REQUIRE(cib_client_set_delivery_cb(session.client(), post_from_callback, &probe, err,
                                           sizeof err) == CIB_OK);
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  BOOST_TEST(probe.post_status == CIB_ERR_REENTRY);
  BOOST_TEST(probe.flush_status == CIB_ERR_REENTRY);
}

BOOST_AUTO_TEST_CASE(log_lines_can_be_served_by_poll_on_the_callers_thread) {
  ForgeSim sim;
  RecordingClient session(client_yaml(sim, "  log: { queue: true }\n"));
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  char err[256];
  BOOST_TEST(cib_client_flush(session.client(), 0, 10000, nullptr, err, sizeof err) == CIB_OK);
  // Queued lines reach the callback only when this thread polls; flush runs no callback.
  BOOST_TEST(session.log_lines().empty());
  session.poll();
  BOOST_TEST(!session.log_lines().empty());
}

BOOST_AUTO_TEST_CASE(past_max_pending_posts_are_refused_and_nothing_earlier_is_dropped) {
  ForgeSim sim;
  // Room for three pending slots; nothing is sent before a flush, however slow this machine is.
  RecordingClient session(
      client_yaml(sim, "", "integration-token",
                  "{ linger_ms: 600000, terminal_linger_ms: 600000, max_pending: 3 }"));
  for (const char* key : {"a", "b", "c"}) session.status(kRepo, kCommit, key, CIB_STATE_SUCCESSFUL);
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = kRepo.c_str();
  s.commit = kCommit.c_str();
  s.key = "d";
  s.state = CIB_STATE_SUCCESSFUL;
  char err[512];
  BOOST_TEST(cib_client_post_status(session.client(), &s, 1, 0, err, sizeof err) ==
             CIB_ERR_QUEUE_FULL);
  BOOST_TEST(std::string(err).find("batching.max_pending") != std::string::npos);
  BOOST_TEST(cib_status_is_retriable(CIB_ERR_QUEUE_FULL) == 1);
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  BOOST_TEST(cib_client_post_status(session.client(), &s, 1, 0, err, sizeof err) == CIB_OK);
  BOOST_TEST(session.flush(0, 10000) == CIB_OK);
  const auto statuses = sim.state()->getObject("statuses")->getObject(kRepo)->getObject(kCommit);
  BOOST_TEST(statuses->size() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
