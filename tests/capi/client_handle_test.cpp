// cib_client_* fed NULL handles, NULL out-parameters and NULL payloads, and the out-parameters
// that may be NULL.
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

void on_delivery(void*, const cib_delivery*) {}
void on_log(void*, int32_t, const char*) {}

BOOST_AUTO_TEST_SUITE(client_handle)

BOOST_AUTO_TEST_CASE(new_refuses_null_out_and_null_config) {
  const cibatch::Config config = quiet_config();
  cib_client* client = nullptr;
  Errstr e1, e2;
  CIB_CHECK_REFUSED(cib_client_new(nullptr, config.get(), e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, "cib_client_new", "out");
  CIB_CHECK_REFUSED(cib_client_new(&client, nullptr, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, "cib_client_new", "conf");
  BOOST_TEST(client == nullptr);
}

BOOST_AUTO_TEST_CASE(new_refuses_an_incomplete_config) {
  cib_config* raw = nullptr;
  Errstr e;
  BOOST_TEST_REQUIRE(cib_config_new(&raw, e.data(), e.size()) == CIB_OK);
  const cibatch::Config config(raw);
  cib_client* client = nullptr;
  BOOST_TEST(cib_client_new(&client, config.get(), e.data(), e.size()) == CIB_ERR_CONFIG_MISSING);
  BOOST_TEST(client == nullptr);
  cib_client_destroy(client);
}

BOOST_AUTO_TEST_CASE(destroy_accepts_null) {
  cib_client_destroy(nullptr);
}

BOOST_AUTO_TEST_CASE(posts_refuse_a_null_client) {
  const cib_build_status status = valid_status();
  const cib_comment comment = valid_comment();
  const ValidReport report;
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(cib_client_post_status(nullptr, &status, 1, 0, e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, "cib_client_post_status", "client");
  CIB_CHECK_REFUSED(cib_client_post_comment(nullptr, &comment, 1, 0, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, "cib_client_post_comment", "client");
  CIB_CHECK_REFUSED(cib_client_post_report(nullptr, &report.report, 1, 0, e3.data(), e3.size()),
                    CIB_ERR_INVALID_ARGUMENT, e3, "cib_client_post_report", "client");
}

BOOST_AUTO_TEST_CASE(posts_refuse_a_null_payload) {
  const cibatch::Client client = quiet_client();
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(cib_client_post_status(client.get(), nullptr, 1, 0, e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, "cib_client_post_status", "status");
  CIB_CHECK_REFUSED(cib_client_post_comment(client.get(), nullptr, 1, 0, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, "cib_client_post_comment", "comment");
  CIB_CHECK_REFUSED(cib_client_post_report(client.get(), nullptr, 1, 0, e3.data(), e3.size()),
                    CIB_ERR_INVALID_ARGUMENT, e3, "cib_client_post_report", "report");
}

BOOST_AUTO_TEST_CASE(flush_poll_and_stats_refuse_a_null_client) {
  size_t count = 0;
  char buf[512];
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(cib_client_flush(nullptr, 0, 0, &count, e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, "cib_client_flush", "client");
  CIB_CHECK_REFUSED(cib_client_poll(nullptr, 0, &count, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, "cib_client_poll", "client");
  CIB_CHECK_REFUSED(cib_client_stats_json(nullptr, buf, sizeof buf, &count, e3.data(), e3.size()),
                    CIB_ERR_INVALID_ARGUMENT, e3, "cib_client_stats_json", "client");
  Errstr e4;
  size_t gating = 0;
  CIB_CHECK_REFUSED(cib_client_close(nullptr, &count, &gating, e4.data(), e4.size()),
                    CIB_ERR_INVALID_ARGUMENT, e4, "cib_client_close", "client");
}

BOOST_AUTO_TEST_CASE(spool_check_refuses_unknown_flags_and_reports_an_absent_file_healthy) {
  char buf[1024];
  size_t needed = 0;
  Errstr e1, e2;
  CIB_CHECK_REFUSED(cib_spool_check("/nonexistent/spool.db", 0x10u, buf, sizeof buf, &needed,
                                    e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, "cib_spool_check", "flags");
  BOOST_TEST(cib_spool_check("/nonexistent/spool.db", 0, buf, sizeof buf, &needed, e2.data(),
                             e2.size()) == CIB_OK);
  BOOST_TEST(std::string(buf).find("\"exists\":false") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(callback_setters_refuse_a_null_client) {
  Errstr e1, e2;
  CIB_CHECK_REFUSED(cib_client_set_delivery_cb(nullptr, on_delivery, nullptr, e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, "cib_client_set_delivery_cb", "client");
  CIB_CHECK_REFUSED(
      cib_client_set_log_cb(nullptr, on_log, nullptr, CIB_LOG_INFO, e2.data(), e2.size()),
      CIB_ERR_INVALID_ARGUMENT, e2, "cib_client_set_log_cb", "client");
}

BOOST_AUTO_TEST_CASE(set_log_cb_refuses_a_level_out_of_range) {
  const cibatch::Client client = quiet_client();
  for (int32_t level : {-1, 4, 42}) {
    BOOST_TEST_CONTEXT("max_level " << level) {
      Errstr e;
      CIB_CHECK_REFUSED(
          cib_client_set_log_cb(client.get(), on_log, nullptr, level, e.data(), e.size()),
          CIB_ERR_INVALID_ARGUMENT, e, "cib_client_set_log_cb", "max_level");
    }
  }
}

BOOST_AUTO_TEST_CASE(callbacks_can_be_set_and_cleared) {
  const cibatch::Client client = quiet_client();
  Errstr e;
  check_accepted(cib_client_set_delivery_cb(client.get(), on_delivery, nullptr, e.data(), e.size()),
                 e);
  check_accepted(cib_client_set_delivery_cb(client.get(), nullptr, nullptr, e.data(), e.size()), e);
  check_accepted(
      cib_client_set_log_cb(client.get(), on_log, nullptr, CIB_LOG_DEBUG, e.data(), e.size()), e);
  check_accepted(
      cib_client_set_log_cb(client.get(), nullptr, nullptr, CIB_LOG_ERROR, e.data(), e.size()), e);
}

BOOST_AUTO_TEST_CASE(optional_out_parameters_may_be_null) {
  const cibatch::Client client = quiet_client();
  Errstr e;
  check_accepted(cib_client_poll(client.get(), 0, nullptr, e.data(), e.size()), e);
  // No update waits, so a flush has nothing to send and settles at once.
  check_accepted(cib_client_flush(client.get(), 0, 0, nullptr, e.data(), e.size()), e);
  char buf[4096];
  check_accepted(cib_client_stats_json(client.get(), buf, sizeof buf, nullptr, e.data(), e.size()),
                 e);
}

BOOST_AUTO_TEST_CASE(stats_json_refuses_a_null_buffer_with_a_size) {
  const cibatch::Client client = quiet_client();
  size_t needed = 0;
  Errstr e;
  CIB_CHECK_REFUSED(cib_client_stats_json(client.get(), nullptr, 64, &needed, e.data(), e.size()),
                    CIB_ERR_INVALID_ARGUMENT, e, "cib_client_stats_json", "buf");
}

BOOST_AUTO_TEST_CASE(stats_json_reports_the_size_a_small_buffer_lacks) {
  const cibatch::Client client = quiet_client();
  char small[8];
  size_t needed = 0;
  Errstr e;
  BOOST_TEST(cib_client_stats_json(client.get(), small, sizeof small, &needed, e.data(),
                                   e.size()) == CIB_ERR_BUFFER_TOO_SMALL);
  BOOST_TEST(needed > sizeof small);
  std::string json(needed, '\0');
  size_t needed_again = 0;
  check_accepted(cib_client_stats_json(client.get(), json.data(), json.size(), &needed_again,
                                       e.data(), e.size()),
                 e);
  BOOST_TEST(needed_again == needed);
  BOOST_TEST(std::string(json.c_str()).size() + 1 == needed);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
