// The threads that run the agent's handler: a fixed number of them take request lines from one
// queue, in order of arrival.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cib::agent {

class WorkerPool {
 public:
  // Starts `workers` (at least 1) threads named `name`. Throws std::system_error.
  WorkerPool(std::size_t workers, const std::string& name);
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Any thread. A task that throws ends quietly; after stop() tasks are dropped unrun.
  void submit(std::function<void()> task);
  // Drops the tasks not begun, waits for those running, joins the threads. Idempotent.
  void stop();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cib::agent
