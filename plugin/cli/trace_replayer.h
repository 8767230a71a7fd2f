// Replays trace ops through the C ABI in real time: posts, sleeps (scaled) and flushes.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "command_client.h"
#include "trace_op.h"

namespace cib::cli {

class TraceReplayer {
 public:
  // time_scale multiplies every sleep (0.5 replays twice as fast). flush_timeout_ms bounds
  // each flush op that sets no timeout_ms of its own, so that no flush waits without end.
  TraceReplayer(CommandClient& session, std::string trace_name, std::uint64_t tag,
                double time_scale, std::int32_t flush_timeout_ms)
      : session_(session),
        trace_name_(std::move(trace_name)),
        tag_(tag),
        time_scale_(time_scale),
        flush_timeout_ms_(flush_timeout_ms) {}

  // After each post the library accepts, writes "returned LINE" (the post's line in the trace)
  // to out and flushes it, so a process watching out knows which posts returned before it
  // ended this one. out must outlive the replayer.
  void echo_returns_to(std::ostream& out) { echo_out_ = &out; }

  // CommandError naming TRACE:LINE when the library refuses a post.
  void run(const std::vector<trace::TraceLine>& lines);

  // Post calls the library accepted.
  std::int64_t calls() const { return calls_; }

 private:
  void replay(const trace::TraceLine& line);
  void sleep(std::int64_t ms);
  void flush(const trace::TraceLine& line, std::int64_t timeout_ms);
  void post_sonar(const trace::TraceLine& line, const trace::SonarOp& op);
  template <typename Payload>
  void post(const trace::TraceLine& line, const Payload& payload);
  std::string where(const trace::TraceLine& line) const;

  CommandClient& session_;
  std::string trace_name_;
  std::uint64_t tag_;
  double time_scale_;
  std::int32_t flush_timeout_ms_;
  std::int64_t calls_ = 0;
  std::ostream* echo_out_ = nullptr;
  // Sleeps are measured from the anchor, so the time spent in posts does not add up.
  std::chrono::steady_clock::time_point anchor_;
  double trace_ms_ = 0;
};

// Reads the files of every sonar op (relative to the trace's folder) before anything is posted:
// CommandError naming TRACE:LINE and the file when one cannot be read.
void check_sonar_files(const std::vector<trace::TraceLine>& lines, const std::string& trace_name);

}  // namespace cib::cli
