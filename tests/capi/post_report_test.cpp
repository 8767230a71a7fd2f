// cib_client_post_report refuses every malformed field, datum and annotation, and names it.
#include <cstdint>
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kPost = "cib_client_post_report";

struct ReportFixture {
  cibatch::Client client = quiet_client();
  ValidReport valid;

  cib_status post(Errstr& e, uint32_t flags = 0) {
    return cib_client_post_report(client.get(), &valid.report, 7, flags, e.data(), e.size());
  }
};

BOOST_FIXTURE_TEST_SUITE(post_report, ReportFixture)

BOOST_AUTO_TEST_CASE(the_valid_report_is_accepted) {
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(unknown_versions_are_unsupported_at_every_level) {
  for (uint32_t version : {0u, 999u}) {
    BOOST_TEST_CONTEXT("version " << version) {
      Errstr e1, e2, e3;
      valid.report.version = version;
      CIB_CHECK_REFUSED(post(e1), CIB_ERR_UNSUPPORTED_VERSION, e1, kPost, "version");
      valid.report.version = CIB_REPORT_VERSION;
      valid.data[0].version = version;
      CIB_CHECK_REFUSED(post(e2), CIB_ERR_UNSUPPORTED_VERSION, e2, kPost, "version");
      valid.data[0].version = CIB_REPORT_DATA_VERSION;
      valid.annotations[1].version = version;
      CIB_CHECK_REFUSED(post(e3), CIB_ERR_UNSUPPORTED_VERSION, e3, kPost, "version");
      valid.annotations[1].version = CIB_ANNOTATION_VERSION;
    }
  }
}

BOOST_AUTO_TEST_CASE(repo_commit_id_and_title_are_required) {
  const char* cib_report::*fields[] = {&cib_report::repo, &cib_report::commit, &cib_report::id,
                                       &cib_report::title};
  const char* names[] = {"repo", "commit", "id", "title"};
  for (std::size_t i = 0; i < 4; ++i) {
    for (const char* empty : {static_cast<const char*>(nullptr), ""}) {
      BOOST_TEST_CONTEXT("field " << names[i] << (empty == nullptr ? " NULL" : " empty")) {
        const char* saved = valid.report.*fields[i];
        valid.report.*fields[i] = empty;
        Errstr e;
        CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, names[i]);
        valid.report.*fields[i] = saved;
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(result_out_of_range_is_refused) {
  for (int32_t result : {-1, 3, 42}) {
    BOOST_TEST_CONTEXT("result " << result) {
      valid.report.result = result;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "result");
    }
  }
}

BOOST_AUTO_TEST_CASE(more_than_ten_data_are_refused) {
  valid.report.data_count = kMaxReportData;
  Errstr ok, e;
  check_accepted(post(ok), ok);
  valid.report.data_count = kMaxReportData + 1;
  CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, "data_count");
}

BOOST_AUTO_TEST_CASE(data_must_point_somewhere_without_null_entries) {
  Errstr e1, e2;
  valid.report.data = nullptr;
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "data");
  valid.report.data = valid.data_ptrs;
  valid.report.data_count = 3;
  valid.data_ptrs[1] = nullptr;
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "data");
}

BOOST_AUTO_TEST_CASE(each_datum_needs_title_value_and_a_known_type) {
  Errstr e1, e2, e3, e4;
  valid.data[0].title = nullptr;
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "title");
  valid.data[0].title = "Coverage";
  valid.data[0].value = nullptr;
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "value");
  valid.data[0].value = "81.2";
  valid.data[0].type = -1;
  CIB_CHECK_REFUSED(post(e3), CIB_ERR_INVALID_ARGUMENT, e3, kPost, "type");
  valid.data[0].type = 7;
  CIB_CHECK_REFUSED(post(e4), CIB_ERR_INVALID_ARGUMENT, e4, kPost, "type");
}

BOOST_AUTO_TEST_CASE(annotations_must_point_somewhere_without_null_entries) {
  Errstr e1, e2;
  valid.report.annotations = nullptr;
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "annotations");
  valid.report.annotations = valid.annotation_ptrs;
  valid.annotation_ptrs[1] = nullptr;
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "annotations");
}

BOOST_AUTO_TEST_CASE(null_arrays_with_zero_counts_are_accepted) {
  valid.report.data = nullptr;
  valid.report.data_count = 0;
  valid.report.annotations = nullptr;
  valid.report.annotation_count = 0;
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(each_annotation_needs_id_summary_and_known_enums) {
  Errstr e1, e2, e3, e4;
  valid.annotations[1].id = "";
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "id");
  valid.annotations[1].id = "AX-2";
  valid.annotations[1].summary = nullptr;
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "summary");
  valid.annotations[1].summary = "Remove it";
  valid.annotations[1].severity = -1;
  CIB_CHECK_REFUSED(post(e3), CIB_ERR_INVALID_ARGUMENT, e3, kPost, "severity");
  valid.annotations[1].severity = CIB_SEVERITY_LOW;
  valid.annotations[1].type = 42;
  CIB_CHECK_REFUSED(post(e4), CIB_ERR_INVALID_ARGUMENT, e4, kPost, "type");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_over_long_strings_in_annotations_are_refused) {
  const std::string long_details = repeated(kMaxTextBytes + 1, 'x');
  const std::string long_id = repeated(kMaxIdBytes + 1, 'i');
  Errstr e1, e2, e3;
  valid.annotations[0].path = kInvalidUtf8;
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "path");
  valid.annotations[0].path = "src/main.c";
  valid.annotations[0].details = long_details.c_str();
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "details");
  valid.annotations[0].details = nullptr;
  valid.annotations[0].id = long_id.c_str();
  CIB_CHECK_REFUSED(post(e3), CIB_ERR_INVALID_ARGUMENT, e3, kPost, "id");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_report_text_is_refused) {
  Errstr e1, e2;
  valid.report.details = kInvalidUtf8;
  CIB_CHECK_REFUSED(post(e1), CIB_ERR_INVALID_ARGUMENT, e1, kPost, "details");
  valid.report.details = nullptr;
  valid.report.reporter = kInvalidUtf8;
  CIB_CHECK_REFUSED(post(e2), CIB_ERR_INVALID_ARGUMENT, e2, kPost, "reporter");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
