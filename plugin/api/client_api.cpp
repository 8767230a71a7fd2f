// cib_client_*: argument checks, then the core client.
#include "api/client_call.h"
#include "api/guard.h"
#include "api/handles.h"
#include "api/payload_check.h"
#include "api/sonar_check.h"
#include "api/utf8.h"
#include "config/secret_redaction.h"

using cib::api::CallError;
using cib::api::ClientCall;
using cib::api::guarded;
using cib::api::require_pointer;

namespace {

// Strings the library hands a callback are UTF-8 whatever a host answered (a message cut
// inside a character, a proxy's page in another encoding).
void deliver(cib_delivery_cb cb, void* opaque, const cib::DeliveryReport& report) {
  if (cib::api::is_valid_utf8(report.message)) {
    const cib_delivery delivery{&report};
    cb(opaque, &delivery);
    return;
  }
  cib::DeliveryReport repaired = report;
  repaired.message = cib::api::repaired_utf8(report.message);
  const cib_delivery delivery{&repaired};
  cb(opaque, &delivery);
}

void log_line(cib_log_cb cb, void* opaque, cib::LogLevel level, const std::string& line) {
  const int32_t c_level = static_cast<int32_t>(level);
  if (cib::api::is_valid_utf8(line)) {
    cb(opaque, c_level, line.c_str());
  } else {
    cb(opaque, c_level, cib::api::repaired_utf8(line).c_str());
  }
}

// One post: Payload's conversion (api/payload_check.h) checks it and makes the core's update.
template <typename Payload>
cib_status post(const char* function, cib_client* client,
                cib::Update (*convert)(const Payload*, uint64_t, uint32_t), const Payload* payload,
                uint64_t tag, uint32_t flags, char* errstr, size_t errstr_size) {
  return guarded(function, errstr, errstr_size, [&] {
    const ClientCall call(client);
    call.client().post(convert(payload, tag, flags));
    return CIB_OK;
  });
}

}  // namespace

