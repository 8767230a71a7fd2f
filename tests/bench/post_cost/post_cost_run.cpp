#include "post_cost_run.h"

#include <filesystem>
#include <iostream>
#include <system_error>
#include <utility>

namespace cib::bench {
namespace {

Settings spool_settings(const RunSetup& setup, const std::string& spool_dir) {
  Settings extra = {{"spool.sync", setup.sync_mode}};
  if (setup.sync_mode != "off") extra.emplace_back("spool.path", spool_dir + "/spool.db");
  return quiet_settings(setup.api_url, extra);
}

}  // namespace

PostCostRun::PostCostRun(const RunSetup& setup, int sequence)
    : spool_dir_(setup.scratch_dir + "/" + setup.sync_mode + "-" + std::to_string(sequence)) {
  std::error_code error;
  std::filesystem::create_directories(spool_dir_, error);
  if (error) {
    opened_.error = "cannot create " + spool_dir_ + ": " + error.message();
    return;
  }
  // A library without a spool keeps everything in memory: what mode off measures.
  opened_ =
      open_client(spool_settings(setup, spool_dir_), setup.sync_mode == "off" ? "spool.sync" : "");
}

PostCostRun::~PostCostRun() {
  opened_.client.reset();
  std::error_code ignored;  // a leftover file is only untidy; the scratch dir goes anyway
  std::filesystem::remove_all(spool_dir_, ignored);
}

void PostCostRun::deposit(std::vector<std::int64_t>&& samples_ns) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    samples_ns_.insert(samples_ns_.end(), samples_ns.begin(), samples_ns.end());
    ++deposits_;
  }
  deposited_.notify_all();
}

std::vector<std::int64_t> PostCostRun::wait_for_all(int threads) {
  std::unique_lock<std::mutex> lock(mutex_);
  deposited_.wait(lock, [&] { return deposits_ >= threads; });
  return std::move(samples_ns_);
}

std::shared_ptr<PostCostRun> RunCoordinator::join() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!current_) current_ = std::make_shared<PostCostRun>(setup_, ++sequence_);
  if (!current_->skipped().empty() && !told_skipped_) {
    told_skipped_ = true;
    std::cerr << "bench-post-cost: this libcibatch does not know " << current_->skipped()
              << "; it has no spool, so sync:" << setup_.sync_mode << " runs without one\n";
  }
  return current_;
}

void RunCoordinator::finish() {
  std::shared_ptr<PostCostRun> ended;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ended = std::move(current_);
  }
  // The last reference usually goes here, closing the client outside the lock.
}

std::string RunCoordinator::first_error() {
  std::lock_guard<std::mutex> lock(mutex_);
  return first_error_;
}

void RunCoordinator::note_error(const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (first_error_.empty()) first_error_ = error;
}

}  // namespace cib::bench
