#include "api/client_call.h"

#include "api/payload_check.h"

namespace cib::api {

ClientCall::ClientCall(cib_client* handle) : handle_(handle) {
  require_pointer("client", handle);
  handle->client->check_process();
  handle->calls.enter();
}

ClientCall::~ClientCall() {
  bool last = false;
  try {
    last = handle_->calls.leave();
  } catch (...) {
    return;  // a lock that failed: keep the handle (a leak) rather than free it under a call
  }
  if (last) delete handle_;
}

}  // namespace cib::api
