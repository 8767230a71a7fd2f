// A comment key, whatever characters it holds, finds its comment again from a process that
// has no memory of it: two clients with fresh spools post the same keys, the host holds one
// comment per key.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"

namespace cib::test {
namespace {

const std::vector<std::string> kKeys = {"multi\nline", "cr\r\nlf", "tab\there",
                                        "ctl\x01",     "b)c ]`#",  "50%0A"};

// The live comments of a PR, as their raw texts.
std::vector<std::string> live_comments(const ForgeSim& sim, long pr) {
  std::vector<std::string> raws;
  const auto comments = sim.state()->getObject("comments");
  if (!comments || !comments->has(kRepo)) return raws;
  const auto list = comments->getObject(kRepo)->getArray(std::to_string(pr));
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const auto c = list->getObject(static_cast<unsigned>(i));
    if (!c->optValue<bool>("deleted", false)) raws.push_back(c->getValue<std::string>("raw"));
  }
  return raws;
}

void post_every_key(const ForgeSim& sim, const std::string& body) {
  RecordingClient session(client_yaml(sim));
  for (const std::string& key : kKeys) session.comment(kRepo, 42, key, body + " " + key);
  BOOST_TEST(session.flush(0, 20000) == CIB_OK);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_comment_key)

BOOST_AUTO_TEST_CASE(two_clients_with_fresh_spools_keep_one_comment_per_key) {
  ForgeSim sim;
  post_every_key(sim, "first");
  post_every_key(sim, "second");
  const std::vector<std::string> raws = live_comments(sim, 42);
  BOOST_TEST(raws.size() == kKeys.size());
  for (const std::string& raw : raws) {
    BOOST_TEST(raw.rfind("second ", 0) == 0);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
