// Accessors of a delivery report, valid during the callback that receives it.
#include "api/handles.h"

namespace {

const cib::DeliveryReport* report_of(const cib_delivery* d) {
  return d != nullptr ? d->report : nullptr;
}

}  // namespace

extern "C" {

CIB_API uint64_t cib_delivery_tag(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->tag : 0;
}

CIB_API int32_t cib_delivery_kind(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? static_cast<int32_t>(r->slot.kind) : -1;
}

CIB_API const char* cib_delivery_repo(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->slot.repo.c_str() : "";
}

CIB_API const char* cib_delivery_commit(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->slot.commit.c_str() : "";
}

CIB_API int64_t cib_delivery_pr(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->slot.pr : 0;
}

CIB_API const char* cib_delivery_key(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->slot.key.c_str() : "";
}

CIB_API int32_t cib_delivery_outcome(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? static_cast<int32_t>(r->outcome) : -1;
}

CIB_API int32_t cib_delivery_http_status(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->http_status : 0;
}

CIB_API const char* cib_delivery_message(const cib_delivery* d) {
  const auto* r = report_of(d);
  return r != nullptr ? r->message.c_str() : "";
}

}  // extern "C"
