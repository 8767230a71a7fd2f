// What the opaque handles of cibatch.h hold: a pointer-sized wrapper over the C++ core.
#pragma once

#include <memory>

#include "api/call_gate.h"
#include "cibatch.h"
#include "config/config_store.h"
#include "core/client.h"
#include "core/delivery_report.h"

struct cib_config {
  cib::ConfigStore store;
};

struct cib_client {
  std::unique_ptr<cib::Client> client;
  cib::api::CallGate calls;  // cib_client_destroy frees the handle once no call runs
};

struct cib_delivery {
  const cib::DeliveryReport* report;
};
