/* Built as strict C99 with warnings as errors (tests/capi/CMakeLists.txt): the public header must
 * compile on its own, and its _INIT macros must be constant initialisers a C caller can use in a
 * static table. Nothing here runs. */
#include "cibatch.h"

/* The enum types are passed by value across the boundary; FFIs map them to a 32-bit int. C99 has
 * no _Static_assert, hence the negative array size. */
typedef char capi_status_is_32_bits[sizeof(cib_status) == 4 ? 1 : -1];
typedef char capi_state_is_32_bits[sizeof(cib_state) == 4 ? 1 : -1];

const cib_build_status capi_header_alone_status = CIB_BUILD_STATUS_INIT;
const cib_comment capi_header_alone_comment = CIB_COMMENT_INIT;
const cib_annotation capi_header_alone_annotation = CIB_ANNOTATION_INIT;
const cib_report_data capi_header_alone_report_data = CIB_REPORT_DATA_INIT;
const cib_report capi_header_alone_report = CIB_REPORT_INIT;

/* The callback typedefs must accept plain C functions. */
static void capi_on_delivery(void* opaque, const cib_delivery* delivery) {
  (void)opaque;
  (void)delivery;
}
static void capi_on_log(void* opaque, int32_t level, const char* message) {
  (void)opaque;
  (void)level;
  (void)message;
}
const cib_delivery_cb capi_header_alone_delivery_cb = capi_on_delivery;
const cib_log_cb capi_header_alone_log_cb = capi_on_log;

const uint32_t capi_header_alone_version = CIB_VERSION_NUM;
const char capi_header_alone_version_str[] = CIB_VERSION_STR;
