#include "spool/codec.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "spool/spool_error.h"

namespace cib {

namespace {

ReportContent full_report() {
  ReportContent report;
  report.title = "Sonar – quality gate ✅";
  report.details = "line one\nline \"two\"\t\\ end";
  report.link = "https://example.test/r?a=1&b=2";
  report.reporter = "sonar";
  report.result = ReportResult::failed;
  report.data = {{"Coverage", DataType::percentage, "81.5"},
                 {"Duration", DataType::duration, "12000"},
                 {"", DataType::boolean, ""}};
  Annotation annotation;
  annotation.id = "finding-1";
  annotation.path = "src/モジュール/main.cpp";
  annotation.line = 42;
  annotation.severity = Severity::critical;
  annotation.type = FindingType::vulnerability;
  annotation.summary = "null dereference 🐛";
  annotation.details = std::string("control \x01 char");
  annotation.link = "";
  report.annotations = {annotation, Annotation{}};
  report.annotations[1].line = std::numeric_limits<std::int32_t>::min();
  report.annotations[1].type = FindingType::code_smell;
  report.annotations[1].severity = Severity::low;
  return report;
}

template <typename T>
T round_trip(SlotKind kind, const T& content) {
  return std::get<T>(decode_content(kind, encode_content(content)));
}

bool is_unreadable(const SpoolError& e) {
  return e.kind() == SpoolError::Kind::not_sqlite;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(codec)

BOOST_AUTO_TEST_CASE(status_content_survives_a_round_trip) {
  StatusContent status;
  status.state = BuildState::stopped;
  status.name = "build #7 — ünïcödé";
  status.url = "https://ci.example.test/job/7";
  status.description = "";
  status.ref = "refs/heads/main";
  BOOST_TEST((round_trip(SlotKind::status, status) == status));
  BOOST_TEST((round_trip(SlotKind::status, StatusContent{}) == StatusContent{}));
}

BOOST_AUTO_TEST_CASE(comment_content_survives_a_round_trip) {
  CommentContent comment;
  comment.body = "## Résumé\n\n| a | b |\n|---|---|\n| 😀 | \"q\" |\n";
  BOOST_TEST((round_trip(SlotKind::comment, comment) == comment));
  BOOST_TEST((round_trip(SlotKind::comment, CommentContent{}) == CommentContent{}));
}

BOOST_AUTO_TEST_CASE(report_content_keeps_every_field_data_and_annotation) {
  const ReportContent report = full_report();
  const ReportContent back = round_trip(SlotKind::report, report);
  BOOST_TEST((back == report));
  BOOST_TEST(back.annotations.size() == 2u);
  BOOST_TEST(back.data.size() == 3u);
  BOOST_TEST((round_trip(SlotKind::report, ReportContent{}) == ReportContent{}));
}

BOOST_AUTO_TEST_CASE(remote_state_survives_a_round_trip) {
  RemoteState remote;
  remote.remote_id = "123456";
  remote.create_ambiguous = true;
  remote.host_known = true;
  remote.report_known = true;
  remote.report_digest = std::string(64, 'a');
  remote.annotations = {{"finding-1", "d1"}, {"ünï/2", ""}, {"", "empty id"}};
  const RemoteState back = decode_remote(encode_remote(remote));
  BOOST_TEST(back.remote_id == remote.remote_id);
  BOOST_TEST(back.create_ambiguous);
  BOOST_TEST(back.host_known);
  BOOST_TEST(back.report_known);
  BOOST_TEST(back.report_digest == remote.report_digest);
  BOOST_TEST((back.annotations == remote.annotations));

  const RemoteState empty = decode_remote(encode_remote(RemoteState{}));
  BOOST_TEST(empty.remote_id.empty());
  BOOST_TEST(!empty.create_ambiguous);
  BOOST_TEST(!empty.report_known);
  BOOST_TEST(empty.annotations.empty());
}

BOOST_AUTO_TEST_CASE(slot_keys_round_trip_and_differ_per_slot) {
  std::vector<SlotId> ids(6);
  ids[0] = SlotId{SlotKind::status, "acme/app", "abc123", 0, "build"};
  ids[1] = SlotId{SlotKind::comment, "acme/app", "", 42, "summary"};
  ids[2] = SlotId{SlotKind::report, "acme/app", "abc123", 0, "sonar"};
  ids[3] = SlotId{SlotKind::status, "acme|app", "1:x|", -7, "ключ|2:"};
  ids[4] = SlotId{SlotKind::status, "acme", "|app", 0, ""};  // fields must not blend
  ids[5] = SlotId{};
  for (const SlotId& id : ids) {
    BOOST_TEST((decode_slot_key(encode_slot_key(id)) == id));
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (std::size_t j = i + 1; j < ids.size(); ++j) {
      BOOST_TEST(encode_slot_key(ids[i]) != encode_slot_key(ids[j]));
    }
  }
  SlotId big{SlotKind::comment, "r", "", std::numeric_limits<std::int64_t>::min(), "k"};
  BOOST_TEST((decode_slot_key(encode_slot_key(big)) == big));
}

BOOST_AUTO_TEST_CASE(malformed_slot_keys_are_refused) {
  const std::string good = encode_slot_key(SlotId{SlotKind::status, "r", "c", 0, "k"});
  for (const std::string& bad :
       {std::string(), std::string("x|1:r|1:c|1:0|1:k"), good + "x",
        good.substr(0, good.size() - 1), std::string("s|01:r|1:c|1:0|1:k"),
        std::string("s|1:r|1:c|2:00|1:k"), std::string("s|1:r|1:c|2:+1|1:k"),
        std::string("s|1:r|1:c|1:0"), std::string("s|99999999999:r|1:c|1:0|1:k")}) {
    BOOST_CHECK_EXCEPTION(decode_slot_key(bad), SpoolError, is_unreadable);
  }
}

BOOST_AUTO_TEST_CASE(order_keys_are_28_bytes_and_round_trip) {
  const OrderKey key{-5, 0x0102030405060708ULL, 0xA0B0C0D0U, 0xFFFFFFFFFFFFFFFFULL};
  const std::string blob = encode_order_key(key);
  BOOST_TEST(blob.size() == 28u);
  BOOST_TEST((decode_order_key(blob) == key));
  BOOST_CHECK_EXCEPTION(decode_order_key(blob.substr(1)), SpoolError, is_unreadable);
  BOOST_CHECK_EXCEPTION(decode_order_key(""), SpoolError, is_unreadable);
}

BOOST_AUTO_TEST_CASE(order_key_bytes_sort_like_order_keys) {
  std::mt19937_64 random(20240611);
  const std::int64_t walls[] = {std::numeric_limits<std::int64_t>::min(), -1, 0, 1,
                                std::numeric_limits<std::int64_t>::max()};
  std::vector<OrderKey> keys;
  for (int i = 0; i < 2000; ++i) {
    OrderKey key;
    // Few distinct values per field so that ties reach the later fields.
    key.wall_ns =
        i % 3 == 0 ? walls[random() % 5] : static_cast<std::int64_t>(random()) >> (random() % 64);
    key.machine = random() % 4 == 0 ? random() : random() % 3;
    key.pid = static_cast<std::uint32_t>(random() % 2 == 0 ? random() : random() % 3);
    key.counter = random() % 2 == 0 ? random() : random() % 3;
    keys.push_back(key);
  }
  int mismatches = 0;
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    for (std::size_t j : {i + 1, (i * 7919) % keys.size()}) {
      const std::string a = encode_order_key(keys[i]);
      const std::string b = encode_order_key(keys[j]);
      const int bytes = std::memcmp(a.data(), b.data(), 28);
      const int order = keys[i] < keys[j] ? -1 : (keys[j] < keys[i] ? 1 : 0);
      if ((bytes < 0 ? -1 : (bytes > 0 ? 1 : 0)) != order) ++mismatches;
    }
  }
  BOOST_TEST(mismatches == 0);
  std::vector<std::string> blobs;
  for (const OrderKey& key : keys) blobs.push_back(encode_order_key(key));
  std::sort(keys.begin(), keys.end());
  std::sort(blobs.begin(), blobs.end());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    BOOST_TEST((decode_order_key(blobs[i]) == keys[i]));
  }
}

BOOST_AUTO_TEST_CASE(unreadable_content_names_the_field_not_the_value) {
  try {
    decode_content(SlotKind::status, R"({"s":1,"n":"secret-name","u":7,"d":"","r":""})");
    BOOST_FAIL("a number read as a URL");
  } catch (const SpoolError& e) {
    BOOST_TEST(is_unreadable(e));
    BOOST_TEST(std::string(e.what()).find("'u'") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("secret-name") == std::string::npos);
  }
  BOOST_CHECK_EXCEPTION(decode_content(SlotKind::comment, "not json"), SpoolError, is_unreadable);
  BOOST_CHECK_EXCEPTION(decode_content(SlotKind::comment, "[1]"), SpoolError, is_unreadable);
  BOOST_CHECK_EXCEPTION(decode_content(SlotKind::status, R"({"s":9,"n":"","u":"","d":"","r":""})"),
                        SpoolError, is_unreadable);
  const std::string report = encode_content(full_report());
  BOOST_CHECK_EXCEPTION(decode_content(SlotKind::report, report.substr(0, report.size() / 2)),
                        SpoolError, is_unreadable);
  BOOST_CHECK_EXCEPTION(decode_content(SlotKind::status, report), SpoolError, is_unreadable);
  BOOST_CHECK_EXCEPTION(decode_remote(R"({"id":"1","amb":1,"rk":false,"rd":"","a":{}})"),
                        SpoolError, is_unreadable);
  BOOST_CHECK_EXCEPTION(decode_remote(R"({"id":"1","amb":true,"rk":false,"rd":"","a":{"x":2}})"),
                        SpoolError, is_unreadable);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
