// cib_client_post_status refuses every malformed field, names it, and accepts the boundaries.
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kPost = "cib_client_post_status";

struct StatusFixture {
  cibatch::Client client = quiet_client();
  cib_build_status status = valid_status();

  cib_status post(Errstr& e, uint32_t flags = 0) {
    return cib_client_post_status(client.get(), &status, 7, flags, e.data(), e.size());
  }
};

BOOST_FIXTURE_TEST_SUITE(post_status, StatusFixture)

BOOST_AUTO_TEST_CASE(the_valid_status_is_accepted) {
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(unknown_struct_versions_are_unsupported) {
  for (uint32_t version : {0u, 999u}) {
    BOOST_TEST_CONTEXT("version " << version) {
      status.version = version;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_UNSUPPORTED_VERSION, e, kPost, "version");
    }
  }
}

BOOST_AUTO_TEST_CASE(repo_must_be_owner_slash_name) {
  for (const char* repo : {static_cast<const char*>(nullptr), "", "acme", "/web", "acme/", "/",
                           "/acme/web", "acme/web/"}) {
    BOOST_TEST_CONTEXT("repo " << (repo != nullptr ? repo : "NULL")) {
      status.repo = repo;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "repo");
    }
  }
}

// GitLab namespaces hold more slashes; every part is still non-empty.
BOOST_AUTO_TEST_CASE(repo_may_hold_more_slashes) {
  status.repo = "group/subgroup/project";
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(commit_and_key_are_required) {
  for (const char* empty : {static_cast<const char*>(nullptr), ""}) {
    Errstr e1, e2;
    status = valid_status();
    status.commit = empty;
    CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "commit");
    status = valid_status();
    status.key = empty;
    CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "key");
  }
}

BOOST_AUTO_TEST_CASE(identifiers_longer_than_1024_bytes_are_refused_without_echo) {
  const std::string longest = repeated(kMaxIdBytes, 'k');
  const std::string too_long = repeated(kMaxIdBytes + 1, 'k');
  const std::string repo_too_long = "acme/" + repeated(kMaxIdBytes - 4, 'r');
  Errstr ok, e1, e2, e3;
  status.key = longest.c_str();
  check_accepted(post(ok), ok);
  status.key = too_long.c_str();
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "key");
  BOOST_TEST(e1.str().find(repeated(64, 'k')) == std::string::npos);
  status = valid_status();
  status.commit = too_long.c_str();
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "commit");
  status = valid_status();
  status.repo = repo_too_long.c_str();
  CIB_CHECK_REFUSED(post(e3), CIB_ERR_INVALID_ARGUMENT, e3, kPost, "repo");
}

BOOST_AUTO_TEST_CASE(text_longer_than_1_mib_is_refused_without_echo) {
  const std::string longest = repeated(kMaxTextBytes, 'd');
  const std::string too_long = repeated(kMaxTextBytes + 1, 'd');
  Errstr ok, e;
  status.description = longest.c_str();
  check_accepted(post(ok), ok);
  status.description = too_long.c_str();
  CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "description");
  BOOST_TEST(e.str().find(repeated(64, 'd')) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_in_every_string) {
  const std::string bad_repo = std::string("acme/") + kInvalidUtf8;
  const char* cib_build_status::*fields[] = {
      &cib_build_status::commit, &cib_build_status::key,         &cib_build_status::name,
      &cib_build_status::url,    &cib_build_status::description, &cib_build_status::ref};
  const char* names[] = {"commit", "key", "name", "url", "description", "ref"};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    BOOST_TEST_CONTEXT("field " << names[i]) {
      status = valid_status();
      status.*fields[i] = kInvalidUtf8;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, names[i]);
      BOOST_TEST(e.str().find(kInvalidUtf8) == std::string::npos);
    }
  }
  status = valid_status();
  status.repo = bad_repo.c_str();
  Errstr e;
  CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "repo");
}

// Overlong forms, UTF-16 surrogates and cut sequences are invalid UTF-8 too.
BOOST_AUTO_TEST_CASE(subtly_invalid_utf8_is_refused) {
  for (const char* bad : {"\xc0\xaf", "\xed\xa0\x80", "caf\xc3", "\xe2\x82", "\xf4\x90\x80\x80"}) {
    status.description = bad;
    Errstr e;
    CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "description");
  }
}

// A Java String holding U+0000 comes out of GetStringUTFChars as modified UTF-8, 0xC0 0x80 (an
// overlong NUL), and characters beyond U+FFFF as CESU-8 surrogate pairs: both are refused, so
// a NUL can never slip into a string by way of its overlong form.
BOOST_AUTO_TEST_CASE(modified_utf8_from_jni_is_refused) {
  for (const char* bad : {"a\xc0\x80"
                          "b",
                          "\xc0\x80", "\xed\xa0\xbd\xed\xb8\x80"}) {
    BOOST_TEST_CONTEXT("bytes " << std::strlen(bad)) {
      status = valid_status();
      status.key = bad;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "key");
    }
  }
}

BOOST_AUTO_TEST_CASE(multibyte_utf8_and_empty_optional_fields_are_accepted) {
  status.description = "Build \xc3\xbc\xe2\x9c\x93 \xf0\x9f\x9a\x80";  // ü✓🚀
  status.name = "";
  status.url = nullptr;
  status.ref = "";
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(state_out_of_range_is_refused) {
  for (int32_t state : {-1, 4, 42, INT32_MIN}) {
    BOOST_TEST_CONTEXT("state " << state) {
      status.state = state;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "state");
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_flags_are_refused) {
  for (uint32_t flags : {0x2u, 0x80000000u, CIB_POST_FORCE | 0x4u}) {
    BOOST_TEST_CONTEXT("flags " << flags) {
      Errstr e;
      CIB_CHECK_REFUSED(post(e, flags), CIB_ERR_INVALID_ARGUMENT, e, kPost, "flags");
    }
  }
  Errstr forced;
  check_accepted(post(forced, CIB_POST_FORCE), forced);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
