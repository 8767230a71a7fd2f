// One input's calls on the C ABI: a configuration pointed at the simulator, then whatever the
// bytes say. See abi_calls_fuzz.cpp.
#pragma once

#include <string>

#include "abi_bytes.h"
#include "cibatch.h"

namespace cib::fuzz {

// Calls one input makes at most, so that a run stays short.
constexpr int kMaxCalls = 48;

class AbiSession {
 public:
  // `folder` holds the spool and budget files of this input's clients.
  AbiSession(AbiBytes& in, const std::string& api_url, const std::string& folder);
  ~AbiSession();
  AbiSession(const AbiSession&) = delete;
  AbiSession& operator=(const AbiSession&) = delete;

  // Decodes one call from the input and makes it.
  void call();

 private:
  void set_base(const std::string& api_url);
  void config_set();
  void client_new();
  void client_end();
  void post_status();
  void post_comment();
  void post_report();
  void post_sonar();
  void flush();
  void poll();
  void json();

  AbiBytes& in_;
  std::string folder_;
  cib_config* config_ = nullptr;
  cib_client* client_ = nullptr;
  int clients_ = 0;
  char errstr_[256] = {};
};

}  // namespace cib::fuzz
