// The request budget through the C ABI: `cibatch budget` is written against it.
#include "api/client_call.h"
#include "api/guard.h"
#include "api/handles.h"
#include "api/payload_check.h"
#include "budget/budget_report.h"
#include "cibatch.h"
#include "runtime/clock.h"

using cib::api::guarded;

// The budget's own failures map to CIB_ERR_BUDGET in the guard (api/guard.cpp).

CIB_API cib_status cib_client_budget_json(cib_client* client, char* buf, size_t buf_size,
                                          size_t* needed_out, char* errstr, size_t errstr_size) {
  cib::api::clear_buffer_outputs(buf, buf_size, needed_out);
  return guarded("cib_client_budget_json", errstr, errstr_size, [&] {
    const cib::api::ClientCall call(client);
    return cib::api::copy_to_buffer(call.client().budget_json(), buf, buf_size, needed_out);
  });
}

CIB_API cib_status cib_budget_json(const cib_config* conf, char* buf, size_t buf_size,
                                   size_t* needed_out, char* errstr, size_t errstr_size) {
  cib::api::clear_buffer_outputs(buf, buf_size, needed_out);
  return guarded("cib_budget_json", errstr, errstr_size, [&] {
    cib::api::require_pointer("conf", conf);
    const cib::SystemClock clock;
    return cib::api::copy_to_buffer(cib::budget_store_json(conf->store.settings(), clock), buf,
                                    buf_size, needed_out);
  });
}
