#include "worker_pool.h"

#include <algorithm>
#include <utility>

#include "runtime/named_thread.h"

namespace cib::agent {

WorkerPool::WorkerPool(std::size_t workers, const std::string& name) {
  try {
    for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i) {
      threads_.push_back(start_named_thread(name, [this] { run(); }));
    }
  } catch (...) {
    stop();
    throw;
  }
}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void WorkerPool::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    dropped.swap(tasks_);
  }
  wake_.notify_all();
  dropped.clear();  // outside the lock: a task's captures may post to others
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    try {
      task();
    } catch (...) {
      // The handler's failure: its reply is dropped with it, which closes the connection.
    }
  }
}

}  // namespace cib::agent
