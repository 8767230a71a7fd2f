// Every message reads "<function>: <key or field>: <what>", the function named once, whatever
// layer refused the call; and a post's tag 0 means "no tag" (cibatch.h, "Tags").
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// quiet_config() with a token file that does not exist: set is fine, opening is not.
cibatch::Config config_with_absent_token_file() {
  cibatch::Config config = quiet_config();
  Errstr e;
  BOOST_REQUIRE_MESSAGE(
      cib_config_set(config.get(), "host.auth.token", "", e.data(), e.size()) == CIB_OK, e.str());
  BOOST_REQUIRE_MESSAGE(cib_config_set(config.get(), "host.auth.token_file",
                                       "capi-no-such-token-file", e.data(), e.size()) == CIB_OK,
                        e.str());
  return config;
}

BOOST_AUTO_TEST_SUITE(message_shape)

BOOST_AUTO_TEST_CASE(config_set_names_the_function_once_then_the_key) {
  const cibatch::Config config = quiet_config();
  Errstr e;
  BOOST_TEST(cib_config_set(config.get(), "batching.linger_ms", "lots", e.data(), e.size()) ==
             CIB_ERR_CONFIG_INVALID_VALUE);
  BOOST_TEST(e.str() ==
             "cib_config_set: batching.linger_ms: expected a non-negative integer, got \"lots\"");
}

BOOST_AUTO_TEST_CASE(a_value_set_by_cib_config_set_is_not_named_as_an_origin_later) {
  const cibatch::Config config = config_with_absent_token_file();
  Errstr e1, e2;
  BOOST_TEST(cib_config_validate(config.get(), e1.data(), e1.size()) != CIB_OK);
  BOOST_TEST(starts_with(e1.str(), "cib_config_validate: host.auth.token_file: cannot read "),
             e1.str());
  cib_client* client = nullptr;
  BOOST_TEST(cib_client_new(&client, config.get(), e2.data(), e2.size()) != CIB_OK);
  BOOST_TEST(client == nullptr);
  BOOST_TEST(starts_with(e2.str(), "cib_client_new: host.auth.token_file: cannot read "), e2.str());
  BOOST_TEST(e2.str().find("cib_config_set") == std::string::npos, e2.str());
}

BOOST_AUTO_TEST_CASE(load_yaml_text_names_the_position_then_the_key) {
  const cibatch::Config config = quiet_config();
  Errstr e;
  BOOST_TEST(cib_config_load_yaml(config.get(), "cibatch:\n  batching:\n    linger_ms: lots\n",
                                  e.data(), e.size()) == CIB_ERR_CONFIG_INVALID_VALUE);
  BOOST_TEST(e.str() ==
             "cib_config_load_yaml: <yaml>:3:5: batching.linger_ms: expected a "
             "non-negative integer, got \"lots\"");
}

BOOST_AUTO_TEST_CASE(client_calls_name_the_client_as_the_field) {
  Errstr e1, e2, e3;
  BOOST_TEST(cib_client_flush(nullptr, 0, 0, nullptr, e1.data(), e1.size()) ==
             CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(e1.str() == "cib_client_flush: client: is NULL");
  const cibatch::Client client = quiet_client();
  BOOST_TEST_REQUIRE(cib_client_close(client.get(), nullptr, nullptr, e2.data(), e2.size()) ==
                     CIB_OK);
  const cib_build_status status = valid_status();
  BOOST_TEST(cib_client_post_status(client.get(), &status, 1, 0, e3.data(), e3.size()) ==
             CIB_ERR_CLOSED);
  BOOST_TEST(e3.str() == "cib_client_post_status: client: the client is shutting down");
}

BOOST_AUTO_TEST_CASE(a_null_handle_reads_is_null_in_every_function) {
  Errstr e1, e2;
  BOOST_TEST(cib_budget_json(nullptr, nullptr, 0, nullptr, e1.data(), e1.size()) ==
             CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(e1.str() == "cib_budget_json: conf: is NULL");
  BOOST_TEST(cib_config_validate(nullptr, e2.data(), e2.size()) == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(e2.str() == "cib_config_validate: conf: is NULL");
}

BOOST_AUTO_TEST_CASE(post_fields_are_named_by_their_path_in_the_payload) {
  const cibatch::Client client = quiet_client();
  cib_build_status status = valid_status();
  status.repo = nullptr;
  Errstr e;
  BOOST_TEST(cib_client_post_status(client.get(), &status, 1, 0, e.data(), e.size()) ==
             CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(e.str() == "cib_client_post_status: status->repo: is required, got NULL");
}

// A post with tag 0 has no tag: flush(0) waits for it, a flush of any other tag does not.
BOOST_AUTO_TEST_CASE(a_post_with_tag_0_is_waited_for_only_by_a_flush_of_every_tag) {
  const cibatch::Client client = quiet_client();
  const cib_build_status status = valid_status();
  Errstr e1, e2, e3;
  BOOST_TEST_REQUIRE(
      cib_client_post_status(client.get(), &status, 0, 0, e1.data(), e1.size()) == CIB_OK,
      e1.str());
  size_t left = 99;
  BOOST_TEST(cib_client_flush(client.get(), 7, 0, &left, e2.data(), e2.size()) == CIB_OK, e2.str());
  BOOST_TEST(left == 0u);
  // Nothing listens at the host's port: the update stays unsettled.
  BOOST_TEST(cib_client_flush(client.get(), 0, 0, &left, e3.data(), e3.size()) ==
             CIB_ERR_UNDELIVERED);
  BOOST_TEST(left == 1u);
  BOOST_TEST(starts_with(e3.str(), "cib_client_flush: tag 0: 1 slot(s) left undelivered"),
             e3.str());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
