// The one barrier every entry point goes through: it runs the body, turns every exception into a
// cib_status and a sentence in the caller's errstr, and lets nothing escape.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "cibatch.h"

namespace cib::api {

// A call the shim ends with a given status: a bad argument (the message names the field), or
// an outcome only the shim words (CIB_ERR_UNDELIVERED, _TIMED_OUT, _SPOOL, _BUFFER_TOO_SMALL).
class CallError : public std::runtime_error {
 public:
  CallError(cib_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  cib_status status() const { return status_; }

 private:
  cib_status status_;
};

// Copies message into errstr (NUL-terminated, truncated silently at a character boundary, bytes
// that are not UTF-8 replaced by U+FFFD; errstr may be NULL).
void write_message(char* errstr, std::size_t errstr_size, const std::string& message);

// Copies text into a caller's buffer: sets *needed_out (may be NULL) to the size with the NUL;
// CIB_ERR_BUFFER_TOO_SMALL (buffer untouched but for a NUL) when buf_size is less.
cib_status copy_to_buffer(const std::string& text, char* buf, std::size_t buf_size,
                          std::size_t* needed_out);

// What a buffer function leaves when it fails before copying: "" in buf (when it has room for
// it) and 0 in *needed_out (may be NULL). Called first, before any check.
void clear_buffer_outputs(char* buf, std::size_t buf_size, std::size_t* needed_out) noexcept;

// Sets *out (may be NULL) to value; called first, before any check.
template <typename T>
void reset_out(T* out, T value) noexcept {
  if (out != nullptr) *out = value;
}

// Maps the exception in flight to a status and writes "function: message". Call only from a
// catch block.
cib_status status_from_current_exception(const char* function, char* errstr,
                                         std::size_t errstr_size) noexcept;

template <typename Body>
cib_status guarded(const char* function, char* errstr, std::size_t errstr_size,
                   Body&& body) noexcept {
  try {
    const cib_status status = body();
    if (status == CIB_OK) write_message(errstr, errstr_size, "");
    return status;
  } catch (...) {
    return status_from_current_exception(function, errstr, errstr_size);
  }
}

}  // namespace cib::api
