#include "core/sonar_puller.h"

#include "core/sonar_task_record.h"
#include "runtime/named_thread.h"
#include "sonar/sonar_analysis.h"
#include "sonar/sonar_error.h"
#include "sonar_pull/analysis_pull.h"
#include "sonar_pull/sonar_server.h"

namespace cib {

struct SonarPuller::State : sonar::PullWaiter {
  State(std::shared_ptr<ClientCore> client_core, Post post_fn)
      : core(std::move(client_core)),
        post(std::move(post_fn)),
        server(sonar_transport(core->settings), core->settings.sonar_token,
               core->settings.sonar_organization) {}

  static TransportSettings sonar_transport(const Settings& settings) {
    TransportSettings transport = transport_settings(settings);
    transport.base_url = settings.sonar_url;
    return transport;
  }

  TimePoint now() const override { return std::chrono::steady_clock::now(); }
  bool wait(Duration d) override {
    std::unique_lock<std::mutex> lock(mutex);
    return !wake.wait_for(lock, d, [this] { return stopping; });
  }

  void run();
  // Pulls one task's analysis and posts it, or reports or keeps it. Throws only when even that
  // fails (out of memory).
  void pull_one(const SonarTaskPost& job, TimePoint posted);
  void fail(const SonarTaskPost& job, const std::string& message, int http_status);
  // The task ended (posted or failed): out of the spool, and no longer counted.
  void finish(const SonarTaskPost& job);
  // The client stopped first: kept in the spool for a later client, else reported failed.
  void abandon(const SonarTaskPost& job, const std::string& why);
  // No longer waiting or running: wait_idle() may return.
  void uncount(const SonarTaskPost& job);
  // Waiting or running, of `tag` (0: of every tag). With `mutex` held.
  std::size_t unfinished(std::uint64_t tag) const;

  const std::shared_ptr<ClientCore> core;
  const Post post;
  sonar::SonarServer server;

  std::mutex mutex;                                         // guards what follows
  std::condition_variable wake;                             // the worker waits on it
  std::condition_variable idle;                             // wait_idle() waits on it
  std::deque<std::pair<SonarTaskPost, TimePoint>> waiting;  // with the post's time
  std::map<std::uint64_t, std::size_t> by_tag;              // waiting or running, per tag
  bool stopping = false;
  bool done = false;

