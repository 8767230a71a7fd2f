// cib_client_post_comment refuses every malformed field and names it.
#include <cstdint>
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kPost = "cib_client_post_comment";

struct CommentFixture {
  cibatch::Client client = quiet_client();
  cib_comment comment = valid_comment();

  cib_status post(Errstr& e, uint32_t flags = 0) {
    return cib_client_post_comment(client.get(), &comment, 7, flags, e.data(), e.size());
  }
};

BOOST_FIXTURE_TEST_SUITE(post_comment, CommentFixture)

BOOST_AUTO_TEST_CASE(the_valid_comment_is_accepted) {
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(unknown_struct_versions_are_unsupported) {
  for (uint32_t version : {0u, 999u}) {
    BOOST_TEST_CONTEXT("version " << version) {
      comment.version = version;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_UNSUPPORTED_VERSION, e, kPost, "version");
    }
  }
}

BOOST_AUTO_TEST_CASE(pr_must_be_positive) {
  for (int64_t pr : {int64_t{0}, int64_t{-1}, INT64_MIN}) {
    BOOST_TEST_CONTEXT("pr " << pr) {
      comment.pr = pr;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "pr");
    }
  }
}

BOOST_AUTO_TEST_CASE(repo_key_and_body_are_required) {
  for (const char* empty : {static_cast<const char*>(nullptr), ""}) {
    Errstr e1, e2, e3;
    comment = valid_comment();
    comment.repo = empty;
    CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "repo");
    comment = valid_comment();
    comment.key = empty;
    CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "key");
    comment = valid_comment();
    comment.body = empty;
    CIB_CHECK_REFUSED(post(e3), CIB_ERR_INVALID_ARGUMENT, e3, kPost, "body");
  }
}

BOOST_AUTO_TEST_CASE(repo_must_be_owner_slash_name) {
  for (const char* repo : {"acme", "/web", "acme/"}) {
    BOOST_TEST_CONTEXT("repo " << repo) {
      comment.repo = repo;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "repo");
    }
  }
}

BOOST_AUTO_TEST_CASE(over_long_key_and_body_are_refused_without_echo) {
  const std::string key = repeated(kMaxIdBytes + 1, 'k');
  const std::string body = repeated(kMaxTextBytes + 1, 'b');
  Errstr e1, e2;
  comment.key = key.c_str();
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "key");
  comment = valid_comment();
  comment.body = body.c_str();
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "body");
  BOOST_TEST(e2.str().find(repeated(64, 'b')) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_body_of_exactly_1_mib_is_accepted) {
  const std::string body = repeated(kMaxTextBytes, 'b');
  comment.body = body.c_str();
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_and_not_echoed) {
  const std::string body = std::string("Coverage ") + kInvalidUtf8;
  Errstr e1, e2;
  comment.body = body.c_str();
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "body");
  comment = valid_comment();
  comment.key = kInvalidUtf8;
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "key");
}

BOOST_AUTO_TEST_CASE(unknown_flags_are_refused) {
  Errstr e;
  CIB_CHECK_REFUSED(post(e, 0x10u), CIB_ERR_INVALID_ARGUMENT, e, kPost, "flags");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
