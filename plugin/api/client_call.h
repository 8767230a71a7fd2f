// One ABI call on a client handle: refuses a NULL handle, a child after fork() and a handle
// being destroyed, and keeps the handle alive until the call returns.
#pragma once

#include "api/handles.h"

namespace cib::api {

class ClientCall {
 public:
  // Throws CallError for a NULL handle, ClientStateError in a forked child (before touching
  // anything the parent's threads may hold) or once destroy has begun.
  explicit ClientCall(cib_client* handle);
  // Frees the handle when destroy came from inside a callback during this call.
  ~ClientCall();
  ClientCall(const ClientCall&) = delete;
  ClientCall& operator=(const ClientCall&) = delete;

  cib::Client& client() const { return *handle_->client; }

 private:
  cib_client* handle_;
};

}  // namespace cib::api
