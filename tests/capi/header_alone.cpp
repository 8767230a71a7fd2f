// Built as C++17 with -Wall -Wextra -pedantic -Werror (tests/capi/CMakeLists.txt): the public
// header must compile on its own in C++ too, where its _INIT macros are aggregate initialisers
// (C++17 has no designated initialisers). Nothing here runs.
#include <type_traits>  // after cibatch.h, so it cannot supply what the header lacks

#include "cibatch.h"

namespace cib::capi {
namespace {

// FFIs map the enums passed by value to a 32-bit int, and read the payloads as C structs.
static_assert(sizeof(cib_status) == 4, "cib_status must stay 32 bits");
static_assert(std::is_standard_layout_v<cib_build_status> && std::is_trivial_v<cib_build_status>);
static_assert(std::is_standard_layout_v<cib_report> && std::is_trivial_v<cib_report>);
static_assert(std::is_same_v<decltype(&cib_client_destroy), void (*)(cib_client*)>,
              "the header's functions have C language linkage and plain C types");
static_assert(CIB_VERSION_NUM ==
              CIB_VERSION_MAJOR * 10000 + CIB_VERSION_MINOR * 100 + CIB_VERSION_PATCH);

void on_delivery(void*, const cib_delivery*) {}
void on_log(void*, int32_t, const char*) {}

}  // namespace

// Referenced so that every _INIT macro and callback type is instantiated.
uint32_t header_alone_cpp() {
  const cib_build_status status = CIB_BUILD_STATUS_INIT;
  const cib_comment comment = CIB_COMMENT_INIT;
  const cib_annotation annotation = CIB_ANNOTATION_INIT;
  const cib_report_data data = CIB_REPORT_DATA_INIT;
  const cib_report report = CIB_REPORT_INIT;
  const cib_delivery_cb delivery_cb = on_delivery;
  const cib_log_cb log_cb = on_log;
  delivery_cb(nullptr, nullptr);
  log_cb(nullptr, CIB_LOG_INFO, "");
  return status.version + comment.version + annotation.version + data.version + report.version;
}

}  // namespace cib::capi
