// cib_status names, descriptions and whether trying again can help.
#include "cibatch.h"

namespace {

struct StatusInfo {
  cib_status status;
  const char* name;
  const char* description;
  bool retriable;
};

// A function-local table: no namespace-scope object with a constructor.
const StatusInfo* find_status(cib_status status) {
  static const StatusInfo kTable[] = {
      {CIB_OK, "CIB_OK", "success", false},
      {CIB_ERR_INVALID_ARGUMENT, "CIB_ERR_INVALID_ARGUMENT", "invalid argument", false},
      {CIB_ERR_UNSUPPORTED_VERSION, "CIB_ERR_UNSUPPORTED_VERSION", "unsupported struct version",
       false},
      {CIB_ERR_CONFIG_UNKNOWN_KEY, "CIB_ERR_CONFIG_UNKNOWN_KEY", "unknown configuration key",
       false},
      {CIB_ERR_CONFIG_INVALID_VALUE, "CIB_ERR_CONFIG_INVALID_VALUE", "invalid configuration value",
       false},
      {CIB_ERR_CONFIG_LOCKED, "CIB_ERR_CONFIG_LOCKED",
       "configuration key locked by the administrator", false},
      {CIB_ERR_CONFIG_SYNTAX, "CIB_ERR_CONFIG_SYNTAX", "configuration file unreadable or invalid",
       false},
      {CIB_ERR_CONFIG_MISSING, "CIB_ERR_CONFIG_MISSING", "required configuration key missing",
       false},
      {CIB_ERR_BUFFER_TOO_SMALL, "CIB_ERR_BUFFER_TOO_SMALL", "buffer too small", false},
      {CIB_ERR_TRANSPORT, "CIB_ERR_TRANSPORT", "connection failed", true},
      {CIB_ERR_TLS, "CIB_ERR_TLS", "TLS handshake or certificate verification failed", false},
      {CIB_ERR_TIMEOUT, "CIB_ERR_TIMEOUT", "network timeout", true},
      {CIB_ERR_HOST_REJECTED, "CIB_ERR_HOST_REJECTED", "the host refused the request", false},
      {CIB_ERR_AUTH, "CIB_ERR_AUTH", "the host refused the credential", false},
      {CIB_ERR_RATE_LIMITED, "CIB_ERR_RATE_LIMITED", "rate limited by the host", true},
      {CIB_ERR_HOST_UNAVAILABLE, "CIB_ERR_HOST_UNAVAILABLE", "the host is unavailable", true},
      {CIB_ERR_SPOOL, "CIB_ERR_SPOOL", "the spool could not be used", false},
      {CIB_ERR_SPOOL_DAMAGED, "CIB_ERR_SPOOL_DAMAGED",
       "the spool file is not a SQLite database or is damaged", false},
      {CIB_ERR_SPOOL_NEWER, "CIB_ERR_SPOOL_NEWER", "the spool was written by a newer cibatch",
       false},
      {CIB_ERR_SPOOL_FULL, "CIB_ERR_SPOOL_FULL",
       "the spool's disk is full or spool.max_mb is reached", true},
      {CIB_ERR_SPOOL_READ_ONLY, "CIB_ERR_SPOOL_READ_ONLY", "the spool is read-only", false},
      {CIB_ERR_BUDGET, "CIB_ERR_BUDGET", "the request budget's store could not be used", true},
      {CIB_ERR_QUEUE_FULL, "CIB_ERR_QUEUE_FULL", "too many updates pending", true},
      {CIB_ERR_TIMED_OUT, "CIB_ERR_TIMED_OUT", "timed out with work left", true},
      {CIB_ERR_UNDELIVERED, "CIB_ERR_UNDELIVERED", "updates left undelivered", true},
      {CIB_ERR_CLOSED, "CIB_ERR_CLOSED", "the client is shutting down", false},
      {CIB_ERR_FORKED, "CIB_ERR_FORKED", "called in a child process after fork()", false},
      {CIB_ERR_REENTRY, "CIB_ERR_REENTRY", "called from inside a callback", false},
      {CIB_ERR_INTERNAL, "CIB_ERR_INTERNAL", "internal error", false},
  };
  for (const auto& info : kTable) {
    if (info.status == status) return &info;
  }
  return nullptr;
}

}  // namespace

extern "C" {

CIB_API const char* cib_status_name(cib_status status) {
  const StatusInfo* info = find_status(status);
  return info != nullptr ? info->name : "CIB_UNKNOWN";
}

CIB_API const char* cib_status_str(cib_status status) {
  const StatusInfo* info = find_status(status);
  return info != nullptr ? info->description : "unknown status";
}

CIB_API int cib_status_is_retriable(cib_status status) {
  const StatusInfo* info = find_status(status);
  return info != nullptr && info->retriable ? 1 : 0;
}

}  // extern "C"
