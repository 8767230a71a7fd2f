// The scanner's `report-task.txt` (a Java properties file the SonarQube scanners write next to
// their work directory): which compute-engine task will produce the analysis, and of which
// project.
#pragma once

#include <string>

namespace cib::sonar {

struct ReportTask {
  std::string ce_task_id;     // ceTaskId: the task to wait for
  std::string project_key;    // projectKey
  std::string dashboard_url;  // dashboardUrl, or ""
  std::string server_url;     // serverUrl, or "" (informative: requests go to sonar.url)
  std::string organization;   // organization (SonarCloud), or ""
};

// Reads and checks the file. Throws SonarError (invalid_input) naming the file as given and the
// property: "build/sonar/report-task.txt: ceTaskId: missing". The file may hold at most 64 KiB.
ReportTask read_report_task(const std::string& path);

// The same, from the file's text; `name` names it in messages.
ReportTask parse_report_task(const std::string& text, const std::string& name);

}  // namespace cib::sonar
