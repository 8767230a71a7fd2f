// Argument checks of cib_sonar and the reading of its analysis into report updates. Every
// failure throws CallError: a field of the struct ("sonar->repo: ...") or the input and field
// the Sonar readers name ("issues page 2: issues[17].line: ...").
#pragma once

#include <cstdint>
#include <vector>

#include "cibatch.h"
#include "core/slot_table.h"
#include "core/sonar_puller.h"

namespace cib::api {

// One update per report: one for Web API answers, one per run of a SARIF document. All are
// read before it returns; nothing is returned half-read.
std::vector<Update> sonar_updates(const cib_sonar* sonar, std::uint64_t tag, std::uint32_t flags);

// The arguments of cib_client_post_sonar_task, and the scanner's report-task.txt read (its
// errors name the file as given and the property).
SonarTaskPost sonar_task_post(const char* repo, const char* commit, std::int64_t pr,
                              const char* report_task_path, std::uint64_t tag, std::uint32_t flags);

}  // namespace cib::api
