// The client's SonarQube side: an analysis' report with its summary comment, and pull mode's
// worker (core/sonar_puller.h), made on first use or at open to resume dead processes' tasks.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/client.h"
#include "core/sonar_comment.h"
#include "core/sonar_task_record.h"

namespace cib {

void Client::post_sonar(Update report, std::int64_t pr) {
  check_caller();
  take_analysis(std::move(report), pr, false);
}

void Client::take_analysis(Update report, std::int64_t pr, bool closing) {
  std::optional<Update> comment;
  if (core_->settings.sonar_comment) comment = sonar_comment_update(report, pr);
  take(std::move(report), closing);
  if (comment) take(std::move(*comment), closing);
}

void Client::post_sonar_task(SonarTaskPost task) {
  check_caller();
  std::lock_guard<std::mutex> lock(puller_mutex_);
  if (shut_down_) {
    throw ClientStateError(ClientStateError::Code::closed, "the client is shutting down");
  }
  if (!puller_locked().add(std::move(task))) {
    throw ClientStateError(ClientStateError::Code::queue_full,
                           std::to_string(SonarPuller::kMaxWaiting) +
                               " Sonar tasks are already waiting; flush or retry later");
  }
}

SonarPuller& Client::puller_locked() {
  if (!puller_) {
    puller_ = std::make_unique<SonarPuller>(core_, [this](Update report, std::int64_t pr) {
      take_analysis(std::move(report), pr, true);
    });
  }
  return *puller_;
}

// Never throws: the dispatcher runs already, and a client that cannot resume still delivers.
void Client::resume_pull_tasks() {
  if (!core_->spool || core_->settings.sonar_url.empty()) return;
  try {
    std::vector<SonarTaskPost> tasks;
    for (const std::string& record : core_->spool->adopt_pull_tasks()) {
      if (auto task = decode_pull_task(record)) tasks.push_back(std::move(*task));
    }
    if (tasks.empty()) return;
    core_->log(LogLevel::info, "resuming " + std::to_string(tasks.size()) +
                                   " SonarQube task(s) a process that ended left in the spool");
    std::lock_guard<std::mutex> lock(puller_mutex_);
    puller_locked().resume(std::move(tasks));
  } catch (const std::exception& e) {
    core_->log(LogLevel::warning,
               std::string("SonarQube tasks left in the spool are not resumed: ") + e.what());
  }
}

}  // namespace cib