  std::mutex post_mutex;  // held while `post` runs; stop() takes it to end posting for good
  bool posting_closed = false;
};

void SonarPuller::State::run() {
  for (;;) {
    std::pair<SonarTaskPost, TimePoint> job;
    {
      std::unique_lock<std::mutex> lock(mutex);
      wake.wait(lock, [this] { return stopping || !waiting.empty(); });
      if (stopping) break;
      job = std::move(waiting.front());
      waiting.pop_front();
    }
    try {
      pull_one(job.first, job.second);
    } catch (...) {
      // Out of memory even for reporting the failure: the task stays in the spool for a later
      // client, and this thread goes on with the next one.
      uncount(job.first);
    }
  }
  std::deque<std::pair<SonarTaskPost, TimePoint>> left;
  {
    std::lock_guard<std::mutex> lock(mutex);
    left.swap(waiting);
  }
  for (const auto& job : left) {
    try {
      abandon(job.first, "the client closed before the task was polled");
    } catch (...) {
      uncount(job.first);
    }
  }
  std::lock_guard<std::mutex> lock(mutex);
  done = true;
  idle.notify_all();
}

void SonarPuller::State::pull_one(const SonarTaskPost& job, TimePoint posted) {
  const TimePoint deadline = posted + Duration(core->settings.sonar_wait_timeout_ms);
  try {
    sonar::PulledAnalysis pulled =
        sonar::pull_analysis(server, job.task, core->settings.sonar_url, deadline, *this);
    Update report = job.base;
    ReportContent content = sonar::read_sonar_analysis(pulled.answers);
    const std::string note = sonar::left_out_note(pulled);
    if (!note.empty()) {
      content.details = note + (content.details.empty() ? "" : " ") + content.details;
    }
    report.content = std::move(content);
    std::lock_guard<std::mutex> gate(post_mutex);
    if (posting_closed) {
      abandon(job, "the client closed before the analysis was posted");
      return;
    }
    post(std::move(report), job.pr);
  } catch (const sonar::PullStopped& e) {
    abandon(job, e.what());
    return;
  } catch (const sonar::PullFailed& e) {
    fail(job, e.what(), e.http_status());
  } catch (const sonar::SonarError& e) {
    fail(job, std::string("the Sonar server's answer: ") + e.what(), 0);
  } catch (const std::exception& e) {
    fail(job, e.what(), 0);
  }
  finish(job);
}

void SonarPuller::State::abandon(const SonarTaskPost& job, const std::string& why) {
  if (core->spool) {
    core->log(LogLevel::info, "SonarQube task " + job.task.ce_task_id + ": " + why +
                                  "; kept in the spool for the next client");
  } else {
    fail(job, "SonarQube task " + job.task.ce_task_id + ": " + why, 0);
  }
  uncount(job);
}

void SonarPuller::State::fail(const SonarTaskPost& job, const std::string& message,
                              int http_status) {
  DeliveryReport report;
  report.tag = job.base.tag;
  report.slot = job.base.id;
  report.outcome = Outcome::failed;
  report.http_status = http_status;
  report.message = message;
  core->log(LogLevel::warning, report.slot.repo + "@" + report.slot.commit + " report " +
                                   report.slot.key + ": " + report.message);
  std::vector<DeliveryReport> reports{report};
  core->reports.push_reports(reports);
}

void SonarPuller::State::finish(const SonarTaskPost& job) {
  if (core->spool) {
    try {
      core->spool->remove_pull_task(pull_task_key(job));
    } catch (const std::exception& e) {
      core->log(LogLevel::warning, std::string("SonarQube task ") + job.task.ce_task_id +
                                       ": ended, but stays in the spool: " + e.what());
    }
  }
  uncount(job);
}

void SonarPuller::State::uncount(const SonarTaskPost& job) {
  std::lock_guard<std::mutex> lock(mutex);
  auto found = by_tag.find(job.base.tag);
  if (found != by_tag.end() && --found->second == 0) by_tag.erase(found);
  idle.notify_all();
}

std::size_t SonarPuller::State::unfinished(std::uint64_t tag) const {
  if (tag != 0) {
    const auto found = by_tag.find(tag);
    return found == by_tag.end() ? 0 : found->second;
  }
  std::size_t count = 0;
  for (const auto& entry : by_tag) count += entry.second;
  return count;
}

SonarPuller::SonarPuller(std::shared_ptr<ClientCore> core, Post post)
    : state_(std::make_shared<State>(std::move(core), std::move(post))) {}

SonarPuller::~SonarPuller() {
  stop();
}

bool SonarPuller::add(SonarTaskPost task) {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (state_->stopping || state_->waiting.size() >= kMaxWaiting) return false;
  }
  // On disk before the call returns; outside the lock, which the worker's waits take.
  if (state_->core->spool) {
    state_->core->spool->save_pull_task(pull_task_key(task), encode_pull_task(task));
  }
  std::lock_guard<std::mutex> lock(state_->mutex);
  if (state_->stopping) return false;
  enqueue_locked(std::move(task));
  return true;
}

void SonarPuller::resume(std::vector<SonarTaskPost> tasks) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (SonarTaskPost& task : tasks) enqueue_locked(std::move(task));
}

void SonarPuller::enqueue_locked(SonarTaskPost task) {
  if (!thread_.joinable()) {
    auto state = state_;
    thread_ = start_named_thread("cib-sonar", [state] { state->run(); });
  }
  ++state_->by_tag[task.base.tag];
  state_->waiting.emplace_back(std::move(task), std::chrono::steady_clock::now());
  state_->wake.notify_one();
}

std::size_t SonarPuller::wait_idle(std::uint64_t tag, TimePoint deadline) {
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->idle.wait_until(lock, deadline,
                          [&] { return state_->unfinished(tag) == 0 || state_->done; });
  return state_->unfinished(tag);
}

void SonarPuller::stop() {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->stopping = true;
    state_->wake.notify_all();
  }
  state_->server.abort();
  {
    std::lock_guard<std::mutex> gate(state_->post_mutex);
    state_->posting_closed = true;
  }
  if (!thread_.joinable()) return;
  std::unique_lock<std::mutex> lock(state_->mutex);
  const bool done = state_->idle.wait_for(lock, Duration(1000), [this] { return state_->done; });
  lock.unlock();
  if (done) {
    thread_.join();
  } else {
    thread_.detach();  // it holds its own reference to what it uses
  }
}

void SonarPuller::abandon_after_fork() {
  if (thread_.joinable()) new std::thread(std::move(thread_));
  new std::shared_ptr<State>(std::move(state_));
}

}  // namespace cib
