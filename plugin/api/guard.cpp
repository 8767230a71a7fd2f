#include "api/guard.h"

#include <cstring>
#include <new>

#include "api/utf8.h"
#include "budget/budget_error.h"
#include "config/config_store.h"
#include "core/client.h"
#include "redis/redis_error.h"
#include "spool/spool_error.h"

namespace cib::api {
namespace {

cib_status config_status(ConfigError::Code code) {
  switch (code) {
    case ConfigError::Code::unknown_key:
      return CIB_ERR_CONFIG_UNKNOWN_KEY;
    case ConfigError::Code::invalid_value:
      return CIB_ERR_CONFIG_INVALID_VALUE;
    case ConfigError::Code::locked:
      return CIB_ERR_CONFIG_LOCKED;
    case ConfigError::Code::syntax:
      return CIB_ERR_CONFIG_SYNTAX;
    case ConfigError::Code::missing:
      return CIB_ERR_CONFIG_MISSING;
  }
  return CIB_ERR_INTERNAL;
}

cib_status state_status(ClientStateError::Code code) {
  switch (code) {
    case ClientStateError::Code::closed:
      return CIB_ERR_CLOSED;
    case ClientStateError::Code::forked:
      return CIB_ERR_FORKED;
    case ClientStateError::Code::reentry:
      return CIB_ERR_REENTRY;
    case ClientStateError::Code::queue_full:
      return CIB_ERR_QUEUE_FULL;
  }
  return CIB_ERR_INTERNAL;
}

cib_status spool_status(SpoolError::Kind kind) {
  switch (kind) {
    case SpoolError::Kind::not_sqlite:
      return CIB_ERR_SPOOL_DAMAGED;
    case SpoolError::Kind::newer_schema:
      return CIB_ERR_SPOOL_NEWER;
    case SpoolError::Kind::full:
      return CIB_ERR_SPOOL_FULL;
    case SpoolError::Kind::read_only:
      return CIB_ERR_SPOOL_READ_ONLY;
    case SpoolError::Kind::open:
    case SpoolError::Kind::network_fs:
    case SpoolError::Kind::io:
      break;
  }
  return CIB_ERR_SPOOL;
}

}  // namespace

void write_message(char* errstr, std::size_t errstr_size, const std::string& message) {
  if (errstr == nullptr || errstr_size == 0) return;
  // A system's message may carry a file name in another encoding; a cut must not split a
  // character (JNI's NewStringUTF refuses what is not UTF-8).
  std::string repaired;
  const std::string* text = &message;
  if (!is_valid_utf8(message)) text = &(repaired = repaired_utf8(message));
  const std::size_t n = utf8_prefix_length(*text, errstr_size - 1);
  std::memcpy(errstr, text->data(), n);
  errstr[n] = '\0';
}

cib_status copy_to_buffer(const std::string& text, char* buf, std::size_t buf_size,
                          std::size_t* needed_out) {
  const std::size_t needed = text.size() + 1;
  if (needed_out != nullptr) *needed_out = needed;
  if (buf == nullptr && buf_size > 0) {
    throw CallError(CIB_ERR_INVALID_ARGUMENT, "buf: is NULL but buf_size > 0");
  }
  if (buf_size < needed) {
    if (buf_size > 0) buf[0] = '\0';
    throw CallError(
        CIB_ERR_BUFFER_TOO_SMALL,
        "buf: " + std::to_string(buf_size) + " bytes given, " + std::to_string(needed) + " needed");
  }
  std::memcpy(buf, text.c_str(), needed);
  return CIB_OK;
}

void clear_buffer_outputs(char* buf, std::size_t buf_size, std::size_t* needed_out) noexcept {
  if (buf != nullptr && buf_size > 0) buf[0] = '\0';
  reset_out<std::size_t>(needed_out, 0);
}

cib_status status_from_current_exception(const char* function, char* errstr,
                                         std::size_t errstr_size) noexcept {
  cib_status status = CIB_ERR_INTERNAL;
  const char* field = "";
  const char* what = "unknown exception";
  try {
    throw;
  } catch (const CallError& e) {
    status = e.status();
    what = e.what();
  } catch (const ConfigError& e) {
    status = config_status(e.code());
    what = e.what();
  } catch (const ClientStateError& e) {
    status = state_status(e.code());
    what = e.what();
    // Its subject is the client handle; a full queue names its key itself.
    if (e.code() != ClientStateError::Code::queue_full) field = "client: ";
  } catch (const SpoolError& e) {
    status = spool_status(e.kind());
    what = e.what();
  } catch (const BudgetError& e) {
    status = e.kind() == BudgetError::Kind::config ? CIB_ERR_CONFIG_INVALID_VALUE : CIB_ERR_BUDGET;
    what = e.what();
  } catch (const RedisError& e) {
    status = e.kind() == RedisError::Kind::config ? CIB_ERR_CONFIG_INVALID_VALUE : CIB_ERR_BUDGET;
    what = e.what();
  } catch (const std::bad_alloc&) {
    what = "out of memory";
  } catch (const std::invalid_argument& e) {
    status = CIB_ERR_CONFIG_INVALID_VALUE;
    what = e.what();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  try {
    write_message(errstr, errstr_size, std::string(function) + ": " + field + what);
  } catch (...) {
    write_message(errstr, errstr_size, "");
  }
  return status;
}

}  // namespace cib::api
