#include "disk_support.h"

#include <boost/test/unit_test.hpp>

#include "client_fixture.h"

namespace cib::test {

std::string disk_client_yaml(const ForgeSim& sim, const std::string& spool_path,
                             const std::string& sync, const std::string& more) {
  return client_yaml(sim, "  spool: { path: \"" + spool_path + "\", sync: " + sync + more + " }\n",
                     "disk-token", kFlushOnly);
}

Outcome attempt(const std::function<void()>& call) {
  Outcome outcome;
  try {
    call();
  } catch (const cibatch::Error& e) {
    outcome.status = e.status();
    outcome.message = e.what();
  }
  return outcome;
}

Outcome Ledger::post(RecordingClient& session, const std::string& key, const std::string& body) {
  const Outcome outcome = attempt([&] { session.comment(kRepo, kPr, key, body); });
  if (outcome.ok()) {
    want_.comments[kRepo + "|" + std::to_string(kPr) + "|" + key] = body;
    ++accepted_;
  }
  return outcome;
}

std::vector<std::string> Ledger::missing(const ForgeSim& sim) const {
  return compare_state(sim.state(), want_);
}

void expect_all_delivered(RecordingClient& session, const ForgeSim& sim, const Ledger& ledger) {
  std::size_t left = 99;
  BOOST_TEST(session.flush(0, 30000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  const auto missing = ledger.missing(sim);
  BOOST_TEST(missing.empty(), missing.size() << " slots missing, first: "
                                             << (missing.empty() ? "" : missing.front()));
  for (const Delivery& d : session.deliveries()) {
    BOOST_TEST(d.outcome != CIB_OUTCOME_FAILED, d.key << ": " << d.message);
  }
}

void make_spool(const ForgeSim& sim, const std::string& spool) {
  RecordingClient session(disk_client_yaml(sim, spool));
  Ledger ledger;
  BOOST_REQUIRE(ledger.post(session, "made", "made before").ok());
  expect_all_delivered(session, sim, ledger);
}

bool names_all(const std::string& text, std::initializer_list<std::string> parts) {
  for (const std::string& part : parts) {
    if (text.find(part) == std::string::npos) return false;
  }
  return true;
}

}  // namespace cib::test