extern "C" {

CIB_API cib_status cib_client_new(cib_client** out, const cib_config* conf, char* errstr,
                                  size_t errstr_size) {
  cib::api::reset_out<cib_client*>(out, nullptr);
  return guarded("cib_client_new", errstr, errstr_size, [&] {
    require_pointer("out", out);
    require_pointer("conf", conf);
    auto client = std::make_unique<cib_client>();
    client->client = std::make_unique<cib::Client>(conf->store.settings());
    for (const std::string& key : conf->store.inline_secret_keys()) {
      client->client->log(cib::LogLevel::warning, cib::inline_secret_warning(key));
    }
    *out = client.release();
    return CIB_OK;
  });
}

CIB_API void cib_client_destroy(cib_client* client) {
  if (client == nullptr) return;
  cib::Client& c = *client->client;
  // A child's copy of its parent's client: its locks may be held by threads that are gone.
  // Touch nothing, leak it.
  if (c.forked()) return;
  bool from_callback = true;
  try {
    from_callback = c.in_callback();
    c.shutdown();
    // A dispatcher that did not stop in time must not call back into freed caller state.
    c.set_delivery_handler(nullptr);
    c.set_log_handler(nullptr, cib::LogLevel::error);
  } catch (...) {
    // Shutting down must not fail the caller; what was left stays undelivered.
  }
  bool free_now = false;
  try {
    // Calls that began before (a close still stopping, a flush or poll returning) end first.
    // Inside a callback the enclosing call cannot end first: it frees the handle as it returns.
    free_now = client->calls.close(!from_callback);
  } catch (...) {
    // Keep the handle (a leak) rather than free it under a running call.
  }
  if (free_now) delete client;
}

CIB_API cib_status cib_client_post_status(cib_client* client, const cib_build_status* status,
                                          uint64_t tag, uint32_t flags, char* errstr,
                                          size_t errstr_size) {
  return post("cib_client_post_status", client, cib::api::status_update, status, tag, flags, errstr,
              errstr_size);
}

CIB_API cib_status cib_client_post_comment(cib_client* client, const cib_comment* comment,
                                           uint64_t tag, uint32_t flags, char* errstr,
                                           size_t errstr_size) {
  return post("cib_client_post_comment", client, cib::api::comment_update, comment, tag, flags,
              errstr, errstr_size);
}

CIB_API cib_status cib_client_post_report(cib_client* client, const cib_report* report,
                                          uint64_t tag, uint32_t flags, char* errstr,
                                          size_t errstr_size) {
  return post("cib_client_post_report", client, cib::api::report_update, report, tag, flags, errstr,
              errstr_size);
}

CIB_API cib_status cib_client_post_sonar(cib_client* client, const cib_sonar* sonar, uint64_t tag,
                                         uint32_t flags, char* errstr, size_t errstr_size) {
  return guarded("cib_client_post_sonar", errstr, errstr_size, [&] {
    const ClientCall call(client);
    std::vector<cib::Update> updates = cib::api::sonar_updates(sonar, tag, flags);
    for (std::size_t i = 0; i < updates.size(); ++i) {
      try {
        call.client().post_sonar(std::move(updates[i]), sonar->pr);
      } catch (...) {
        if (i == 0) throw;
        // The runs before this one stay accepted: say so, keeping the cause's status.
        const std::string run = "sarif run " + std::to_string(i + 1);
        char cause[512];
        const cib_status status =
            cib::api::status_from_current_exception(run.c_str(), cause, sizeof cause);
        throw CallError(status, std::string(cause) + " (the " + std::to_string(i) +
                                    " run(s) before it stay accepted)");
      }
    }
    return CIB_OK;
  });
}

CIB_API cib_status cib_client_post_sonar_task(cib_client* client, const char* repo,
                                              const char* commit, int64_t pr,
                                              const char* report_task_path, uint64_t tag,
                                              uint32_t flags, char* errstr, size_t errstr_size) {
  return guarded("cib_client_post_sonar_task", errstr, errstr_size, [&] {
    const ClientCall call(client);
    if (call.client().settings().sonar_url.empty()) {
      throw CallError(CIB_ERR_CONFIG_MISSING,
                      "sonar.url: not set; pull mode reads the analysis from the Sonar server");
    }
    call.client().post_sonar_task(
        cib::api::sonar_task_post(repo, commit, pr, report_task_path, tag, flags));
    return CIB_OK;
  });
}

CIB_API cib_status cib_client_flush(cib_client* client, uint64_t tag, int32_t timeout_ms,
                                    size_t* left_out, char* errstr, size_t errstr_size) {
  cib::api::reset_out<size_t>(left_out, 0);
  return guarded("cib_client_flush", errstr, errstr_size, [&] {
    const ClientCall call(client);
    const cib::FlushResult result = call.client().flush(tag, cib::Duration(timeout_ms));
    if (left_out != nullptr) *left_out = result.left;
    if (result.left == 0) return CIB_OK;
    const std::string left = "tag " + std::to_string(tag) + ": " + std::to_string(result.left) +
                             " slot(s) left undelivered, " + std::to_string(result.gating_left) +
                             " of them gating";
    if (result.dispatcher_stopped) {
      throw CallError(CIB_ERR_UNDELIVERED, left + "; the client is shutting down");
    }
    throw CallError(result.gating_left > 0 ? CIB_ERR_UNDELIVERED : CIB_ERR_TIMED_OUT,
                    left + " after " + std::to_string(timeout_ms) +
                        " ms; they are still being delivered (see the log for why)");
  });
}

CIB_API cib_status cib_client_close(cib_client* client, size_t* left_out, size_t* gating_left_out,
                                    char* errstr, size_t errstr_size) {
  cib::api::reset_out<size_t>(left_out, 0);
  cib::api::reset_out<size_t>(gating_left_out, 0);
  return guarded("cib_client_close", errstr, errstr_size, [&] {
    const ClientCall call(client);
    const cib::FlushResult result = call.client().close();
    if (left_out != nullptr) *left_out = result.left;
    if (gating_left_out != nullptr) *gating_left_out = result.gating_left;
    if (result.left == 0) return CIB_OK;
    const std::string left = "client: " + std::to_string(result.left) + " slot(s) left, " +
                             std::to_string(result.gating_left) +
                             " of them gating; they stay in the spool for the next client or "
                             "`cibatch drain`";
    throw CallError(result.gating_left > 0 ? CIB_ERR_UNDELIVERED : CIB_ERR_TIMED_OUT, left);
  });
}

CIB_API cib_status cib_client_set_delivery_cb(cib_client* client, cib_delivery_cb cb, void* opaque,
                                              char* errstr, size_t errstr_size) {
  return guarded("cib_client_set_delivery_cb", errstr, errstr_size, [&] {
    const ClientCall call(client);
    cib::Client& c = call.client();
    if (cb == nullptr) {
      c.set_delivery_handler(nullptr);
    } else {
      c.set_delivery_handler(
          [cb, opaque](const cib::DeliveryReport& report) { deliver(cb, opaque, report); });
    }
    return CIB_OK;
  });
}

CIB_API cib_status cib_client_set_log_cb(cib_client* client, cib_log_cb cb, void* opaque,
                                         int32_t max_level, char* errstr, size_t errstr_size) {
  return guarded("cib_client_set_log_cb", errstr, errstr_size, [&] {
    const ClientCall call(client);
    cib::Client& c = call.client();
    if (max_level < CIB_LOG_ERROR || max_level > CIB_LOG_DEBUG) {
      throw CallError(CIB_ERR_INVALID_ARGUMENT,
                      "max_level: expected CIB_LOG_ERROR (0) to CIB_LOG_DEBUG (3), got " +
                          std::to_string(max_level));
    }
    if (cb == nullptr) {
      c.set_log_handler(nullptr, cib::LogLevel::error);
    } else {
      c.set_log_handler(
          [cb, opaque](cib::LogLevel level, const std::string& line) {
            log_line(cb, opaque, level, line);
          },
          static_cast<cib::LogLevel>(max_level));
    }
    return CIB_OK;
  });
}

CIB_API cib_status cib_client_poll(cib_client* client, int32_t timeout_ms, size_t* served_out,
                                   char* errstr, size_t errstr_size) {
  cib::api::reset_out<size_t>(served_out, 0);
  return guarded("cib_client_poll", errstr, errstr_size, [&] {
    const ClientCall call(client);
    const std::size_t served = call.client().poll(cib::Duration(timeout_ms));
    if (served_out != nullptr) *served_out = served;
    return CIB_OK;
  });
}

CIB_API cib_status cib_client_stats_json(cib_client* client, char* buf, size_t buf_size,
                                         size_t* needed_out, char* errstr, size_t errstr_size) {
  cib::api::clear_buffer_outputs(buf, buf_size, needed_out);
  return guarded("cib_client_stats_json", errstr, errstr_size, [&] {
    const ClientCall call(client);
    return cib::api::copy_to_buffer(call.client().stats_json(), buf, buf_size, needed_out);
  });
}

}  // extern "C"
