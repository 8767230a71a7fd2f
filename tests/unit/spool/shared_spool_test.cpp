// SharedSpool between two "machines" of one identity (shared_spool_fixture.h): leases, order
// keys, delivered records and remote ids shared through a real redis-server.
#include "spool/shared_spool.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>

#include "shared_spool_fixture.h"

namespace cib {

using test::comment_slot;
using test::order_on;
using test::status_slot;
using test::TwoMachines;
using Machine = test::Machine;

BOOST_FIXTURE_TEST_SUITE(shared_spool, TwoMachines)

BOOST_AUTO_TEST_CASE(a_lease_held_on_one_machine_makes_the_other_wait) {
  const SlotId build = status_slot("build");
  const Claim first =
      a.post_and_claim(build, test::status(BuildState::inprogress, "a"), order_on(1, 1));
  BOOST_TEST_REQUIRE(first.acquired);

  const Claim second =
      b.post_and_claim(build, test::status(BuildState::inprogress, "a"), order_on(1, 1));
  BOOST_TEST(!second.acquired);
  BOOST_TEST(second.token == 0u);
  BOOST_TEST(second.held_until_ns > clock.wall_ns());
  BOOST_TEST(second.held_until_ns <= clock.wall_ns() + 30'000LL * 1'000'000LL);
  BOOST_TEST(a.spool->renew(build, first.token));

  a.spool->release(build, first.token, RemoteState{});
  const Claim third = b.spool->claim(build);
  BOOST_TEST(third.acquired);
  BOOST_TEST(!a.spool->claim(build).acquired);
}

BOOST_AUTO_TEST_CASE(a_delivery_completed_on_one_machine_makes_an_unchanged_rerun_free) {
  const SlotId build = status_slot("build");
  const Content done = test::status(BuildState::successful, "done");
  const std::int64_t delivered_at = clock.wall_ns();
  const Claim first = a.post_and_claim(build, done, order_on(1, 1));
  BOOST_TEST_REQUIRE(first.acquired);
  BOOST_TEST(a.spool->complete(build, first.token, order_on(1, 1), done, true, RemoteState{},
                               delivered_at));

  // The same content posted again on the other machine: known before the post (dedup) and at
  // the claim, with the other machine's wall time, which dedup.trust_s is measured from.
  b.spool->journal(build, done, order_on(2, 2), true, true);
  const Claim known = b.spool->known(build);
  BOOST_TEST_REQUIRE(known.delivered.has_value());
  BOOST_TEST((known.delivered->content == done));
  BOOST_TEST(known.delivered->wall_ns == delivered_at);
  const Claim rerun = b.spool->claim(build);
  BOOST_TEST_REQUIRE(rerun.acquired);
  BOOST_TEST_REQUIRE(rerun.delivered.has_value());
  BOOST_TEST((rerun.delivered->content == done));
  BOOST_TEST((rerun.delivered->order == order_on(1, 1)));
  BOOST_TEST(rerun.delivered->wall_ns == delivered_at);
  BOOST_TEST_REQUIRE(rerun.newest.has_value());  // its own order key, settled without a send
  BOOST_TEST((rerun.newest->order == order_on(2, 2)));
  BOOST_TEST(b.spool->complete(build, rerun.token, order_on(2, 2), done, false, RemoteState{},
                               clock.wall_ns()));
  BOOST_TEST(b.spool->pending_count(nullptr) == 0u);
}

BOOST_AUTO_TEST_CASE(content_settled_elsewhere_at_a_newer_order_leaves_nothing_to_send) {
  const SlotId build = status_slot("build");
  const Content older = test::status(BuildState::inprogress, "older");
  const Content newer = test::status(BuildState::successful, "newer");
  b.spool->journal(build, older, order_on(2, 1), true, true);
  const Claim first = a.post_and_claim(build, newer, order_on(1, 2));
  BOOST_TEST_REQUIRE(first.acquired);
  BOOST_TEST(a.spool->complete(build, first.token, order_on(1, 2), newer, true, RemoteState{},
                               clock.wall_ns()));

  BOOST_TEST(!b.spool->known(build).newest.has_value());
  const Claim late = b.spool->claim(build);
  BOOST_TEST_REQUIRE(late.acquired);
  BOOST_TEST(!late.newest.has_value());  // the core settles the slot as superseded
  BOOST_TEST_REQUIRE(late.delivered.has_value());
  BOOST_TEST((late.delivered->content == newer));
  b.spool->release(build, late.token, RemoteState{});
  BOOST_TEST(b.spool->pending_count(nullptr) == 0u);
  BOOST_TEST(b.spool->pending(0).empty());
}

BOOST_AUTO_TEST_CASE(a_create_intent_saved_on_one_machine_is_seen_by_the_other) {
  const SlotId note = comment_slot("coverage");
  const Content body = test::comment("coverage 81%");
  const Claim first = a.post_and_claim(note, body, order_on(1, 1));
  BOOST_TEST_REQUIRE(first.acquired);
  RemoteState intent;
  intent.create_ambiguous = true;
  intent.host_known = true;
  BOOST_TEST(a.spool->save_remote(note, first.token, intent));

  // Before the POST's answer: the other machine already knows a create may be on its way.
  b.spool->journal(note, body, order_on(2, 2), false, true);
  const Claim seen = b.spool->known(note);
  BOOST_TEST_REQUIRE(seen.remote.has_value());
  BOOST_TEST(seen.remote->create_ambiguous);

  // The connection dropped after sending: the attempt is given up, the intent stays.
  a.spool->release(note, first.token, intent);
  const Claim resumed = b.spool->claim(note);
  BOOST_TEST_REQUIRE(resumed.acquired);
  BOOST_TEST_REQUIRE(resumed.remote.has_value());
  BOOST_TEST(resumed.remote->create_ambiguous);

  RemoteState created;
  created.remote_id = "101";
  created.host_known = true;
  BOOST_TEST(
      b.spool->complete(note, resumed.token, order_on(2, 2), body, true, created, clock.wall_ns()));
  const Claim after = a.spool->known(note);
  BOOST_TEST_REQUIRE(after.remote.has_value());
  BOOST_TEST(after.remote->remote_id == "101");
  BOOST_TEST(!after.remote->create_ambiguous);
}

BOOST_AUTO_TEST_CASE(newer_content_claimed_elsewhere_supersedes_the_delivery_in_progress) {
  const SlotId build = status_slot("build");
  const Content one = test::status(BuildState::inprogress, "one");
  const Content two = test::status(BuildState::failed, "two");
  const Claim first = a.post_and_claim(build, one, order_on(1, 1));
  BOOST_TEST_REQUIRE(first.acquired);
  BOOST_TEST(!a.spool->newer_content_waits(build, order_on(1, 1)));

  BOOST_TEST(!b.post_and_claim(build, two, order_on(2, 2)).acquired);
  BOOST_TEST(a.spool->newer_content_waits(build, order_on(1, 1)));
  BOOST_TEST(!a.spool->complete(build, first.token, order_on(1, 1), one, true, RemoteState{},
                                clock.wall_ns()));

  const Claim second = b.spool->claim(build);
  BOOST_TEST_REQUIRE(second.acquired);
  BOOST_TEST_REQUIRE(second.newest.has_value());
  BOOST_TEST((second.newest->desired == two));
  BOOST_TEST(!b.spool->newer_content_waits(build, order_on(2, 2)));
  BOOST_TEST(b.spool->complete(build, second.token, order_on(2, 2), two, true, RemoteState{},
                               clock.wall_ns()));
  BOOST_TEST(!a.spool->newer_content_waits(build, order_on(1, 1)));
}

BOOST_AUTO_TEST_CASE(a_delivery_whose_lease_expired_never_overwrites_a_newer_settled_record) {
  const SlotId build = status_slot("build");
  const Content older = test::status(BuildState::inprogress, "older");
  const Content newer = test::status(BuildState::successful, "newer");
  const Claim slow = b.post_and_claim(build, older, order_on(2, 1));
  BOOST_TEST_REQUIRE(slow.acquired);
  BOOST_TEST(server.command("DEL", lease_key(build)) == "1");  // as if it had expired

  const Claim fast = a.post_and_claim(build, newer, order_on(1, 2));
  BOOST_TEST_REQUIRE(fast.acquired);
  BOOST_TEST(!b.spool->renew(build, slow.token));
  RemoteState fresh;
  fresh.remote_id = "fresh";
  BOOST_TEST(
      a.spool->complete(build, fast.token, order_on(1, 2), newer, true, fresh, clock.wall_ns()));
  RemoteState stale;
  stale.remote_id = "stale";
  BOOST_TEST(
      !b.spool->complete(build, slow.token, order_on(2, 1), older, true, stale, clock.wall_ns()));

  const Claim known = outsider_view(build, order_on(3, 1));
  BOOST_TEST(!known.newest.has_value());  // still settled at order_on(1, 2)
  BOOST_TEST_REQUIRE(known.delivered.has_value());
  BOOST_TEST((known.delivered->content == newer));
  BOOST_TEST((known.delivered->order == order_on(1, 2)));
  BOOST_TEST_REQUIRE(known.remote.has_value());
  BOOST_TEST(known.remote->remote_id == "fresh");
}

BOOST_AUTO_TEST_CASE(an_older_order_settled_later_keeps_the_newer_record) {
  const SlotId build = status_slot("build");
  const Content older = test::status(BuildState::inprogress, "older");
  const Content newer = test::status(BuildState::successful, "newer");
  const Claim first = a.post_and_claim(build, newer, order_on(1, 2));
  BOOST_TEST_REQUIRE(first.acquired);
  BOOST_TEST(a.spool->complete(build, first.token, order_on(1, 2), newer, true, RemoteState{},
                               clock.wall_ns()));
  const Claim late = b.post_and_claim(build, older, order_on(2, 1));
  BOOST_TEST_REQUIRE(late.acquired);
  BOOST_TEST(!late.newest.has_value());
  // Settled without a Redis lease (as after a claim while Redis was away): the compare-and-set
  // still keeps the newer record.
  b.spool->complete(build, late.token, order_on(2, 1), older, true, RemoteState{}, clock.wall_ns());

  const Claim known = outsider_view(build, order_on(3, 1));
  BOOST_TEST(!known.newest.has_value());
  BOOST_TEST_REQUIRE(known.delivered.has_value());
  BOOST_TEST((known.delivered->content == newer));
}

BOOST_AUTO_TEST_CASE(both_machines_go_on_alone_while_redis_is_away_and_share_again_after) {
  const SlotId build = status_slot("build");
  const Content done = test::status(BuildState::successful, "done");
  server.kill();
  for (Machine* machine : {&a, &b}) {
    const Claim claim = machine->post_and_claim(build, done, order_on(1, 1));
    BOOST_TEST_REQUIRE(claim.acquired);  // no Redis to see the other machine's lease
    BOOST_TEST(machine->spool->renew(build, claim.token));
    BOOST_TEST(!machine->spool->newer_content_waits(build, order_on(1, 1)));
    BOOST_TEST(machine->spool->complete(build, claim.token, order_on(1, 1), done, true,
                                        RemoteState{}, clock.wall_ns()));
    BOOST_TEST(machine->spool->known(build).delivered.has_value());
    BOOST_TEST(machine->warnings.size() == 1u);
  }

  server.start();
  const SlotId next = status_slot("next");
  // Less than a second after Redis was lost: not asked again.
  BOOST_TEST_REQUIRE(a.post_and_claim(next, done, order_on(1, 2)).acquired);
  BOOST_TEST(server.command("DBSIZE") == "0");

  clock.advance(Duration(1000));
  const Claim shared = a.post_and_claim(status_slot("third"), done, order_on(1, 3));
  BOOST_TEST_REQUIRE(shared.acquired);
  BOOST_TEST(!b.post_and_claim(status_slot("third"), done, order_on(1, 3)).acquired);
  for (Machine* machine : {&a, &b}) {
    BOOST_TEST_REQUIRE(machine->warnings.size() == 2u);
    BOOST_TEST(machine->warnings[0].find("redis 127.0.0.1:" + std::to_string(server.port())) !=
                   std::string::npos,
               machine->warnings[0]);
    BOOST_TEST(machine->warnings[1].find("answers again") != std::string::npos,
               machine->warnings[1]);
    for (const std::string& line : machine->warnings)
      BOOST_TEST(line.find(test::kRedisPassword) == std::string::npos, line);
  }
}

BOOST_AUTO_TEST_CASE(a_lease_is_taken_back_after_redis_restarted_empty) {
  const SlotId note = comment_slot("summary");
  const Claim held = a.post_and_claim(note, test::comment("one"), order_on(1, 1));
  BOOST_TEST_REQUIRE(held.acquired);
  server.kill();
  server.start();

  // Redis forgot the lease and its scripts; nobody else was given the lease since.
  BOOST_TEST(a.spool->renew(note, held.token));
  BOOST_TEST(!b.post_and_claim(note, test::comment("one"), order_on(1, 1)).acquired);
  RemoteState intent;
  intent.create_ambiguous = true;
  BOOST_TEST(a.spool->save_remote(note, held.token, intent));
  BOOST_TEST(b.spool->known(note).remote.value_or(RemoteState{}).create_ambiguous);
  BOOST_TEST(a.warnings.empty());
}

BOOST_AUTO_TEST_CASE(without_budget_shared_the_local_spool_is_used_as_it_is) {
  Settings settings;
  test::TempDir dir;
  std::unique_ptr<Spool> local = Spool::open(test::spool_options(dir), clock);
  Spool* const raw = local.get();
  std::unique_ptr<Spool> used =
      share_spool(std::move(local), settings, test::kSharedIdentity, clock, {});
  BOOST_TEST(used.get() == raw);

  settings.budget_shared = server.url();
  std::unique_ptr<Spool> shared =
      share_spool(std::move(used), settings, test::kSharedIdentity, clock, {});
  BOOST_TEST(shared.get() != raw);
  BOOST_TEST(dynamic_cast<SharedSpool*>(shared.get()) != nullptr);
  BOOST_TEST(shared->path() == dir.file("state/spool.db"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
