// The cib_sonar of a sonar op (a trace's, or the `cibatch sonar` command's): its files read
// (relative to the trace's folder) and the C struct pointed into the texts, valid for as long as
// the payload lives. It cannot be copied or moved, because that would leave the pointers behind.
#pragma once

#include <string>
#include <vector>

#include "cibatch.h"
#include "trace_op.h"

namespace cib::cli {

// The texts of a sonar op's files, read: what the agent receives in their place.
struct SonarTexts {
  trace::SonarOp op;  // its file members name files, or are left as they came
  std::vector<std::string> pages;
  std::string gate, measures, sarif;
};

// Reads every file op names, a relative path resolved against `folder` ("": as given).
// trace::TraceError naming the file when one cannot be read or holds a NUL.
SonarTexts read_sonar_files(const trace::SonarOp& op, const std::string& folder);

class SonarPayload {
 public:
  // read_sonar_files(op, folder), then as below.
  SonarPayload(const trace::SonarOp& op, const std::string& folder);
  // The struct over texts already read (the agent's, from a command).
  explicit SonarPayload(SonarTexts texts);
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
