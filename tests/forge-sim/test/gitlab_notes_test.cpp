// forge-sim as GitLab: merge request notes (create, read, edit in place, delete, list).
#include <boost/test/unit_test.hpp>

#include "gitlab_sim.h"

using cib::test::GitlabSim;
using cib::test::kProject;

namespace {

const std::string kNotes = kProject + "/merge_requests/42/notes";

std::string note_body(const std::string& text) {
  return R"({"body":")" + text + R"("})";
}

std::vector<long> ids_of(const cib::test::Reply& reply) {
  std::vector<long> ids;
  const auto notes = reply.json_array();
  for (std::size_t i = 0; i < notes->size(); ++i) {
    ids.push_back(notes->getObject(static_cast<unsigned>(i))->getValue<long>("id"));
  }
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gitlab_notes)

BOOST_AUTO_TEST_CASE(a_note_is_created_edited_in_place_and_deleted) {
  GitlabSim gl;
  const auto created = gl.client.post(gl.api(kNotes), note_body("first <!-- cibatch:k -->"));
  BOOST_TEST(created.status == 201);
  const auto note = created.json();
  const std::string item = kNotes + "/" + std::to_string(note->getValue<long>("id"));
  BOOST_TEST(note->getValue<std::string>("body") == "first <!-- cibatch:k -->");
  BOOST_TEST(note->getValue<long>("noteable_iid") == 42);
  BOOST_TEST(note->getValue<std::string>("noteable_type") == "MergeRequest");

  const auto edited = gl.client.put(gl.api(item), note_body("second <!-- cibatch:k -->"));
  BOOST_TEST(edited.status == 200);
  BOOST_TEST(edited.json()->getValue<long>("id") == note->getValue<long>("id"));
  BOOST_TEST(gl.client.get(gl.api(item)).json()->getValue<std::string>("body") ==
             "second <!-- cibatch:k -->");

  const auto comments = gl.sim.state()->getObject("comments")->getObject("acme/web");
  BOOST_REQUIRE(comments->getArray("42")->size() == 1u);
  BOOST_TEST(comments->getArray("42")->getObject(0)->getValue<std::string>("raw") ==
             "second <!-- cibatch:k -->");

  BOOST_TEST(gl.client.del(gl.api(item)).status == 204);
  const auto gone = gl.client.get(gl.api(item));
  BOOST_TEST(gone.status == 404);
  BOOST_TEST(gone.json()->getValue<std::string>("message") == "404 Note Not Found");
  BOOST_TEST(gl.client.put(gl.api(item), note_body("third")).status == 404);
  BOOST_TEST(gl.client.del(gl.api(item)).status == 404);
  BOOST_TEST(gl.sim.state()
                 ->getObject("comments")
                 ->getObject("acme/web")
                 ->getArray("42")
                 ->getObject(0)
                 ->getValue<bool>("deleted"));
}

BOOST_AUTO_TEST_CASE(the_list_is_sorted_paged_and_leaves_deleted_notes_out) {
  GitlabSim gl;
  for (const char* text : {"a", "b", "c", "d"}) gl.client.post(gl.api(kNotes), note_body(text));
  gl.client.del(gl.api(kNotes + "/4"));

  const auto ascending =
      gl.client.get(gl.api(kNotes + "?per_page=2&page=1&sort=asc&order_by=created_at"));
  BOOST_TEST(ascending.status == 200);
  BOOST_TEST(ids_of(ascending) == (std::vector<long>{1, 2}), boost::test_tools::per_element());
  BOOST_TEST(ascending.header("X-Total") == "3");
  BOOST_TEST(ascending.header("X-Next-Page") == "2");
  BOOST_TEST(ids_of(gl.client.get(gl.api(kNotes + "?per_page=2&page=2&sort=asc"))) ==
                 (std::vector<long>{3}),
             boost::test_tools::per_element());
  // GitLab's default order is newest first.
  BOOST_TEST(ids_of(gl.client.get(gl.api(kNotes))) == (std::vector<long>{3, 2, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(gl.client.get(gl.api(kProject + "/merge_requests/7/notes")).json_array()->size() ==
             0u);
}

BOOST_AUTO_TEST_CASE(a_note_without_a_body_is_refused_and_counted_invalid) {
  GitlabSim gl;
  BOOST_TEST(gl.client.post(gl.api(kNotes), R"({"text":"x"})").status == 400);
  BOOST_TEST(gl.client.post(gl.api(kNotes), R"({"body":7})").status == 400);
  BOOST_TEST(gl.client.send("POST", gl.api(kNotes), "body=x", "application/x-www-form-urlencoded")
                 .status == 415);
  BOOST_TEST(gl.sim.stats()->getValue<int>("invalid") == 3);
  BOOST_TEST(gl.sim.state()->getObject("comments")->size() == 0u);
  BOOST_TEST(gl.client.get(gl.api(kProject + "/merge_requests/x/notes")).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
