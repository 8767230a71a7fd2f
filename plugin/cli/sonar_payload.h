// The cib_sonar of a sonar op (a trace's, or the `cibatch sonar` command's): its files read
// (relative to the trace's folder) and the C struct pointed into the texts, valid for as long as
// the payload lives. It cannot be copied or moved, because that would leave the pointers behind.
#pragma once

#include <string>
#include <vector>

#include "cibatch.h"
#include "trace_op.h"

namespace cib::cli {

class SonarPayload {
 public:
  // Reads every file op names, a relative path resolved against `folder` ("": as given).
  // trace::TraceError naming the file when one cannot be read or holds a NUL.
  SonarPayload(const trace::SonarOp& op, const std::string& folder);
  SonarPayload(const SonarPayload&) = delete;
  SonarPayload& operator=(const SonarPayload&) = delete;
  const cib_sonar* get() const { return &sonar_; }

 private:
  trace::SonarOp op_;
  std::vector<std::string> pages_;
  std::vector<const char*> page_ptrs_;
  std::string gate_, measures_, sarif_;
  cib_sonar sonar_;
};

// The folder of a trace file, against which its sonar files are resolved ("" for none).
std::string trace_folder(const std::string& trace_path);

}  // namespace cib::cli
