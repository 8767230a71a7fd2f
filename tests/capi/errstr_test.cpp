// The errstr convention of every fallible function, and the pure getters on values they were not
// written for.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kPostStatus = "cib_client_post_status";

// The message cib_client_post_status leaves for a NULL client, written into `size` bytes of a
// buffer whose bytes beyond `size` must stay untouched.
struct SmallErrstr {
  explicit SmallErrstr(std::size_t size) : size(size) {
    std::memset(bytes, '#', sizeof bytes);
    const cib_build_status status = valid_status();
    result = cib_client_post_status(nullptr, &status, 0, 0, bytes, size);
  }
  bool untouched_beyond_size() const {
    for (std::size_t i = size; i < sizeof bytes; ++i) {
      if (bytes[i] != '#') return false;
    }
    return true;
  }
  std::size_t size;
  char bytes[64];
  cib_status result;
};

std::string full_message() {
  Errstr errstr;
  const cib_build_status status = valid_status();
  cib_client_post_status(nullptr, &status, 0, 0, errstr.data(), errstr.size());
  return errstr.str();
}

BOOST_AUTO_TEST_SUITE(errstr)

BOOST_AUTO_TEST_CASE(null_errstr_with_size_zero_still_returns_the_status) {
  const cib_build_status status = valid_status();
  BOOST_TEST(cib_client_post_status(nullptr, &status, 0, 0, nullptr, 0) ==
             CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(cib_config_set(nullptr, "a", "b", nullptr, 0) == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(cib_build_status_init(nullptr, CIB_BUILD_STATUS_VERSION, nullptr, 0) ==
             CIB_ERR_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_CASE(null_errstr_with_a_size_is_not_written) {
  const cib_build_status status = valid_status();
  BOOST_TEST(cib_client_post_status(nullptr, &status, 0, 0, nullptr, 64) ==
             CIB_ERR_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_CASE(size_zero_leaves_the_buffer_untouched) {
  const SmallErrstr small(0);
  BOOST_TEST(small.result == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(small.untouched_beyond_size());
}

BOOST_AUTO_TEST_CASE(size_one_holds_only_the_terminating_nul) {
  const SmallErrstr small(1);
  BOOST_TEST(small.result == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(small.bytes[0] == '\0');
  BOOST_TEST(small.untouched_beyond_size());
}

BOOST_AUTO_TEST_CASE(size_five_holds_the_first_four_bytes_of_the_message) {
  const std::string full = full_message();
  BOOST_TEST_REQUIRE(full.size() > 4u, "message: " << full);
  const SmallErrstr small(5);
  BOOST_TEST(small.result == CIB_ERR_INVALID_ARGUMENT);
  BOOST_TEST(small.bytes[4] == '\0');
  BOOST_TEST(std::string(small.bytes) == full.substr(0, 4));
  BOOST_TEST(small.untouched_beyond_size());
}

BOOST_AUTO_TEST_CASE(the_message_names_the_function_and_the_field) {
  Errstr errstr;
  const cib_build_status status = valid_status();
  CIB_CHECK_REFUSED(cib_client_post_status(nullptr, &status, 0, 0, errstr.data(), errstr.size()),
                    CIB_ERR_INVALID_ARGUMENT, errstr, kPostStatus, "client");
}

// The message of an unknown key echoes the key; one of two-, three- and four-byte characters is
// cut at every size: never inside a character (JNI's NewStringUTF refuses that).
BOOST_AUTO_TEST_CASE(a_truncated_message_is_valid_utf8_at_every_size) {
  cib_config* raw = nullptr;
  Errstr e;
  BOOST_TEST_REQUIRE(cib_config_new(&raw, e.data(), e.size()) == CIB_OK);
  const cibatch::Config config(raw);
  const char* key =
      "\xc3\xbc\xe2\x9c\x93\xf0\x9f\x9a\x80.\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87";  // ü✓🚀.ключ
  BOOST_TEST_REQUIRE(cib_config_set(config.get(), key, "1", e.data(), e.size()) ==
                     CIB_ERR_CONFIG_UNKNOWN_KEY);
  const std::string full = e.str();
  BOOST_TEST_REQUIRE(full.find(key) != std::string::npos, "message: " << full);
  for (std::size_t size = 1; size <= full.size() + 1; ++size) {
    std::vector<char> buf(size + 8, '#');
    cib_config_set(config.get(), key, "1", buf.data(), size);
    BOOST_TEST_CONTEXT("errstr_size " << size) {
      const void* nul = std::memchr(buf.data(), '\0', size);
      BOOST_TEST_REQUIRE(nul != nullptr, "not NUL-terminated");
      const std::string got(buf.data());
      BOOST_TEST(is_valid_utf8(got), "cut inside a character: " << got.size() << " bytes");
      BOOST_TEST(full.compare(0, got.size(), got) == 0);
      BOOST_TEST(got.size() + 4 > std::min(size - 1, full.size()), "cut more than a character");
      BOOST_TEST(buf[size] == '#', "written beyond errstr_size");
    }
  }
}

BOOST_AUTO_TEST_CASE(success_empties_the_errstr) {
  Errstr errstr;
  cib_comment comment;
  check_accepted(cib_comment_init(&comment, CIB_COMMENT_VERSION, errstr.data(), errstr.size()),
                 errstr);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pure_getters)

// Values inside the enum's range (0..1023) that name no status: C callers may pass any of them.
BOOST_AUTO_TEST_CASE(unknown_status_values_have_a_name_and_a_description) {
  for (int value : {1, 42, 99, 108, 150, 299, 304, 406, 506, 598, 600, 999, 1023}) {
    const auto status = static_cast<cib_status>(value);
    BOOST_TEST_CONTEXT("status " << value) {
      BOOST_TEST(std::string(cib_status_name(status)) == "CIB_UNKNOWN");
      BOOST_TEST_REQUIRE(cib_status_str(status) != nullptr);
      BOOST_TEST(std::strlen(cib_status_str(status)) > 0u);
      BOOST_TEST(cib_status_is_retriable(status) == 0);
    }
  }
}

// The header promises nothing for a NULL delivery, but nothing may crash: strings stay readable.
BOOST_AUTO_TEST_CASE(delivery_accessors_survive_a_null_delivery) {
  BOOST_TEST(cib_delivery_repo(nullptr) != nullptr);
  BOOST_TEST(cib_delivery_commit(nullptr) != nullptr);
  BOOST_TEST(cib_delivery_key(nullptr) != nullptr);
  BOOST_TEST(cib_delivery_message(nullptr) != nullptr);
  BOOST_TEST(cib_delivery_tag(nullptr) == 0u);
  BOOST_TEST(cib_delivery_pr(nullptr) == 0);
  BOOST_TEST(cib_delivery_http_status(nullptr) == 0);
  (void)cib_delivery_kind(nullptr);
  (void)cib_delivery_outcome(nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
