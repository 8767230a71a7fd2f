#include "cibatch.h"

extern "C" {

CIB_API uint32_t cib_version(void) {
  return CIB_VERSION_NUM;
}

CIB_API const char* cib_version_str(void) {
  return CIB_VERSION_STR;
}

}  // extern "C"
