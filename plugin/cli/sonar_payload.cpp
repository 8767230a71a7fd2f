#include "sonar_payload.h"

#include "payload_limits.h"
#include "trace_fields.h"
#include "trace_reader.h"

namespace cib::cli {
namespace {

std::string resolved(const std::string& path, const std::string& folder) {
  if (path.empty() || path[0] == '/' || folder.empty()) return path;
  return folder + "/" + path;
}

// "" for a file the op does not name.
std::string read_json(const std::string& path, const std::string& folder) {
  if (path.empty()) return "";
  const std::string file = resolved(path, folder);
  std::string text;
  try {
    text = trace::read_text_file(file);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    throw trace::TraceError(what.compare(0, file.size(), file) == 0 ? what : file + ": " + what);
  }
  const std::size_t line = trace::first_nul_line(text, true);
  if (line > 0) {
    throw trace::TraceError(file + ":" + std::to_string(line) +
                            ": holds a NUL character (\\u0000), which the library cannot carry "
                            "(a C string ends there); remove it");
  }
  return text;
}

}  // namespace

SonarTexts read_sonar_files(const trace::SonarOp& op, const std::string& folder) {
  SonarTexts texts;
  texts.op = op;
  for (const std::string& path : op.issues) texts.pages.push_back(read_json(path, folder));
  texts.gate = read_json(op.gate, folder);
  texts.measures = read_json(op.measures, folder);
  texts.sarif = read_json(op.sarif, folder);
  return texts;
}

SonarPayload::SonarPayload(const trace::SonarOp& op, const std::string& folder)
    : SonarPayload(read_sonar_files(op, folder)) {}

SonarPayload::SonarPayload(SonarTexts texts)
    : op_(std::move(texts.op)),
      pages_(std::move(texts.pages)),
      gate_(std::move(texts.gate)),
      measures_(std::move(texts.measures)),
      sarif_(std::move(texts.sarif)),
      sonar_(CIB_SONAR_INIT) {
  for (const std::string& page : pages_) page_ptrs_.push_back(page.c_str());
  sonar_.repo = op_.repo.c_str();
  sonar_.commit = op_.commit.c_str();
  sonar_.pr = op_.pr;
  sonar_.id = op_.id.c_str();
  sonar_.issue_pages = page_ptrs_.empty() ? nullptr : page_ptrs_.data();
  sonar_.issue_page_count = page_ptrs_.size();
  sonar_.gate = gate_.c_str();
  sonar_.measures = measures_.c_str();
  sonar_.sarif = sarif_.c_str();
  sonar_.server_url = op_.server_url.c_str();
  sonar_.dashboard_url = op_.dashboard_url.c_str();
}

std::string trace_folder(const std::string& trace_path) {
  const std::size_t slash = trace_path.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : trace_path.substr(0, slash);
}

}  // namespace cib::cli
