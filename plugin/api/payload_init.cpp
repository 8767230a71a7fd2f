// The function twins of the _INIT macros, for FFIs that cannot expand macros.
#include <cstring>

#include "api/guard.h"
#include "cibatch.h"

namespace {

template <typename T>
cib_status init_payload(const char* function, T* p, uint32_t version, uint32_t known,
                        const T& defaults, char* errstr, size_t errstr_size) noexcept {
  return cib::api::guarded(function, errstr, errstr_size, [&] {
    if (p == nullptr) {
      throw cib::api::CallError(CIB_ERR_INVALID_ARGUMENT, "p: is NULL");
    }
    if (version == 0 || version > known) {
      throw cib::api::CallError(
          CIB_ERR_UNSUPPORTED_VERSION,
          "version: " + std::to_string(version) + " is not a version this library knows");
    }
    // A copy of static storage: its padding bytes are zero too.
    std::memcpy(static_cast<void*>(p), &defaults, sizeof *p);
    p->version = version;
    return CIB_OK;
  });
}

}  // namespace

extern "C" {

CIB_API cib_status cib_build_status_init(cib_build_status* p, uint32_t version, char* errstr,
                                         size_t errstr_size) {
  static const cib_build_status defaults = CIB_BUILD_STATUS_INIT;
  return init_payload("cib_build_status_init", p, version, CIB_BUILD_STATUS_VERSION, defaults,
                      errstr, errstr_size);
}

CIB_API cib_status cib_comment_init(cib_comment* p, uint32_t version, char* errstr,
                                    size_t errstr_size) {
  static const cib_comment defaults = CIB_COMMENT_INIT;
  return init_payload("cib_comment_init", p, version, CIB_COMMENT_VERSION, defaults, errstr,
                      errstr_size);
}

CIB_API cib_status cib_annotation_init(cib_annotation* p, uint32_t version, char* errstr,
                                       size_t errstr_size) {
  static const cib_annotation defaults = CIB_ANNOTATION_INIT;
  return init_payload("cib_annotation_init", p, version, CIB_ANNOTATION_VERSION, defaults, errstr,
                      errstr_size);
}

CIB_API cib_status cib_report_data_init(cib_report_data* p, uint32_t version, char* errstr,
                                        size_t errstr_size) {
  static const cib_report_data defaults = CIB_REPORT_DATA_INIT;
  return init_payload("cib_report_data_init", p, version, CIB_REPORT_DATA_VERSION, defaults, errstr,
                      errstr_size);
}

CIB_API cib_status cib_report_init(cib_report* p, uint32_t version, char* errstr,
                                   size_t errstr_size) {
  static const cib_report defaults = CIB_REPORT_INIT;
  return init_payload("cib_report_init", p, version, CIB_REPORT_VERSION, defaults, errstr,
                      errstr_size);
}

CIB_API cib_status cib_sonar_init(cib_sonar* p, uint32_t version, char* errstr,
                                  size_t errstr_size) {
  static const cib_sonar defaults = CIB_SONAR_INIT;
  return init_payload("cib_sonar_init", p, version, CIB_SONAR_VERSION, defaults, errstr,
                      errstr_size);
}

}  // extern "C"
