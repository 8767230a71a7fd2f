// The function twins of the _INIT macros refuse a NULL struct and versions they do not know, and
// fill a struct exactly as their macro does.
#include <cstring>

#include "capi_support.h"

namespace cib::capi {
namespace {

// Each _init function as one callable over its struct, so one test covers all six.
template <typename Payload>
using InitFunction = cib_status (*)(Payload*, uint32_t, char*, size_t);

template <typename Payload>
void check_init_refuses_bad_input(InitFunction<Payload> init, uint32_t current,
                                  const char* function) {
  Errstr errstr;
  CIB_CHECK_REFUSED(init(nullptr, current, errstr.data(), errstr.size()), CIB_ERR_INVALID_ARGUMENT,
                    errstr, function, "p");
  for (uint32_t version : {0u, 999u}) {
    BOOST_TEST_CONTEXT("version " << version) {
      Payload payload;
      Errstr version_errstr;
      CIB_CHECK_REFUSED(init(&payload, version, version_errstr.data(), version_errstr.size()),
                        CIB_ERR_UNSUPPORTED_VERSION, version_errstr, function, "version");
    }
  }
  Payload payload;
  std::memset(&payload, 0x5a, sizeof payload);
  Errstr accepted;
  check_accepted(init(&payload, current, accepted.data(), accepted.size()), accepted);
  BOOST_TEST(payload.version == current);
}

BOOST_AUTO_TEST_SUITE(payload_init)

BOOST_AUTO_TEST_CASE(build_status_init_refuses_null_and_unknown_versions) {
  check_init_refuses_bad_input<cib_build_status>(cib_build_status_init, CIB_BUILD_STATUS_VERSION,
                                                 "cib_build_status_init");
}

BOOST_AUTO_TEST_CASE(comment_init_refuses_null_and_unknown_versions) {
  check_init_refuses_bad_input<cib_comment>(cib_comment_init, CIB_COMMENT_VERSION,
                                            "cib_comment_init");
}

BOOST_AUTO_TEST_CASE(annotation_init_refuses_null_and_unknown_versions) {
  check_init_refuses_bad_input<cib_annotation>(cib_annotation_init, CIB_ANNOTATION_VERSION,
                                               "cib_annotation_init");
}

BOOST_AUTO_TEST_CASE(report_data_init_refuses_null_and_unknown_versions) {
  check_init_refuses_bad_input<cib_report_data>(cib_report_data_init, CIB_REPORT_DATA_VERSION,
                                                "cib_report_data_init");
}

BOOST_AUTO_TEST_CASE(report_init_refuses_null_and_unknown_versions) {
  check_init_refuses_bad_input<cib_report>(cib_report_init, CIB_REPORT_VERSION, "cib_report_init");
}

BOOST_AUTO_TEST_CASE(sonar_init_refuses_null_and_unknown_versions) {
  check_init_refuses_bad_input<cib_sonar>(cib_sonar_init, CIB_SONAR_VERSION, "cib_sonar_init");
}

// As libgit2's structinit test: the function fills a struct it is given full of a pattern, and
// the result equals the macro's byte for byte. The macro's value has static storage, so its
// padding is zero, as the function leaves it.
template <typename Payload>
void check_init_equals_macro(InitFunction<Payload> init, uint32_t version,
                             const Payload& from_macro) {
  Payload from_function;
  std::memset(&from_function, 0x5a, sizeof from_function);
  Errstr errstr;
  BOOST_TEST_REQUIRE(init(&from_function, version, errstr.data(), errstr.size()) == CIB_OK,
                     errstr.str());
  BOOST_TEST(from_function.version == version);
  BOOST_TEST(from_macro.version == version);
  BOOST_TEST(std::memcmp(&from_function, &from_macro, sizeof from_function) == 0);
}

BOOST_AUTO_TEST_CASE(every_init_function_equals_its_macro) {
  static const cib_build_status status = CIB_BUILD_STATUS_INIT;
  static const cib_comment comment = CIB_COMMENT_INIT;
  static const cib_annotation annotation = CIB_ANNOTATION_INIT;
  static const cib_report_data data = CIB_REPORT_DATA_INIT;
  static const cib_report report = CIB_REPORT_INIT;
  static const cib_sonar sonar = CIB_SONAR_INIT;
  BOOST_TEST_CONTEXT("cib_build_status_init") {
    check_init_equals_macro(cib_build_status_init, CIB_BUILD_STATUS_VERSION, status);
  }
  BOOST_TEST_CONTEXT("cib_comment_init") {
    check_init_equals_macro(cib_comment_init, CIB_COMMENT_VERSION, comment);
  }
  BOOST_TEST_CONTEXT("cib_annotation_init") {
    check_init_equals_macro(cib_annotation_init, CIB_ANNOTATION_VERSION, annotation);
  }
  BOOST_TEST_CONTEXT("cib_report_data_init") {
    check_init_equals_macro(cib_report_data_init, CIB_REPORT_DATA_VERSION, data);
  }
  BOOST_TEST_CONTEXT("cib_report_init") {
    check_init_equals_macro(cib_report_init, CIB_REPORT_VERSION, report);
  }
  BOOST_TEST_CONTEXT("cib_sonar_init") {
    check_init_equals_macro(cib_sonar_init, CIB_SONAR_VERSION, sonar);
  }
}

// The versions are documented numbers a binding hard-codes (cibatch.h): 1 for every struct.
BOOST_AUTO_TEST_CASE(struct_versions_are_the_documented_numbers) {
  BOOST_TEST(CIB_BUILD_STATUS_VERSION == 1u);
  BOOST_TEST(CIB_COMMENT_VERSION == 1u);
  BOOST_TEST(CIB_ANNOTATION_VERSION == 1u);
  BOOST_TEST(CIB_REPORT_DATA_VERSION == 1u);
  BOOST_TEST(CIB_REPORT_VERSION == 1u);
  BOOST_TEST(CIB_SONAR_VERSION == 1u);
  BOOST_TEST(CIB_NUL_TERMINATED == static_cast<size_t>(-1));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
