#include "sonar_pull/report_task.h"

#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sonar/sonar_error.h"

namespace cib::sonar {
namespace {

constexpr std::size_t kMaxFileBytes = 64 * 1024;
constexpr std::size_t kMaxTaskId = 128;
constexpr std::size_t kMaxProjectKey = 400;  // SonarQube's own limit of a project key
constexpr std::size_t kMaxUrl = 4096;

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw SonarError(SonarErrorKind::invalid_input, name + ": " + what);
}

// A task id goes into a query: SonarQube's are [A-Za-z0-9_-] (e.g. "AYx3-kS2tO5Tz0pK9Y3a").
bool is_task_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxTaskId &&
         std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '-' || c == '_'; });
}

bool has_control_bytes(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string property(const Poco::Util::PropertyFileConfiguration& file, const std::string& key,
                     const std::string& name, std::size_t max_bytes) {
  const std::string value = file.getRawString(key, "");
  if (value.size() > max_bytes) {
    fail(name, key + ": longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (has_control_bytes(value)) fail(name, key + ": holds control characters");
  return value;
}

}  // namespace

ReportTask parse_report_task(const std::string& text, const std::string& name) {
  if (text.size() > kMaxFileBytes) {
    fail(name, "larger than " + std::to_string(kMaxFileBytes) +
                   " bytes; is it the scanner's report-task.txt?");
  }
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file(
      new Poco::Util::PropertyFileConfiguration);
  std::istringstream in(text);
  try {
    file->load(in);
  } catch (const Poco::Exception& e) {
    fail(name, "not a properties file: " + e.displayText());
  }
  ReportTask task;
  task.ce_task_id = property(*file, "ceTaskId", name, kMaxTaskId * 4);
  if (task.ce_task_id.empty()) {
    fail(name, "ceTaskId: missing; is it the scanner's report-task.txt?");
  }
  if (!is_task_id(task.ce_task_id)) {
    fail(name, "ceTaskId: expected letters, digits, '-' and '_' (at most " +
                   std::to_string(kMaxTaskId) + ")");
  }
  task.project_key = property(*file, "projectKey", name, kMaxProjectKey);
  if (task.project_key.empty()) fail(name, "projectKey: missing");
  task.dashboard_url = property(*file, "dashboardUrl", name, kMaxUrl);
  task.server_url = property(*file, "serverUrl", name, kMaxUrl);
  task.organization = property(*file, "organization", name, kMaxProjectKey);
  return task;
}

ReportTask read_report_task(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, std::string("cannot be read: ") + std::strerror(errno));
  std::string text(kMaxFileBytes + 1, '\0');
  in.read(&text[0], static_cast<std::streamsize>(text.size()));
  if (in.bad()) fail(path, "cannot be read");
  text.resize(static_cast<std::size_t>(in.gcount()));
  return parse_report_task(text, path);
}

}  // namespace cib::sonar
