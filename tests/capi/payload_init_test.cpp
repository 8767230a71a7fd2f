// The function twins of the _INIT macros refuse a NULL struct and versions they do not know.
#include <cstring>

#include "capi_support.h"

namespace cib::capi {
namespace {

// Each _init function as one callable over its struct, so one test covers all five.
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

BOOST_AUTO_TEST_CASE(init_with_the_current_version_equals_the_init_macro) {
  Errstr errstr;
  cib_report report;
  std::memset(&report, 0x5a, sizeof report);
  BOOST_TEST_REQUIRE(cib_report_init(&report, CIB_REPORT_VERSION, errstr.data(), errstr.size()) ==
                     CIB_OK);
  const cib_report expected = CIB_REPORT_INIT;
  BOOST_TEST(report.result == expected.result);
  BOOST_TEST(report.repo == nullptr);
  BOOST_TEST(report.data == nullptr);
  BOOST_TEST(report.data_count == 0u);
  BOOST_TEST(report.annotations == nullptr);
  BOOST_TEST(report.annotation_count == 0u);

  cib_annotation annotation;
  std::memset(&annotation, 0x5a, sizeof annotation);
  BOOST_TEST_REQUIRE(cib_annotation_init(&annotation, CIB_ANNOTATION_VERSION, errstr.data(),
                                         errstr.size()) == CIB_OK);
  const cib_annotation expected_annotation = CIB_ANNOTATION_INIT;
  BOOST_TEST(annotation.severity == expected_annotation.severity);
  BOOST_TEST(annotation.type == expected_annotation.type);
  BOOST_TEST(annotation.line == 0);
  BOOST_TEST(annotation.id == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
